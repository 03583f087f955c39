import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailMessages } from '../../platform/mail/schema.js';
import { type Browser, createTestEnv, makePartner, makeUser, signedIn, type TestEnv, unique } from '../../test/app.js';
import { applications } from './schema.js';

let env: TestEnv;
let admin: Browser;
let reviewerEmail: string;
beforeAll(async () => {
  env = await createTestEnv();
  const signed = await signedIn(env, 'admin');
  admin = signed.browser;
  reviewerEmail = (await makeUser(env, 'channel_manager')).email;
});
afterAll(() => env.close());

type Program = { id: string; key: string; name: string };
type Application = {
  id: string;
  companyName: string;
  domain: string;
  score: number;
  eligible: boolean;
  eligibility: { rule: number; kind: string; met: boolean; required: boolean; detail: string }[];
  status: string;
  duplicateOf: { id: string } | null;
  matchedPartner: { id: string; name: string } | null;
  partner: { id: string; name: string } | null;
  reviewReason: string | null;
  sameDomain: { id: string }[];
};

const fields = (res: { json(): unknown }) =>
  ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

async function newProgram(active = true): Promise<Program> {
  const res = await admin.request('POST', '/api/v1/programs', {
    name: unique('Reseller program'),
    programType: 'reseller',
    currency: 'USD',
    description: 'Resell our products in your region.',
  });
  expect(res.statusCode, res.body).toBe(201);
  const program = res.json() as Program;
  const tier = await admin.request('POST', `/api/v1/programs/${program.id}/tiers`, { name: 'Registered' });
  expect(tier.statusCode, tier.body).toBe(201);
  if (active) await move(program, 'active');
  return program;
}

async function move(program: Program, status: string) {
  const res = await admin.request('POST', `/api/v1/programs/${program.id}/status`, { status, reason: 'test' });
  expect(res.statusCode, res.body).toBe(200);
}

const RULES = [
  { kind: 'countries', countries: ['DE', 'AT', 'CH'], weight: 2, required: true },
  { kind: 'partner_types', partnerTypes: ['reseller', 'msp'], weight: 1 },
  { kind: 'min_size', companySize: '11-50', weight: 1 },
];

async function publish(program: Program, body: Record<string, unknown> = {}) {
  const res = await admin.request('PUT', `/api/v1/programs/${program.id}/application-form`, {
    published: true,
    intro: 'Tell us about your company.',
    rules: RULES,
    passScore: 60,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { published: boolean; live: boolean };
}

/** A signed-out visitor's request from an address of its own. */
function anonymous(method: 'GET' | 'POST', url: string, body?: unknown, ip = '198.51.100.1') {
  return env.app.inject({
    method,
    url,
    remoteAddress: ip,
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) } : {}),
  });
}

let ipCounter = 10;
const freshIp = () => `192.0.2.${ipCounter++}`;

function applicant(overrides: Record<string, unknown> = {}) {
  const name = unique('acme');
  return {
    companyName: `Acme ${name}`,
    website: `https://www.${name}.example/en/`,
    country: 'de',
    regions: ['europe'],
    partnerTypes: ['msp'],
    industries: ['Retail'],
    companySize: '51-200',
    contactName: 'Dana Lee',
    contactEmail: `${name}@mail.example`,
    message: 'We would like to resell your gateway.',
    ...overrides,
  };
}

async function submit(program: Program, body: Record<string, unknown>, ip = freshIp()) {
  const res = await anonymous('POST', `/api/v1/public/programs/${program.key}/applications`, body, ip);
  return res;
}

async function submitted(program: Program, body: Record<string, unknown> = applicant()): Promise<Application> {
  const res = await submit(program, body);
  expect(res.statusCode, res.body).toBe(201);
  const got = await admin.request('GET', `/api/v1/applications/${(res.json() as { id: string }).id}`);
  expect(got.statusCode, got.body).toBe(200);
  return got.json() as Application;
}

async function mailsTo(to: string) {
  return env.db.run({ kind: 'system' }, (tx) => tx.select().from(mailMessages).where(eq(mailMessages.to, to)));
}

async function countApplications() {
  return (await env.db.run({ kind: 'system' }, (tx) => tx.select({ id: applications.id }).from(applications))).length;
}

