import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/schema.js';
import { outboxEvents } from '../../platform/jobs/schema.js';
import { JobRegistry } from '../../platform/jobs/registry.js';
import { Browser, createTestEnv, signedIn, type TestEnv, unique } from '../../test/app.js';
import {
  dealBody,
  dealPartner,
  dealProgram,
  mailsTo as mailsToOf,
  randomCustomer,
  runDealEventJob,
} from '../../test/deals.js';
import { NOTIFY_HOLDER_LAPSED_JOB } from './holder-lapsed.js';
import { NOTIFY_REVIEWER_JOB, notifyReviewer, PROTECTION_JOB, registerDealJobs, runProtection } from './jobs.js';
import { deals } from './schema.js';

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
  partnerId: string;
  amount: number | null;
  protectedUntil: string | null;
  protectionDays: number | null;
  decidedBy: string | null;
  overdue: boolean;
  slaDueAt: string | null;
  extension: { status: string; days: number };
  conflicts: {
    matchedOn: string;
    similarity: number;
    deal: { id: string; partnerName: string } | null;
    houseAccount: { name: string } | null;
  }[];
  challengers: { deal: { id: string } | null }[];
  history: { kind: string; fromStatus: string | null; toStatus: string | null; reason: string | null }[];
  attachments: { id: string; filename: string; sizeBytes: number }[];
  actions: string[];
};
type Page = { items: Deal[]; nextCursor: string | null };

const fields = (res: { json(): unknown }) =>
  ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
const customer = (prefix = '') => randomCustomer(prefix);
const DAY = 86_400_000;

const mailsTo = (to: string) => mailsToOf(env, to);

/** Runs the reviewer mail job on a registration's outbox event `topic`, as the job runner hands it over. */
async function runReviewerJob(dealId: string, topic: string) {
  expect(await runDealEventJob(env, notifyReviewer, dealId, topic), `${topic} of ${dealId}`).toBe(true);
}

