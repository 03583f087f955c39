import { and, eq, inArray, isNull, lt, notInArray } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { systemActor } from '../../platform/access/actor.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Database, Tx } from '../../platform/db/database.js';
import type { JobRegistry } from '../../platform/jobs/registry.js';
import { queueTemplatedMail } from '../../platform/mail/templates.js';
import { enrollments } from '../enrollments/schema.js';
import { partnerAdmins, staffRefs } from '../identity/users.service.js';
import { partners } from '../partners/schema.js';
import { programRefs } from '../programs/refs.js';
import { onboardingOverdueMail } from './mails.js';
import { doneStepIds, type OnboardingRow, stepsOf } from './plan.js';
import { needsOverdueNotice } from './rules/progress.js';
import { onboardings } from './schema.js';

export const OVERDUE_JOB = 'onboarding.overdue';
const HOUR_SECONDS = 60 * 60;
const BATCH = 100;
const as = { actor: systemActor('onboarding reminder'), requestId: null };

type Deps = { db: Database; config: Pick<Config, 'publicUrl'> };

/** Mails the partner's admins and its channel account manager about one overdue onboarding. */
async function remind(
  tx: Tx,
  deps: Deps,
  o: OnboardingRow,
  cams: { enrollment: string | null; partner: string | null },
) {
  const [partner] = await tx.select({ name: partners.name }).from(partners).where(eq(partners.id, o.partnerId));
  const program = (await programRefs(tx, [o.programId])).get(o.programId);
  const steps = await stepsOf(tx, o.programId);
  const done = await doneStepIds(tx, o.enrollmentId);
  const remaining = steps.filter((s) => !done.has(s.id));
  const vars = {
    partnerName: partner?.name ?? '',
    programName: program?.name ?? '',
    dueDate: o.dueAt.toISOString().slice(0, 10),
    done: String(steps.length - remaining.length),
    total: String(steps.length),
    remainingSteps: remaining.map((s) => `- ${s.title}`).join('\n'),
  };
  const camId = cams.enrollment ?? cams.partner;
  const cam = camId ? (await staffRefs(tx, [camId])).get(camId) : undefined;
  const partnerLink = `${deps.config.publicUrl}/portal/onboarding`;
  const recipients = new Map((await partnerAdmins(tx, o.partnerId)).map((a) => [a.email.toLowerCase(), partnerLink]));
  if (cam) recipients.set(cam.email.toLowerCase(), `${deps.config.publicUrl}/console/onboarding`);
  for (const [to, link] of recipients) await queueTemplatedMail(tx, onboardingOverdueMail, to, { ...vars, link });
  return [...recipients.keys()];
}

/**
 * Reminds once per onboarding whose due date passed before it was completed. The reminder is stamped in the
 * transaction that queues its mail, and only while unstamped, so a second or concurrent run sends nothing.
 * Returns how many onboardings were reminded.
 */
export async function notifyOverdueOnboardings(deps: Deps, now = new Date()): Promise<number> {
  let reminded = 0;
  for (;;) {
    const batch = await deps.db.run({ kind: 'system' }, async (tx) => {
      const due = await tx
        .select({ o: onboardings, enrollmentCam: enrollments.camUserId, partnerCam: partners.camUserId })
        .from(onboardings)
        .innerJoin(enrollments, eq(enrollments.id, onboardings.enrollmentId))
        .innerJoin(partners, eq(partners.id, onboardings.partnerId))
        .where(
          and(
            isNull(onboardings.completedAt),
            isNull(onboardings.overdueNotifiedAt),
            lt(onboardings.dueAt, now),
            notInArray(enrollments.status, ['rejected', 'suspended', 'terminated']),
          ),
        )
        .limit(BATCH)
        .for('update', { of: onboardings, skipLocked: true });
      if (due.length === 0) return { found: 0, stamped: 0 };
      const ids = due.filter((d) => needsOverdueNotice(d.o, now)).map((d) => d.o.enrollmentId);
      const stamped = new Set(
        (
          await tx
            .update(onboardings)
            .set({ overdueNotifiedAt: now })
            .where(and(inArray(onboardings.enrollmentId, ids), isNull(onboardings.overdueNotifiedAt)))
            .returning({ id: onboardings.enrollmentId })
        ).map((r) => r.id),
      );
      for (const d of due.filter((x) => stamped.has(x.o.enrollmentId))) {
        const to = await remind(tx, deps, d.o, { enrollment: d.enrollmentCam, partner: d.partnerCam });
        // the audit says how many were told, not who: partners read their own audit entries
        await recordChange(tx, as, {
          action: 'onboarding.overdue',
          objectType: 'onboarding',
          objectId: d.o.enrollmentId,
          partnerId: d.o.partnerId,
          before: null,
          after: {
            enrollmentId: d.o.enrollmentId,
            programId: d.o.programId,
            dueAt: d.o.dueAt.toISOString(),
            mailed: to.length,
          },
        });
      }
      return { found: due.length, stamped: stamped.size };
    });
    reminded += batch.stamped;
    if (batch.found < BATCH) return reminded;
  }
}

/** The hourly check for overdue onboardings; the app calls this once on the registry it builds. */
export function registerOnboardingJobs(registry: JobRegistry, deps: Deps): void {
  registry.handle(OVERDUE_JOB, async (_job, { log }) => {
    const reminded = await notifyOverdueOnboardings(deps);
    if (reminded) log.info({ reminded }, 'Reminded overdue onboardings');
  });
  registry.schedule(OVERDUE_JOB, HOUR_SECONDS, OVERDUE_JOB);
}
