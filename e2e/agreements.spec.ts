import { expect, test } from '@playwright/test';
import { ADMIN, expectAccessible, login, newPartnerAdmin, unique } from './helpers';

const TEXT = [
  '# Rules of engagement',
  '',
  'Partners **register** deals before they work them.',
  '',
  '- Territory: EMEA',
  '- [Price list](https://example.com/pricing)',
  '',
  '<script>alert("not run")</script>',
].join('\n');

test('an agreement: written and published in the console, accepted in the portal, verified by anyone', async ({
  page,
  browser,
}) => {
  test.slow();
  const name = `Agreement ${unique('p')}`;
  const company = `Contoso ${unique('co')}`;

  await login(page, ADMIN.email, ADMIN.password);
  await page.goto('/console/programs/new');
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create program' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('button', { name: 'Activate' }).click();
  await page.getByRole('dialog').getByLabel('Reason').fill('Launch');
  await page.getByRole('button', { name: 'Activate program' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

  // Write the agreement, preview it, publish it
  await page.getByRole('tab', { name: 'Agreement' }).click();
  await expect(page.getByText('No agreement yet')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Write the agreement' }).click();
  const editor = page.getByRole('dialog');
  await editor.getByLabel('Text (Markdown)').fill(TEXT);
  await editor.getByRole('tab', { name: 'Preview' }).click();
  await expect(editor.getByRole('heading', { name: 'Rules of engagement' })).toBeVisible();
  await expect(
    editor.getByRole('region', { name: 'Preview' }).getByText('<script>alert("not run")</script>'),
  ).toBeVisible();
  await expectAccessible(page);
  await editor.getByRole('button', { name: 'Save draft' }).click();
  const draft = page.getByRole('row').filter({ hasText: 'Draft' });
  await draft.getByRole('button', { name: 'Publish' }).click();
  const confirm = page.getByRole('dialog', { name: 'Publish version 1?' });
  await expect(confirm).toContainText('accept it again within 30 days');
  await expectAccessible(page);
  await confirm.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Current' })).toBeVisible();
  await expectAccessible(page);

  // A partner placed in the program waits for its admin to accept
  const partner = await newPartnerAdmin(page, browser, company);
  await page.goto('/console/programs');
  await page.getByRole('link', { name }).click();
  await page.getByRole('tab', { name: 'Partners' }).click();
  await page.getByRole('button', { name: 'Add partner' }).click();
  const add = page.getByRole('dialog');
  await add.getByRole('combobox', { name: 'Partner' }).fill(company.slice(0, 12));
  await page.getByRole('option', { name: company }).click();
  await add.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('row').filter({ hasText: company })).toBeVisible();

  await partner.getByRole('navigation', { name: 'Partner portal' }).getByRole('link', { name: 'Agreements' }).click();
  await expect(partner.getByRole('heading', { level: 1, name: 'Agreements' })).toBeVisible();
  const item = partner.getByRole('listitem').filter({ hasText: name });
  await expect(item).toContainText('To accept');
  await expectAccessible(partner);
  await item.getByRole('link', { name: `Read and accept the agreement of ${name}` }).click();
  await expect(partner.getByRole('heading', { level: 2, name: 'Rules of engagement' })).toBeVisible();
  await expect(partner.getByRole('link', { name: /Price list/ })).toHaveAttribute(
    'href',
    'https://example.com/pricing',
  );
  await expect(partner.getByText('<script>alert("not run")</script>')).toBeVisible();
  await expectAccessible(partner);

  // Not without the tick; then accepted, with a receipt to verify
  await partner.getByRole('button', { name: 'Accept agreement' }).click();
  await expect(partner.getByText('Tick the box to confirm that you have read the agreement')).toBeVisible();
  await partner.getByLabel(`I have read this agreement and accept it on behalf of ${company}`).check();
  await partner.getByRole('button', { name: 'Accept agreement' }).click();
  await expect(partner.getByText(`accepted version 1 for ${company}`)).toBeVisible();
  await expect(partner.getByRole('table', { name: /Acceptances/ }).getByRole('row')).toHaveCount(2);
  await expectAccessible(partner);
  await partner.getByRole('link', { name: 'Agreements' }).first().click();
  await expect(partner.getByRole('listitem').filter({ hasText: name })).toContainText('Accepted');

  await partner.goBack();
  await partner.getByRole('link', { name: 'verification page' }).click();
  await expect(partner).toHaveURL(/\/verify\/[0-9a-f-]{36}$/);
  const verifyPath = new URL(partner.url()).pathname;
  const id = verifyPath.split('/').pop()!;

  // Anyone, signed out, checks it: no address, browser or email shown
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto('/verify');
  await expectAccessible(visitor);
  await visitor.getByLabel('Receipt number or link').fill(`https://trellis.example${verifyPath}`);
  await visitor.getByRole('button', { name: 'Verify' }).click();
  await expect(visitor).toHaveURL(new RegExp(`/verify/${id}$`));
  await expect(visitor.getByText('A valid acceptance')).toBeVisible();
  await expect(visitor.getByText(company)).toBeVisible();
  await expect(visitor.locator('main')).not.toContainText('@example.com');
  await expect(visitor.locator('main')).not.toContainText('127.0.0.1');
  await expectAccessible(visitor);
  await visitor.getByLabel('Check another acceptance').fill('not-a-receipt');
  await visitor.getByRole('button', { name: 'Verify' }).click();
  await expect(visitor.getByText('Paste the receipt number')).toBeVisible();
  await visitor.goto('/verify/00000000-0000-4000-8000-000000000000');
  await expect(visitor.getByText('No such acceptance')).toBeVisible();
  await expectAccessible(visitor);

  // The console sees who accepted, from where
  await page.getByRole('tab', { name: 'Agreement' }).click();
  await page.getByRole('row').filter({ hasText: 'Current' }).getByRole('button', { name: 'Acceptances' }).click();
  const acceptances = page.getByRole('dialog').getByRole('row').filter({ hasText: company });
  await expect(acceptances).toContainText('127.0.0.1');
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expectAccessible(page);

  await partner.context().close();
  await visitor.context().close();
});
