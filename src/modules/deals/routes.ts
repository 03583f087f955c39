import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { sendCsv } from '../../platform/http/csv.js';
import { errorResponses } from '../../platform/http/openapi.js';
import { pageOf } from '../../platform/http/pagination.js';
import { addAttachment, deleteAttachment, getAttachment } from './attachments.service.js';
import {
  approveDealBody,
  closeDealBody,
  conflictCheckBody,
  conflictCheckView,
  dealAttachmentView,
  dealDetailView,
  type DealDetailView,
  dealQueuePage,
  dealQueueQuery,
  dealSettingsBody,
  dealSettingsView,
  dealView,
  extensionDecisionBody,
  listDealsQuery,
  reasonBody,
  registerDealBody,
  resolveConflictBody,
  updateDealBody,
} from './contracts.js';
import { dealQueue, exportDeals, getDeal, listDeals } from './queries.service.js';
import { checkConflict, deleteDraft, registerDeal, submitDeal, updateDeal } from './register.service.js';
import {
  approveDeal,
  closeDeal,
  decideExtension,
  rejectDeal,
  requestExtension,
  resolveConflict,
  withdrawDeal,
} from './review.service.js';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './rules/attachment.js';
import { getDealSettings, putDealSettings } from './settings.service.js';

const tags = ['deals'];
const id = z.object({ id: z.uuid() });
const file = z.object({ id: z.uuid(), attachmentId: z.uuid() });
const detail = { 200: dealDetailView, ...errorResponses };

