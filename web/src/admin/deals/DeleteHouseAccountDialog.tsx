import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { HouseAccount } from '../../api/deals';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDialogMutation } from '../../components/useDialogMutation';

/** Asks before removing a house account; `account` null keeps the dialog closed. */
export function DeleteHouseAccountDialog({ account, onClose }: { account: HouseAccount | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { mutation: del, close } = useDialogMutation({
    mutationFn: (a: HouseAccount) => api.delete(`/house-accounts/${encodeURIComponent(a.id)}`),
    onSuccess: (_, a) => {
      void queryClient.invalidateQueries({ queryKey: ['house-accounts'] });
      notifications.show({ color: 'green', message: `House account “${a.name}” deleted` });
    },
    onClose,
  });
  return (
    <ConfirmDialog
      opened={account !== null}
      onClose={close}
      title={account ? `Delete ${account.name}?` : 'Delete house account?'}
      error={<ErrorAlert error={del.error} />}
      confirmLabel="Delete house account"
      pending={del.isPending}
      onConfirm={() => account && del.mutate(account)}
    >
      <Text size="sm">
        Partners may then register this customer. Conflicts already recorded against the account stay with their
        registrations.
      </Text>
    </ConfirmDialog>
  );
}
