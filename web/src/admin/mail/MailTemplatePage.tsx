import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { type MailTemplate, mailTemplateKeys, mailTemplatePath } from '../../api/mailTemplates';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { capitalize, DateTime } from '../../components/format';
import { StatusBadge } from '../../components/StatusBadge';
import { usePageTitle } from '../../components/usePageTitle';
import { MailTemplateEditor } from './MailTemplateEditor';
import { ResetTemplateDialog } from './ResetTemplateDialog';

const BACK = (
  <Anchor component={Link} to="/console/mail/templates" size="sm">
    ← Mail templates
  </Anchor>
);

/** One mail template: its wording, the placeholders it offers, a live preview, save and reset. */
export function MailTemplatePage() {
  const { key = '' } = useParams();
  const [resetting, setResetting] = useState(false);
  const template = useQuery({
    queryKey: mailTemplateKeys.one(key),
    queryFn: () => api.get<MailTemplate>(mailTemplatePath(key)),
  });
  const name = capitalize(key);
  usePageTitle(`${name} · Mail templates`);

  if (template.isPending) return <CenteredLoader py="xl" size="md" label="Loading the mail template" />;
  if (template.isError) {
    return (
      <Stack>
        {BACK}
        <Title order={1}>{name}</Title>
        <ErrorAlert error={template.error} />
      </Stack>
    );
  }

  const t = template.data;
  return (
    <Stack gap="lg">
      {BACK}
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Group gap="sm">
            <Title order={1}>{name}</Title>
            {t.customized ? <StatusBadge status="customized" label="Customized" /> : <Text size="sm">Built-in</Text>}
          </Group>
          <Text size="sm">{t.description}</Text>
          {t.updatedAt && (
            <Text size="sm">
              Changed <DateTime value={t.updatedAt} /> by {t.updatedBy}.
            </Text>
          )}
        </Stack>
        {t.customized && (
          <Button variant="default" color="red" onClick={() => setResetting(true)}>
            Reset to built-in
          </Button>
        )}
      </Group>
      {/* the editor starts again from what was saved, whenever that changes */}
      <MailTemplateEditor key={`${t.updatedAt ?? 'built-in'}`} template={t} />
      <ResetTemplateDialog template={t} opened={resetting} onClose={() => setResetting(false)} />
    </Stack>
  );
}
