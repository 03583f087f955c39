import { Anchor, Button, Center, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { Partner } from '../../api/types';
import { useCan } from '../../auth/AuthContext';
import { PARTNER_ROLES } from '../../auth/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateTime } from '../../components/format';
import { InviteForm } from '../../components/InviteForm';
import { LogoUpload, PartnerProfileDetails, PartnerProfileForm } from '../../components/partnerProfile';
import { Section } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { InvitationsTable, TeamTable } from '../../components/TeamTable';
import { usePageTitle } from '../../components/usePageTitle';
import { AuditTable } from '../AuditTable';
import { PartnerDeals } from '../deals/PartnerDeals';
import { PartnerPrograms } from '../enrollments/PartnerPrograms';
import { PartnerOnboarding } from './PartnerOnboarding';

export function PartnerPage() {
  const { id = '' } = useParams();
  const can = useCan();
  const partner = useQuery({
    queryKey: ['partners', 'one', id],
    queryFn: () => api.get<Partner>(`/partners/${encodeURIComponent(id)}`),
  });
  usePageTitle(partner.data ? partner.data.name : 'Partner');
  const manage = can('user.invite');
  const writable = can('partner.write');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const onSaved = (saved: Partner) => {
    queryClient.setQueryData(['partners', 'one', id], saved);
    void queryClient.invalidateQueries({ queryKey: ['partners'] });
  };

  if (partner.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the partner" />
      </Center>
    );
  }
  if (partner.isError) {
    return (
      <Stack>
        <Title order={1}>Partner</Title>
        <ErrorAlert error={partner.error} />
      </Stack>
    );
  }
  const p = partner.data;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/console/partners" size="sm">
        ← Partners
      </Anchor>
      <Group gap="sm">
        <Title order={1}>{p.name}</Title>
        <StatusBadge status={p.status} />
      </Group>
      <Text size="sm">
        Partner since <DateTime value={p.createdAt} />
      </Text>

      <Section
        id="profile-heading"
        title="Profile"
        actions={
          writable && (
            <Group gap="sm">
              <LogoUpload partner={p} onSaved={onSaved} />
              <Button variant="default" onClick={() => setEditing(true)}>
                Edit profile
              </Button>
            </Group>
          )
        }
      >
        <PartnerProfileDetails partner={p} vendor />
      </Section>
      <Modal opened={editing} onClose={() => setEditing(false)} title="Edit profile" size="lg">
        {editing && (
          <PartnerProfileForm
            partner={p}
            vendor
            onSaved={(saved) => {
              onSaved(saved);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        )}
      </Modal>

      <PartnerPrograms partner={p} />
      <PartnerOnboarding partner={p} />
      {can('deal.read') && <PartnerDeals partner={p} />}

      <section aria-labelledby="team-heading">
        <Title order={2} size="h3" id="team-heading" mb="sm">
          Team
        </Title>
        <TeamTable label={`${p.name} team`} params={{ partnerId: p.id }} manage={can('user.manage')} />
      </section>

      {manage && (
        <>
          <section aria-labelledby="pending-heading">
            <Title order={2} size="h3" id="pending-heading" mb="sm">
              Pending invitations
            </Title>
            <InvitationsTable label={`Pending invitations to ${p.name}`} filter={(i) => i.partnerId === p.id} />
          </section>
          <section aria-labelledby="invite-heading">
            <Title order={2} size="h3" id="invite-heading" mb="sm">
              Invite user
            </Title>
            <InviteForm roles={PARTNER_ROLES} defaultRole="partner_admin" partnerId={p.id} />
          </section>
        </>
      )}

      {can('audit.read') && (
        <Section id="activity-heading" title="History and audit">
          <AuditTable label={`Changes concerning ${p.name}`} params={{ partnerId: p.id }} />
        </Section>
      )}
    </Stack>
  );
}
