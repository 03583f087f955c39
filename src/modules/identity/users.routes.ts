import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../platform/http/openapi.js';
import { pageOf, pageQuery } from '../../platform/http/pagination.js';
import {
  createApiKeyBody,
  createdApiKey,
  createInvitationBody,
  createUserBody,
  apiKeyView,
  idParams,
  invitationView,
  listUsersQuery,
  updateUserBody,
  userView,
} from './contracts.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.js';
import { invite, listInvitations, revokeInvitation } from './invitations.service.js';
import { createUser, getUser, listUsers, updateUser } from './users.service.js';
import { z } from 'zod';

export const userRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/users', {
    schema: {
      tags: ['users'],
      operationId: 'listUsers',
      summary: 'Users; a partner user sees its own team',
      querystring: listUsersQuery,
      response: { 200: pageOf(userView), ...errorResponses },
    },
    handler: async (req) => listUsers(req.ctx, req.query),
  });
  app.post('/users', {
    schema: {
      tags: ['users'],
      operationId: 'createUser',
      summary: 'Create a user with a password (invitations are the usual way; accepts Idempotency-Key)',
      body: createUserBody,
      response: { 201: userView, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await createUser(req.ctx, req.body)),
  });
  app.get('/users/:id', {
    schema: {
      tags: ['users'],
      operationId: 'getUser',
      params: idParams,
      response: { 200: userView, ...errorResponses },
    },
    handler: async (req) => getUser(req.ctx, req.params.id),
  });
  app.patch('/users/:id', {
    schema: {
      tags: ['users'],
      operationId: 'updateUser',
      summary: 'Rename, change role, disable or enable a user',
      params: idParams,
      body: updateUserBody,
      response: { 200: userView, ...errorResponses },
    },
    handler: async (req) => updateUser(req.ctx, req.params.id, req.body),
  });

  app.get('/invitations', {
    schema: {
      tags: ['users'],
      operationId: 'listInvitations',
      summary: 'Pending invitations',
      querystring: pageQuery.extend({ partnerId: z.uuid().optional() }),
      response: { 200: pageOf(invitationView), ...errorResponses },
    },
    handler: async (req) => listInvitations(req.ctx, req.query),
  });
  app.post('/invitations', {
    schema: {
      tags: ['users'],
      operationId: 'createInvitation',
      summary: 'Invite a user by mail (accepts Idempotency-Key)',
      body: createInvitationBody,
      response: { 201: invitationView, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await invite(req.ctx, req.body)),
  });
  app.delete('/invitations/:id', {
    schema: {
      tags: ['users'],
      operationId: 'revokeInvitation',
      params: idParams,
      response: { 200: invitationView, ...errorResponses },
    },
    handler: async (req) => revokeInvitation(req.ctx, req.params.id),
  });

  app.get('/api-keys', {
    schema: {
      tags: ['api keys'],
      operationId: 'listApiKeys',
      summary: 'API keys (never their secrets)',
      querystring: pageQuery,
      response: { 200: pageOf(apiKeyView), ...errorResponses },
    },
    handler: async (req) => listApiKeys(req.ctx, req.query),
  });
  app.post('/api-keys', {
    schema: {
      tags: ['api keys'],
      operationId: 'createApiKey',
      summary: 'Create an API key; its secret is in this answer only',
      body: createApiKeyBody,
      response: { 201: createdApiKey, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await createApiKey(req.ctx, req.body)),
  });
  app.delete('/api-keys/:id', {
    schema: {
      tags: ['api keys'],
      operationId: 'revokeApiKey',
      params: idParams,
      response: { 200: apiKeyView, ...errorResponses },
    },
    handler: async (req) => revokeApiKey(req.ctx, req.params.id),
  });
};
