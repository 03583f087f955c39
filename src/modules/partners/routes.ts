import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_BADGE_BYTES } from '../../platform/images/badge.js';
import { acceptCsv, CSV_LIMIT, sendCsv } from '../../platform/http/csv.js';
import { boolFlag } from '../../platform/http/fields.js';
import { acceptImageUploads, sendImage } from '../../platform/http/images.js';
import { errorResponses } from '../../platform/http/openapi.js';
import { pageOf } from '../../platform/http/pagination.js';
import { createPartnerBody, listPartnersQuery, partnerView, updatePartnerBody } from './contracts.js';
import { exportPartners, importPartners, importResultView } from './import.service.js';
import { createPartner, getLogo, getPartner, listPartners, putLogo, updatePartner } from './service.js';

const tags = ['partners'];
const params = z.object({ id: z.uuid() });

export const partnerRoutes = (): FastifyPluginAsyncZod => async (app) => {
  acceptCsv(app);
  acceptImageUploads(app);

  app.get('/partners', {
    schema: {
      tags,
      operationId: 'listPartners',
      summary: 'Partner companies, filterable by every profile field; a partner user sees only its own',
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
  app.get('/partners/export.csv', {
    schema: {
      tags,
      operationId: 'exportPartners',
      summary: 'Partners matching the filters as CSV (the columns the import reads)',
      querystring: listPartnersQuery.omit({ cursor: true, limit: true }),
      response: { 200: z.string(), ...errorResponses },
    },
    handler: async (req, reply) => sendCsv(reply, 'partners.csv', await exportPartners(req.ctx, req.query)),
  });
  app.post('/partners/import', {
    bodyLimit: CSV_LIMIT,
    schema: {
      tags,
      operationId: 'importPartners',
      summary:
        'Import partners from a CSV body (text/csv); any bad row refuses the whole file (400, errors at rows[N].column); dryRun=true only checks and lists the problems',
      querystring: z.object({ dryRun: boolFlag.default(false) }),
      response: { 200: importResultView, ...errorResponses },
    },
    handler: async (req) => importPartners(req.ctx, String(req.body ?? ''), { dryRun: req.query.dryRun }),
  });
  app.get('/partners/:id', {
    schema: { tags, operationId: 'getPartner', params, response: { 200: partnerView, ...errorResponses } },
    handler: async (req) => getPartner(req.ctx, req.params.id),
  });
  app.patch('/partners/:id', {
    schema: {
      tags,
      operationId: 'updatePartner',
      summary: 'Edit a partner; a partner admin may edit its own profile fields only',
      params,
      body: updatePartnerBody,
      response: { 200: partnerView, ...errorResponses },
    },
    handler: async (req) => updatePartner(req.ctx, req.params.id, req.body),
  });
  app.put('/partners/:id/logo', {
    schema: {
      tags,
      operationId: 'putPartnerLogo',
      summary: `The partner's logo: the raw PNG, JPEG or SVG file (at most ${MAX_BADGE_BYTES / 1024} KB)`,
      params,
      response: { 200: partnerView, ...errorResponses },
    },
    handler: async (req) => putLogo(req.ctx, req.params.id, req.body as Buffer),
  });
  app.get('/partners/:id/logo', {
    schema: { tags, operationId: 'getPartnerLogo', params, response: { 200: z.any(), ...errorResponses } },
    handler: async (req, reply) => sendImage(reply, await getLogo(req.ctx, req.params.id)),
  });
};
