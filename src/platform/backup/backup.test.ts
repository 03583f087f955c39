import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { runMove } from '../../cli/backup.js';
import { Browser, createTestEnv, signedIn, type TestEnv } from '../../test/app.js';
import { backendName, createPostgresDatabase, testDatabaseUrl } from '../../test/database.js';
import { populate } from '../../test/populate.js';
import { type Database, openPglite, openPostgres } from '../db/database.js';
import { knownMigrations, migrationsUpTo } from '../db/migrations.js';
import { readTables, rowsOf } from './catalog.js';
import { dump } from './dump.js';
import { readBackupFile, writeBackupFile } from './file.js';
import type { BackupHeader } from './format.js';
import { restore } from './restore.js';

let env: TestEnv;
let dir: string;
let file: string;
let header: BackupHeader;
/** A partner admin who registered a deal with a file, as the source holds them. */
let sample: { email: string; dealId: string; attachmentId: string; customer: string };
/** A new data folder: the refused restores must leave it empty, and then it takes the backup (tests in order). */
let folder: Awaited<ReturnType<typeof blank>>;
const cleanups: (() => Promise<void>)[] = [];

const backupOf = async (db: Database, to: string) => (await writeBackupFile(to, (write) => dump(db, write))).result;
const fingerprint = (h: BackupHeader) => h.tables.map((t) => `${t.name} ${t.rows} ${t.checksum}`);

/** A new database nobody has touched: a data folder for the embedded one, a new database on the server. */
async function blank(backend: 'pglite' | 'postgres' | 'memory', folder = path.join(dir, `folder-${cleanups.length}`)) {
  if (backend === 'memory') {
    const db = await openPglite(undefined);
    cleanups.push(() => db.close().catch(() => undefined));
    return { db, folder: undefined, url: undefined };
  }
  if (backend === 'pglite') {
    mkdirSync(folder, { recursive: true });
    const db = await openPglite(path.join(folder, 'pgdata'));
    cleanups.push(() => db.close().catch(() => undefined));
    return { db, folder, url: undefined };
  }
  const { url, drop } = await createPostgresDatabase();
  const db = await openPostgres(url, { max: 2 });
  cleanups.push(async () => {
    await db.close().catch(() => undefined);
    await drop();
  });
  return { db, folder: undefined, url };
}

/** Signs in on an app over `db` as the sample partner admin and reads the deal and its file. */
async function readSampleDeal(db: Database) {
  const app = await buildApp({ config: env.config, db });
  try {
    const browser = new Browser(app);
    expect((await browser.login(sample.email)).statusCode).toBe(200);
    const deal = await browser.request('GET', `/api/v1/deals/${sample.dealId}`);
    const attachment = await browser.request(
      'GET',
      `/api/v1/deals/${sample.dealId}/attachments/${sample.attachmentId}`,
    );
    return { customer: (deal.json() as { customerName: string }).customerName, bytes: attachment.rawPayload };
  } finally {
    await app.close();
  }
}

/**
 * Rows for the tables the shared population leaves empty, with awkward values: quotes, backslashes, new lines
 * and non-Latin text, arrays with nulls, commas and empty strings, JSON with decimals, times to the millisecond.
 */
async function fillTheRest(running: string) {
  const awkward = "Ünïcödé “quotes” 'single' back\\slash, comma\nnew line\ttab 名前";
  await env.db.owner.execute(sql`
    insert into application_forms (program_id, published, intro, rules, pass_score)
    values (${running}, true, ${awkward}, '{"min": 1.50, "weights": [0.1, 2e3, -0], "nested": {"a": [null, "x"]}}', 70)`);
  await env.db.owner.execute(sql`
    insert into applications (program_id, company_name, website, domain, country, regions, partner_types, industries,
      company_size, contact_name, contact_email, message, score, eligible, eligibility, reviewed_at)
    values (${running}, ${awkward}, 'https://x.example', 'x.example', 'DE', array['EMEA', null, '', 'a,b', '{x}'],
      '{}', array['"quoted"'], '11-50', 'C', 'c@x.example', ${awkward}, 42, false, '[]',
      '2026-02-28 23:59:59.999+00')`);
  await env.db.owner.execute(
    sql`insert into mail_templates (key, subject, body, updated_by) values ('invitation', 'S', ${awkward}, 'test')`,
  );
  await env.db.owner.execute(sql`
    insert into password_resets (user_id, token_hash, expires_at) select id, 'h', now() + interval '1 hour' from users limit 1`);
  await env.db.owner.execute(
    sql`insert into schedules (name, job_kind, every_seconds, next_run_at) values ('s', 'k', 60, now())`,
  );
  await env.db.owner.execute(sql`insert into setup_tokens (token_hash, used_at) values ('h', now())`);
}

