import { Modal, type MantineSize } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';

interface EditorModalProps<T extends { id: string }> {
  /** The record being edited, 'new' for a new one, or null when closed. */
  editing: T | 'new' | null;
  onClose: () => void;
  /** The dialog's title; null for a new record (and while the dialog closes). */
  title: (record: T | null) => string;
  size?: MantineSize;
  /** The form; keyed by the record, so each opening starts from that record. */
  children: (record: T | null) => ReactNode;
}

/** A dialog holding the form that adds a record or edits one. */
export function EditorModal<T extends { id: string }>({
  editing,
  onClose,
  title,
  size,
  children,
}: EditorModalProps<T>) {
  const record = editing === 'new' ? null : editing;
  return (
    <Modal opened={editing !== null} onClose={onClose} size={size} title={title(record)}>
      {editing !== null && <Fragment key={record?.id ?? 'new'}>{children(record)}</Fragment>}
    </Modal>
  );
}
