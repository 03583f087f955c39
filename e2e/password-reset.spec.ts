import { expect, test, type APIRequestContext } from '@playwright/test';
import { ADMIN, adminPage, expectAccessible, login, pathOf, readMailLink } from './helpers';

const NEW_PASSWORD = 'a-brand-new-admin-password-7';

/**
 * Puts the admin's original password back through the API (the other specs sign in with it), using the
 * password the admin has now.
 */
async function restoreAdminPassword(request: APIRequestContext, current: string): Promise<void> {
  const asked = await request.post('/api/v1/auth/password-reset', { data: { email: ADMIN.email } });
  expect(asked.status()).toBe(202);
  const signedIn = await request.post('/api/v1/auth/login', { data: { email: ADMIN.email, password: current } });
  expect(signedIn.ok()).toBeTruthy();
  const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
  const list = (await (await request.get('/api/v1/mail')).json()) as {
    items: { id: string; to: string; subject: string }[];
  };
  const mail = list.items.find((m) => m.to === ADMIN.email && /reset/i.test(m.subject));
  expect(mail, 'the reset mail').toBeTruthy();
  const { text } = (await (await request.get(`/api/v1/mail/${mail!.id}`)).json()) as { text: string };
  const token = /reset-password\?token=([^\s]+)/.exec(text)?.[1];
  expect(token, 'the reset token').toBeTruthy();
  const confirmed = await request.post('/api/v1/auth/password-reset/confirm', {
    data: { token, password: ADMIN.password },
    headers: { 'X-CSRF-Token': csrfToken },
  });
  expect(confirmed.status()).toBe(204);
}

test('the admin resets a forgotten password from the mailed link', async ({ page, browser, playwright, baseURL }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText('If an account exists, we sent a link')).toBeVisible();
  await expectAccessible(page);

  // The admin reads the link from the Mail page in another browser.
  const mailReader = await adminPage(browser);
  const link = await readMailLink(mailReader, ADMIN.email, '/reset-password');
  await mailReader.context().close();

  let changed = false;
  try {
    await page.goto(pathOf(link));
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
    await expectAccessible(page);

    // Too short: the problem shows under the field, nothing changes.
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByText(/at least 12 characters/i).last()).toBeVisible();
    await expect(page.getByLabel('New password')).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page).toHaveURL(/\/login\?reset=1$/);
    changed = true;
    await expect(page.getByText('Your password was changed')).toBeVisible();
    await expectAccessible(page);

    // The old password no longer works; the new one does.
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Email or password is wrong')).toBeVisible();

    await login(page, ADMIN.email, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/console$/);
    await expect(page.getByRole('banner').getByText(ADMIN.name)).toBeVisible();

    // A used link does not work twice.
    await page.goto(pathOf(link));
    await page.getByLabel('New password').fill('yet-another-password-99');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByText('This reset link is no longer valid')).toBeVisible();
  } finally {
    if (changed) {
      const request = await playwright.request.newContext({ baseURL });
      await restoreAdminPassword(request, NEW_PASSWORD);
      await request.dispose();
    }
  }
});
