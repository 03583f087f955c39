import { Button, Card, Group, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../../api/client';
import type { DealPolicy } from '../../api/deals';
import { useCan } from '../../auth/AuthContext';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, FormErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';

const policyKey = ['deal-policy'] as const;

function PolicyForm({ policy }: { policy: DealPolicy }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState<number | string>(policy.nameSimilarity);
  const save = useMutation({
    mutationFn: (nameSimilarity: number) => api.put<DealPolicy>('/deal-policy', { nameSimilarity }),
    onSuccess: (saved) => {
      queryClient.setQueryData(policyKey, saved);
      notifications.show({ color: 'green', message: `Name similarity set to ${saved.nameSimilarity}` });
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(typeof value === 'number' ? value : Number(value));
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={save.error} fields={['nameSimilarity']} />
        <Group align="flex-end">
          <NumberInput
            label="Name similarity"
            description="From 0.1 to 1; the default is 0.6."
            required
            min={0.1}
            max={1}
            step={0.05}
            decimalScale={2}
            value={value}
            onChange={setValue}
            error={errors.nameSimilarity}
            w={260}
          />
          <Button type="submit" loading={save.isPending} mb={errors.nameSimilarity ? 24 : 0}>
            Save similarity
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** How alike two customer names must be to collide, in words, and the setting for those who may change it. */
export function MatchingPolicyCard() {
  const can = useCan();
  const policy = useQuery({ queryKey: policyKey, queryFn: () => api.get<DealPolicy>('/deal-policy') });
  const body = () => {
    if (policy.isPending) return <CenteredLoader label="Loading the matching policy" />;
    if (policy.isError) return <ErrorAlert error={policy.error} />;
    return can('deal.configure') ? (
      <PolicyForm key={policy.data.updatedAt} policy={policy.data} />
    ) : (
      <Text size="sm" fw={600}>
        Name similarity: {policy.data.nameSimilarity}
      </Text>
    );
  };
  return (
    <Card withBorder padding="md">
      <Section id="matching-heading" title="Matching">
        <Stack gap="sm">
          <Text size="sm" maw={760}>
            When a partner submits a registration, its customer is compared with every active registration and every
            house account. The same web domain always collides. Otherwise the names collide when they are at least this
            alike, compared after normalizing: case, accents, punctuation and legal forms such as Inc, Ltd or GmbH do
            not count.
          </Text>
          <Text size="sm" maw={760}>
            At 1, names must match exactly once normalized. Lower values also catch near misses, such as “Acme Widgets”
            and “Acme Widget”, at the price of more registrations held for a channel manager to look at.
          </Text>
          {body()}
        </Stack>
      </Section>
    </Card>
  );
}
