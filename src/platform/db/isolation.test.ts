import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../access/actor.js';
import { Browser, createTestEnv, makeUser, type TestEnv, unique } from '../../test/app.js';
import { backendName } from '../../test/database.js';
import { populate } from '../../test/populate.js';
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

beforeAll(async () => {
  env = await createTestEnv();
  ({ a, b, running } = await populate(env));
});

let running: string;

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
