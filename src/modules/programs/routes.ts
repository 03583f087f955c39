import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_BADGE_BYTES } from '../../platform/images/badge.js';
import { acceptImageUploads, sendImage } from '../../platform/http/images.js';
import { errorResponses, noContent } from '../../platform/http/openapi.js';
import { pageOf } from '../../platform/http/pagination.js';
import { createBenefit, listBenefits, setBenefitArchived, updateBenefit } from './benefits.service.js';
import {
  benefitView,
  createBenefitBody,
  createProgramBody,
  createTierBody,
  listBenefitsQuery,
  listProgramsQuery,
  matrixView,
  programView,
  reorderTiersBody,
  setProgramBenefitsBody,
  setValuesBody,
  statusChangeView,
  tierView,
  transitionBody,
  updateBenefitBody,
  updateProgramBody,
  updateTierBody,
} from './contracts.js';
import { createEcosystemNodeBody, ecosystemNodeView, updateEcosystemNodeBody } from './ecosystem.contracts.js';
import { createEcosystemNode, deleteEcosystemNode, listEcosystem, updateEcosystemNode } from './ecosystem.service.js';
import { ladderView, listLadders } from './ladders.service.js';
import { getMatrix, setBenefitValues, setProgramBenefits } from './matrix.service.js';
import {
  createProgram,
  getProgram,
  listPrograms,
  programHistory,
  setProgramArchived,
  transitionProgram,
  updateProgram,
} from './programs.service.js';
import {
  createTier,
  deleteBadge,
  deleteTier,
  getBadge,
  listTiers,
  putBadge,
  reorderTiers,
  updateTier,
} from './tiers.service.js';
import { createFromTemplate, fromTemplateBody, listTemplates, templateView } from './templates.service.js';
import { programPlanView } from './file/contracts.js';

