import { useMutation } from '@tanstack/react-query';

interface DialogMutationOptions<V, R> {
  mutationFn: (variables: V) => Promise<R>;
  onSuccess: (result: R, variables: V) => void;
  onClose: () => void;
}

/** A dialog's mutation: the dialog closes once it succeeds, and closing forgets a failed try. */
export function useDialogMutation<V, R>({ mutationFn, onSuccess, onClose }: DialogMutationOptions<V, R>) {
  const mutation = useMutation({
    mutationFn,
    onSuccess: (result: R, variables: V) => {
      onSuccess(result, variables);
      close();
    },
  });
  function close() {
    mutation.reset();
    onClose();
  }
  return { mutation, close };
}
