import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { agreementAcceptances, agreements } from './schema.js';
import type { AgreementRow } from './views.js';

const publishedIn = (programId: string) => and(eq(agreements.programId, programId), isNotNull(agreements.publishedAt));

/** For other modules (enrollments): the program's current agreement and whether an enrollment accepted it. */
export async function currentAgreement(
  tx: Tx,
  programId: string,
): Promise<{ id: string; version: number; title: string; reacceptBy: Date | null } | null> {
  const [row] = await tx
    .select({
      id: agreements.id,
      version: agreements.version,
      title: agreements.title,
      reacceptBy: agreements.reacceptBy,
    })
    .from(agreements)
    .where(publishedIn(programId))
    .orderBy(desc(agreements.version))
    .limit(1);
  return row ?? null;
}

/** The program's current version with its text, as the caller's scope sees it. */
export async function currentVersion(tx: Tx, programId: string): Promise<AgreementRow | null> {
  const [row] = await tx
    .select()
    .from(agreements)
    .where(publishedIn(programId))
    .orderBy(desc(agreements.version))
    .limit(1);
  return row ?? null;
}

/** True when there is nothing to accept (no published agreement) or the enrollment accepted the current one. */
export async function hasAcceptedCurrent(tx: Tx, programId: string, enrollmentId: string): Promise<boolean> {
  const current = await currentAgreement(tx, programId);
  if (!current) return true;
  const [row] = await tx
    .select({ id: agreementAcceptances.id })
    .from(agreementAcceptances)
    .where(and(eq(agreementAcceptances.agreementId, current.id), eq(agreementAcceptances.enrollmentId, enrollmentId)));
  return Boolean(row);
}
