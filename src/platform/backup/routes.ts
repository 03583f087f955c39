import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createGzip } from 'node:zlib';
import type { Database } from '../db/database.js';
import { sendProblem } from '../http/problem.js';
import { dump } from './dump.js';
import { lineWriter } from './file.js';

/**
 * The backup of a server that holds the embedded database (one process per folder, so the CLI cannot open
 * it): for the operator's local token only, and not in the API document. A backup that fails part-way breaks
 * off the response, so the CLI never keeps a file without its last line.
 */
export const backupRoutes =
  (deps: { db: Database }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/operator/backup', { schema: { hide: true } }, async (request, reply) => {
      if (request.authVia !== 'local') return sendProblem(request, reply, 'not_found', 'Not found');
      const gzip = createGzip();
      // a download broken off ends the snapshot too (the embedded database serves nothing else meanwhile)
      reply.raw.once('close', () => gzip.destroy());
      dump(deps.db, lineWriter(gzip)).then(
        () => gzip.end(),
        (error: unknown) => {
          request.log.error({ err: error }, 'backup failed');
          gzip.destroy(error as Error);
        },
      );
      return reply.type('application/gzip').send(gzip);
    });
  };
