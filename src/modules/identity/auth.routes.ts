import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, noContent } from '../../platform/http/openapi.js';
import type { AppDeps } from '../../platform/http/deps.js';
import {
  acceptInvitationBody,
  changePasswordBody,
  invitationPreview,
  loginBody,
  passwordChanged,
  resetConfirmBody,
  resetRequestBody,
  sessionView,
  setupBody,
  setupStatus,
  tokenParams,
} from './contracts.js';
import { clearSessionCookie, setSessionCookie } from './http-auth.js';
import { acceptInvitation, previewInvitation } from './invitations.service.js';
import { changePassword } from './password-change.service.js';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.service.js';
import { currentSession, login, logout } from './sessions.service.js';
import { completeSetup, setupRequired } from './setup.service.js';

const tags = ['auth'];

export const authRoutes =
  ({ config }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/auth/login', {
      config: { public: true },
      schema: {
        tags,
        operationId: 'login',
        summary: 'Sign in with email and password',
        body: loginBody,
        response: { 200: sessionView, ...errorResponses },
      },
      handler: async (req, reply) => {
        const started = await login(req.ctx, req.body);
        setSessionCookie(reply, config, started.token);
        return started.view;
      },
    });

    app.post('/auth/logout', {
      schema: {
        tags,
        operationId: 'logout',
        summary: 'End the current session',
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await logout(req.ctx);
        clearSessionCookie(reply, config);
        return reply.code(204).send(null);
      },
    });

    app.get('/auth/session', {
      schema: {
        tags,
        operationId: 'getSession',
        summary: 'The signed-in user and the CSRF token',
        response: { 200: sessionView, ...errorResponses },
      },
      handler: async (req) => currentSession(req.ctx, req.csrfToken ?? ''),
    });

    app.get('/auth/setup', {
      config: { public: true },
      schema: {
        tags,
        operationId: 'getSetupStatus',
        summary: 'Whether the first admin still needs creating',
        response: { 200: setupStatus },
      },
      handler: async (req) => ({ required: await setupRequired(req.ctx) }),
    });

    app.post('/auth/setup', {
      config: { public: true },
      schema: {
        tags,
        operationId: 'completeSetup',
        summary: 'Create the first admin with the one-time setup token',
        body: setupBody,
        response: { 200: sessionView, ...errorResponses },
      },
      handler: async (req, reply) => {
        const started = await completeSetup(req.ctx, req.body);
        setSessionCookie(reply, config, started.token);
        return started.view;
      },
    });

    app.get('/auth/invitations/:token', {
      config: { public: true },
      schema: {
        tags,
        operationId: 'previewInvitation',
        summary: 'Who an invitation link is for',
        params: tokenParams,
        response: { 200: invitationPreview, ...errorResponses },
      },
      handler: async (req) => previewInvitation(req.ctx, req.params.token),
    });

    app.post('/auth/invitations/accept', {
      config: { public: true },
      schema: {
        tags,
        operationId: 'acceptInvitation',
        summary: 'Accept an invitation: choose a name and password, and sign in',
        body: acceptInvitationBody,
        response: { 200: sessionView, ...errorResponses },
      },
      handler: async (req, reply) => {
        const started = await acceptInvitation(req.ctx, req.body);
        setSessionCookie(reply, config, started.token);
        return started.view;
      },
    });

    app.post('/auth/password-reset', {
      config: { public: true },
      schema: {
        tags,
        operationId: 'requestPasswordReset',
        summary: 'Mail a password reset link (the answer does not tell whether the account exists)',
        body: resetRequestBody,
        response: { 202: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await requestPasswordReset(req.ctx, req.body.email);
        return reply.code(202).send(null);
      },
    });

    app.post('/auth/password-reset/confirm', {
      config: { public: true },
      schema: {
        tags,
        operationId: 'confirmPasswordReset',
        summary: 'Set a new password with a reset token; ends every session of the user',
        body: resetConfirmBody,
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await confirmPasswordReset(req.ctx, req.body);
        return reply.code(204).send(null);
      },
    });

    app.post('/auth/password', {
      schema: {
        tags,
        operationId: 'changePassword',
        summary: "Change the signed-in user's password; ends the user's other sessions, keeps this one",
        body: changePasswordBody,
        response: { 200: passwordChanged, ...errorResponses },
      },
      handler: async (req) => changePassword(req.ctx, req.body),
    });
  };