describe('the application form of a program', () => {
  it('starts unpublished, names bad rule fields, and publishes only while the program is active', async () => {
    const program = await newProgram(false);
    const empty = await admin.request('GET', `/api/v1/programs/${program.id}/application-form`);
    expect(empty.json()).toMatchObject({
      published: false,
      live: false,
      rules: [],
      passScore: 60,
      publicPath: `/apply/${program.key}`,
    });

    const bad = await admin.request('PUT', `/api/v1/programs/${program.id}/application-form`, {
      rules: [
        { kind: 'regions', regions: ['europe'] },
        { kind: 'countries', countries: ['XX'] },
        { kind: 'min_size', companySize: 'huge', weight: 500 },
      ],
      passScore: 101,
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['passScore', 'rules.1.countries.0', 'rules.2.companySize', 'rules.2.weight']);

    const early = await admin.request('PUT', `/api/v1/programs/${program.id}/application-form`, { published: true });
    expect(early.statusCode).toBe(400);
    expect(fields(early)).toEqual(['published']);

    await move(program, 'active');
    const form = await publish(program);
    expect(form).toMatchObject({ published: true, live: true });
    const saved = (await admin.request('GET', `/api/v1/programs/${program.id}/application-form`)).json() as {
      rules: { description: string; weight: number }[];
    };
    expect(saved.rules.map((r) => r.description)).toEqual([
      'Based in Germany, Austria or Switzerland',
      'Works as Reseller or Managed service provider (MSP)',
      'At least 11 employees',
    ]);

    // a program that stops running closes its form, and reopens it when it resumes
    await move(program, 'paused');
    expect((await admin.request('GET', `/api/v1/programs/${program.id}/application-form`)).json()).toMatchObject({
      published: true,
      live: false,
    });
    expect((await anonymous('GET', `/api/v1/public/programs/${program.key}/application-form`)).statusCode).toBe(404);
    expect((await submit(program, applicant())).statusCode).toBe(404);
    await move(program, 'active');
    expect((await anonymous('GET', `/api/v1/public/programs/${program.key}/application-form`)).statusCode).toBe(200);
  });

  it('is configured by admins and channel managers only', async () => {
    const program = await newProgram();
    const { browser: viewer } = await signedIn(env, 'viewer');
    expect((await viewer.request('GET', `/api/v1/programs/${program.id}/application-form`)).statusCode).toBe(200);
    const put = await viewer.request('PUT', `/api/v1/programs/${program.id}/application-form`, { published: true });
    expect(put.statusCode).toBe(403);
    const { browser: cm } = await signedIn(env, 'channel_manager');
    expect(
      (await cm.request('PUT', `/api/v1/programs/${program.id}/application-form`, { intro: 'Hi' })).statusCode,
    ).toBe(200);
  });
});

describe('the public form', () => {
  it('is 404 for an unknown program and an unpublished form, and shows the rules in words without weights', async () => {
    expect((await anonymous('GET', '/api/v1/public/programs/no-such-program/application-form')).statusCode).toBe(404);
    const program = await newProgram();
    expect((await anonymous('GET', `/api/v1/public/programs/${program.key}/application-form`)).statusCode).toBe(404);
    expect((await submit(program, applicant())).statusCode).toBe(404);

    await publish(program);
    const res = await anonymous('GET', `/api/v1/public/programs/${program.key}/application-form`);
    expect(res.statusCode, res.body).toBe(200);
    const form = res.json() as Record<string, unknown>;
    expect(form).toMatchObject({
      programKey: program.key,
      programName: program.name,
      description: 'Resell our products in your region.',
      intro: 'Tell us about your company.',
      requirements: [
        { text: 'Based in Germany, Austria or Switzerland', required: true },
        { text: 'Works as Reseller or Managed service provider (MSP)', required: false },
        { text: 'At least 11 employees', required: false },
      ],
    });
    expect((form.vocabularies as { companySizes: { value: string }[] }).companySizes[0]).toEqual({
      value: '1-10',
      label: '1-10 employees',
    });
    expect(res.body).not.toMatch(/weight|passScore/);
  });

  it('takes an application without sign-in, scores it and mails the applicant and the reviewers', async () => {
    const program = await newProgram();
    await publish(program);
    const body = applicant();
    const res = await submit(program, body);
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json() as { id: string; message: string };
    expect(receipt.message).toContain(program.name);

    const got = (await admin.request('GET', `/api/v1/applications/${receipt.id}`)).json() as Application & {
      country: string;
      contactEmail: string;
    };
    // 2 (country) + 1 (msp) + 1 (51-200 ≥ 11-50) of 4
    expect(got).toMatchObject({ score: 100, eligible: true, status: 'received', country: 'DE' });
    expect(got.eligibility.map((e) => [e.kind, e.met, e.required])).toEqual([
      ['countries', true, true],
      ['partner_types', true, false],
      ['min_size', true, false],
    ]);

    const french = await submitted(program, applicant({ country: 'FR', partnerTypes: ['agency'] }));
    expect(french).toMatchObject({ score: 25, eligible: false });
    expect(french.eligibility[0]).toMatchObject({
      met: false,
      detail: 'Based in France, not in Germany, Austria or Switzerland',
    });

    const received = await mailsTo(body.contactEmail);
    expect(received.map((m) => m.template)).toEqual(['application_received']);
    expect(received[0]!.text).toContain(receipt.id);
    const review = (await mailsTo(reviewerEmail)).filter((m) => m.text.includes(receipt.id));
    expect(review).toHaveLength(1);
    expect(review[0]!.subject).toContain(body.companyName);

    const audit = (await admin.request('GET', `/api/v1/audit?objectId=${receipt.id}`)).json() as {
      items: { action: string; actor: { label: string } | string }[];
    };
    expect(audit.items.map((a) => a.action)).toContain('application.received');
  });

  it('names the fields people got wrong', async () => {
    const program = await newProgram();
    await publish(program);
    const res = await submit(program, {
      ...applicant(),
      companyName: ' ',
      website: 'not a site',
      country: 'XX',
      companySize: 'huge',
      contactEmail: 'nobody',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(fields(res).sort()).toEqual(['companyName', 'companySize', 'contactEmail', 'country', 'website']);
  });

  it('tells a robot that fills the honeypot what people are told, and keeps nothing', async () => {
    const program = await newProgram();
    await publish(program);
    const before = await countApplications();
    const body = applicant({ companyUrl: 'http://spam.example' });
    const res = await submit(program, body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: expect.any(String), message: expect.stringContaining(program.name) });
    expect(await countApplications()).toBe(before);
    expect(await mailsTo(body.contactEmail)).toHaveLength(0);
    expect((await admin.request('GET', `/api/v1/applications/${(res.json() as { id: string }).id}`)).statusCode).toBe(
      404,
    );
  });

  it('limits applications per address and per email, with Retry-After', async () => {
    const program = await newProgram();
    await publish(program);
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await submit(program, applicant(), ip)).statusCode).toBe(201);
    const refused = await submit(program, applicant(), ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'rate_limited' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    expect((await submit(program, applicant(), freshIp())).statusCode).toBe(201);

    const email = `${unique('again')}@mail.example`;
    for (let i = 0; i < 3; i++)
      expect((await submit(program, applicant({ contactEmail: email }), freshIp())).statusCode).toBe(201);
    const again = await submit(program, applicant({ contactEmail: email.toUpperCase() }), freshIp());
    expect(again.statusCode).toBe(429);
    expect(again.headers['retry-after']).toBeDefined();
  });
});

describe('duplicates', () => {
  it('points at the earliest application of the same domain and at the partner that has it', async () => {
    const program = await newProgram();
    const other = await newProgram();
    await publish(program);
    await publish(other);
    const name = unique('dup');
    const first = await submitted(other, applicant({ website: `http://${name}.example` }));
    expect(first.duplicateOf).toBeNull();
    const second = await submitted(program, applicant({ website: `https://WWW.${name}.example/contact` }));
    expect(second.duplicateOf?.id).toBe(first.id);
    const third = await submitted(program, applicant({ website: `${name}.example.` }));
    expect(third.duplicateOf?.id).toBe(first.id);
    expect(third.sameDomain.map((a) => a.id)).toEqual([first.id, second.id]);
    const sub = await submitted(program, applicant({ website: `shop.${name}.example` }));
    expect(sub.duplicateOf).toBeNull();

    const partner = await makePartner(env, unique('Known'));
    await admin.request('PATCH', `/api/v1/partners/${partner.id}`, { website: `https://known-${name}.example` });
    const known = await submitted(program, applicant({ website: `known-${name}.example` }));
    expect(known.matchedPartner).toEqual({ id: partner.id, name: partner.name });

    const flagged = (
      await admin.request('GET', `/api/v1/applications?duplicate=true&programId=${program.id}`)
    ).json() as {
      items: Application[];
    };
    expect(flagged.items.map((a) => a.id).sort()).toEqual([second.id, third.id, known.id].sort());
    const clean = (
      await admin.request('GET', `/api/v1/applications?duplicate=false&programId=${program.id}`)
    ).json() as {
      items: Application[];
    };
    expect(clean.items.map((a) => a.id)).toEqual([sub.id]);
  });
});

describe('review', () => {
  it('lists waiting applications oldest first, filtered', async () => {
    const program = await newProgram();
    await publish(program);
    const a = await submitted(program);
    const b = await submitted(program, applicant({ country: 'FR' }));
    const c = await submitted(program);
    const queue = (
      await admin.request('GET', `/api/v1/applications?status=received&programId=${program.id}`)
    ).json() as {
      items: Application[];
    };
    expect(queue.items.map((x) => x.companyName)).toEqual([a.companyName, b.companyName, c.companyName]);
    const page = (
      await admin.request('GET', `/api/v1/applications?status=received&programId=${program.id}&limit=2`)
    ).json() as { items: Application[]; nextCursor: string };
    const rest = (
      await admin.request(
        'GET',
        `/api/v1/applications?status=received&programId=${program.id}&limit=2&cursor=${page.nextCursor}`,
      )
    ).json() as { items: Application[] };
    expect([...page.items, ...rest.items].map((x) => x.id)).toEqual([a.id, b.id, c.id]);
    const ineligible = (
      await admin.request('GET', `/api/v1/applications?eligible=false&programId=${program.id}`)
    ).json() as {
      items: Application[];
    };
    expect(ineligible.items.map((x) => x.id)).toEqual([b.id]);
  });

  it('approves in one go: the partner, its enrollment and the invitation of its admin; once', async () => {
    const program = await newProgram();
    await publish(program);
    const { user: cam } = await signedIn(env, 'channel_manager');
    const body = applicant();
    const app = await submitted(program, body);
    const res = await admin.request('POST', `/api/v1/applications/${app.id}/approve`, { camUserId: cam.id });
    expect(res.statusCode, res.body).toBe(200);
    const approval = res.json() as {
      application: Application;
      partner: { id: string; name: string; created: boolean };
      enrollmentId: string;
      invitation: { email: string } | null;
    };
    expect(approval.partner).toMatchObject({ name: body.companyName, created: true });
    expect(approval.invitation).toMatchObject({ email: body.contactEmail });
    expect(approval.application).toMatchObject({ status: 'approved', partner: { id: approval.partner.id } });

    const partner = (await admin.request('GET', `/api/v1/partners/${approval.partner.id}`)).json() as Record<
      string,
      unknown
    >;
    expect(partner).toMatchObject({
      name: body.companyName,
      domain: app.domain,
      country: 'DE',
      regions: ['europe'],
      partnerTypes: ['msp'],
      industries: ['Retail'],
      companySize: '51-200',
      // created onboarding; the program has no agreement, so its membership and the company are active at once
      status: 'active',
      camUserId: cam.id,
    });
    const enrollments = (await admin.request('GET', `/api/v1/programs/${program.id}/enrollments`)).json() as {
      id: string;
      partnerId: string;
      status: string;
      tierName: string | null;
      camUserId: string | null;
    }[];
    expect(enrollments).toEqual([
      expect.objectContaining({
        id: approval.enrollmentId,
        partnerId: approval.partner.id,
        status: 'active',
        tierName: 'Registered',
        camUserId: cam.id,
      }),
    ]);
    const mails = (await mailsTo(body.contactEmail)).map((m) => m.template).sort();
    expect(mails).toEqual(['application_approved', 'application_received', 'invitation']);
    const invitations = (await admin.request('GET', `/api/v1/invitations?partnerId=${approval.partner.id}`)).json() as {
      items: { email: string; role: string }[];
    };
    expect(invitations.items).toEqual([expect.objectContaining({ email: body.contactEmail, role: 'partner_admin' })]);

    expect((await admin.request('POST', `/api/v1/applications/${app.id}/approve`, {})).statusCode).toBe(409);
    const late = await admin.request('POST', `/api/v1/applications/${app.id}/reject`, { reason: 'Changed our mind' });
    expect(late.statusCode).toBe(409);

    const audit = (await admin.request('GET', `/api/v1/audit?objectId=${app.id}`)).json() as {
      items: { action: string }[];
    };
    expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(['application.approved']));
  });

  it('changes nothing when approval fails half-way', async () => {
    const program = await newProgram();
    await publish(program);
    const app = await submitted(program);
    await move(program, 'paused');
    const res = await admin.request('POST', `/api/v1/applications/${app.id}/approve`, {});
    expect(res.statusCode).toBe(400);
    const partners = (await admin.request('GET', `/api/v1/partners?domain=${app.domain}`)).json() as {
      items: unknown[];
    };
    expect(partners.items).toHaveLength(0);
    expect((await admin.request('GET', `/api/v1/applications/${app.id}`)).json()).toMatchObject({ status: 'received' });
  });

  it('admits the partner of the same domain instead of creating a second one, inviting only a new contact', async () => {
    const program = await newProgram();
    await publish(program);
    const name = unique('known');
    const partner = await makePartner(env, `Known ${name}`);
    await admin.request('PATCH', `/api/v1/partners/${partner.id}`, { website: `https://${name}.example` });
    const existing = await makeUser(env, 'partner_admin', partner.id);

    const app = await submitted(program, applicant({ website: `www.${name}.example`, contactEmail: existing.email }));
    expect(app.matchedPartner?.id).toBe(partner.id);
    const res = await admin.request('POST', `/api/v1/applications/${app.id}/approve`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ partner: { id: partner.id, created: false }, invitation: null });
    const same = (await admin.request('GET', `/api/v1/partners?domain=${name}.example`)).json() as { items: unknown[] };
    expect(same.items).toHaveLength(1);
    expect((await mailsTo(existing.email)).map((m) => m.template)).not.toContain('invitation');

    // a later application of the domain, to a program the partner is in already, cannot be approved twice over
    const again = await submitted(program, applicant({ website: `${name}.example` }));
    expect(again.matchedPartner?.id).toBe(partner.id);
    const twice = await admin.request('POST', `/api/v1/applications/${again.id}/approve`, {});
    expect(twice.statusCode).toBe(409);
    expect(fields(twice)).toEqual(['partnerId']);

    // a partner a reviewer names is used as it is
    const other = await newProgram();
    await publish(other);
    const named = await submitted(other, applicant());
    const picked = await admin.request('POST', `/api/v1/applications/${named.id}/approve`, { partnerId: partner.id });
    expect(picked.statusCode, picked.body).toBe(200);
    expect(picked.json()).toMatchObject({ partner: { id: partner.id, created: false } });
  });

  it('rejects with a reason, mailed to the applicant', async () => {
    const program = await newProgram();
    await publish(program);
    const body = applicant();
    const app = await submitted(program, body);
    const missing = await admin.request('POST', `/api/v1/applications/${app.id}/reject`, { reason: '  ' });
    expect(missing.statusCode).toBe(400);
    expect(fields(missing)).toEqual(['reason']);
    const res = await admin.request('POST', `/api/v1/applications/${app.id}/reject`, {
      reason: 'We do not serve your region yet.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', reviewReason: 'We do not serve your region yet.' });
    const mail = (await mailsTo(body.contactEmail)).find((m) => m.template === 'application_rejected');
    expect(mail?.text).toContain('We do not serve your region yet.');
    expect((await admin.request('POST', `/api/v1/applications/${app.id}/approve`, {})).statusCode).toBe(409);
  });

  it('lets viewers read the queue but not decide, and keeps partners and strangers out', async () => {
    const program = await newProgram();
    await publish(program);
    const app = await submitted(program);
    const { browser: viewer } = await signedIn(env, 'viewer');
    expect((await viewer.request('GET', '/api/v1/applications')).statusCode).toBe(200);
    expect((await viewer.request('GET', `/api/v1/applications/${app.id}`)).statusCode).toBe(200);
    expect((await viewer.request('POST', `/api/v1/applications/${app.id}/approve`, {})).statusCode).toBe(403);
    expect((await viewer.request('POST', `/api/v1/applications/${app.id}/reject`, { reason: 'x' })).statusCode).toBe(
      403,
    );
    const partner = await makePartner(env);
    const { browser: partnerAdmin } = await signedIn(env, 'partner_admin', partner.id);
    expect((await partnerAdmin.request('GET', '/api/v1/applications')).statusCode).toBe(403);
    expect((await partnerAdmin.request('GET', `/api/v1/applications/${app.id}`)).statusCode).toBe(403);
    expect((await partnerAdmin.request('POST', `/api/v1/applications/${app.id}/approve`, {})).statusCode).toBe(403);
    expect((await anonymous('GET', '/api/v1/applications')).statusCode).toBe(401);
    expect((await anonymous('GET', `/api/v1/programs/${program.id}/application-form`)).statusCode).toBe(401);
  });
});
