import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/openapi.js';
import { pageOf } from '../../platform/http/pagination.js';
import { createProductBody, listProductsQuery, productView, updateProductBody } from './contracts.js';
import { createProduct, getProduct, listProducts, setArchived, updateProduct } from './service.js';

const tags = ['products'];
const params = z.object({ id: z.uuid() });

export const productRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/products', {
    schema: {
      tags,
      operationId: 'listProducts',
      summary: 'Products, newest change first; search by title and description',
      querystring: listProductsQuery,
      response: { 200: pageOf(productView), ...errorResponses },
    },
    handler: async (req) => listProducts(req.ctx, req.query),
  });
  app.post('/products', {
    schema: {
      tags,
      operationId: 'createProduct',
      summary: 'Create a product (accepts Idempotency-Key)',
      body: createProductBody,
      response: { 201: productView, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await createProduct(req.ctx, req.body)),
  });
  app.get('/products/:id', {
    schema: { tags, operationId: 'getProduct', params, response: { 200: productView, ...errorResponses } },
    handler: async (req) => getProduct(req.ctx, req.params.id),
  });
  app.patch('/products/:id', {
    schema: {
      tags,
      operationId: 'updateProduct',
      summary: 'Edit a product; status moves follow the product lifecycle',
      params,
      body: updateProductBody,
      response: { 200: productView, ...errorResponses },
    },
    handler: async (req) => updateProduct(req.ctx, req.params.id, req.body),
  });
  app.post('/products/:id/archive', {
    schema: { tags, operationId: 'archiveProduct', params, response: { 200: productView, ...errorResponses } },
    handler: async (req) => setArchived(req.ctx, req.params.id, true),
  });
  app.post('/products/:id/restore', {
    schema: { tags, operationId: 'restoreProduct', params, response: { 200: productView, ...errorResponses } },
    handler: async (req) => setArchived(req.ctx, req.params.id, false),
  });
};
