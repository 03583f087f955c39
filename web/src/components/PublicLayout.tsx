import { Box, Container, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Signed-out pages: a header with the product name and one centred card. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" py="md" px="lg">
        <Text fw={800} size="xl" c="indigo.9">
          Trellis
        </Text>
      </Box>
      <Container component="main" size={440} py="xl">
        <Paper withBorder shadow="sm" p="xl" radius="md">
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
