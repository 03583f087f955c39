import { expect, test, type Page } from '@playwright/test';
import { ADMIN, expectAccessible, login, newPartnerAdmin, programFromTemplate, unique } from './helpers';

/** The REST API as the user signed in on `page` (the vendor's moves while its console is built elsewhere). */
async function apiAs(page: Page) {
  const session = (await (await page.request.get('/api/v1/auth/session')).json()) as {
    csrfToken: string;
    user: { partnerId: string | null };
  };
  const call = async (method: 'get' | 'post' | 'put', path: string, data?: unknown) => {
    const response = await page.request[method](`/api/v1${path}`, {
      data,
      headers: { 'X-CSRF-Token': session.csrfToken },
    });
    expect(response.ok(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(true);
    return response.json() as Promise<Record<string, unknown> & { id: string }>;
  };
  return { session, call };
}

/** The smallest PDF worth the name: a page saying nothing. */
const SMALL_PDF =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** On the register form: who the customer is (the conflict check runs as this is typed). */
async function fillCustomer(page: Page, name: string, domain: string) {
  await page.getByLabel('Company name').fill(name);
  await page.getByLabel('Web domain').fill(domain);
}

/** On the register form: everything a submission needs besides the customer. */
async function fillTheRest(page: Page, product: string, amount: string) {
  await page.getByRole('combobox', { name: 'Country' }).fill('Germany');
  await page.getByRole('option', { name: 'Germany (DE)' }).click();
  await page.getByLabel('Contact name').fill('Chris Buyer');
  await page.getByLabel('Contact email').fill('chris@example.com');
  await page.getByRole('combobox', { name: 'Products' }).click();
  await page.getByRole('option', { name: product }).click();
  await page.keyboard.press('Escape');
  await page.getByLabel(/^Estimated amount/).fill(amount);
  await page.getByLabel('Expected close date').fill(inDays(60));
}

/** Waits for the conflict check of what was just typed to answer. */
const conflictChecked = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith('/api/v1/deals/conflict-check') && r.ok());

test('partners register deals: the form, the conflict warning, drafts with files, protection, closing won', async ({
  page,
  browser,
}) => {
  test.slow();
  const programName = `Deals ${unique('p')}`;
  const product = `Widget ${unique('w')}`;
  const tag = unique('c').toLowerCase();
  const customer = `Contoso ${tag}`;
  const domain = `contoso-${tag}.example`;

  // The vendor runs a program from the starter template, with a product to sell
  await login(page, ADMIN.email, ADMIN.password);
  await programFromTemplate(page, programName, unique('deals').toLowerCase());
  await page.getByRole('button', { name: 'Activate' }).click();
  await page.getByRole('dialog').getByLabel('Reason').fill('Launch');
  await page.getByRole('button', { name: 'Activate program' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  const programId = /\/console\/programs\/([0-9a-f-]+)/.exec(page.url())![1]!;
  const vendor = await apiAs(page);
  await vendor.call('post', '/products', { title: product });

  // Two partner companies, each placed in the program (no agreement to accept: active at once)
  const first = await newPartnerAdmin(page, browser, `First ${unique('co')}`);
  const second = await newPartnerAdmin(page, browser, `Second ${unique('co')}`);
  const firstApi = await apiAs(first);
  const secondApi = await apiAs(second);
  for (const p of [firstApi, secondApi])
    await vendor.call('post', `/programs/${programId}/enrollments`, { partnerId: p.session.user.partnerId });

  // The first partner registers a deal through the form: nobody has the customer, so no warning
  await first.getByRole('navigation', { name: 'Partner portal' }).getByRole('link', { name: 'Deals' }).click();
  await expect(first.getByRole('heading', { level: 1, name: 'Deals' })).toBeVisible();
  await expect(first.getByText('No registrations yet.')).toBeVisible();
  await expectAccessible(first);
  await first.getByRole('link', { name: 'Register a deal' }).click();
  await expect(first.getByRole('heading', { level: 1, name: 'Register a deal' })).toBeVisible();
  await expect(first.getByRole('combobox', { name: 'Program' })).toHaveValue(programId);
  const checked = conflictChecked(first);
  await fillCustomer(first, customer, domain);
  await checked;
  await expect(first.getByText('This customer may already be covered')).toHaveCount(0);
  await fillTheRest(first, product, '48,000.50');
  await expectAccessible(first);
  // a double click registers it once: the form sends one Idempotency-Key
  await first.getByRole('button', { name: 'Submit registration' }).dblclick();
  await expect(first).toHaveURL(/\/portal\/deals\/[0-9a-f-]+$/);
  const firstDealId = first.url().split('/').pop()!;
  await expect(first.getByRole('heading', { level: 1 })).toContainText(customer);
  await expect(first.getByText('Waiting for review')).toBeVisible();
  await expect(first.getByText('$48,000.50').first()).toBeVisible();
  await expectAccessible(first);

  // The second partner starts typing the same customer and is warned, without a name
  await second.goto('/portal/deals/new');
  const warned = conflictChecked(second);
  await second.getByLabel('Company name').fill(`${customer.toUpperCase()} GmbH`);
  await warned;
  const warning = second.getByRole('status').filter({ hasText: 'This customer may already be covered' });
  await expect(warning).toContainText('already registered or handled directly');
  await expect(warning).not.toContainText('First');
  await expectAccessible(second);
  // it submits anyway: the registration is kept, for a channel manager to review
  await second.getByLabel('Web domain').fill(domain);
  await fillTheRest(second, product, '30000');
  await second.getByRole('button', { name: 'Submit registration' }).click();
  await expect(second.getByText('is registered and needs review')).toBeVisible();
  await expect(second.getByRole('heading', { level: 1 })).toContainText('GmbH');
  await expect(second.getByText('Needs review', { exact: true }).first()).toBeVisible();
  await expect(second.getByText('Your registration is kept, and a channel manager will review it')).toBeVisible();
  await expectAccessible(second);
  // the list says the same, and the badge explains itself without naming anyone
  await second.getByRole('link', { name: '← Deals' }).click();
  const row = second.getByRole('table', { name: 'Deal registrations' }).getByRole('row').filter({ hasText: 'GmbH' });
  await expect(row).toContainText('Needs review');
  await row.getByText('Needs review').hover();
  await expect(second.getByRole('tooltip')).toContainText('Another registration or an account of the vendor');
  await second.getByLabel('Status').selectOption({ label: 'Won' });
  await expect(second.getByText('No registrations match.')).toBeVisible();
  await second.getByLabel('Status').selectOption({ label: 'Needs review' });
  await expect(row).toBeVisible();
  await expectAccessible(second);
  // and takes it back, after confirming
  await row.getByRole('link').first().click();
  await second.getByRole('button', { name: 'Withdraw' }).click();
  await expectAccessible(second);
  await second.getByRole('dialog').getByRole('button', { name: 'Withdraw registration' }).click();
  await expect(second.getByText('You withdrew it on')).toBeVisible();

  // The first partner's deal page shows its history
  await first.reload();
  const history = first.getByRole('list', { name: 'History' });
  await expect(history).toContainText('Created as a draft');
  await expect(history).toContainText('Submitted for review');

  // From here the first partner's registrations are protected for 5 days: no tier, the program's own days
  const enrollments = (await vendor.call('get', `/programs/${programId}/enrollments`)) as unknown as {
    id: string;
    partnerId: string;
  }[];
  const enrollment = enrollments.find((e) => e.partnerId === firstApi.session.user.partnerId)!;
  await vendor.call('post', `/enrollments/${enrollment.id}/tier`, { tierId: null, reason: 'Testing short protection' });
  await vendor.call('put', `/programs/${programId}/deal-settings`, {
    approvalSlaDays: 2,
    protectionDays: 5,
    extensionDays: 30,
    autoApprove: false,
    autoApproveBelow: null,
    autoApproveAttributions: [],
  });

  // A draft: saved with the customer only, it is a to-do on the home page
  const draftCustomer = `Fabrikam ${tag}`;
  await first.goto('/portal/deals/new');
  await first.getByLabel('Company name').fill(draftCustomer);
  await first.getByRole('button', { name: 'Save draft' }).click();
  await expect(first).toHaveURL(/\/portal\/deals\/[0-9a-f-]+\/edit$/);
  await expect(first.getByRole('heading', { level: 1 })).toContainText('Edit DR-');
  await first.getByRole('navigation', { name: 'Partner portal' }).getByRole('link', { name: 'Home' }).click();
  const todos = first.getByRole('list', { name: 'To-dos' });
  await expect(todos).toContainText(`(${draftCustomer}) is a draft`);
  await todos.getByRole('link', { name: 'Finish the registration' }).click();

  // a file is attached to the draft
  const chooser = first.waitForEvent('filechooser');
  await first.getByRole('button', { name: 'Attach a file' }).click();
  await (await chooser).setFiles({ name: 'quote.pdf', mimeType: 'application/pdf', buffer: Buffer.from(SMALL_PDF) });
  const files = first.getByRole('table', { name: 'Files' });
  await expect(files.getByRole('link', { name: 'Download quote.pdf' })).toBeVisible();
  await expectAccessible(first);

  // submitting what is missing is refused field by field, and the draft keeps what was typed
  await first.getByRole('button', { name: 'Submit registration' }).click();
  await expect(first.getByText('Saved as a draft, not submitted')).toBeVisible();
  await expect(first.getByText('Is required to submit').first()).toBeVisible();
  await expectAccessible(first);
  await first.getByLabel('Web domain').fill(`fabrikam-${tag}.example`);
  await fillTheRest(first, product, '12,500');
  await first.getByRole('button', { name: 'Submit registration' }).click();
  await expect(first.getByText('Waiting for review')).toBeVisible();
  const draftId = first.url().split('/').pop()!;
  await expect(first.getByRole('table', { name: 'Files' })).toContainText('quote.pdf');
  await expect(first.getByRole('list', { name: 'History' })).toContainText('File attached');

  // The vendor approves both; the one protected for 5 days is urgent on the home page
  await vendor.call('post', `/deals/${firstDealId}/approve`, {});
  await vendor.call('post', `/deals/${draftId}/approve`, {});
  await first.getByRole('navigation', { name: 'Partner portal' }).getByRole('link', { name: 'Home' }).click();
  const urgent = todos.getByRole('listitem').filter({ hasText: draftCustomer });
  await expect(urgent).toContainText('Needed now');
  await expect(urgent).toContainText('5 days left');
  await expectAccessible(first);
  await urgent.getByRole('link', { name: 'Open the deal' }).click();
  await expect(first.getByText(/Protected until .* \(5 days left\)/)).toBeVisible();
  // one extension may be asked for, of the program's 30 days
  await first.getByRole('button', { name: 'Request an extension' }).click();
  await expect(first.getByRole('dialog')).toContainText('adds 30 days');
  await expectAccessible(first);
  await first.getByRole('dialog').getByLabel('Reason').fill('The customer’s board meets next month');
  await first.getByRole('dialog').getByRole('button', { name: 'Request extension' }).click();
  await expect(first.getByText(/You asked for an extension on/)).toBeVisible();
  await expect(first.getByRole('button', { name: 'Request an extension' })).toHaveCount(0);

  // The first deal, protected by the tier it had when registered, is closed as won
  await first.goto(`/portal/deals/${firstDealId}`);
  await expect(first.getByText(/Protected until .* \(30 days left\)/)).toBeVisible();
  await expect(first.getByText('you can ask once for an extension of 30 days')).toBeVisible();
  await first.getByRole('button', { name: 'Close as won' }).click();
  const won = first.getByRole('dialog');
  await expect(won.getByLabel('Final amount (USD)')).toHaveValue('48,000.50');
  await won.getByLabel('Final amount (USD)').fill('50,000.5');
  await expectAccessible(first);
  await won.getByRole('button', { name: 'Close as won' }).click();
  await expect(first.getByText(/Closed won on .* for \$50,000\.50\./)).toBeVisible();
  await expect(first.getByRole('list', { name: 'History' })).toContainText('Closed won');
  await expect(first.getByRole('button', { name: 'Close as won' })).toHaveCount(0);
  await expectAccessible(first);

  // the list: the won amount, and protection days of the other one
  await first.getByRole('link', { name: '← Deals' }).click();
  const deals = first.getByRole('table', { name: 'Deal registrations' });
  await expect(deals.getByRole('row')).toHaveCount(3);
  await expect(deals.getByRole('row').filter({ hasText: customer })).toContainText('$50,000.50');
  await expect(deals.getByRole('row').filter({ hasText: draftCustomer })).toContainText('Ending soon: 5 days left');
  await expectAccessible(first);
  await first.context().close();
  await second.context().close();
});
