import { expect, test } from '@playwright/test';
import { ADMIN, expectAccessible, login, unique } from './helpers';

test('an admin creates, finds, edits, archives and restores a product, with its history', async ({ page }) => {
  const suffix = unique('p');
  const title = `Widget ${suffix}`;
  const renamed = `Gadget ${suffix}`;

  await login(page, ADMIN.email, ADMIN.password);
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Products' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
  await expect(page).toHaveTitle('Products · Trellis');
  await expectAccessible(page);

  // Create.
  await page.getByRole('link', { name: 'New product' }).click();
  await expect(page).toHaveURL(/\/console\/products\/new$/);
  await expect(page.getByRole('heading', { level: 1, name: 'New product' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Description').fill('A widget for the end-to-end tests.');
  await page.getByLabel('Status').selectOption({ label: 'Beta' });
  const tags = page.getByRole('combobox', { name: 'Tags' });
  await tags.fill('e2e');
  await tags.press('Enter');
  await tags.fill(suffix);
  await tags.press('Enter');
  await page.getByRole('button', { name: 'Create product' }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page).toHaveTitle(`${title} · Trellis`);
  await expect(page.getByText('A widget for the end-to-end tests.')).toBeVisible();
  await expectAccessible(page);

  // Find it by search.
  await page.getByRole('link', { name: '← Products' }).click();
  await page.getByLabel('Search').fill(suffix);
  const table = page.getByRole('table', { name: 'Products' });
  await expect(table.getByRole('link', { name: title })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2); // header + the one product
  await expect(table.getByRole('row', { name: new RegExp(title) })).toContainText('Beta');
  await expectAccessible(page);

  // Edit its title.
  await table.getByRole('link', { name: title }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Edit product' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Title').fill(renamed);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();

  // Archive: gone from the default list, there with "Show archived".
  await page.getByRole('button', { name: 'Archive', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Restore', exact: true })).toBeVisible();
  await expect(page.getByText('Archived', { exact: true }).first()).toBeVisible();
  await page.getByRole('link', { name: '← Products' }).click();
  await page.getByLabel('Search').fill(suffix);
  await expect(table.getByText('No products match.')).toBeVisible();
  await page.getByLabel('Show archived').check();
  await expect(table.getByRole('link', { name: renamed })).toBeVisible();
  await expectAccessible(page);

  // Restore: back in the default list.
  await table.getByRole('link', { name: renamed }).click();
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Archive', exact: true })).toBeVisible();
  await page.getByRole('link', { name: '← Products' }).click();
  await page.getByLabel('Search').fill(suffix);
  await expect(table.getByRole('link', { name: renamed })).toBeVisible();

  // The product's history, newest first, by the admin.
  await table.getByRole('link', { name: renamed }).click();
  const history = page.getByRole('table', { name: 'Product history' });
  for (const action of ['product.created', 'product.updated', 'product.archived', 'product.restored']) {
    await expect(history.getByRole('row').filter({ hasText: action })).toHaveCount(1);
  }
  await expect(history.getByRole('row').filter({ hasText: 'product.created' })).toContainText(ADMIN.name);
  await history.getByRole('button', { name: /Show changes of product\.updated/ }).click();
  await expect(history.getByText(`"title": "${renamed}"`)).toBeVisible();
  await expect(history.getByText(`"title": "${title}"`)).toBeVisible();
  await expectAccessible(page);
});

test('a bad product shows the problem under its field', async ({ page }) => {
  await login(page, ADMIN.email, ADMIN.password);
  await page.goto('/console/products/new');
  await page.getByLabel('Title').fill('   ');
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByText('Please correct the highlighted fields')).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});
