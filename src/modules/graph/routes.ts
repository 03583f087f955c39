import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/openapi.js';
import { getGraph } from './service.js';

const graphQuery = z.object({
  root: z.uuid().optional(),
  depth: z.coerce.number().int().min(1).max(5).default(2),
});

/** Documents are open-ended (the graph's own format); their shape is checked by the package's validator in tests. */
const graphDocument = z
  .object({
    upg_version: z.string(),
    exported_at: z.string(),
    source: z.object({ tool: z.string(), tool_version: z.string() }),
    product: z.object({ id: z.string(), title: z.string() }).loose(),
    nodes: z.array(z.object({ id: z.string(), type: z.string(), title: z.string() }).loose()),
    edges: z.array(z.object({ id: z.string(), type: z.string(), source: z.string(), target: z.string() })),
  })
  .meta({ id: 'UPGDocument' });

export const graphRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/graph', {
    schema: {
      tags: ['graph'],
      operationId: 'getGraph',
      summary: 'The product graph as a Unified Product Graph document; with root, the neighbourhood of that node',
      querystring: graphQuery,
      response: { 200: graphDocument, ...errorResponses },
    },
    handler: async (req) => getGraph(req.ctx, req.query.root ? req.query : {}),
  });
  app.get('/graph.upg', {
    schema: {
      tags: ['graph'],
      operationId: 'downloadGraph',
      summary: 'The whole graph as a .upg file',
      response: { 200: graphDocument, ...errorResponses },
    },
    handler: async (req, reply) => {
      const doc = await getGraph(req.ctx);
      return reply
        .header('content-disposition', 'attachment; filename="trellis-graph.upg"')
        .type('application/json; charset=utf-8')
        .send(doc);
    },
  });
};
