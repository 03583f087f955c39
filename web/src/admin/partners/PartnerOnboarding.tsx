import { Button, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { onboardingKeys, type Onboarding } from '../../api/onboarding';
import type { Page, Partner } from '../../api/types';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';
import { OnboardingChecklist } from '../../portal/onboarding/OnboardingChecklist';
import { OnboardingSummary } from '../../portal/onboarding/progress';

/** A partner's onboardings on its console page, finished ones too; each opens its checklist. */
export function PartnerOnboarding({ partner }: { partner: Partner }) {
  const [open, setOpen] = useState<Onboarding | null>(null);
  const list = useQuery({
    queryKey: [...onboardingKeys.all, 'partner', partner.id],
    queryFn: async () => {
      // the list leaves out completed onboardings unless asked for them
      const [current, completed] = await Promise.all([
        api.get<Page<Onboarding>>('/onboardings', { partnerId: partner.id, limit: 100 }),
        api.get<Page<Onboarding>>('/onboardings', { partnerId: partner.id, status: 'completed', limit: 100 }),
      ]);
      return [...current.items, ...completed.items];
    },
  });
  return (
    <Section id="onboarding-heading" title="Onboarding">
      {list.isPending ? (
        <CenteredLoader py="sm" label="Loading the onboarding" />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.data.length === 0 ? (
        <Text size="sm">{partner.name} has no onboarding: it starts when an enrollment is approved.</Text>
      ) : (
        <Stack component="ul" gap="md" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.data.map((o) => (
            <li key={o.enrollmentId}>
              <Stack gap={4}>
                <OnboardingSummary onboarding={o} />
                {o.daysToFirstDeal !== null && (
                  <Text size="xs">First deal {o.daysToFirstDeal} days after approval.</Text>
                )}
                <Button size="xs" variant="default" w="fit-content" onClick={() => setOpen(o)}>
                  Checklist for {o.programName}
                </Button>
              </Stack>
            </li>
          ))}
        </Stack>
      )}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ? `Onboarding of ${partner.name} in ${open.programName}` : ''}
        size="lg"
      >
        {open && <OnboardingChecklist enrollmentId={open.enrollmentId} headingOrder={3} />}
      </Modal>
    </Section>
  );
}
