import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { actorPartnerId } from '../../platform/access/actor.js';
import { requireAccess } from '../../platform/access/require-access.js';
import { isPartnerRole, isVendorRole, type Role } from '../../platform/access/roles.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { invalid, notFound } from '../../platform/errors.js';
import { after, decodeCursor, type Page, type PageQuery, toPage } from '../../platform/http/pagination.js';
import { read, write } from '../../platform/unit-of-work.js';
import { partnerExists } from '../partners/service.js';
import type { ApiKeyView, CreateApiKeyInput } from './contracts.js';
import { apiKeys } from './schema.js';
import { apiKeyViews } from './views.js';

const system = { kind: 'system' } as const;
export const API_KEY_PREFIX = 'trl_';
// last-used is written at most this often per key
const TOUCH_EVERY_MS = 60_000;

/** Creates a key; the secret is returned this once and only its hash is stored. */
export async function createApiKey(
  ctx: Ctx,
  input: CreateApiKeyInput,
): Promise<{ apiKey: ApiKeyView; secret: string }> {
  const partnerId = actorPartnerId(ctx.actor) ?? input.partnerId ?? null;
  requireAccess(ctx.actor, 'apikey.manage', { partnerId, what: 'Partner' });
  if (partnerId ? !isPartnerRole(input.role) : !isVendorRole(input.role)) {
    throw invalid('role', partnerId ? 'a partner key needs a partner role' : 'a vendor key needs a vendor role');
  }
  return write(ctx, 'apikey.create', async (tx) => {
    if (partnerId && !(await partnerExists(tx, partnerId))) throw invalid('partnerId', 'no such partner');
    const secret = API_KEY_PREFIX + randomToken(32);
    const [row] = await tx
      .insert(apiKeys)
      .values({
        name: input.name,
        prefix: secret.slice(0, API_KEY_PREFIX.length + 8),
        secretHash: sha256(secret),
        role: input.role,
        partnerId,
        createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      })
      .returning();
    const [view] = await apiKeyViews(tx, [row!]);
    await recordChange(tx, ctx, {
      action: 'api_key.created',
      objectType: 'api_key',
      objectId: row!.id,
      partnerId,
      before: null,
      after: view!,
    });
    return { apiKey: view!, secret };
  });
}

export async function listApiKeys(ctx: Ctx, q: PageQuery): Promise<Page<ApiKeyView>> {
  requireAccess(ctx.actor, 'apikey.manage');
  const own = actorPartnerId(ctx.actor);
  const cursor = decodeCursor(q.cursor);
  return read(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(apiKeys)
      .where(and(own ? eq(apiKeys.partnerId, own) : undefined, after(cursor, apiKeys.createdAt, apiKeys.id)))
      .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
      .limit(q.limit + 1);
    const page = toPage(
      rows,
      q.limit,
      (r) => ({ at: r.createdAt, id: r.id }),
      (r) => r,
    );
    return { items: await apiKeyViews(tx, page.items), nextCursor: page.nextCursor };
  });
}

export async function revokeApiKey(ctx: Ctx, id: string): Promise<ApiKeyView> {
  return write(ctx, 'apikey.revoke', async (tx) => {
    const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id));
    if (!row) throw notFound('API key');
    requireAccess(ctx.actor, 'apikey.manage', { partnerId: row.partnerId, what: 'API key' });
    const [before] = await apiKeyViews(tx, [row]);
    const [updated] = await tx
      .update(apiKeys)
      .set({ revokedAt: row.revokedAt ?? new Date() })
      .where(eq(apiKeys.id, id))
      .returning();
    const [view] = await apiKeyViews(tx, [updated!]);
    await recordChange(tx, ctx, {
      action: 'api_key.revoked',
      objectType: 'api_key',
      objectId: id,
      partnerId: row.partnerId,
      before: before!,
      after: view!,
    });
    return view!;
  });
}

/** The actor behind a bearer secret, or null for an unknown or revoked key. */
export async function resolveApiKey(ctx: Ctx, secret: string): Promise<Actor | null> {
  if (!secret.startsWith(API_KEY_PREFIX)) return null;
  return ctx.db.run(system, async (tx) => {
    const [row] = await tx
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.secretHash, sha256(secret)), isNull(apiKeys.revokedAt)));
    if (!row) return null;
    const now = new Date();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await tx.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
    }
    return {
      type: 'api_key',
      id: row.id,
      label: `API key ${row.name} (${row.prefix}…)`,
      role: row.role as Role,
      partnerId: row.partnerId,
    };
  });
}
