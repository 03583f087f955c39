import { expect, test } from '@playwright/test';
import { ADMIN, expectAccessible, login, pathOf, readMailLink, signOut, unique, uniqueEmail } from './helpers';

const PASSWORD = 'a-long-enough-password-42';

test('an invited vendor viewer accepts from the mail link and only reads', async ({ page, browser }) => {
  const email = uniqueEmail('viewer');
  const name = `Vera ${unique('viewer')}`;

  await login(page, ADMIN.email, ADMIN.password);
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Vendor users' }).getByText(ADMIN.email)).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Role').selectOption({ label: 'Viewer' });
  await page.getByRole('button', { name: 'Send invitation' }).click();
  const pending = page.getByRole('table', { name: 'Pending invitations' });
  await expect(pending.getByRole('row').filter({ hasText: email })).toContainText('Viewer');

  const link = await readMailLink(page, email, '/accept-invite');

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(pathOf(link));
  await expect(invitee.getByRole('heading', { level: 1, name: 'Accept your invitation' })).toBeVisible();
  await expect(invitee.getByLabel('Email')).toHaveValue(email);
  await expect(invitee.getByText('Viewer', { exact: true })).toBeVisible();
  await expectAccessible(invitee);
  await invitee.getByLabel('Name').fill(name);
  await invitee.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await invitee.getByRole('button', { name: 'Accept and create account' }).click();

  await expect(invitee).toHaveURL(/\/console$/);
  const header = invitee.getByRole('banner');
  await expect(header.getByText(name)).toBeVisible();
  await expect(header.getByText('Viewer', { exact: true })).toBeVisible();

  await invitee.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Products' }).click();
  await expect(invitee.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
  await expect(invitee.getByRole('table', { name: 'Products' })).toBeVisible();
  await expect(invitee.getByRole('link', { name: 'New product' })).toHaveCount(0);
  await expect(invitee.getByRole('button', { name: 'New product' })).toHaveCount(0);
  await expectAccessible(invitee);

  // The invitation is used: the admin sees the new user and no longer a pending invitation.
  await page.goto('/console/users');
  await expect(
    page.getByRole('table', { name: 'Vendor users' }).getByRole('row').filter({ hasText: email }),
  ).toContainText(name);
  await expect(pending.getByText(email)).toHaveCount(0);
  await invitee.context().close();
});

