import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { EventJobPayload } from '../platform/jobs/registry.js';
import { outboxEvents } from '../platform/jobs/schema.js';
import { mailMessages } from '../platform/mail/schema.js';
import { type Browser, signedIn, type TestEnv, unique } from './app.js';
import type { ApiClient } from './http.js';

/** Test support for deal registration: an active program with tiers, and partners taking part in it. */

export async function dealProgram(
  admin: ApiClient,
  tiers: { name: string; protectionDays?: number }[] = [{ name: 'Registered' }],
) {
  const res = await admin.request('POST', '/api/v1/programs', {
    name: unique('Deals'),
    programType: 'reseller',
    currency: 'USD',
  });
  if (res.statusCode !== 201) throw new Error(`program: ${res.body}`);
  const program = res.json() as { id: string; name: string };
  const tierIds: string[] = [];
  for (const t of tiers) {
    const tier = await admin.request('POST', `/api/v1/programs/${program.id}/tiers`, { name: t.name });
    tierIds.push((tier.json() as { id: string }).id);
  }
  const withDays = tiers.map((t, i) => ({ ...t, id: tierIds[i]! })).filter((t) => t.protectionDays !== undefined);
  if (withDays.length) {
    const benefits = (await admin.request('GET', '/api/v1/benefits')).json() as { id: string; key: string | null }[];
    const days =
      benefits.find((b) => b.key === 'deal_protection_days') ??
      ((
        await admin.request('POST', '/api/v1/benefits', {
          key: 'deal_protection_days',
          name: 'Deal protection',
          category: 'sales',
          valueType: 'days',
        })
      ).json() as { id: string });
    await admin.request('PUT', `/api/v1/programs/${program.id}/benefits`, { benefitIds: [days.id] });
    const put = await admin.request('PATCH', `/api/v1/programs/${program.id}/matrix`, {
      values: withDays.map((t) => ({ tierId: t.id, benefitId: days.id, value: t.protectionDays })),
    });
    if (put.statusCode !== 200) throw new Error(`benefit values: ${put.body}`);
  }
  const launch = await admin.request('POST', `/api/v1/programs/${program.id}/status`, {
    status: 'active',
    reason: 'launch',
  });
  if (launch.statusCode !== 200) throw new Error(`launch: ${launch.body}`);
  return { ...program, tierIds };
}

/** A partner company, active in `programId` (placed by the vendor), with a signed-in partner admin. */
export async function dealPartner(env: TestEnv, admin: Browser, programId: string, name = unique('Reseller')) {
  const partner = (await admin.request('POST', '/api/v1/partners', { name, status: 'onboarding' })).json() as {
    id: string;
    name: string;
  };
  const placed = await admin.request('POST', `/api/v1/programs/${programId}/enrollments`, { partnerId: partner.id });
  if (placed.statusCode !== 201) throw new Error(`enrollment: ${placed.body}`);
  const { user, browser } = await signedIn(env, 'partner_admin', partner.id);
  return { partner, user, browser };
}

let n = 0;
/** A complete registration of `customer` (name and domain), closing in a month. */
export function dealBody(programId: string, customer: { name: string; domain: string }, extra: object = {}) {
  const close = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  n += 1;
  return {
    programId,
    customerName: customer.name,
    customerDomain: customer.domain,
    customerCountry: 'US',
    contactName: 'Pat Buyer',
    contactEmail: `pat${n}@example.com`,
    amount: 4_800_000,
    expectedCloseDate: close,
    attribution: 'sourced',
    ...extra,
  };
}

/** A partner company active in `programId` and an API key of its own, made through the API as the vendor. */
export async function dealPartnerKey(admin: ApiClient, programId: string, name = unique('Reseller')) {
  const created = await admin.request('POST', '/api/v1/partners', { name, status: 'onboarding' });
  if (created.statusCode !== 201) throw new Error(`partner: ${created.body}`);
  const partner = created.json() as { id: string; name: string };
  const placed = await admin.request('POST', `/api/v1/programs/${programId}/enrollments`, { partnerId: partner.id });
  if (placed.statusCode !== 201) throw new Error(`enrollment: ${placed.body}`);
  const key = await admin.request('POST', '/api/v1/api-keys', {
    name: 'CRM',
    role: 'partner_member',
    partnerId: partner.id,
  });
  if (key.statusCode !== 201) throw new Error(`api key: ${key.body}`);
  return { partner, key: (key.json() as { secret: string }).secret };
}

/** A customer no other test's customer resembles: random letters, so neither name nor domain is near another. */
export function randomCustomer(prefix = '') {
  const word = (n: number) => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');
  const name = `${word(7)} ${word(6)}`;
  return {
    name: `${prefix}${name.replace(/^./, (c) => c.toUpperCase())} Inc.`,
    domain: `${name.replace(' ', '-')}.com`,
  };
}

/** The mail queued for `to`. */
export async function mailsTo(env: TestEnv, to: string) {
  return env.db.run({ kind: 'system' }, (tx) =>
    tx.select().from(mailMessages).where(eq(mailMessages.to, to.toLowerCase())),
  );
}

/**
 * Hands a registration's outbox event `topic` to a job handler as the job runner does; answers false when the
 * registration has no such event.
 */
export async function runDealEventJob(
  env: TestEnv,
  handler: (deps: TestEnv, event: EventJobPayload) => Promise<void>,
  dealId: string,
  topic: string,
): Promise<boolean> {
  const events = await env.db.owner.select().from(outboxEvents).where(eq(outboxEvents.topic, topic));
  const event = events.find((e) => (e.payload as { objectId?: string }).objectId === dealId);
  if (!event) return false;
  await handler(env, {
    eventId: event.id,
    topic,
    payload: event.payload as Record<string, unknown>,
    createdAt: event.createdAt.toISOString(),
  });
  return true;
}
