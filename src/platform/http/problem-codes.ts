/** Every error code the API answers with, and its HTTP status: the one table, stable for clients. */
export const PROBLEM_CODES = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  invalid_cursor: { status: 400, title: 'The cursor is not valid' },
  unauthenticated: { status: 401, title: 'Sign in first' },
  invalid_credentials: { status: 401, title: 'Email or password is wrong' },
  forbidden: { status: 403, title: 'Not allowed' },
  csrf_failed: { status: 403, title: 'The CSRF token is missing or wrong' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'The change conflicts with the current state' },
  invalid_transition: { status: 409, title: 'That status change is not allowed' },
  already_exists: { status: 409, title: 'It exists already' },
  idempotency_conflict: { status: 409, title: 'The Idempotency-Key was used with another request' },
  token_invalid: { status: 410, title: 'The link is invalid, used or expired' },
  unsupported_media_type: { status: 415, title: 'The content type is not supported' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  too_many_attempts: { status: 429, title: 'Too many attempts' },
  rate_limited: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'The service is not ready' },
  internal: { status: 500, title: 'Something went wrong on our side' },
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;
