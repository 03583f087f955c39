import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import type { Config } from './config.js';
import { registerApiRateLimit } from './modules/identity/api-rate-limit.js';
import { registerAuth } from './modules/identity/http-auth.js';
import { authRoutes } from './modules/identity/auth.routes.js';
import { userRoutes } from './modules/identity/users.routes.js';
import { partnerRoutes } from './modules/partners/routes.js';
import { productRoutes } from './modules/products/routes.js';
import { programRoutes } from './modules/programs/routes.js';
import { programFileRoutes } from './modules/programs/file/routes.js';
import { enrollmentRoutes } from './modules/enrollments/routes.js';
import { agreementRoutes } from './modules/agreements/routes.js';
import { applicationRoutes } from './modules/applications/routes.js';
import { graphRoutes } from './modules/graph/routes.js';
import { onboardingRoutes } from './modules/onboarding/routes.js';
import { dealRoutes } from './modules/deals/routes.js';
import { houseAccountRoutes } from './modules/deals/house-accounts.routes.js';
import { registerModuleHooks } from './modules/hooks.js';
import { auditRoutes } from './platform/audit/routes.js';
import { backupRoutes } from './platform/backup/routes.js';
import type { Database } from './platform/db/database.js';
import { registerDocs } from './platform/http/docs.js';
import { createMetrics, instrumentHttp } from './platform/http/metrics.js';
import { handleError } from './platform/http/problem.js';
import { genRequestId } from './platform/http/request-id.js';
import { registerCors, registerSecurityHeaders } from './platform/http/security.js';
import type { App } from './platform/http/types.js';
import { registerWebApp } from './platform/http/web-app.js';
import { mailRoutes } from './platform/mail/routes.js';

export type AppOptions = {
  config: Config;
  db: Database;
  /** A pino logger; without one the app logs nothing (tests). */
  logger?: FastifyBaseLogger;
  /** The operator's token for the CLI when the server holds the embedded database. */
  localToken?: string;
  metrics?: Registry;
};

// bodies larger than this are refused before they are parsed
const BODY_LIMIT = 1024 * 1024;

/** Builds the HTTP app: platform plugins first, then each module's routes under /api/v1. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, db } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    genReqId: genRequestId,
    bodyLimit: BODY_LIMIT,
    // without trusted proxies a forwarded address is ignored: anyone could claim any address
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  await registerSecurityHeaders(app, config);
  await app.register(fastifyCookie);
  registerCors(app, config);
  const metrics = options.metrics ?? createMetrics();
  instrumentHttp(app, metrics);
  registerAuth(app, { db, config, localToken: options.localToken });
  registerApiRateLimit(app, { db, config });
  await registerDocs(app, config.publicUrl);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await db.ping();
      return { status: 'ready', database: db.backend };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: db.backend });
    }
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) =>
    reply.type(metrics.contentType).send(await metrics.metrics()),
  );

  registerModuleHooks();
  const deps = { db, config };
  await app.register(
    async (api) => {
      await api.register(authRoutes(deps));
      await api.register(userRoutes());
      await api.register(partnerRoutes());
      await api.register(productRoutes());
      await api.register(programRoutes());
      await api.register(programFileRoutes());
      await api.register(enrollmentRoutes());
      await api.register(agreementRoutes());
      await api.register(applicationRoutes());
      await api.register(graphRoutes());
      await api.register(onboardingRoutes());
      await api.register(dealRoutes());
      await api.register(houseAccountRoutes());
      await api.register(auditRoutes());
      await api.register(mailRoutes());
      // only a server holding the embedded database has a local operator, and only it needs this way out
      if (options.localToken) await api.register(backupRoutes(deps));
    },
    { prefix: '/api/v1' },
  );
  await registerWebApp(app, config.webDir);
  return app;
}
