import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../access/actor.js';
import { createApiKey } from '../../modules/identity/api-keys.service.js';
import { invite } from '../../modules/identity/invitations.service.js';
import { Browser, createTestEnv, makePartner, makeUser, type TestEnv, unique } from '../../test/app.js';
import { backendName } from '../../test/database.js';
import { acceptAgreement } from '../../modules/agreements/accept.service.js';
import { createAgreement, publishAgreement } from '../../modules/agreements/versions.service.js';
import { enrollPartner, listProgramEnrollments } from '../../modules/enrollments/service.js';
import { recordOnboardingEvent } from '../../modules/onboarding/events.js';
import { putLogo, updatePartner } from '../../modules/partners/service.js';
import { createBenefit } from '../../modules/programs/benefits.service.js';
import { createEcosystemNode } from '../../modules/programs/ecosystem.service.js';
import { setBenefitValues, setProgramBenefits } from '../../modules/programs/matrix.service.js';
import { createProgram, transitionProgram } from '../../modules/programs/programs.service.js';
import { createTier, putBadge } from '../../modules/programs/tiers.service.js';
import { addAttachment } from '../../modules/deals/attachments.service.js';
import { registerDeal } from '../../modules/deals/register.service.js';
import { putDealSettings } from '../../modules/deals/settings.service.js';
import type { Tx } from './database.js';

let env: TestEnv;
let a: { id: string };
let b: { id: string };

/** The database's own message (the query builder wraps it as the cause). */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'succeeded',
    (e: { message?: string; cause?: { message?: string } }) => e.cause?.message ?? e.message ?? String(e),
  );

