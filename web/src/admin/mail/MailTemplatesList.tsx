import { Anchor, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { type MailTemplate, mailTemplateKeys } from '../../api/mailTemplates';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { capitalize, DateTime } from '../../components/format';
import { EmptyRow, ScrollTable } from '../../components/ScrollTable';
import { StatusBadge } from '../../components/StatusBadge';

/** Every mail Trellis sends from a template, with whether an admin has reworded it. */
export function MailTemplatesList() {
  const templates = useQuery({
    queryKey: mailTemplateKeys.all,
    queryFn: () => api.get<MailTemplate[]>('/mail/templates'),
  });
  if (templates.isPending) return <CenteredLoader label="Loading mail templates" />;
  if (templates.isError) return <ErrorAlert error={templates.error} />;
  return (
    <>
      <Text size="sm" mb="md">
        The wording of the mail Trellis sends. Change a template to word it your way; placeholders such as{' '}
        <Text span ff="monospace" size="sm">
          {'{{link}}'}
        </Text>{' '}
        are filled in for each mail.
      </Text>
      <ScrollTable label="Mail templates" miw={700}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Template</Table.Th>
            <Table.Th scope="col">Sent when</Table.Th>
            <Table.Th scope="col">Wording</Table.Th>
            <Table.Th scope="col">Changed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {templates.data.length === 0 && <EmptyRow colSpan={4}>No mail templates.</EmptyRow>}
          {templates.data.map((t) => (
            <Table.Tr key={t.key}>
              <Table.Td>
                <Anchor component={Link} to={`/console/mail/templates/${encodeURIComponent(t.key)}`} fw={600}>
                  {capitalize(t.key)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t.description}</Text>
              </Table.Td>
              <Table.Td>
                {t.customized ? (
                  <StatusBadge status="customized" label="Customized" />
                ) : (
                  <Text size="sm">Built-in</Text>
                )}
              </Table.Td>
              <Table.Td>
                {t.updatedAt ? (
                  <Text size="sm">
                    <DateTime value={t.updatedAt} /> by {t.updatedBy}
                  </Text>
                ) : (
                  <Text size="sm">—</Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </>
  );
}
