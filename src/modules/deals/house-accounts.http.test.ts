import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestEnv, errorFields, makePartner, signedIn, type TestEnv, unique } from '../../test/app.js';
import type { HouseAccountView } from './contracts.js';
import { houseAccounts } from './schema.js';

let env: TestEnv;
let admin: Browser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = (await signedIn(env, 'admin')).browser;
});
afterAll(() => env.close());

type Account = HouseAccountView;
type Problem = { row: number; field: string; message: string };
type ImportResult = { rows: number; created: number; updated: number; unchanged: number; problems: Problem[] };

const create = (body: object, as = admin) => as.request('POST', '/api/v1/house-accounts', body);
const list = async (query: string, as = admin) =>
  (await as.request('GET', `/api/v1/house-accounts?${query}`)).json() as {
    items: Account[];
    nextCursor: string | null;
  };
const nameKeyOf = async (id: string) =>
  (await env.db.owner.select().from(houseAccounts).where(eq(houseAccounts.id, id)))[0]?.nameKey;
const audit = async (objectId: string) =>
  (
    (await admin.request('GET', `/api/v1/audit?objectId=${objectId}`)).json() as {
      items: { action: string; partnerId: string | null; before: unknown; after: unknown }[];
    }
  ).items;
const csv = (lines: string[]) => Buffer.from(lines.join('\n'));
const send = (body: Buffer, dryRun: boolean, as = admin) =>
  as.request('POST', `/api/v1/house-accounts/import?dryRun=${dryRun}`, body, { 'content-type': 'text/csv' });
/** A unique word: no punctuation, so that it reads the same in a name and in its matching key. */
const word = (prefix: string) => unique(prefix).replace(/[^a-z0-9]/gi, '');
const count = async () => (await env.db.owner.select().from(houseAccounts)).length;

