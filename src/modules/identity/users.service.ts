import { and, count, desc, eq, gt, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { actorPartnerId } from '../../platform/access/actor.js';
import { requireAccess } from '../../platform/access/require-access.js';
import { isPartnerRole, isVendorRole, type Role } from '../../platform/access/roles.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import { contains } from '../../platform/db/search.js';
import { hashPassword } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { after, decodeCursor, type Page, toViewPage } from '../../platform/http/pagination.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import { partnerExists } from '../partners/service.js';
import {
  type CreateUserInput,
  createUserInput,
  type ListUsersQuery,
  type UpdateUserInput,
  type UserView,
} from './contracts.js';
import { checkPassword } from './rules/password-policy.js';
import { normalizeEmail } from './rules/throttle.js';
import { apiKeys, invitations, users } from './schema.js';
import { endSessionsOf } from './sessions.service.js';
import { userView, userViews } from './views.js';

export async function findUserByEmail(tx: Tx, email: string) {
  const [u] = await tx
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalizeEmail(email)));
  return u ?? null;
}

export async function listUsers(ctx: Ctx, q: ListUsersQuery): Promise<Page<UserView>> {
  requireAccess(ctx.actor, 'user.read');
  const own = actorPartnerId(ctx.actor);
  // a partner user sees its own team, whatever it asks for
  const partnerId = own ?? q.partnerId;
  const cursor = decodeCursor(q.cursor);
  return read(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(users)
      .where(
        and(
          partnerId ? eq(users.partnerId, partnerId) : undefined,
          !own && q.kind === 'vendor' ? isNull(users.partnerId) : undefined,
          !own && q.kind === 'partner' ? isNotNull(users.partnerId) : undefined,
          q.q ? or(contains(users.email, q.q), contains(users.name, q.q)) : undefined,
          after(cursor, users.createdAt, users.id),
        ),
      )
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(q.limit + 1);
    return toViewPage(rows, q.limit, (page) => userViews(tx, page));
  });
}

export async function getUser(ctx: Ctx, id: string): Promise<UserView> {
  return read(ctx, async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, id));
    if (!u) throw notFound('User');
    requireAccess(ctx.actor, 'user.read', { partnerId: u.partnerId, what: 'User' });
    return userView(tx, u);
  });
}

async function countActiveAdmins(tx: Tx): Promise<number> {
  const [r] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.partnerId), isNull(users.disabledAt)));
  return Number(r?.n ?? 0);
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput): Promise<UserView> {
  return write(ctx, 'user.update', async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, id));
    if (!u) throw notFound('User');
    requireAccess(ctx.actor, 'user.manage', { partnerId: u.partnerId, what: 'User' });
    if (input.role && (u.partnerId ? !isPartnerRole(input.role) : !isVendorRole(input.role))) {
      throw invalid('role', u.partnerId ? 'a partner user needs a partner role' : 'a vendor user needs a vendor role');
    }
    if (ctx.actor.id === u.id && (input.disabled === true || (input.role && input.role !== u.role))) {
      throw conflict('You cannot disable yourself or change your own role');
    }
    const losesAdmin =
      u.role === 'admin' && !u.disabledAt && (input.disabled === true || (input.role && input.role !== 'admin'));
    if (losesAdmin && (await countActiveAdmins(tx)) <= 1) throw conflict('Trellis needs at least one active admin');
    const before = await userView(tx, u);
    const [row] = await tx
      .update(users)
      .set({
        name: input.name ?? u.name,
        role: input.role ?? u.role,
        disabledAt: input.disabled === undefined ? u.disabledAt : input.disabled ? (u.disabledAt ?? new Date()) : null,
        updatedAt: new Date(),
      })
      .where(eq(users.id, id))
      .returning();
    if (input.disabled === true) await endSessionsOf(tx, id);
    const afterView = await userView(tx, row!);
    await recordChange(tx, ctx, {
      action: 'user.updated',
      objectType: 'user',
      objectId: id,
      partnerId: u.partnerId,
      before,
      after: afterView,
    });
    return afterView;
  });
}

