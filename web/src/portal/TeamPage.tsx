import { Stack, Text, Title } from '@mantine/core';
import { useCan } from '../auth/AuthContext';
import { PARTNER_ROLES } from '../auth/roles';
import { InviteForm } from '../components/InviteForm';
import { InvitationsTable, TeamTable } from '../components/TeamTable';
import { usePageTitle } from '../components/usePageTitle';

export function TeamPage() {
  usePageTitle('Team');
  const can = useCan();
  const admin = can('user.invite');
  return (
    <Stack gap="lg">
      <Title order={1}>Team</Title>
      <section aria-labelledby="members-heading">
        <Title order={2} size="h3" id="members-heading" mb="sm">
          Members
        </Title>
        <TeamTable label="Team members" params={{}} manage={can('user.manage')} />
      </section>
      {admin ? (
        <>
          <section aria-labelledby="pending-heading">
            <Title order={2} size="h3" id="pending-heading" mb="sm">
              Pending invitations
            </Title>
            <InvitationsTable label="Pending invitations" />
          </section>
          <section aria-labelledby="invite-heading">
            <Title order={2} size="h3" id="invite-heading" mb="sm">
              Invite a colleague
            </Title>
            <InviteForm roles={PARTNER_ROLES} defaultRole="partner_member" />
          </section>
        </>
      ) : (
        <Text size="sm">Ask a partner admin of your company to invite colleagues.</Text>
      )}
    </Stack>
  );
}
