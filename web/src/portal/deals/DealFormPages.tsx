import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { DealDetail, DealInput, RegisterDealInput, UpdateDealInput } from '../../api/deals';
import { useCan } from '../../auth/AuthContext';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';
import { usePageTitle } from '../../components/usePageTitle';
import { DealAttachments } from './DealAttachments';
import { DealForm, type SaveKind } from './DealForm';
import { BackToDeals } from './DealPage';
import { randomUuid, submittedMessage } from './format';
import { dealApiPath, dealPath, dealQuery, editDealPath, useDealChanged, useDealPrograms } from './queries';

/** The frame of both form pages: the way back, the heading, and the programs the form needs. */
function FormFrame({
  title,
  children,
}: {
  title: string;
  children: (p: ReturnType<typeof useDealPrograms>) => ReactNode;
}) {
  const programs = useDealPrograms();
  return (
    <Stack gap="lg">
      <BackToDeals />
      <Title order={1}>{title}</Title>
      {/* the form starts from the programs as they are now, not as cached */}
      {!programs.isFetchedAfterMount ? (
        <CenteredLoader py="xl" size="md" label="Loading your programs" />
      ) : programs.isError ? (
        <ErrorAlert error={programs.error} />
      ) : (
        children(programs)
      )}
    </Stack>
  );
}

/** After a submission: where it came to, then its page. */
function useSubmitted() {
  const navigate = useNavigate();
  return (deal: DealDetail) => {
    notifications.show({ ...submittedMessage(deal), autoClose: 10_000 });
    void navigate(dealPath(deal.id));
  };
}

/** Register a deal: a draft to finish later, or submitted at once. */
export function NewDealPage() {
  usePageTitle('Register a deal');
  const can = useCan();
  const navigate = useNavigate();
  const changed = useDealChanged();
  const submitted = useSubmitted();
  // one key for this form: a double click, or a retry after a lost answer, registers the deal once
  const [idempotencyKey] = useState(randomUuid);
  const create = useMutation({
    mutationFn: ({ input, kind }: { input: DealInput; kind: SaveKind }) =>
      api.post<DealDetail>('/deals', { ...input, submit: kind === 'submit' } satisfies RegisterDealInput, {
        'Idempotency-Key': idempotencyKey,
      }),
    onSuccess: (deal, { kind }) => {
      changed(deal);
      if (kind !== 'draft') return submitted(deal);
      notifications.show({ color: 'green', message: `Draft ${deal.reference} saved. You can attach files to it now.` });
      void navigate(editDealPath(deal.id), { replace: true });
    },
  });

  if (!can('deal.register')) return <Navigate to="/portal/deals" replace />;
  return (
    <FormFrame title="Register a deal">
      {({ programs }) =>
        programs.some((p) => p.open) ? (
          <>
            <DealForm
              programs={programs}
              pending={create.isPending ? create.variables.kind : null}
              error={create.error}
              onSave={(input, kind) => create.mutate({ input, kind })}
              onCancel={() => void navigate('/portal/deals')}
            />
            <Text size="sm">Files (a quote, an email from the customer) can be attached once the draft is saved.</Text>
          </>
        ) : (
          <Text size="sm">
            You can register deals once your company is an active member of a program.{' '}
            <Anchor component={Link} to="/portal/programs">
              See your programs
            </Anchor>
          </Text>
        )
      }
    </FormFrame>
  );
}

/** The changes were saved, but the submission after them was refused: the error says why. */
class NotSubmitted extends Error {
  constructor(readonly reason: unknown) {
    super('saved, not submitted');
  }
}

/** What may change once a registration is submitted: not the program, nor who the customer is. */
function factsOnly({ programId: _p, customerName: _n, customerDomain: _d, customerCountry: _c, ...facts }: DealInput) {
  return facts satisfies UpdateDealInput;
}

/** Edit a draft (and submit it), or the facts of a submitted registration. */
export function EditDealPage() {
  const { id = '' } = useParams();
  const deal = useQuery(dealQuery(id));
  usePageTitle(deal.data ? `Edit ${deal.data.reference}` : 'Edit deal');
  const navigate = useNavigate();
  const changed = useDealChanged();
  const submitted = useSubmitted();
  const save = useMutation({
    mutationFn: async ({ input, kind }: { input: DealInput; kind: SaveKind }) => {
      const draft = deal.data?.status === 'draft';
      const saved = await api.patch<DealDetail>(dealApiPath(id), draft ? input : factsOnly(input));
      changed(saved);
      if (kind !== 'submit') return saved;
      try {
        return await api.post<DealDetail>(`${dealApiPath(id)}/submit`, {});
      } catch (error) {
        throw new NotSubmitted(error);
      }
    },
    onSuccess: (d, { kind }) => {
      changed(d);
      if (kind === 'submit') return submitted(d);
      notifications.show({ color: 'green', message: kind === 'draft' ? 'Draft saved' : 'Changes saved' });
      if (kind === 'save') void navigate(dealPath(d.id));
    },
  });
  const notSubmitted = save.error instanceof NotSubmitted;
  const error = save.error instanceof NotSubmitted ? save.error.reason : save.error;

  if (deal.isPending) return <CenteredLoader py="xl" size="md" label="Loading the registration" />;
  const d = deal.data;
  return (
    <FormFrame title={d ? `Edit ${d.reference}` : 'Edit deal'}>
      {({ programs }) =>
        deal.isError ? (
          <ErrorAlert error={deal.error} />
        ) : !d?.actions.includes('edit') ? (
          <Text size="sm">
            This registration can no longer be changed.{' '}
            <Anchor component={Link} to={dealPath(id)}>
              Back to the registration
            </Anchor>
          </Text>
        ) : (
          <>
            <DealForm
              // a saved draft starts the form again from what the server kept
              key={d.updatedAt}
              deal={d}
              programs={programs}
              pending={save.isPending ? save.variables.kind : null}
              error={error}
              notice={
                notSubmitted ? (
                  <Alert color="yellow" variant="light" title="Saved as a draft, not submitted" role="alert">
                    <Text size="sm">
                      Your changes are kept.{' '}
                      {error instanceof ApiError && error.errors.length > 0
                        ? 'Complete what is marked below, then submit again.'
                        : error instanceof Error
                          ? error.message
                          : ''}
                    </Text>
                  </Alert>
                ) : undefined
              }
              onSave={(input, kind) => save.mutate({ input, kind })}
              onCancel={() => void navigate(dealPath(id))}
            />
            <Section id="files-heading" title="Files">
              <DealAttachments deal={d} />
            </Section>
          </>
        )
      }
    </FormFrame>
  );
}
