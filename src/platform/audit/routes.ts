import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../http/openapi.js';
import { pageOf } from '../http/pagination.js';
import { auditEntryView, listAuditQuery } from './contracts.js';
import { listAudit } from './service.js';

export const auditRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/audit', {
    schema: {
      tags: ['audit'],
      operationId: 'listAudit',
      summary: 'The audit log, newest first',
      querystring: listAuditQuery,
      response: { 200: pageOf(auditEntryView), ...errorResponses },
    },
    handler: async (req) => listAudit(req.ctx, req.query),
  });
};
