import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { ADMIN, expectAccessible, login, unique } from './helpers';

test('an admin keeps house accounts by hand and by CSV, sets the name similarity and exports', async ({ page }) => {
  const tag = unique('house').replace(/[^a-z0-9]/g, '');
  await login(page, ADMIN.email, ADMIN.password);
  await page.getByRole('link', { name: 'House accounts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'House accounts' })).toBeVisible();
  await expectAccessible(page);

  // by hand: the domain is kept normalized
  await page.getByRole('button', { name: 'New house account' }).click();
  const add = page.getByRole('dialog', { name: 'New house account' });
  await add.getByLabel('Customer name').fill(`${tag} Corp`);
  await add.getByLabel('Web domain').fill(`https://www.${tag}.example/about`);
  await add.getByLabel('Owner').fill('Dana');
  await expectAccessible(page);
  await add.getByRole('button', { name: 'Add house account' }).click();
  await expect(add).toBeHidden();
  const table = page.getByRole('table', { name: 'House accounts' });
  await expect(table.getByRole('row').filter({ hasText: `${tag} Corp` })).toContainText(`${tag}.example`);

  // a second account cannot take the domain
  await page.getByRole('button', { name: 'New house account' }).click();
  await add.getByLabel('Customer name').fill(`${tag} Twin`);
  await add.getByLabel('Web domain').fill(`${tag}.example`);
  await add.getByRole('button', { name: 'Add house account' }).click();
  await expect(add.getByText(`The house account ${tag} Corp has the domain ${tag}.example`)).toBeVisible();
  await expectAccessible(page);
  await add.getByRole('button', { name: 'Cancel' }).click();

  // CSV: the check shows the bad row and nothing imports until the file is fixed
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import house accounts from CSV' });
  await dialog.getByLabel('CSV text').fill(`name,domain,owner\n${tag} Imported,not a domain,Lee\n`);
  await dialog.getByRole('button', { name: 'Check' }).click();
  await expect(dialog.getByRole('table', { name: 'Import problems' })).toContainText('is not a web domain');
  await expect(dialog.getByRole('button', { name: 'Import' })).toBeDisabled();
  await expectAccessible(page);
  await dialog
    .getByLabel('CSV text')
    .fill(`name,domain,owner\n${tag} Imported,${tag}-imported.example,Lee\n${tag} Corp,${tag}.example,Robin\n`);
  await dialog.getByRole('button', { name: 'Check' }).click();
  await expect(dialog.getByText('2 rows ready to import: 1 new, 1 updated, 0 unchanged.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByText('House accounts imported: 1 new, 1 updated, 0 unchanged.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.getByLabel('Search').fill(tag);
  await expect(table.getByRole('row').filter({ hasText: `${tag} Corp` })).toContainText('Robin');
  await expect(table.getByRole('row').filter({ hasText: `${tag} Imported` })).toContainText('Lee');

  // delete asks first
  await page.getByRole('button', { name: `Delete ${tag} Imported` }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${tag} Imported?` });
  await expectAccessible(page);
  await confirm.getByRole('button', { name: 'Delete house account' }).click();
  await expect(confirm).toBeHidden();
  await expect(table.getByRole('row').filter({ hasText: `${tag} Imported` })).toHaveCount(0);

  // the matching policy
  const similarity = page.getByLabel('Name similarity');
  await expect(similarity).toHaveValue('0.6');
  await similarity.fill('0.8');
  await page.getByRole('button', { name: 'Save similarity' }).click();
  await expect(page.getByText('Name similarity set to 0.8')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Name similarity')).toHaveValue('0.8');
  await expectAccessible(page);

  // the export holds what the search finds, in the import's columns
  await page.getByLabel('Search').fill(tag);
  await expect(table.getByRole('row')).toHaveCount(2);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('house-accounts.csv');
  const text = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
  expect(text.trim().split('\n')).toEqual(['name,domain,country,owner,notes', `${tag} Corp,${tag}.example,,Robin,`]);

  // leave the shared server's policy as it was
  await page.getByLabel('Name similarity').fill('0.6');
  await page.getByRole('button', { name: 'Save similarity' }).click();
  await expect(page.getByText('Name similarity set to 0.6')).toBeVisible();
});
