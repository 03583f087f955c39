import { Anchor, Button, FileButton, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { API_BASE, api, requestRaw } from '../../api/client';
import type { DealAttachment, DealDetail } from '../../api/deals';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateTime } from '../../components/format';
import { ScrollTable } from '../../components/ScrollTable';
import { useDialogMutation } from '../../components/useDialogMutation';
import { dealApiPath, dealQuery, useDealChanged } from './queries';

/** The types the API takes, by file extension: a browser does not always know a file's type (or names it oddly). */
const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
  csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const ACCEPT = [...new Set([...Object.keys(TYPES).map((e) => `.${e}`), ...Object.values(TYPES)])].join(',');

const typeOf = (file: File) => TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? file.type;

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toString()} MB`;
}

/** Quotes, emails, plans that back a registration: listed with a download link; added and removed while it is open. */
export function DealAttachments({ deal }: { deal: DealDetail }) {
  const queryClient = useQueryClient();
  const changed = useDealChanged();
  const [removing, setRemoving] = useState<DealAttachment | null>(null);
  const editable = deal.actions.includes('attach');
  // the file and the history line it adds come back with the registration
  const refresh = async () => changed(await queryClient.fetchQuery({ ...dealQuery(deal.id), staleTime: 0 }));

  const upload = useMutation({
    mutationFn: (file: File) =>
      requestRaw<DealAttachment>(
        'POST',
        `${dealApiPath(deal.id)}/attachments?filename=${encodeURIComponent(file.name)}`,
        file,
        typeOf(file),
      ),
    onSuccess: async (file) => {
      notifications.show({ color: 'green', message: `${file.filename} attached` });
      await refresh();
    },
  });
  const remove = useDialogMutation({
    mutationFn: (file: DealAttachment) =>
      api.delete(`${dealApiPath(deal.id)}/attachments/${encodeURIComponent(file.id)}`),
    onSuccess: (_, file) => {
      notifications.show({ color: 'green', message: `${file.filename} removed` });
      void refresh();
    },
    onClose: () => setRemoving(null),
  });

  return (
    <Stack gap="sm">
      {deal.attachments.length === 0 ? (
        <Text size="sm">No files yet.</Text>
      ) : (
        <ScrollTable label="Files" regionLabel="Files of the registration">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">File</Table.Th>
              <Table.Th scope="col">Size</Table.Th>
              <Table.Th scope="col">Added</Table.Th>
              {editable && <Table.Th scope="col">Remove</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deal.attachments.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>
                  <Anchor
                    href={`${API_BASE}${dealApiPath(deal.id)}/attachments/${encodeURIComponent(f.id)}`}
                    download={f.filename}
                    aria-label={`Download ${f.filename}`}
                  >
                    {f.filename}
                  </Anchor>
                </Table.Td>
                <Table.Td>{sizeText(f.sizeBytes)}</Table.Td>
                <Table.Td>
                  <DateTime value={f.createdAt} /> · {f.uploadedBy}
                </Table.Td>
                {editable && (
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${f.filename}`}
                      onClick={() => setRemoving(f)}
                    >
                      Remove
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {editable && (
        <Group gap="sm">
          <FileButton onChange={(file) => file && upload.mutate(file)} accept={ACCEPT}>
            {(props) => (
              <Button variant="default" loading={upload.isPending} {...props}>
                Attach a file
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="gray.8">
            PDF, PNG, JPEG, text, CSV, Word, Excel or PowerPoint; up to 10 MB.
          </Text>
        </Group>
      )}
      <ErrorAlert error={upload.error} title="The file was not attached" />
      <ConfirmDialog
        opened={removing !== null}
        title={`Remove ${removing?.filename ?? 'the file'}?`}
        confirmLabel="Remove file"
        pending={remove.mutation.isPending}
        error={<ErrorAlert error={remove.mutation.error} />}
        onConfirm={() => removing && remove.mutation.mutate(removing)}
        onClose={remove.close}
      >
        <Text size="sm">The file is taken off the registration. Its history keeps a line saying it was removed.</Text>
      </ConfirmDialog>
    </Stack>
  );
}
