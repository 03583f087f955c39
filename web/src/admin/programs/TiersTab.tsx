import { ActionIcon, Box, Button, Center, FileButton, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiError, api, fieldErrors } from '../../api/client';
import type { Program, Tier } from '../../api/programs';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusBadge } from '../../components/StatusBadge';
import { useDialogMutation } from '../../components/useDialogMutation';
import { programKeys } from './cache';
import { TierModal } from './TierModal';

const BADGE_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'];
const MAX_BADGE_BYTES = 256 * 1024;

/** Refreshes whatever shows this program's tiers (the matrix, the enrollments…), not the program itself. */
function useTiersChanged(programId: string) {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      predicate: (q) => q.queryKey.includes(programId) && q.queryKey[1] !== 'one',
    });
}

export function useTiers(programId: string) {
  return useQuery({
    queryKey: programKeys.tiers(programId),
    queryFn: () => api.get<Tier[]>(`/programs/${encodeURIComponent(programId)}/tiers`),
  });
}

function TierBadge({ tier }: { tier: Tier }) {
  if (!tier.badge) {
    return (
      <Center
        w={56}
        h={56}
        style={{ border: '1px dashed var(--mantine-color-gray-5)', borderRadius: 8, flexShrink: 0 }}
        aria-hidden
      >
        <Text size="xs" c="gray.8">
          No badge
        </Text>
      </Center>
    );
  }
  return (
    <img
      src={tier.badge.url}
      alt={`${tier.name} badge`}
      width={56}
      height={56}
      style={{ objectFit: 'contain', flexShrink: 0 }}
    />
  );
}

function BadgeControls({ program, tier }: { program: Program; tier: Tier }) {
  const queryClient = useQueryClient();
  const resetRef = useRef<() => void>(null);
  const [tooBig, setTooBig] = useState<string | null>(null);
  const path = `/programs/${encodeURIComponent(program.id)}/tiers/${encodeURIComponent(tier.id)}/badge`;
  const replace = (updated: Tier) =>
    queryClient.setQueryData<Tier[]>(programKeys.tiers(program.id), (old) =>
      old?.map((t) => (t.id === updated.id ? updated : t)),
    );
  const upload = useMutation({
    mutationFn: (file: File) => api.putFile<Tier>(path, file),
    onSuccess: (t) => {
      replace(t);
      notifications.show({ color: 'green', message: `Badge of “${t.name}” saved` });
    },
    onSettled: () => resetRef.current?.(),
  });
  const remove = useMutation({
    mutationFn: () => api.delete<Tier>(path),
    onSuccess: (t) => {
      if (t) replace(t);
      else void queryClient.invalidateQueries({ queryKey: programKeys.tiers(program.id) });
      notifications.show({ color: 'green', message: `Badge of “${tier.name}” removed` });
    },
  });

  const onFile = (file: File | null) => {
    setTooBig(null);
    upload.reset();
    if (!file) return;
    if (!BADGE_TYPES.includes(file.type)) {
      setTooBig('The badge must be a PNG, JPEG or SVG image.');
      resetRef.current?.();
      return;
    }
    if (file.size > MAX_BADGE_BYTES) {
      setTooBig(`The badge must be at most 256 KB (this one is ${Math.ceil(file.size / 1024)} KB).`);
      resetRef.current?.();
      return;
    }
    upload.mutate(file);
  };

  const badgeError = tooBig ?? fieldErrors(upload.error).badge;

  return (
    <Stack gap={4}>
      <Group gap="xs">
        <FileButton onChange={onFile} accept={BADGE_TYPES.join(',')} resetRef={resetRef}>
          {(props) => (
            <Button
              {...props}
              variant="default"
              size="xs"
              loading={upload.isPending}
              aria-label={`${tier.badge ? 'Replace badge' : 'Upload badge'} of ${tier.name}`}
            >
              {tier.badge ? 'Replace badge' : 'Upload badge'}
            </Button>
          )}
        </FileButton>
        {tier.badge && (
          <Button
            variant="subtle"
            color="red"
            size="xs"
            onClick={() => remove.mutate()}
            loading={remove.isPending}
            aria-label={`Remove badge of ${tier.name}`}
          >
            Remove badge
          </Button>
        )}
      </Group>
      {badgeError && (
        <Text size="sm" c="red.9" role="alert">
          {badgeError}
        </Text>
      )}
      {upload.error && !badgeError && <ErrorAlert error={upload.error} />}
      {remove.error && <ErrorAlert error={remove.error} />}
    </Stack>
  );
}

