import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, noContent } from '../../platform/http/openapi.js';
import { acceptAgreement, enrollmentAcceptances, enrollmentAgreement } from './accept.service.js';
import {
  acceptanceVerification,
  acceptanceView,
  acceptBody,
  agreementSummaryView,
  agreementView,
  createAgreementBody,
  enrollmentAgreementView,
  updateAgreementBody,
} from './contracts.js';
import { verifyAcceptance } from './verify.service.js';
import {
  createAgreement,
  deleteAgreement,
  getAgreement,
  listAcceptances,
  listAgreements,
  publishAgreement,
  updateAgreement,
} from './versions.service.js';

const tags = ['agreements'];
const params = z.object({ id: z.uuid() });

export const agreementRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/programs/:id/agreements', {
    schema: {
      tags,
      operationId: 'listAgreements',
      summary: "The versions of a program's agreement, newest first, with their acceptance counts",
      params,
      response: { 200: z.array(agreementSummaryView), ...errorResponses },
    },
    handler: async (req) => listAgreements(req.ctx, req.params.id),
  });
  app.post('/programs/:id/agreements', {
    schema: {
      tags,
      operationId: 'createAgreement',
      summary: 'Write a new draft version (Markdown, at most 200 KB); a program has one draft at a time',
      params,
      body: createAgreementBody,
      response: { 201: agreementView, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await createAgreement(req.ctx, req.params.id, req.body)),
  });
  app.get('/agreements/:id', {
    schema: {
      tags,
      operationId: 'getAgreement',
      summary: 'A version with its text',
      params,
      response: { 200: agreementView, ...errorResponses },
    },
    handler: async (req) => getAgreement(req.ctx, req.params.id),
  });
  app.patch('/agreements/:id', {
    schema: {
      tags,
      operationId: 'updateAgreement',
      summary: 'Edit a draft (a published version is fixed: 409)',
      params,
      body: updateAgreementBody,
      response: { 200: agreementView, ...errorResponses },
    },
    handler: async (req) => updateAgreement(req.ctx, req.params.id, req.body),
  });
  app.delete('/agreements/:id', {
    schema: {
      tags,
      operationId: 'deleteAgreement',
      summary: 'Delete a draft (a published version is kept: 409)',
      params,
      response: { 204: noContent, ...errorResponses },
    },
    handler: async (req, reply) => {
      await deleteAgreement(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });
  app.post('/agreements/:id/publish', {
    schema: {
      tags,
      operationId: 'publishAgreement',
      summary: 'Publish a draft: its text and SHA-256 are fixed and it becomes the version partners accept',
      description:
        'Partners already in the program keep their place and must accept the new version within its acceptWithinDays; their admins are mailed.',
      params,
      response: { 200: agreementView, ...errorResponses },
    },
    handler: async (req) => publishAgreement(req.ctx, req.params.id),
  });
  app.get('/agreements/:id/acceptances', {
    schema: {
      tags,
      operationId: 'listAgreementAcceptances',
      summary: 'Who accepted a version: user, time, address, browser and the hash of the text',
      params,
      response: { 200: z.array(acceptanceView), ...errorResponses },
    },
    handler: async (req) => listAcceptances(req.ctx, req.params.id),
  });
  app.get('/enrollments/:id/agreement', {
    schema: {
      tags,
      operationId: 'getEnrollmentAgreement',
      summary: 'The agreement version an enrollment has to accept, its text, and whether it is accepted',
      params,
      response: { 200: enrollmentAgreementView, ...errorResponses },
    },
    handler: async (req) => enrollmentAgreement(req.ctx, req.params.id),
  });
  app.post('/enrollments/:id/agreement/accept', {
    schema: {
      tags,
      operationId: 'acceptAgreement',
      summary: 'A partner admin accepts the current version (send the id and SHA-256 of the text shown)',
      description:
        'Refused (409) when the version is no longer current or the hash differs. A second acceptance of the same version answers the first (200).',
      params,
      body: acceptBody,
      response: { 200: acceptanceView, 201: acceptanceView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const { acceptance, created } = await acceptAgreement(req.ctx, req.params.id, req.body);
      return reply.code(created ? 201 : 200).send(acceptance);
    },
  });
  app.get('/enrollments/:id/acceptances', {
    schema: {
      tags,
      operationId: 'listEnrollmentAcceptances',
      summary: 'Every acceptance of an enrollment, newest first',
      params,
      response: { 200: z.array(acceptanceView), ...errorResponses },
    },
    handler: async (req) => enrollmentAcceptances(req.ctx, req.params.id),
  });
  app.get('/public/acceptances/:id', {
    config: { public: true },
    schema: {
      tags,
      operationId: 'verifyAcceptance',
      summary: 'Verify an acceptance by its id (no sign-in): who accepted which text, and whether it still matches',
      params,
      response: { 200: acceptanceVerification, ...errorResponses },
    },
    handler: async (req) => verifyAcceptance(req.ctx, req.params.id),
  });
};
