import { eq, inArray, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPostgres } from '../../platform/db/database.js';
import { Browser, createTestEnv, signedIn, type TestEnv } from '../../test/app.js';
import { createPostgresDatabase, testDatabaseUrl } from '../../test/database.js';
import { dealBody, dealPartnerKey, dealProgram } from '../../test/deals.js';
import { type ApiClient, type ApiResponse, HttpBrowser } from '../../test/http.js';
import { type ServerGroup, startServers } from '../../test/servers.js';
import { dealConflicts, deals } from './schema.js';

/**
 * First come, first served under load: many partners register one customer at the same moment, through several
 * server processes sharing one PostgreSQL database (or one in-process app on the embedded database). Exactly one
 * registration may hold the customer, the earliest; every other one is a conflict pointing at it.
 */

const ACTIVE = ['submitted', 'approved', 'protected'];
const PARTNERS = 5;
const REQUESTS = 50;

type Customer = { label: string; names: string[]; domains: string[]; nameKey: string; domain: string };
type Setup = { programId: string; keys: string[] };
type Sent = { customer: Customer; res: ApiResponse };

// every spelling of one customer matches every other one, by domain or by name, so there is one holder to find
const acme: Customer = {
  label: 'Acme',
  names: ['Acme Corp', 'ACME Corporation', 'acme, inc.', 'The Acme Company', 'Acme LLC', 'Acme Rocket Supplies'],
  domains: ['https://www.acme.com/', 'acme.com.', 'ACME.COM', 'http://acme.com/contact', 'www.acme.com'],
  nameKey: 'acme',
  domain: 'acme.com',
};
// matched by name only: the domains differ
const globex: Customer = {
  label: 'Globex',
  names: ['Globex Corporation', 'GLOBEX, INC.', 'The Globex Company', 'globex gmbh', 'Globex S.A.'],
  domains: ['globex.com', 'https://globex.de/', 'www.globex.co.uk', 'globex.fr.'],
  nameKey: 'globex',
  domain: 'globex.com',
};
// matched by domain only: "Initech Systems" is not similar enough to "Initech"
const initech: Customer = {
  label: 'Initech',
  names: ['Initech', 'INITECH LLC', 'Initech Systems Ltd', 'initech, inc.'],
  domains: ['https://initech.com/', 'INITECH.COM.', 'www.initech.com', 'initech.com'],
  nameKey: 'initech',
  domain: 'initech.com',
};

async function setUp(admin: ApiClient): Promise<Setup> {
  const program = await dealProgram(admin);
  const keys: string[] = [];
  for (let i = 0; i < PARTNERS; i++) keys.push((await dealPartnerKey(admin, program.id)).key);
  return { programId: program.id, keys };
}

/** Fires every registration at once, partner after partner and server after server, and waits for all. */
async function registerAtOnce(clients: ApiClient[], setup: Setup, customers: Customer[]): Promise<Sent[]> {
  return Promise.all(
    Array.from({ length: REQUESTS }, async (_, i) => {
      const customer = customers[i % customers.length]!;
      const name = customer.names[i % customer.names.length]!;
      const domain = customer.domains[i % customer.domains.length]!;
      const res = await clients[i % clients.length]!.request(
        'POST',
        '/api/v1/deals',
        dealBody(setup.programId, { name, domain }),
        { authorization: `Bearer ${setup.keys[i % setup.keys.length]}` },
      );
      return { customer, res };
    }),
  );
}

