/** A small JSON client for the Trellis REST API (`/api/v1`). */

export interface FieldError {
  field: string;
  message: string;
}

interface Problem {
  status?: number;
  code?: string;
  title?: string;
  detail?: string;
  requestId?: string;
  errors?: FieldError[];
}

/** An error answered by the API (RFC 9457 problem+json), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly requestId: string | null;
  /** Seconds from the Retry-After header, when the server sent one. */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: string;
    detail: string;
    errors?: FieldError[];
    requestId?: string | null;
    retryAfter?: number | null;
  }) {
    super(init.detail || init.code);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
  }

  /** The message for one field (`tags.0` counts as `tags`). */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => topField(e.field) === field)?.message;
  }
}

function topField(field: string): string {
  return field.split(/[.[]/, 1)[0] ?? field;
}

function sentence(message: string): string {
  return message ? message.charAt(0).toUpperCase() + message.slice(1) : message;
}

/** Field name → first message, for showing errors under inputs. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const e of error.errors) {
      const key = topField(e.field);
      if (!(key in out)) out[key] = sentence(e.message);
    }
  }
  return out;
}

let csrfToken: string | null = null;

/** Remember the session's CSRF token; unsafe requests send it in `X-CSRF-Token`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const API_BASE = '/api/v1';

type Query = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x`, leaving out empty values; '' when nothing is left. */
export function queryString(params: Query): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<T> {
  return send<T>(
    method,
    path,
    body === undefined ? undefined : { contentType: 'application/json', data: JSON.stringify(body) },
    headers,
  );
}

/** Sends a file or other raw bytes as the body, with its own content type (e.g. an image upload). */
export async function requestRaw<T>(method: string, path: string, body: Blob, contentType?: string): Promise<T> {
  return send<T>(method, path, { contentType: contentType || body.type || 'application/octet-stream', data: body });
}

async function send<T>(
  method: string,
  path: string,
  body: { contentType: string; data: BodyInit } | undefined,
  extra: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { ...extra, Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = body.contentType;
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body?.data,
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'network_error',
      detail: 'Trellis could not be reached. Check your connection and try again.',
    });
  }

  const contentType = response.headers.get('Content-Type') ?? '';
  const isJson = contentType.includes('json');

  if (!response.ok) {
    let problem: Problem = {};
    if (isJson) {
      try {
        problem = (await response.json()) as Problem;
      } catch {
        problem = {};
      }
    }
    throw new ApiError({
      status: response.status,
      code: problem.code ?? `http_${response.status}`,
      detail: problem.detail ?? problem.title ?? response.statusText ?? 'The request failed',
      errors: Array.isArray(problem.errors) ? problem.errors : [],
      requestId: problem.requestId ?? response.headers.get('X-Request-Id'),
      retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
    });
  }

  if (response.status === 204 || !isJson) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, params: Query = {}) => request<T>('GET', path + queryString(params)),
  /** `headers` for the few a request needs beyond the usual, e.g. an `Idempotency-Key` on a create. */
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  /** PUT a file as the raw body (sent with the file's content type). */
  putFile: <T>(path: string, file: Blob, contentType?: string) => requestRaw<T>('PUT', path, file, contentType),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
