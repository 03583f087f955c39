import { Button, Group } from '@mantine/core';

/**
 * Adding and removing rows of an editable list (tier requirements, eligibility rules). Either changes the list's
 * shape, so `onReshape` runs first: errors the server gave by position no longer apply.
 */
export function rowEditing<R>(rows: R[], onChange: (rows: R[]) => void, onReshape: () => void) {
  return {
    add: (row: R) => {
      onReshape();
      onChange([...rows, row]);
    },
    remove: (index: number) => {
      onReshape();
      onChange(rows.filter((_, j) => j !== index));
    },
  };
}

/** The Remove button of one row; `label` names the row for screen readers. */
export function RemoveRowButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button variant="subtle" color="red" mt={25} aria-label={label} onClick={onClick}>
      Remove
    </Button>
  );
}

/** The Add button under an editable list, off once the list is full. */
export function AddRowButton({ label, onClick, disabled }: { label: string; onClick: () => void; disabled: boolean }) {
  return (
    <Group>
      <Button variant="default" onClick={onClick} disabled={disabled}>
        {label}
      </Button>
    </Group>
  );
}
