import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { DateTime } from './format';

/** One labelled value of a details list. */
export function DetailField({
  label,
  labelWidth,
  children,
}: {
  label: string;
  labelWidth: number;
  children: ReactNode;
}) {
  return (
    <Group gap="xs" align="baseline" wrap="nowrap">
      <Text size="sm" fw={600} w={labelWidth} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Group>
  );
}

interface Dated {
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

/** The Created, Updated and (when archived) Archived lines of a details list. */
export function RecordDates({ record, labelWidth }: { record: Dated; labelWidth: number }) {
  return (
    <>
      <DetailField label="Created" labelWidth={labelWidth}>
        <DateTime value={record.createdAt} />
      </DetailField>
      <DetailField label="Updated" labelWidth={labelWidth}>
        <DateTime value={record.updatedAt} />
      </DetailField>
      {record.archivedAt && (
        <DetailField label="Archived" labelWidth={labelWidth}>
          <DateTime value={record.archivedAt} />
        </DetailField>
      )}
    </>
  );
}
