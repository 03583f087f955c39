import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { anonymousActor, systemActor } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { safeEqual } from '../../platform/crypto.js';
import type { Database } from '../../platform/db/database.js';
import { contextOf } from '../../platform/http/context.js';
import { sendProblem } from '../../platform/http/problem.js';
import { resolveApiKey } from './api-keys.service.js';
import { SESSION_POLICY } from './rules/session-policy.js';
import { resolveSession } from './sessions.service.js';

export const SESSION_COOKIE = 'trellis_session';
export const LOCAL_TOKEN_PREFIX = 'local_';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    maxAge: Math.floor(SESSION_POLICY.absoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}

/**
 * Recognises the caller of every API request — an API key, the operator's local token (the CLI talking to
 * the server that holds the embedded database), or a session cookie — and closes every route that is not
 * marked public. Cookie-authenticated unsafe requests must carry the session's CSRF token.
 */
export function registerAuth(
  app: FastifyInstance,
  deps: { db: Database; config: Config; localToken?: string | undefined },
): void {
  const base = (request: FastifyRequest): Ctx => ({
    db: deps.db,
    config: deps.config,
    actor: anonymousActor,
    requestId: request.id,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  });
  app.decorateRequest('actor', null as never);
  app.decorateRequest('authVia', 'none');
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('ctx', null as never);

  app.addHook('onRequest', async (request, reply) => {
    request.actor = anonymousActor;
    request.authVia = 'none';
    request.csrfToken = null;
    // the interactive API docs are public pages; the API itself is not
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const secret = match?.[1] ?? '';
      if (
        deps.localToken &&
        secret.startsWith(LOCAL_TOKEN_PREFIX) &&
        safeEqual(secret, LOCAL_TOKEN_PREFIX + deps.localToken)
      ) {
        request.actor = systemActor('cli');
        request.authVia = 'local';
      } else {
        const actor = secret ? await resolveApiKey(base(request), secret) : null;
        if (!actor) return sendProblem(request, reply, 'unauthenticated', 'The API key is unknown or revoked');
        request.actor = actor;
        request.authVia = 'api_key';
      }
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const found = await resolveSession(base(request), token);
        if (found) {
          request.actor = found.actor;
          request.authVia = 'session';
          request.csrfToken = found.csrfToken;
        } else {
          clearSessionCookie(reply, deps.config);
        }
      }
    }
    const isPublic = request.routeOptions.config?.public === true;
    if (!isPublic && request.actor.type === 'anonymous') {
      return sendProblem(request, reply, 'unauthenticated', 'Sign in or send an API key');
    }
    if (!isPublic && request.authVia === 'session' && UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.csrfToken || !safeEqual(sent, request.csrfToken)) {
        return sendProblem(request, reply, 'csrf_failed', "Send the session's CSRF token in the X-CSRF-Token header");
      }
    }
  });

  app.addHook('preHandler', async (request) => {
    request.ctx = contextOf(request, deps.db, deps.config);
  });
}
