import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

interface EditFormOptions<I, R> {
  mutationFn: (input: I) => Promise<R>;
  onSaved: (record: R) => void;
  /** The green notice once saved. */
  message: string;
}

/** A record page's edit mode: the form's props while editing, and leaving edit mode once saved or cancelled. */
export function useEditForm<I, R>({ mutationFn, onSaved, message }: EditFormOptions<I, R>) {
  const [editing, setEditing] = useState(false);
  const update = useMutation({
    mutationFn,
    onSuccess: (record: R) => {
      onSaved(record);
      setEditing(false);
      notifications.show({ color: 'green', message });
    },
  });
  return {
    editing,
    edit: () => setEditing(true),
    form: {
      pending: update.isPending,
      error: update.error,
      onSubmit: (input: I) => update.mutate(input),
      onCancel: () => {
        update.reset();
        setEditing(false);
      },
    },
  };
}
