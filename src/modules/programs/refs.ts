import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { benefits, benefitValues, programs, programTiers } from './schema.js';

const distinct = (ids: (string | null)[]) => [...new Set(ids.filter((x): x is string => x !== null))];

/** For other modules: programs by id, read in the caller's transaction (and scope). */
export async function programRefs(tx: Tx, ids: (string | null)[]) {
  const wanted = distinct(ids);
  if (wanted.length === 0) return new Map<string, { id: string; name: string; currency: string; status: string }>();
  const rows = await tx
    .select({ id: programs.id, name: programs.name, currency: programs.currency, status: programs.status })
    .from(programs)
    .where(inArray(programs.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

/** For other modules: tiers by id with their program and rank. */
export async function tierRefs(tx: Tx, ids: (string | null)[]) {
  const wanted = distinct(ids);
  if (wanted.length === 0) return new Map<string, { id: string; name: string; programId: string; rank: number }>();
  const rows = await tx
    .select({
      id: programTiers.id,
      name: programTiers.name,
      programId: programTiers.programId,
      rank: programTiers.rank,
    })
    .from(programTiers)
    .where(inArray(programTiers.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

/** For enrollments: the tier a newly approved partner starts at — the lowest rank open to anyone. */
export async function entryTier(tx: Tx, programId: string): Promise<{ id: string; name: string } | null> {
  const [row] = await tx
    .select({ id: programTiers.id, name: programTiers.name })
    .from(programTiers)
    .where(and(eq(programTiers.programId, programId), eq(programTiers.invitationOnly, false)))
    .orderBy(asc(programTiers.rank))
    .limit(1);
  return row ?? null;
}

/** For other modules: what a program shows the public (its key, name, description) and whether it runs, by id or key. */
export async function programCard(tx: Tx, where: { id: string } | { key: string }) {
  const [row] = await tx
    .select({
      id: programs.id,
      key: programs.key,
      name: programs.name,
      description: programs.description,
      status: programs.status,
      archived: sql<boolean>`${programs.archivedAt} is not null`,
    })
    .from(programs)
    .where('id' in where ? eq(programs.id, where.id) : eq(programs.key, where.key));
  return row ?? null;
}

/** For other modules: a tier's whole-number value of a well-known benefit (e.g. `deal_protection_days`), if set. */
export async function tierBenefitNumber(tx: Tx, tierId: string, benefitKey: string): Promise<number | null> {
  const [row] = await tx
    .select({ value: benefitValues.value })
    .from(benefitValues)
    .innerJoin(benefits, eq(benefits.id, benefitValues.benefitId))
    .where(and(eq(benefitValues.tierId, tierId), eq(benefits.key, benefitKey)));
  return typeof row?.value === 'number' ? row.value : null;
}
