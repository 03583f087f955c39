import type { ApiClient, ApiResponse, Method } from '../http.js';

/** The server went away under the request (killed): the write may or may not have happened. */
export class ServerGone extends Error {}

/**
 * An API client with a bearer key whose server address changes at every restart. Requests that meet a dead
 * server throw `ServerGone`; any answer, 5xx included, is returned.
 */
export class KeyClient implements ApiClient {
  baseUrl = '';
  constructor(readonly key: string) {}

  async request(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse & { bytes: Buffer; headers: Headers }> {
    const raw = Buffer.isBuffer(body);
    let res: Response;
    let bytes: Buffer;
    try {
      res = await fetch(this.baseUrl + url, {
        method,
        headers: {
          authorization: `Bearer ${this.key}`,
          ...(body !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: raw ? body : JSON.stringify(body) } : {}),
      });
      bytes = Buffer.from(await res.arrayBuffer());
    } catch (error) {
      throw new ServerGone(error instanceof Error ? error.message : String(error));
    }
    const text = bytes.toString('utf8');
    return { statusCode: res.status, body: text, bytes, headers: res.headers, json: () => JSON.parse(text) as unknown };
  }
}
