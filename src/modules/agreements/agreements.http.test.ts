import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../platform/crypto.js';
import { mailMessages } from '../../platform/mail/schema.js';
import { Browser, createTestEnv, makePartner, signedIn, type TestEnv } from '../../test/app.js';
import { agreementAcceptances } from './schema.js';

let env: TestEnv;
let vendor: Browser;
let partnerA: { id: string; name: string };
let partnerB: { id: string; name: string };
let adminA: { user: { id: string; email: string; name: string }; browser: Browser };
let memberA: Browser;
let adminB: Browser;

const BODY = '# Rules of engagement\n\nPartners **register** deals first.\n\n- Territory: EMEA\n- Pricing: list';
const UA = 'AgreementTest/1.0 (integration)';

beforeAll(async () => {
  env = await createTestEnv();
  vendor = (await signedIn(env, 'channel_manager')).browser;
  partnerA = await makePartner(env);
  partnerB = await makePartner(env);
  adminA = await signedIn(env, 'partner_admin', partnerA.id);
  memberA = (await signedIn(env, 'partner_member', partnerA.id)).browser;
  adminB = (await signedIn(env, 'partner_admin', partnerB.id)).browser;
});
afterAll(() => env.close());

async function runningProgram(name: string) {
  const created = await vendor.request('POST', '/api/v1/programs', { name, programType: 'reseller', currency: 'USD' });
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as { id: string }).id;
  const started = await vendor.request('POST', `/api/v1/programs/${id}/status`, { status: 'active', reason: 'go' });
  expect(started.statusCode, started.body).toBe(200);
  return id;
}

type Agreement = {
  id: string;
  version: number;
  status: string;
  sha256: string | null;
  current: boolean;
  publishedAt: string | null;
  reacceptBy: string | null;
  acceptanceCount: number;
  awaitingCount: number | null;
};

