// Shared pieces of the end-to-end tests: the browser, the server, and the
// steps a person takes (sign up, create an organisation).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import AxeBuilderModule from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const AxeBuilder = AxeBuilderModule.default ?? AxeBuilderModule;

export const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

// The server of this test file (one per file): its mailbox is where signUp
// finds the confirmation link.
let current = null;

/** A server and a browser for one test file; `close()` ends both. */
export async function setup({ demo = false } = {}) {
  const server = await startServer({ demo });
  current = server;
  let browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.stop();
    throw e;
  }
  return {
    server,
    browser,
    base: server.url,
    mailTo: (address, options) => server.mailTo(address, options),
    async newPage(options = {}) {
      const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, ...options });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async close() {
      await browser?.close().catch(() => {});
      await server.stop();
    },
  };
}

let counter = 0;
/** A unique, valid sign-up for this run. */
export function person(label) {
  counter += 1;
  const tag = `${Date.now().toString(36)}${counter}`;
  return {
    name: `${label} Tester`,
    email: `${label.toLowerCase().replace(/\W+/g, '')}.${tag}@example.org`,
    password: 'correct horse battery staple',
  };
}

export async function shot(page, name, { fullPage = true } = {}) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** The latest email to an address (see server.mjs mailTo). */
export function mailTo(address, options) {
  if (!current) throw new Error('mailTo before setup()');
  return current.mailTo(address, options);
}

/**
 * Signs up as a person does: the form, "check your email", the confirmation
 * link from the email, then log in. Ends signed in, on the page the sign-up
 * was for (`next`) or the home page. `fill: false` when the form is already
 * open with the email filled in (from an invitation).
 */
export async function signUp(page, who, { path: start = '/signup', fill = true } = {}) {
  if (fill) {
    await page.goto(start);
    await page.getByLabel('Email address').fill(who.email);
  }
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
  const mail = await mailTo(who.email, { subject: /Confirm your email address/ });
  await page.goto(mail.link('/verify-email'));
  await page.getByRole('heading', { level: 1, name: 'Email address confirmed' }).waitFor();
  await page.getByRole('region', { name: 'Email address confirmed' }).getByRole('link', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
  await page.getByLabel('Email address', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function createOrganisation(page, org) {
  await page.goto('/organisations/new');
  await page.getByLabel('Organisation name').fill(org.name);
  await page.getByLabel('Legal structure').fill(org.legal_structure ?? 'Registered charity');
  await page.getByLabel('Sector').fill(org.sector ?? 'Voluntary and community');
  await page.getByLabel(org.size_label ?? 'Medium', { exact: true }).check();
  await page.getByLabel('Area').fill(org.area ?? 'Leeds');
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await page.getByRole('heading', { level: 1, name: org.name }).waitFor();
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
  return id;
}

/** Signs in with an email and password on the login page. */
export async function logIn(page, email, password) {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** No serious or critical axe violations on the page as it stands. */
export async function axe(page, name) {
  await page.waitForLoadState('networkidle');
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const detail = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  assert.equal(bad.length, 0, `${name}: ${bad.length} serious or critical violations\n${detail}`);
}

/** The page is no wider than its viewport: nothing scrolls sideways. */
export async function noHorizontalScroll(page, name) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= clientWidth, `${name}: page is ${scrollWidth}px wide in a ${clientWidth}px viewport`);
}

/**
 * Clicks `link` while the page holds unsaved changes, answers "stay" to the
 * question the page asks first, and returns the questions asked.
 */
/** Presses the browser's Back, dismisses the question it asks, and returns what it asked. */
export async function refuseToGoBack(page) {
  const asked = new Promise((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog.dismiss();
    });
  });
  await page.evaluate(() => window.history.back());
  return [await asked];
}

export async function refuseToLeave(page, link) {
  const asked = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await link.click();
  return asked;
}
