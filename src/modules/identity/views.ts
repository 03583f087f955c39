import type { Tx } from '../../platform/db/database.js';
import type { Role } from '../../platform/access/roles.js';
import { partnerRefs } from '../partners/service.js';
import type { ApiKeyView, InvitationView, UserView } from './contracts.js';
import type { apiKeys, invitations, users } from './schema.js';

type UserRow = typeof users.$inferSelect;
type InvitationRow = typeof invitations.$inferSelect;
type ApiKeyRow = typeof apiKeys.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Views never carry a password hash, token hash or key hash. */
export async function userViews(tx: Tx, rows: UserRow[]): Promise<UserView[]> {
  const refs = await partnerRefs(
    tx,
    rows.map((r) => r.partnerId),
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    kind: r.partnerId ? 'partner' : 'vendor',
    role: r.role as Role,
    partnerId: r.partnerId,
    partner: r.partnerId ? (refs.get(r.partnerId) ?? null) : null,
    disabled: r.disabledAt !== null,
    createdAt: r.createdAt.toISOString(),
    lastLoginAt: iso(r.lastLoginAt),
  }));
}

export async function userView(tx: Tx, row: UserRow): Promise<UserView> {
  const [v] = await userViews(tx, [row]);
  return v!;
}

export async function invitationViews(tx: Tx, rows: InvitationRow[]): Promise<InvitationView[]> {
  const refs = await partnerRefs(
    tx,
    rows.map((r) => r.partnerId),
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role as Role,
    partnerId: r.partnerId,
    partner: r.partnerId ? (refs.get(r.partnerId) ?? null) : null,
    invitedBy: r.invitedBy,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    acceptedAt: iso(r.acceptedAt),
    revokedAt: iso(r.revokedAt),
  }));
}

export async function apiKeyViews(tx: Tx, rows: ApiKeyRow[]): Promise<ApiKeyView[]> {
  const refs = await partnerRefs(
    tx,
    rows.map((r) => r.partnerId),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: r.role as Role,
    partnerId: r.partnerId,
    partner: r.partnerId ? (refs.get(r.partnerId) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: iso(r.lastUsedAt),
    revokedAt: iso(r.revokedAt),
  }));
}

/** How a user appears as the actor of audit entries. */
export const userLabel = (u: { name: string; email: string }) => `${u.name} <${u.email}>`;
