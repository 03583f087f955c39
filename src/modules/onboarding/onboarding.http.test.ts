import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.js';
import { auditLog } from '../../platform/audit/schema.js';
import { JobRegistry } from '../../platform/jobs/registry.js';
import { mailMessages } from '../../platform/mail/schema.js';
import { type Browser, createTestEnv, makePartner, makeUser, signedIn, type TestEnv } from '../../test/app.js';
import { enrollments } from '../enrollments/schema.js';
import { enrollPartner } from '../enrollments/service.js';
import { updatePartner } from '../partners/service.js';
import { createProgram, transitionProgram } from '../programs/programs.service.js';
import type { ChecklistView, OnboardingView, PlanView } from './contracts.js';
import { ALREADY_DONE, recordOnboardingEvent, startOnboarding } from './events.js';
import { notifyOverdueOnboardings, OVERDUE_JOB, registerOnboardingJobs } from './overdue.js';
import { onboardings } from './schema.js';

let env: TestEnv;
let admin: Browser;
const sys = () => env.ctx(systemActor('test'));
const DAY = 24 * 60 * 60 * 1000;

const fields = (res: { json(): unknown }) =>
  ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

async function activeProgram(name: string) {
  const p = await createProgram(sys(), { name, programType: 'reseller', currency: 'EUR' });
  await transitionProgram(sys(), p.id, { status: 'active', reason: 'test' });
  return p;
}

async function enroll(programId: string, partnerId: string) {
  const e = await enrollPartner(sys(), programId, { partnerId });
  await env.db.run({ kind: 'vendor' }, (tx) => startOnboarding(tx, { enrollmentId: e.id, partnerId, programId }));
  return e.id;
}

const checklist = async (b: Browser, enrollmentId: string) => {
  const res = await b.request('GET', `/api/v1/enrollments/${enrollmentId}/onboarding`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ChecklistView;
};
const stepOf = (c: ChecklistView, key: string) => c.steps.find((s) => s.key === key)!;
const audited = async (objectId: string, action: string) =>
  (
    await env.db.owner
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, objectId), eq(auditLog.action, action)))
  ).length;
const done = (c: ChecklistView) => c.steps.filter((s) => s.done).map((s) => s.key);

const COMPLETE_PROFILE = {
  legalName: 'Acme Networks GmbH',
  website: 'https://acme.example',
  country: 'DE',
  regions: ['europe' as const],
  industries: ['Manufacturing'],
  companySize: '51-200' as const,
};

beforeAll(async () => {
  env = await createTestEnv();
  admin = (await signedIn(env, 'admin')).browser;
});
afterAll(() => env.close());

describe('starting an onboarding', () => {
  it('saves the built-in plan the first time, sets the due date and is idempotent', async () => {
    const program = await activeProgram('Starter');
    const before = (await admin.request('GET', `/api/v1/programs/${program.id}/onboarding`)).json() as PlanView;
    expect(before).toMatchObject({ days: 90, custom: false });
    expect(before.steps.map((s) => s.key)).toEqual([
      'accept_agreement',
      'complete_profile',
      'invite_team',
      'sales_training',
      'first_deal',
    ]);

    const partner = await makePartner(env);
    const enrollmentId = await enroll(program.id, partner.id);
    const after = (await admin.request('GET', `/api/v1/programs/${program.id}/onboarding`)).json() as PlanView;
    expect(after).toEqual({ ...before, custom: true });

    const c = await checklist(admin, enrollmentId);
    expect(c).toMatchObject({ status: 'open', done: 0, total: 5, percent: 0, daysLeft: 90, completedAt: null });
    expect(new Date(c.dueAt).getTime() - new Date(c.startedAt).getTime()).toBe(90 * DAY);
    expect(c.steps.every((s) => !s.done && s.canTick)).toBe(true);

    // a second start (a retried approval) changes nothing
    await env.db.run({ kind: 'vendor' }, (tx) =>
      startOnboarding(tx, { enrollmentId, partnerId: partner.id, programId: program.id }),
    );
    expect((await checklist(admin, enrollmentId)).startedAt).toBe(c.startedAt);
    expect(await audited(enrollmentId, 'onboarding.started')).toBe(1);
  });

  it('ticks at once what happened before: a complete profile, a second person in the team', async () => {
    const program = await activeProgram('Ready');
    const partner = await makePartner(env);
    await updatePartner(sys(), partner.id, { ...COMPLETE_PROFILE, partnerTypes: ['reseller'] });
    await makeUser(env, 'partner_admin', partner.id);
    await makeUser(env, 'partner_member', partner.id);
    const c = await checklist(admin, await enroll(program.id, partner.id));
    expect(done(c)).toEqual(['complete_profile', 'invite_team']);
    expect(stepOf(c, 'complete_profile').doneBy).toBe(ALREADY_DONE);
    expect(c).toMatchObject({ done: 2, total: 5, percent: 40 });
  });
});

