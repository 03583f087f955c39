import { sql, type SQL } from 'drizzle-orm';
import { pgPolicy, pgRole, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * The role every application query runs as (`SET LOCAL ROLE` per transaction). It is created by the first
 * migration: not a superuser, no BYPASSRLS, owns no table — so row-level security always applies to it.
 */
export const appRole = pgRole('trellis_app').existing();

/** Vendor staff and the system (jobs, auth look-ups) see every row; partners only what the policy allows. */
const staff: SQL = sql`trellis_scope() in ('vendor', 'system')`;

/** For tables no partner may read or write at all (mail, jobs, sessions…). */
export function staffOnly(table: string) {
  return pgPolicy(`${table}_staff_only`, { as: 'permissive', for: 'all', to: appRole, using: staff, withCheck: staff });
}

/** For partner-owned tables: a partner context sees and writes only rows of its own partner. */
export function partnerOwned(table: string, partnerId: AnyPgColumn) {
  const rule = sql`${staff} or ${partnerId} = trellis_partner_id()`;
  return pgPolicy(`${table}_partner_isolation`, {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: rule,
    withCheck: rule,
  });
}

/** For vendor-owned catalogue tables that partners may read (rows chosen by `visible`) but never write. */
export function partnerReadable(table: string, visible: SQL) {
  return [
    staffOnly(table),
    pgPolicy(`${table}_partner_read`, {
      as: 'permissive',
      for: 'select',
      to: appRole,
      using: sql`trellis_scope() = 'partner' and (${visible})`,
    }),
  ];
}

/**
 * For queues a partner's own actions feed (outbox events, jobs, mail): a partner context may add rows in
 * its transaction, but never read, change or delete any. Inserts must therefore not use RETURNING.
 */
export function partnerAppendOnly(table: string) {
  return [
    staffOnly(table),
    pgPolicy(`${table}_partner_append`, {
      as: 'permissive',
      for: 'insert',
      to: appRole,
      withCheck: sql`trellis_scope() = 'partner'`,
    }),
  ];
}
