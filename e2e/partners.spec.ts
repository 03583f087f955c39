import { expect, test } from '@playwright/test';
import { ADMIN, expectAccessible, login, newPartnerAdmin, unique } from './helpers';

test('the vendor imports partners from CSV after a clean check, and edits a profile', async ({ page }) => {
  await login(page, ADMIN.email, ADMIN.password);
  await page.goto('/console/partners');
  await expect(page.getByRole('heading', { level: 1, name: 'Partners' })).toBeVisible();
  await expectAccessible(page);

  const first = unique('Imported');
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import partners from CSV' });
  await dialog.getByLabel('CSV text').fill(`name,website\n${first},not a website\n`);
  await dialog.getByRole('button', { name: 'Check' }).click();
  await expect(dialog.getByRole('table', { name: 'Import problems' })).toContainText('website');
  await expect(dialog.getByRole('button', { name: 'Import' })).toBeDisabled();
  await expectAccessible(page);

  await dialog.getByLabel('CSV text').fill(`name,website\n${first},https://example.com\n`);
  await dialog.getByRole('button', { name: 'Check' }).click();
  await expect(dialog.getByText('1 row ready to import.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByText('1 partner created.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByLabel('Search').fill(first);
  await page.getByRole('link', { name: first }).click();
  await expect(page.getByRole('heading', { level: 1, name: first })).toBeVisible();
  await page.getByRole('button', { name: 'Edit profile' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit profile' });
  await edit.getByLabel('Legal name').fill(`${first} Ltd`);
  await edit.getByLabel('Notes (vendor only)').fill('Met at the fair.');
  await expectAccessible(page);
  await edit.getByRole('button', { name: 'Save profile' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText(`${first} Ltd`)).toBeVisible();
  await expect(page.getByText('Met at the fair.')).toBeVisible();
  await expectAccessible(page);
});

test('a partner admin edits its company profile in the portal, without vendor fields', async ({ page, browser }) => {
  await login(page, ADMIN.email, ADMIN.password);
  const company = `Acme ${unique('co')}`;
  const partner = await newPartnerAdmin(page, browser, company);
  await partner.getByRole('link', { name: 'Company' }).click();
  await expect(partner.getByRole('heading', { level: 1, name: 'Company profile' })).toBeVisible();
  await expectAccessible(partner);
  await partner.getByRole('button', { name: 'Edit profile' }).click();
  const edit = partner.getByRole('dialog', { name: 'Edit company profile' });
  await expect(edit.getByLabel('Notes (vendor only)')).toHaveCount(0);
  await expect(edit.getByLabel('Status')).toHaveCount(0);
  await edit.getByLabel('Website').fill('https://acme.example');
  await expectAccessible(partner);
  await edit.getByRole('button', { name: 'Save profile' }).click();
  await expect(edit).toBeHidden();
  await expect(partner.getByText('acme.example', { exact: true })).toBeVisible();
});
