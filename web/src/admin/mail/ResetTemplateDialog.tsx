import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { api } from '../../api/client';
import { type MailTemplate, mailTemplatePath } from '../../api/mailTemplates';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDialogMutation } from '../../components/useDialogMutation';
import { useTemplateChanged } from './cache';

/** Asks before dropping the admin's wording of a template for the built-in one. */
export function ResetTemplateDialog(props: { template: MailTemplate; opened: boolean; onClose: () => void }) {
  const { template, opened, onClose } = props;
  const onChanged = useTemplateChanged();
  const { mutation: reset, close } = useDialogMutation({
    mutationFn: () => api.delete<MailTemplate>(mailTemplatePath(template.key)),
    onSuccess: (t) => {
      onChanged(t);
      notifications.show({ color: 'green', message: 'The template is back to its built-in wording' });
    },
    onClose,
  });
  return (
    <ConfirmDialog
      opened={opened}
      title="Reset to the built-in wording?"
      confirmLabel="Reset to built-in"
      pending={reset.isPending}
      onConfirm={() => reset.mutate()}
      onClose={close}
      error={<ErrorAlert error={reset.error} />}
    >
      <Text size="sm">
        Mail is sent with the wording Trellis comes with again, subject “{template.builtIn.subject}”. Your wording is
        not kept here; the audit log has it.
      </Text>
    </ConfirmDialog>
  );
}
