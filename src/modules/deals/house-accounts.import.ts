import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import { type Change, recordChanges } from '../../platform/audit/record.js';
import { requireAccess } from '../../platform/access/require-access.js';
import type { Ctx } from '../../platform/context.js';
import { type CsvProblem, readCsv, refusedImport, writeCsv } from '../../platform/csv.js';
import { chunks } from '../../platform/db/chunks.js';
import type { Tx } from '../../platform/db/database.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import {
  exportHouseAccountsQuery,
  type ExportHouseAccountsQuery,
  houseAccountBody,
  type HouseAccountImportView,
} from './contracts.js';
import { houseAccountChange, type HouseAccountRow, matchKeys, searchHouseAccounts } from './house-accounts.service.js';
import { houseAccounts } from './schema.js';

/** The columns of the house account CSV, in order: the export writes them, the import reads them. */
export const HOUSE_ACCOUNT_COLUMNS = ['name', 'domain', 'country', 'owner', 'notes'] as const;

type Fields = Pick<HouseAccountRow, 'name' | 'nameKey' | 'domain' | 'country' | 'owner' | 'notes'>;
type Step = { fields: Fields; existing: HouseAccountRow | null };

const same = (row: HouseAccountRow, f: Fields) =>
  row.name === f.name &&
  row.domain === f.domain &&
  row.country === f.country &&
  row.owner === f.owner &&
  row.notes === f.notes;

/** Every row checked, and what it would do: create an account, update one, or leave it as it is. */
async function plan(tx: Tx, text: string): Promise<{ rows: number; steps: Step[]; problems: CsvProblem[] }> {
  const { rows, problems } = readCsv(text, HOUSE_ACCOUNT_COLUMNS, ['name']);
  const checked: Fields[] = [];
  // a file that names one account twice would update it twice: the second row would silently win
  const domainRow = new Map<string, number>();
  const nameRow = new Map<string, number>();
  for (const { line, values } of rows) {
    const parsed = houseAccountBody.safeParse({
      name: values.name ?? '',
      domain: values.domain ?? null,
      country: values.country ?? null,
      owner: values.owner,
      notes: values.notes,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ row: line, field: String(issue.path[0] ?? 'row'), message: issue.message });
      continue;
    }
    const keys = matchKeys(parsed.data.name, parsed.data.domain);
    problems.push(...keys.errors.map((e) => ({ row: line, ...e })));
    if (keys.errors.length) continue;
    const [seen, key, field] = keys.domain ? [domainRow, keys.domain, 'domain'] : [nameRow, keys.nameKey, 'name'];
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const what = keys.domain ? `the domain ${key}` : 'the name, with no domain,';
      problems.push({ row: line, field, message: `repeats ${what} of row ${earlier}` });
      continue;
    }
    seen.set(key, line);
    checked.push({ ...parsed.data, nameKey: keys.nameKey, domain: keys.domain });
  }

  const byDomain = new Map<string, HouseAccountRow>();
  for (const chunk of chunks([...domainRow.keys()]))
    for (const r of await tx.select().from(houseAccounts).where(inArray(houseAccounts.domain, chunk)))
      byDomain.set(r.domain!, r);
  // without a domain, a row updates the account of the same name that has none either (the oldest, should two)
  const byName = new Map<string, HouseAccountRow>();
  for (const chunk of chunks([...nameRow.keys()]))
    for (const r of await tx
      .select()
      .from(houseAccounts)
      .where(and(isNull(houseAccounts.domain), inArray(houseAccounts.nameKey, chunk)))
      .orderBy(desc(houseAccounts.createdAt)))
      byName.set(r.nameKey, r);

  const steps = checked.map((fields) => ({
    fields,
    existing: (fields.domain ? byDomain.get(fields.domain) : byName.get(fields.nameKey)) ?? null,
  }));
  return { rows: rows.length, steps, problems: problems.sort((a, b) => a.row - b.row) };
}

type Update = Step & { existing: HouseAccountRow };

/** Sets each account of `chunk` to its row's fields, in one statement; the changes, to be audited. */
async function updateAccounts(tx: Tx, chunk: Update[]): Promise<Change[]> {
  const rows = sql.join(
    chunk.map(
      ({ existing, fields: f }) =>
        sql`(${existing.id}::uuid, ${f.name}, ${f.nameKey}, ${f.domain}, ${f.country}, ${f.owner}, ${f.notes})`,
    ),
    sql`, `,
  );
  const updated = await tx
    .update(houseAccounts)
    .set({
      name: sql`v.name`,
      nameKey: sql`v.name_key`,
      domain: sql`v.domain`,
      country: sql`v.country`,
      owner: sql`v.owner`,
      notes: sql`v.notes`,
      updatedAt: new Date(),
    })
    .from(sql`(values ${rows}) as v(id, name, name_key, domain, country, owner, notes)`)
    .where(eq(houseAccounts.id, sql`v.id`))
    .returning(getTableColumns(houseAccounts));
  const before = new Map(chunk.map((u) => [u.existing.id, u.existing]));
  return updated.map((row) => houseAccountChange('imported', before.get(row.id)!, row));
}

function counts(steps: Step[]) {
  const unchanged = steps.filter((s) => s.existing && same(s.existing, s.fields)).length;
  const updated = steps.filter((s) => s.existing).length - unchanged;
  return { created: steps.length - updated - unchanged, updated, unchanged };
}

/**
 * Imports house accounts from CSV. A row with a domain updates the account of that domain, one without updates
 * the domain-less account of the same normalized name; any other row is a new account. Every row is checked
 * first and any problem refuses the whole file; a dry run only reports what the import would do.
 */
export async function importHouseAccounts(
  ctx: Ctx,
  text: string,
  options: { dryRun: boolean },
): Promise<HouseAccountImportView> {
  requireAccess(ctx.actor, 'house_account.write');
  if (options.dryRun) {
    const { rows, steps, problems } = await read(ctx, (tx) => plan(tx, text));
    return { dryRun: true, rows, ...counts(steps), problems };
  }
  return write(ctx, 'house_account.import', async (tx) => {
    const { rows, steps, problems } = await plan(tx, text);
    if (problems.length) throw refusedImport(problems);
    const changes: Change[] = [];
    for (const chunk of chunks(steps.filter((s) => !s.existing).map((s) => s.fields)))
      for (const row of await tx.insert(houseAccounts).values(chunk).returning())
        changes.push(houseAccountChange('imported', null, row));
    const changed = steps.filter((s): s is Update => !!s.existing && !same(s.existing, s.fields));
    for (const chunk of chunks(changed)) changes.push(...(await updateAccounts(tx, chunk)));
    await recordChanges(tx, ctx, changes);
    return { dryRun: false, rows, ...counts(steps), problems: [] };
  });
}

/** The house accounts the search finds, alphabetical, in the columns the import reads: an export imports back. */
export async function exportHouseAccounts(ctx: Ctx, raw: ExportHouseAccountsQuery = {}): Promise<string> {
  requireAccess(ctx.actor, 'house_account.read');
  const q = parseInput(exportHouseAccountsQuery, raw);
  const rows = await read(ctx, (tx) =>
    tx
      .select()
      .from(houseAccounts)
      .where(searchHouseAccounts(q.q))
      .orderBy(asc(houseAccounts.name), asc(houseAccounts.id)),
  );
  return writeCsv(
    HOUSE_ACCOUNT_COLUMNS,
    rows.map((r) => [r.name, r.domain, r.country, r.owner, r.notes]),
  );
}
