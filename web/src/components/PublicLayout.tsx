import { Box, Container, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Signed-out pages: a header with the product name and one centred card (wider for long forms). */
export function PublicLayout({ children, size = 440 }: { children: ReactNode; size?: number }) {
  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" py="md" px="lg">
        <Text fw={800} size="xl" c="indigo.9">
          Trellis
        </Text>
      </Box>
      <Container component="main" size={size} py="xl">
        <Paper withBorder shadow="sm" p="xl" radius="md">
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