export const dealRoutes = (): FastifyPluginAsyncZod => async (app) => {
  // files arrive as their raw bytes under their own type; the bytes are checked against it
  for (const type of Object.keys(ATTACHMENT_TYPES)) {
    // the built-in text parser would hand over a string: attachments are bytes, whatever their type
    if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES }, (_req, body, done) =>
      done(null, body),
    );
  }

  app.get('/deals', {
    schema: {
      tags,
      operationId: 'listDeals',
      summary: 'Registrations, newest first: a partner sees its own, the vendor all, by any filter',
      querystring: listDealsQuery,
      response: { 200: pageOf(dealView), ...errorResponses },
    },
    handler: async (req) => listDeals(req.ctx, req.query),
  });
  app.get('/deals/export.csv', {
    schema: {
      tags,
      operationId: 'exportDeals',
      summary: 'The registrations the filters select, as CSV (amounts as decimals of their currency)',
      querystring: listDealsQuery.omit({ cursor: true, limit: true }),
      response: { 200: z.string(), ...errorResponses },
    },
    handler: async (req, reply) => sendCsv(reply, 'deal-registrations.csv', await exportDeals(req.ctx, req.query)),
  });
  app.get('/deals/queue', {
    schema: {
      tags,
      operationId: 'dealQueue',
      summary:
        "The review queue: submitted and conflicting registrations of the caller's partners (all=true: everyone's), oldest first, with how many it holds and how many are overdue",
      querystring: dealQueueQuery,
      response: { 200: dealQueuePage, ...errorResponses },
    },
    handler: async (req) => dealQueue(req.ctx, req.query),
  });
  app.post('/deals', {
    schema: {
      tags,
      operationId: 'registerDeal',
      summary:
        'Register an opportunity (accepts Idempotency-Key): a draft, or submitted at once with the conflict check',
      description:
        'A submission is matched against every active registration of every partner and the house accounts. The earliest holds the customer; a later match is stored with status `conflict` for the channel manager, and the partner is never told who holds it.',
      body: registerDealBody,
      response: { 201: dealDetailView, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await registerDeal(req.ctx, req.body)),
  });
  app.post('/deals/conflict-check', {
    schema: {
      tags,
      operationId: 'checkDealConflict',
      summary: 'While a partner types: does this customer look taken? Never says by whom',
      body: conflictCheckBody,
      response: { 200: conflictCheckView, ...errorResponses },
    },
    handler: async (req) => checkConflict(req.ctx, req.body),
  });
  app.get('/deals/:id', {
    schema: {
      tags,
      operationId: 'getDeal',
      summary: 'A registration with its history and files (the vendor also sees what it collides with)',
      params: id,
      response: detail,
    },
    handler: async (req) => getDeal(req.ctx, req.params.id),
  });
  app.patch('/deals/:id', {
    schema: {
      tags,
      operationId: 'updateDeal',
      summary: 'Edit a registration: anything in a draft; after submission, not the customer or program',
      params: id,
      body: updateDealBody,
      response: detail,
    },
    handler: async (req) => updateDeal(req.ctx, req.params.id, req.body),
  });
  app.delete('/deals/:id', {
    schema: {
      tags,
      operationId: 'deleteDealDraft',
      summary: 'Delete a draft (anything submitted stays on record)',
      params: id,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      await deleteDraft(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });
  // the review and closing moves share one shape: a registration id, a small body, the registration back
  const action = (
    path: string,
    operationId: string,
    summary: string,
    body: z.ZodType,
    run: (ctx: Ctx, id: string, body: never) => Promise<DealDetailView>,
  ) =>
    app.post(`/deals/:id/${path}`, {
      schema: { tags, operationId, summary, params: id, body, response: detail },
      handler: async (req) => run(req.ctx, req.params.id, req.body as never),
    });
  action(
    'submit',
    'submitDeal',
    'Submit a draft, with the conflict check',
    z.object({}).strict().optional(),
    (ctx, dealId) => submitDeal(ctx, dealId),
  );
  action(
    'withdraw',
    'withdrawDeal',
    'The partner takes back a registration waiting for review',
    reasonBody,
    withdrawDeal,
  );
  action(
    'approve',
    'approveDeal',
    "Approve: protected for the tier's deal_protection_days",
    approveDealBody,
    approveDeal,
  );
  action('reject', 'rejectDeal', 'Reject with a reason, mailed to the partner', reasonBody, rejectDeal);
  action(
    'resolve',
    'resolveDealConflict',
    'Resolve a conflict in favour of this registration (what it collided with is rejected) or of the existing side',
    resolveConflictBody,
    resolveConflict,
  );
  action(
    'extension',
    'requestDealExtension',
    'The partner asks once to extend protection',
    reasonBody,
    requestExtension,
  );
  action(
    'extension/decision',
    'decideDealExtension',
    'Grant (adds the program’s extension days) or refuse an extension',
    extensionDecisionBody,
    decideExtension,
  );
  action(
    'close',
    'closeDeal',
    'Close won (final amount, close date, products) or lost (reason)',
    closeDealBody,
    closeDeal,
  );

  app.post('/deals/:id/attachments', {
    schema: {
      tags,
      operationId: 'addDealAttachment',
      summary: `Attach a file (raw body under its own content type: PDF, PNG, JPEG, text, CSV, Office; at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB)`,
      params: id,
      querystring: z.object({ filename: z.string().max(500) }),
      response: { 201: dealAttachmentView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.code(201).send(
        await addAttachment(req.ctx, req.params.id, {
          filename: req.query.filename,
          contentType: req.headers['content-type'] ?? '',
          bytes: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        }),
      ),
  });
  app.get('/deals/:id/attachments/:attachmentId', {
    schema: { tags, operationId: 'getDealAttachment', params: file, response: { 200: z.any(), ...errorResponses } },
    handler: async (req, reply) => {
      const f = await getAttachment(req.ctx, req.params.id, req.params.attachmentId);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(f.data);
    },
  });
  app.delete('/deals/:id/attachments/:attachmentId', {
    schema: {
      tags,
      operationId: 'deleteDealAttachment',
      params: file,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      await deleteAttachment(req.ctx, req.params.id, req.params.attachmentId);
      return reply.code(204).send(null);
    },
  });

  app.get('/programs/:id/deal-settings', {
    schema: {
      tags,
      operationId: 'getDealSettings',
      summary: "A program's deal registration: approval SLA, protection, extensions, auto-approval",
      params: id,
      response: { 200: dealSettingsView, ...errorResponses },
    },
    handler: async (req) => getDealSettings(req.ctx, req.params.id),
  });
  app.put('/programs/:id/deal-settings', {
    schema: {
      tags,
      operationId: 'putDealSettings',
      summary: 'Set the whole deal registration settings of a program',
      params: id,
      body: dealSettingsBody,
      response: { 200: dealSettingsView, ...errorResponses },
    },
    handler: async (req) => putDealSettings(req.ctx, req.params.id, req.body),
  });
};