async function draft(programId: string, body: Record<string, unknown> = {}) {
  const res = await vendor.request('POST', `/api/v1/programs/${programId}/agreements`, {
    title: 'Partner agreement',
    body: BODY,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Agreement;
}

async function publish(id: string) {
  const res = await vendor.request('POST', `/api/v1/agreements/${id}/publish`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Agreement;
}

async function enroll(programId: string, partnerId: string) {
  const res = await vendor.request('POST', `/api/v1/programs/${programId}/enrollments`, { partnerId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string };
}

const accept = (browser: Browser, enrollmentId: string, body: { agreementId: string; sha256: string }) =>
  browser.request('POST', `/api/v1/enrollments/${enrollmentId}/agreement/accept`, body, { 'user-agent': UA });

const fields = (res: { json(): unknown }) =>
  ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

/** The database's own message (the query builder wraps it as the cause). */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'succeeded',
    (e: { message?: string; cause?: { message?: string } }) => e.cause?.message ?? e.message ?? String(e),
  );

const mailsTo = (email: string) =>
  env.db.run({ kind: 'system' }, (tx) => tx.select().from(mailMessages).where(eq(mailMessages.to, email)));

describe('agreement versions', () => {
  let programId: string;
  beforeAll(async () => {
    programId = await runningProgram('Versions');
  });

  it('checks a draft and refuses a second one while the first is unpublished', async () => {
    for (const [body, field] of [
      [{ acceptWithinDays: 0 }, 'acceptWithinDays'],
      [{ acceptWithinDays: 366 }, 'acceptWithinDays'],
      [{ body: '   ' }, 'body'],
      [{ body: 'é'.repeat(102_401) }, 'body'],
      [{ title: '' }, 'title'],
    ] as const) {
      const res = await vendor.request('POST', `/api/v1/programs/${programId}/agreements`, {
        title: 'T',
        body: 'x',
        ...body,
      });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fields(res)).toEqual([field]);
    }
    const first = await draft(programId);
    expect(first).toMatchObject({ version: 1, status: 'draft', sha256: null, publishedAt: null, current: false });
    expect(first).toMatchObject({ acceptWithinDays: 30 });
    const second = await vendor.request('POST', `/api/v1/programs/${programId}/agreements`, { title: 'x', body: 'y' });
    expect(second.statusCode).toBe(409);
    const deleted = await vendor.request('DELETE', `/api/v1/agreements/${first.id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await draft(programId)).version).toBe(1);
  });

  it('edits a draft, publishes it with the hash of its text, then keeps it fixed', async () => {
    const [d] = (await vendor.request('GET', `/api/v1/programs/${programId}/agreements`)).json() as Agreement[];
    const edited = await vendor.request('PATCH', `/api/v1/agreements/${d!.id}`, {
      body: `${BODY}\n\nDisputes: arbitration.`,
      acceptWithinDays: 14,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    // a partner sees no draft
    expect((await adminA.browser.request('GET', `/api/v1/agreements/${d!.id}`)).statusCode).toBe(404);

    const published = await publish(d!.id);
    expect(published).toMatchObject({ status: 'published', current: true, version: 1 });
    expect(published.sha256).toBe(sha256(`${BODY}\n\nDisputes: arbitration.`));
    expect(new Date(published.reacceptBy!).getTime() - new Date(published.publishedAt!).getTime()).toBe(
      14 * 86_400_000,
    );

    expect((await vendor.request('PATCH', `/api/v1/agreements/${d!.id}`, { title: 'changed' })).statusCode).toBe(409);
    expect((await vendor.request('DELETE', `/api/v1/agreements/${d!.id}`)).statusCode).toBe(409);
    expect((await vendor.request('POST', `/api/v1/agreements/${d!.id}/publish`)).statusCode).toBe(409);
    const read = (await vendor.request('GET', `/api/v1/agreements/${d!.id}`)).json() as { body: string; title: string };
    expect(read).toMatchObject({ title: 'Partner agreement', body: `${BODY}\n\nDisputes: arbitration.` });

    const audit = (
      await (await signedIn(env, 'admin')).browser.request('GET', `/api/v1/audit?objectId=${d!.id}`)
    ).json() as { items: { action: string }[] };
    expect(audit.items.map((a) => a.action).sort()).toEqual([
      'agreement.created',
      'agreement.published',
      'agreement.updated',
    ]);
  });

  it('lets only the vendor write versions', async () => {
    const asPartner = await adminA.browser.request('POST', `/api/v1/programs/${programId}/agreements`, {
      title: 'x',
      body: 'y',
    });
    expect(asPartner.statusCode).toBe(403);
    const viewer = (await signedIn(env, 'viewer')).browser;
    expect(
      (await viewer.request('POST', `/api/v1/programs/${programId}/agreements`, { title: 'x', body: 'y' })).statusCode,
    ).toBe(403);
    expect((await viewer.request('GET', `/api/v1/programs/${programId}/agreements`)).statusCode).toBe(200);
  });

  it('refuses changes in an archived program', async () => {
    const archivedId = await runningProgram('Archived');
    const d = await draft(archivedId);
    expect((await vendor.request('POST', `/api/v1/programs/${archivedId}/archive`)).statusCode).toBe(200);
    expect((await vendor.request('POST', `/api/v1/agreements/${d.id}/publish`)).statusCode).toBe(409);
    expect((await vendor.request('PATCH', `/api/v1/agreements/${d.id}`, { title: 'x' })).statusCode).toBe(409);
    expect(
      (await vendor.request('POST', `/api/v1/programs/${archivedId}/agreements`, { title: 'x', body: 'y' })).statusCode,
    ).toBe(409);
  });
});

describe('accepting an agreement', () => {
  let programId: string;
  let v1: Agreement;
  let enrollmentA: string;
  let acceptanceId: string;

  beforeAll(async () => {
    programId = await runningProgram('Acceptance');
    v1 = await publish((await draft(programId)).id);
    enrollmentA = (await enroll(programId, partnerA.id)).id;
  });

  it('keeps an admitted partner approved until its admin accepts', async () => {
    const enrollment = (await vendor.request('GET', `/api/v1/enrollments/${enrollmentA}`)).json();
    expect(enrollment).toMatchObject({ status: 'approved', agreement: { id: v1.id, accepted: false, acceptBy: null } });

    const seen = await adminA.browser.request('GET', `/api/v1/enrollments/${enrollmentA}/agreement`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({
      enrollmentStatus: 'approved',
      agreement: { id: v1.id, version: 1, body: BODY, sha256: sha256(BODY) },
      accepted: false,
      acceptance: null,
      acceptBy: null,
      mayAccept: true,
      admins: [{ name: adminA.user.name }],
    });
    const asMember = (await memberA.request('GET', `/api/v1/enrollments/${enrollmentA}/agreement`)).json();
    expect(asMember).toMatchObject({ mayAccept: false, admins: [{ name: adminA.user.name }] });
  });

  it('refuses a member, another partner, a former version and a changed text, changing nothing', async () => {
    const right = { agreementId: v1.id, sha256: v1.sha256! };
    expect((await accept(memberA, enrollmentA, right)).statusCode).toBe(403);
    expect((await accept(vendor, enrollmentA, right)).statusCode).toBe(403);
    expect((await accept(adminB, enrollmentA, right)).statusCode).toBe(404);
    expect((await adminB.request('GET', `/api/v1/enrollments/${enrollmentA}/agreement`)).statusCode).toBe(404);
    expect((await adminB.request('GET', `/api/v1/enrollments/${enrollmentA}/acceptances`)).statusCode).toBe(404);

    const wrongHash = await accept(adminA.browser, enrollmentA, { ...right, sha256: sha256('another text') });
    expect(wrongHash.statusCode).toBe(409);
    expect(fields(wrongHash)).toEqual(['sha256']);
    const wrongVersion = await accept(adminA.browser, enrollmentA, {
      ...right,
      agreementId: '00000000-0000-4000-8000-000000000000',
    });
    expect(wrongVersion.statusCode).toBe(409);
    expect(fields(wrongVersion)).toEqual(['agreementId']);

    const rows = await env.db.run({ kind: 'system' }, (tx) => tx.select().from(agreementAcceptances));
    expect(rows.filter((r) => r.enrollmentId === enrollmentA)).toEqual([]);
  });

  it('records who accepted which text from where, and activates the enrollment', async () => {
    const res = await accept(adminA.browser, enrollmentA, { agreementId: v1.id, sha256: v1.sha256!.toUpperCase() });
    expect(res.statusCode, res.body).toBe(201);
    const acceptance = res.json() as { id: string; verifyUrl: string };
    acceptanceId = acceptance.id;
    expect(acceptance).toMatchObject({
      agreementId: v1.id,
      version: 1,
      enrollmentId: enrollmentA,
      partnerId: partnerA.id,
      partnerName: partnerA.name,
      userId: adminA.user.id,
      userName: adminA.user.name,
      userEmail: adminA.user.email,
      ipAddress: '127.0.0.1',
      userAgent: UA,
      sha256: sha256(BODY),
      verifyUrl: `http://trellis.test/verify/${acceptance.id}`,
    });
    const [row] = await env.db.run({ kind: 'system' }, (tx) =>
      tx.select().from(agreementAcceptances).where(eq(agreementAcceptances.id, acceptance.id)),
    );
    expect(row).toMatchObject({ ipAddress: '127.0.0.1', userAgent: UA, sha256: sha256(BODY) });

    const enrollment = (await adminA.browser.request('GET', `/api/v1/enrollments/${enrollmentA}`)).json();
    expect(enrollment).toMatchObject({ status: 'active', agreement: { accepted: true } });

    // a second click answers the acceptance already kept
    const again = await accept(adminA.browser, enrollmentA, { agreementId: v1.id, sha256: v1.sha256! });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: acceptance.id });
    const seen = (await adminA.browser.request('GET', `/api/v1/enrollments/${enrollmentA}/agreement`)).json();
    expect(seen).toMatchObject({ accepted: true, mayAccept: false, acceptance: { id: acceptance.id } });
  });

  it('lets anyone verify an acceptance, without the address, browser or email', async () => {
    const anonymous = new Browser(env.app);
    const res = await anonymous.request('GET', `/api/v1/public/acceptances/${acceptanceId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      id: acceptanceId,
      programName: 'Acceptance',
      agreementTitle: 'Partner agreement',
      agreementVersion: 1,
      publishedAt: v1.publishedAt,
      partnerName: partnerA.name,
      userName: adminA.user.name,
      acceptedAt: expect.any(String),
      sha256: sha256(BODY),
      textMatches: true,
    });
    for (const secret of ['127.0.0.1', UA, adminA.user.email, 'userEmail', 'ipAddress', 'userAgent'])
      expect(res.body).not.toContain(secret);
    expect(
      (await anonymous.request('GET', '/api/v1/public/acceptances/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
  });

  it('asks again for a new version: active stays active with a deadline, the old acceptance stays', async () => {
    const newcomer = await makePartner(env);
    const newcomerAdmin = await signedIn(env, 'partner_admin', newcomer.id);
    const enrollmentC = (await enroll(programId, newcomer.id)).id;

    const v2 = await publish((await draft(programId, { body: `${BODY}\n\nNew pricing.`, acceptWithinDays: 10 })).id);
    expect(v2).toMatchObject({ version: 2, current: true, awaitingCount: 2 });

    const enrollment = (await adminA.browser.request('GET', `/api/v1/enrollments/${enrollmentA}`)).json();
    expect(enrollment).toMatchObject({
      status: 'active',
      agreement: { id: v2.id, version: 2, accepted: false, acceptBy: v2.reacceptBy },
    });
    const pending = (await adminA.browser.request('GET', `/api/v1/enrollments/${enrollmentA}/agreement`)).json();
    expect(pending).toMatchObject({ agreement: { id: v2.id }, accepted: false, acceptBy: v2.reacceptBy });
    const newcomerView = (
      await newcomerAdmin.browser.request('GET', `/api/v1/enrollments/${enrollmentC}/agreement`)
    ).json();
    expect(newcomerView).toMatchObject({ enrollmentStatus: 'approved', acceptBy: null, mayAccept: true });

    const [mailA] = (await mailsTo(adminA.user.email)).filter((m) => m.template === 'agreement_to_accept');
    expect(mailA?.text).toContain('Please accept it by');
    expect(mailA?.text).toContain('http://trellis.test/portal/agreements');
    const [mailC] = (await mailsTo(newcomerAdmin.user.email)).filter((m) => m.template === 'agreement_to_accept');
    expect(mailC?.text).toContain('becomes active once you accept it');
    // partner B is in no program here and hears nothing
    expect(
      (await mailsTo((await adminB.request('GET', '/api/v1/auth/session')).json().user.email)).filter(
        (m) => m.template === 'agreement_to_accept',
      ),
    ).toEqual([]);

    // the former version can no longer be accepted
    expect((await accept(adminA.browser, enrollmentA, { agreementId: v1.id, sha256: v1.sha256! })).statusCode).toBe(
      409,
    );
    const reaccepted = await accept(adminA.browser, enrollmentA, { agreementId: v2.id, sha256: v2.sha256! });
    expect(reaccepted.statusCode, reaccepted.body).toBe(201);

    const history = (await adminA.browser.request('GET', `/api/v1/enrollments/${enrollmentA}/acceptances`)).json() as {
      version: number;
      id: string;
    }[];
    expect(history.map((h) => h.version)).toEqual([2, 1]);
    expect(history[1]!.id).toBe(acceptanceId);

    const versions = (await vendor.request('GET', `/api/v1/programs/${programId}/agreements`)).json() as Agreement[];
    expect(versions.map((v) => [v.version, v.current, v.acceptanceCount, v.awaitingCount])).toEqual([
      [2, true, 1, 1],
      [1, false, 1, null],
    ]);
    const byVendor = (await vendor.request('GET', `/api/v1/agreements/${v1.id}/acceptances`)).json();
    expect(byVendor).toMatchObject([{ id: acceptanceId, ipAddress: '127.0.0.1', userAgent: UA }]);
  });

  it('keeps acceptances append-only for the application role', async () => {
    const update = env.db.run({ kind: 'system' }, (tx) =>
      tx.execute(sql`update agreement_acceptances set sha256 = 'forged' where id = ${acceptanceId}`),
    );
    expect(await failure(update)).toMatch(/permission denied/);
    const remove = env.db.run({ kind: 'system' }, (tx) =>
      tx.execute(sql`delete from agreement_acceptances where id = ${acceptanceId}`),
    );
    expect(await failure(remove)).toMatch(/permission denied/);
    const [row] = await env.db.run({ kind: 'system' }, (tx) =>
      tx.select().from(agreementAcceptances).where(eq(agreementAcceptances.id, acceptanceId)),
    );
    expect(row?.sha256).toBe(sha256(BODY));
  });
});
