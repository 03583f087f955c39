import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../errors.js';
import { PROBLEM_CODES, type ProblemCode } from './problem-codes.js';

export const PROBLEM_TYPE_BASE = 'https://trellis.dev/problems/';

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  requestId: string;
  errors?: FieldError[];
};

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ProblemCode,
  detail: string,
  errors: FieldError[] = [],
): FastifyReply {
  const { status, title } = PROBLEM_CODES[code];
  const body: Problem = { type: PROBLEM_TYPE_BASE + code, title, status, code, detail, requestId: request.id };
  if (errors.length > 0) body.errors = errors;
  return reply.code(status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

/** Zod issue paths as dotted field names; an issue about the whole part is named after the part. */
function fieldErrorsOf(
  error: FastifyError & { validation: { instancePath: string; message?: string }[] },
): FieldError[] {
  const part = (error as { validationContext?: string }).validationContext ?? 'body';
  return error.validation.map((v) => ({
    field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || part,
    message: v.message ?? 'is not valid',
  }));
}

const PG_CODES: Record<string, ProblemCode> = {
  '23505': 'already_exists',
  '23503': 'conflict',
  '40001': 'conflict',
  '40P01': 'conflict',
};

/** One mapping from every kind of failure to problem+json; a 5xx never shows internals. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    for (const [k, v] of Object.entries(error.headers)) void reply.header(k, v);
    return sendProblem(request, reply, error.code, error.message, error.errors);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = fieldErrorsOf(error);
    return sendProblem(
      request,
      reply,
      'validation_failed',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
    return sendProblem(request, reply, 'internal', 'An unexpected error occurred; it has been logged');
  }
  const pgCode = (error as { code?: string }).code;
  if (pgCode && PG_CODES[pgCode]) {
    request.log.warn({ pgCode }, 'database constraint answered the request');
    return sendProblem(
      request,
      reply,
      PG_CODES[pgCode],
      'The change conflicts with existing data; reload and try again',
    );
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return sendProblem(request, reply, 'payload_too_large', error.message);
  if (status === 415) return sendProblem(request, reply, 'unsupported_media_type', error.message);
  if (status === 429) return sendProblem(request, reply, 'rate_limited', error.message);
  if (status === 404) return sendProblem(request, reply, 'not_found', error.message);
  if (status >= 400 && status < 500) {
    // malformed JSON, empty body with a JSON content type and the like: the body as a whole is wrong
    return sendProblem(request, reply, 'validation_failed', `body: ${error.message}`, [
      { field: 'body', message: error.message },
    ]);
  }
  request.log.error({ err: error }, 'request failed');
  return sendProblem(request, reply, 'internal', 'An unexpected error occurred; it has been logged');
}
