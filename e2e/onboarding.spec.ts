import { expect, test } from '@playwright/test';
import { ADMIN, expectAccessible, login, newPartnerAdmin, programFromTemplate, unique } from './helpers';

test('a program’s onboarding checklist is edited in the console; the CAM’s list and the portal page show', async ({
  page,
  browser,
}) => {
  test.slow();
  const name = `Onboarded ${unique('p')}`;
  await login(page, ADMIN.email, ADMIN.password);

  // a program from the starter template
  await programFromTemplate(page, name, unique('onb').toLowerCase());

  // the built-in checklist until it is edited
  await page.getByRole('tab', { name: 'Onboarding' }).click();
  const section = page.getByRole('region', { name: 'Onboarding checklist' });
  await expect(section.getByText('90 days')).toBeVisible();
  await expect(section.getByRole('listitem')).toHaveCount(5);
  await expect(section.getByRole('listitem').first()).toContainText('Accept the program agreement');
  await expectAccessible(page);

  await section.getByRole('button', { name: 'Edit' }).click();
  const form = page.getByRole('region', { name: 'Edit the onboarding checklist' });
  await form.getByLabel('Days to finish').fill('60');
  await form.getByRole('button', { name: 'Add step' }).click();
  await form.getByLabel('Title of step 6').fill('Hold the kickoff call');
  await expect(form.getByLabel('Key of step 6')).toHaveValue('hold_the_kickoff_call');
  await form.getByRole('button', { name: 'Move step 6 up' }).click();
  await expect(form.getByLabel('Title of step 5')).toHaveValue('Hold the kickoff call');
  await form.getByLabel('Title of step 1').fill(' ');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Save' }).click();
  // the server names the step and the field; nothing is saved
  await expect(form.getByText('give the step a title')).toBeVisible();
  await form.getByLabel('Title of step 1').fill('Accept the agreement');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByText('60 days')).toBeVisible();
  await expect(section.getByRole('listitem')).toHaveCount(6);
  await expect(section.getByRole('listitem').nth(4)).toContainText('Hold the kickoff call');
  await expect(section.getByRole('listitem').nth(4)).toContainText('Ticked by hand');
  await expectAccessible(page);

  // the CAM's list
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Onboarding' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Onboarding' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Onboardings' })).toBeVisible();
  await page.getByLabel('Status').selectOption({ label: 'Overdue' });
  await page.getByLabel('My partners').check();
  await expect(page.getByText('No onboardings match.')).toBeVisible();
  await expectAccessible(page);

  // a partner sees where its checklists will be
  const partner = await newPartnerAdmin(page, browser, `Onboarder ${unique('co')}`);
  await partner.getByRole('navigation', { name: 'Partner portal' }).getByRole('link', { name: 'Onboarding' }).click();
  await expect(partner.getByRole('heading', { level: 1, name: 'Onboarding' })).toBeVisible();
  await expect(partner.getByText('You have no onboarding yet.')).toBeVisible();
  await expectAccessible(partner);
});
