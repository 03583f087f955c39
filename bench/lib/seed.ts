import type pg from 'pg';
import { normalizeDomain } from '../../src/modules/partners/rules/domain.js';
import { normalizeCompanyName } from '../../src/modules/deals/rules/company-name.js';
import { CUSTOMER_SQL } from './customers.js';

/**
 * Existing registrations written straight into the database as its owner, in one statement each way: what years
 * of use leave behind. Rows come in time order, as a real table fills: the oldest three quarters span almost three
 * years and are closed; the newest quarter spans the last 120 days and holds the active ones (60 % of it, 15 %
 * of all), each of a customer of its own. Closed registrations are of customers drawn from the same population,
 * so that a customer may have been registered before.
 */

export type SeedOptions = {
  count: number;
  partnerIds: string[];
  programId: string;
  currency: string;
  /** How many registrations are active, when not the usual 15 % (the rest of the newest quarter is closed). */
  active?: number;
};

/** Customers registered by load runs are numbered from here on, never colliding with seeded ones by number. */
export const NEW_CUSTOMERS_FROM = 100_000_000;
/** House accounts of the vendor, numbered apart too. */
const HOUSE_ACCOUNTS_FROM = 50_000_000;
const HOUSE_ACCOUNTS = 500;

const INSERT_DEALS = `
insert into deals (partner_id, program_id, status, customer_name, customer_name_key, customer_domain,
  customer_country, contact_name, contact_email, amount, currency, expected_close_date, attribution,
  submitted_at, sla_due_at, decided_at, decided_by, protection_days, protected_until, closed_at, won_amount,
  close_date, lost_reason, created_at, updated_at)
select
  ($1::uuid[])[1 + bench.h(g, 30) % cardinality($1::uuid[])], $2::uuid, s.status, c.name, c.name_key,
  case when not s.active and bench.h(g, 36) % 100 < 5 then null else c.domain end,
  c.country, 'Pat Buyer', 'buyer@' || c.domain, a.amount, $3, (t.created + interval '75 days')::date,
  case when bench.h(g, 31) % 4 = 0 then 'influenced' else 'sourced' end,
  t.created + interval '1 hour',
  t.created + interval '3 days',
  case when s.status not in ('submitted', 'conflict', 'withdrawn') then t.created + interval '1 day' end,
  case when s.status not in ('submitted', 'conflict', 'withdrawn') then 'Channel manager' end,
  case when s.status in ('protected', 'won', 'lost', 'expired') then 90 end,
  case when s.status in ('protected', 'won', 'lost', 'expired') then t.created + interval '91 days' end,
  case when s.status in ('won', 'lost', 'expired', 'rejected', 'withdrawn') then t.created + interval '45 days' end,
  case when s.status = 'won' then a.amount end,
  case when s.status in ('won', 'lost') then (t.created + interval '45 days')::date end,
  case when s.status = 'lost' then 'Chose a competitor' end,
  t.created, t.created + interval '45 days'
from generate_series(0, $4::bigint - 1) g
cross join lateral (select g >= ($4::bigint * 3) / 4 as recent) r
cross join lateral (
  select r.recent and bench.h(g, 33) % 100 < 60 and bench.h(g, 38) % 1000000 < $6::float8 * 1000000 as active
) a0
cross join lateral (
  select a0.active,
    case
      when a0.active then
        case when bench.h(g, 34) % 100 < 20 then 'submitted' when bench.h(g, 34) % 100 < 47 then 'approved'
             else 'protected' end
      else
        case when bench.h(g, 35) % 100 < 35 then 'won' when bench.h(g, 35) % 100 < 70 then 'lost'
             when bench.h(g, 35) % 100 < 86 then 'expired' when bench.h(g, 35) % 100 < 91 then 'rejected'
             when bench.h(g, 35) % 100 < 95 then 'withdrawn' else 'conflict' end
    end as status
) s
cross join lateral (
  select $5::timestamptz - case
    when r.recent then ($4::bigint - 1 - g) * interval '120 days' / greatest($4::bigint / 4, 1)
    else interval '120 days' + (($4::bigint * 3) / 4 - 1 - g) * interval '1000 days' / greatest(($4::bigint * 3) / 4, 1)
  end as created
) t
cross join lateral (select (500 + bench.h(g, 37) % 49500) * 1000 as amount) a
cross join lateral bench.customer(case when s.active then g else bench.h(g, 32) % $4::bigint end) c`;

const INSERT_HOUSE_ACCOUNTS = `
insert into house_accounts (name, name_key, domain, country, owner)
select c.name, c.name_key, c.domain, c.country, 'Direct sales'
from generate_series(${HOUSE_ACCOUNTS_FROM}, ${HOUSE_ACCOUNTS_FROM + HOUSE_ACCOUNTS - 1}) g,
     lateral bench.customer(g) c
on conflict (domain) do nothing`;

/** Seeds `count` registrations; the table's own indexes are dropped for the insert and built again after it. */
export async function seedDeals(client: pg.Client, options: SeedOptions): Promise<Record<string, number>> {
  const seconds: Record<string, number> = {};
  let last = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    seconds[name] = Math.round(now - last) / 1000;
    last = now;
  };
  await client.query(CUSTOMER_SQL);
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'deals'
       and indexname <> 'deals_pkey'`,
  );
  for (const i of indexes) await client.query(`drop index ${i.indexname}`);
  // the rows reference the partners and the program made through the API; checking that a million times is waste
  await client.query(`set session_replication_role = replica`);
  await client.query(INSERT_DEALS, [
    options.partnerIds,
    options.programId,
    options.currency,
    options.count,
    new Date().toISOString(),
    // the share of the usual active ones that stay active
    options.active === undefined ? 1 : options.active / (options.count * 0.15),
  ]);
  lap('insert');
  await client.query(`set session_replication_role = origin`);
  await client.query(`set maintenance_work_mem = '512MB'`);
  for (const i of indexes) await client.query(i.indexdef);
  lap('indexes');
  await client.query(INSERT_HOUSE_ACCOUNTS);
  await client.query('vacuum (analyze) deals');
  await client.query('vacuum (analyze) house_accounts');
  lap('vacuum');
  return seconds;
}

/**
 * The seed's normalized names and domains must be the service's: a sample of rows (and of the customers the load
 * will register) is run through the service's own functions. Any difference stops the benchmark.
 */
export async function verifyCustomers(client: pg.Client, sample: number): Promise<{ checked: number }> {
  const { rows } = await client.query<{ name: string; name_key: string; domain: string | null }>(
    `(select customer_name as name, customer_name_key as name_key, customer_domain as domain
        from deals tablesample system (5) limit $1)
     union all
     (select c.name, c.name_key, c.domain from generate_series($2::bigint, $2::bigint + $1 - 1) g,
        lateral bench.customer(g) c)`,
    [sample, NEW_CUSTOMERS_FROM],
  );
  const wrong = rows.filter(
    (r) => normalizeCompanyName(r.name) !== r.name_key || (r.domain !== null && normalizeDomain(r.domain) !== r.domain),
  );
  if (wrong.length)
    throw new Error(
      `seeded customers differ from the service's normalization, e.g. ${wrong
        .slice(0, 5)
        .map((r) => `${JSON.stringify(r.name)} → ${JSON.stringify(normalizeCompanyName(r.name))} ≠ ${r.name_key}`)
        .join('; ')}`,
    );
  return { checked: rows.length };
}
