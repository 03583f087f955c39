import { Alert, Text } from '@mantine/core';
import { ApiError } from '../api/client';

function describe(error: unknown): { title: string; detail: string; requestId: string | null } {
  if (error instanceof ApiError) {
    const titles: Record<number, string> = {
      0: 'Trellis could not be reached',
      401: 'You are signed out',
      403: 'You do not have access to this',
      404: 'Not found',
      409: 'That conflicts with something that already exists',
      429: 'Too many requests',
    };
    const title =
      titles[error.status] ??
      (error.status >= 500 ? 'Trellis had a problem with this request' : 'The request was not accepted');
    return { title, detail: error.detail, requestId: error.requestId };
  }
  return {
    title: 'Something went wrong',
    detail: error instanceof Error ? error.message : String(error),
    requestId: null,
  };
}

/** An error answered by the API, in words, with its request id for support. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const d = describe(error);
  return (
    <Alert color="red" variant="light" title={title ?? d.title} role="alert">
      {d.detail && <Text size="sm">{d.detail}</Text>}
      {d.requestId && (
        <Text size="xs" mt={4} c="gray.8">
          Request id: {d.requestId}
        </Text>
      )}
    </Alert>
  );
}

/**
 * For forms: when every problem is shown under an input, a short summary; otherwise the full error.
 * `fields` are the inputs the form shows.
 */
export function FormErrorAlert({ error, fields }: { error: unknown; fields: string[] }) {
  if (!error) return null;
  if (error instanceof ApiError && error.errors.length > 0) {
    const unshown = error.errors.filter((e) => !fields.includes(e.field.split(/[.[]/, 1)[0] ?? e.field));
    if (unshown.length === 0) {
      return (
        <Alert color="red" variant="light" title="Please correct the highlighted fields" role="alert">
          <Text size="sm">Nothing was saved.</Text>
        </Alert>
      );
    }
  }
  return <ErrorAlert error={error} />;
}