describe('events tick steps', () => {
  it('profile, team, agreement and first deal tick themselves; the last step completes the onboarding', async () => {
    const one = await activeProgram('Events one');
    const two = await activeProgram('Events two');
    const partner = await makePartner(env);
    const { browser: partnerAdmin, user } = await signedIn(env, 'partner_admin', partner.id);
    const first = await enroll(one.id, partner.id);
    const second = await enroll(two.id, partner.id);

    // the vendor sets the partner types; the profile is complete when the partner admin fills in the rest
    await admin.request('PATCH', `/api/v1/partners/${partner.id}`, { partnerTypes: ['msp'] });
    expect(done(await checklist(partnerAdmin, first))).toEqual([]);
    const patched = await partnerAdmin.request('PATCH', `/api/v1/partners/${partner.id}`, COMPLETE_PROFILE);
    expect(patched.statusCode, patched.body).toBe(200);
    const afterProfile = await checklist(partnerAdmin, first);
    expect(done(afterProfile)).toEqual(['complete_profile']);
    expect(stepOf(afterProfile, 'complete_profile').doneBy).toBe(`${user.name} <${user.email}>`);
    expect(done(await checklist(partnerAdmin, second))).toEqual(['complete_profile']);

    const invited = await partnerAdmin.request('POST', '/api/v1/invitations', {
      email: `colleague-${Date.now()}@example.com`,
      role: 'partner_member',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(done(await checklist(partnerAdmin, first))).toEqual(['complete_profile', 'invite_team']);

    // an agreement is accepted in one program only
    await env.db.run({ kind: 'partner', partnerId: partner.id }, (tx) =>
      recordOnboardingEvent(tx, {
        partnerId: partner.id,
        event: 'agreement_accepted',
        programId: one.id,
        actorLabel: 'Partner admin',
      }),
    );
    expect(done(await checklist(partnerAdmin, first))).toContain('accept_agreement');
    expect(done(await checklist(partnerAdmin, second))).not.toContain('accept_agreement');

    // training: the vendor ticks it while no learning module reports it
    const training = stepOf(await checklist(admin, first), 'sales_training');
    const ticked = await admin.request('POST', `/api/v1/enrollments/${first}/onboarding/steps/${training.id}/done`);
    expect(ticked.statusCode, ticked.body).toBe(200);
    expect((ticked.json() as ChecklistView).status).toBe('open');

    await env.db.run({ kind: 'vendor' }, (tx) =>
      recordOnboardingEvent(tx, { partnerId: partner.id, event: 'first_deal_registered', actorLabel: 'deals' }),
    );
    const finished = await checklist(partnerAdmin, first);
    expect(finished).toMatchObject({ status: 'completed', done: 5, total: 5, percent: 100, daysToFirstDeal: 0 });
    expect(finished.firstDealAt).not.toBeNull();
    expect(finished.completedAt).not.toBeNull();

    // events after completion leave a completed onboarding as it is
    await env.db.run({ kind: 'vendor' }, (tx) =>
      recordOnboardingEvent(tx, { partnerId: partner.id, event: 'first_deal_registered', actorLabel: 'again' }),
    );
    expect((await checklist(partnerAdmin, first)).completedAt).toBe(finished.completedAt);
    expect(await audited(first, 'onboarding.completed')).toBe(1);
  });

  it('inviting a partner’s first admin is not yet inviting a team', async () => {
    const program = await activeProgram('First admin');
    const partner = await makePartner(env);
    const enrollmentId = await enroll(program.id, partner.id);
    const first = await admin.request('POST', '/api/v1/invitations', {
      email: `first-${Date.now()}@example.com`,
      role: 'partner_admin',
      partnerId: partner.id,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(done(await checklist(admin, enrollmentId))).toEqual([]);
    await admin.request('POST', '/api/v1/invitations', {
      email: `second-${Date.now()}@example.com`,
      role: 'partner_member',
      partnerId: partner.id,
    });
    expect(done(await checklist(admin, enrollmentId))).toEqual(['invite_team']);
  });

  it('uses the deal date the enrollment records for time to first deal', async () => {
    const program = await activeProgram('Deal date');
    const partner = await makePartner(env);
    const enrollmentId = await enroll(program.id, partner.id);
    const approved = new Date(Date.now() - 20 * DAY);
    await env.db.owner
      .update(enrollments)
      .set({ approvedAt: approved, firstDealAt: new Date(approved.getTime() + 12 * DAY + 3600_000) })
      .where(eq(enrollments.id, enrollmentId));
    expect((await checklist(admin, enrollmentId)).daysToFirstDeal).toBe(12);
  });
});

describe('ticking by hand', () => {
  let program: { id: string };
  let a: { id: string };
  let enrollmentA: string;
  let partnerA: Browser;
  let memberA: Browser;
  let partnerB: Browser;
  let viewer: Browser;

  beforeAll(async () => {
    program = await activeProgram('Manual');
    a = await makePartner(env);
    const b = await makePartner(env);
    enrollmentA = await enroll(program.id, a.id);
    await enroll(program.id, b.id);
    partnerA = (await signedIn(env, 'partner_admin', a.id)).browser;
    memberA = (await signedIn(env, 'partner_member', a.id)).browser;
    partnerB = (await signedIn(env, 'partner_admin', b.id)).browser;
    viewer = (await signedIn(env, 'viewer')).browser;
    const put = await admin.request('PUT', `/api/v1/programs/${program.id}/onboarding`, {
      days: 60,
      steps: [
        { key: 'kickoff', title: 'Hold the kickoff call', event: null },
        { key: 'sales_training', title: 'Finish the sales training', event: 'training_completed' },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
  });

  const url = (enrollmentId: string, stepId: string) =>
    `/api/v1/enrollments/${enrollmentId}/onboarding/steps/${stepId}/done`;

  it('partners tick and untick only steps without an event; vendor staff any; viewers none', async () => {
    const c = await checklist(partnerA, enrollmentA);
    const kickoff = stepOf(c, 'kickoff');
    const training = stepOf(c, 'sales_training');
    expect([kickoff.canTick, training.canTick]).toEqual([true, false]);
    expect((await checklist(viewer, enrollmentA)).steps.map((s) => s.canTick)).toEqual([false, false]);

    const refused = await partnerA.request('POST', url(enrollmentA, training.id));
    expect(refused.statusCode).toBe(403);
    expect((await viewer.request('POST', url(enrollmentA, kickoff.id))).statusCode).toBe(403);

    const ticked = await memberA.request('POST', url(enrollmentA, kickoff.id));
    expect(ticked.statusCode, ticked.body).toBe(200);
    expect(stepOf(ticked.json() as ChecklistView, 'kickoff')).toMatchObject({ done: true });
    // ticking twice keeps the first tick
    const again = (await partnerA.request('POST', url(enrollmentA, kickoff.id))).json() as ChecklistView;
    expect(stepOf(again, 'kickoff').doneBy).toBe(stepOf(ticked.json() as ChecklistView, 'kickoff').doneBy);

    const completed = (await admin.request('POST', url(enrollmentA, training.id))).json() as ChecklistView;
    expect(completed.status).toBe('completed');
    // undoing a step reopens the onboarding
    const undone = await partnerA.request('DELETE', url(enrollmentA, kickoff.id));
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ status: 'open', done: 1, completedAt: null });
    expect((await partnerA.request('DELETE', url(enrollmentA, training.id))).statusCode).toBe(403);
  });

  it('another partner’s enrollment is not found, and a step of another program neither', async () => {
    const kickoff = stepOf(await checklist(admin, enrollmentA), 'kickoff');
    for (const [method, path] of [
      ['GET', `/api/v1/enrollments/${enrollmentA}/onboarding`],
      ['POST', url(enrollmentA, kickoff.id)],
      ['DELETE', url(enrollmentA, kickoff.id)],
    ] as const) {
      expect((await partnerB.request(method, path)).statusCode, `${method} ${path}`).toBe(404);
    }
    const other = await activeProgram('Other');
    const otherEnrollment = await enroll(other.id, a.id);
    expect((await admin.request('POST', url(otherEnrollment, kickoff.id))).statusCode).toBe(404);
    expect((await admin.request('GET', `/api/v1/enrollments/${crypto.randomUUID()}/onboarding`)).statusCode).toBe(404);
  });
});

describe('the program’s checklist', () => {
  it('replaces the steps, keeps the ticks of steps whose key stays, and names bad fields', async () => {
    const program = await activeProgram('Editable');
    const partner = await makePartner(env);
    const enrollmentId = await enroll(program.id, partner.id);
    const c = await checklist(admin, enrollmentId);
    const byKey = (key: string) => stepOf(c, key);
    await admin.request(
      'POST',
      `/api/v1/enrollments/${enrollmentId}/onboarding/steps/${byKey('sales_training').id}/done`,
    );
    await admin.request('POST', `/api/v1/enrollments/${enrollmentId}/onboarding/steps/${byKey('first_deal').id}/done`);

    const put = await admin.request('PUT', `/api/v1/programs/${program.id}/onboarding`, {
      days: 30,
      steps: [
        { key: 'sales_training', title: 'Sales training (renamed)', event: 'training_completed' },
        { key: 'demo', title: 'Run a demo', description: 'With a customer' },
        { key: 'accept_agreement', title: 'Accept the agreement', event: 'agreement_accepted' },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      days: 30,
      custom: true,
      steps: [
        { key: 'sales_training', title: 'Sales training (renamed)', event: 'training_completed' },
        { key: 'demo', title: 'Run a demo', description: 'With a customer', event: null },
        { key: 'accept_agreement', event: 'agreement_accepted' },
      ],
    });
    const after = await checklist(admin, enrollmentId);
    expect(after.steps.map((s) => [s.key, s.done])).toEqual([
      ['sales_training', true],
      ['demo', false],
      ['accept_agreement', false],
    ]);
    expect(stepOf(after, 'sales_training').id).toBe(byKey('sales_training').id);
    // the due date promised at the start stays
    expect(after.dueAt).toBe(c.dueAt);

    const bad = await admin.request('PUT', `/api/v1/programs/${program.id}/onboarding`, {
      days: 0,
      steps: [
        { key: 'a', title: 'A' },
        { key: 'a', title: 'Again' },
        { key: 'c', title: '  ' },
        { key: 'Not A Key', title: 'D', event: 'lunch' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['days', 'steps.1.key', 'steps.2.title', 'steps.3.event', 'steps.3.key']);
    const empty = await admin.request('PUT', `/api/v1/programs/${program.id}/onboarding`, { days: 10, steps: [] });
    expect(fields(empty)).toEqual(['steps']);
    expect(((await admin.request('GET', `/api/v1/programs/${program.id}/onboarding`)).json() as PlanView).days).toBe(
      30,
    );

    const partnerAdmin = (await signedIn(env, 'partner_admin', partner.id)).browser;
    const viewer = (await signedIn(env, 'viewer')).browser;
    for (const b of [partnerAdmin, viewer]) {
      const res = await b.request('PUT', `/api/v1/programs/${program.id}/onboarding`, {
        days: 10,
        steps: [{ key: 'x', title: 'X' }],
      });
      expect(res.statusCode).toBe(403);
    }
    expect((await admin.request('GET', `/api/v1/programs/${crypto.randomUUID()}/onboarding`)).statusCode).toBe(404);
  });

  it('removing the last open steps completes the onboardings that had done the rest', async () => {
    const program = await activeProgram('Shrinking');
    const partner = await makePartner(env);
    const enrollmentId = await enroll(program.id, partner.id);
    const training = stepOf(await checklist(admin, enrollmentId), 'sales_training');
    await admin.request('POST', `/api/v1/enrollments/${enrollmentId}/onboarding/steps/${training.id}/done`);
    await admin.request('PUT', `/api/v1/programs/${program.id}/onboarding`, {
      days: 90,
      steps: [{ key: 'sales_training', title: 'Sales training', event: 'training_completed' }],
    });
    expect((await checklist(admin, enrollmentId)).status).toBe('completed');
  });
});

describe('the list of onboardings', () => {
  it('puts overdue first, filters by program, CAM and status, pages, and shows a partner only its own', async () => {
    const { user: cam } = await signedIn(env, 'channel_manager');
    const program = await activeProgram('Listed');
    const p1 = await makePartner(env, 'Late Ltd');
    const p2 = await makePartner(env, 'Soon Ltd');
    const p3 = await makePartner(env, 'Later Ltd');
    const p4 = await makePartner(env, 'Done Ltd');
    await updatePartner(sys(), p2.id, { camUserId: cam.id });
    const [late, soon, later, finished] = [
      await enroll(program.id, p1.id),
      await enroll(program.id, p2.id),
      await enroll(program.id, p3.id),
      await enroll(program.id, p4.id),
    ];
    const setDue = (id: string, days: number, completed = false) =>
      env.db.owner
        .update(onboardings)
        .set({ dueAt: new Date(Date.now() + days * DAY), completedAt: completed ? new Date() : null })
        .where(eq(onboardings.enrollmentId, id));
    await setDue(late, -3);
    await setDue(soon, 5);
    await setDue(later, 40);
    await setDue(finished, -10, true);
    await env.db.owner.update(enrollments).set({ camUserId: cam.id }).where(eq(enrollments.id, later));

    const list = async (b: Browser, query: string) => {
      const res = await b.request('GET', `/api/v1/onboardings?programId=${program.id}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: OnboardingView[]; nextCursor: string | null };
    };
    const all = await list(admin, '');
    expect(all.items.map((o) => o.partnerName)).toEqual(['Late Ltd', 'Soon Ltd', 'Later Ltd']);
    expect(all.items[0]).toMatchObject({ status: 'overdue', daysOverdue: 3, daysLeft: null, programName: 'Listed' });
    expect(all.items[1]).toMatchObject({ status: 'open', daysLeft: 5, camName: cam.name });

    expect((await list(admin, 'status=completed')).items.map((o) => o.partnerName)).toEqual(['Done Ltd']);
    expect((await list(admin, 'status=overdue')).items.map((o) => o.partnerName)).toEqual(['Late Ltd']);
    expect((await list(admin, 'status=open')).items.map((o) => o.partnerName)).toEqual(['Soon Ltd', 'Later Ltd']);
    // the partner's CAM or the enrollment's
    expect((await list(admin, `camUserId=${cam.id}`)).items.map((o) => o.partnerName)).toEqual([
      'Soon Ltd',
      'Later Ltd',
    ]);

    const paged: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await list(admin, `limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.items.map((o) => o.partnerName));
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(['Late Ltd', 'Soon Ltd', 'Later Ltd']);
    expect((await admin.request('GET', '/api/v1/onboardings?cursor=nonsense')).statusCode).toBe(400);

    const partner = (await signedIn(env, 'partner_member', p4.id)).browser;
    const own = await partner.request('GET', `/api/v1/onboardings?partnerId=${p1.id}`);
    expect((own.json() as { items: OnboardingView[] }).items.map((o) => o.partnerName)).toEqual(['Done Ltd']);
  });
});

describe('the overdue reminder', () => {
  it('mails the partner admins and the CAM once, however often the job runs', async () => {
    const { user: cam } = await signedIn(env, 'channel_manager');
    const program = await activeProgram('Reminded');
    const partner = await makePartner(env, 'Slow Co');
    await updatePartner(sys(), partner.id, { camUserId: cam.id });
    const partnerAdmin = await makeUser(env, 'partner_admin', partner.id);
    await makeUser(env, 'partner_member', partner.id);
    const enrollmentId = await enroll(program.id, partner.id);
    const onTime = await enroll(program.id, (await makePartner(env)).id);
    await env.db.owner
      .update(onboardings)
      .set({ dueAt: new Date(Date.now() - DAY) })
      .where(eq(onboardings.enrollmentId, enrollmentId));

    const deps = { db: env.db, config: env.config };
    expect(await notifyOverdueOnboardings(deps)).toBeGreaterThanOrEqual(1);
    expect(await notifyOverdueOnboardings(deps)).toBe(0);
    // the scheduled job runs the same check: again nothing to send
    const registry = new JobRegistry();
    registerOnboardingJobs(registry, deps);
    expect(registry.schedules).toContainEqual({ name: OVERDUE_JOB, everySeconds: 3600, jobKind: OVERDUE_JOB });
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    await registry.handlerOf(OVERDUE_JOB)!(
      { id: 'j', kind: OVERDUE_JOB, payload: {}, attempts: 1, maxAttempts: 5 },
      { db: env.db, instanceId: 'test', log },
    );

    const mails = await env.db.owner.select().from(mailMessages).where(eq(mailMessages.template, 'onboarding_overdue'));
    const mine = mails.filter((m) => m.subject.includes('Slow Co'));
    expect(mine.map((m) => m.to).sort()).toEqual([cam.email, partnerAdmin.email].map((e) => e.toLowerCase()).sort());
    expect(mine[0]!.subject).toBe('Onboarding in Reminded is overdue for Slow Co');
    expect(mine.find((m) => m.to === partnerAdmin.email.toLowerCase())!.text).toContain(
      'http://trellis.test/portal/onboarding',
    );
    expect(mine[0]!.text).toContain('- Finish the sales training');
    const [row] = await env.db.owner.select().from(onboardings).where(eq(onboardings.enrollmentId, enrollmentId));
    expect(row!.overdueNotifiedAt).not.toBeNull();
    const [other] = await env.db.owner.select().from(onboardings).where(eq(onboardings.enrollmentId, onTime));
    expect(other!.overdueNotifiedAt).toBeNull();
  });
});
