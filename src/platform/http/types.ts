import type {
  FastifyInstance,
  FastifyBaseLogger,
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../access/actor.js';
import type { Ctx } from '../context.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** How the actor was recognised; cookie sessions must also pass the CSRF check on unsafe methods. */
    authVia: 'session' | 'api_key' | 'local' | 'none';
    csrfToken: string | null;
    /** The use-case context, built after validation; routes pass it to services. */
    ctx: Ctx;
  }
  interface FastifyContextConfig {
    /** Routes are closed by default; a public route is reachable without signing in. */
    public?: boolean;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
