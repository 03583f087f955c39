import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/errors.js';
import { createTestEnv, makeUser, type TestEnv } from '../../test/app.js';
import { randomCustomer } from '../../test/deals.js';
import { enrollPartner } from '../enrollments/service.js';
import { createPartner } from '../partners/service.js';
import { createProgram, transitionProgram } from '../programs/programs.service.js';
import { createTier } from '../programs/tiers.service.js';
import { runProtection } from './jobs.js';
import { getDeal } from './queries.service.js';
import { registerDeal } from './register.service.js';
import {
  approveDeal,
  closeDeal,
  decideExtension,
  rejectDeal,
  requestExtension,
  resolveConflict,
  withdrawDeal,
} from './review.service.js';
import { ACTIVE_DEAL_STATUSES, type DealStatus } from './rules/lifecycle.js';

/**
 * Model-based test of the whole registration lifecycle through the services on a real database: random
 * sequences of what partners, the channel manager and the clock do, compared step by step with a small model.
 * Whatever the sequence, each customer has at most one active registration, and refused moves change nothing.
 */

let env: TestEnv;
const vendor = () => env.ctx(systemActor('channel manager'));
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

type World = {
  partners: Actor[];
  programId: string;
  customers: { name: string; domain: string }[];
};
type ModelDeal = { id: string; partner: number; customer: number; status: DealStatus; extension: string };
type Model = { deals: ModelDeal[] };
type Real = { world: World };

const active = (s: DealStatus) => (ACTIVE_DEAL_STATUSES as readonly string[]).includes(s);

async function statusOf(id: string): Promise<{ status: DealStatus; extension: string }> {
  const d = await getDeal(vendor(), id);
  return { status: d.status, extension: d.extension.status };
}

/** Runs `act`; when the model says the move is refused, it must fail with a 4xx and change nothing. */
async function attempt(model: ModelDeal, allowed: boolean, act: () => Promise<unknown>) {
  const before = await statusOf(model.id);
  if (allowed) return act();
  const error = await act().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `${before.status}: should have been refused`).toBeInstanceOf(AppError);
  expect(await statusOf(model.id)).toEqual(before);
  return null;
}

const pick = (m: Model, k: number) => m.deals[k % m.deals.length]!;

class Register implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly partner: number,
    readonly customer: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const c = r.world.customers[this.customer]!;
    const held = m.deals.some((d) => d.customer === this.customer && active(d.status));
    const deal = await registerDeal(env.ctx(r.world.partners[this.partner]!), {
      programId: r.world.programId,
      customerName: this.partner ? c.name.toUpperCase() : c.name,
      customerDomain: this.partner ? `https://www.${c.domain}/` : c.domain,
      customerCountry: 'FR',
      contactName: 'C',
      contactEmail: 'c@example.com',
      amount: 1000,
      expectedCloseDate: '2999-12-31',
    });
    expect(deal.status).toBe(held ? 'conflict' : 'submitted');
    m.deals.push({
      id: deal.id,
      partner: this.partner,
      customer: this.customer,
      status: deal.status,
      extension: 'none',
    });
  }
  toString = () => `register(p${this.partner}, c${this.customer})`;
}

/** A vendor or partner move on the k-th registration, with the model's rule for when it is allowed. */
class Move implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly name: string,
    readonly k: number,
    readonly rule: (d: ModelDeal, m: Model) => DealStatus | null,
    readonly act: (d: ModelDeal, r: Real) => Promise<unknown>,
    readonly after?: (d: ModelDeal, m: Model) => void,
  ) {}
  check = (m: Readonly<Model>) => m.deals.length > 0;
  async run(m: Model, r: Real) {
    const d = pick(m, this.k);
    const to = this.rule(d, m);
    await attempt(d, to !== null, () => this.act(d, r));
    if (to !== null) {
      this.after?.(d, m);
      d.status = to;
    }
  }
  toString = () => `${this.name}(${this.k})`;
}

const own = (d: ModelDeal, r: Real) => env.ctx(r.world.partners[d.partner]!);

