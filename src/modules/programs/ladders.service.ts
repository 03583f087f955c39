import { and, asc, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { actorPartnerId } from '../../platform/access/actor.js';
import { requireAccess } from '../../platform/access/require-access.js';
import type { Ctx } from '../../platform/context.js';
import { read } from '../../platform/unit-of-work.js';
import { ENROLLMENT_STATUSES } from '../enrollments/rules/lifecycle.js';
import { enrollmentsOf } from '../enrollments/service.js';
import { matrixOf } from './matrix.service.js';
import { matrixView, programView, tierView } from './contracts.js';
import { PARTNER_VISIBLE_STATUSES } from './rules/program-lifecycle.js';
import { programs } from './schema.js';
import { tiersOf } from './tiers.service.js';

export const ladderView = z
  .object({
    program: programView.pick({
      id: true,
      name: true,
      description: true,
      programType: true,
      currency: true,
      status: true,
    }),
    tiers: z.array(tierView),
    matrix: matrixView,
    enrollment: z
      .object({
        id: z.uuid(),
        status: z.enum(ENROLLMENT_STATUSES),
        tierId: z.uuid().nullable(),
        tierName: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'Ladder' });
export type LadderView = z.infer<typeof ladderView>;

/**
 * The ladders of running programs as a partner sees them: tiers, benefits by tier, and its own enrollment.
 * Vendor staff get the same view (a preview of the portal), without an enrollment.
 */
export async function listLadders(ctx: Ctx): Promise<LadderView[]> {
  requireAccess(ctx.actor, 'ladder.read');
  const partnerId = actorPartnerId(ctx.actor);
  return read(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(programs)
      .where(and(inArray(programs.status, [...PARTNER_VISIBLE_STATUSES]), isNull(programs.archivedAt)))
      .orderBy(asc(programs.name));
    const mine = partnerId ? await enrollmentsOf(tx, partnerId) : [];
    const ladders: LadderView[] = [];
    for (const p of rows) {
      const enrollment = mine.find((e) => e.programId === p.id);
      ladders.push({
        program: {
          id: p.id,
          name: p.name,
          description: p.description,
          programType: p.programType as LadderView['program']['programType'],
          currency: p.currency,
          status: p.status,
        },
        tiers: await tiersOf(tx, p.id, p.currency),
        matrix: await matrixOf(tx, p.id, p.currency),
        enrollment: enrollment
          ? { id: enrollment.id, status: enrollment.status, tierId: enrollment.tierId, tierName: enrollment.tierName }
          : null,
      });
    }
    // enrolled programs first: they are what the partner came for
    return ladders.sort((a, b) => Number(!!b.enrollment) - Number(!!a.enrollment));
  });
}
