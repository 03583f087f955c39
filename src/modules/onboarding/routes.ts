import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/openapi.js';
import { pageOf } from '../../platform/http/pagination.js';
import { checklistView, listOnboardingsQuery, onboardingView, planView, putPlanBody } from './contracts.js';
import { getChecklist, getPlan, listOnboardings, putPlan, setStepDone } from './service.js';

const tags = ['onboarding'];
const id = z.object({ id: z.uuid() });
const stepParams = z.object({ id: z.uuid(), stepId: z.uuid() });

export const onboardingRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/programs/:id/onboarding', {
    schema: {
      tags,
      operationId: 'getOnboardingPlan',
      summary: 'The program’s onboarding checklist and how many days partners have for it',
      params: id,
      response: { 200: planView, ...errorResponses },
    },
    handler: async (req) => getPlan(req.ctx, req.params.id),
  });
  app.put('/programs/:id/onboarding', {
    schema: {
      tags,
      operationId: 'putOnboardingPlan',
      summary: 'Replace the checklist (in order) and the days; a step keeps its ticks while its key stays',
      params: id,
      body: putPlanBody,
      response: { 200: planView, ...errorResponses },
    },
    handler: async (req) => putPlan(req.ctx, req.params.id, req.body),
  });
  app.get('/onboardings', {
    schema: {
      tags,
      operationId: 'listOnboardings',
      summary:
        'Onboardings, overdue first then by due date: for vendor staff every one not completed (or of the status asked), for a partner its own',
      querystring: listOnboardingsQuery,
      response: { 200: pageOf(onboardingView), ...errorResponses },
    },
    handler: async (req) => listOnboardings(req.ctx, req.query),
  });
  app.get('/enrollments/:id/onboarding', {
    schema: {
      tags,
      operationId: 'getOnboardingChecklist',
      summary: 'An enrollment’s onboarding checklist: each step, whether it is done, by whom and when',
      params: id,
      response: { 200: checklistView, ...errorResponses },
    },
    handler: async (req) => getChecklist(req.ctx, req.params.id),
  });
  app.post('/enrollments/:id/onboarding/steps/:stepId/done', {
    schema: {
      tags,
      operationId: 'tickOnboardingStep',
      summary: 'Tick a step by hand (partners: only steps no event completes)',
      params: stepParams,
      response: { 200: checklistView, ...errorResponses },
    },
    handler: async (req) => setStepDone(req.ctx, req.params.id, req.params.stepId, true),
  });
  app.delete('/enrollments/:id/onboarding/steps/:stepId/done', {
    schema: {
      tags,
      operationId: 'untickOnboardingStep',
      summary: 'Undo a tick (partners: only steps no event completes)',
      params: stepParams,
      response: { 200: checklistView, ...errorResponses },
    },
    handler: async (req) => setStepDone(req.ctx, req.params.id, req.params.stepId, false),
  });
};