beforeAll(async () => {
  env = await createTestEnv();
  await fillTheRest((await populate(env)).running);
  sample = (
    await env.db.run({ kind: 'system' }, (tx) =>
      rowsOf<typeof sample>(
        tx,
        sql`select u.email, d.id as "dealId", a.id as "attachmentId", d.customer_name as customer
          from deal_attachments a join deals d on d.id = a.deal_id
          join users u on u.partner_id = d.partner_id and u.role = 'partner_admin' limit 1`,
      ),
    )
  )[0]!;
  dir = mkdtempSync(path.join(tmpdir(), 'trellis-backup-'));
  file = path.join(dir, 'backup.jsonl.gz');
  header = await backupOf(env.db, file);
  folder = await blank('pglite');
}, 120_000);

afterAll(async () => {
  for (const c of cleanups) await c();
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`backup and restore (${backendName})`, () => {
  it('backs up every table with its row count and checksum, from the schema the database is at', async () => {
    const tables = await readTables(env.db.owner);
    expect(header.tables.map((t) => t.name)).toEqual(tables.map((t) => t.name));
    expect(header.migration.tag).toBe(knownMigrations().at(-1)!.tag);
    expect(header.source.backend).toBe(backendName);
    const populated = header.tables.filter((t) => t.rows > 0).length;
    expect(populated / header.tables.length).toBeGreaterThan(0.9);
    // the deal numbers' sequence goes along, so a restored database never hands out a number twice
    expect(header.sequences.find((s) => s.name === 'deals_number_seq')?.lastValue).toBe('2');
  });

  /** The backup's lines, changed by `edit` and written again as a file. */
  const edited = (name: string, edit: (lines: string[]) => string[]) => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
    const to = path.join(dir, name);
    writeFileSync(to, gzipSync(edit(lines).join('\n') + '\n'));
    return to;
  };
  const withHeader = (change: (h: Record<string, unknown>) => void) => (lines: string[]) => {
    const h = JSON.parse(lines[0]!) as Record<string, unknown>;
    change(h);
    return [JSON.stringify(h), ...lines.slice(1)];
  };

  it('refuses what it cannot restore faithfully, with a message that says why, and keeps nothing', async () => {
    const cases: { what: string; file: () => string; target?: 'source'; message: RegExp }[] = [
      {
        what: 'a target that holds data',
        file: () => file,
        target: 'source',
        message: /The target database is not empty: \w+ \(\d+\)/,
      },
      {
        what: 'a file cut short',
        file: () => {
          const to = path.join(dir, 'cut.jsonl.gz');
          const bytes = readFileSync(file);
          writeFileSync(to, bytes.subarray(0, Math.floor(bytes.length / 2)));
          return to;
        },
        message: /cut short/,
      },
      {
        what: 'a file without its last line',
        file: () => edited('no-end', (l) => l.slice(0, -1)),
        message: /cut short/,
      },
      {
        what: 'a file that is not gzip',
        file: () => {
          const to = path.join(dir, 'text.txt');
          writeFileSync(to, 'id,name\n1,x\n');
          return to;
        },
        message: /not a Trellis backup/,
      },
      {
        what: 'a gzip file of something else',
        file: () => {
          const to = path.join(dir, 'other.gz');
          writeFileSync(to, gzipSync('hello\n'));
          return to;
        },
        message: /not a Trellis backup/,
      },
      {
        what: 'a backup of a newer schema',
        file: () =>
          edited(
            'newer',
            withHeader((h) => {
              h.trellis = '9.0.0';
              h.migration = { tag: '0099_future', when: knownMigrations().at(-1)!.when + 1, hash: 'x' };
            }),
          ),
        message: /newer Trellis \(9\.0\.0, schema 0099_future\).*Upgrade Trellis/,
      },
      {
        what: 'a newer format',
        file: () =>
          edited(
            'v2',
            withHeader((h) => (h.format = 'trellis.backup/v2')),
          ),
        message: /format trellis\.backup\/v2.*Upgrade Trellis/,
      },
      {
        what: 'a row changed after the backup was written',
        file: () =>
          edited('changed', (lines) => lines.map((l) => l.replace('"Shared Customer Ltd"', '"Shared Customer Inc"'))),
        message: /do not match the backup's checksums \(deals\); nothing was kept/,
      },
    ];
    for (const c of cases) {
      const into = c.target === 'source' ? env.db : folder.db;
      const error = await restore(into, readBackupFile(c.file())).then(
        () => new Error('restored'),
        (e: Error) => e,
      );
      expect(error.message, c.what).toMatch(c.message);
    }
    const [users] = await rowsOf<{ n: string }>(folder.db.owner, sql`select count(*)::text as n from users`);
    expect(users!.n).toBe('0');
  }, 60_000);

  it('restores into a new data folder: every table checks out, and people sign in and read their deals and files', async () => {
    const target = folder;
    const restored = await restore(target.db, readBackupFile(file));
    expect(restored.checks.every((c) => c.ok && c.rows === c.expectedRows)).toBe(true);
    expect(restored.checks.map((c) => c.rows)).toEqual(header.tables.map((t) => t.rows));
    // a backup of the restored database is the same, table for table (before anyone signs in and writes)
    expect(fingerprint(await backupOf(target.db, path.join(dir, 'again.jsonl.gz')))).toEqual(fingerprint(header));
    expect(await readSampleDeal(target.db)).toEqual({ customer: sample.customer, bytes: Buffer.from('hi') });
  }, 60_000);

  it.runIf(testDatabaseUrl)(
    'restores into a new PostgreSQL database',
    async () => {
      const target = await blank('postgres');
      const restored = await restore(target.db, readBackupFile(file));
      expect(restored.checks.every((c) => c.ok)).toBe(true);
      expect(await readSampleDeal(target.db)).toEqual({ customer: sample.customer, bytes: Buffer.from('hi') });
      // a new deal continues the numbering where the source left off
      const [next] = await rowsOf<{ n: string }>(target.db.owner, sql`select nextval('deals_number_seq')::text as n`);
      expect(next!.n).toBe('3');
    },
    60_000,
  );

  it.runIf(testDatabaseUrl)(
    'moves the data folder into PostgreSQL and checks every table there',
    async () => {
      // the folder as the test before left it (restored, then signed in to)
      const before = await backupOf(folder.db, path.join(dir, 'folder.jsonl.gz'));
      await folder.db.close();
      const { url, db } = await blank('postgres');
      const moved = await runMove({ ...env.config, dataDir: folder.folder!, databaseUrl: undefined }, url!);
      expect(moved.checks.filter((c) => !c.ok)).toEqual([]);
      expect(moved.checks.map((c) => c.rows)).toEqual(before.tables.map((t) => t.rows));
      // data folder → PostgreSQL: the same rows, table for table
      expect(fingerprint(await backupOf(db, path.join(dir, 'moved.jsonl.gz')))).toEqual(fingerprint(before));
    },
    90_000,
  );

  it('restores a backup of an older schema and brings it up to date', async () => {
    const backend = testDatabaseUrl ? 'postgres' : 'memory';
    const { db: old } = await blank(backend);
    const older = knownMigrations().at(-3)!;
    const folder = migrationsUpTo(older.tag);
    await old.migrate(folder);
    rmSync(folder, { recursive: true, force: true });
    await old.owner.execute(sql`insert into products (title, status) values ('From the old days', 'launch')`);
    const oldFile = path.join(dir, 'old.jsonl.gz');
    expect((await backupOf(old, oldFile)).migration.tag).toBe(older.tag);
    const target = await blank(backend);
    const restored = await restore(target.db, readBackupFile(oldFile));
    expect(restored.migratedTo).toBe(knownMigrations().at(-1)!.tag);
    const titles = await rowsOf<{ title: string }>(target.db.owner, sql`select title from products`);
    expect(titles).toEqual([{ title: 'From the old days' }]);
  }, 60_000);

  it('a server holding the embedded database hands its backup to the local operator only, and lists it nowhere', async () => {
    const app = await buildApp({ config: env.config, db: env.db, localToken: 'operator-token' });
    try {
      const local = await app.inject({
        method: 'GET',
        url: '/api/v1/operator/backup',
        headers: { authorization: 'Bearer local_operator-token' },
      });
      expect(local.statusCode).toBe(200);
      const lines = gunzipSync(local.rawPayload).toString('utf8').trim().split('\n');
      expect(lines[0]).toContain('"format":"trellis.backup/v1"');
      expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: 'trellis.backup/v1', tables: header.tables.length });
      const { browser } = await signedIn({ ...env, app }, 'admin');
      expect((await browser.request('GET', '/api/v1/operator/backup')).statusCode).toBe(404);
      const doc = await app.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(doc.body).not.toContain('/operator');
    } finally {
      await app.close();
    }
  });

  it('moves only into a PostgreSQL URL, and only from a data folder that holds a database', async () => {
    const config = { ...env.config, dataDir: path.join(dir, 'none'), databaseUrl: undefined };
    const cases: [string, RegExp][] = [
      ['mysql://db.example/trellis', /--to must be a PostgreSQL URL/],
      ['postgres://', /--to must be a PostgreSQL URL/],
      ['postgres://trellis:secret@127.0.0.1:1/trellis', /no Trellis database in .*none/],
    ];
    for (const [to, message] of cases)
      expect(
        await runMove(config, to).then(
          () => 'moved',
          (e: Error) => e.message,
        ),
        to,
      ).toMatch(message);
  });
});
