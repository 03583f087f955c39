import { Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, fieldErrors } from '../../../api/client';
import type { PlanResult, ProgramTemplate } from '../../../api/programs';
import { useCan } from '../../../auth/AuthContext';
import { CenteredLoader } from '../../../components/CenteredLoader';
import { ErrorAlert, FormErrorAlert } from '../../../components/ErrorAlert';
import { usePageTitle } from '../../../components/usePageTitle';
import { programTypeLabel } from '../labels';

function TemplateCard({ template, onUse }: { template: ProgramTemplate; onUse?: () => void }) {
  const headingId = `template-${template.id}`;
  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={headingId}>
      <Stack gap="sm" h="100%">
        <Title order={2} size="h4" id={headingId}>
          {template.name}
        </Title>
        <Group gap="xs">
          <Badge variant="outline" color="indigo" c="gray.9" tt="none" radius="sm">
            {programTypeLabel(template.programType)}
          </Badge>
          <Badge variant="outline" color="gray" c="gray.9" tt="none" radius="sm">
            {template.currency}
          </Badge>
        </Group>
        <Text size="sm" style={{ flexGrow: 1 }}>
          {template.description}
        </Text>
        <div>
          <Text size="xs" fw={600} c="gray.8" mb={4}>
            {template.tiers.length === 1 ? '1 tier' : `${template.tiers.length} tiers`}, entry first
          </Text>
          <Group gap={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {template.tiers.map((t) => (
              <li key={t}>
                <Badge variant="light" color="gray" c="gray.9" tt="none" radius="sm">
                  {t}
                </Badge>
              </li>
            ))}
          </Group>
        </div>
        {onUse && (
          <Group>
            <Button onClick={onUse} aria-describedby={headingId}>
              Use this template
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function UseTemplateForm({ template, onCancel }: { template: ProgramTemplate; onCancel: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const keyRef = useRef<HTMLInputElement>(null);

  const create = useMutation({
    mutationFn: () =>
      api.post<PlanResult>('/programs/from-template', {
        template: template.id,
        ...(key.trim() ? { key: key.trim() } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
      }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['programs'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      notifications.show({ color: 'green', message: `Program “${name.trim() || template.name}” created` });
      if (result.programId) void navigate(`/console/programs/${encodeURIComponent(result.programId)}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && fieldErrors(error).key) keyRef.current?.focus();
    },
  });
  const errors = fieldErrors(create.error);
  const taken = create.error instanceof ApiError && create.error.status === 409;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          Creates a program in planning with the template’s tiers, criteria and benefits; change anything afterwards.
        </Text>
        {taken ? (
          <Text size="sm" c="red.9" role="alert">
            A program with {key.trim() ? 'this' : 'the template’s'} key already exists. Choose another key below.
          </Text>
        ) : (
          <FormErrorAlert error={create.error} fields={['key', 'name']} />
        )}
        <TextInput
          ref={keyRef}
          label="Key"
          description="Lowercase letters, digits and dashes; leave empty to use the template’s key."
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          error={errors.key}
          autoComplete="off"
          data-autofocus
        />
        <TextInput
          label="Name"
          description={`Leave empty to use “${template.name}”.`}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          autoComplete="off"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create program
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "New program from template": the built-in templates, each ready to become a program. */
export function ProgramTemplatesPage() {
  usePageTitle('New program from template');
  const can = useCan();
  const writable = can('program.write');
  const [chosen, setChosen] = useState<ProgramTemplate | null>(null);

  const templates = useQuery({
    queryKey: ['program-templates'],
    queryFn: () => api.get<ProgramTemplate[]>('/program-templates'),
  });

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/console/programs" size="sm">
        ← Programs
      </Anchor>
      <Stack gap={4}>
        <Title order={1}>New program from template</Title>
        <Text size="sm">
          Start from a proven program design: its tiers, their criteria and the benefits they award. You can change all
          of it before the program goes live.
        </Text>
        {!writable && (
          <Text size="sm" c="gray.8">
            Creating programs needs an admin or a channel manager.
          </Text>
        )}
      </Stack>

      {templates.isPending ? (
        <CenteredLoader py="xl" size="md" label="Loading the templates" />
      ) : templates.isError ? (
        <ErrorAlert error={templates.error} />
      ) : templates.data.length === 0 ? (
        <Text size="sm">No templates are available.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {templates.data.map((t) => (
            <TemplateCard key={t.id} template={t} onUse={writable ? () => setChosen(t) : undefined} />
          ))}
        </SimpleGrid>
      )}

      <Modal
        opened={chosen !== null}
        onClose={() => setChosen(null)}
        title={chosen ? `New program from “${chosen.name}”` : ''}
      >
        {chosen && <UseTemplateForm key={chosen.id} template={chosen} onCancel={() => setChosen(null)} />}
      </Modal>
    </Stack>
  );
}
