import { expect, test } from '@playwright/test';
import { ADMIN, expectAccessible, login, unique } from './helpers';

test('the audit log shows who did what, filtered, with before and after', async ({ page }) => {
  const keyName = `Audit key ${unique('k')}`;
  const title = `Audited ${unique('p')}`;

  await login(page, ADMIN.email, ADMIN.password);

  // Some changes to find: a product, and an API key created then revoked.
  await page.goto('/console/products/new');
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  await page.goto('/console/api-keys');
  await page.getByLabel('Name').fill(keyName);
  await page.getByRole('button', { name: 'Create API key' }).click();
  await expect(page.getByRole('textbox', { name: 'Secret' })).toBeVisible();
  await page.getByRole('button', { name: `Revoke ${keyName}` }).click();
  await expect(page.getByRole('button', { name: `Revoke ${keyName}` })).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page).toHaveTitle('Audit log · Trellis');
  const table = page.getByRole('table', { name: 'Audit entries' });
  await expect(table.getByRole('row').filter({ hasText: 'api_key.revoked' }).first()).toContainText(ADMIN.name);
  await expectAccessible(page);

  // Filter by object type: only API key entries.
  await page.getByLabel('Object type').fill('api_key');
  await expect(table.getByRole('row').filter({ hasText: 'product.created' })).toHaveCount(0);
  const created = table.getByRole('row').filter({ hasText: 'api_key.created' }).first();
  const revoked = table.getByRole('row').filter({ hasText: 'api_key.revoked' }).first();
  await expect(created).toContainText(ADMIN.name);
  await expect(revoked).toContainText(ADMIN.name);

  // Filter by action too, then open the entry's before/after.
  await page.getByLabel('Object type').fill('product');
  await page.getByLabel('Action').fill('product.created');
  await expect(table.getByRole('row').filter({ hasText: 'api_key' })).toHaveCount(0);
  const entry = table.getByRole('row').filter({ hasText: 'product.created' }).first();
  await expect(entry).toContainText(ADMIN.name);
  await entry.getByRole('button', { name: /Show changes/ }).click();
  await expect(table.getByText(`"title": "${title}"`)).toBeVisible();
  await expect(entry.getByRole('button', { name: /Hide changes/ })).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(page);
});
