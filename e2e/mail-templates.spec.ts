import { expect, test } from '@playwright/test';
import { ADMIN, expectAccessible, login, unique, uniqueEmail } from './helpers';

test('an admin rewords the invitation subject, and the next invitation is sent with it', async ({ page }) => {
  const tag = unique('Welcome');
  const email = uniqueEmail('templated');

  await login(page, ADMIN.email, ADMIN.password);
  await page.goto('/console/mail');
  await page.getByRole('tab', { name: 'Templates' }).click();
  await expect(page).toHaveURL(/\/console\/mail\/templates$/);
  const list = page.getByRole('table', { name: 'Mail templates' });
  const row = (name: string) =>
    page
      .getByRole('table', { name: 'Mail templates' })
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row('Password reset')).toContainText('Built-in');
  await expectAccessible(page);

  await list.getByRole('link', { name: 'Invitation', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invitation' })).toBeVisible();
  const preview = page.getByRole('article', { name: 'Preview of the mail' });
  await expect(preview).toContainText('Subject: You are invited to Acme on Trellis');
  await expectAccessible(page);

  // A placeholder the mail does not offer is named on the field, live and when saving.
  const body = page.getByRole('textbox', { name: 'Body' });
  const original = await body.inputValue();
  await body.fill(`${original}\n{{nobody}}`);
  await expect(page.getByText(/unknown placeholder \{\{nobody\}\}/i)).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Please correct the highlighted fields')).toBeVisible();
  await expect(body).toHaveAttribute('aria-invalid', 'true');
  await body.fill(original);
  await expect(page.getByText(/unknown placeholder/i)).toHaveCount(0);

  // The placeholder buttons insert at the cursor of the field last written in.
  const subject = page.getByRole('textbox', { name: 'Subject' });
  await subject.fill(`${tag} to `);
  await page.getByRole('button', { name: '{{invitedTo}}' }).click();
  await expect(subject).toHaveValue(`${tag} to {{invitedTo}}`);
  await expect(preview).toContainText(`Subject: ${tag} to Acme on Trellis`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Template saved')).toBeVisible();
  await expect(page.getByText('Customized', { exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.goto('/console/users');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Role').selectOption({ label: 'Viewer' });
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('table', { name: 'Pending invitations' }).getByText(email)).toBeVisible();

  await expect(async () => {
    await page.goto('/console/mail');
    await expect(page.getByRole('row').filter({ hasText: email })).toContainText(`${tag} to Trellis`, {
      timeout: 2_000,
    });
  }).toPass({ timeout: 20_000 });

  // Back to the built-in wording, after confirming.
  await page.goto('/console/mail/templates/invitation');
  await page.getByRole('button', { name: 'Reset to built-in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset to the built-in wording?' });
  await expect(dialog).toContainText('You are invited to {{invitedTo}}');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Reset to built-in' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Subject' })).toHaveValue('You are invited to {{invitedTo}}');
  await expect(page.getByText('Customized', { exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: '← Mail templates' }).click();
  await expect(row('Invitation')).toContainText('Built-in');
});
