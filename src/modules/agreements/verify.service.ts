import { eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { sha256 } from '../../platform/crypto.js';
import { notFound } from '../../platform/errors.js';
import { partnerRefs } from '../partners/service.js';
import { programRefs } from '../programs/refs.js';
import type { AcceptanceVerification } from './contracts.js';
import { agreementAcceptances, agreements } from './schema.js';

const system = { kind: 'system' } as const;

/**
 * Anyone holding an acceptance id may check it: who accepted which version for which company, when, and
 * whether the stored text still hashes to what was accepted. Never the address, browser or email.
 */
export async function verifyAcceptance(ctx: Ctx, id: string): Promise<AcceptanceVerification> {
  return ctx.db.run(system, async (tx) => {
    const [acceptance] = await tx.select().from(agreementAcceptances).where(eq(agreementAcceptances.id, id));
    if (!acceptance) throw notFound('Acceptance');
    const [agreement] = await tx.select().from(agreements).where(eq(agreements.id, acceptance.agreementId));
    const program = (await programRefs(tx, [acceptance.programId])).get(acceptance.programId);
    const partner = (await partnerRefs(tx, [acceptance.partnerId])).get(acceptance.partnerId);
    return {
      id: acceptance.id,
      programName: program?.name ?? '',
      agreementTitle: agreement!.title,
      agreementVersion: agreement!.version,
      publishedAt: agreement!.publishedAt!.toISOString(),
      partnerName: partner?.name ?? '',
      userName: acceptance.userName,
      acceptedAt: acceptance.acceptedAt.toISOString(),
      sha256: acceptance.sha256,
      textMatches: sha256(agreement!.body) === acceptance.sha256,
    };
  });
}
