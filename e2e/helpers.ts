import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

/** The first admin, created by the server from TRELLIS_ADMIN_EMAIL / TRELLIS_ADMIN_PASSWORD. */
export const ADMIN = {
  email: 'admin@example.com',
  password: 'correct-horse-battery-staple',
  name: 'Administrator',
} as const;

/** A suffix that keeps names unique across specs sharing one server. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

/** A fresh address at example.com. */
export function uniqueEmail(prefix: string): string {
  return `${unique(prefix)}@example.com`;
}

/** Fails on any axe-core violation of impact serious or critical on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  // Let loaders settle so axe sees the page the user sees.
  await expect(page.getByLabel(/^Loading/)).toHaveCount(0);
  // and let fade-ins finish: half-transparent text mid-transition is not what the user reads
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  // toasts close on a timer: one fading out while axe reads the page is half-transparent text nobody reads
  const results = await new AxeBuilder({ page }).exclude('.mantine-Notifications-root').analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(blocking, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Signs in from the login page and waits to have left it. */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
}

/**
 * As a signed-in admin on `page`: opens the newest mail to `to` on the Mail page, and returns the first link in
 * its text whose address contains `pathPart`.
 */
export async function readMailLink(page: Page, to: string, pathPart: string, subject?: RegExp): Promise<string> {
  // several mails may go to one address at once (e.g. "approved" and the invitation): `subject` picks one
  const rows = () => {
    const mine = page.getByRole('row').filter({ hasText: to });
    return (subject ? mine.filter({ hasText: subject }) : mine).first();
  };
  await expect(async () => {
    await page.goto('/console/mail');
    await expect(rows()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expectAccessible(page);
  const row = rows();
  await row.getByRole('link').click();
  await expect(page.getByText(`To: ${to}`)).toBeVisible();
  await expectAccessible(page);
  const link = page
    .getByRole('article', { name: 'Message' })
    .getByRole('link', { name: new RegExp(escapeRegExp(pathPart)) })
    .first();
  const href = await link.getAttribute('href');
  expect(href, `a link containing ${pathPart}`).toBeTruthy();
  return href!;
}

/** A new browser context signed in as the admin (to read mail while another context is someone else). */
export async function adminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, ADMIN.email, ADMIN.password);
  return page;
}

/** The path and query of an absolute link (the tests' base URL may differ from the server's public URL). */
export function pathOf(href: string): string {
  const url = new URL(href);
  return url.pathname + url.search;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * As the signed-in admin on `page`: creates a partner company, invites its admin by mail and accepts the
 * invitation in a new browser context. Returns that context's page, signed in to the portal.
 */
export async function newPartnerAdmin(page: Page, browser: Browser, company: string): Promise<Page> {
  const email = uniqueEmail('partner-admin');
  await page.goto('/console/partners');
  await page.getByRole('button', { name: 'New partner' }).click();
  await page.getByLabel('Partner name').fill(company);
  await page.getByRole('button', { name: 'Create partner' }).click();
  await expect(page.getByRole('heading', { level: 1, name: company })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Role').selectOption({ label: 'Partner admin' });
  await page.getByRole('button', { name: 'Send invitation' }).click();
  const link = await readMailLink(page, email, '/accept-invite');

  const partner = await (await browser.newContext()).newPage();
  await partner.goto(pathOf(link));
  await partner.getByLabel('Name').fill(`Pat ${unique('pa')}`);
  await partner.getByRole('textbox', { name: 'Password', exact: true }).fill('a-long-enough-password-42');
  await partner.getByRole('button', { name: 'Accept and create account' }).click();
  await expect(partner).toHaveURL(/\/portal$/);
  return partner;
}

/** As the signed-in admin on `page`: a program from the three-tier starter template, left on its page. */
export async function programFromTemplate(page: Page, name: string, key: string): Promise<void> {
  await page.goto('/console/programs/templates');
  await page
    .getByRole('article', { name: 'Three-tier partner program' })
    .getByRole('button', { name: 'Use this template' })
    .click();
  const create = page.getByRole('dialog');
  await create.getByLabel('Key').fill(key);
  await create.getByLabel('Name').fill(name);
  await create.getByRole('button', { name: 'Create program' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}
