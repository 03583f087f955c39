import type { ProblemCode } from './http/problem-codes.js';

export type FieldError = { field: string; message: string };

/** A failure the caller can act on; mapped to problem+json by the HTTP layer through PROBLEM_CODES. */
export class AppError extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'The object') => new AppError('not_found', `${what} was not found`);
export const forbidden = (message = 'Your role does not allow this') => new AppError('forbidden', message);
export const invalid = (field: string, message: string) =>
  new AppError('validation_failed', `${field}: ${message}`, [{ field, message }]);
export const conflict = (message: string) => new AppError('conflict', message);
