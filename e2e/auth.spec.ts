import { expect, test } from '@playwright/test';
import { ADMIN, expectAccessible, login, signOut, uniqueEmail } from './helpers';

test('a wrong password shows an error and stays on the login page', async ({ page }) => {
  await page.goto('/login');
  await expect(page).toHaveTitle('Sign in · Trellis');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Trellis' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-right-password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByText('Email or password is wrong')).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await expectAccessible(page);
});

test('the admin signs in to the console, sees their name, and signs out', async ({ page }) => {
  await login(page, ADMIN.email, ADMIN.password);

  await expect(page).toHaveURL(/\/console$/);
  await expect(page).toHaveTitle('Home · Trellis');
  const header = page.getByRole('banner');
  await expect(header.getByText(ADMIN.name)).toBeVisible();
  await expect(header.getByText('Admin', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${ADMIN.name}` })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Console' });
  for (const item of [
    'Home',
    'Products',
    'Partners',
    'Programs',
    'Deals',
    'Incentives',
    'MDF',
    'Learning',
    'Content',
    'Integrations',
    'Analytics',
    'Users',
    'API keys',
    'Audit log',
    'Mail',
  ]) {
    await expect(nav.getByRole('link', { name: item, exact: true })).toBeVisible();
  }
  await expectAccessible(page);

  // A module that is not built yet says so.
  await nav.getByRole('link', { name: 'Incentives', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Incentives' })).toBeVisible();
  await expect(page.getByText('Coming soon')).toBeVisible();
  await expect(page).toHaveTitle('Incentives · Trellis');
  await expectAccessible(page);

  // A reload keeps the session and the client route.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Incentives' })).toBeVisible();

  await signOut(page);
  await expect(page.getByRole('heading', { name: 'Sign in to Trellis' })).toBeVisible();

  // Signed out, the console is out of reach.
  await page.goto('/console');
  await expect(page).toHaveURL(/\/login\?next=%2Fconsole$/);
});

test('a protected page signed out redirects to login, and back after signing in', async ({ page }) => {
  await page.goto('/console/products');
  await expect(page).toHaveURL(/\/login\?next=%2Fconsole%2Fproducts$/);
  await expectAccessible(page);

  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/console\/products$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();

  // A vendor user is sent from the partner portal to the console.
  await page.goto('/portal');
  await expect(page).toHaveURL(/\/console$/);
});

test('repeated failures are throttled with the time to wait', async ({ page }) => {
  const email = uniqueEmail('nobody');
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong-password-123');
  const signIn = page.getByRole('button', { name: 'Sign in' });

  // Five failures are allowed per address; the next attempt is refused with the time to wait.
  await expect(async () => {
    await signIn.click();
    await expect(page.getByText(/Too many attempts, try again in \d+ seconds/)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expectAccessible(page);
});
