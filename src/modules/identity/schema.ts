import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, timestamptz, updatedAt } from '../../platform/db/columns.js';
import { partnerOwned, staffOnly } from '../../platform/db/rls.js';
import { partners } from '../partners/schema.js';

const roleCheck = sql`(partner_id is null and role in ('admin','channel_manager','finance','marketing','viewer'))
  or (partner_id is not null and role in ('partner_admin','partner_member'))`;

/** Vendor users (no partner) and partner users (exactly one partner). */
export const users = pgTable(
  'users',
  {
    id: idColumn(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'restrict' }),
    passwordHash: text('password_hash'),
    disabledAt: timestamptz('disabled_at'),
    lastLoginAt: timestamptz('last_login_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    index('users_partner_idx').on(t.partnerId, t.createdAt),
    index('users_created_idx').on(t.createdAt.desc(), t.id.desc()),
    check('users_role_check', roleCheck),
    partnerOwned('users', t.partnerId),
  ],
);

/** Browser sessions; only the token's hash is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: idColumn(),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
    endedAt: timestamptz('ended_at'),
  },
  (t) => [
    uniqueIndex('sessions_token_key').on(t.tokenHash),
    index('sessions_user_idx').on(t.userId),
    index('sessions_expires_idx').on(t.expiresAt),
    partnerOwned('sessions', t.partnerId),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: idColumn(),
    email: text('email').notNull(),
    role: text('role').notNull(),
    partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamptz('expires_at').notNull(),
    acceptedAt: timestamptz('accepted_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [
    uniqueIndex('invitations_token_key').on(t.tokenHash),
    index('invitations_partner_idx').on(t.partnerId, t.createdAt),
    index('invitations_created_idx').on(t.createdAt.desc(), t.id.desc()),
    check('invitations_role_check', roleCheck),
    partnerOwned('invitations', t.partnerId),
  ],
);

export const passwordResets = pgTable(
  'password_resets',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
  },
  (t) => [uniqueIndex('password_resets_token_key').on(t.tokenHash), staffOnly('password_resets')],
);

/** API keys for scripts: the secret is shown once; only its SHA-256 is kept. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: idColumn(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    role: text('role').notNull(),
    partnerId: uuid('partner_id').references(() => partners.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastUsedAt: timestamptz('last_used_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_keys_secret_key').on(t.secretHash),
    index('api_keys_created_idx').on(t.createdAt.desc(), t.id.desc()),
    check('api_keys_role_check', roleCheck),
    partnerOwned('api_keys', t.partnerId),
  ],
);

/** Sign-in attempts, kept in the database so throttling holds across server instances. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: idColumn(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [
    index('login_attempts_email_idx').on(t.email, t.at),
    index('login_attempts_ip_idx').on(t.ip, t.at),
    staffOnly('login_attempts'),
  ],
);

/** The one-time link that creates the first admin when none was configured. */
export const setupTokens = pgTable(
  'setup_tokens',
  {
    id: idColumn(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    usedAt: timestamptz('used_at'),
  },
  () => [staffOnly('setup_tokens')],
);
