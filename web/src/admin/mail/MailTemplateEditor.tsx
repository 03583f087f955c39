import { Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, fieldErrors } from '../../api/client';
import {
  type MailTemplate,
  mailTemplateKeys,
  mailTemplatePath,
  type MailTemplatePreview,
} from '../../api/mailTemplates';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, FormErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { Section } from '../../components/Section';
import { useTemplateChanged } from './cache';

type Field = 'subject' | 'body';

const MONOSPACE = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

/** The subject and body of a template, the placeholders to insert, and the mail as it would read. */
export function MailTemplateEditor({ template }: { template: MailTemplate }) {
  const navigate = useNavigate();
  const onChanged = useTemplateChanged();
  const [wording, setWording] = useState({ subject: template.subject, body: template.body });
  const inputs = { subject: useRef<HTMLInputElement>(null), body: useRef<HTMLTextAreaElement>(null) };
  // a placeholder goes into the field last written in; the body until then
  const lastField = useRef<Field>('body');

  const save = useMutation({
    mutationFn: () => api.put<MailTemplate>(mailTemplatePath(template.key), wording),
    onSuccess: (t) => {
      onChanged(t);
      notifications.show({ color: 'green', message: 'Template saved: mail is sent with this wording from now on' });
    },
  });

  const [draft] = useDebouncedValue(wording, 300);
  const preview = useQuery({
    queryKey: mailTemplateKeys.preview(template.key, draft.subject, draft.body),
    queryFn: () => api.post<MailTemplatePreview>(`${mailTemplatePath(template.key)}/preview`, draft),
    placeholderData: keepPreviousData,
  });

  const change = (field: Field, value: string) => {
    if (save.error) save.reset();
    setWording((w) => ({ ...w, [field]: value }));
  };

  const insert = (name: string) => {
    const field = lastField.current;
    const token = `{{${name}}}`;
    const element = inputs[field].current;
    const value = wording[field];
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    change(field, value.slice(0, start) + token + value.slice(end));
    // put the cursor after the placeholder once React has written the new value
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const saveErrors = fieldErrors(save.error);
  // what saving would be refused for, shown while writing, worded as the save's errors are
  const live = Object.fromEntries(
    (preview.data?.problems ?? []).map((p) => [p.field, p.message.charAt(0).toUpperCase() + p.message.slice(1)]),
  );
  const errorOf = (field: Field) => saveErrors[field] ?? live[field];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
      <form onSubmit={submit} noValidate aria-label="Wording">
        <Stack>
          <FormErrorAlert error={save.error} fields={['subject', 'body']} />
          <TextInput
            ref={inputs.subject}
            label="Subject"
            required
            value={wording.subject}
            onChange={(e) => change('subject', e.currentTarget.value)}
            onFocus={() => (lastField.current = 'subject')}
            error={errorOf('subject')}
            styles={MONOSPACE}
          />
          <Textarea
            ref={inputs.body}
            label="Body"
            description="Plain text, sent as written."
            required
            autosize
            minRows={10}
            maxRows={30}
            value={wording.body}
            onChange={(e) => change('body', e.currentTarget.value)}
            onFocus={() => (lastField.current = 'body')}
            error={errorOf('body')}
            styles={MONOSPACE}
          />
          <Placeholders template={template} onInsert={insert} />
          <FormActions pending={save.isPending} onCancel={() => void navigate('/console/mail/templates')} />
        </Stack>
      </form>
      <Section id="preview-heading" title="Preview">
        <Text size="sm" mb="xs">
          The mail as it would read, filled in with example values.
        </Text>
        {preview.isPending ? (
          <CenteredLoader label="Loading the preview" />
        ) : preview.isError ? (
          <ErrorAlert error={preview.error} />
        ) : (
          <Paper withBorder p="md" component="article" aria-label="Preview of the mail">
            <Text size="sm" mb="sm">
              <strong>Subject:</strong> {preview.data.subject}
            </Text>
            <Text
              component="pre"
              m={0}
              size="sm"
              style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', overflowWrap: 'anywhere' }}
            >
              {preview.data.text}
            </Text>
          </Paper>
        )}
      </Section>
    </SimpleGrid>
  );
}

/** The placeholders a template offers, each a button that inserts it where the cursor was. */
function Placeholders({ template, onInsert }: { template: MailTemplate; onInsert: (name: string) => void }) {
  if (template.variables.length === 0) {
    return <Text size="sm">This mail offers no placeholders.</Text>;
  }
  return (
    <Stack gap={6} role="group" aria-labelledby="placeholders-heading">
      <Text size="sm" fw={600} id="placeholders-heading">
        Placeholders
      </Text>
      <Text size="sm">Select one to insert it at the cursor in the subject or the body.</Text>
      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {template.variables.map((v) => (
          <Group key={v.name} component="li" gap="xs" wrap="nowrap" align="flex-start">
            <Button
              variant="light"
              size="compact-sm"
              ff="monospace"
              tt="none"
              style={{ flexShrink: 0 }}
              onClick={() => onInsert(v.name)}
            >
              {`{{${v.name}}}`}
            </Button>
            <Text size="sm" miw={0} style={{ overflowWrap: 'anywhere' }}>
              for example “{v.example}”
            </Text>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
