/**
 * House accounts and the matching policy: the customers the vendor's own sales team holds, and how alike two
 * customer names must be to collide. Registrations are matched against both at submission
 * (`trellis_deal_matches`); partners never read either.
 */
import { and, asc, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requireAccess } from '../../platform/access/require-access.js';
import { type Change, recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { contains } from '../../platform/db/search.js';
import { AppError, type FieldError, invalidFields, isUniqueViolation, notFound } from '../../platform/errors.js';
import { decodeCursorOf, encodeCursorOf, type Page } from '../../platform/http/pagination.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import { normalizeDomain } from '../partners/rules/domain.js';
import {
  dealPolicyBody,
  type DealPolicyInput,
  type DealPolicyView,
  houseAccountBody,
  type HouseAccountInput,
  type HouseAccountView,
  listHouseAccountsQuery,
  type ListHouseAccountsQuery,
  updateHouseAccountBody,
  type UpdateHouseAccountInput,
} from './contracts.js';
import { normalizeCompanyName } from './rules/company-name.js';
import { dealPolicy, houseAccounts } from './schema.js';

export type HouseAccountRow = typeof houseAccounts.$inferSelect;

export const houseAccountViewOf = (r: HouseAccountRow): HouseAccountView => ({
  id: r.id,
  name: r.name,
  domain: r.domain,
  country: r.country,
  owner: r.owner,
  notes: r.notes,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

type Verb = 'created' | 'updated' | 'deleted' | 'imported';

/** The audited change of one account (never a partner's: house accounts are the vendor's own). */
export const houseAccountChange = (
  verb: Verb,
  before: HouseAccountRow | null,
  after: HouseAccountRow | null,
): Change => ({
  action: `house_account.${verb}`,
  objectType: 'house_account',
  objectId: (after ?? before)!.id,
  partnerId: null,
  before: before && houseAccountViewOf(before),
  after: after && houseAccountViewOf(after),
});

/** Audits a change of one account. */
export async function recordHouseAccountChange(
  tx: Tx,
  ctx: Ctx,
  verb: Verb,
  before: HouseAccountRow | null,
  after: HouseAccountRow | null,
): Promise<void> {
  await recordChange(tx, ctx, houseAccountChange(verb, before, after));
}

/**
 * What matching compares: the name's key and the normalized domain (blank is no domain). A name without letters
 * or digits, or a domain that holds no domain, is a problem of its field.
 */
export function matchKeys(
  name: string,
  domain: string | null,
): { nameKey: string; domain: string | null; errors: FieldError[] } {
  const nameKey = normalizeCompanyName(name);
  const normalized = domain?.trim() ? normalizeDomain(domain) : null;
  const errors: FieldError[] = [];
  if (!nameKey) errors.push({ field: 'name', message: 'must hold letters or digits' });
  if (domain?.trim() && !normalized) errors.push({ field: 'domain', message: 'is not a web domain' });
  return { nameKey, domain: normalized, errors };
}

function keysOrThrow(name: string, domain: string | null) {
  const keys = matchKeys(name, domain);
  if (keys.errors.length) throw invalidFields(keys.errors);
  return keys;
}

/** The house accounts whose name (as written or normalized) or domain contains `q`; all without it. */
export function searchHouseAccounts(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const key = normalizeCompanyName(q);
  return or(
    contains(houseAccounts.name, q),
    contains(houseAccounts.domain, q),
    key ? contains(houseAccounts.nameKey, key) : undefined,
  );
}

const cursorSchema = z.object({ name: z.string(), id: z.uuid() });

/** Alphabetical by name (then id), in pages keyed on both. */
export async function listHouseAccounts(ctx: Ctx, raw: ListHouseAccountsQuery = {}): Promise<Page<HouseAccountView>> {
  requireAccess(ctx.actor, 'house_account.read');
  const q = parseInput(listHouseAccountsQuery, raw);
  const cursor = decodeCursorOf(cursorSchema, q.cursor);
  const rows = await read(ctx, (tx) =>
    tx
      .select()
      .from(houseAccounts)
      .where(
        and(
          searchHouseAccounts(q.q),
          cursor ? sql`(${houseAccounts.name}, ${houseAccounts.id}) > (${cursor.name}, ${cursor.id}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(houseAccounts.name), asc(houseAccounts.id))
      .limit(q.limit + 1),
  );
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(houseAccountViewOf),
    nextCursor: rows.length > q.limit && last ? encodeCursorOf({ name: last.name, id: last.id }) : null,
  };
}

const domainTaken = (domain: string, holder?: string) => {
  const message = holder ? `the house account ${holder} has the domain ${domain}` : `another house account has it`;
  return new AppError('already_exists', `domain: ${message}`, [{ field: 'domain', message }]);
};

/** One domain, one house account: a second would make "who holds this customer" ambiguous. */
async function assertDomainFree(tx: Tx, domain: string | null, except?: string): Promise<void> {
  if (!domain) return;
  const [holder] = await tx
    .select({ name: houseAccounts.name })
    .from(houseAccounts)
    .where(and(eq(houseAccounts.domain, domain), except ? ne(houseAccounts.id, except) : undefined));
  if (holder) throw domainTaken(domain, holder.name);
}

/** Runs a write of the domain column; a twin committed meanwhile is the same 409 as one found before. */
async function guardDomain<T>(domain: string | null, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw isUniqueViolation(error) && domain ? domainTaken(domain) : error;
  }
}

async function load(tx: Tx, id: string): Promise<HouseAccountRow> {
  const [row] = await tx.select().from(houseAccounts).where(eq(houseAccounts.id, id));
  if (!row) throw notFound('House account');
  return row;
}

export async function createHouseAccount(ctx: Ctx, raw: HouseAccountInput): Promise<HouseAccountView> {
  requireAccess(ctx.actor, 'house_account.write');
  const input = parseInput(houseAccountBody, raw);
  const keys = keysOrThrow(input.name, input.domain);
  return write(ctx, 'house_account.create', async (tx) => {
    await assertDomainFree(tx, keys.domain);
    const [row] = await guardDomain(keys.domain, () =>
      tx
        .insert(houseAccounts)
        .values({ ...input, nameKey: keys.nameKey, domain: keys.domain })
        .returning(),
    );
    await recordHouseAccountChange(tx, ctx, 'created', null, row!);
    return houseAccountViewOf(row!);
  });
}

export async function updateHouseAccount(
  ctx: Ctx,
  id: string,
  raw: UpdateHouseAccountInput,
): Promise<HouseAccountView> {
  requireAccess(ctx.actor, 'house_account.write');
  const input = parseInput(updateHouseAccountBody, raw);
  return write(ctx, 'house_account.update', async (tx) => {
    const current = await load(tx, id);
    const keys = keysOrThrow(input.name ?? current.name, input.domain === undefined ? current.domain : input.domain);
    await assertDomainFree(tx, keys.domain, id);
    const [row] = await guardDomain(keys.domain, () =>
      tx
        .update(houseAccounts)
        .set({ ...input, nameKey: keys.nameKey, domain: keys.domain, updatedAt: new Date() })
        .where(eq(houseAccounts.id, id))
        .returning(),
    );
    await recordHouseAccountChange(tx, ctx, 'updated', current, row!);
    return houseAccountViewOf(row!);
  });
}

/** Conflicts already recorded against it keep their registration, without the account (the key goes null). */
export async function deleteHouseAccount(ctx: Ctx, id: string): Promise<void> {
  requireAccess(ctx.actor, 'house_account.write');
  await write(ctx, 'house_account.delete', async (tx) => {
    const current = await load(tx, id);
    await tx.delete(houseAccounts).where(eq(houseAccounts.id, id));
    await recordHouseAccountChange(tx, ctx, 'deleted', current, null);
  });
}

const DEFAULT_SIMILARITY = 0.6;

// the column is a `real`: three decimals say what was set, not its binary approximation
const policyViewOf = (row: { nameSimilarity: number; updatedAt: Date } | undefined): DealPolicyView => ({
  nameSimilarity: Math.round((row?.nameSimilarity ?? DEFAULT_SIMILARITY) * 1000) / 1000,
  updatedAt: row?.updatedAt.toISOString() ?? null,
});

async function loadPolicy(tx: Tx) {
  const [row] = await tx.select().from(dealPolicy).where(eq(dealPolicy.id, 1));
  return row;
}

export async function getDealPolicy(ctx: Ctx): Promise<DealPolicyView> {
  requireAccess(ctx.actor, 'house_account.read');
  return policyViewOf(await read(ctx, loadPolicy));
}

/** Takes effect at the next submission: the conflict check reads the policy each time. */
export async function putDealPolicy(ctx: Ctx, raw: DealPolicyInput): Promise<DealPolicyView> {
  requireAccess(ctx.actor, 'deal.configure');
  const input = parseInput(dealPolicyBody, raw);
  return write(ctx, 'deal_policy.update', async (tx) => {
    const before = policyViewOf(await loadPolicy(tx));
    const values = { nameSimilarity: input.nameSimilarity, updatedAt: new Date() };
    const [row] = await tx
      .insert(dealPolicy)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: dealPolicy.id, set: values })
      .returning();
    const after = policyViewOf(row);
    await recordChange(tx, ctx, {
      action: 'deal_policy.updated',
      objectType: 'deal_policy',
      objectId: '1',
      partnerId: null,
      before,
      after,
    });
    return after;
  });
}