/** What the database holds for `customer` after the burst, checked against what each partner was told. */
async function expectOneHolder(db: Database, sent: Sent[], customer: Customer) {
  const mine = sent.filter((s) => s.customer === customer);
  for (const { res } of mine) expect(res.statusCode, res.body).toBe(201);
  const told = new Map(
    mine.map(({ res }) => [(res.json() as { id: string }).id, (res.json() as { status: string }).status]),
  );

  const rows = await db.owner
    .select({ id: deals.id, status: deals.status, submittedAt: deals.submittedAt, createdAt: deals.createdAt })
    .from(deals)
    .where(or(eq(deals.customerDomain, customer.domain), eq(deals.customerNameKey, customer.nameKey)));
  // nothing registered but what was sent, and each partner was told what the database holds
  expect(new Set(rows.map((r) => r.id))).toEqual(new Set(told.keys()));
  for (const r of rows) expect(told.get(r.id), customer.label).toBe(r.status);

  const holders = rows.filter((r) => ACTIVE.includes(r.status));
  expect(holders, `${customer.label}: active registrations`).toHaveLength(1);
  const holder = holders[0]!;
  const others = rows.filter((r) => r !== holder);
  expect(new Set(others.map((r) => r.status))).toEqual(new Set(['conflict']));
  for (const r of others) expect(holder.submittedAt!.getTime()).toBeLessThanOrEqual(r.submittedAt!.getTime());

  const links = await db.owner
    .select({ dealId: dealConflicts.dealId, withDealId: dealConflicts.withDealId })
    .from(dealConflicts)
    .where(
      inArray(
        dealConflicts.dealId,
        rows.map((r) => r.id),
      ),
    );
  // every conflict points at the holder, and at nothing else
  expect(links.map((l) => l.dealId).sort()).toEqual(others.map((r) => r.id).sort());
  expect(new Set(links.map((l) => l.withDealId))).toEqual(new Set([holder.id]));
  return rows;
}

/**
 * The registrations really raced: counted in submission order, how many had begun (their transaction started)
 * before the one submitted just ahead of them took the lock — they were waiting while it worked.
 */
function overlapping(rows: { submittedAt: Date | null; createdAt: Date }[]): number {
  const bySubmission = [...rows].sort((a, b) => a.submittedAt!.getTime() - b.submittedAt!.getTime());
  return bySubmission.filter((r, i) => i > 0 && r.createdAt < bySubmission[i - 1]!.submittedAt!).length;
}

describe.runIf(testDatabaseUrl)('simultaneous registrations through three server processes (PostgreSQL)', () => {
  const admin = { email: 'race-admin@example.com', password: 'correct-horse-battery-staple' };
  let group: ServerGroup | undefined;
  let db: Database | undefined;
  let drop = async () => {};
  let clients: HttpBrowser[];
  let setup: Setup;

  beforeAll(async () => {
    const created = await createPostgresDatabase();
    drop = created.drop;
    group = await startServers(3, created.url, admin);
    db = await openPostgres(created.url, { max: 2 });
    clients = group.servers.map((s) => new HttpBrowser(s.url));
    const vendor = new HttpBrowser(group.servers[0]!.url);
    await vendor.login(admin.email, admin.password);
    setup = await setUp(vendor);
  }, 60_000);
  afterAll(async () => {
    await group?.stop();
    await db?.close();
    await drop();
  });

  it('fifty registrations of one customer, spelled many ways: one holds it, the earliest', async () => {
    const sent = await registerAtOnce(clients, setup, [acme]);
    const rows = await expectOneHolder(db!, sent, acme);
    expect(overlapping(rows)).toBeGreaterThanOrEqual(10);
  });

  it('two customers registered in the same burst: one holder each', async () => {
    const sent = await registerAtOnce(clients, setup, [globex, initech]);
    await expectOneHolder(db!, sent, globex);
    await expectOneHolder(db!, sent, initech);
  });
});

describe('simultaneous registrations through one in-process app', () => {
  let env: TestEnv;
  let setup: Setup;
  beforeAll(async () => {
    env = await createTestEnv();
    setup = await setUp((await signedIn(env, 'admin')).browser);
  });
  afterAll(() => env.close());

  it('fifty registrations of one customer at once: one holds it, the earliest', async () => {
    const sent = await registerAtOnce([new Browser(env.app)], setup, [acme]);
    await expectOneHolder(env.db, sent, acme);
  });
});
