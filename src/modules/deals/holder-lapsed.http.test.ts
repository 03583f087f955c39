import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRegistry } from '../../platform/jobs/registry.js';
import { type Browser, createTestEnv, signedIn, type TestEnv } from '../../test/app.js';
import { dealBody, dealPartner, dealProgram, mailsTo, randomCustomer, runDealEventJob } from '../../test/deals.js';
import { NOTIFY_HOLDER_LAPSED_JOB, notifyHolderLapsed } from './holder-lapsed.js';
import { NOTIFY_REVIEWER_JOB, registerDealJobs, runProtection } from './jobs.js';

let env: TestEnv;
let admin: Browser;
let adminEmail: string;
beforeAll(async () => {
  env = await createTestEnv();
  const signed = await signedIn(env, 'admin');
  admin = signed.browser;
  adminEmail = signed.user.email;
});
afterAll(() => env.close());

type Deal = {
  id: string;
  reference: string;
  customerName: string;
  programName: string;
  status: string;
  protectedUntil: string | null;
  holderLapsed?: boolean;
};
type Page = { items: Deal[] };
const TEMPLATE = 'deal_conflict_holder_lapsed';

async function register(who: Browser, body: object) {
  const res = await who.request('POST', '/api/v1/deals', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Deal;
}

const get = async (who: Browser, id: string) => {
  const res = await who.request('GET', `/api/v1/deals/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res;
};

/** The mails of this feature `to` got about `deal`. */
const lapsedMails = async (to: string, deal: Deal) =>
  (await mailsTo(env, to)).filter((m) => m.template === TEMPLATE && m.subject.includes(deal.reference));

/** Runs the outbox job on every final-status event of `dealId`, as the runner would hand each over. */
async function runJobs(dealId: string) {
  for (const status of ['rejected', 'withdrawn', 'expired', 'won', 'lost'])
    await runDealEventJob(env, notifyHolderLapsed, dealId, `deal.${status}`);
}

/**
 * A program whose waiting side (partner B) has its own channel manager: a holds the customer, b's later
 * registration of it is a conflict.
 */
async function setUp() {
  const p = await dealProgram(admin);
  const cam = await signedIn(env, 'channel_manager');
  const a = await dealPartner(env, admin, p.id);
  const b = await dealPartner(env, admin, p.id);
  await admin.request('PATCH', `/api/v1/partners/${b.partner.id}`, { camUserId: cam.user.id });
  return { p, cam, a, b };
}

/** What the partner of a waiting registration reads of it stays as it was: no flag, no hint. */
async function expectPartnerSeesNothing(b: Browser, deal: Deal) {
  const page = await get(b, deal.id);
  expect(page.json()).not.toHaveProperty('holderLapsed');
  expect(page.body).not.toMatch(/lapsed/i);
  const list = await b.request('GET', '/api/v1/deals');
  const item = (list.json() as Page).items.find((d) => d.id === deal.id);
  expect(item).toBeDefined();
  expect(item).not.toHaveProperty('holderLapsed');
  expect(list.body).not.toMatch(/lapsed/i);
}

describe('a conflict whose holder is no longer active', () => {
  it('the job listens to every final status, beside the reviewer mails', () => {
    const registry = new JobRegistry();
    registerDealJobs(registry, env);
    for (const status of ['rejected', 'withdrawn', 'expired'])
      expect(registry.subscribersOf(`deal.${status}`)).toEqual([NOTIFY_HOLDER_LAPSED_JOB]);
    for (const status of ['won', 'lost'])
      expect(registry.subscribersOf(`deal.${status}`)).toEqual([NOTIFY_REVIEWER_JOB, NOTIFY_HOLDER_LAPSED_JOB]);
  });

  it.each([
    ['withdrawn by its partner', 'withdrawn', 'withdrawn'],
    ['rejected by the channel team', 'rejected', 'rejected'],
    ['expired by the protection job', 'expired', 'expired'],
    ['closed lost by its partner', 'lost', 'closed lost'],
    ['closed won by the channel team', 'won', 'closed won'],
  ])(
    'holder %s: the CAM of the waiting one is mailed, the vendor sees it marked, its partner nothing',
    async (_l, status, said) => {
      const { p, cam, a, b } = await setUp();
      const c = randomCustomer();
      let holder = await register(a.browser, dealBody(p.id, c));
      if (['expired', 'lost', 'won'].includes(status))
        holder = (await admin.request('POST', `/api/v1/deals/${holder.id}/approve`, {})).json() as Deal;
      const later = await register(b.browser, dealBody(p.id, c));
      expect(later.status).toBe('conflict');
      const queued = async () =>
        ((await cam.browser.request('GET', '/api/v1/deals/queue')).json() as Page).items.find((d) => d.id === later.id);
      expect(await queued()).toMatchObject({ holderLapsed: false });
      await expectPartnerSeesNothing(b.browser, later);

      const moves: Record<string, () => Promise<unknown>> = {
        withdrawn: () => a.browser.request('POST', `/api/v1/deals/${holder.id}/withdraw`, {}),
        rejected: () => admin.request('POST', `/api/v1/deals/${holder.id}/reject`, { reason: 'Not a fit' }),
        expired: () => runProtection(env, new Date(new Date(holder.protectedUntil!).getTime() + 1000)),
        lost: () =>
          a.browser.request('POST', `/api/v1/deals/${holder.id}/close`, { outcome: 'lost', reason: 'Budget' }),
        won: () =>
          admin.request('POST', `/api/v1/deals/${holder.id}/close`, {
            outcome: 'won',
            amount: 4_800_000,
            closeDate: '2026-12-15',
          }),
      };
      await moves[status]!();
      expect((await get(admin, holder.id)).json()).toMatchObject({ status, holderLapsed: false });
      // nothing is mailed in the mover's transaction: a partner's scope may not read what collided with its deal
      expect(await lapsedMails(cam.user.email, later)).toEqual([]);

      await runJobs(holder.id);
      const mails = await lapsedMails(cam.user.email, later);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe(`Conflict can be resolved: ${later.customerName} (${later.reference})`);
      expect(mails[0]!.text).toContain(
        `${b.partner.name} registered ${later.customerName} (${later.reference}) in ${later.programName}; it waits for review as a conflict.`,
      );
      expect(mails[0]!.text).toContain(`What it collided with is no longer active: ${holder.reference} (${said}).`);
      expect(mails[0]!.text).toContain(`http://trellis.test/console/deals/${later.id}`);
      // the CAM reviews it: not the admins, and never a partner
      for (const to of [adminEmail, a.user.email, b.user.email]) expect(await lapsedMails(to, later)).toEqual([]);

      // the vendor sees it marked in the queue and on its page; the CAM still decides: it waits as a conflict
      expect(await queued()).toMatchObject({ status: 'conflict', holderLapsed: true });
      const page = (await get(admin, later.id)).json() as Deal & { actions: string[] };
      expect(page).toMatchObject({ status: 'conflict', holderLapsed: true });
      expect(page.actions).toContain('resolve');
      await expectPartnerSeesNothing(b.browser, later);
    },
  );

  it('a conflict that also collides with a house account is not marked, and nobody is mailed', async () => {
    const { p, cam, a, b } = await setUp();
    const house = randomCustomer();
    const created = await admin.request('POST', '/api/v1/house-accounts', { name: house.name, domain: house.domain });
    expect(created.statusCode, created.body).toBe(201);
    const c = randomCustomer();
    const holder = await register(a.browser, dealBody(p.id, c));
    // the house account's name and the holder's domain
    const later = await register(b.browser, dealBody(p.id, { name: house.name, domain: c.domain }));
    const collisions = ((await get(admin, later.id)).json() as { conflicts: unknown[] }).conflicts;
    expect(collisions).toHaveLength(2);
    await a.browser.request('POST', `/api/v1/deals/${holder.id}/withdraw`, {});
    await runJobs(holder.id);
    expect(await lapsedMails(cam.user.email, later)).toEqual([]);
    expect((await get(admin, later.id)).json()).toMatchObject({ status: 'conflict', holderLapsed: false });
    const queue = (await cam.browser.request('GET', '/api/v1/deals/queue')).json() as Page;
    expect(queue.items.find((d) => d.id === later.id)).toMatchObject({ holderLapsed: false });
  });

  it('with two holders, the first to go changes nothing; the second marks it and mails once, naming both', async () => {
    const { p, cam, a, b } = await setUp();
    const d = await dealPartner(env, admin, p.id);
    const one = randomCustomer();
    const two = randomCustomer();
    const first = await register(a.browser, dealBody(p.id, one));
    const second = await register(d.browser, dealBody(p.id, two));
    // the first's name and the second's domain
    const later = await register(b.browser, dealBody(p.id, { name: one.name, domain: two.domain }));
    expect(((await get(admin, later.id)).json() as { conflicts: unknown[] }).conflicts).toHaveLength(2);

    await a.browser.request('POST', `/api/v1/deals/${first.id}/withdraw`, {});
    await runJobs(first.id);
    expect(await lapsedMails(cam.user.email, later)).toEqual([]);
    expect((await get(admin, later.id)).json()).toMatchObject({ holderLapsed: false });

    await admin.request('POST', `/api/v1/deals/${second.id}/reject`, { reason: 'Duplicate' });
    await runJobs(second.id);
    // the first's event again (a late or repeated job) does not mail a second time
    await runJobs(first.id);
    const mails = await lapsedMails(cam.user.email, later);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(
      `What it collided with is no longer active: ${first.reference} (withdrawn), ${second.reference} (rejected).`,
    );
    expect((await get(admin, later.id)).json()).toMatchObject({ status: 'conflict', holderLapsed: true });
    await expectPartnerSeesNothing(b.browser, later);
  });

  it('a registration that leaves the conflict status itself mails nobody about it', async () => {
    const { p, cam, a, b } = await setUp();
    const c = randomCustomer();
    await register(a.browser, dealBody(p.id, c));
    const later = await register(b.browser, dealBody(p.id, c));
    await b.browser.request('POST', `/api/v1/deals/${later.id}/withdraw`, {});
    await runJobs(later.id);
    expect(await lapsedMails(cam.user.email, later)).toEqual([]);
  });
});
