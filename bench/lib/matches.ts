import type pg from 'pg';
import { MATCHES_SQL } from '../../src/modules/deals/conflict-sql.js';
import { normalizeCompanyName } from '../../src/modules/deals/rules/company-name.js';
import { normalizeDomain } from '../../src/modules/partners/rules/domain.js';
import { type Percentiles, percentiles } from './load.js';
import { NEW_CUSTOMERS_FROM } from './seed.js';

/** Customers as the load registers them: new ones mostly, and some already held (spelled another way). */

export type Customer = { name: string; domain: string; country: string };

export async function newCustomers(client: pg.Client, run: number, count: number): Promise<Customer[]> {
  const from = NEW_CUSTOMERS_FROM + run * 10_000_000;
  const { rows } = await client.query<Customer>(
    `select c.name, c.domain, c.country from generate_series($1::bigint, $1::bigint + $2 - 1) g,
       lateral bench.customer(g) c`,
    [from, count],
  );
  return rows;
}

/** Customers someone holds now, written as another partner would write them. */
export async function heldCustomers(client: pg.Client, count: number): Promise<Customer[]> {
  const { rows } = await client.query<Customer>(
    `select customer_name as name, customer_domain as domain, customer_country as country from deals
      where status in ('submitted', 'approved', 'protected') and customer_domain is not null
      order by bench.h(number, 40) limit $1`,
    [count],
  );
  return rows.map((r, i) => ({
    ...r,
    name: i % 3 === 0 ? r.name.toUpperCase() : i % 3 === 1 ? `The ${r.name}` : r.name,
    domain: i % 2 === 0 ? `https://www.${r.domain}/` : r.domain,
  }));
}

/** Every `share`-th pick is a held customer; the others are new, each once. */
export function mix(fresh: Customer[], held: Customer[], share: number): (i: number) => Customer {
  const every = Math.round(1 / share);
  let next = 0;
  return (i) => (i % every === 0 ? held[(i / every) % held.length]! : fresh[next++ % fresh.length]!);
}

export type MatchTiming = { calls: number; matched: number; latencyMs: Percentiles };

/** The conflict check alone, one call after another on one connection, as the service runs it. */
export async function timeMatches(client: pg.Client, customers: Customer[], warmup: number): Promise<MatchTiming> {
  const args = customers.map((c) => [normalizeDomain(c.domain), normalizeCompanyName(c.name), null]);
  for (const a of args.slice(0, warmup)) await client.query(MATCHES_SQL, a);
  const times: number[] = [];
  let matched = 0;
  for (const a of args.slice(warmup)) {
    const t0 = performance.now();
    const { rowCount } = await client.query(MATCHES_SQL, a);
    times.push(performance.now() - t0);
    if (rowCount) matched += 1;
  }
  return { calls: times.length, matched, latencyMs: percentiles(times) };
}

/**
 * The same check as a partner's form asks it: `POST /api/v1/deals/conflict-check` on the running server, one call
 * after another, with the partner's API key; what a user waits for, the request's own work included.
 */
export async function timeChecksOverHttp(
  url: string,
  key: string,
  customers: Customer[],
  warmup: number,
): Promise<MatchTiming> {
  const check = async (c: Customer) => {
    const res = await fetch(`${url}/api/v1/deals/conflict-check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customerName: c.name, customerDomain: c.domain }),
    });
    if (res.status !== 200) throw new Error(`conflict check answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { likelyConflict: boolean }).likelyConflict;
  };
  for (const c of customers.slice(0, warmup)) await check(c);
  const times: number[] = [];
  let matched = 0;
  for (const c of customers.slice(warmup)) {
    const t0 = performance.now();
    if (await check(c)) matched += 1;
    times.push(performance.now() - t0);
  }
  return { calls: times.length, matched, latencyMs: percentiles(times) };
}

/** The plans of the statements inside the check, with real timings and buffers (auto_explain, nested). */
export async function explainMatches(client: pg.Client, customers: Customer[]): Promise<string[]> {
  const plans: string[] = [];
  // the plans of the match and of choosing the trigrams it probes; reading the threshold takes microseconds
  const collect = (msg: { message?: string }) => {
    if (/DISTINCT ON|pg_stats/.test(msg.message ?? '')) plans.push(msg.message!);
  };
  client.on('notice', collect);
  try {
    await client.query(`load 'auto_explain'`);
    for (const s of ['log_min_duration = 0', 'log_analyze = on', 'log_buffers = on', 'log_nested_statements = on'])
      await client.query(`set auto_explain.${s}`);
    await client.query('set client_min_messages = log');
    for (const c of customers) {
      plans.push(`-- ${c.name} (${c.domain})`);
      await client.query(MATCHES_SQL, [normalizeDomain(c.domain), normalizeCompanyName(c.name), null]);
    }
  } finally {
    await client.query('set client_min_messages = notice');
    await client.query('set auto_explain.log_min_duration = -1');
    client.off('notice', collect);
  }
  return plans;
}
