import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.js';
import { mailMessages } from '../../platform/mail/schema.js';
import { type Browser, createTestEnv, makePartner, makeUser, signedIn, type TestEnv, unique } from '../../test/app.js';
import { recordFirstDeal } from './service.js';

let env: TestEnv;
let admin: Browser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = (await signedIn(env, 'admin')).browser;
});
afterAll(() => env.close());

type Enrollment = {
  id: string;
  status: string;
  tierName: string | null;
  camName: string | null;
  startDate: string | null;
  renewalDate: string | null;
  approvedAt: string | null;
  activatedAt: string | null;
  daysToFirstDeal: number | null;
};
type Event = { kind: string; from: string | null; to: string | null; reason: string; actor: string };

const fields = (res: { json(): unknown }) =>
  ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

async function mailsTo(to: string) {
  return env.db.run({ kind: 'system' }, (tx) =>
    tx.select().from(mailMessages).where(eq(mailMessages.to, to.toLowerCase())),
  );
}

async function program(status: 'active' | 'planning' = 'active') {
  const res = await admin.request('POST', '/api/v1/programs', {
    name: unique('Lifecycle'),
    programType: 'reseller',
    currency: 'EUR',
  });
  const p = res.json() as { id: string; name: string };
  for (const [name, invitationOnly] of [
    ['Invited', true],
    ['Registered', false],
    ['Gold', false],
  ] as const)
    await admin.request('POST', `/api/v1/programs/${p.id}/tiers`, { name, invitationOnly });
  if (status === 'active')
    await admin.request('POST', `/api/v1/programs/${p.id}/status`, { status: 'active', reason: 'launch' });
  return p;
}

