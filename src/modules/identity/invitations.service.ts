import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { actorPartnerId } from '../../platform/access/actor.js';
import { requireAccess } from '../../platform/access/require-access.js';
import type { Role } from '../../platform/access/roles.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import { hashPassword, randomToken, sha256 } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, invalidFields, notFound } from '../../platform/errors.js';
import { after, decodeCursor, type Page, type PageQuery, toViewPage } from '../../platform/http/pagination.js';
import { queueTemplatedMail } from '../../platform/mail/templates.js';
import { read, write } from '../../platform/unit-of-work.js';
import { recordTeamInvitation } from '../onboarding/events.js';
import { partnerRefs } from '../partners/service.js';
import type { CreateInvitationInput, InvitationView } from './contracts.js';
import { invitationMail, invitationVars } from './mails.js';
import { invitationAction, invitationProblems } from './rules/invitation-rules.js';
import { checkPassword } from './rules/password-policy.js';
import { INVITATION_TTL_MS } from './rules/session-policy.js';
import { normalizeEmail } from './rules/throttle.js';
import { invitations, users } from './schema.js';
import { actorOfUser, type StartedSession, startSession } from './sessions.service.js';
import { findUserByEmail } from './users.service.js';
import { invitationViews, userView } from './views.js';

const system = { kind: 'system' } as const;

export async function invite(ctx: Ctx, input: CreateInvitationInput): Promise<InvitationView> {
  // a partner admin always invites into its own company
  const partnerId = actorPartnerId(ctx.actor) ?? input.partnerId ?? null;
  requireAccess(ctx.actor, invitationAction(partnerId), { partnerId, what: 'Partner' });
  const problems = invitationProblems({ role: input.role, partnerId });
  if (problems.length) throw invalidFields(problems);
  const email = normalizeEmail(input.email);
  // read as the system: whether an email is taken anywhere must not depend on the caller's scope
  // (acceptance checks again, so a user created in between cannot be duplicated)
  const taken = await ctx.db.run(system, (sys) => findUserByEmail(sys, email));
  if (taken)
    throw new AppError('already_exists', 'A user with this email exists', [
      { field: 'email', message: 'is already a user' },
    ]);
  return write(ctx, 'invitation.create', (tx) => createInvitation(tx, ctx, { email, role: input.role, partnerId }));
}

/**
 * For other modules: invites `email` in the caller's transaction (e.g. an approved application's contact, along
 * with the partner it creates). The caller has checked access and that no user has this email.
 */
export async function createInvitation(
  tx: Tx,
  ctx: Ctx,
  input: { email: string; role: Role; partnerId: string | null },
): Promise<InvitationView> {
  const { email, partnerId } = input;
  const partner = partnerId ? (await partnerRefs(tx, [partnerId])).get(partnerId) : null;
  if (partnerId && !partner)
    throw new AppError('validation_failed', 'partnerId: no such partner', [
      { field: 'partnerId', message: 'no such partner' },
    ]);
  const now = new Date();
  // a new invitation to the same address replaces a pending one
  await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(eq(sql`lower(${invitations.email})`, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
    );
  const token = randomToken();
  const [row] = await tx
    .insert(invitations)
    .values({
      email,
      role: input.role,
      partnerId,
      tokenHash: sha256(token),
      invitedBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    })
    .returning();
  const [view] = await invitationViews(tx, [row!]);
  if (partnerId) await recordTeamInvitation(tx, partnerId, ctx.actor.label);
  await recordChange(tx, ctx, {
    action: 'invitation.created',
    objectType: 'invitation',
    objectId: row!.id,
    partnerId,
    before: null,
    after: view!,
  });
  await queueTemplatedMail(
    tx,
    invitationMail,
    email,
    invitationVars({
      link: `${ctx.config.publicUrl}/accept-invite?token=${token}`,
      role: input.role,
      partnerName: partner?.name ?? null,
      inviter: ctx.actor.label,
    }),
  );
  return view!;
}

export async function listInvitations(
  ctx: Ctx,
  q: PageQuery & { partnerId?: string | undefined },
): Promise<Page<InvitationView>> {
  requireAccess(ctx.actor, 'user.invite');
  const partnerId = actorPartnerId(ctx.actor) ?? q.partnerId;
  const cursor = decodeCursor(q.cursor);
  return read(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(invitations)
      .where(
        and(
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          partnerId ? eq(invitations.partnerId, partnerId) : undefined,
          after(cursor, invitations.createdAt, invitations.id),
        ),
      )
      .orderBy(desc(invitations.createdAt), desc(invitations.id))
      .limit(q.limit + 1);
    return toViewPage(rows, q.limit, (page) => invitationViews(tx, page));
  });
}

export async function revokeInvitation(ctx: Ctx, id: string): Promise<InvitationView> {
  return write(ctx, 'invitation.revoke', async (tx) => {
    const [row] = await tx.select().from(invitations).where(eq(invitations.id, id));
    if (!row) throw notFound('Invitation');
    requireAccess(ctx.actor, invitationAction(row.partnerId), { partnerId: row.partnerId, what: 'Invitation' });
    const [before] = await invitationViews(tx, [row]);
    const [updated] = await tx
      .update(invitations)
      .set({ revokedAt: row.revokedAt ?? new Date() })
      .where(eq(invitations.id, id))
      .returning();
    const [view] = await invitationViews(tx, [updated!]);
    await recordChange(tx, ctx, {
      action: 'invitation.revoked',
      objectType: 'invitation',
      objectId: id,
      partnerId: row.partnerId,
      before: before!,
      after: view!,
    });
    return view!;
  });
}

async function pendingByToken(tx: Tx, token: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, sha256(token)))
    .for('update');
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt.getTime() <= Date.now()) {
    throw new AppError('token_invalid', 'This invitation link is invalid, used or expired');
  }
  return row;
}

/** What the acceptance page shows: who is invited, as what, where. */
export async function previewInvitation(ctx: Ctx, token: string) {
  return ctx.db.run(system, async (tx) => {
    const row = await pendingByToken(tx, token);
    const partner = row.partnerId ? ((await partnerRefs(tx, [row.partnerId])).get(row.partnerId) ?? null) : null;
    return { email: row.email, role: row.role as Role, partner };
  });
}

export async function acceptInvitation(
  ctx: Ctx,
  input: { token: string; name: string; password: string },
): Promise<StartedSession> {
  return ctx.db.run(system, async (tx) => {
    const row = await pendingByToken(tx, input.token);
    const problems = checkPassword(input.password, row.email);
    if (problems.length) throw new AppError('validation_failed', `password: ${problems[0]!.message}`, problems);
    if (await findUserByEmail(tx, row.email))
      throw new AppError('already_exists', 'A user with this email exists already');
    const [user] = await tx
      .insert(users)
      .values({
        email: row.email,
        name: input.name,
        role: row.role,
        partnerId: row.partnerId,
        passwordHash: await hashPassword(input.password),
      })
      .returning();
    await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, row.id));
    const asUser: Ctx = { ...ctx, actor: actorOfUser(user!, null) };
    await recordChange(tx, asUser, {
      action: 'user.created',
      objectType: 'user',
      objectId: user!.id,
      partnerId: user!.partnerId,
      before: null,
      after: { ...(await userView(tx, user!)), invitationId: row.id },
    });
    return startSession(tx, ctx, user!);
  });
}
