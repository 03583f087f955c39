import { sql } from 'drizzle-orm';
import { systemActor, type Actor } from '../platform/access/actor.js';
import { createApiKey } from '../modules/identity/api-keys.service.js';
import { invite } from '../modules/identity/invitations.service.js';
import { acceptAgreement } from '../modules/agreements/accept.service.js';
import { createAgreement, publishAgreement } from '../modules/agreements/versions.service.js';
import { enrollPartner, listProgramEnrollments } from '../modules/enrollments/service.js';
import { recordOnboardingEvent } from '../modules/onboarding/events.js';
import { putLogo, updatePartner } from '../modules/partners/service.js';
import { createBenefit } from '../modules/programs/benefits.service.js';
import { createEcosystemNode } from '../modules/programs/ecosystem.service.js';
import { setBenefitValues, setProgramBenefits } from '../modules/programs/matrix.service.js';
import { createProgram, transitionProgram } from '../modules/programs/programs.service.js';
import { createTier, putBadge } from '../modules/programs/tiers.service.js';
import { addAttachment } from '../modules/deals/attachments.service.js';
import { registerDeal } from '../modules/deals/register.service.js';
import { putDealSettings } from '../modules/deals/settings.service.js';
import { Browser, makePartner, makeUser, type TestEnv, unique } from './app.js';

type Partner = { id: string };
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>');

const partnerAdminActor = (user: { id: string; email: string }, partnerId: string): Actor => ({
  type: 'user',
  id: user.id,
  label: user.email,
  role: 'partner_admin',
  partnerId,
  sessionId: null,
});

/** Puts rows of partner `p` into every partner-owned table, through the real use cases. */
async function populatePartner(env: TestEnv, p: Partner) {
  const admin = await makeUser(env, 'partner_admin', p.id);
  const actor = partnerAdminActor(admin, p.id);
  await invite(
    { ...env.ctx(actor), idempotencyKey: unique('k'), requestHash: 'h' },
    { email: `${unique('inv')}@example.com`, role: 'partner_member' },
  );
  await createApiKey(env.ctx(actor), { name: 'k', role: 'partner_member' });
  await updatePartner(env.ctx(systemActor('test')), p.id, { notes: `vendor notes on ${p.id}` });
  await putLogo(
    env.ctx(actor),
    p.id,
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect width="2" height="2"/></svg>'),
  );
  await new Browser(env.app).login(admin.email);
}

const rowsOf = async (env: TestEnv, query: ReturnType<typeof sql>) =>
  ((await env.db.run({ kind: 'system' }, (tx) => tx.execute(query))) as unknown as { rows: Record<string, unknown>[] })
    .rows;

/** A program with a tier, badge, benefit value, ecosystem node and both partners enrolled; active or not. */
async function programWithLadder(env: TestEnv, partners: Partner[], name: string, active: boolean): Promise<string> {
  const ctx = env.ctx(systemActor('test'));
  const product = (await rowsOf(env, sql`select id from products limit 1`))[0]!.id as string;
  const program = await createProgram(ctx, { name, programType: 'reseller', currency: 'USD', productIds: [product] });
  const tier = await createTier(ctx, program.id, { name: 'Gold' });
  await putBadge(ctx, program.id, tier.id, SVG);
  const benefit = await createBenefit(ctx, { name: `Protection ${name}`, category: 'sales', valueType: 'days' });
  await setProgramBenefits(ctx, program.id, { benefitIds: [benefit.id] });
  await setBenefitValues(ctx, program.id, { values: [{ tierId: tier.id, benefitId: benefit.id, value: 30 }] });
  await createEcosystemNode(ctx, program.id, { type: 'api_ecosystem', title: 'API', properties: { apiStyle: 'rest' } });
  // only a running program takes members, so the other one ends after enrolling them (approval starts onboarding)
  await transitionProgram(ctx, program.id, { status: 'active', reason: 'test' });
  for (const p of partners) await enrollPartner(ctx, program.id, { partnerId: p.id, tierId: tier.id });
  await env.db.run({ kind: 'vendor' }, async (tx) => {
    for (const p of partners)
      await recordOnboardingEvent(tx, { partnerId: p.id, event: 'training_completed', actorLabel: 'test' });
  });
  await withAgreement(env, program.id);
  if (!active) await transitionProgram(ctx, program.id, { status: 'completed', reason: 'test' });
  return program.id;
}

/** A published agreement that every enrolled partner accepted, and a draft of the next version. */
async function withAgreement(env: TestEnv, programId: string) {
  const ctx = env.ctx(systemActor('test'));
  const v1 = await publishAgreement(ctx, (await createAgreement(ctx, programId, { title: 'T', body: 'Terms' })).id);
  await createAgreement(ctx, programId, { title: 'T', body: 'Next terms' });
  for (const e of await listProgramEnrollments(ctx, programId)) {
    const admin = await makeUser(env, 'partner_admin', e.partnerId);
    await acceptAgreement(
      { ...env.ctx(partnerAdminActor(admin, e.partnerId)), ip: '192.0.2.1', userAgent: 'test' },
      e.id,
      {
        agreementId: v1.id,
        sha256: v1.sha256!,
      },
    );
  }
}

/** Every partner registers the same customer (the later ones are conflicts), with a file; settings and house accounts. */
async function withDeals(env: TestEnv, partners: Partner[], programId: string) {
  const vendor = env.ctx(systemActor('test'));
  await putDealSettings(vendor, programId, {
    approvalSlaDays: 2,
    protectionDays: 30,
    extensionDays: 10,
    autoApprove: false,
    autoApproveBelow: null,
    autoApproveAttributions: ['sourced'],
  });
  await env.db.run({ kind: 'system' }, (tx) =>
    tx.execute(sql`insert into house_accounts (name, name_key, domain) values ('House', 'house', 'house.example')`),
  );
  for (const p of partners) {
    const user = await makeUser(env, 'partner_admin', p.id);
    const actor = partnerAdminActor(user, p.id);
    const deal = await registerDeal(env.ctx(actor), {
      programId,
      customerName: 'Shared Customer Ltd',
      customerDomain: 'shared-customer.example',
      customerCountry: 'DE',
      contactName: 'C',
      contactEmail: 'c@shared-customer.example',
      amount: 100,
      expectedCloseDate: '2999-01-01',
    });
    await addAttachment(env.ctx(actor), deal.id, {
      filename: 'a.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('hi'),
    });
  }
}

/**
 * Two partners with rows in every partner-owned table, a vendor admin, a product, a running program (with
 * deals, conflicts and files) and a completed one — through the real use cases.
 */
export async function populate(env: TestEnv): Promise<{ a: Partner; b: Partner; running: string }> {
  const a = await makePartner(env);
  const b = await makePartner(env);
  await populatePartner(env, a);
  await populatePartner(env, b);
  await makeUser(env, 'admin');
  await env.db.run({ kind: 'system' }, (tx) =>
    tx.execute(sql`insert into products (title, status) values ('p', 'launch')`),
  );
  const running = await programWithLadder(env, [a, b], 'Running', true);
  await withDeals(env, [a, b], running);
  await programWithLadder(env, [a, b], 'Draft', false);
  return { a, b, running };
}
