import { and, arrayContains, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { actorPartnerId } from '../../platform/access/actor.js';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { contains } from '../../platform/db/search.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { after, decodeCursor, type Page, toPage } from '../../platform/http/pagination.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import { prepareUpload } from '../../platform/images/upload.js';
import { staffRefs } from '../identity/users.service.js';
import { recordOnboardingEvent } from '../onboarding/events.js';
import { profileComplete } from '../onboarding/rules/profile.js';
import {
  createPartnerBody,
  type CreatePartnerInput,
  listPartnersQuery,
  type ListPartnersQuery,
  type PartnerView,
  updatePartnerBody,
  type UpdatePartnerInput,
} from './contracts.js';
import { normalizeDomain } from './rules/domain.js';
import { PARTNER_EDITABLE } from './rules/profile.js';
import { partnerLogos, partnerNotes, partners } from './schema.js';

type Row = typeof partners.$inferSelect;

/** Views of partner rows; vendor staff also get the notes, partners never do. */
async function views(tx: Tx, ctx: Ctx, rows: Row[]): Promise<PartnerView[]> {
  const cams = await staffRefs(
    tx,
    rows.map((r) => r.camUserId),
  );
  const ids = rows.map((r) => r.id);
  const vendor = actorPartnerId(ctx.actor) === null;
  const notes =
    vendor && ids.length
      ? new Map(
          (await tx.select().from(partnerNotes).where(inArray(partnerNotes.partnerId, ids))).map((n) => [
            n.partnerId,
            n.notes,
          ]),
        )
      : new Map<string, string>();
  const logos = ids.length
    ? new Map(
        (
          await tx
            .select({ partnerId: partnerLogos.partnerId, sha256: partnerLogos.sha256 })
            .from(partnerLogos)
            .where(inArray(partnerLogos.partnerId, ids))
        ).map((l) => [l.partnerId, l.sha256]),
      )
    : new Map<string, string>();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    legalName: r.legalName,
    website: r.website,
    domain: r.domain,
    country: r.country,
    regions: r.regions as PartnerView['regions'],
    partnerTypes: r.partnerTypes as PartnerView['partnerTypes'],
    industries: r.industries,
    companySize: r.companySize as PartnerView['companySize'],
    camUserId: r.camUserId,
    camName: r.camUserId ? (cams.get(r.camUserId)?.name ?? null) : null,
    status: r.status,
    tags: r.tags,
    ...(vendor ? { notes: notes.get(r.id) ?? '' } : {}),
    logoUrl: logos.has(r.id) ? `/api/v1/partners/${r.id}/logo?v=${logos.get(r.id)!.slice(0, 16)}` : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function listPartners(ctx: Ctx, raw: ListPartnersQuery): Promise<Page<PartnerView>> {
  requireAccess(ctx.actor, 'partner.read');
  const q = parseInput(listPartnersQuery, raw);
  const cursor = decodeCursor(q.cursor);
  const own = actorPartnerId(ctx.actor);
  const domain = q.domain ? normalizeDomain(q.domain) : null;
  return read(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(partners)
      .where(
        and(
          own ? eq(partners.id, own) : undefined,
          q.q
            ? or(contains(partners.name, q.q), contains(partners.legalName, q.q), contains(partners.website, q.q))
            : undefined,
          q.status ? eq(partners.status, q.status) : undefined,
          q.country ? eq(partners.country, q.country) : undefined,
          q.region ? arrayContains(partners.regions, [q.region]) : undefined,
          q.partnerType ? arrayContains(partners.partnerTypes, [q.partnerType]) : undefined,
          q.industry ? arrayContains(partners.industries, [q.industry]) : undefined,
          q.companySize ? eq(partners.companySize, q.companySize) : undefined,
          q.camUserId ? eq(partners.camUserId, q.camUserId) : undefined,
          q.unassigned ? isNull(partners.camUserId) : undefined,
          q.tag ? arrayContains(partners.tags, [q.tag]) : undefined,
          q.domain ? eq(partners.domain, domain ?? '') : undefined,
          after(cursor, partners.createdAt, partners.id),
        ),
      )
      .orderBy(desc(partners.createdAt), desc(partners.id))
      .limit(q.limit + 1);
    const page = toPage(
      rows,
      q.limit,
      (r) => ({ at: r.createdAt, id: r.id }),
      (r) => r,
    );
    return { items: await views(tx, ctx, page.items), nextCursor: page.nextCursor };
  });
}

async function load(tx: Tx, id: string): Promise<Row> {
  const [row] = await tx.select().from(partners).where(eq(partners.id, id));
  if (!row) throw notFound('Partner');
  return row;
}

export async function getPartner(ctx: Ctx, id: string): Promise<PartnerView> {
  requireAccess(ctx.actor, 'partner.read', { partnerId: id, what: 'Partner' });
  return read(ctx, async (tx) => (await views(tx, ctx, [await load(tx, id)]))[0]!);
}

/** A channel account manager is a vendor user who may manage partners. */
export async function assertCam(tx: Tx, camUserId: string | null | undefined): Promise<void> {
  if (!camUserId) return;
  const cam = (await staffRefs(tx, [camUserId])).get(camUserId);
  if (!cam || !['admin', 'channel_manager'].includes(cam.role))
    throw invalid('camUserId', 'must be an admin or channel manager of the vendor');
}

/** For this module's import: inserts one validated partner in the caller's transaction. */
export async function insertPartner(
  tx: Tx,
  ctx: Ctx,
  input: ReturnType<typeof createPartnerBody.parse>,
): Promise<PartnerView> {
  await assertCam(tx, input.camUserId);
  const { notes, ...fields } = input;
  const [row] = await tx
    .insert(partners)
    .values({ ...fields, domain: normalizeDomain(input.website) })
    .returning();
  if (notes) await tx.insert(partnerNotes).values({ partnerId: row!.id, notes });
  const [created] = await views(tx, ctx, [row!]);
  await recordChange(tx, ctx, {
    action: 'partner.created',
    objectType: 'partner',
    objectId: row!.id,
    partnerId: row!.id,
    before: null,
    after: created!,
  });
  return created!;
}

export async function createPartner(ctx: Ctx, raw: CreatePartnerInput): Promise<PartnerView> {
  requireAccess(ctx.actor, 'partner.write');
  const input = parseInput(createPartnerBody, raw);
  return write(ctx, 'partner.create', (tx) => insertPartner(tx, ctx, input));
}

/**
 * Vendor staff edit the whole profile; a partner admin edits its own company's profile fields only. A field
 * the caller may not set is refused by name, never silently applied.
 */
export async function updatePartner(ctx: Ctx, id: string, raw: UpdatePartnerInput): Promise<PartnerView> {
  const own = actorPartnerId(ctx.actor);
  requireAccess(ctx.actor, own ? 'partner.profile' : 'partner.write', { partnerId: id, what: 'Partner' });
  const input = parseInput(updatePartnerBody, raw);
  if (own) {
    const refused = Object.keys(input).filter((k) => !(PARTNER_EDITABLE as readonly string[]).includes(k));
    if (refused.length)
      throw new AppError(
        'forbidden',
        `${refused.join(', ')}: set by the vendor only`,
        refused.map((field) => ({ field, message: 'set by the vendor only' })),
      );
  }
  return write(ctx, 'partner.update', async (tx) => {
    const current = await load(tx, id);
    const [before] = await views(tx, ctx, [current]);
    await assertCam(tx, input.camUserId);
    const { notes, ...fields } = input;
    const [row] = await tx
      .update(partners)
      .set({
        ...fields,
        ...(fields.website !== undefined ? { domain: normalizeDomain(fields.website) } : {}),
        updatedAt: new Date(),
      })
      .where(eq(partners.id, id))
      .returning();
    if (notes !== undefined)
      await tx
        .insert(partnerNotes)
        .values({ partnerId: id, notes })
        .onConflictDoUpdate({ target: partnerNotes.partnerId, set: { notes, updatedAt: new Date() } });
    // a profile left complete ticks "complete the profile" in the partner's open onboardings
    if (profileComplete(row!))
      await recordOnboardingEvent(tx, { partnerId: id, event: 'profile_completed', actorLabel: ctx.actor.label });
    const [updated] = await views(tx, ctx, [row!]);
    await recordChange(tx, ctx, {
      action: 'partner.updated',
      objectType: 'partner',
      objectId: id,
      partnerId: id,
      before: before!,
      after: updated!,
    });
    return updated!;
  });
}

/** For other modules: names (and channel account managers) of partners by id, in the caller's transaction and scope. */
export async function partnerRefs(
  tx: Tx,
  ids: (string | null)[],
): Promise<Map<string, { id: string; name: string; camUserId: string | null }>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: partners.id, name: partners.name, camUserId: partners.camUserId })
    .from(partners)
    .where(inArray(partners.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

/** For other modules: whether a partner exists (as the caller's scope sees it). */
export async function partnerExists(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, id));
  return rows.length > 0;
}

