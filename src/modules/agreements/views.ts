import { inArray } from 'drizzle-orm';
import { sha256 } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { partnerRefs } from '../partners/service.js';
import { programRefs } from '../programs/refs.js';
import type { AcceptanceView, AgreementSummaryView, AgreementView } from './contracts.js';
import { type agreementAcceptances, agreements } from './schema.js';

export type AgreementRow = typeof agreements.$inferSelect;
export type AcceptanceRow = typeof agreementAcceptances.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function summaryView(
  row: AgreementRow,
  facts: { current: boolean; acceptanceCount: number; awaitingCount: number | null },
): AgreementSummaryView {
  return {
    id: row.id,
    programId: row.programId,
    version: row.version,
    title: row.title,
    status: row.publishedAt ? 'published' : 'draft',
    current: facts.current,
    sha256: row.sha256,
    acceptWithinDays: row.acceptWithinDays,
    publishedAt: iso(row.publishedAt),
    reacceptBy: iso(row.reacceptBy),
    acceptanceCount: facts.acceptanceCount,
    awaitingCount: facts.awaitingCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const fullView = (summary: AgreementSummaryView, row: AgreementRow): AgreementView => ({
  ...summary,
  body: row.body,
});

/** What the audit log keeps of a version: everything but the text itself, which its hash stands for. */
export const auditView = (row: AgreementRow) => ({
  id: row.id,
  programId: row.programId,
  version: row.version,
  title: row.title,
  status: row.publishedAt ? 'published' : 'draft',
  acceptWithinDays: row.acceptWithinDays,
  publishedAt: iso(row.publishedAt),
  reacceptBy: iso(row.reacceptBy),
  sha256: row.sha256,
  bodySha256: sha256(row.body),
  bodyBytes: Buffer.byteLength(row.body, 'utf8'),
});

export const verifyUrl = (publicUrl: string, acceptanceId: string) =>
  `${publicUrl.replace(/\/$/, '')}/verify/${acceptanceId}`;

/** Acceptance rows → views, with the version, program and partner looked up in batches in `tx`'s scope. */
export async function acceptanceViews(tx: Tx, rows: AcceptanceRow[], publicUrl: string): Promise<AcceptanceView[]> {
  if (rows.length === 0) return [];
  const agreementIds = [...new Set(rows.map((r) => r.agreementId))];
  const versions = await tx
    .select({ id: agreements.id, version: agreements.version, title: agreements.title })
    .from(agreements)
    .where(inArray(agreements.id, agreementIds));
  const programs = await programRefs(
    tx,
    rows.map((r) => r.programId),
  );
  const partners = await partnerRefs(
    tx,
    rows.map((r) => r.partnerId),
  );

  const byId = new Map(versions.map((v) => [v.id, v]));
  return rows.map((r) => ({
    id: r.id,
    agreementId: r.agreementId,
    version: byId.get(r.agreementId)?.version ?? 0,
    title: byId.get(r.agreementId)?.title ?? '',
    programId: r.programId,
    programName: programs.get(r.programId)?.name ?? '',
    enrollmentId: r.enrollmentId,
    partnerId: r.partnerId,
    partnerName: partners.get(r.partnerId)?.name ?? '',
    userId: r.userId,
    userName: r.userName,
    userEmail: r.userEmail,
    ipAddress: r.ipAddress,
    userAgent: r.userAgent,
    sha256: r.sha256,
    acceptedAt: r.acceptedAt.toISOString(),
    verifyUrl: verifyUrl(publicUrl, r.id),
  }));
}
