import type { Config } from '../config.js';
import type { CreateApiKeyInput, CreateUserInput, UserView, ApiKeyView } from '../modules/identity/contracts.js';
import { createApiKey } from '../modules/identity/api-keys.service.js';
import { createUser } from '../modules/identity/users.service.js';
import type { CreateProductInput, ListProductsQuery, ProductView } from '../modules/products/contracts.js';
import { createProduct, listProducts } from '../modules/products/service.js';
import { registerModuleHooks } from '../modules/hooks.js';
import { inlineBadgeFiles } from '../modules/programs/file/badge-files.js';
import {
  applyProgram,
  exportProgram,
  planProgram,
  type ProgramExport,
  type ProgramPlan,
} from '../modules/programs/file/service.js';
import { systemActor } from '../platform/access/actor.js';
import type { Ctx } from '../platform/context.js';
import { readLock } from '../platform/db/data-lock.js';
import { AppError } from '../platform/errors.js';
import type { Page } from '../platform/http/pagination.js';
import type { ProblemCode } from '../platform/http/problem-codes.js';
import { LOCAL_TOKEN_PREFIX } from '../modules/identity/http-auth.js';
import { openConfiguredDatabase } from '../server.js';

/** What the CLI's commands do; the same use cases whether the CLI opens the database or asks the server. */
export interface Backend {
  readonly via: string;
  createUser(input: CreateUserInput): Promise<UserView>;
  createApiKey(input: CreateApiKeyInput): Promise<{ apiKey: ApiKeyView; secret: string }>;
  listProducts(query: ListProductsQuery): Promise<Page<ProductView>>;
  createProduct(input: CreateProductInput): Promise<ProductView>;
  /** `baseDir` is the program file's folder, where badge file names are read from. */
  planProgram(text: string, baseDir: string): Promise<ProgramPlan>;
  applyProgram(text: string, baseDir: string): Promise<ProgramPlan>;
  exportProgram(idOrKey: string): Promise<ProgramExport>;
  close(): Promise<void>;
}

/** Calls the services in this process, as the operator (the system actor). */
async function directBackend(config: Config): Promise<Backend> {
  const { db, lock } = await openConfiguredDatabase(config, 'cli');
  try {
    await db.migrate();
  } catch (error) {
    await db.close();
    lock?.release();
    throw error;
  }
  registerModuleHooks();
  const ctx: Ctx = { db, config, actor: systemActor('cli'), requestId: null };
  return {
    via: db.backend === 'postgres' ? 'PostgreSQL' : `the data folder ${config.dataDir}`,
    createUser: (input) => createUser(ctx, input),
    createApiKey: (input) => createApiKey(ctx, input),
    listProducts: (query) => listProducts(ctx, query),
    createProduct: (input) => createProduct(ctx, input),
    planProgram: (text, baseDir) => planProgram(ctx, text, { baseDir }),
    applyProgram: (text, baseDir) => applyProgram(ctx, text, { baseDir }),
    exportProgram: (idOrKey) => exportProgram(ctx, idOrKey),
    async close() {
      await db.close();
      lock?.release();
    },
  };
}

/** Goes through the running server that holds the embedded database, with its local operator token. */
function httpBackend(url: string, token: string): Backend {
  const send = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${LOCAL_TOKEN_PREFIX}${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      const problem = (await response.json()) as {
        code?: ProblemCode;
        detail?: string;
        errors?: { field: string; message: string }[];
      };
      throw new AppError(problem.code ?? 'internal', problem.detail ?? response.statusText, problem.errors ?? []);
    }
    return response;
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
    (await send(method, path, body)).json() as Promise<T>;
  const query = (q: Record<string, unknown>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
    return params.size ? `?${params}` : '';
  };
  return {
    via: `the running server at ${url}`,
    createUser: (input) => call('POST', '/users', input),
    createApiKey: (input) => call('POST', '/api-keys', input),
    listProducts: (q) => call('GET', `/products${query(q)}`),
    createProduct: (input) => call('POST', '/products', input),
    // the server reads no files: badge files go inline, as the API asks of every upload
    planProgram: async (text, baseDir) => call('POST', '/programs/plan', { source: inlineBadgeFiles(text, baseDir) }),
    applyProgram: async (text, baseDir) => call('POST', '/programs/apply', { source: inlineBadgeFiles(text, baseDir) }),
    async exportProgram(idOrKey) {
      const response = await send('GET', `/programs/${encodeURIComponent(idOrKey)}/export`);
      const fileName =
        /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${idOrKey}.yaml`;
      return { key: fileName.replace(/\.yaml$/, ''), fileName, text: await response.text() };
    },
    close: async () => undefined,
  };
}

/**
 * PostgreSQL takes any number of clients, so the CLI connects directly. The embedded database takes one
 * process: when a server holds the folder the CLI goes through it; otherwise the CLI takes the lock itself.
 */
export async function openBackend(config: Config): Promise<Backend> {
  if (!config.databaseUrl) {
    const held = readLock(config.dataDir);
    if (held?.holder === 'server' && held.url && held.token) return httpBackend(held.url, held.token);
  }
  return directBackend(config);
}
