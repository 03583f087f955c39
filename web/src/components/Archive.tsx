import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api/client';

export type ArchiveAction = 'archive' | 'restore';

interface ArchiveOptions<T> {
  /** The record's API path; the action is appended to it. */
  path: string;
  onChanged: (record: T) => void;
  /** The green notice once done. */
  message: (record: T, action: ArchiveAction) => string;
  onError?: (error: Error) => void;
}

/** Archives or restores a record (POST `path/archive` or `path/restore`), then says so. */
export function useArchiveMutation<T>({ path, onChanged, message, onError }: ArchiveOptions<T>) {
  return useMutation({
    mutationFn: (action: ArchiveAction) => api.post<T>(`${path}/${action}`),
    onSuccess: (record, action) => {
      onChanged(record);
      notifications.show({ color: 'green', message: message(record, action) });
    },
    onError,
  });
}

/** A record page's Archive button, or Restore once it is archived. */
export function ArchiveToggle({
  archived,
  pending,
  onAction,
}: {
  archived: boolean;
  pending: boolean;
  onAction: (action: ArchiveAction) => void;
}) {
  return archived ? (
    <Button variant="default" onClick={() => onAction('restore')} loading={pending}>
      Restore
    </Button>
  ) : (
    <Button color="red" variant="outline" onClick={() => onAction('archive')} loading={pending}>
      Archive
    </Button>
  );
}