async function register(who: Browser, body: object) {
  const res = await who.request('POST', '/api/v1/deals', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Deal;
}

describe('registering', () => {
  it('first come, first served: a later registration of the same domain is a conflict, told nothing of who', async () => {
    const p = await dealProgram(admin);
    const a = await dealPartner(env, admin, p.id);
    const b = await dealPartner(env, admin, p.id);
    const c = customer();
    const first = await register(a.browser, dealBody(p.id, c));
    expect(first.status).toBe('submitted');
    const res = await b.browser.request(
      'POST',
      '/api/v1/deals',
      dealBody(p.id, { name: 'Totally different name', domain: `HTTPS://WWW.${c.domain.toUpperCase()}./pricing` }),
    );
    const second = res.json() as Deal;
    expect(second.status).toBe('conflict');
    // the partner learns there is a conflict, never with whom
    expect(second.conflicts).toEqual([]);
    expect(res.body).not.toContain(a.partner.name);
    expect(res.body).not.toContain(first.id);
    const asVendor = (await admin.request('GET', `/api/v1/deals/${second.id}`)).json() as Deal;
    expect(asVendor.conflicts).toMatchObject([
      { matchedOn: 'domain', deal: { id: first.id, partnerName: a.partner.name } },
    ]);
    expect(asVendor.actions).toEqual(expect.arrayContaining(['resolve', 'reject']));
    const holder = (await admin.request('GET', `/api/v1/deals/${first.id}`)).json() as Deal;
    expect(holder.challengers.map((x) => x.deal?.id)).toEqual([second.id]);
    const [mail] = await mailsTo(b.user.email);
    expect(mail!.subject).toContain('needs review');
    expect(mail!.text).not.toContain(a.partner.name);
  });

  it.each([
    ['the same name with another legal form and case', (n: string) => `${n.toUpperCase()}, LLC`, true],
    ['the name with punctuation and a leading The', (n: string) => `The ${n.replace(/-/g, ' ')} GmbH`, true],
    ['a near miss: one more word', (n: string) => `${n} Widgets Worldwide Holdings`, false],
    ['another company altogether', () => unique('Initech'), false],
  ])('a name match across programs: %s → conflict %s', async (_label, rename, collides) => {
    const p1 = await dealProgram(admin);
    const p2 = await dealProgram(admin);
    const a = await dealPartner(env, admin, p1.id);
    const b = await dealPartner(env, admin, p2.id);
    const base = unique('Hooli');
    await register(a.browser, dealBody(p1.id, { name: `${base} Inc.`, domain: `${unique('a')}.com` }));
    const later = await register(b.browser, dealBody(p2.id, { name: rename(base), domain: `${unique('b')}.com` }));
    expect(later.status).toBe(collides ? 'conflict' : 'submitted');
  });

  it('a draft is saved incomplete; submitting names what is missing and changes nothing', async () => {
    const p = await dealProgram(admin);
    const a = await dealPartner(env, admin, p.id);
    const draft = await register(a.browser, { programId: p.id, customerName: unique('Draft co'), submit: false });
    expect(draft).toMatchObject({ status: 'draft', actions: expect.arrayContaining(['submit', 'delete', 'edit']) });
    const refused = await a.browser.request('POST', `/api/v1/deals/${draft.id}/submit`, {});
    expect(refused.statusCode).toBe(400);
    expect(fields(refused)).toEqual(
      expect.arrayContaining(['customerDomain', 'customerCountry', 'contactName', 'amount', 'expectedCloseDate']),
    );
    expect(((await a.browser.request('GET', `/api/v1/deals/${draft.id}`)).json() as Deal).status).toBe('draft');
    const c = customer();
    const body = dealBody(p.id, c) as Record<string, unknown>;
    delete body.programId;
    const edited = await a.browser.request('PATCH', `/api/v1/deals/${draft.id}`, body);
    expect(edited.statusCode, edited.body).toBe(200);
    const submitted = await a.browser.request('POST', `/api/v1/deals/${draft.id}/submit`, {});
    expect(submitted.json()).toMatchObject({ status: 'submitted' });
    // once submitted the customer is fixed: the conflict check ran on it
    const move = await a.browser.request('PATCH', `/api/v1/deals/${draft.id}`, { customerDomain: 'other.com' });
    expect(move.statusCode).toBe(400);
    expect(fields(move)).toEqual(['customerDomain']);
    expect((await a.browser.request('PATCH', `/api/v1/deals/${draft.id}`, { amount: 5_000_000 })).json()).toMatchObject(
      {
        amount: 5_000_000,
      },
    );
    // saving the same again writes no history line
    const edits = async () =>
      ((await a.browser.request('GET', `/api/v1/deals/${draft.id}`)).json() as Deal).history.filter(
        (h) => h.kind === 'edited',
      ).length;
    const before = await edits();
    await a.browser.request('PATCH', `/api/v1/deals/${draft.id}`, { amount: 5_000_000, notes: '' });
    expect(await edits()).toBe(before);
    // a submitted registration is on record for good
    expect((await a.browser.request('DELETE', `/api/v1/deals/${draft.id}`)).statusCode).toBe(409);
  });

  it('the first submission counts as the first deal of the membership (onboarding, time to first deal)', async () => {
    const p = await dealProgram(admin);
    const a = await dealPartner(env, admin, p.id);
    await register(a.browser, dealBody(p.id, customer()));
    const [enrollment] = (await a.browser.request('GET', '/api/v1/enrollments')).json() as {
      firstDealAt: string | null;
      daysToFirstDeal: number | null;
    }[];
    expect(enrollment!.firstDealAt).not.toBeNull();
    expect(enrollment!.daysToFirstDeal).toBe(0);
  });

  it('an Idempotency-Key makes a retried registration return the first answer and register once', async () => {
    const p = await dealProgram(admin);
    const a = await dealPartner(env, admin, p.id);
    const body = dealBody(p.id, customer());
    const key = { 'idempotency-key': unique('key') };
    const one = await a.browser.request('POST', '/api/v1/deals', body, key);
    const two = await a.browser.request('POST', '/api/v1/deals', body, key);
    expect(one.statusCode).toBe(201);
    expect(two.json()).toEqual(one.json());
    const mine = (await a.browser.request('GET', '/api/v1/deals')).json() as Page;
    expect(mine.items).toHaveLength(1);
    expect((one.json() as Deal).status).toBe('submitted');
  });

  it.each([
    ['a domain that is no domain', { customerDomain: 'not a domain' }, 'customerDomain'],
    ['a fractional amount', { amount: 10.5 }, 'amount'],
    ['a negative amount', { amount: -1 }, 'amount'],
    ['an unknown country', { customerCountry: 'XX' }, 'customerCountry'],
    ['an unknown attribution', { attribution: 'bought' }, 'attribution'],
    ['an unknown product', { productIds: ['00000000-0000-4000-8000-000000000000'] }, 'productIds'],
    ['a date that is not one', { expectedCloseDate: '2027-02-30' }, 'expectedCloseDate'],
    ['a field the API does not have', { status: 'protected' }, ''],
  ])('refuses %s, naming the field, and stores nothing', async (_label, change, field) => {
    const p = await dealProgram(admin);
    const a = await dealPartner(env, admin, p.id);
    const res = await a.browser.request('POST', '/api/v1/deals', { ...dealBody(p.id, customer()), ...change });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (field) expect(fields(res)).toContain(field);
    expect(((await a.browser.request('GET', '/api/v1/deals')).json() as Page).items).toEqual([]);
  });

  it('only active members register, and only partners', async () => {
    const p = await dealProgram(admin);
    const other = await dealProgram(admin);
    const a = await dealPartner(env, admin, p.id);
    const res = await a.browser.request('POST', '/api/v1/deals', dealBody(other.id, customer()));
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['programId']);
    expect((await admin.request('POST', '/api/v1/deals', dealBody(p.id, customer()))).statusCode).toBe(403);
  });

  it('warns while typing without saying who holds the customer', async () => {
    const p = await dealProgram(admin);
    const a = await dealPartner(env, admin, p.id);
    const b = await dealPartner(env, admin, p.id);
    const c = customer();
    await register(a.browser, dealBody(p.id, c));
    const check = (body: object) => b.browser.request('POST', '/api/v1/deals/conflict-check', body);
    const hit = await check({ customerName: c.name.replace(' Inc.', ' Corporation') });
    expect(hit.json()).toMatchObject({ likelyConflict: true });
    expect(hit.body).not.toContain(a.partner.name);
    expect((await check({ customerDomain: `www.${c.domain}` })).json()).toMatchObject({ likelyConflict: true });
    expect((await check({ customerName: unique('Kramerica') })).json()).toMatchObject({ likelyConflict: false });
    expect((await admin.request('POST', '/api/v1/deals/conflict-check', { customerName: 'x' })).statusCode).toBe(403);
  });
});

