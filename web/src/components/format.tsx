import { Stack, Text } from '@mantine/core';
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTime.format(d);
}

/** A time element with a readable date and the exact instant as its machine value. */
export function DateTime({ value, empty = '—' }: { value: string | null | undefined; empty?: string }) {
  if (!value) return <>{empty}</>;
  return <time dateTime={value}>{formatDateTime(value)}</time>;
}

export function capitalize(value: string): string {
  const s = value.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A table cell of a name with a smaller line under it (a domain, an email), when there is one. */
export function NameWithDetail({ name, detail }: { name: string; detail?: string | null }) {
  return (
    <Stack gap={0}>
      <Text size="sm">{name}</Text>
      {detail && (
        <Text size="xs" c="gray.8">
          {detail}
        </Text>
      )}
    </Stack>
  );
}
