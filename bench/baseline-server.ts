import http from 'node:http';
import pg from 'pg';
import { LOCK_SUBMISSIONS_SQL, MATCHES_SQL } from '../src/modules/deals/conflict-sql.js';
import { normalizeCompanyName } from '../src/modules/deals/rules/company-name.js';
import { normalizeDomain } from '../src/modules/partners/rules/domain.js';

/**
 * The least a registration can cost: a bare HTTP server and the bare driver running the statements the service
 * runs for the conflict check — one transaction as the application role in the partner's scope, the lock, the
 * match, the insert (and its conflict rows), the commit — with nothing else: no authentication, no validation
 * beyond parsing, no history, audit, outbox or mail. The partner comes in the `x-partner-id` header.
 *
 * DATABASE_URL and PORT from the environment.
 */

type Body = {
  programId: string;
  customerName: string;
  customerDomain: string;
  customerCountry: string;
  contactName: string;
  contactEmail: string;
  amount: number;
  expectedCloseDate: string;
  attribution: string;
};
type Match = { deal_id: string | null; house_account_id: string | null; matched_on: string; name_similarity: number };

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 50 });
const currencies = new Map<string, string>();

async function currencyOf(programId: string): Promise<string> {
  let currency = currencies.get(programId);
  if (!currency) {
    const { rows } = await pool.query<{ currency: string }>('select currency from programs where id = $1', [programId]);
    currency = rows[0]?.currency ?? 'USD';
    currencies.set(programId, currency);
  }
  return currency;
}

async function register(partnerId: string, b: Body) {
  const domain = normalizeDomain(b.customerDomain);
  const nameKey = normalizeCompanyName(b.customerName);
  const currency = await currencyOf(b.programId);
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('set local role trellis_app');
    await client.query(
      "select set_config('trellis.scope', 'partner', true), set_config('trellis.partner_id', $1, true)",
      [partnerId],
    );
    await client.query(LOCK_SUBMISSIONS_SQL);
    const { rows: matches } = await client.query<Match>(MATCHES_SQL, [domain, nameKey, null]);
    const status = matches.length ? 'conflict' : 'submitted';
    const { rows } = await client.query<{ id: string; number: number; status: string; submitted_at: Date }>(
      `insert into deals (partner_id, program_id, status, customer_name, customer_name_key, customer_domain,
         customer_country, contact_name, contact_email, amount, currency, expected_close_date, attribution,
         submitted_at, sla_due_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, clock_timestamp(), clock_timestamp() + interval '2 days')
       returning id, number, status, submitted_at`,
      [
        partnerId,
        b.programId,
        status,
        b.customerName,
        nameKey,
        domain,
        b.customerCountry,
        b.contactName,
        b.contactEmail,
        b.amount,
        currency,
        b.expectedCloseDate,
        b.attribution,
      ],
    );
    const deal = rows[0]!;
    if (matches.length)
      await client.query(
        `insert into deal_conflicts (deal_id, with_deal_id, house_account_id, matched_on, similarity)
         select $1, * from unnest($2::uuid[], $3::uuid[], $4::text[], $5::real[])`,
        [
          deal.id,
          matches.map((m) => m.deal_id),
          matches.map((m) => m.house_account_id),
          matches.map((m) => m.matched_on),
          matches.map((m) => m.name_similarity),
        ],
      );
    await client.query('commit');
    return deal;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/healthz') return reply(200, { ok: true });
    if (req.method !== 'POST' || req.url !== '/api/v1/deals') return reply(404, { error: 'not found' });
    let body: Body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Body;
    } catch {
      return reply(400, { error: 'body is not JSON' });
    }
    register(String(req.headers['x-partner-id']), body).then(
      (deal) => reply(201, { id: deal.id, number: deal.number, status: deal.status, submittedAt: deal.submitted_at }),
      (error: unknown) => reply(500, { error: String(error) }),
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 3311), '127.0.0.1');
const stop = () => {
  server.close(() => void pool.end().then(() => process.exit(0)));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
