import { Button, Group } from '@mantine/core';

interface ActionsProps {
  submitLabel?: string;
  pending: boolean;
  onCancel?: () => void;
}

/** A dialog form's buttons: Cancel, then the submit button, at the right. */
export function ModalFormActions({ submitLabel = 'Save', pending, onCancel }: ActionsProps) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={pending}>
        {submitLabel}
      </Button>
    </Group>
  );
}

/** A page form's buttons: the submit button first, then Cancel when the form can be left. */
export function FormActions({ submitLabel = 'Save', pending, onCancel }: ActionsProps) {
  return (
    <Group>
      <Button type="submit" loading={pending}>
        {submitLabel}
      </Button>
      {onCancel && (
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
      )}
    </Group>
  );
}
