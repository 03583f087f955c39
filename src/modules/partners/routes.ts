import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/openapi.js';
import { pageOf } from '../../platform/http/pagination.js';
import { createPartnerBody, listPartnersQuery, partnerView } from './contracts.js';
import { createPartner, getPartner, listPartners } from './service.js';

const tags = ['partners'];

export const partnerRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/partners', {
    schema: {
      tags,
      operationId: 'listPartners',
      summary: 'Partner companies; a partner user sees only its own',
      querystring: listPartnersQuery,
      response: { 200: pageOf(partnerView), ...errorResponses },
    },
    handler: async (req) => listPartners(req.ctx, req.query),
  });
  app.post('/partners', {
    schema: {
      tags,
      operationId: 'createPartner',
      summary: 'Create a partner company (accepts Idempotency-Key)',
      body: createPartnerBody,
      response: { 201: partnerView, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await createPartner(req.ctx, req.body)),
  });
  app.get('/partners/:id', {
    schema: {
      tags,
      operationId: 'getPartner',
      params: z.object({ id: z.uuid() }),
      response: { 200: partnerView, ...errorResponses },
    },
    handler: async (req) => getPartner(req.ctx, req.params.id),
  });
};
