import { expect, test } from '@playwright/test';
import {
  ADMIN,
  expectAccessible,
  login,
  pathOf,
  programFromTemplate,
  readMailLink,
  unique,
  uniqueEmail,
} from './helpers';

test('a prospect becomes an active partner: apply, approve, accept the invitation, accept the agreement, the portal home', async ({
  page,
  browser,
}) => {
  test.slow();
  const name = `Lifecycle ${unique('p')}`;
  const key = unique('lifecycle').toLowerCase();
  const company = `Fabrikam ${unique('co')}`;
  const contactEmail = uniqueEmail('prospect');

  // The vendor runs a program from the starter template…
  await login(page, ADMIN.email, ADMIN.password);
  await programFromTemplate(page, name, key);
  await page.getByRole('button', { name: 'Activate' }).click();
  await page.getByRole('dialog').getByLabel('Reason').fill('Launch');
  await page.getByRole('button', { name: 'Activate program' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

  // …with an agreement…
  await page.getByRole('tab', { name: 'Agreement' }).click();
  await page.getByRole('button', { name: 'Write the agreement' }).click();
  await page
    .getByRole('dialog')
    .getByLabel('Text (Markdown)')
    .fill('# Rules of engagement\n\nRegister deals before you work them.\n\n## Territory\n\nDACH.');
  await page.getByRole('dialog').getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('row').filter({ hasText: 'Draft' }).getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('dialog', { name: 'Publish version 1?' }).getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Current' })).toBeVisible();

  // …and a published application form that asks for partners based in Germany
  await page.getByRole('tab', { name: 'Application form' }).click();
  await page.getByRole('switch', { name: /Published/ }).check();
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByRole('combobox', { name: 'Countries' }).fill('Germany');
  await page.getByRole('option', { name: 'Germany' }).click();
  await page.getByRole('checkbox', { name: 'Required' }).check();
  await page.getByRole('button', { name: 'Save application form' }).click();
  await expect(page.getByLabel('Public link')).toHaveValue(new RegExp(`/apply/${key}$`));
  await expectAccessible(page);

  // A prospect applies through the public form, without an account
  const prospect = await (await browser.newContext()).newPage();
  await prospect.goto(`/apply/${key}`);
  await expect(prospect.getByRole('heading', { level: 1 })).toContainText(name);
  await prospect.getByLabel('Company name').fill(company);
  await prospect.getByLabel('Website').fill(`https://www.${key}.example/`);
  await prospect.getByLabel('Country').selectOption('DE');
  await prospect.getByLabel('Company size').selectOption('51-200');
  await prospect.getByLabel('Your name').fill('Pia Prospect');
  await prospect.getByLabel('Your email').fill(contactEmail);
  await expectAccessible(prospect);
  await prospect.getByRole('button', { name: 'Submit application' }).click();
  await expect(prospect.getByText('Thank you for applying')).toBeVisible();

  // The vendor reviews it in the queue and approves it
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Applications' }).click();
  await page.getByRole('link', { name: company }).click();
  await expect(page.getByText('Score 100 / 100')).toBeVisible();
  await expect(page.getByText('Eligible', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm approval' }).click();
  await expect(page.getByRole('link', { name: company }).first()).toBeVisible();

  // The contact accepts the invitation mailed to it and lands on the portal
  const link = await readMailLink(page, contactEmail, '/accept-invite', /invited/);
  await prospect.goto(pathOf(link));
  await prospect.getByLabel('Name').fill('Pia Prospect');
  await prospect.getByRole('textbox', { name: 'Password', exact: true }).fill('a-long-enough-password-42');
  await prospect.getByRole('button', { name: 'Accept and create account' }).click();
  await expect(prospect).toHaveURL(/\/portal$/);
  await expect(prospect.getByRole('heading', { level: 1, name: company })).toBeVisible();

  // Approved but not active yet: the agreement is the first thing to do
  const programs = prospect.getByRole('region', { name: 'Programs' });
  await expect(programs.getByRole('listitem', { name })).toContainText('Approved');
  const todos = prospect.getByRole('list', { name: 'To-dos' });
  await expect(todos).toContainText(`Accept the ${name} agreement (version 1)`);
  await expectAccessible(prospect);
  await todos.getByRole('link', { name: 'Read and accept' }).click();
  await expect(prospect.getByRole('heading', { name: 'Rules of engagement' })).toBeVisible();
  await prospect.getByLabel(`I have read this agreement and accept it on behalf of ${company}`).check();
  await prospect.getByRole('button', { name: 'Accept agreement' }).click();
  await expect(prospect.getByText(`accepted version 1 for ${company}`)).toBeVisible();

  // The portal home: active at the entry tier with its badge and benefits, onboarding under way
  await prospect.getByRole('navigation', { name: 'Partner portal' }).getByRole('link', { name: 'Home' }).click();
  const membership = programs.getByRole('listitem', { name });
  await expect(membership).toContainText('Active');
  await expect(membership).toContainText('Registered tier');
  await expect(membership.getByRole('img', { name: 'Registered badge' })).toBeVisible();
  await expect(
    prospect
      .getByRole('list', { name: `Your benefits in ${name}` })
      .getByRole('listitem')
      .first(),
  ).toBeVisible();
  await expect(prospect.getByRole('region', { name: 'Onboarding' })).toContainText('1 of 5 steps');
  await expect(todos).not.toContainText('agreement');
  await expect(todos).toContainText('Complete your company profile');
  await expectAccessible(prospect);

  // The vendor's partner page: the membership, its history, the onboarding and the audit trail
  await page.goto('/console/partners');
  await page.getByRole('link', { name: company }).click();
  const row = page
    .getByRole('table', { name: `Programs of ${company}` })
    .getByRole('row')
    .filter({ hasText: name });
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Registered');
  await row.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('dialog');
  await expect(history).toContainText('Submitted → Approved');
  await expect(history).toContainText('Approved → Active');
  await expect(history).toContainText('agreement accepted');
  await history.getByRole('button', { name: /close/i }).click();
  await expect(page.getByRole('region', { name: 'Onboarding' })).toContainText('1 of 5 steps');
  await expect(page.getByRole('region', { name: 'History and audit' })).toContainText('agreement');
  await expectAccessible(page);
  await prospect.context().close();
});
