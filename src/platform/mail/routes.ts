import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../http/openapi.js';
import { listMailQuery, mailPage, mailParams, mailView } from './contracts.js';
import { getMail, listMail } from './service.js';

export const mailRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/mail', {
    schema: {
      tags: ['mail'],
      operationId: 'listMail',
      summary: 'Mail sent or stored by Trellis, newest first (admins)',
      querystring: listMailQuery,
      response: { 200: mailPage, ...errorResponses },
    },
    handler: async (req) => listMail(req.ctx, req.query),
  });
  app.get('/mail/:id', {
    schema: {
      tags: ['mail'],
      operationId: 'getMail',
      params: mailParams,
      response: { 200: mailView, ...errorResponses },
    },
    handler: async (req) => getMail(req.ctx, req.params.id),
  });
};
