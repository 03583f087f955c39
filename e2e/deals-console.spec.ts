import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { ADMIN, escapeRegExp, expectAccessible, login, programFromTemplate, unique, uniqueEmail } from './helpers';

const PASSWORD = 'a-long-enough-password-42';

/** JSON writes as whoever `request` is signed in as, with the session's CSRF token. */
async function apiAs(request: APIRequestContext) {
  const session = (await (await request.get('/api/v1/auth/session')).json()) as {
    csrfToken: string;
    user: { id: string };
  };
  const send = async <T>(method: 'post' | 'put', path: string, data: object): Promise<T> => {
    const res = await request[method](`/api/v1${path}`, { data, headers: { 'X-CSRF-Token': session.csrfToken } });
    expect(res.ok(), `${method.toUpperCase()} ${path}: ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  };
  return {
    userId: session.user.id,
    post: <T>(path: string, data: object) => send<T>('post', path, data),
    put: <T>(path: string, data: object) => send<T>('put', path, data),
  };
}

type Api = Awaited<ReturnType<typeof apiAs>>;
type Deal = { id: string; reference: string; status: string };

/** A running reseller program without tiers, made through the API. */
async function activeProgram(admin: Api, currency: string) {
  const program = await admin.post<{ id: string }>('/programs', {
    name: `Deals ${unique(currency.toLowerCase())}`,
    programType: 'reseller',
    currency,
  });
  await admin.post(`/programs/${program.id}/status`, { status: 'active', reason: 'Launch' });
  return program;
}

/** A partner managed by `camUserId`, placed in the program, with a partner admin signed in on its own. */
async function partnerWithUser(admin: Api, browser: Browser, programId: string, camUserId: string) {
  const name = `Reseller ${unique('co')}`;
  const partner = await admin.post<{ id: string }>('/partners', { name, camUserId });
  await admin.post(`/programs/${programId}/enrollments`, { partnerId: partner.id });
  const email = uniqueEmail('seller');
  await admin.post('/users', {
    email,
    name: `Sam ${unique('s')}`,
    password: PASSWORD,
    role: 'partner_admin',
    partnerId: partner.id,
  });
  const context = await browser.newContext();
  const signIn = await context.request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  expect(signIn.ok()).toBe(true);
  return { id: partner.id, name, email, api: await apiAs(context.request), context };
}

function registration(programId: string, customerName: string, domain: string) {
  return {
    programId,
    customerName,
    customerDomain: domain,
    customerCountry: 'US',
    contactName: 'Pat Buyer',
    contactEmail: `pat@${domain}`,
    amount: 4_800_000,
    expectedCloseDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    attribution: 'sourced',
  };
}

async function expectMail(page: Page, to: string, subject: RegExp) {
  await expect(async () => {
    await page.goto('/console/mail');
    await expect(page.getByRole('row').filter({ hasText: to }).filter({ hasText: subject })).toBeVisible({
      timeout: 2_000,
    });
  }).toPass({ timeout: 20_000 });
}

test('two partners register the same customer; the channel manager resolves the conflict in the console', async ({
  page,
  browser,
}) => {
  test.slow();
  const program = `Deals ${unique('p')}`;
  const customer = `Globex ${unique('c')}`;
  const domain = `${unique('globex').toLowerCase()}.example`;

  await login(page, ADMIN.email, ADMIN.password);
  await programFromTemplate(page, program, unique('deals').toLowerCase());
  const programId = new URL(page.url()).pathname.split('/').pop()!;
  const admin = await apiAs(page.request);
  await admin.post(`/programs/${programId}/status`, { status: 'active', reason: 'Launch' });

  // The program's deal settings, in its tab: the tiers' own protection days come from the matrix
  await page.goto(`/console/programs/${programId}?tab=deals`);
  const protection = page.getByRole('list', { name: 'Protection by tier' });
  await expect(protection).toContainText('Registered: 30 days (its own)');
  await page.getByLabel('Approval SLA (business days)').fill('3');
  await page.getByLabel('Default protection days').fill('45');
  await page.getByLabel('Extension days').fill('15');
  await page.getByRole('switch', { name: 'Approve registrations without review' }).check();
  await page.getByLabel('Below amount').fill('1,000.5');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save deal settings' }).click();
  await expect(page.getByText('Deal registration settings saved')).toBeVisible();
  const saved = (await (await page.request.get(`/api/v1/programs/${programId}/deal-settings`)).json()) as object;
  expect(saved).toMatchObject({ approvalSlaDays: 3, protectionDays: 45, extensionDays: 15, autoApproveBelow: 100050 });
  await page.reload();
  await expect(page.getByLabel('Below amount')).toHaveValue('1,000.50');

  // Two partners the admin looks after register the same customer through the API; the later one conflicts
  const first = await partnerWithUser(admin, browser, programId, admin.userId);
  const second = await partnerWithUser(admin, browser, programId, admin.userId);
  const held = await first.api.post<Deal>('/deals', registration(programId, `${customer} Inc.`, domain));
  const late = await second.api.post<Deal>(
    '/deals',
    registration(programId, `${customer.toUpperCase()}, LLC`, `www.${domain}`),
  );
  expect(held.status).toBe('submitted');
  expect(late.status).toBe('conflict');

  // The queue, oldest first, with the conflict marked; the navigation counts what waits
  await page.goto('/console');
  const nav = page.getByRole('navigation', { name: 'Console' });
  await expect(nav.getByRole('link', { name: /Deals/ })).toContainText(/\d+ to review/);
  await nav.getByRole('link', { name: /Deals/ }).click();
  await expect(page.getByRole('tab', { name: 'To review', selected: true })).toBeVisible();
  const queue = page.getByRole('table', { name: 'Registrations to review' });
  const heldRow = queue.getByRole('row').filter({ hasText: held.reference });
  const lateRow = queue.getByRole('row').filter({ hasText: late.reference });
  await expect(heldRow).toContainText(first.name);
  await expect(heldRow).toContainText('48,000.00 USD');
  await expect(heldRow).toContainText('Submitted');
  await expect(lateRow).toContainText('Conflict');
  await expect(lateRow).toContainText(second.name);
  const rows = await queue.getByRole('row').allTextContents();
  const at = (ref: string) => rows.findIndex((r) => r.includes(ref));
  expect(at(held.reference)).toBeLessThan(at(late.reference));
  await expectAccessible(page);

  // Every registration, filtered; the CSV export follows the filters
  await page.getByRole('tab', { name: 'All registrations' }).click();
  await page.getByLabel('Search').fill(customer);
  const list = page.getByRole('table', { name: 'Registrations' });
  await expect(list.getByRole('row')).toHaveCount(3);
  await page.getByLabel('Amount from').fill('48,000.01');
  await expect(page.getByText('No registrations match.')).toBeVisible();
  await page.getByLabel('Amount from').fill('48,000');
  await expect(list.getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', /amountMin=4800000/);
  const csv = await page.request.get((await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href'))!);
  expect(await csv.text()).toContain(late.reference);
  await expectAccessible(page);

  // The conflict: what it collides with, and who holds it
  await page.getByRole('tab', { name: 'To review' }).click();
  await page.getByRole('link', { name: late.reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(late.reference);
  const collides = page.getByRole('table', { name: `What ${late.reference} collides with` });
  await expect(collides.getByRole('link', { name: held.reference })).toBeVisible();
  await expect(collides).toContainText(first.name);
  await expect(collides).toContainText('Same domain');
  await expect(collides).toContainText('Submitted');
  await expectAccessible(page);

  // Resolved in favour of the later registration, with a reason
  await page.getByRole('button', { name: 'Resolve conflict' }).click();
  const dialog = page.getByRole('dialog', { name: `Resolve the conflict of ${late.reference}` });
  await expect(dialog).toContainText(`${held.reference} of ${first.name} is rejected`);
  await dialog.getByRole('button', { name: 'Resolve conflict' }).click();
  await expect(dialog.getByText('Choose who keeps the customer')).toBeVisible();
  await expect(dialog.getByText('Give the reason for the decision')).toBeVisible();
  await dialog.getByRole('radio', { name: 'Give it to this registration' }).check();
  await dialog.getByLabel('Reason').fill('The customer asked for this partner by name.');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Resolve conflict' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText('Protected');
  const protectedSection = page.getByRole('region', { name: 'Protection' });
  await expect(protectedSection.getByText('Protected until')).toBeVisible();
  await expect(protectedSection.locator('time')).toBeVisible();
  await expect(protectedSection).toContainText(/Protection days\s*30/);
  await expect(page.getByRole('list', { name: `History of ${late.reference}` })).toContainText('Conflict → Protected');
  await expect(page.getByRole('button', { name: 'Resolve conflict' })).toHaveCount(0);
  await expectAccessible(page);

  // The holder lost it: rejected, with the later registration shown as its challenger
  await page
    .getByRole('table', { name: `What ${late.reference} collides with` })
    .getByRole('link', { name: held.reference })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(held.reference);
  await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText('Rejected');
  const challengers = page.getByRole('table', { name: `Later registrations conflicting with ${held.reference}` });
  await expect(challengers.getByRole('link', { name: late.reference })).toBeVisible();
  await expect(challengers).toContainText('Protected');
  await expect(page.getByRole('region', { name: 'Review' })).toContainText('given to another registration');
  // created and submitted in one go: the history still tells it in that order
  const history = page.getByRole('list', { name: `History of ${held.reference}` }).getByRole('listitem');
  await expect(history).toHaveText([/^Created as a draft/, /^Draft → Submitted/, /^Submitted → Rejected/]);
  await expectAccessible(page);

  // Both partners were told by mail
  await expectMail(page, first.email, new RegExp(`Not approved: .*${escapeRegExp(held.reference)}`));
  await expectMail(page, second.email, new RegExp(`Approved: .*${escapeRegExp(late.reference)}`));
  await expectAccessible(page);

  // The winner's partner page lists the registration
  await page.goto(`/console/partners/${second.id}`);
  const recent = page.getByRole('table', { name: `Latest registrations of ${second.name}` });
  await expect(recent.getByRole('row').filter({ hasText: late.reference })).toContainText('Protected');
  await expectAccessible(page);
  await page.getByRole('link', { name: `All registrations of ${second.name}` }).click();
  await expect(page.getByRole('tab', { name: 'All registrations', selected: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Registrations' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('combobox', { name: 'Partner' })).toHaveValue(second.name);

  await first.context.close();
  await second.context.close();
});

test('the holder of a conflict withdraws: the queue and the page mark it, the channel manager is mailed', async ({
  page,
  browser,
}) => {
  test.slow();
  await login(page, ADMIN.email, ADMIN.password);
  const admin = await apiAs(page.request);
  const program = await activeProgram(admin, 'USD');
  const customer = `Hooli ${unique('c')}`;
  const domain = `${unique('hooli').toLowerCase()}.example`;
  const first = await partnerWithUser(admin, browser, program.id, admin.userId);
  const second = await partnerWithUser(admin, browser, program.id, admin.userId);
  const held = await first.api.post<Deal>('/deals', registration(program.id, customer, domain));
  const late = await second.api.post<Deal>('/deals', registration(program.id, customer, domain));
  expect(late.status).toBe('conflict');

  // The holder's partner takes its registration back; the outbox job mails the channel manager (the admin here)
  await first.api.post(`/deals/${held.id}/withdraw`, {});
  await expectMail(page, ADMIN.email, new RegExp(`Conflict can be resolved: .*${escapeRegExp(late.reference)}`));

  await page.goto('/console/deals');
  const queue = page.getByRole('table', { name: 'Registrations to review' });
  const lateRow = queue.getByRole('row').filter({ hasText: late.reference });
  await expect(lateRow).toContainText('Conflict');
  await expect(lateRow).toContainText('Holder no longer active');
  await expectAccessible(page);

  await lateRow.getByRole('link', { name: late.reference }).click();
  await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText('Holder no longer active');
  await expect(page.getByText('The holder is no longer active')).toBeVisible();
  const collides = page.getByRole('table', { name: `What ${late.reference} collides with` });
  await expect(collides.getByRole('row').filter({ hasText: held.reference })).toContainText('Withdrawn');
  // nothing moved by itself: the channel manager still decides
  await expect(page.getByRole('button', { name: 'Resolve conflict' })).toBeVisible();
  await expectAccessible(page);

  // The partner's portal page says only that its registration needs review
  const portal = await second.context.newPage();
  await portal.goto(`/portal/deals/${late.id}`);
  await expect(portal.getByRole('heading', { level: 1 })).toContainText(late.reference);
  await expect(portal.getByText(/no longer active/i)).toHaveCount(0);

  await first.context.close();
  await second.context.close();
});

test('a registration is approved, its extension granted and it is closed won; another is rejected; a viewer only reads', async ({
  page,
  browser,
}) => {
  test.slow();
  await login(page, ADMIN.email, ADMIN.password);
  const admin = await apiAs(page.request);
  const program = await activeProgram(admin, 'EUR');
  // no tiers: the program's own protection and extension days apply
  await admin.put(`/programs/${program.id}/deal-settings`, {
    approvalSlaDays: 2,
    protectionDays: 20,
    extensionDays: 10,
    autoApprove: false,
    autoApproveBelow: null,
    autoApproveAttributions: ['sourced'],
  });
  const partner = await partnerWithUser(admin, browser, program.id, admin.userId);
  const won = await partner.api.post<Deal>(
    '/deals',
    registration(program.id, `Initech ${unique('c')}`, `${unique('initech')}.example`),
  );
  const lost = await partner.api.post<Deal>(
    '/deals',
    registration(program.id, `Umbrella ${unique('c')}`, `${unique('umbrella')}.example`),
  );

  // Approve with a note: protected for the program's 20 days
  await page.goto(`/console/deals/${won.id}`);
  await page.getByRole('button', { name: 'Approve' }).click();
  const approve = page.getByRole('dialog', { name: `Approve ${won.reference}` });
  await approve.getByLabel('Note').fill('Strong champion at the customer.');
  await expectAccessible(page);
  await approve.getByRole('button', { name: 'Approve registration' }).click();
  await expect(approve).toHaveCount(0);
  const protection = page.getByRole('region', { name: 'Protection' });
  await expect(protection).toContainText(/Protection days\s*20/);
  await expect(page.getByRole('region', { name: 'Review' })).toContainText('Strong champion at the customer.');

  // The partner asks for more time; the channel manager grants it
  await partner.api.post(`/deals/${won.id}/extension`, { reason: 'The board meets next month.' });
  await page.reload();
  await expect(page.getByText('The partner asks to extend protection')).toBeVisible();
  await expect(page.getByText('“The board meets next month.”').first()).toBeVisible();
  await page.getByRole('button', { name: 'Grant extension' }).click();
  const grant = page.getByRole('dialog', { name: `Grant the extension of ${won.reference}` });
  await expect(grant).toContainText('Granting adds 10 days');
  await expectAccessible(page);
  await grant.getByRole('button', { name: 'Grant extension' }).click();
  await expect(grant).toHaveCount(0);
  await expect(protection).toContainText(/Protection days\s*30/);
  await expect(protection).toContainText('Granted');
  await expect(page.getByRole('button', { name: 'Grant extension' })).toHaveCount(0);

  // Closed won at a final amount typed in euros, kept exactly in cents
  await page.getByRole('button', { name: 'Close won or lost' }).click();
  const close = page.getByRole('dialog', { name: `Close ${won.reference}` });
  await expect(close.getByLabel('Final amount')).toHaveValue('48,000.00');
  await close.getByLabel('Final amount').fill('51,250.555');
  await close.getByRole('button', { name: 'Close as won' }).click();
  await expect(close.getByText('EUR has at most 2 decimals')).toBeVisible();
  await close.getByLabel('Final amount').fill('51,250.55');
  await expectAccessible(page);
  await close.getByRole('button', { name: 'Close as won' }).click();
  await expect(close).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Outcome' })).toContainText('51,250.55 EUR');
  const closed = (await (await page.request.get(`/api/v1/deals/${won.id}`)).json()) as { wonAmount: number };
  expect(closed.wonAmount).toBe(5_125_055);
  await expectAccessible(page);

  // Rejected: a reason is required and mailed
  await page.goto(`/console/deals/${lost.id}`);
  await page.getByRole('button', { name: 'Reject' }).click();
  const reject = page.getByRole('dialog', { name: `Reject ${lost.reference}` });
  await reject.getByRole('button', { name: 'Reject registration' }).click();
  await expect(reject.getByText('Give the reason; it is mailed to the partner')).toBeVisible();
  await reject.getByLabel('Reason').fill('The customer buys directly.');
  await reject.getByRole('button', { name: 'Reject registration' }).click();
  await expect(reject).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText('Rejected');
  await expectMail(page, partner.email, new RegExp(`Not approved: .*${escapeRegExp(lost.reference)}`));

  // A viewer reads every registration and decides nothing
  const email = uniqueEmail('viewer');
  await admin.post('/users', { email, name: 'Vera Viewer', password: PASSWORD, role: 'viewer' });
  const viewer = await (await browser.newContext()).newPage();
  await login(viewer, email, PASSWORD);
  await viewer.goto('/console/deals');
  await expect(viewer.getByRole('tab', { name: 'To review' })).toHaveCount(0);
  await expect(
    viewer.getByRole('table', { name: 'Registrations' }).getByRole('link', { name: won.reference }),
  ).toBeVisible();
  await expectAccessible(viewer);
  await viewer.getByRole('link', { name: won.reference }).click();
  await expect(viewer.getByRole('heading', { level: 1 })).toContainText(won.reference);
  await expect(viewer.getByRole('button', { name: 'Close won or lost' })).toHaveCount(0);
  await expectAccessible(viewer);

  await partner.context.close();
  await viewer.context().close();
});
