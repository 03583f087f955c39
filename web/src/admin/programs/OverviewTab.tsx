import { Anchor, Button, List, Loader, Stack, Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Program, ProgramStatusChange } from '../../api/programs';
import { CenteredLoader } from '../../components/CenteredLoader';
import { DetailField, RecordDates } from '../../components/DetailField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateTime } from '../../components/format';
import { Section } from '../../components/Section';
import { useEditForm } from '../../components/useEditForm';
import { Tags } from '../products/ProductList';
import { programKeys, useProgramChanged } from './cache';
import { statusLabel } from './labels';
import { ProgramForm, type ProgramInput } from './ProgramForm';
import { useAllProducts } from './useProducts';

const LABEL_WIDTH = 190;

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
    return <CenteredLoader py="md" label="Loading the status history" />;
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
  const onChanged = useProgramChanged(p.id);
  const { editing, edit, form } = useEditForm({
    mutationFn: (input: ProgramInput) => api.patch<Program>(`/programs/${encodeURIComponent(p.id)}`, input),
    onSaved: onChanged,
    message: 'Program saved',
  });

  return (
    <Stack gap="xl">
      {editing && editable ? (
        <Section id="edit-program-heading" title="Edit program">
          <ProgramForm initial={p} submitLabel="Save" {...form} />
        </Section>
      ) : (
        <Section
          id="details-heading"
          title="Details"
          actions={
            editable && (
              <Button variant="default" onClick={edit}>
                Edit
              </Button>
            )
          }
        >
          <Stack gap="xs">
            <DetailField label="Description" labelWidth={LABEL_WIDTH}>
              {p.description ? <span style={{ whiteSpace: 'pre-wrap' }}>{p.description}</span> : '—'}
            </DetailField>
            <DetailField label="Tags" labelWidth={LABEL_WIDTH}>
              <Tags tags={p.tags} />
            </DetailField>
            <DetailField label="Revenue seasoning" labelWidth={LABEL_WIDTH}>
              {p.revenueSeasoningDays} {p.revenueSeasoningDays === 1 ? 'day' : 'days'}
            </DetailField>
            <DetailField label="Demotion grace period" labelWidth={LABEL_WIDTH}>
              {p.demotionGraceDays} {p.demotionGraceDays === 1 ? 'day' : 'days'}
            </DetailField>
            <RecordDates record={p} labelWidth={LABEL_WIDTH} />
          </Stack>
        </Section>
      )}

      <Section id="products-heading" title="Products">
        <LinkedProducts ids={p.productIds} />
      </Section>

      <Section id="status-history-heading" title="Status history">
        <StatusHistory programId={p.id} />
      </Section>
    </Stack>
  );
}
