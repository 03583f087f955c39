import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../http/openapi.js';
import { z } from 'zod';
import {
  listMailQuery,
  mailPage,
  mailParams,
  mailTemplateParams,
  mailTemplatePreview,
  mailTemplateView,
  mailView,
  previewMailTemplateBody,
  updateMailTemplateBody,
} from './contracts.js';
import { getMail, listMail } from './service.js';
import {
  getMailTemplate,
  listMailTemplates,
  previewMailTemplate,
  resetMailTemplate,
  updateMailTemplate,
} from './templates.service.js';

export const mailRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/mail/templates', {
    schema: {
      tags: ['mail'],
      operationId: 'listMailTemplates',
      summary: 'Every mail template the modules define, with the wording in use (admins)',
      response: { 200: z.array(mailTemplateView), ...errorResponses },
    },
    handler: async (req) => listMailTemplates(req.ctx),
  });
  app.get('/mail/templates/:key', {
    schema: {
      tags: ['mail'],
      operationId: 'getMailTemplate',
      params: mailTemplateParams,
      response: { 200: mailTemplateView, ...errorResponses },
    },
    handler: async (req) => getMailTemplate(req.ctx, req.params.key),
  });
  app.put('/mail/templates/:key', {
    schema: {
      tags: ['mail'],
      operationId: 'updateMailTemplate',
      summary: 'Word a template your way; placeholders must be ones the template offers',
      params: mailTemplateParams,
      body: updateMailTemplateBody,
      response: { 200: mailTemplateView, ...errorResponses },
    },
    handler: async (req) => updateMailTemplate(req.ctx, req.params.key, req.body),
  });
  app.delete('/mail/templates/:key', {
    schema: {
      tags: ['mail'],
      operationId: 'resetMailTemplate',
      summary: 'Go back to the built-in wording of a template',
      params: mailTemplateParams,
      response: { 200: mailTemplateView, ...errorResponses },
    },
    handler: async (req) => resetMailTemplate(req.ctx, req.params.key),
  });
  app.post('/mail/templates/:key/preview', {
    schema: {
      tags: ['mail'],
      operationId: 'previewMailTemplate',
      summary: 'A template (or a draft of it) filled with example values, and what saving it would be refused for',
      params: mailTemplateParams,
      body: previewMailTemplateBody,
      response: { 200: mailTemplatePreview, ...errorResponses },
    },
    handler: async (req) => previewMailTemplate(req.ctx, req.params.key, req.body),
  });
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
