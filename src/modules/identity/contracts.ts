import { z } from 'zod';
import { PARTNER_ROLES, ROLES, VENDOR_ROLES } from '../../platform/access/roles.js';
import { pageQuery } from '../../platform/http/pagination.js';

const email = z.email().max(254);
const password = z.string().min(1).max(1000);
const name = z.string().trim().min(1).max(200);
const token = z.string().min(10).max(200);
const iso = z.iso.datetime();

export const partnerRef = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const userView = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    kind: z.enum(['vendor', 'partner']),
    role: z.enum(ROLES),
    partnerId: z.uuid().nullable(),
    partner: partnerRef,
    disabled: z.boolean(),
    createdAt: iso,
    lastLoginAt: iso.nullable(),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof userView>;

export const sessionView = z
  .object({ user: userView, csrfToken: z.string(), permissions: z.array(z.string()) })
  .meta({ id: 'Session' });
export type SessionView = z.infer<typeof sessionView>;

export const loginBody = z.object({ email, password }).strict();
export const setupBody = z.object({ token, name, email, password }).strict();
export const setupStatus = z.object({ required: z.boolean() });
export const acceptInvitationBody = z.object({ token, name, password }).strict();
export const resetRequestBody = z.object({ email }).strict();
export const resetConfirmBody = z.object({ token, password }).strict();
export const changePasswordBody = z.object({ currentPassword: password, newPassword: password }).strict();
export const passwordChanged = z.object({ sessionsEnded: z.number().int() });

export const invitationView = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(ROLES),
    partnerId: z.uuid().nullable(),
    partner: partnerRef,
    invitedBy: z.uuid().nullable(),
    createdAt: iso,
    expiresAt: iso,
    acceptedAt: iso.nullable(),
    revokedAt: iso.nullable(),
  })
  .meta({ id: 'Invitation' });
export type InvitationView = z.infer<typeof invitationView>;

export const invitationPreview = z.object({ email: z.string(), role: z.enum(ROLES), partner: partnerRef });
export const createInvitationBody = z.object({ email, role: z.enum(ROLES), partnerId: z.uuid().optional() }).strict();
export type CreateInvitationInput = z.infer<typeof createInvitationBody>;

export const listUsersQuery = pageQuery.extend({
  kind: z.enum(['vendor', 'partner']).optional(),
  partnerId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const updateUserBody = z
  .object({ name: name.optional(), role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const createUserInput = z.object({
  email,
  name,
  password,
  role: z.enum(ROLES),
  partnerId: z.uuid().nullable().default(null),
});
export const createUserBody = createUserInput.strict();
export type CreateUserInput = z.input<typeof createUserInput>;

export const apiKeyView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    role: z.enum(ROLES),
    partnerId: z.uuid().nullable(),
    partner: partnerRef,
    createdAt: iso,
    lastUsedAt: iso.nullable(),
    revokedAt: iso.nullable(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKeyView = z.infer<typeof apiKeyView>;

export const createApiKeyBody = z.object({ name, role: z.enum(ROLES), partnerId: z.uuid().optional() }).strict();
export type CreateApiKeyInput = z.infer<typeof createApiKeyBody>;
export const createdApiKey = z.object({ apiKey: apiKeyView, secret: z.string() });

export const idParams = z.object({ id: z.uuid() });
export const tokenParams = z.object({ token });

export { VENDOR_ROLES, PARTNER_ROLES };
