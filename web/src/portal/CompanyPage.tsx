import { Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import type { Partner } from '../api/types';
import { useCan, useUser } from '../auth/AuthContext';
import { CenteredLoader } from '../components/CenteredLoader';
import { ErrorAlert } from '../components/ErrorAlert';
import { LogoUpload, PartnerProfileDetails, PartnerProfileForm } from '../components/partnerProfile';
import { Section } from '../components/Section';
import { usePageTitle } from '../components/usePageTitle';

/** The partner's own company profile: a partner admin edits it, others read it. */
export function CompanyPage() {
  usePageTitle('Company profile');
  const user = useUser();
  const can = useCan();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const partnerId = user.partnerId ?? '';
  const editable = can('partner.profile');
  const partner = useQuery({
    queryKey: ['partners', 'one', partnerId],
    queryFn: () => api.get<Partner>(`/partners/${encodeURIComponent(partnerId)}`),
    enabled: !!partnerId,
  });
  const onSaved = (saved: Partner) => {
    queryClient.setQueryData(['partners', 'one', partnerId], saved);
    void queryClient.invalidateQueries({ queryKey: ['partners'] });
    // a completed profile ticks an onboarding step
    void queryClient.invalidateQueries({ queryKey: ['onboardings'] });
  };

  return (
    <Stack gap="lg">
      <Title order={1}>Company profile</Title>
      {partner.isPending && partnerId ? (
        <CenteredLoader py="xl" size="md" label="Loading your company" />
      ) : partner.isError ? (
        <ErrorAlert error={partner.error} />
      ) : partner.data ? (
        <>
          <Section
            id="profile-heading"
            title="Profile"
            actions={
              editable && (
                <Group gap="sm">
                  <LogoUpload partner={partner.data} onSaved={onSaved} />
                  <Button variant="default" onClick={() => setEditing(true)}>
                    Edit profile
                  </Button>
                </Group>
              )
            }
          >
            <PartnerProfileDetails partner={partner.data} vendor={false} />
          </Section>
          {!editable && <Text size="sm">Ask a partner admin of your company to change its profile.</Text>}
          <Modal opened={editing} onClose={() => setEditing(false)} title="Edit company profile" size="lg">
            {editing && (
              <PartnerProfileForm
                partner={partner.data}
                vendor={false}
                onSaved={(saved) => {
                  onSaved(saved);
                  setEditing(false);
                }}
                onCancel={() => setEditing(false)}
              />
            )}
          </Modal>
        </>
      ) : (
        <Text size="sm">Your account belongs to no company.</Text>
      )}
    </Stack>
  );
}
