/** API calls as tests make them, the same whether injected into an in-process app or sent to a running server. */

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type ApiResponse = { statusCode: number; body: string; json(): unknown };
export type ApiClient = {
  request(method: Method, url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
};

/** A browser over real HTTP: keeps the session cookie and sends the CSRF token like the web app does. */
export class HttpBrowser implements ApiClient {
  private cookie: string | null = null;
  private csrf: string | null = null;
  constructor(readonly baseUrl: string) {}

  async login(email: string, password: string): Promise<void> {
    const res = await this.request('POST', '/api/v1/auth/login', { email, password });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    this.csrf = (res.json() as { csrfToken: string }).csrfToken;
  }

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(this.baseUrl + url, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith('trellis_session='));
    if (session) this.cookie = session.split(';', 1)[0]!;
    const text = await res.text();
    return { statusCode: res.status, body: text, json: () => JSON.parse(text) as unknown };
  }
}