/** A partner's logo: vendor staff or the partner's own admin set it; checked and sanitized like tier badges. */
export async function putLogo(ctx: Ctx, id: string, bytes: Uint8Array): Promise<PartnerView> {
  const own = actorPartnerId(ctx.actor);
  requireAccess(ctx.actor, own ? 'partner.profile' : 'partner.write', { partnerId: id, what: 'Partner' });
  const logo = prepareUpload(bytes, 'logo');
  return write(ctx, 'partner.logo', async (tx) => {
    const current = await load(tx, id);
    const values = {
      contentType: logo.contentType,
      data: Buffer.from(logo.bytes),
      sha256: logo.sha256,
      updatedAt: new Date(),
    };
    await tx
      .insert(partnerLogos)
      .values({ partnerId: id, ...values })
      .onConflictDoUpdate({ target: partnerLogos.partnerId, set: values });
    const [updated] = await views(tx, ctx, [current]);
    await recordChange(tx, ctx, {
      action: 'partner.logo_changed',
      objectType: 'partner',
      objectId: id,
      partnerId: id,
      before: null,
      after: updated!,
    });
    return updated!;
  });
}

export async function getLogo(ctx: Ctx, id: string) {
  requireAccess(ctx.actor, 'partner.read', { partnerId: id, what: 'Partner' });
  const [row] = await read(ctx, (tx) => tx.select().from(partnerLogos).where(eq(partnerLogos.partnerId, id)));
  if (!row) throw notFound('Logo');
  return row;
}

