import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { systemActor } from '../../platform/access/actor.js';
import { PERMISSIONS } from '../../platform/access/permissions.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import { queueTemplatedMail } from '../../platform/mail/templates.js';
import { parseInput } from '../../platform/validation.js';
import { vendorUsersWithRoles } from '../identity/users.service.js';
import { partnersByDomain } from '../partners/service.js';
import {
  type ApplicationReceipt,
  HONEYPOT_FIELD,
  submitApplicationBody,
  type SubmitApplicationInput,
} from './contracts.js';
import { loadForm, takesApplications } from './forms.service.js';
import { applicationReceivedMail, applicationToReviewMail } from './mails.js';
import { companyDomain } from './rules/duplicates.js';
import { scoreApplication } from './rules/eligibility.js';
import { APPLY_LIMITS, waitSeconds } from './rules/rate-limit.js';
import { applications } from './schema.js';
import { applicationViews } from './views.js';

const system = { kind: 'system' } as const;
// every submission takes this lock, so that two at once cannot both slip under the limit
const SUBMIT_LOCK = 'applications:submit';

async function recentTimes(tx: Tx, where: ReturnType<typeof eq>, since: Date, max: number): Promise<Date[]> {
  const rows = await tx
    .select({ at: applications.createdAt })
    .from(applications)
    .where(and(where, gt(applications.createdAt, since)))
    .orderBy(desc(applications.createdAt))
    .limit(max);
  return rows.map((r) => r.at);
}

/** Refuses a submission over the limit of its address or its contact email, saying when to try again. */
async function checkRate(tx: Tx, ip: string, email: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - APPLY_LIMITS.windowMs);
  const wait = Math.max(
    waitSeconds(
      await recentTimes(tx, eq(applications.ipAddress, ip), since, APPLY_LIMITS.perIp),
      APPLY_LIMITS.perIp,
      now,
    ),
    waitSeconds(
      await recentTimes(tx, eq(sql`lower(${applications.contactEmail})`, email), since, APPLY_LIMITS.perEmail),
      APPLY_LIMITS.perEmail,
      now,
    ),
  );
  if (wait > 0)
    throw new AppError('rate_limited', `Too many applications from here; try again in ${wait} seconds`, [], {
      'retry-after': String(wait),
    });
}

/**
 * A prospect applies through a program's public form. Nobody signs in: the write runs as the system (the tables
 * are staff-only). The application is scored against the form's rules, checked against earlier applications
 * and partners of the same domain, and both the applicant and the reviewers are mailed.
 */
export async function submitApplication(
  ctx: Ctx,
  key: string,
  raw: SubmitApplicationInput,
): Promise<ApplicationReceipt> {
  const input = parseInput(submitApplicationBody, raw);
  const email = input.contactEmail.trim().toLowerCase();
  const ip = ctx.ip ?? 'unknown';
  // audited as the public form, never as whoever might be signed in; a shared Idempotency-Key would replay another applicant's receipt
  const asForm: Ctx = { ...ctx, actor: systemActor('public application form'), idempotencyKey: null };
  return ctx.db.run(system, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${SUBMIT_LOCK}))`);
    const { program, form } = await loadForm(tx, { key }, 'Application form');
    if (!takesApplications(program, form)) throw notFound('Application form');
    const receipt = (id: string) => ({
      id,
      message: `Your application to ${program.name} was received; a confirmation is on its way to ${email}.`,
    });
    // a robot filled in the field people never see: it is told what people are told, and nothing is kept
    if (input[HONEYPOT_FIELD]?.trim()) return receipt(randomUUID());
    const now = new Date();
    await checkRate(tx, ip, email, now);
    const scored = scoreApplication(form.rules, input, form.passScore);
    const domain = companyDomain(input.website)!;
    const [earlier] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(eq(applications.domain, domain))
      .orderBy(asc(applications.createdAt), asc(applications.id))
      .limit(1);
    const matched = (await partnersByDomain(tx, [domain])).get(domain) ?? null;
    const [row] = await tx
      .insert(applications)
      .values({
        programId: program.id,
        companyName: input.companyName,
        website: input.website,
        domain,
        country: input.country,
        regions: input.regions,
        partnerTypes: input.partnerTypes,
        industries: input.industries,
        companySize: input.companySize,
        contactName: input.contactName,
        contactEmail: email,
        message: input.message,
        score: scored.score,
        eligible: scored.eligible,
        eligibility: scored.results,
        duplicateOfId: earlier?.id ?? null,
        matchedPartnerId: matched?.id ?? null,
        ipAddress: ip,
        userAgent: (ctx.userAgent ?? '').slice(0, 500),
        createdAt: now,
      })
      .returning();
    const [view] = await applicationViews(tx, [row!]);
    await recordChange(tx, asForm, {
      action: 'application.received',
      objectType: 'application',
      objectId: row!.id,
      partnerId: null,
      before: null,
      after: view!,
    });
    await queueTemplatedMail(tx, applicationReceivedMail, email, {
      name: input.contactName,
      companyName: input.companyName,
      programName: program.name,
      reference: row!.id,
    });
    const notes = [
      earlier ? ' The same domain applied before.' : '',
      matched ? ` ${matched.name} is a partner already.` : '',
    ].join('');
    for (const reviewer of await vendorUsersWithRoles(tx, PERMISSIONS['application.review']))
      await queueTemplatedMail(tx, applicationToReviewMail, reviewer.email, {
        companyName: input.companyName,
        domain,
        programName: program.name,
        score: String(scored.score),
        eligibility: scored.eligible ? 'eligible' : 'not eligible',
        duplicateText: notes,
        link: `${ctx.config.publicUrl}/console/applications/${row!.id}`,
      });
    return receipt(row!.id);
  });
}
