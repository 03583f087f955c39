import { Anchor, Button, Center, Group, List, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Program, ProgramStatusChange } from '../../api/programs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateTime } from '../../components/format';
import { Tags } from '../products/ProductList';
import { programKeys, useProgramChanged } from './cache';
import { statusLabel } from './labels';
import { ProgramForm, type ProgramInput } from './ProgramForm';
import { useAllProducts } from './useProducts';

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" align="baseline" wrap="nowrap">
      <Text size="sm" fw={600} w={190} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Group>
  );
}

function LinkedProducts({ ids }: { ids: string[] }) {
  const products = useAllProducts();
  if (ids.length === 0) return <Text size="sm">No products are linked to this program.</Text>;
  if (products.isPending) return <Loader size="sm" aria-label="Loading the linked products" />;
  const byId = new Map((products.data ?? []).map((p) => [p.id, p]));
  return (
    <List size="sm" spacing={4}>
      {ids.map((id) => {
        const product = byId.get(id);
        return (
          <List.Item key={id}>
            <Anchor component={Link} to={`/console/products/${id}`} size="sm">
              {product?.title ?? id}
            </Anchor>
            {product?.archivedAt && ' (archived)'}
          </List.Item>
        );
      })}
    </List>
  );
}

function StatusHistory({ programId }: { programId: string }) {
  const history = useQuery({
    queryKey: programKeys.history(programId),
    queryFn: () => api.get<ProgramStatusChange[]>(`/programs/${encodeURIComponent(programId)}/history`),
  });
  if (history.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label="Loading the status history" />
      </Center>
    );
  }
  if (history.isError) return <ErrorAlert error={history.error} />;
  if (history.data.length === 0) return <Text size="sm">No status changes yet.</Text>;
  // the server answers oldest first; the newest change reads first here
  const changes = [...history.data].reverse();
  return (
    <Timeline active={changes.length - 1} bulletSize={14} lineWidth={2}>
      {changes.map((c) => (
        <Timeline.Item
          key={c.id}
          title={
            <Text size="sm" fw={600}>
              {c.fromStatus ? `${statusLabel(c.fromStatus)} → ${statusLabel(c.toStatus)}` : statusLabel(c.toStatus)}
            </Text>
          }
        >
          {c.reason && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {c.reason}
            </Text>
          )}
          <Text size="xs" c="gray.8" mt={2}>
            {c.actor} · <DateTime value={c.at} />
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

export function OverviewTab({ program: p, editable }: { program: Program; editable: boolean }) {
  const [editing, setEditing] = useState(false);
  const onChanged = useProgramChanged(p.id);
  const update = useMutation({
    mutationFn: (input: ProgramInput) => api.patch<Program>(`/programs/${encodeURIComponent(p.id)}`, input),
    onSuccess: (program) => {
      onChanged(program);
      setEditing(false);
      notifications.show({ color: 'green', message: 'Program saved' });
    },
  });

  return (
    <Stack gap="xl">
      {editing && editable ? (
        <section aria-labelledby="edit-program-heading">
          <Title order={2} size="h3" id="edit-program-heading" mb="sm">
            Edit program
          </Title>
          <ProgramForm
            initial={p}
            submitLabel="Save"
            pending={update.isPending}
            error={update.error}
            onSubmit={(input) => update.mutate(input)}
            onCancel={() => {
              update.reset();
              setEditing(false);
            }}
          />
        </section>
      ) : (
        <section aria-labelledby="details-heading">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h3" id="details-heading">
              Details
            </Title>
            {editable && (
              <Button variant="default" onClick={() => setEditing(true)}>
                Edit
              </Button>
            )}
          </Group>
          <Stack gap="xs">
            <Field label="Description">
              {p.description ? <span style={{ whiteSpace: 'pre-wrap' }}>{p.description}</span> : '—'}
            </Field>
            <Field label="Tags">
              <Tags tags={p.tags} />
            </Field>
            <Field label="Revenue seasoning">
              {p.revenueSeasoningDays} {p.revenueSeasoningDays === 1 ? 'day' : 'days'}
            </Field>
            <Field label="Demotion grace period">
              {p.demotionGraceDays} {p.demotionGraceDays === 1 ? 'day' : 'days'}
            </Field>
            <Field label="Created">
              <DateTime value={p.createdAt} />
            </Field>
            <Field label="Updated">
              <DateTime value={p.updatedAt} />
            </Field>
            {p.archivedAt && (
              <Field label="Archived">
                <DateTime value={p.archivedAt} />
              </Field>
            )}
          </Stack>
        </section>
      )}

      <section aria-labelledby="products-heading">
        <Title order={2} size="h3" id="products-heading" mb="sm">
          Products
        </Title>
        <LinkedProducts ids={p.productIds} />
      </section>

      <section aria-labelledby="status-history-heading">
        <Title order={2} size="h3" id="status-history-heading" mb="sm">
          Status history
        </Title>
        <StatusHistory programId={p.id} />
      </section>
    </Stack>
  );
}
