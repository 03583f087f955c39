import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptCsv, CSV_LIMIT, sendCsv } from '../../platform/http/csv.js';
import { boolFlag } from '../../platform/http/fields.js';
import { errorResponses, noContent } from '../../platform/http/openapi.js';
import { pageOf } from '../../platform/http/pagination.js';
import {
  dealPolicyBody,
  dealPolicyView,
  exportHouseAccountsQuery,
  houseAccountBody,
  houseAccountImportView,
  houseAccountView,
  listHouseAccountsQuery,
  updateHouseAccountBody,
} from './contracts.js';
import { exportHouseAccounts, importHouseAccounts } from './house-accounts.import.js';
import {
  createHouseAccount,
  deleteHouseAccount,
  getDealPolicy,
  listHouseAccounts,
  putDealPolicy,
  updateHouseAccount,
} from './house-accounts.service.js';

const tags = ['house accounts'];
const params = z.object({ id: z.uuid() });

export const houseAccountRoutes = (): FastifyPluginAsyncZod => async (app) => {
  acceptCsv(app);

  app.get('/house-accounts', {
    schema: {
      tags,
      operationId: 'listHouseAccounts',
      summary: 'Customers the vendor’s own sales team holds, alphabetical; q searches names and domains',
      querystring: listHouseAccountsQuery,
      response: { 200: pageOf(houseAccountView), ...errorResponses },
    },
    handler: async (req) => listHouseAccounts(req.ctx, req.query),
  });
  app.post('/house-accounts', {
    schema: {
      tags,
      operationId: 'createHouseAccount',
      summary: 'Add a house account; the domain is normalized and belongs to one account only (409)',
      body: houseAccountBody,
      response: { 201: houseAccountView, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await createHouseAccount(req.ctx, req.body)),
  });
  app.get('/house-accounts/export.csv', {
    schema: {
      tags,
      operationId: 'exportHouseAccounts',
      summary: 'House accounts the search finds as CSV (the columns the import reads)',
      querystring: exportHouseAccountsQuery,
      response: { 200: z.string(), ...errorResponses },
    },
    handler: async (req, reply) => sendCsv(reply, 'house-accounts.csv', await exportHouseAccounts(req.ctx, req.query)),
  });
  app.post('/house-accounts/import', {
    bodyLimit: CSV_LIMIT,
    schema: {
      tags,
      operationId: 'importHouseAccounts',
      summary:
        'Import house accounts from a CSV body (text/csv), updating the account of the same domain; any bad row refuses the whole file (400, errors at rows[N].column); dryRun=true only checks and says what it would do',
      querystring: z.object({ dryRun: boolFlag.default(false) }),
      response: { 200: houseAccountImportView, ...errorResponses },
    },
    handler: async (req) => importHouseAccounts(req.ctx, String(req.body ?? ''), { dryRun: req.query.dryRun }),
  });
  app.patch('/house-accounts/:id', {
    schema: {
      tags,
      operationId: 'updateHouseAccount',
      summary: 'Edit a house account',
      params,
      body: updateHouseAccountBody,
      response: { 200: houseAccountView, ...errorResponses },
    },
    handler: async (req) => updateHouseAccount(req.ctx, req.params.id, req.body),
  });
  app.delete('/house-accounts/:id', {
    schema: {
      tags,
      operationId: 'deleteHouseAccount',
      summary: 'Remove a house account; registrations may take its customer from then on',
      params,
      response: { 204: noContent, ...errorResponses },
    },
    handler: async (req, reply) => {
      await deleteHouseAccount(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });
  app.get('/deal-policy', {
    schema: {
      tags,
      operationId: 'getDealPolicy',
      summary: 'How alike two customer names must be for registrations (and house accounts) to collide',
      response: { 200: dealPolicyView, ...errorResponses },
    },
    handler: async (req) => getDealPolicy(req.ctx),
  });
  app.put('/deal-policy', {
    schema: {
      tags,
      operationId: 'putDealPolicy',
      summary: 'Set the name similarity (0.1–1; 1 = names must match exactly once normalized)',
      body: dealPolicyBody,
      response: { 200: dealPolicyView, ...errorResponses },
    },
    handler: async (req) => putDealPolicy(req.ctx, req.body),
  });
};