describe('enrollment lifecycle over HTTP', () => {
  it('a channel manager places a partner: approved, then active at once when there is no agreement', async () => {
    const p = await program();
    const partner = (
      await admin.request('POST', '/api/v1/partners', { name: unique('Onboarding co'), status: 'onboarding' })
    ).json() as { id: string };
    const partnerAdmin = await makeUser(env, 'partner_admin', partner.id);
    const res = await admin.request('POST', `/api/v1/programs/${p.id}/enrollments`, { partnerId: partner.id });
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json() as Enrollment;
    // the company's status follows its first active membership
    expect((await admin.request('GET', `/api/v1/partners/${partner.id}`)).json()).toMatchObject({ status: 'active' });
    // the entry tier is the lowest one open to anyone
    expect(e).toMatchObject({ status: 'active', tierName: 'Registered' });
    expect(e.startDate).toBe(new Date().toISOString().slice(0, 10));
    expect(Number(e.renewalDate!.slice(0, 4))).toBe(Number(e.startDate!.slice(0, 4)) + 1);

    const history = (await admin.request('GET', `/api/v1/enrollments/${e.id}/history`)).json() as Event[];
    expect(history.filter((h) => h.kind === 'status').map((h) => [h.from, h.to])).toEqual([
      [null, 'submitted'],
      ['submitted', 'approved'],
      ['approved', 'active'],
    ]);
    expect(history.find((h) => h.to === 'active')!.actor).toBeTruthy();
    const [mail] = await mailsTo(partnerAdmin.email);
    expect(mail).toMatchObject({ template: 'enrollment_approved', subject: `Welcome to ${p.name}` });
    expect(mail!.text).toContain('Your membership is active.');

    const again = await admin.request('POST', `/api/v1/programs/${p.id}/enrollments`, { partnerId: partner.id });
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['partnerId']);
  });

  it('a program that is not running takes no members', async () => {
    const p = await program('planning');
    const partner = await makePartner(env);
    const res = await admin.request('POST', `/api/v1/programs/${p.id}/enrollments`, { partnerId: partner.id });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['programId']);
    const list = (await admin.request('GET', `/api/v1/enrollments?partnerId=${partner.id}`)).json() as unknown[];
    expect(list).toEqual([]);
  });

  it('a partner admin asks to join; the CAM is mailed, rejects with a reason, and rejected is final', async () => {
    const p = await program();
    const { user: cam } = await signedIn(env, 'channel_manager');
    const partner = await makePartner(env);
    await admin.request('PATCH', `/api/v1/partners/${partner.id}`, { camUserId: cam.id });
    const { user: pa, browser: partnerAdmin } = await signedIn(env, 'partner_admin', partner.id);
    const { browser: member } = await signedIn(env, 'partner_member', partner.id);

    expect((await member.request('POST', '/api/v1/enrollments', { programId: p.id })).statusCode).toBe(403);
    const draft = await partnerAdmin.request('POST', '/api/v1/enrollments', { programId: p.id, submit: false });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = (draft.json() as Enrollment).id;
    expect(draft.json()).toMatchObject({ status: 'draft' });
    expect(await mailsTo(cam.email)).toHaveLength(0);

    const submitted = await partnerAdmin.request('POST', `/api/v1/enrollments/${id}/status`, { status: 'submitted' });
    expect(submitted.json()).toMatchObject({ status: 'submitted' });
    const [review] = await mailsTo(cam.email);
    expect(review).toMatchObject({ template: 'enrollment_submitted' });

    // the partner cannot approve itself
    const self = await partnerAdmin.request('POST', `/api/v1/enrollments/${id}/status`, { status: 'approved' });
    expect(self.statusCode).toBe(409);

    const noReason = await admin.request('POST', `/api/v1/enrollments/${id}/status`, { status: 'rejected' });
    expect(noReason.statusCode).toBe(400);
    expect(fields(noReason)).toEqual(['reason']);
    expect((await admin.request('GET', `/api/v1/enrollments/${id}`)).json()).toMatchObject({ status: 'submitted' });

    const rejected = await admin.request('POST', `/api/v1/enrollments/${id}/status`, {
      status: 'rejected',
      reason: 'Outside our territory',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    const rejection = (await mailsTo(pa.email)).find((m) => m.template === 'enrollment_rejected');
    expect(rejection!.text).toContain('Outside our territory');

    const reopen = await admin.request('POST', `/api/v1/enrollments/${id}/status`, { status: 'approved' });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.headers['content-type']).toContain('application/problem+json');
    expect(reopen.json()).toMatchObject({ code: 'invalid_transition' });
  });

  it('suspends with a reason, reinstates, terminates; a partner can be in several programs', async () => {
    const [one, two] = [await program(), await program()];
    const partner = await makePartner(env);
    const { browser: partnerAdmin } = await signedIn(env, 'partner_admin', partner.id);
    const e1 = (
      await admin.request('POST', `/api/v1/programs/${one.id}/enrollments`, { partnerId: partner.id })
    ).json() as Enrollment;
    const applied = await partnerAdmin.request('POST', '/api/v1/enrollments', { programId: two.id });
    const e2 = applied.json() as Enrollment;
    expect(e2.status).toBe('submitted');
    const approved = await admin.request('POST', `/api/v1/enrollments/${e2.id}/status`, { status: 'approved' });
    expect(approved.json()).toMatchObject({ status: 'active', tierName: 'Registered' });

    const mine = (await partnerAdmin.request('GET', '/api/v1/enrollments')).json() as Enrollment[];
    expect(mine.map((e) => e.id).sort()).toEqual([e1.id, e2.id].sort());

    const suspend = (reason?: string) =>
      admin.request('POST', `/api/v1/enrollments/${e1.id}/status`, {
        status: 'suspended',
        ...(reason ? { reason } : {}),
      });
    expect((await suspend()).statusCode).toBe(400);
    expect((await suspend('Unpaid invoices')).json()).toMatchObject({ status: 'suspended' });
    const back = await admin.request('POST', `/api/v1/enrollments/${e1.id}/status`, { status: 'active' });
    expect(back.json()).toMatchObject({ status: 'active' });
    const end = await admin.request('POST', `/api/v1/enrollments/${e1.id}/status`, {
      status: 'terminated',
      reason: 'Left the channel',
    });
    expect(end.json()).toMatchObject({ status: 'terminated' });
    const history = (await partnerAdmin.request('GET', `/api/v1/enrollments/${e1.id}/history`)).json() as Event[];
    expect(history.filter((h) => h.kind === 'status').map((h) => `${h.to}:${h.reason}`)).toEqual([
      'submitted:placed by the vendor',
      'approved:placed by the vendor',
      'active:approved by the vendor and the agreement accepted',
      'suspended:Unpaid invoices',
      'active:',
      'terminated:Left the channel',
    ]);

    const audit = (await admin.request('GET', `/api/v1/audit?objectId=${e1.id}`)).json() as {
      items: { action: string }[];
    };
    expect(audit.items.map((a) => a.action)).toEqual(
      expect.arrayContaining(['enrollment.suspended', 'enrollment.terminated']),
    );
  });

  it('sets CAM and dates with checks, and keeps other partners out', async () => {
    const p = await program();
    const partner = await makePartner(env);
    const other = await makePartner(env);
    const { user: cam } = await signedIn(env, 'channel_manager');
    const e = (
      await admin.request('POST', `/api/v1/programs/${p.id}/enrollments`, { partnerId: partner.id })
    ).json() as Enrollment;

    const ok = await admin.request('PATCH', `/api/v1/enrollments/${e.id}`, {
      camUserId: cam.id,
      startDate: '2026-01-01',
      renewalDate: '2027-01-01',
    });
    expect(ok.json()).toMatchObject({ camName: cam.name, startDate: '2026-01-01', renewalDate: '2027-01-01' });
    const backwards = await admin.request('PATCH', `/api/v1/enrollments/${e.id}`, { renewalDate: '2025-12-31' });
    expect(fields(backwards)).toEqual(['renewalDate']);
    const partnerUser = await makeUser(env, 'partner_admin', partner.id);
    const notStaff = await admin.request('PATCH', `/api/v1/enrollments/${e.id}`, { camUserId: partnerUser.id });
    expect(fields(notStaff)).toEqual(['camUserId']);
    expect((await admin.request('GET', `/api/v1/enrollments?camUserId=${cam.id}`)).json()).toEqual([
      expect.objectContaining({ id: e.id }),
    ]);

    const { browser: stranger } = await signedIn(env, 'partner_admin', other.id);
    for (const [method, url, body] of [
      ['GET', `/api/v1/enrollments/${e.id}`],
      ['GET', `/api/v1/enrollments/${e.id}/history`],
      ['POST', `/api/v1/enrollments/${e.id}/status`, { status: 'submitted' }],
    ] as const)
      expect((await stranger.request(method, url, body)).statusCode, url).toBe(404);
    expect((await stranger.request('GET', '/api/v1/enrollments')).json()).toEqual([]);
    expect(
      (await stranger.request('PATCH', `/api/v1/enrollments/${e.id}`, { startDate: '2026-01-02' })).statusCode,
    ).toBe(403);
  });

  it('records the first deal once and counts the days from approval', async () => {
    const p = await program();
    const partner = await makePartner(env);
    const e = (
      await admin.request('POST', `/api/v1/programs/${p.id}/enrollments`, { partnerId: partner.id })
    ).json() as Enrollment;
    const approved = new Date(e.approvedAt!);
    const first = new Date(approved.getTime() + 12 * 86_400_000 + 3_600_000);
    const ctx = env.ctx(systemActor('deals'));
    await env.db.run({ kind: 'system' }, (tx) =>
      recordFirstDeal(tx, { partnerId: partner.id, programId: p.id, at: first, actorLabel: ctx.actor.label }),
    );
    await env.db.run({ kind: 'system' }, (tx) =>
      recordFirstDeal(tx, { partnerId: partner.id, programId: p.id, at: new Date(), actorLabel: 'deals' }),
    );
    const after = (await admin.request('GET', `/api/v1/enrollments/${e.id}`)).json() as Enrollment & {
      firstDealAt: string;
    };
    expect(after.firstDealAt).toBe(first.toISOString());
    expect(after.daysToFirstDeal).toBe(12);
  });
});
