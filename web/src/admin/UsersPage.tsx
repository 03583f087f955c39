import { Stack, Title } from '@mantine/core';
import { useCan } from '../auth/AuthContext';
import { VENDOR_ROLES } from '../auth/roles';
import { InviteForm } from '../components/InviteForm';
import { InvitationsTable, TeamTable } from '../components/TeamTable';
import { usePageTitle } from '../components/usePageTitle';

export function UsersPage() {
  usePageTitle('Users');
  const can = useCan();
  const manage = can('user.manage');
  return (
    <Stack gap="lg">
      <Title order={1}>Users</Title>
      <section aria-labelledby="vendor-users-heading">
        <Title order={2} size="h3" id="vendor-users-heading" mb="sm">
          Vendor users
        </Title>
        <TeamTable label="Vendor users" params={{ kind: 'vendor' }} manage={manage} />
      </section>
      {can('user.invite') && (
        <>
          <section aria-labelledby="pending-heading">
            <Title order={2} size="h3" id="pending-heading" mb="sm">
              Pending invitations
            </Title>
            <InvitationsTable label="Pending invitations" withPartner />
          </section>
          {/* Staff invitations need user.manage; a channel manager invites partner users from a partner's page. */}
          {manage && (
            <section aria-labelledby="invite-heading">
              <Title order={2} size="h3" id="invite-heading" mb="sm">
                Invite user
              </Title>
              <InviteForm roles={VENDOR_ROLES} defaultRole="viewer" />
            </section>
          )}
        </>
      )}
    </Stack>
  );
}