const rowsOf = async (tx: Tx, query: ReturnType<typeof sql>) => {
  const result = (await tx.execute(query)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows;
};

/** Puts rows of partner `p` into every partner-owned table, through the real use cases. */
async function populate(p: { id: string }) {
  const admin = await makeUser(env, 'partner_admin', p.id);
  const actor: Actor = {
    type: 'user',
    id: admin.id,
    label: admin.email,
    role: 'partner_admin',
    partnerId: p.id,
    sessionId: null,
  };
  await invite(
    { ...env.ctx(actor), idempotencyKey: unique('k'), requestHash: 'h' },
    { email: `${unique('inv')}@example.com`, role: 'partner_member' },
  );
  await createApiKey(env.ctx(actor), { name: 'k', role: 'partner_member' });
  await updatePartner(env.ctx(systemActor('test')), p.id, { notes: `vendor notes on ${p.id}` });
  await putLogo(
    env.ctx(actor),
    p.id,
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect width="2" height="2"/></svg>'),
  );
  await new Browser(env.app).login(admin.email);
}

beforeAll(async () => {
  env = await createTestEnv();
  a = await makePartner(env);
  b = await makePartner(env);
  await populate(a);
  await populate(b);
  await makeUser(env, 'admin');
  await env.db.run({ kind: 'system' }, (tx) =>
    tx.execute(sql`insert into products (title, status) values ('p', 'launch')`),
  );
  running = await programWithLadder('Running', true);
  await withDeals(running);
  await programWithLadder('Draft', false);
});

let running: string;
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>');

/** A program with a tier, badge, benefit value, ecosystem node and both partners enrolled; active or not. */
async function programWithLadder(name: string, active: boolean): Promise<string> {
  const ctx = env.ctx(systemActor('test'));
  const product = (await env.db.run({ kind: 'system' }, (tx) => rowsOf(tx, sql`select id from products limit 1`)))[0]!
    .id as string;
  const program = await createProgram(ctx, { name, programType: 'reseller', currency: 'USD', productIds: [product] });
  const tier = await createTier(ctx, program.id, { name: 'Gold' });
  await putBadge(ctx, program.id, tier.id, SVG);
  const benefit = await createBenefit(ctx, { name: `Protection ${name}`, category: 'sales', valueType: 'days' });
  await setProgramBenefits(ctx, program.id, { benefitIds: [benefit.id] });
  await setBenefitValues(ctx, program.id, { values: [{ tierId: tier.id, benefitId: benefit.id, value: 30 }] });
  await createEcosystemNode(ctx, program.id, { type: 'api_ecosystem', title: 'API', properties: { apiStyle: 'rest' } });
  // only a running program takes members, so the other one ends after enrolling them (approval starts onboarding)
  await transitionProgram(ctx, program.id, { status: 'active', reason: 'test' });
  for (const p of [a, b]) await enrollPartner(ctx, program.id, { partnerId: p.id, tierId: tier.id });
  await env.db.run({ kind: 'vendor' }, async (tx) => {
    for (const p of [a, b])
      await recordOnboardingEvent(tx, { partnerId: p.id, event: 'training_completed', actorLabel: 'test' });
  });
  await withAgreement(program.id);
  if (!active) await transitionProgram(ctx, program.id, { status: 'completed', reason: 'test' });
  return program.id;
}

/** A published agreement that both partners accepted, and a draft of the next version. */
async function withAgreement(programId: string) {
  const ctx = env.ctx(systemActor('test'));
  const v1 = await publishAgreement(ctx, (await createAgreement(ctx, programId, { title: 'T', body: 'Terms' })).id);
  await createAgreement(ctx, programId, { title: 'T', body: 'Next terms' });
  for (const e of await listProgramEnrollments(ctx, programId)) {
    const admin = await makeUser(env, 'partner_admin', e.partnerId);
    const actor: Actor = {
      type: 'user',
      id: admin.id,
      label: admin.email,
      role: 'partner_admin',
      partnerId: e.partnerId,
      sessionId: null,
    };
    await acceptAgreement({ ...env.ctx(actor), ip: '192.0.2.1', userAgent: 'test' }, e.id, {
      agreementId: v1.id,
      sha256: v1.sha256!,
    });
  }
}

/** Both partners register the same customer (the second is a conflict), with files; settings and house accounts. */
async function withDeals(programId: string) {
  const vendor = env.ctx(systemActor('test'));
  await putDealSettings(vendor, programId, {
    approvalSlaDays: 2,
    protectionDays: 30,
    extensionDays: 10,
    autoApprove: false,
    autoApproveBelow: null,
    autoApproveAttributions: ['sourced'],
  });
  await env.db.run({ kind: 'system' }, (tx) =>
    tx.execute(sql`insert into house_accounts (name, name_key, domain) values ('House', 'house', 'house.example')`),
  );
  for (const p of [a, b]) {
    const user = await makeUser(env, 'partner_admin', p.id);
    const actor: Actor = {
      type: 'user',
      id: user.id,
      label: user.email,
      role: 'partner_admin',
      partnerId: p.id,
      sessionId: null,
    };
    const deal = await registerDeal(env.ctx(actor), {
      programId,
      customerName: 'Shared Customer Ltd',
      customerDomain: 'shared-customer.example',
      customerCountry: 'DE',
      contactName: 'C',
      contactEmail: 'c@shared-customer.example',
      amount: 100,
      expectedCloseDate: '2999-01-01',
    });
    await addAttachment(env.ctx(actor), deal.id, {
      filename: 'a.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('hi'),
    });
  }
}

/** Vendor tables a partner reads while the program runs: the ladder of running programs, nothing else. */
const LADDER_TABLES: Record<string, (row: Record<string, unknown>) => boolean> = {
  programs: (r) => r.id === running,
  program_tiers: (r) => r.program_id === running,
  tier_badges: (r) => r.program_id === running,
  program_benefits: (r) => r.program_id === running,
  benefit_values: (r) => r.program_id === running,
  program_products: (r) => r.program_id === running,
  onboarding_plans: (r) => r.program_id === running,
  onboarding_steps: (r) => r.program_id === running,
  agreements: (r) => r.program_id === running && r.published_at !== null,
  deal_settings: (r) => r.program_id === running,
};

/** Tables that name a partner but are the vendor's alone (notes, applications before and after review). */
const VENDOR_ONLY_WITH_PARTNER = ['partner_notes', 'applications'];
/** Tables every scope reads whole: wording of mail, not anybody's data. */
const READ_BY_ALL = ['products', 'mail_templates'];
afterAll(() => env.close());

describe(`row-level security (${backendName})`, () => {
  it('the application role is not a superuser, cannot bypass RLS and owns no table', async () => {
    const [role] = await env.db.run({ kind: 'system' }, (tx) =>
      rowsOf(tx, sql`select current_user as me, rolsuper, rolbypassrls from pg_roles where rolname = current_user`),
    );
    expect(role).toEqual({ me: 'trellis_app', rolsuper: false, rolbypassrls: false });
    const owned = await env.db.run({ kind: 'system' }, (tx) =>
      rowsOf(
        tx,
        sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and pg_get_userbyid(c.relowner) = 'trellis_app'`,
      ),
    );
    expect(owned).toEqual([]);
  });

  it('every table has row-level security enabled', async () => {
    const tables = await env.db.run({ kind: 'system' }, (tx) =>
      rowsOf(
        tx,
        sql`select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by 1`,
      ),
    );
    expect(tables.length).toBeGreaterThan(10);
    expect(tables.filter((t) => !t.relrowsecurity).map((t) => t.relname)).toEqual([]);
  });

  it('the role cannot switch itself to bypass the policies', async () => {
    const attempt = env.db.run({ kind: 'partner', partnerId: a.id }, async (tx) => {
      await tx.execute(sql`set local row_security = off`);
      return tx.execute(sql`select count(*) from users`);
    });
    expect(await failure(attempt)).toMatch(/row-level security/);
    const disable = env.db.run({ kind: 'partner', partnerId: a.id }, (tx) =>
      tx.execute(sql`alter table users disable row level security`),
    );
    expect(await failure(disable)).toMatch(/must be owner/);
  });

  it('without any app-level filter, a partner context reads only its own rows in every table', async () => {
    const tables = await env.db.run({ kind: 'system' }, (tx) =>
      rowsOf(
        tx,
        sql`select c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by 1`,
      ),
    );
    const seenAsA: Record<string, number> = {};
    const leaks: string[] = [];
    for (const { t } of tables) {
      const name = String(t);
      const column = name === 'partners' ? 'id' : 'partner_id';
      const all = await env.db.run({ kind: 'system' }, (tx) => rowsOf(tx, sql`select * from ${sql.identifier(name)}`));
      const mine = await env.db.run({ kind: 'partner', partnerId: a.id }, (tx) =>
        rowsOf(tx, sql`select * from ${sql.identifier(name)}`),
      );
      seenAsA[name] = mine.length;
      const hasOwner = all.length > 0 && column in all[0]!;
      if (READ_BY_ALL.includes(name)) {
        // the vendor's catalogue and mail wording: readable by partners, not theirs
        expect(mine.length, name).toBe(all.length);
        continue;
      }
      const visible = LADDER_TABLES[name];
      if (visible) {
        const expected = all.filter(visible).length;
        if (mine.length !== expected || !mine.every(visible))
          leaks.push(`${name}: saw ${mine.length}, expected ${expected}`);
        seenAsA[name] = mine.length;
        continue;
      }
      if (VENDOR_ONLY_WITH_PARTNER.includes(name)) {
        // they name the partner, but are never the partner's to read
        if (mine.length > 0) leaks.push(`${name}: ${mine.length} rows visible`);
        if (name === 'partner_notes' && all.length === 0) leaks.push('partner_notes: not populated, so not tested');
        continue;
      }
      if (name === 'benefits') {
        // only the benefits a running program awards
        if (mine.length !== 1 || mine[0]!.name !== 'Protection Running') leaks.push(`benefits: saw ${mine.length}`);
        continue;
      }
      if (!hasOwner) {
        if (mine.length > 0) leaks.push(`${name}: ${mine.length} vendor-only rows visible`);
        continue;
      }
      const foreign = mine.filter((r) => r[column] !== a.id);
      if (foreign.length > 0) leaks.push(`${name}: ${foreign.length} rows of another owner`);
      const expected = all.filter((r) => r[column] === a.id).length;
      if (mine.length !== expected) leaks.push(`${name}: saw ${mine.length} of its ${expected} rows`);
    }
    expect(leaks).toEqual([]);
    // vendor-only deal tables were populated, so their emptiness above means something
    const vendorOnly = await env.db.run({ kind: 'system' }, (tx) =>
      rowsOf(tx, sql`select (select count(*) from deal_conflicts) as c, (select count(*) from house_accounts) as h`),
    );
    expect(vendorOnly[0]).toMatchObject({ c: expect.anything(), h: expect.anything() });
    expect(Number(vendorOnly[0]!.c)).toBeGreaterThan(0);
    expect(Number(vendorOnly[0]!.h)).toBeGreaterThan(0);
    // the populated partner-owned tables were really exercised
    for (const t of [
      'partners',
      'users',
      'invitations',
      'api_keys',
      'sessions',
      'audit_log',
      'idempotency_keys',
      'enrollments',
      'tier_changes',
      'enrollment_status_changes',
      'agreement_acceptances',
      'onboardings',
      'onboarding_progress',
      'deals',
      'deal_events',
      'deal_attachments',
      ...Object.keys(LADDER_TABLES),
    ]) {
      expect(seenAsA[t], t).toBeGreaterThan(0);
    }
  });

  it('a partner context can neither write rows of another partner nor change them', async () => {
    const insert = env.db.run({ kind: 'partner', partnerId: a.id }, (tx) =>
      tx.execute(
        sql`insert into users (email, name, role, partner_id) values (${`${unique('x')}@example.com`}, 'x', 'partner_member', ${b.id})`,
      ),
    );
    expect(await failure(insert)).toMatch(/row-level security/);
    const updated = await env.db.run({ kind: 'partner', partnerId: a.id }, (tx) =>
      rowsOf(tx, sql`update users set name = 'hijacked' where partner_id = ${b.id} returning id`),
    );
    expect(updated).toEqual([]);
    const deleted = await env.db.run({ kind: 'partner', partnerId: a.id }, (tx) =>
      rowsOf(tx, sql`delete from api_keys where partner_id = ${b.id} returning id`),
    );
    expect(deleted).toEqual([]);
    const taken = await env.db.run({ kind: 'partner', partnerId: a.id }, (tx) =>
      rowsOf(tx, sql`update deals set status = 'withdrawn' where partner_id = ${b.id} returning id`),
    );
    expect(taken).toEqual([]);
  });

  it('a partner context can neither tick nor complete another partner’s onboarding', async () => {
    const [theirs] = await env.db.run({ kind: 'system' }, (tx) =>
      rowsOf(
        tx,
        sql`select o.enrollment_id, s.id as step_id from onboardings o join onboarding_steps s on s.program_id = o.program_id where o.partner_id = ${b.id} limit 1`,
      ),
    );
    const tick = env.db.run({ kind: 'partner', partnerId: a.id }, (tx) =>
      tx.execute(
        sql`insert into onboarding_progress (enrollment_id, step_id, partner_id, done_by) values (${theirs!.enrollment_id}, ${theirs!.step_id}, ${b.id}, 'x')`,
      ),
    );
    expect(await failure(tick)).toMatch(/row-level security/);
    const completed = await env.db.run({ kind: 'partner', partnerId: a.id }, (tx) =>
      rowsOf(tx, sql`update onboardings set completed_at = now() where partner_id = ${b.id} returning enrollment_id`),
    );
    expect(completed).toEqual([]);
    const steps = await env.db.run({ kind: 'partner', partnerId: a.id }, (tx) =>
      rowsOf(tx, sql`update onboarding_steps set title = 'hijacked' returning id`),
    );
    expect(steps).toEqual([]);
  });

  it('a transaction with no scope set sees nothing', async () => {
    const rows = await env.db.owner.transaction(async (tx) => {
      await tx.execute(sql`set local role trellis_app`);
      return rowsOf(tx, sql`select id from users`);
    });
    expect(rows).toEqual([]);
  });

  it('the audit log cannot be changed by the application role', async () => {
    const attempt = env.db.run({ kind: 'system' }, (tx) => tx.execute(sql`delete from audit_log`));
    expect(await failure(attempt)).toMatch(/permission denied/);
  });

  it('services confine a partner to its own objects even when asked for another', async () => {
    const sys = env.ctx(systemActor('test'));
    expect(sys.actor.type).toBe('system');
    const admin = await makeUser(env, 'partner_admin', a.id);
    const browser = new Browser(env.app);
    await browser.login(admin.email);
    const users = await browser.request('GET', `/api/v1/users?partnerId=${b.id}`);
    expect(users.json().items.every((u: { partnerId: string }) => u.partnerId === a.id)).toBe(true);
    expect((await browser.request('GET', `/api/v1/partners/${b.id}`)).statusCode).toBe(404);
  });
});
