import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/openapi.js';
import {
  applyBody,
  changeTierBody,
  enrollBody,
  enrollmentEventView,
  enrollmentView,
  listEnrollmentsQuery,
  moveBody,
  tierChangeView,
  updateEnrollmentBody,
} from './contracts.js';
import {
  applyToProgram,
  changeTier,
  enrollmentHistory,
  enrollPartner,
  getEnrollment,
  listEnrollments,
  listProgramEnrollments,
  moveEnrollment,
  tierHistory,
  updateEnrollment,
} from './service.js';

const tags = ['enrollments'];
const id = z.object({ id: z.uuid() });

export const enrollmentRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/enrollments', {
    schema: {
      tags,
      operationId: 'listEnrollments',
      summary: 'Enrollments, newest change first (a partner sees its own)',
      querystring: listEnrollmentsQuery,
      response: { 200: z.array(enrollmentView), ...errorResponses },
    },
    handler: async (req) => listEnrollments(req.ctx, req.query),
  });
  app.post('/enrollments', {
    schema: {
      tags,
      operationId: 'applyToProgram',
      summary: 'A partner admin asks to join a running program (draft, or submitted for review)',
      body: applyBody,
      response: { 201: enrollmentView, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await applyToProgram(req.ctx, req.body)),
  });
  app.get('/enrollments/:id', {
    schema: {
      tags,
      operationId: 'getEnrollment',
      params: id,
      response: { 200: enrollmentView, ...errorResponses },
    },
    handler: async (req) => getEnrollment(req.ctx, req.params.id),
  });
  app.patch('/enrollments/:id', {
    schema: {
      tags,
      operationId: 'updateEnrollment',
      summary: 'Set the channel account manager, start or renewal date',
      params: id,
      body: updateEnrollmentBody,
      response: { 200: enrollmentView, ...errorResponses },
    },
    handler: async (req) => updateEnrollment(req.ctx, req.params.id, req.body),
  });
  app.post('/enrollments/:id/status', {
    schema: {
      tags,
      operationId: 'moveEnrollment',
      summary: 'Submit, approve, reject, suspend, reinstate or terminate an enrollment',
      description:
        'Approval makes the enrollment active at once when the partner has accepted the current agreement (or there is none); otherwise it becomes active when the partner admin accepts it.',
      params: id,
      body: moveBody,
      response: { 200: enrollmentView, ...errorResponses },
    },
    handler: async (req) => moveEnrollment(req.ctx, req.params.id, req.body),
  });
  app.get('/enrollments/:id/history', {
    schema: {
      tags,
      operationId: 'enrollmentHistory',
      summary: 'Status moves and tier changes, oldest first, with who and why',
      params: id,
      response: { 200: z.array(enrollmentEventView), ...errorResponses },
    },
    handler: async (req) => enrollmentHistory(req.ctx, req.params.id),
  });
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
      summary: 'Place a partner in a program (approved; active once the agreement is accepted)',
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