const tags = ['programs'];
const id = z.object({ id: z.uuid() });
const tierParams = z.object({ id: z.uuid(), tierId: z.uuid() });
export const programRoutes = (): FastifyPluginAsyncZod => async (app) => {
  acceptImageUploads(app);

  app.get('/programs', {
    schema: {
      tags,
      operationId: 'listPrograms',
      summary: 'Programs, newest change first',
      querystring: listProgramsQuery,
      response: { 200: pageOf(programView), ...errorResponses },
    },
    handler: async (req) => listPrograms(req.ctx, req.query),
  });
  app.post('/programs', {
    schema: {
      tags,
      operationId: 'createProgram',
      summary: 'Create a program (starts in planning; accepts Idempotency-Key)',
      body: createProgramBody,
      response: { 201: programView, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await createProgram(req.ctx, req.body)),
  });
  app.get('/program-templates', {
    schema: {
      tags,
      operationId: 'listProgramTemplates',
      summary: 'The program templates Trellis ships',
      response: { 200: z.array(templateView), ...errorResponses },
    },
    handler: async (req) => listTemplates(req.ctx),
  });
  app.post('/programs/from-template', {
    schema: {
      tags,
      operationId: 'createProgramFromTemplate',
      summary: 'A new program (in planning) from a template, with an optional key and name',
      body: fromTemplateBody,
      response: { 201: programPlanView, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await createFromTemplate(req.ctx, req.body)),
  });
  app.get('/programs/:id', {
    schema: { tags, operationId: 'getProgram', params: id, response: { 200: programView, ...errorResponses } },
    handler: async (req) => getProgram(req.ctx, req.params.id),
  });
  app.patch('/programs/:id', {
    schema: {
      tags,
      operationId: 'updateProgram',
      params: id,
      body: updateProgramBody,
      response: { 200: programView, ...errorResponses },
    },
    handler: async (req) => updateProgram(req.ctx, req.params.id, req.body),
  });
  app.post('/programs/:id/status', {
    schema: {
      tags,
      operationId: 'moveProgramStatus',
      summary: 'Move the program along its lifecycle: planning → active → paused | completed | sunset',
      params: id,
      body: transitionBody,
      response: { 200: programView, ...errorResponses },
    },
    handler: async (req) => transitionProgram(req.ctx, req.params.id, req.body),
  });
  app.get('/programs/:id/history', {
    schema: {
      tags,
      operationId: 'programHistory',
      summary: 'Status moves, oldest first',
      params: id,
      response: { 200: z.array(statusChangeView), ...errorResponses },
    },
    handler: async (req) => programHistory(req.ctx, req.params.id),
  });
  app.post('/programs/:id/archive', {
    schema: { tags, operationId: 'archiveProgram', params: id, response: { 200: programView, ...errorResponses } },
    handler: async (req) => setProgramArchived(req.ctx, req.params.id, true),
  });
  app.post('/programs/:id/restore', {
    schema: { tags, operationId: 'restoreProgram', params: id, response: { 200: programView, ...errorResponses } },
    handler: async (req) => setProgramArchived(req.ctx, req.params.id, false),
  });

  app.get('/programs/:id/tiers', {
    schema: {
      tags,
      operationId: 'listTiers',
      summary: 'The tier ladder, entry tier first',
      params: id,
      response: { 200: z.array(tierView), ...errorResponses },
    },
    handler: async (req) => listTiers(req.ctx, req.params.id),
  });
  app.post('/programs/:id/tiers', {
    schema: {
      tags,
      operationId: 'createTier',
      summary: 'Add a tier on top of the ladder',
      params: id,
      body: createTierBody,
      response: { 201: tierView, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await createTier(req.ctx, req.params.id, req.body)),
  });
  app.put('/programs/:id/tiers/order', {
    schema: {
      tags,
      operationId: 'reorderTiers',
      summary: 'Set the ladder order: every tier once, entry tier first',
      params: id,
      body: reorderTiersBody,
      response: { 200: z.array(tierView), ...errorResponses },
    },
    handler: async (req) => reorderTiers(req.ctx, req.params.id, req.body),
  });
  app.patch('/programs/:id/tiers/:tierId', {
    schema: {
      tags,
      operationId: 'updateTier',
      params: tierParams,
      body: updateTierBody,
      response: { 200: tierView, ...errorResponses },
    },
    handler: async (req) => updateTier(req.ctx, req.params.id, req.params.tierId, req.body),
  });
  app.delete('/programs/:id/tiers/:tierId', {
    schema: {
      tags,
      operationId: 'deleteTier',
      summary: 'Remove a tier no partner holds',
      params: tierParams,
      response: { 204: noContent, ...errorResponses },
    },
    handler: async (req, reply) => {
      await deleteTier(req.ctx, req.params.id, req.params.tierId);
      return reply.code(204).send(null);
    },
  });
  app.put('/programs/:id/tiers/:tierId/badge', {
    schema: {
      tags,
      operationId: 'putTierBadge',
      summary: `Upload the tier's badge: the raw PNG, JPEG or SVG file as the body (at most ${MAX_BADGE_BYTES / 1024} KB; SVGs are sanitized)`,
      params: tierParams,
      response: { 200: tierView, ...errorResponses },
    },
    handler: async (req) => putBadge(req.ctx, req.params.id, req.params.tierId, req.body as Buffer),
  });
  app.delete('/programs/:id/tiers/:tierId/badge', {
    schema: {
      tags,
      operationId: 'deleteTierBadge',
      params: tierParams,
      response: { 200: tierView, ...errorResponses },
    },
    handler: async (req) => deleteBadge(req.ctx, req.params.id, req.params.tierId),
  });
  app.get('/tiers/:tierId/badge', {
    schema: {
      tags,
      operationId: 'getTierBadge',
      summary: 'The badge image',
      params: z.object({ tierId: z.uuid() }),
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => sendImage(reply, await getBadge(req.ctx, req.params.tierId)),
  });

  app.get('/programs/:id/matrix', {
    schema: {
      tags,
      operationId: 'getBenefitMatrix',
      summary: 'The tier × benefit matrix',
      params: id,
      response: { 200: matrixView, ...errorResponses },
    },
    handler: async (req) => getMatrix(req.ctx, req.params.id),
  });
  app.put('/programs/:id/benefits', {
    schema: {
      tags,
      operationId: 'setProgramBenefits',
      summary: 'The benefits the program uses, in order (the matrix rows)',
      params: id,
      body: setProgramBenefitsBody,
      response: { 200: matrixView, ...errorResponses },
    },
    handler: async (req) => setProgramBenefits(req.ctx, req.params.id, req.body),
  });
  app.patch('/programs/:id/matrix', {
    schema: {
      tags,
      operationId: 'setBenefitValues',
      summary: 'Set matrix cells (null clears); each value checked against its type; all or nothing',
      params: id,
      body: setValuesBody,
      response: { 200: matrixView, ...errorResponses },
    },
    handler: async (req) => setBenefitValues(req.ctx, req.params.id, req.body),
  });

  app.get('/benefits', {
    schema: {
      tags: ['benefits'],
      operationId: 'listBenefits',
      summary: 'The benefits catalog',
      querystring: listBenefitsQuery,
      response: { 200: z.array(benefitView), ...errorResponses },
    },
    handler: async (req) => listBenefits(req.ctx, req.query),
  });
  app.post('/benefits', {
    schema: {
      tags: ['benefits'],
      operationId: 'createBenefit',
      body: createBenefitBody,
      response: { 201: benefitView, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await createBenefit(req.ctx, req.body)),
  });
  app.patch('/benefits/:id', {
    schema: {
      tags: ['benefits'],
      operationId: 'updateBenefit',
      params: id,
      body: updateBenefitBody,
      response: { 200: benefitView, ...errorResponses },
    },
    handler: async (req) => updateBenefit(req.ctx, req.params.id, req.body),
  });
  app.post('/benefits/:id/archive', {
    schema: {
      tags: ['benefits'],
      operationId: 'archiveBenefit',
      params: id,
      response: { 200: benefitView, ...errorResponses },
    },
    handler: async (req) => setBenefitArchived(req.ctx, req.params.id, true),
  });
  app.post('/benefits/:id/restore', {
    schema: {
      tags: ['benefits'],
      operationId: 'restoreBenefit',
      params: id,
      response: { 200: benefitView, ...errorResponses },
    },
    handler: async (req) => setBenefitArchived(req.ctx, req.params.id, false),
  });

  app.get('/programs/:id/ecosystem', {
    schema: {
      tags: ['ecosystem'],
      operationId: 'listEcosystemNodes',
      summary: 'Integration partners, revenue share plans, API ecosystems and developer portals of a program',
      params: id,
      response: { 200: z.array(ecosystemNodeView), ...errorResponses },
    },
    handler: async (req) => listEcosystem(req.ctx, req.params.id),
  });
  app.post('/programs/:id/ecosystem', {
    schema: {
      tags: ['ecosystem'],
      operationId: 'createEcosystemNode',
      params: id,
      body: createEcosystemNodeBody,
      response: { 201: ecosystemNodeView, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await createEcosystemNode(req.ctx, req.params.id, req.body)),
  });
  app.patch('/ecosystem/:id', {
    schema: {
      tags: ['ecosystem'],
      operationId: 'updateEcosystemNode',
      summary: 'Edit a node; status moves follow its lifecycle',
      params: id,
      body: updateEcosystemNodeBody,
      response: { 200: ecosystemNodeView, ...errorResponses },
    },
    handler: async (req) => updateEcosystemNode(req.ctx, req.params.id, req.body),
  });
  app.delete('/ecosystem/:id', {
    schema: {
      tags: ['ecosystem'],
      operationId: 'deleteEcosystemNode',
      params: id,
      response: { 204: noContent, ...errorResponses },
    },
    handler: async (req, reply) => {
      await deleteEcosystemNode(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/ladders', {
    schema: {
      tags: ['portal'],
      operationId: 'listLadders',
      summary: 'Running programs as partners see them: tiers, benefits by tier, and the caller’s enrollment',
      response: { 200: z.array(ladderView), ...errorResponses },
    },
    handler: async (req) => listLadders(req.ctx),
  });
};
