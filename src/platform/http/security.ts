import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { sendProblem } from './problem.js';

const API = '/api/v1/';

/**
 * The headers every answer carries: a strict CSP (no framing), HSTS when served over https, no sniffing, no
 * referrer (reset and invitation links carry tokens), same-origin opener and resource policies. API answers
 * hold personal data and are never stored by a browser or a shared cache, unless a route chose otherwise
 * (images that are revalidated by their hash).
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const https = config.publicUrl.startsWith('https://');
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // the component kit sets inline style attributes
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    hsts: https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (request.url.startsWith(API) && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', 'no-store');
  });
}

const EXPOSED = [
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'x-request-id',
  'location',
];
const METHODS = 'GET, POST, PUT, PATCH, DELETE';
const HEADERS = 'authorization, content-type, idempotency-key, x-request-id';

/** The origin the browser is on when it calls us from our own pages: the public URL, or the host it reached. */
function isOwnOrigin(request: FastifyRequest, origin: string, config: Config): boolean {
  return origin === new URL(config.publicUrl).origin || origin === `${request.protocol}://${request.host}`;
}

/**
 * Same-origin by default: a page on another origin gets no Access-Control-Allow-Origin and its preflight is
 * refused. Origins in TRELLIS_CORS_ORIGINS may read answers to calls made with an API key; credentials are
 * never allowed across origins, and a session cookie that arrives with a foreign Origin is ignored, so a
 * signed-in user's session can only be used by Trellis's own pages. Registered after the cookie parser and
 * before authentication.
 */
export function registerCors(app: FastifyInstance, config: Config): void {
  const allowed = new Set(config.corsOrigins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!request.url.startsWith('/api/') || typeof origin !== 'string' || isOwnOrigin(request, origin, config)) {
      return;
    }
    // a cookie sent along by a foreign page never signs anybody in (the identity module's session cookie)
    if (request.cookies) delete request.cookies.trellis_session;
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (!allowed.has(origin)) {
      if (preflight) return sendProblem(request, reply, 'forbidden', `The origin ${origin} may not call this API`);
      return;
    }
    void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    if (preflight) {
      return reply
        .code(204)
        .header('access-control-allow-methods', METHODS)
        .header('access-control-allow-headers', HEADERS)
        .header('access-control-max-age', '600')
        .send();
    }
    void reply.header('access-control-expose-headers', EXPOSED.join(', '));
  });
}
