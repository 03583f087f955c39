import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../../platform/http/openapi.js';
import { programPlanView, programSourceBody } from './contracts.js';
import { applyProgram, exportProgram, planProgram, programFileJsonSchema } from './service.js';

const tags = ['programs-as-code'];
// a 2 MiB file grows when its newlines and quotes are escaped into JSON
const SOURCE_BODY_LIMIT = 5 * 1024 * 1024;

export const programFileRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/schemas/program.json', {
    // a JSON Schema is documentation: editors fetch it without signing in
    config: { public: true },
    schema: {
      tags,
      operationId: 'getProgramFileSchema',
      summary: 'The JSON Schema of the program file format (trellis.program/v1)',
      security: [],
      response: { 200: z.record(z.string(), z.unknown()) },
    },
    handler: async (req, reply) =>
      reply
        .type('application/schema+json; charset=utf-8')
        .send(programFileJsonSchema(`${req.ctx.config.publicUrl}/api/v1/schemas/program.json`)),
  });
  app.post('/programs/plan', {
    bodyLimit: SOURCE_BODY_LIMIT,
    schema: {
      tags,
      operationId: 'planProgram',
      summary: 'What applying a program file would change; changes nothing',
      body: programSourceBody,
      response: { 200: programPlanView, ...errorResponses },
    },
    handler: async (req) => planProgram(req.ctx, req.body.source),
  });
  app.post('/programs/apply', {
    bodyLimit: SOURCE_BODY_LIMIT,
    schema: {
      tags,
      operationId: 'applyProgram',
      summary: 'Make the program what the file says, in one transaction; the same file again changes nothing',
      body: programSourceBody,
      response: { 200: programPlanView, ...errorResponses },
    },
    handler: async (req) => applyProgram(req.ctx, req.body.source),
  });
  app.get('/programs/:id/export', {
    schema: {
      tags,
      operationId: 'exportProgram',
      summary: 'The program as a YAML program file that applies back with no change',
      params: z.object({ id: z.string().min(1).max(100).describe('The program id, or its key') }),
      response: { 200: z.string().describe('application/yaml'), ...errorResponses },
    },
    handler: async (req, reply) => {
      const exported = await exportProgram(req.ctx, req.params.id);
      return reply
        .type('application/yaml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${exported.fileName}"`)
        .send(exported.text);
    },
  });
};
