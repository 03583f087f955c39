import { expect, test } from '@playwright/test';
import { ADMIN, expectAccessible, login, unique } from './helpers';

test('an API key is created with its secret shown once, works, and is revoked', async ({ page, request }) => {
  const name = `CRM sync ${unique('key')}`;

  await login(page, ADMIN.email, ADMIN.password);
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await expect(page).toHaveTitle('API keys · Trellis');
  await expectAccessible(page);

  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Role').selectOption({ label: 'Viewer' });
  await page.getByRole('button', { name: 'Create API key' }).click();

  // The secret, once, with the warning.
  await expect(page.getByText('It will not be shown again')).toBeVisible();
  const secretBox = page.getByRole('textbox', { name: 'Secret' });
  await expect(secretBox).toHaveAttribute('readonly', '');
  const secret = await secretBox.inputValue();
  expect(secret).toMatch(/^trl_/);
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
  await expectAccessible(page);

  const table = page.getByRole('table', { name: 'API keys' });
  const row = table.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Viewer');
  const prefix = (await row.locator('code').first().innerText()).trim();
  expect(prefix.length).toBeGreaterThan(3);
  expect(secret.startsWith(prefix)).toBeTruthy();
  expect(prefix.length).toBeLessThan(secret.length);

  // The key works against the API.
  const ok = await request.get('/api/v1/products', { headers: { Authorization: `Bearer ${secret}` } });
  expect(ok.status()).toBe(200);

  // After a reload the secret is gone for good; the list shows only the prefix.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await expect(row).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Secret' })).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await expect(row).toContainText(prefix);

  // Revoke.
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(row.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(0);
  await expect(row.getByText('Active', { exact: true })).toHaveCount(0);
  await expectAccessible(page);

  const refused = await request.get('/api/v1/products', { headers: { Authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
});