/** For other modules: the partner of each normalized domain (the oldest, should a domain have two). */
export async function partnersByDomain(
  tx: Tx,
  domains: (string | null)[],
): Promise<Map<string, { id: string; name: string }>> {
  const wanted = [...new Set(domains.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: partners.id, name: partners.name, domain: partners.domain })
    .from(partners)
    .where(inArray(partners.domain, wanted))
    .orderBy(desc(partners.createdAt), desc(partners.id));
  // newest first, so the oldest of a domain is set last and wins
  return new Map(rows.map((r) => [r.domain!, { id: r.id, name: r.name }]));
}

/**
 * For enrollments: a prospect or onboarding company becomes `active` when its first membership does. Statuses
 * the vendor set otherwise (inactive, churned) are left alone.
 */
export async function markPartnerActive(
  tx: Tx,
  ctx: Pick<Ctx, 'actor' | 'requestId'>,
  partnerId: string,
): Promise<void> {
  const [row] = await tx
    .update(partners)
    .set({ status: 'active', updatedAt: new Date() })
    .where(and(eq(partners.id, partnerId), inArray(partners.status, ['prospect', 'onboarding'])))
    .returning({ id: partners.id });
  if (row)
    await recordChange(tx, ctx, {
      action: 'partner.activated',
      objectType: 'partner',
      objectId: partnerId,
      partnerId,
      before: null,
      after: { status: 'active', reason: 'a membership became active' },
    });
}
