import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/openapi.js';
import { changeTierBody, enrollBody, enrollmentView, tierChangeView } from './contracts.js';
import { changeTier, enrollPartner, listProgramEnrollments, tierHistory } from './service.js';

const tags = ['enrollments'];
const id = z.object({ id: z.uuid() });

export const enrollmentRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/programs/:id/enrollments', {
    schema: {
      tags,
      operationId: 'listProgramEnrollments',
      summary: 'The partners in a program and their tiers',
      params: id,
      response: { 200: z.array(enrollmentView), ...errorResponses },
    },
    handler: async (req) => listProgramEnrollments(req.ctx, req.params.id),
  });
  app.post('/programs/:id/enrollments', {
    schema: {
      tags,
      operationId: 'enrollPartner',
      summary: 'Place a partner in a program at a tier',
      params: id,
      body: enrollBody,
      response: { 201: enrollmentView, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await enrollPartner(req.ctx, req.params.id, req.body)),
  });
  app.post('/enrollments/:id/tier', {
    schema: {
      tags,
      operationId: 'changeEnrollmentTier',
      summary: 'Move a partner to another tier, with the reason',
      params: id,
      body: changeTierBody,
      response: { 200: enrollmentView, ...errorResponses },
    },
    handler: async (req) => changeTier(req.ctx, req.params.id, req.body),
  });
  app.get('/enrollments/:id/tier-history', {
    schema: {
      tags,
      operationId: 'enrollmentTierHistory',
      params: id,
      response: { 200: z.array(tierChangeView), ...errorResponses },
    },
    handler: async (req) => tierHistory(req.ctx, req.params.id),
  });
};
