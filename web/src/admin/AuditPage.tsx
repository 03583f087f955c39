import { Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { usePageTitle } from '../components/usePageTitle';
import { AuditTable } from './AuditTable';

export function AuditPage() {
  usePageTitle('Audit log');
  const [action, setAction] = useState('');
  const [objectType, setObjectType] = useState('');
  const [filters] = useDebouncedValue({ action: action.trim(), objectType: objectType.trim() }, 300);

  return (
    <Stack>
      <Title order={1}>Audit log</Title>
      <Text size="sm">Every change in Trellis: who made it, when, and what it was before and after.</Text>
      <Group align="flex-end">
        <TextInput
          label="Action"
          placeholder="e.g. product.created"
          value={action}
          onChange={(e) => setAction(e.currentTarget.value)}
          w={240}
        />
        <TextInput
          label="Object type"
          placeholder="e.g. product"
          value={objectType}
          onChange={(e) => setObjectType(e.currentTarget.value)}
          w={240}
        />
      </Group>
      <AuditTable label="Audit entries" params={filters} />
    </Stack>
  );
}
