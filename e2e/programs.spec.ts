import { expect, test } from '@playwright/test';
import { ADMIN, expectAccessible, login, newPartnerAdmin, unique } from './helpers';

test('a program from the starter template: the matrix edited in the console shows in the portal, and the graph draws it', async ({
  page,
  browser,
}) => {
  test.slow();
  const name = `Starter ${unique('p')}`;
  const key = unique('starter').toLowerCase();
  const company = `Northwind ${unique('co')}`;

  await login(page, ADMIN.email, ADMIN.password);
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Programs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Programs' })).toBeVisible();
  await expectAccessible(page);

  // New program from the three-tier starter
  await page.getByRole('link', { name: 'New from template' }).click();
  const starter = page.getByRole('article', { name: 'Three-tier partner program' });
  await expect(starter).toContainText('Registered');
  await expectAccessible(page);
  await starter.getByRole('button', { name: 'Use this template' }).click();
  const create = page.getByRole('dialog');
  await create.getByLabel('Key').fill(key);
  await create.getByLabel('Name').fill(name);
  await expectAccessible(page);
  await create.getByRole('button', { name: 'Create program' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expectAccessible(page);

  // The ladder came with it, entry tier first
  await page.getByRole('tab', { name: 'Tiers' }).click();
  const ladder = page.getByRole('list', { name: `Tiers of ${name}` });
  await expect(ladder.getByRole('heading', { level: 3 })).toHaveText(['Registered', 'Certified', 'Strategic']);
  await expect(ladder.getByRole('img', { name: 'Strategic badge' })).toBeVisible();
  await expectAccessible(page);

  // Activate it so partners see it
  await page.getByRole('button', { name: 'Activate' }).click();
  await page.getByRole('dialog').getByLabel('Reason').fill('Launch');
  await page.getByRole('button', { name: 'Activate program' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

  // Change Certified's commission from 25% to 27% in the matrix
  await page.getByRole('tab', { name: 'Benefits' }).click();
  const cell = page.getByLabel('Commission rate for Certified', { exact: true });
  await expect(cell).toHaveValue('25%');
  await expectAccessible(page);
  await cell.fill('27');
  await expect(page.getByText('1 unsaved change.')).toBeVisible();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('No unsaved changes.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Commission rate for Certified', { exact: true })).toHaveValue('27%');

  // A partner in the program at Certified
  const partner = await newPartnerAdmin(page, browser, company);
  await page.goto('/console/programs');
  await page.getByRole('link', { name }).click();
  await page.getByRole('tab', { name: 'Partners' }).click();
  await page.getByRole('button', { name: 'Add partner' }).click();
  const add = page.getByRole('dialog');
  await add.getByRole('combobox', { name: 'Partner' }).fill(company.slice(0, 12));
  await page.getByRole('option', { name: company }).click();
  await add.getByLabel('Tier').selectOption({ label: 'Certified' });
  await add.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('row').filter({ hasText: company })).toContainText('Certified');
  await expectAccessible(page);

  // The partner sees the ladder, its tier, and the new value
  // a fresh load: the portal home read the ladders before the partner was enrolled, and keeps them briefly
  await partner.goto('/portal/programs');
  const section = partner.getByRole('region', { name });
  await expect(section.getByRole('heading', { level: 2, name })).toBeVisible();
  await expect(section.getByText('Your tier: Certified.')).toBeVisible();
  const commission = section.getByRole('row').filter({ hasText: 'Commission rate' });
  await expect(commission).toContainText('27%');
  await expect(commission).not.toContainText('25%');
  await expect(section.getByRole('img', { name: 'Certified badge' })).toBeVisible();
  await expectAccessible(partner);

  // The graph shows the program; a node opens its details and links to its page
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Graph' }).click();
  const graph = page.getByRole('application', { name: 'Product graph' }).or(page.getByLabel('Product graph'));
  await expect(graph.first()).toBeVisible();
  await page.locator('.react-flow__node').filter({ hasText: name }).click();
  const details = page.getByRole('dialog');
  await expect(details.getByText('partner_program').or(details.getByText('Partner program')).first()).toBeVisible();
  await expectAccessible(page);
  await details.getByRole('link', { name: 'Open page' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await partner.context().close();
});