function DeleteTierModal({ program, tier, onClose }: { program: Program; tier: Tier | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const tiersChanged = useTiersChanged(program.id);
  const { mutation: del, close } = useDialogMutation({
    mutationFn: (t: Tier) =>
      api.delete(`/programs/${encodeURIComponent(program.id)}/tiers/${encodeURIComponent(t.id)}`),
    onSuccess: (_, t) => {
      queryClient.setQueryData<Tier[]>(programKeys.tiers(program.id), (old) => old?.filter((x) => x.id !== t.id));
      void tiersChanged();
      notifications.show({ color: 'green', message: `Tier “${t.name}” deleted` });
    },
    onClose,
  });
  return (
    <ConfirmDialog
      opened={tier !== null}
      onClose={close}
      title={tier ? `Delete ${tier.name}?` : 'Delete tier?'}
      error={
        del.error instanceof ApiError && del.error.status === 409 ? (
          <ErrorAlert error={del.error} title="This tier cannot be deleted" />
        ) : (
          <ErrorAlert error={del.error} />
        )
      }
      confirmLabel="Delete tier"
      pending={del.isPending}
      onConfirm={() => tier && del.mutate(tier)}
    >
      <Text size="sm">
        The tier, its requirements and its benefit values are removed. A tier partners hold cannot be deleted: move them
        to another tier first.
      </Text>
    </ConfirmDialog>
  );
}

export function TiersTab({ program, editable }: { program: Program; editable: boolean }) {
  const tiers = useTiers(program.id);
  const queryClient = useQueryClient();
  const tiersChanged = useTiersChanged(program.id);
  const [editing, setEditing] = useState<Tier | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Tier | null>(null);
  const focusAfterMove = useRef<{ id: string; direction: 'up' | 'down' } | null>(null);

  const reorder = useMutation({
    mutationFn: (tierIds: string[]) =>
      api.put<Tier[]>(`/programs/${encodeURIComponent(program.id)}/tiers/order`, { tierIds }),
    onSuccess: (list) => {
      queryClient.setQueryData(programKeys.tiers(program.id), list);
      void tiersChanged();
    },
  });

  // After a move, keep the keyboard where it was: on the same button of the moved tier (or its other one at an end).
  useEffect(() => {
    const target = focusAfterMove.current;
    if (!target || reorder.isPending) return;
    focusAfterMove.current = null;
    const own = document.getElementById(`move-${target.direction}-${target.id}`) as HTMLButtonElement | null;
    const other = document.getElementById(
      `move-${target.direction === 'up' ? 'down' : 'up'}-${target.id}`,
    ) as HTMLButtonElement | null;
    (own && !own.disabled ? own : other)?.focus();
  }, [tiers.data, reorder.isPending]);

  if (tiers.isPending) {
    return <CenteredLoader label="Loading the tiers" />;
  }
  if (tiers.isError) return <ErrorAlert error={tiers.error} />;

  const list = [...tiers.data].sort((a, b) => a.rank - b.rank);
  const move = (index: number, direction: 'up' | 'down') => {
    const to = direction === 'up' ? index - 1 : index + 1;
    const ids = list.map((t) => t.id);
    const [moved] = ids.splice(index, 1);
    if (!moved || to < 0 || to > ids.length) return;
    ids.splice(to, 0, moved);
    focusAfterMove.current = { id: moved, direction };
    reorder.mutate(ids);
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2} size="h3">
            Tier ladder
          </Title>
          <Text size="sm">
            From the entry tier to the top of the ladder. A new tier goes on top; move tiers to change their order.
          </Text>
        </Stack>
        {editable && <Button onClick={() => setEditing('new')}>Add tier</Button>}
      </Group>
      <ErrorAlert error={reorder.error} />

      {list.length === 0 ? (
        <Text size="sm">This program has no tiers yet.</Text>
      ) : (
        <Stack
          component="ol"
          gap="sm"
          aria-label={`Tiers of ${program.name}`}
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {list.map((tier, i) => (
            <Paper component="li" key={tier.id} withBorder p="md" radius="md">
              <Group align="flex-start" wrap="nowrap" gap="md">
                <TierBadge tier={tier} />
                <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
                  <Group gap="sm" align="center">
                    <Title order={3} size="h4">
                      {tier.name}
                    </Title>
                    <Text size="sm" c="gray.8">
                      {i === 0
                        ? 'Entry tier'
                        : i === list.length - 1
                          ? `Top tier · rank ${tier.rank}`
                          : `Rank ${tier.rank}`}
                    </Text>
                    <Text size="sm" ff="monospace" c="gray.8">
                      {tier.key}
                    </Text>
                    {tier.invitationOnly && <StatusBadge status="invitation" label="Invitation only" />}
                  </Group>
                  {tier.description && (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {tier.description}
                    </Text>
                  )}
                  <Box>
                    <Text size="sm" fw={600}>
                      Requirements
                    </Text>
                    {tier.requirements.length === 0 ? (
                      <Text size="sm">None</Text>
                    ) : (
                      <List size="sm" spacing={2}>
                        {tier.requirements.map((r) => (
                          <List.Item key={r}>{r}</List.Item>
                        ))}
                      </List>
                    )}
                  </Box>
                  {editable && <BadgeControls program={program} tier={tier} />}
                </Stack>
                {editable && (
                  <Stack gap="xs" align="flex-end">
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        id={`move-up-${tier.id}`}
                        variant="default"
                        size="lg"
                        aria-label={`Move ${tier.name} up`}
                        title="Move up (towards the entry tier)"
                        disabled={i === 0 || reorder.isPending}
                        onClick={() => move(i, 'up')}
                      >
                        <span aria-hidden>↑</span>
                      </ActionIcon>
                      <ActionIcon
                        id={`move-down-${tier.id}`}
                        variant="default"
                        size="lg"
                        aria-label={`Move ${tier.name} down`}
                        title="Move down (towards the top of the ladder)"
                        disabled={i === list.length - 1 || reorder.isPending}
                        onClick={() => move(i, 'down')}
                      >
                        <span aria-hidden>↓</span>
                      </ActionIcon>
                    </Group>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        variant="default"
                        size="xs"
                        aria-label={`Edit ${tier.name}`}
                        onClick={() => setEditing(tier)}
                      >
                        Edit
                      </Button>
                      <Button
                        variant="subtle"
                        color="red"
                        size="xs"
                        aria-label={`Delete ${tier.name}`}
                        onClick={() => setDeleting(tier)}
                      >
                        Delete
                      </Button>
                    </Group>
                  </Stack>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}

      {editable && (
        <>
          <TierModal
            program={program}
            tier={editing === 'new' ? null : editing}
            opened={editing !== null}
            onClose={() => setEditing(null)}
            onSaved={(saved) => {
              queryClient.setQueryData<Tier[]>(programKeys.tiers(program.id), (old) =>
                old
                  ? old.some((t) => t.id === saved.id)
                    ? old.map((t) => (t.id === saved.id ? saved : t))
                    : [...old, saved]
                  : old,
              );
              void tiersChanged();
            }}
          />
          <DeleteTierModal program={program} tier={deleting} onClose={() => setDeleting(null)} />
        </>
      )}
    </Stack>
  );
}