const commands = [
  fc.tuple(fc.nat(1), fc.nat(1)).map(([p, c]) => new Register(p, c)),
  fc.nat(20).map(
    (k) =>
      new Move(
        'approve',
        k,
        (d) => (d.status === 'submitted' ? 'protected' : null),
        (d) => approveDeal(vendor(), d.id, {}),
      ),
  ),
  fc.nat(20).map(
    (k) =>
      new Move(
        'reject',
        k,
        (d) => (d.status === 'submitted' || d.status === 'conflict' ? 'rejected' : null),
        (d) => rejectDeal(vendor(), d.id, { reason: 'no' }),
      ),
  ),
  fc.nat(20).map(
    (k) =>
      new Move(
        'resolveForRegistration',
        k,
        (d) => (d.status === 'conflict' ? 'protected' : null),
        (d) => resolveConflict(vendor(), d.id, { inFavourOf: 'registration', reason: 'theirs' }),
        (d, m) => {
          // whoever holds the customer now loses it
          for (const o of m.deals) if (o.customer === d.customer && o !== d && active(o.status)) o.status = 'rejected';
        },
      ),
  ),
  fc.nat(20).map(
    (k) =>
      new Move(
        'resolveForExisting',
        k,
        (d) => (d.status === 'conflict' ? 'rejected' : null),
        (d) => resolveConflict(vendor(), d.id, { inFavourOf: 'existing', reason: 'first' }),
      ),
  ),
  fc.nat(20).map(
    (k) =>
      new Move(
        'withdraw',
        k,
        (d) => (d.status === 'submitted' || d.status === 'conflict' ? 'withdrawn' : null),
        (d, r) => withdrawDeal(own(d, r), d.id, {}),
      ),
  ),
  fc.nat(20).map(
    (k) =>
      new Move(
        'won',
        k,
        (d) => (d.status === 'protected' ? 'won' : null),
        (d, r) => closeDeal(own(d, r), d.id, { outcome: 'won', amount: 1234, closeDate: '2026-12-01' }),
      ),
  ),
  fc.nat(20).map(
    (k) =>
      new Move(
        'lost',
        k,
        (d) => (d.status === 'protected' ? 'lost' : null),
        (d) => closeDeal(vendor(), d.id, { outcome: 'lost', reason: 'competitor' }),
      ),
  ),
  fc.nat(20).map(
    (k) =>
      new Move(
        'askExtension',
        k,
        (d) => (d.status === 'protected' && d.extension === 'none' ? d.status : null),
        (d, r) => requestExtension(own(d, r), d.id, { reason: 'later' }),
        (d) => {
          d.extension = 'requested';
        },
      ),
  ),
  fc.tuple(fc.nat(20), fc.boolean()).map(
    ([k, grant]) =>
      new Move(
        grant ? 'grantExtension' : 'refuseExtension',
        k,
        (d) => (d.status === 'protected' && d.extension === 'requested' ? d.status : null),
        (d) => decideExtension(vendor(), d.id, { grant, reason: grant ? '' : 'no' }),
        (d) => {
          d.extension = grant ? 'granted' : 'refused';
        },
      ),
  ),
  fc.nat(20).map(
    (k) =>
      new Move(
        'otherPartnerWithdraws',
        k,
        () => null,
        (d, r) => withdrawDeal(env.ctx(r.world.partners[1 - d.partner]!), d.id, {}),
      ),
  ),
  fc.constant(null).map(
    () =>
      new (class implements fc.AsyncCommand<Model, Real> {
        check = () => true;
        async run(m: Model) {
          // far in the future: every protection has run out
          await runProtection(env, new Date(Date.now() + 5 * 365 * 86_400_000));
          for (const d of m.deals) if (d.status === 'protected') d.status = 'expired';
        }
        toString = () => 'protectionRunsOut';
      })(),
  ),
];

async function world(): Promise<World> {
  const ctx = vendor();
  const program = await createProgram(ctx, { name: randomCustomer().name, programType: 'reseller', currency: 'EUR' });
  const tier = await createTier(ctx, program.id, { name: 'Gold' });
  await transitionProgram(ctx, program.id, { status: 'active', reason: 'test' });
  const partners: Actor[] = [];
  for (const name of ['A', 'B']) {
    const partner = await createPartner(ctx, { name: `${name} ${randomCustomer().name}` });
    await enrollPartner(ctx, program.id, { partnerId: partner.id, tierId: tier.id });
    const user = await makeUser(env, 'partner_member', partner.id);
    partners.push({
      type: 'user',
      id: user.id,
      label: user.email,
      role: 'partner_member',
      partnerId: partner.id,
      sessionId: null,
    });
  }
  return { partners, programId: program.id, customers: [randomCustomer(), randomCustomer()] };
}

describe('deal registration as a state machine', () => {
  it('matches the model for any sequence, and never lets two registrations hold one customer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 14 }), async (cmds) => {
        const model: Model = { deals: [] };
        const real: Real = { world: await world() };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        for (const d of model.deals) expect((await statusOf(d.id)).status, d.id).toBe(d.status);
        for (const c of [0, 1])
          expect(model.deals.filter((d) => d.customer === c && active(d.status)).length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