describe('house accounts', () => {
  it.each([
    ['https://www.Acme.com/x', 'The Acme Corp.', 'acme.com', 'acme'],
    ['ACME-Labs.example.', 'Acme Labs GmbH & Co. KG', 'acme-labs.example', 'acme labs'],
    ['http://shop.acme.co.uk:8080/?q=1', 'Société Générale S.A.', 'shop.acme.co.uk', 'societe generale'],
  ])('keeps the domain %s of “%s” as %s and the name’s key as “%s”', async (domain, name, stored, nameKey) => {
    const res = await create({ name, domain, country: 'fr' });
    expect(res.statusCode, res.body).toBe(201);
    const account = res.json() as Account;
    expect(account).toMatchObject({ name, domain: stored, country: 'FR', owner: '', notes: '' });
    expect(await nameKeyOf(account.id)).toBe(nameKey);
  });

  it('creates, finds, edits and deletes an account, auditing each change', async () => {
    const tag = word('Wayne');
    const res = await create({
      name: `${tag} Enterprises`,
      domain: `${tag}.example`,
      owner: 'Dana (AE)',
      notes: 'Key',
    });
    expect(res.statusCode, res.body).toBe(201);
    const account = res.json() as Account;

    for (const q of [tag.toUpperCase(), `${tag}.example`.toLowerCase(), `${tag} Enterprises Inc`])
      expect(
        (await list(`q=${encodeURIComponent(q)}`)).items.map((a) => a.id),
        q,
      ).toEqual([account.id]);

    const edit = await admin.request('PATCH', `/api/v1/house-accounts/${account.id}`, {
      name: `The ${tag} Holdings Ltd`,
      domain: null,
      country: 'us',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ domain: null, country: 'US', owner: 'Dana (AE)', notes: 'Key' });
    expect(await nameKeyOf(account.id)).toBe(`${tag} holdings`.toLowerCase());

    const del = await admin.request('DELETE', `/api/v1/house-accounts/${account.id}`);
    expect(del.statusCode).toBe(204);
    expect((await list(`q=${tag}`)).items).toEqual([]);
    expect((await admin.request('PATCH', `/api/v1/house-accounts/${account.id}`, { owner: 'x' })).statusCode).toBe(404);
    expect((await admin.request('DELETE', `/api/v1/house-accounts/${account.id}`)).statusCode).toBe(404);

    const entries = await audit(account.id);
    expect(entries.map((e) => e.action)).toEqual([
      'house_account.deleted',
      'house_account.updated',
      'house_account.created',
    ]);
    expect(entries.every((e) => e.partnerId === null)).toBe(true);
    expect(entries[0]).toMatchObject({ before: { name: `The ${tag} Holdings Ltd` }, after: null });
  });

  it('refuses bad input by field and changes nothing', async () => {
    const before = await count();
    for (const [body, field] of [
      [{ name: '', domain: 'ok.example' }, 'name'],
      [{ name: '*** -- !' }, 'name'],
      [{ name: 'Nowhere', domain: 'not a domain' }, 'domain'],
      [{ name: 'Nowhere', domain: 'localhost' }, 'domain'],
      [{ name: 'Nowhere', country: 'XX' }, 'country'],
      [{ name: 'Nowhere', partnerId: crypto.randomUUID() }, 'body'],
    ] as const) {
      const res = await create(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(errorFields(res).join(), JSON.stringify(body)).toContain(field);
    }
    const [first] = (await list('limit=1')).items;
    const bad = await admin.request('PATCH', `/api/v1/house-accounts/${first!.id}`, { domain: 'nope' });
    expect(errorFields(bad)).toEqual(['domain']);
    expect((await list('limit=1')).items[0]).toEqual(first);
    expect(await count()).toBe(before);
  });

  it('holds one account per domain (409 naming domain); many may have none', async () => {
    const domain = `${unique('globex')}.example`;
    const held = (await create({ name: 'Globex', domain })).json() as Account;
    const twin = await create({ name: 'Globex Again', domain: `HTTP://WWW.${domain.toUpperCase()}/about` });
    expect(twin.statusCode).toBe(409);
    expect(errorFields(twin)).toEqual(['domain']);
    expect((twin.json() as { detail: string }).detail).toContain('Globex');

    const other = (await create({ name: 'Globex Without Domain' })).json() as Account;
    expect((await create({ name: 'Globex Without Domain' })).statusCode).toBe(201);
    const moved = await admin.request('PATCH', `/api/v1/house-accounts/${other.id}`, { domain });
    expect(moved.statusCode).toBe(409);
    expect(errorFields(moved)).toEqual(['domain']);
    // an account keeps its own domain when edited
    expect((await admin.request('PATCH', `/api/v1/house-accounts/${held.id}`, { domain })).statusCode).toBe(200);
  });

  it('lists alphabetically in pages', async () => {
    const tag = unique('pager');
    for (const n of ['c', 'a', 'b']) await create({ name: `${tag} ${n}` });
    const first = await list(`q=${tag}&limit=2`);
    expect(first.items.map((a) => a.name)).toEqual([`${tag} a`, `${tag} b`]);
    const second = await list(`q=${tag}&limit=2&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ items: [{ name: `${tag} c` }], nextCursor: null });
    const bad = await admin.request('GET', '/api/v1/house-accounts?cursor=garbage');
    expect(bad.statusCode).toBe(400);
    expect(errorFields(bad)).toEqual(['cursor']);
  });
});

describe('house account CSV', () => {
  it('a dry run lists every bad row and writes nothing; a bad file imports nothing', async () => {
    const taken = `${unique('taken')}.example`;
    await create({ name: 'Taken', domain: taken });
    const file = csv([
      'Name,Domain,Country,Owner,Notes,Colour',
      'Good One,good-one.example,FR,,,',
      ',nameless.example,FR,,,',
      'Bad Country,bad-country.example,XX,,,',
      'Bad Domain,not a domain,US,,,',
      'Twin A,twin.example,US,,,',
      'Twin B,http://www.twin.example/,US,,,',
      'Lone Name,,,,,',
      'Lone Name Inc.,,,,,',
      `Update Is Fine,${taken},US,,,`,
    ]);
    const before = await count();
    const dry = await send(file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    const result = dry.json() as ImportResult;
    expect(result).toMatchObject({ rows: 9, created: 3, updated: 1 });
    expect(result.problems.map((p) => [p.row, p.field])).toEqual([
      [1, 'colour'],
      [3, 'name'],
      [4, 'country'],
      [5, 'domain'],
      [7, 'domain'],
      [9, 'name'],
    ]);
    expect(result.problems[4]!.message).toBe('repeats the domain twin.example of row 6');
    const real = await send(file, false);
    expect(real.statusCode).toBe(400);
    expect(errorFields(real)).toEqual([
      'rows[1].colour',
      'rows[3].name',
      'rows[4].country',
      'rows[5].domain',
      'rows[7].domain',
      'rows[9].name',
    ]);
    expect(await count()).toBe(before);
    expect(((await send(csv(['domain', 'x.example']), true)).json() as ImportResult).problems).toEqual([
      { row: 1, field: 'name', message: 'the name column is required' },
      { row: 2, field: 'name', message: 'is required' },
    ]);
  });

  it('imports by upsert: the same domain, or the same name without one, updates; the rest is new', async () => {
    const tag = unique('up');
    const held = (
      await create({ name: `${tag} Initech`, domain: `${tag}-initech.example`, owner: 'Old' })
    ).json() as Account;
    const bare = (await create({ name: `${tag} Pied Piper Inc` })).json() as Account;
    const file = csv([
      'name,domain,country,owner,notes',
      `${tag} Initech Corp,https://${tag}-initech.example,us,New Owner,"Renewal in May, 2 seats"`,
      `${tag} Hooli,${tag}-hooli.example,US,Gavin,`,
      `${tag} Pied Piper,,,Richard,`,
      `${tag} Raviga,,GB,,`,
    ]);
    const dry = (await send(file, true)).json() as ImportResult;
    expect(dry).toMatchObject({ dryRun: true, rows: 4, created: 2, updated: 2, unchanged: 0, problems: [] });
    const done = await send(file, false);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ dryRun: false, created: 2, updated: 2, unchanged: 0 });

    const found = (await list(`q=${tag}`)).items;
    expect(found).toHaveLength(4);
    expect(found.find((a) => a.id === held.id)).toMatchObject({
      name: `${tag} Initech Corp`,
      country: 'US',
      owner: 'New Owner',
      notes: 'Renewal in May, 2 seats',
    });
    expect(found.find((a) => a.id === bare.id)).toMatchObject({ name: `${tag} Pied Piper`, owner: 'Richard' });
    const imported = await audit(held.id);
    expect(imported[0]).toMatchObject({
      action: 'house_account.imported',
      partnerId: null,
      before: { owner: 'Old' },
      after: { owner: 'New Owner' },
    });
    const hooli = found.find((a) => a.domain === `${tag}-hooli.example`)!;
    expect((await audit(hooli.id)).map((e) => e.action)).toEqual(['house_account.imported']);

    expect((await send(file, false)).json()).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });

  it('imports and matches a file longer than the pieces its statements are cut into', async () => {
    const tag = word('bulk');
    const lines = Array.from({ length: 1500 }, (_, i) => `${tag} ${i},${i % 100 ? `${tag}-${i}.example` : ''},,,`);
    const file = csv(['name,domain,country,owner,notes', ...lines]);
    const done = await send(file, false);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ rows: 1500, created: 1500 });
    expect((await send(file, true)).json()).toMatchObject({ created: 0, updated: 0, unchanged: 1500 });
  });

  it('exports what the search finds, and the export imports back unchanged', async () => {
    const tag = unique('exp');
    await create({
      name: `${tag} Umbrella`,
      domain: `${tag}.example`,
      country: 'DE',
      owner: 'Ada',
      notes: 'Says "hi", twice',
    });
    await create({ name: `${tag} Nakatomi` });
    await create({ name: unique('Elsewhere') });
    const exported = await admin.request('GET', `/api/v1/house-accounts/export.csv?q=${tag}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.headers['content-disposition']).toBe('attachment; filename="house-accounts.csv"');
    const lines = exported.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines).toEqual([
      'name,domain,country,owner,notes',
      `${tag} Nakatomi,,,,`,
      `${tag} Umbrella,${tag}.example,DE,Ada,"Says ""hi"", twice"`,
    ]);
    const before = await count();
    const again = await send(Buffer.from(exported.body), false);
    expect(again.json()).toMatchObject({ rows: 2, created: 0, updated: 0, unchanged: 2, problems: [] });
    expect(await count()).toBe(before);
  });
});

describe('who may', () => {
  it('lets every vendor role read, only admins and channel managers write, and partners nothing', async () => {
    const account = (await create({ name: unique('Roles') })).json() as Account;
    const partner = await makePartner(env);
    const reads = [
      ['GET', '/api/v1/house-accounts'],
      ['GET', '/api/v1/house-accounts/export.csv'],
      ['GET', '/api/v1/deal-policy'],
    ] as const;
    const writes = [
      ['POST', '/api/v1/house-accounts', { name: unique('Nope') }],
      ['PATCH', `/api/v1/house-accounts/${account.id}`, { owner: 'Nope' }],
      ['DELETE', `/api/v1/house-accounts/${account.id}`, undefined],
      ['POST', '/api/v1/house-accounts/import?dryRun=true', csv(['name', 'Nope'])],
      ['PUT', '/api/v1/deal-policy', { nameSimilarity: 0.7 }],
    ] as const;
    const headersOf = (body: unknown): Record<string, string> =>
      Buffer.isBuffer(body) ? { 'content-type': 'text/csv' } : {};
    for (const role of ['viewer', 'finance', 'marketing'] as const) {
      const { browser } = await signedIn(env, role);
      for (const [method, url] of reads)
        expect((await browser.request(method, url)).statusCode, `${role} ${url}`).toBe(200);
      for (const [method, url, body] of writes)
        expect((await browser.request(method, url, body, headersOf(body))).statusCode, `${role} ${method} ${url}`).toBe(
          403,
        );
    }
    for (const role of ['partner_admin', 'partner_member'] as const) {
      const { browser } = await signedIn(env, role, partner.id);
      for (const [method, url, body] of [...reads.map(([m, u]) => [m, u, undefined] as const), ...writes])
        expect((await browser.request(method, url, body, headersOf(body))).statusCode, `${role} ${method} ${url}`).toBe(
          403,
        );
    }
    const { browser: cm } = await signedIn(env, 'channel_manager');
    expect((await cm.request('PATCH', `/api/v1/house-accounts/${account.id}`, { owner: 'CM' })).statusCode).toBe(200);
    expect((await list(`q=${account.name}`)).items[0]?.owner).toBe('CM');
  });

  it('answers the vendor’s API keys by their role, and a partner’s key with 403', async () => {
    const keyOf = async (as: Browser, role: string) => {
      const res = await as.request('POST', '/api/v1/api-keys', { name: unique('key'), role });
      expect(res.statusCode, res.body).toBe(201);
      return { authorization: `Bearer ${(res.json() as { secret: string }).secret}` };
    };
    const script = new Browser(env.app);
    const writer = await keyOf(admin, 'channel_manager');
    const made = await script.request('POST', '/api/v1/house-accounts', { name: unique('From CRM') }, writer);
    expect(made.statusCode, made.body).toBe(201);
    const viewer = await keyOf(admin, 'viewer');
    expect((await script.request('GET', '/api/v1/house-accounts', undefined, viewer)).statusCode).toBe(200);
    expect((await script.request('POST', '/api/v1/house-accounts', { name: 'x' }, viewer)).statusCode).toBe(403);

    const partner = await makePartner(env);
    const { browser: pa } = await signedIn(env, 'partner_admin', partner.id);
    const partnerKey = await keyOf(pa, 'partner_member');
    expect((await script.request('GET', '/api/v1/house-accounts', undefined, partnerKey)).statusCode).toBe(403);
    expect((await script.request('GET', '/api/v1/deal-policy', undefined, partnerKey)).statusCode).toBe(403);
  });
});

describe('the matching policy', () => {
  type Match = { house_account_id: string | null; matched_on: string };
  // both drivers answer `{ rows }`; the ORM's generic result type does not say so
  const matches = async (domain: string | null, nameKey: string) =>
    (
      (await env.db.owner.execute(sql`select * from trellis_deal_matches(${domain}, ${nameKey}, null)`)) as unknown as {
        rows: Match[];
      }
    ).rows;
  const policy = (body: unknown) => admin.request('PUT', '/api/v1/deal-policy', body);

  it('keeps the name similarity within 0.1 and 1, audited', async () => {
    expect((await admin.request('GET', '/api/v1/deal-policy')).json()).toMatchObject({ nameSimilarity: 0.6 });
    for (const bad of [0.05, 1.5, '0.7', null]) {
      const res = await policy({ nameSimilarity: bad });
      expect(res.statusCode, String(bad)).toBe(400);
      expect(errorFields(res)).toEqual(['nameSimilarity']);
    }
    const set = await policy({ nameSimilarity: 0.75 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ nameSimilarity: 0.75 });
    expect((await admin.request('GET', '/api/v1/deal-policy')).json()).toMatchObject({ nameSimilarity: 0.75 });
    expect((await audit('1'))[0]).toMatchObject({
      action: 'deal_policy.updated',
      partnerId: null,
      before: { nameSimilarity: 0.6 },
      after: { nameSimilarity: 0.75 },
    });
    await policy({ nameSimilarity: 0.6 });
  });

  it('makes the conflict check see a house account by domain and by a similar name, until the bar is 1', async () => {
    const tag = word('initrode');
    const account = (await create({ name: `${tag} Systems Inc.`, domain: `${tag}.example` })).json() as Account;
    const mine = (rows: Match[]) => rows.filter((r) => r.house_account_id === account.id).map((r) => r.matched_on);

    expect(mine(await matches(`${tag}.example`, 'someone else entirely'))).toEqual(['domain']);
    expect(mine(await matches(null, `${tag} system`))).toEqual(['name']);
    expect(mine(await matches(null, 'someone else entirely'))).toEqual([]);

    expect((await policy({ nameSimilarity: 1 })).statusCode).toBe(200);
    expect(mine(await matches(null, `${tag} system`))).toEqual([]);
    expect(mine(await matches(null, `${tag} systems`))).toEqual(['name']);
    expect(mine(await matches(`${tag}.example`, 'someone else entirely'))).toEqual(['domain']);
    await policy({ nameSimilarity: 0.6 });

    await admin.request('DELETE', `/api/v1/house-accounts/${account.id}`);
    expect(mine(await matches(`${tag}.example`, `${tag} systems`))).toEqual([]);
  });
});