test('a partner admin is invited from the partner page, and invites a colleague from the portal', async ({
  page,
  browser,
}) => {
  const company = `Acme ${unique('co')}`;
  const adminEmail = uniqueEmail('partner-admin');
  const adminName = `Pat ${unique('pa')}`;
  const colleagueEmail = uniqueEmail('partner-member');
  const colleagueName = `Max ${unique('pm')}`;

  // The vendor admin creates the partner and invites its admin.
  await login(page, ADMIN.email, ADMIN.password);
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Partners' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Partners' })).toBeVisible();
  await page.getByRole('button', { name: 'New partner' }).click();
  await page.getByLabel('Partner name').fill(company);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Create partner' }).click();
  await expect(page.getByRole('heading', { level: 1, name: company })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Email').fill(adminEmail);
  await page.getByLabel('Role').selectOption({ label: 'Partner admin' });
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(
    page
      .getByRole('table', { name: `Pending invitations to ${company}` })
      .getByRole('row')
      .filter({ hasText: adminEmail }),
  ).toContainText('Partner admin');

  const adminLink = await readMailLink(page, adminEmail, '/accept-invite');

  // The partner admin accepts and lands on the portal.
  const partnerAdmin = await (await browser.newContext()).newPage();
  await partnerAdmin.goto(pathOf(adminLink));
  await expect(partnerAdmin.getByText(company)).toBeVisible();
  await expect(partnerAdmin.getByText('Partner admin', { exact: true })).toBeVisible();
  await expectAccessible(partnerAdmin);
  await partnerAdmin.getByLabel('Name').fill(adminName);
  await partnerAdmin.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await partnerAdmin.getByRole('button', { name: 'Accept and create account' }).click();

  await expect(partnerAdmin).toHaveURL(/\/portal$/);
  await expect(partnerAdmin.getByRole('banner').getByText(company)).toBeVisible();
  await expect(partnerAdmin.getByRole('banner').getByText(adminName)).toBeVisible();
  await expect(partnerAdmin.getByRole('heading', { level: 1, name: company })).toBeVisible();
  await expect(partnerAdmin.getByRole('table', { name: 'Your team' }).getByText(adminEmail)).toBeVisible();
  await expectAccessible(partnerAdmin);

  // The console is not for partners.
  await partnerAdmin.goto('/console/products');
  await expect(partnerAdmin).toHaveURL(/\/portal$/);

  // The partner admin invites a colleague from Team.
  await partnerAdmin.getByRole('navigation', { name: 'Partner portal' }).getByRole('link', { name: 'Team' }).click();
  await expect(partnerAdmin.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  await expect(partnerAdmin.getByRole('heading', { name: 'Invite a colleague' })).toBeVisible();
  await partnerAdmin.getByLabel('Email').fill(colleagueEmail);
  await partnerAdmin.getByLabel('Role').selectOption({ label: 'Partner member' });
  await partnerAdmin.getByRole('button', { name: 'Send invitation' }).click();
  await expect(
    partnerAdmin
      .getByRole('table', { name: 'Pending invitations' })
      .getByRole('row')
      .filter({ hasText: colleagueEmail }),
  ).toContainText('Partner member');
  await expectAccessible(partnerAdmin);

  // The colleague accepts from the mail link (the vendor admin reads it), then signs in again.
  const colleagueLink = await readMailLink(page, colleagueEmail, '/accept-invite');
  const colleague = await (await browser.newContext()).newPage();
  await colleague.goto(pathOf(colleagueLink));
  await expect(colleague.getByLabel('Email')).toHaveValue(colleagueEmail);
  await colleague.getByLabel('Name').fill(colleagueName);
  await colleague.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await colleague.getByRole('button', { name: 'Accept and create account' }).click();
  await expect(colleague).toHaveURL(/\/portal$/);

  await signOut(colleague);
  await login(colleague, colleagueEmail, PASSWORD);
  await expect(colleague).toHaveURL(/\/portal$/);
  await expect(colleague.getByRole('banner').getByText(company)).toBeVisible();
  await expect(colleague.getByRole('banner').getByText('Partner member', { exact: true })).toBeVisible();

  await colleague.getByRole('navigation', { name: 'Partner portal' }).getByRole('link', { name: 'Team' }).click();
  const members = colleague.getByRole('table', { name: 'Team members' });
  await expect(members.getByText(adminEmail)).toBeVisible();
  await expect(members.getByText(colleagueEmail)).toBeVisible();
  await expect(colleague.getByRole('heading', { name: 'Invite a colleague' })).toHaveCount(0);
  await expect(colleague.getByRole('button', { name: 'Send invitation' })).toHaveCount(0);
  await expectAccessible(colleague);

  // Deals, which a member registers too; placeholders; the read-only product list.
  await colleague.getByRole('navigation', { name: 'Partner portal' }).getByRole('link', { name: 'Deals' }).click();
  await expect(colleague.getByRole('table', { name: 'Deal registrations' })).toContainText('No registrations yet');
  await expect(colleague.getByRole('link', { name: 'Register a deal' })).toBeVisible();
  await expectAccessible(colleague);
  await colleague.getByRole('navigation', { name: 'Partner portal' }).getByRole('link', { name: 'Learning' }).click();
  await expect(colleague.getByText('Coming soon')).toBeVisible();
  await expectAccessible(colleague);
  await colleague.getByRole('navigation', { name: 'Partner portal' }).getByRole('link', { name: 'Products' }).click();
  await expect(colleague.getByRole('table', { name: 'Products' })).toBeVisible();
  await expect(colleague.getByRole('link', { name: 'New product' })).toHaveCount(0);
  await expectAccessible(colleague);

  await partnerAdmin.context().close();
  await colleague.context().close();
});
