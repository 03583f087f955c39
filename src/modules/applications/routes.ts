import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/openapi.js';
import { pageOf } from '../../platform/http/pagination.js';
import {
  applicationDetailView,
  applicationFormBody,
  applicationFormView,
  applicationReceipt,
  applicationView,
  approvalView,
  approveBody,
  listApplicationsQuery,
  publicApplicationForm,
  rejectBody,
  submitApplicationBody,
} from './contracts.js';
import { getApplicationForm, publicApplicationForm as publicForm, putApplicationForm } from './forms.service.js';
import { approveApplication, getApplication, listApplications, rejectApplication } from './review.service.js';
import { submitApplication } from './submit.service.js';

const tags = ['applications'];
const id = z.object({ id: z.uuid() });
const key = z.object({ key: z.string().max(63) });

export const applicationRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/programs/:id/application-form', {
    schema: {
      tags,
      operationId: 'getApplicationForm',
      summary: "A program's public application form: publication, wording, eligibility rules and pass score",
      params: id,
      response: { 200: applicationFormView, ...errorResponses },
    },
    handler: async (req) => getApplicationForm(req.ctx, req.params.id),
  });
  app.put('/programs/:id/application-form', {
    schema: {
      tags,
      operationId: 'putApplicationForm',
      summary: 'Set the whole application form; publishing needs an active program',
      description:
        'Each rule is met or not; the score is the weighted share of rules met (0–100). An application is eligible when every required rule is met and the score reaches passScore. A published form takes applications only while the program is active.',
      params: id,
      body: applicationFormBody,
      response: { 200: applicationFormView, ...errorResponses },
    },
    handler: async (req) => putApplicationForm(req.ctx, req.params.id, req.body),
  });

  app.get('/public/programs/:key/application-form', {
    config: { public: true },
    schema: {
      tags,
      operationId: 'getPublicApplicationForm',
      summary: 'The public application form of a program (no sign-in); 404 unless published and the program active',
      params: key,
      response: { 200: publicApplicationForm, ...errorResponses },
    },
    handler: async (req) => publicForm(req.ctx, req.params.key),
  });
  app.post('/public/programs/:key/applications', {
    config: { public: true },
    schema: {
      tags,
      operationId: 'submitApplication',
      summary:
        'Apply to a program (no sign-in): answers a receipt; limited per address and email (429 with Retry-After)',
      params: key,
      body: submitApplicationBody,
      response: { 201: applicationReceipt, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await submitApplication(req.ctx, req.params.key, req.body)),
  });

  app.get('/applications', {
    schema: {
      tags,
      operationId: 'listApplications',
      summary: 'The review queue: waiting applications oldest first (status=received), others newest first',
      querystring: listApplicationsQuery,
      response: { 200: pageOf(applicationView), ...errorResponses },
    },
    handler: async (req) => listApplications(req.ctx, req.query),
  });
  app.get('/applications/:id', {
    schema: {
      tags,
      operationId: 'getApplication',
      summary: 'An application with its eligibility rule by rule and the other applications of its domain',
      params: id,
      response: { 200: applicationDetailView, ...errorResponses },
    },
    handler: async (req) => getApplication(req.ctx, req.params.id),
  });
  app.post('/applications/:id/approve', {
    schema: {
      tags,
      operationId: 'approveApplication',
      summary:
        'Approve: create the partner (or admit the one of the same domain), enroll it and invite the contact as its admin',
      params: id,
      body: approveBody,
      response: { 200: approvalView, ...errorResponses },
    },
    handler: async (req) => approveApplication(req.ctx, req.params.id, req.body),
  });
  app.post('/applications/:id/reject', {
    schema: {
      tags,
      operationId: 'rejectApplication',
      summary: 'Reject with a reason, which is mailed to the applicant',
      params: id,
      body: rejectBody,
      response: { 200: applicationDetailView, ...errorResponses },
    },
    handler: async (req) => rejectApplication(req.ctx, req.params.id, req.body),
  });
};
