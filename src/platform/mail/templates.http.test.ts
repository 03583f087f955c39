import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePartner, signedIn, type TestEnv, unique } from '../../test/app.js';
import type { Browser } from '../../test/app.js';
import { mailMessages } from './schema.js';

let env: TestEnv;
let admin: Browser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = (await signedIn(env, 'admin')).browser;
});
afterAll(() => env.close());

const url = (key: string, rest = '') => `/api/v1/mail/templates/${key}${rest}`;

/** Invites a new address as the admin and returns the mail that was queued for it. */
async function invitationMailTo(partnerId?: string) {
  const email = `${unique('invitee')}@example.com`;
  const role = partnerId ? 'partner_admin' : 'marketing';
  const res = await admin.request('POST', '/api/v1/invitations', { email, role, ...(partnerId ? { partnerId } : {}) });
  expect(res.statusCode).toBe(201);
  const [mail] = await env.db.run({ kind: 'system' }, (tx) =>
    tx.select().from(mailMessages).where(eq(mailMessages.to, email)),
  );
  return mail!;
}

describe('mail templates', () => {
  it('lists every registered template with its variables and built-in wording', async () => {
    const res = await admin.request('GET', '/api/v1/mail/templates');
    expect(res.statusCode).toBe(200);
    const list = res.json() as { key: string }[];
    // every step of the partner lifecycle that needs someone's action has a template an admin can reword
    expect(list.map((t) => t.key)).toEqual(
      expect.arrayContaining([
        'invitation',
        'password_reset',
        'application_received',
        'application_to_review',
        'application_approved',
        'application_rejected',
        'enrollment_submitted',
        'enrollment_approved',
        'enrollment_rejected',
        'enrollment_status_changed',
        'agreement_to_accept',
        'onboarding_overdue',
      ]),
    );
    const invitation = (await admin.request('GET', url('invitation'))).json();
    expect(invitation).toMatchObject({
      key: 'invitation',
      customized: false,
      updatedBy: null,
      updatedAt: null,
      subject: 'You are invited to {{invitedTo}}',
      builtIn: { subject: 'You are invited to {{invitedTo}}' },
    });
    expect(invitation.variables).toContainEqual({ name: 'link', example: expect.stringContaining('accept-invite') });
  });

  it('sends the built-in wording as before: vendor and partner invitations', async () => {
    const vendor = await invitationMailTo();
    expect(vendor.template).toBe('invitation');
    expect(vendor.subject).toBe('You are invited to Trellis');
    expect(vendor.text).toMatch(/^Test admin <\S+> invited you to the Trellis console as marketing\.\n/);
    expect(vendor.text).toMatch(/\nhttp:\/\/trellis\.test\/accept-invite\?token=\S+\n/);
    const partner = await makePartner(env, 'Acme Mail');
    const toPartner = await invitationMailTo(partner.id);
    expect(toPartner.subject).toBe('You are invited to Acme Mail on Trellis');
    expect(toPartner.text).toContain("invited you to Acme Mail's partner portal as partner admin.");
  });

  it('an admin override changes the invitation actually queued, and a reset restores the built-in one', async () => {
    const saved = await admin.request('PUT', url('invitation'), {
      subject: '  Join {{ invitedTo }}, from {{inviter}}  ',
      body: 'Hello!\n\nUse {{link}} ({{role}}).',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      customized: true,
      subject: 'Join {{ invitedTo }}, from {{inviter}}',
      body: 'Hello!\n\nUse {{link}} ({{role}}).',
      builtIn: { subject: 'You are invited to {{invitedTo}}' },
      updatedBy: expect.stringMatching(/^Test admin </),
    });
    expect(saved.json().updatedAt).toEqual(expect.any(String));

    const custom = await invitationMailTo();
    expect(custom.subject).toMatch(/^Join Trellis, from Test admin <\S+>$/);
    expect(custom.text).toMatch(/^Hello!\n\nUse http:\/\/trellis\.test\/accept-invite\?token=\S+ \(marketing\)\.$/);

    const reset = await admin.request('DELETE', url('invitation'));
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({
      customized: false,
      subject: 'You are invited to {{invitedTo}}',
      updatedBy: null,
    });
    expect((await invitationMailTo()).subject).toBe('You are invited to Trellis');
    // resetting again changes nothing and is not an error
    expect((await admin.request('DELETE', url('invitation'))).json().customized).toBe(false);
  });

  it('audits the change and the reset with the wording before and after', async () => {
    await admin.request('PUT', url('password_reset'), { subject: 'New password for {{name}}', body: '{{link}}' });
    await admin.request('PUT', url('password_reset'), { subject: 'Reset it, {{name}}', body: '{{link}}' });
    await admin.request('DELETE', url('password_reset'));
    await admin.request('DELETE', url('password_reset'));
    const audit = await admin.request('GET', '/api/v1/audit?objectType=mail_template&objectId=password_reset');
    const entries = (audit.json() as { items: { action: string; before: unknown; after: unknown }[] }).items;
    expect(entries.map((e) => e.action)).toEqual([
      'mail_template.reset',
      'mail_template.updated',
      'mail_template.updated',
    ]);
    expect(entries[2]).toMatchObject({
      before: { subject: 'Reset your Trellis password', customized: false },
      after: { subject: 'New password for {{name}}', body: '{{link}}', customized: true },
    });
    expect(entries[1]).toMatchObject({
      before: { subject: 'New password for {{name}}' },
      after: { subject: 'Reset it, {{name}}' },
    });
    expect(entries[0]).toMatchObject({
      before: { subject: 'Reset it, {{name}}', customized: true },
      after: { subject: 'Reset your Trellis password', customized: false },
    });
  });

  it.each([
    [
      'an unknown placeholder',
      { subject: 'Hi', body: 'Dear {{nmae}}, {{link}}' },
      'body',
      /unknown placeholder \{\{nmae\}\}/,
    ],
    ['a subject of two lines', { subject: 'Hi\nthere', body: 'x' }, 'subject', /one line/],
    ['an empty body', { subject: 'Hi', body: '' }, 'body', /must not be empty/],
    ['a subject too long', { subject: 'x'.repeat(201), body: 'x' }, 'subject', /at most 200/],
  ])('refuses %s with a problem naming the field, and keeps the wording', async (_, input, field, message) => {
    const res = await admin.request('PUT', url('invitation'), input);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ field, message: expect.stringMatching(message) }],
    });
    expect((await admin.request('GET', url('invitation'))).json().customized).toBe(false);
  });

  it('refuses a body that is not text, naming the field', async () => {
    const res = await admin.request('PUT', url('invitation'), { subject: 'Hi' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ field: 'body' }));
  });

  it('previews the draft or the current wording with the example values, and names its problems', async () => {
    const draft = await admin.request('POST', url('invitation', '/preview'), {
      subject: 'Welcome to {{invitedTo}}',
      body: '{{inviter}} says hi {{nobody}}',
    });
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toEqual({
      subject: 'Welcome to Acme on Trellis',
      text: 'Ada Lovelace says hi {{nobody}}',
      problems: [{ field: 'body', message: expect.stringMatching(/unknown placeholder \{\{nobody\}\}/) }],
    });
    const current = await admin.request('POST', url('invitation', '/preview'), {});
    expect(current.json()).toMatchObject({ subject: 'You are invited to Acme on Trellis', problems: [] });
    expect(current.json().text).toContain("Ada Lovelace invited you to Acme's partner portal as partner admin.");
    // a draft subject alone is previewed with the current body
    const mixed = await admin.request('POST', url('invitation', '/preview'), { subject: 'Only the subject' });
    expect(mixed.json()).toMatchObject({ subject: 'Only the subject', text: expect.stringContaining('Ada Lovelace') });
  });

  it('answers 404 for a key no module defines', async () => {
    for (const [method, path, body] of [
      ['GET', url('nope'), undefined],
      ['PUT', url('nope'), { subject: 'x', body: 'y' }],
      ['DELETE', url('nope'), undefined],
      ['POST', url('nope', '/preview'), {}],
    ] as const) {
      const res = await admin.request(method, path, body);
      expect(res.statusCode, `${method} ${path}`).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
  });

  it('is for admins only: 403 to other staff and to partners', async () => {
    const { browser: manager } = await signedIn(env, 'channel_manager');
    const partner = await makePartner(env);
    const { browser: partnerAdmin } = await signedIn(env, 'partner_admin', partner.id);
    for (const who of [manager, partnerAdmin]) {
      expect((await who.request('GET', '/api/v1/mail/templates')).statusCode).toBe(403);
      expect((await who.request('GET', url('invitation'))).statusCode).toBe(403);
      const put = await who.request('PUT', url('invitation'), { subject: 'Hacked', body: 'x' });
      expect(put.statusCode).toBe(403);
      expect((await who.request('DELETE', url('invitation'))).statusCode).toBe(403);
      expect((await who.request('POST', url('invitation', '/preview'), {})).statusCode).toBe(403);
    }
    expect((await admin.request('GET', url('invitation'))).json().customized).toBe(false);
  });

  it('a partner admin inviting a colleague gets the admin wording (partners read templates)', async () => {
    const partner = await makePartner(env, 'Partner Co');
    const { browser: partnerAdmin } = await signedIn(env, 'partner_admin', partner.id);
    await admin.request('PUT', url('invitation'), { subject: 'Team invite to {{partnerName}}', body: '{{link}}' });
    try {
      const email = `${unique('colleague')}@example.com`;
      const res = await partnerAdmin.request('POST', '/api/v1/invitations', { email, role: 'partner_member' });
      expect(res.statusCode).toBe(201);
      const [mail] = await env.db.run({ kind: 'system' }, (tx) =>
        tx.select().from(mailMessages).where(eq(mailMessages.to, email)),
      );
      expect(mail!.subject).toBe('Team invite to Partner Co');
    } finally {
      await admin.request('DELETE', url('invitation'));
    }
  });
});
