import { formatMoney } from '../../platform/money.js';
import type { BenefitView, ProgramView, StatusChangeView, TierView } from './contracts.js';
import { type Criterion, describeCriterion } from './rules/criteria.js';
import { programLifecycle } from './rules/program-lifecycle.js';
import type { benefits, programs, programStatusChanges, programTiers, tierBadges } from './schema.js';

export type ProgramRow = typeof programs.$inferSelect;
export type TierRow = typeof programTiers.$inferSelect;
export type BenefitRow = typeof benefits.$inferSelect;
type BadgeMeta = Pick<typeof tierBadges.$inferSelect, 'contentType' | 'sha256'>;

export const programView = (r: ProgramRow, productIds: string[]): ProgramView => ({
  id: r.id,
  type: 'partner_program',
  key: r.key,
  name: r.name,
  description: r.description,
  programType: r.programType as ProgramView['programType'],
  currency: r.currency,
  status: r.status,
  nextStatuses: programLifecycle.allowedMoves(r.status),
  tags: r.tags,
  revenueSeasoningDays: r.revenueSeasoningDays,
  demotionGraceDays: r.demotionGraceDays,
  productIds,
  policies: r.policies,
  archivedAt: r.archivedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const statusChangeView = (r: typeof programStatusChanges.$inferSelect): StatusChangeView => ({
  id: r.id,
  fromStatus: r.fromStatus,
  toStatus: r.toStatus,
  reason: r.reason,
  actor: r.actorLabel,
  at: r.at.toISOString(),
});

/** The badge URL carries its hash, so browsers may cache it for good. */
export const badgeUrl = (tierId: string, sha256: string) => `/api/v1/tiers/${tierId}/badge?v=${sha256.slice(0, 16)}`;

export const tierView = (r: TierRow, currency: string, badge: BadgeMeta | null): TierView => {
  const criteria = r.criteria as Criterion[];
  return {
    id: r.id,
    type: 'partner_tier',
    programId: r.programId,
    key: r.key,
    name: r.name,
    rank: r.rank,
    description: r.description,
    invitationOnly: r.invitationOnly,
    criteria,
    requirements: criteria.map((c) => describeCriterion(c, (minor) => formatMoney(minor, currency))),
    badge: badge ? { contentType: badge.contentType, sha256: badge.sha256, url: badgeUrl(r.id, badge.sha256) } : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
};

export const benefitView = (r: BenefitRow): BenefitView => ({
  id: r.id,
  key: r.key as BenefitView['key'],
  name: r.name,
  description: r.description,
  category: r.category as BenefitView['category'],
  valueType: r.valueType as BenefitView['valueType'],
  archivedAt: r.archivedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** A key from a name: "Gold Partner" → "gold-partner". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return slug || 'program';
}