/** Creates a user with a password directly (operator CLI, first admin). Invitations are the usual way. */
export async function insertUser(tx: Tx, ctx: Ctx, raw: CreateUserInput): Promise<UserView> {
  const input = parseInput(createUserInput, raw);
  const problems = checkPassword(input.password, input.email);
  if (problems.length) throw new AppError('validation_failed', `password: ${problems[0]!.message}`, problems);
  if (input.partnerId ? !isPartnerRole(input.role) : !isVendorRole(input.role)) {
    throw invalid(
      'role',
      input.partnerId ? 'a partner user needs a partner role' : 'a vendor user needs a vendor role',
    );
  }
  if (input.partnerId && !(await partnerExists(tx, input.partnerId))) throw invalid('partnerId', 'no such partner');
  if (await findUserByEmail(tx, input.email))
    throw new AppError('already_exists', 'A user with this email exists', [
      { field: 'email', message: 'is already taken' },
    ]);
  const [row] = await tx
    .insert(users)
    .values({
      email: normalizeEmail(input.email),
      name: input.name,
      role: input.role,
      partnerId: input.partnerId,
      passwordHash: await hashPassword(input.password),
    })
    .returning();
  const view = await userView(tx, row!);
  await recordChange(tx, ctx, {
    action: 'user.created',
    objectType: 'user',
    objectId: row!.id,
    partnerId: row!.partnerId,
    before: null,
    after: view,
  });
  return view;
}

export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<UserView> {
  requireAccess(ctx.actor, 'user.manage', { partnerId: input.partnerId ?? null, what: 'Partner' });
  return write(ctx, 'user.create', (tx) => insertUser(tx, ctx, input));
}

export async function hasAnyAdmin(tx: Tx): Promise<boolean> {
  const [r] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.partnerId)));
  return Number(r?.n ?? 0) > 0;
}

/** For other modules: vendor users by id (name and role), e.g. a partner's channel account manager. */
export async function staffRefs(
  tx: Tx,
  ids: (string | null)[],
): Promise<Map<string, { id: string; name: string; email: string; role: string }>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(inArray(users.id, wanted), isNull(users.partnerId)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** For other modules: any users by id (a partner's own users, or vendor staff), as the caller's scope shows them. */
export async function userRefs(
  tx: Tx,
  ids: (string | null)[],
): Promise<Map<string, { id: string; name: string; email: string; active: boolean }>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name, email: users.email, disabledAt: users.disabledAt })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, email: r.email, active: r.disabledAt === null }]));
}

/**
 * For other modules reading an outbox event: the partner its actor (`{type, id}` as recorded) acts for, or null
 * for the vendor's staff and keys, the system and anyone no longer on record.
 */
export async function partnerOfActor(
  tx: Tx,
  actor: { type?: unknown; id?: unknown } | undefined,
): Promise<string | null> {
  const id = typeof actor?.id === 'string' ? actor.id : null;
  if (!id) return null;
  const table = actor?.type === 'user' ? users : actor?.type === 'api_key' ? apiKeys : null;
  if (!table) return null;
  const [row] = await tx.select({ partnerId: table.partnerId }).from(table).where(eq(table.id, id));
  return row?.partnerId ?? null;
}

/** For other modules' mail: the active partner admins of a partner (who act for the company). */
export async function partnerAdmins(tx: Tx, partnerId: string): Promise<{ id: string; name: string; email: string }[]> {
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.partnerId, partnerId), eq(users.role, 'partner_admin'), isNull(users.disabledAt)))
    .orderBy(users.createdAt);
}

/** For other modules: the people a partner has in Trellis, counting its users and its pending invitations. */
export async function partnerTeamSize(tx: Tx, partnerId: string): Promise<number> {
  const [u] = await tx.select({ n: count() }).from(users).where(eq(users.partnerId, partnerId));
  const [i] = await tx
    .select({ n: count() })
    .from(invitations)
    .where(
      and(
        eq(invitations.partnerId, partnerId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    );
  return Number(u?.n ?? 0) + Number(i?.n ?? 0);
}

/** For other modules' mail: the vendor's active users holding one of these roles (e.g. who reviews applications). */
export async function vendorUsersWithRoles(
  tx: Tx,
  roles: readonly Role[],
): Promise<{ id: string; name: string; email: string }[]> {
  if (roles.length === 0) return [];
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(isNull(users.partnerId), inArray(users.role, [...roles]), isNull(users.disabledAt)))
    .orderBy(users.createdAt);
}