describe('reviewing', () => {
  it("approval protects for the tier's deal_protection_days, or the program default without one", async () => {
    const p = await dealProgram(admin, [{ name: 'Registered', protectionDays: 90 }, { name: 'Gold' }]);
    const a = await dealPartner(env, admin, p.id);
    const deal = await register(a.browser, dealBody(p.id, customer()));
    const before = Date.now();
    const res = await admin.request('POST', `/api/v1/deals/${deal.id}/approve`, { note: 'Looks good' });
    expect(res.statusCode, res.body).toBe(200);
    const approved = res.json() as Deal;
    expect(approved).toMatchObject({ status: 'protected', protectionDays: 90 });
    const until = new Date(approved.protectedUntil!).getTime();
    expect(until - before).toBeGreaterThanOrEqual(90 * DAY - 5_000);
    expect(until - before).toBeLessThanOrEqual(90 * DAY + 5_000);
    const [mail] = (await mailsTo(a.user.email)).filter((m) => m.subject.startsWith('Approved'));
    // a plain approval says nothing of a reason, even with a note
    expect(mail!.text).toContain(
      `is approved. It is protected until ${approved.protectedUntil!.slice(0, 10)}.\n\nhttp`,
    );
    expect(mail!.text).not.toContain('Looks good');

    // the Gold tier has no value: the program's default (60 days unless set)
    const b = await dealPartner(env, admin, p.id);
    const enrollment = (
      (await admin.request('GET', `/api/v1/enrollments?partnerId=${b.partner.id}`)).json() as { id: string }[]
    )[0]!;
    await admin.request('POST', `/api/v1/enrollments/${enrollment.id}/tier`, {
      tierId: p.tierIds[1],
      reason: 'promotion',
    });
    await admin.request('PUT', `/api/v1/programs/${p.id}/deal-settings`, {
      approvalSlaDays: 3,
      protectionDays: 45,
      extensionDays: 15,
      autoApprove: false,
      autoApproveBelow: null,
      autoApproveAttributions: ['sourced'],
    });
    const second = await register(b.browser, dealBody(p.id, customer()));
    const approved2 = (await admin.request('POST', `/api/v1/deals/${second.id}/approve`, {})).json() as Deal;
    expect(approved2).toMatchObject({ status: 'protected', protectionDays: 45, extension: { days: 15 } });
  });

  it('rejection needs a reason and mails it; a decided registration cannot be decided again', async () => {
    const p = await dealProgram(admin);
    const a = await dealPartner(env, admin, p.id);
    const deal = await register(a.browser, dealBody(p.id, customer()));
    const bare = await admin.request('POST', `/api/v1/deals/${deal.id}/reject`, {});
    expect(bare.statusCode).toBe(400);
    expect(fields(bare)).toEqual(['reason']);
    const res = await admin.request('POST', `/api/v1/deals/${deal.id}/reject`, { reason: 'Existing customer of ours' });
    expect(res.json()).toMatchObject({ status: 'rejected' });
    const mail = (await mailsTo(a.user.email)).find((m) => m.subject.startsWith('Not approved'));
    expect(mail!.text).toContain('Existing customer of ours');
    expect((await admin.request('POST', `/api/v1/deals/${deal.id}/approve`, {})).statusCode).toBe(409);
    // the customer is free again
    const b = await dealPartner(env, admin, p.id);
    const again = await register(
      b.browser,
      dealBody(p.id, { name: customer().name, domain: await dealDomain(deal.id) }),
    );
    expect(again.status).toBe('submitted');
  });

  it('resolving a conflict for the later registration rejects the holder and protects the later one', async () => {
    const { a, b, holder, later } = await conflictPair();
    expect((await admin.request('POST', `/api/v1/deals/${later.id}/approve`, {})).statusCode).toBe(409);
    const bare = await admin.request('POST', `/api/v1/deals/${later.id}/resolve`, { inFavourOf: 'registration' });
    expect(fields(bare)).toEqual(['reason']);
    const res = await admin.request('POST', `/api/v1/deals/${later.id}/resolve`, {
      inFavourOf: 'registration',
      reason: 'Partner B has the relationship',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'protected' });
    const lost = (await a.browser.request('GET', `/api/v1/deals/${holder.id}`)).json() as Deal;
    expect(lost.status).toBe('rejected');
    // the holder's partner is not told who won
    expect(JSON.stringify(lost)).not.toContain(b.partner.name);
    expect((await mailsTo(a.user.email)).some((m) => m.subject.startsWith('Not approved'))).toBe(true);
    // the later partner's approval says why the conflict went its way
    const approval = (await mailsTo(b.user.email)).filter((m) => m.subject.startsWith('Approved'));
    expect(approval).toHaveLength(1);
    expect(approval[0]!.subject).toBe(`Approved: ${later.customerName} (${later.reference})`);
    expect(approval[0]!.text).toMatch(
      /is approved\. It is protected until \d{4}-\d\d-\d\d\.\n\nThe conflict was resolved in your favour\. Reason: Partner B has the relationship\n/,
    );
    expect(approval[0]!.text).not.toContain(a.partner.name);
  });

  it('resolving for the existing side rejects the later registration', async () => {
    const { holder, later } = await conflictPair();
    const res = await admin.request('POST', `/api/v1/deals/${later.id}/resolve`, {
      inFavourOf: 'existing',
      reason: 'Registered first',
    });
    expect(res.json()).toMatchObject({ status: 'rejected' });
    expect(((await admin.request('GET', `/api/v1/deals/${holder.id}`)).json() as Deal).status).toBe('submitted');
  });

  it("the queue holds a channel manager's partners' waiting registrations, oldest first, overdue marked", async () => {
    const p = await dealProgram(admin);
    const cam = await signedIn(env, 'channel_manager');
    const a = await dealPartner(env, admin, p.id);
    await admin.request('PATCH', `/api/v1/partners/${a.partner.id}`, { camUserId: cam.user.id });
    const b = await dealPartner(env, admin, p.id);
    const old = await register(a.browser, dealBody(p.id, customer()));
    const fresh = await register(a.browser, dealBody(p.id, customer()));
    const others = await register(b.browser, dealBody(p.id, customer()));
    await env.db.owner
      .update(deals)
      .set({ submittedAt: new Date(Date.now() - 10 * DAY), slaDueAt: new Date(Date.now() - 8 * DAY) })
      .where(eq(deals.id, old.id));
    const mine = (await cam.browser.request('GET', '/api/v1/deals/queue')).json() as Page;
    expect(mine.items.map((d) => d.id)).toEqual([old.id, fresh.id]);
    expect(mine.items.map((d) => d.overdue)).toEqual([true, false]);
    const all = (await cam.browser.request('GET', `/api/v1/deals/queue?all=true&programId=${p.id}`)).json() as Page;
    expect(all.items.map((d) => d.id)).toEqual([old.id, fresh.id, others.id]);
    const overdue = (await admin.request('GET', `/api/v1/deals?overdue=true&programId=${p.id}`)).json() as Page;
    expect(overdue.items.map((d) => d.id)).toEqual([old.id]);
    expect((await a.browser.request('GET', '/api/v1/deals/queue')).statusCode).toBe(403);
  });

  it('each queue page says how many the queue holds under its filters, and how many are overdue', async () => {
    const [p1, p2] = [await dealProgram(admin), await dealProgram(admin)];
    const cam = await signedIn(env, 'channel_manager');
    const a = await dealPartner(env, admin, p1.id);
    await admin.request('PATCH', `/api/v1/partners/${a.partner.id}`, { camUserId: cam.user.id });
    await admin.request('POST', `/api/v1/programs/${p2.id}/enrollments`, { partnerId: a.partner.id });
    const b = await dealPartner(env, admin, p1.id);
    const mineInP1 = [];
    for (let i = 0; i < 3; i++) mineInP1.push(await register(a.browser, dealBody(p1.id, customer())));
    const mineInP2 = await register(a.browser, dealBody(p2.id, customer()));
    const othersInP1 = await register(b.browser, dealBody(p1.id, customer()));
    // decided: no longer in the queue, nor in its count
    const decided = await register(a.browser, dealBody(p1.id, customer()));
    expect((await admin.request('POST', `/api/v1/deals/${decided.id}/approve`, {})).statusCode).toBe(200);
    await env.db.owner
      .update(deals)
      .set({ slaDueAt: new Date(Date.now() - DAY) })
      .where(inArray(deals.id, [mineInP1[0]!.id, mineInP2.id, othersInP1.id, decided.id]));
    type QueuePage = Page & { total: number; overdue: number };
    const queue = async (query: string, as = cam.browser) => {
      const res = await as.request('GET', `/api/v1/deals/queue?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as QueuePage;
    };
    const totals = (page: QueuePage) => ({ total: page.total, overdue: page.overdue });

    // the caller's own partners, across programs; every page gives the whole queue's count
    const first = await queue('limit=2');
    expect(first.items).toHaveLength(2);
    expect(totals(first)).toEqual({ total: 4, overdue: 2 });
    const next = await queue(`limit=2&cursor=${first.nextCursor}`);
    expect(next.nextCursor).toBeNull();
    expect(totals(next)).toEqual({ total: 4, overdue: 2 });
    expect((await queue(`programId=${p1.id}`)).items.map((d) => d.id)).toEqual(mineInP1.map((d) => d.id));
    expect(totals(await queue(`programId=${p1.id}`))).toEqual({ total: 3, overdue: 1 });
    expect(totals(await queue(`programId=${p2.id}`))).toEqual({ total: 1, overdue: 1 });
    // everyone's: the other partner's too, in this program or in all of them
    expect(totals(await queue(`all=true&programId=${p1.id}`))).toEqual({ total: 4, overdue: 2 });
    const waiting = await env.db.owner
      .select({ slaDueAt: deals.slaDueAt })
      .from(deals)
      .where(inArray(deals.status, ['submitted', 'conflict']));
    const overdue = waiting.filter((d) => d.slaDueAt && d.slaDueAt.getTime() < Date.now()).length;
    expect(totals(await queue('all=true&limit=1'))).toEqual({ total: waiting.length, overdue });
    // a channel manager with no partners of their own has nothing waiting
    expect(await queue('', (await signedIn(env, 'channel_manager')).browser)).toMatchObject({
      items: [],
      total: 0,
      overdue: 0,
    });
    // the OpenAPI document declares the counts
    const doc = (await admin.request('GET', '/api/openapi.json')).json() as {
      components: { schemas: Record<string, { required?: string[] }> };
    };
    expect(doc.components.schemas.DealQueuePage?.required).toEqual(expect.arrayContaining(['total', 'overdue']));
  });

  it('auto-approval rules approve small registrations without a conflict at once', async () => {
    const p = await dealProgram(admin);
    await admin.request('PUT', `/api/v1/programs/${p.id}/deal-settings`, {
      approvalSlaDays: 2,
      protectionDays: 30,
      extensionDays: 30,
      autoApprove: true,
      autoApproveBelow: 1_000_000,
      autoApproveAttributions: ['sourced', 'influenced'],
    });
    const a = await dealPartner(env, admin, p.id);
    const small = await register(a.browser, dealBody(p.id, customer(), { amount: 999_999 }));
    expect(small).toMatchObject({ status: 'protected', decidedBy: 'auto-approval rule', protectionDays: 30 });
    const big = await register(a.browser, dealBody(p.id, customer(), { amount: 1_000_000 }));
    expect(big.status).toBe('submitted');
    const b = await dealPartner(env, admin, p.id);
    const clash = await register(
      b.browser,
      dealBody(p.id, { name: customer().name, domain: await dealDomain(small.id) }, { amount: 5 }),
    );
    expect(clash.status).toBe('conflict');
  });

  it('mails the channel manager (or the admins) from the outbox when a registration arrives', async () => {
    const registry = new JobRegistry();
    registerDealJobs(registry, env);
    expect(registry.subscribersOf('deal.submitted')).toEqual([NOTIFY_REVIEWER_JOB]);
    expect(registry.subscribersOf('deal.conflict')).toEqual([NOTIFY_REVIEWER_JOB]);
    // a close also frees what conflicts with the registration: holder-lapsed.http.test.ts
    expect(registry.subscribersOf('deal.won')).toEqual([NOTIFY_REVIEWER_JOB, NOTIFY_HOLDER_LAPSED_JOB]);
    expect(registry.subscribersOf('deal.lost')).toEqual([NOTIFY_REVIEWER_JOB, NOTIFY_HOLDER_LAPSED_JOB]);
    expect(registry.schedules).toContainEqual({ name: PROTECTION_JOB, everySeconds: 3600, jobKind: PROTECTION_JOB });
    const p = await dealProgram(admin);
    const cam = await signedIn(env, 'channel_manager');
    const a = await dealPartner(env, admin, p.id);
    await admin.request('PATCH', `/api/v1/partners/${a.partner.id}`, { camUserId: cam.user.id });
    const deal = await register(a.browser, dealBody(p.id, customer()));
    await notifyReviewer(env, {
      eventId: 1,
      topic: 'deal.submitted',
      payload: { objectId: deal.id },
      createdAt: new Date().toISOString(),
    });
    const [mail] = await mailsTo(cam.user.email);
    expect(mail!.subject).toContain(a.partner.name);
    expect(mail!.text).toContain(`/console/deals/${deal.id}`);
    expect(mail!.text).toContain('48000.00 USD');
  });
});

/** Two partners register one customer: the first holds it, the second is a conflict. */
async function conflictPair() {
  const p = await dealProgram(admin);
  const a = await dealPartner(env, admin, p.id);
  const b = await dealPartner(env, admin, p.id);
  const c = customer();
  const holder = await register(a.browser, dealBody(p.id, c));
  const later = await register(b.browser, dealBody(p.id, c));
  expect(later.status).toBe('conflict');
  return { p, a, b, holder, later };
}

async function dealDomain(id: string): Promise<string> {
  const [row] = await env.db.owner.select({ d: deals.customerDomain }).from(deals).where(eq(deals.id, id));
  return row!.d!;
}

async function protectedDeal(extensionDays = 30) {
  const p = await dealProgram(admin);
  if (extensionDays !== 30)
    await admin.request('PUT', `/api/v1/programs/${p.id}/deal-settings`, {
      approvalSlaDays: 2,
      protectionDays: 60,
      extensionDays,
      autoApprove: false,
      autoApproveBelow: null,
      autoApproveAttributions: ['sourced'],
    });
  const a = await dealPartner(env, admin, p.id);
  const deal = await register(a.browser, dealBody(p.id, customer()));
  const approved = (await admin.request('POST', `/api/v1/deals/${deal.id}/approve`, {})).json() as Deal;
  return { p, a, deal: approved };
}

describe('protection', () => {
  it('a partner asks once for an extension; granting adds the program’s days, refusing needs a reason', async () => {
    const { a, deal } = await protectedDeal();
    expect(deal.actions).toEqual(['close']);
    const asPartner = (await a.browser.request('GET', `/api/v1/deals/${deal.id}`)).json() as Deal;
    expect(asPartner.actions).toEqual(expect.arrayContaining(['requestExtension', 'close']));
    const bare = await a.browser.request('POST', `/api/v1/deals/${deal.id}/extension`, {});
    expect(fields(bare)).toEqual(['reason']);
    const asked = await a.browser.request('POST', `/api/v1/deals/${deal.id}/extension`, {
      reason: 'Board meets in Q1',
    });
    expect(asked.json()).toMatchObject({ extension: { status: 'requested' } });
    expect(
      (await a.browser.request('POST', `/api/v1/deals/${deal.id}/extension`, { reason: 'again' })).statusCode,
    ).toBe(409);
    const refuse = await admin.request('POST', `/api/v1/deals/${deal.id}/extension/decision`, { grant: false });
    expect(fields(refuse)).toEqual(['reason']);
    const granted = (
      await admin.request('POST', `/api/v1/deals/${deal.id}/extension/decision`, { grant: true })
    ).json() as Deal;
    expect(granted.extension.status).toBe('granted');
    expect(new Date(granted.protectedUntil!).getTime() - new Date(deal.protectedUntil!).getTime()).toBe(30 * DAY);
    expect(granted.protectionDays).toBe(90);
    expect((await mailsTo(a.user.email)).some((m) => m.subject.startsWith('Extension granted'))).toBe(true);
    // once only
    expect((await a.browser.request('POST', `/api/v1/deals/${deal.id}/extension`, { reason: 'more' })).statusCode).toBe(
      409,
    );
  });

  it('a program with no extension days refuses the request', async () => {
    const { a, deal } = await protectedDeal(0);
    expect((await a.browser.request('POST', `/api/v1/deals/${deal.id}/extension`, { reason: 'x' })).statusCode).toBe(
      409,
    );
  });

  it('the job mails a week before, once, then expires protection on time and frees the customer', async () => {
    const { p, a, deal } = await protectedDeal();
    const until = new Date(deal.protectedUntil!);
    const weekBefore = new Date(until.getTime() - 6 * DAY);
    await runProtection(env, weekBefore);
    await runProtection(env, weekBefore);
    const warnings = (await mailsTo(a.user.email)).filter((m) => m.subject.startsWith('Protection ends soon'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.text).toContain('30 days, once');
    // other tests' registrations share the database: only this one's status counts here
    await runProtection(env, new Date(until.getTime() - 1000));
    expect(((await admin.request('GET', `/api/v1/deals/${deal.id}`)).json() as Deal).status).toBe('protected');
    await runProtection(env, new Date(until.getTime() + 1000));
    const expired = (await a.browser.request('GET', `/api/v1/deals/${deal.id}`)).json() as Deal;
    expect(expired.status).toBe('expired');
    expect(expired.history.at(-1)).toMatchObject({ fromStatus: 'protected', toStatus: 'expired' });
    expect((await mailsTo(a.user.email)).filter((m) => m.subject.startsWith('Protection ended'))).toHaveLength(1);
    const b = await dealPartner(env, admin, p.id);
    const next = await register(
      b.browser,
      dealBody(p.id, { name: customer().name, domain: await dealDomain(deal.id) }),
    );
    expect(next.status).toBe('submitted');
  });
});

describe('closing', () => {
  it('won carries everything later modules need, on the outbox; lost needs a reason', async () => {
    const { a, deal } = await protectedDeal();
    const bad = await a.browser.request('POST', `/api/v1/deals/${deal.id}/close`, { outcome: 'won', amount: 1.5 });
    expect(bad.statusCode).toBe(400);
    const res = await a.browser.request('POST', `/api/v1/deals/${deal.id}/close`, {
      outcome: 'won',
      amount: 5_125_050,
      closeDate: '2026-12-15',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'won', wonAmount: 5_125_050, closeDate: '2026-12-15', actions: [] });
    const event = (await env.db.owner.select().from(outboxEvents).where(eq(outboxEvents.topic, 'deal.won'))).find(
      (e) => (e.payload as { objectId: string }).objectId === deal.id,
    );
    const after = (event!.payload as { after: Record<string, unknown> }).after;
    expect(after).toMatchObject({
      dealId: deal.id,
      partnerId: a.partner.id,
      programId: deal.partnerId ? expect.any(String) : '',
      wonAmount: 5_125_050,
      currency: 'USD',
      attribution: 'sourced',
      closeDate: '2026-12-15',
      tierId: expect.any(String),
    });
    expect(
      (await a.browser.request('POST', `/api/v1/deals/${deal.id}/close`, { outcome: 'lost', reason: 'x' })).statusCode,
    ).toBe(409);

    const other = await protectedDeal();
    const bare = await admin.request('POST', `/api/v1/deals/${other.deal.id}/close`, { outcome: 'lost' });
    expect(fields(bare)).toEqual(['reason']);
    const lost = await admin.request('POST', `/api/v1/deals/${other.deal.id}/close`, {
      outcome: 'lost',
      reason: 'Went with a competitor',
    });
    expect(lost.json()).toMatchObject({ status: 'lost', lostReason: 'Went with a competitor' });
  });

  it("a partner's close mails its channel manager from the outbox: won with the final amount and date", async () => {
    const { a, deal } = await protectedDeal();
    const cam = await signedIn(env, 'channel_manager');
    await admin.request('PATCH', `/api/v1/partners/${a.partner.id}`, { camUserId: cam.user.id });
    const res = await a.browser.request('POST', `/api/v1/deals/${deal.id}/close`, {
      outcome: 'won',
      amount: 5_125_050,
      closeDate: '2026-12-15',
    });
    expect(res.statusCode, res.body).toBe(200);
    // nothing is mailed in the partner's transaction: its scope may not read who reviews it
    expect(await mailsTo(cam.user.email)).toEqual([]);
    await runReviewerJob(deal.id, 'deal.won');
    const mails = await mailsTo(cam.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`${a.partner.name} won ${deal.customerName} (${deal.reference})`);
    expect(mails[0]!.text).toContain(
      `${a.partner.name} closed ${deal.customerName} (${deal.reference}) in ${deal.programName} as won: 51250.50 USD, closed on 2026-12-15.`,
    );
    expect(mails[0]!.text).toContain(`/console/deals/${deal.id}`);
    // the partner closed it: the partner is not mailed about it, and the admins are not either with a CAM
    expect((await mailsTo(a.user.email)).filter((m) => m.subject.startsWith('Closed'))).toEqual([]);
    expect((await mailsTo(adminEmail)).filter((m) => m.subject.includes(deal.reference))).toEqual([]);
  });

  it("a partner's lost close (here through its API key) mails the reason to the admins when it has no CAM", async () => {
    const { a, deal } = await protectedDeal();
    const created = await admin.request('POST', '/api/v1/api-keys', {
      name: 'CRM',
      role: 'partner_member',
      partnerId: a.partner.id,
    });
    const bearer = { authorization: `Bearer ${(created.json() as { secret: string }).secret}` };
    const res = await new Browser(env.app).request(
      'POST',
      `/api/v1/deals/${deal.id}/close`,
      { outcome: 'lost', reason: 'Budget frozen until next year' },
      bearer,
    );
    expect(res.statusCode, res.body).toBe(200);
    await runReviewerJob(deal.id, 'deal.lost');
    const mails = (await mailsTo(adminEmail)).filter((m) => m.subject.includes(deal.reference));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`${a.partner.name} lost ${deal.customerName} (${deal.reference})`);
    expect(mails[0]!.text).toContain(`${a.partner.name} closed ${deal.customerName} (${deal.reference})`);
    expect(mails[0]!.text).toContain('as lost.\n\nReason: Budget frozen until next year\n');
    expect(mails[0]!.text).toContain(`/console/deals/${deal.id}`);
    expect((await mailsTo(a.user.email)).filter((m) => m.subject.startsWith('Closed'))).toEqual([]);
  });

  it("the vendor's close mails the partner's users, won or lost, and not the channel manager", async () => {
    const won = await protectedDeal();
    const cam = await signedIn(env, 'channel_manager');
    await admin.request('PATCH', `/api/v1/partners/${won.a.partner.id}`, { camUserId: cam.user.id });
    const res = await cam.browser.request('POST', `/api/v1/deals/${won.deal.id}/close`, {
      outcome: 'won',
      amount: 4_800_000,
      closeDate: '2026-11-30',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [wonMail, ...more] = (await mailsTo(won.a.user.email)).filter((m) => m.subject.startsWith('Closed'));
    expect(more).toEqual([]);
    expect(wonMail!.subject).toBe(`Closed won: ${won.deal.customerName} (${won.deal.reference})`);
    expect(wonMail!.text).toContain(
      `The channel team closed your registration of ${won.deal.customerName} as won: 48000.00 USD, closed on 2026-11-30.`,
    );
    expect(wonMail!.text).toContain(`/portal/deals/${won.deal.id}`);
    // the outbox job sees a vendor's close and mails no reviewer
    await runReviewerJob(won.deal.id, 'deal.won');
    expect(await mailsTo(cam.user.email)).toEqual([]);

    const lost = await protectedDeal();
    await admin.request('POST', `/api/v1/deals/${lost.deal.id}/close`, {
      outcome: 'lost',
      reason: 'Project cancelled',
    });
    const [lostMail] = (await mailsTo(lost.a.user.email)).filter((m) => m.subject.startsWith('Closed'));
    expect(lostMail!.subject).toBe(`Closed lost: ${lost.deal.customerName} (${lost.deal.reference})`);
    expect(lostMail!.text).toContain('as lost.\n\nReason: Project cancelled\n');
    await runReviewerJob(lost.deal.id, 'deal.lost');
    expect((await mailsTo(adminEmail)).filter((m) => m.subject.includes(lost.deal.reference))).toEqual([]);
  });

  it('a registration waiting for review cannot be closed', async () => {
    const p = await dealProgram(admin);
    const a = await dealPartner(env, admin, p.id);
    const deal = await register(a.browser, dealBody(p.id, customer()));
    const res = await a.browser.request('POST', `/api/v1/deals/${deal.id}/close`, {
      outcome: 'won',
      amount: 1,
      closeDate: '2026-12-01',
    });
    expect(res.statusCode).toBe(409);
    expect((await a.browser.request('POST', `/api/v1/deals/${deal.id}/withdraw`, {})).json()).toMatchObject({
      status: 'withdrawn',
    });
  });
});

describe('views, isolation and audit', () => {
  it("another partner's registration is a 404 everywhere, and lists show only one's own", async () => {
    const p = await dealProgram(admin);
    const a = await dealPartner(env, admin, p.id);
    const b = await dealPartner(env, admin, p.id);
    const deal = await register(a.browser, dealBody(p.id, customer()));
    for (const [method, path, body] of [
      ['GET', `/api/v1/deals/${deal.id}`, undefined],
      ['PATCH', `/api/v1/deals/${deal.id}`, { notes: 'mine now' }],
      ['POST', `/api/v1/deals/${deal.id}/withdraw`, {}],
      ['POST', `/api/v1/deals/${deal.id}/close`, { outcome: 'lost', reason: 'x' }],
      ['DELETE', `/api/v1/deals/${deal.id}`, undefined],
    ] as const)
      expect((await b.browser.request(method, path, body)).statusCode, `${method} ${path}`).toBe(404);
    expect(((await b.browser.request('GET', '/api/v1/deals')).json() as Page).items).toEqual([]);
    expect(((await b.browser.request('GET', `/api/v1/deals?partnerId=${a.partner.id}`)).json() as Page).items).toEqual(
      [],
    );
    // a partner cannot review, even its own
    expect((await a.browser.request('POST', `/api/v1/deals/${deal.id}/approve`, {})).statusCode).toBe(403);
    const viewer = await signedIn(env, 'viewer');
    expect((await viewer.browser.request('GET', `/api/v1/deals/${deal.id}`)).statusCode).toBe(200);
    expect((await viewer.browser.request('POST', `/api/v1/deals/${deal.id}/approve`, {})).statusCode).toBe(403);
  });

  it('the vendor filters by program, partner, status, amount and dates, and exports CSV', async () => {
    const p = await dealProgram(admin);
    const a = await dealPartner(env, admin, p.id);
    const b = await dealPartner(env, admin, p.id);
    const small = await register(a.browser, dealBody(p.id, customer('='), { amount: 10_050 }));
    const big = await register(b.browser, dealBody(p.id, customer(), { amount: 90_000_000 }));
    await admin.request('POST', `/api/v1/deals/${big.id}/approve`, {});
    const list = async (q: string) =>
      ((await admin.request('GET', `/api/v1/deals?programId=${p.id}&${q}`)).json() as Page).items.map((d) => d.id);
    expect(await list('')).toEqual([big.id, small.id]);
    expect(await list(`partnerId=${a.partner.id}`)).toEqual([small.id]);
    expect(await list('status=protected')).toEqual([big.id]);
    expect(await list('status=submitted,protected')).toEqual([big.id, small.id]);
    expect(await list('amountMin=1000000')).toEqual([big.id]);
    expect(await list('amountMax=10050')).toEqual([small.id]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await list(`submittedFrom=${today}&submittedTo=${today}`)).toEqual([big.id, small.id]);
    expect(await list('submittedTo=2000-01-01')).toEqual([]);
    const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
    expect(await list(`protectedUntilTo=${inDays(61)}`)).toEqual([big.id]);
    expect(await list(`protectedUntilTo=${inDays(58)}`)).toEqual([]);
    expect(await list(`ownerUserId=${b.user.id}`)).toEqual([big.id]);
    const bad = await admin.request('GET', '/api/v1/deals?status=nope');
    expect(bad.statusCode).toBe(400);
    const csv = await admin.request('GET', `/api/v1/deals/export.csv?programId=${p.id}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toContain('reference,status,partner');
    expect(lines).toHaveLength(3);
    expect(csv.body).toContain('900000.00');
    expect(csv.body).toContain('100.50');
    // a name that starts like a formula is written as text
    expect(csv.body).toContain(`'=`);
    expect((await a.browser.request('GET', '/api/v1/deals/export.csv')).body).not.toContain(big.reference + ',');
  });

  it('every change is audited with the registration as later modules read it', async () => {
    const { a, deal } = await protectedDeal();
    const entries = await env.db.owner.select().from(auditLog).where(eq(auditLog.objectId, deal.id));
    expect(entries.map((e) => e.action)).toEqual(['deal.created', 'deal.submitted', 'deal.protected']);
    expect(entries.every((e) => e.partnerId === a.partner.id)).toBe(true);
  });

  it('attachments: the bytes must be what the type says; downloads return them; other partners get 404', async () => {
    const p = await dealProgram(admin);
    const a = await dealPartner(env, admin, p.id);
    const b = await dealPartner(env, admin, p.id);
    const deal = await register(a.browser, dealBody(p.id, customer()));
    const pdf = Buffer.from('%PDF-1.4\n% a quote\n');
    const up = await a.browser.request('POST', `/api/v1/deals/${deal.id}/attachments?filename=quote.pdf`, pdf, {
      'content-type': 'application/pdf',
    });
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json() as { id: string; sizeBytes: number };
    expect(file.sizeBytes).toBe(pdf.length);
    const fake = await a.browser.request(
      'POST',
      `/api/v1/deals/${deal.id}/attachments?filename=evil.pdf`,
      Buffer.from('MZ not a pdf'),
      { 'content-type': 'application/pdf' },
    );
    expect(fake.statusCode).toBe(400);
    const exe = await a.browser.request(
      'POST',
      `/api/v1/deals/${deal.id}/attachments?filename=x.exe`,
      Buffer.from('MZ'),
      { 'content-type': 'application/x-msdownload' },
    );
    expect(exe.statusCode).toBe(415);
    const detail = (await admin.request('GET', `/api/v1/deals/${deal.id}`)).json() as Deal;
    expect(detail.attachments.map((f) => f.filename)).toEqual(['quote.pdf']);
    const down = await admin.request('GET', `/api/v1/deals/${deal.id}/attachments/${file.id}`);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect(down.headers['content-disposition']).toContain('quote.pdf');
    expect((await b.browser.request('GET', `/api/v1/deals/${deal.id}/attachments/${file.id}`)).statusCode).toBe(404);
    expect((await a.browser.request('DELETE', `/api/v1/deals/${deal.id}/attachments/${file.id}`)).statusCode).toBe(204);
    const notes = Buffer.from('Call notes: budget approved ✓');
    const text = await a.browser.request('POST', `/api/v1/deals/${deal.id}/attachments?filename=notes.txt`, notes, {
      'content-type': 'text/plain; charset=utf-8',
    });
    expect(text.statusCode, text.body).toBe(201);
    expect((text.json() as { sizeBytes: number }).sizeBytes).toBe(notes.length);
  });
});
