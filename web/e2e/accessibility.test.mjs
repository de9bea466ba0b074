// (4) No serious or critical axe violations on the main pages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import AxeBuilderModule from '@axe-core/playwright';
import { createOrganisation, person, setup, signUp } from './helpers.mjs';

const AxeBuilder = AxeBuilderModule.default ?? AxeBuilderModule;

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

async function check(page, name) {
  await page.waitForLoadState('networkidle');
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const detail = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  assert.equal(bad.length, 0, `${name}: ${bad.length} serious or critical violations\n${detail}`);
  return result;
}

test('login, signup, home, dashboard and history have no serious or critical violations', async () => {
  const page = await env.newPage();
  await page.goto('/login');
  await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
  await check(page, 'login');

  // The login page with an error shown.
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('Enter an email address.').waitFor();
  await check(page, 'login with errors');

  await page.goto('/signup');
  await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
  await check(page, 'signup');

  const who = person('Axe');
  await signUp(page, who);
  await page.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
  await check(page, 'home (empty)');

  await page.goto('/organisations/new');
  await page.getByRole('heading', { level: 1, name: 'Create an organisation' }).waitFor();
  await check(page, 'new organisation');

  const id = await createOrganisation(page, { name: 'Accessible Futures CIC', size_label: 'Small' });
  // Some content in every section.
  await page.getByRole('button', { name: 'Add a scope' }).click();
  await page.getByLabel('Kind').selectOption('programme');
  await page.getByLabel('Name', { exact: true }).fill('Youth employment programme');
  await page.getByLabel('Description').fill('Supports young people into work.');
  await page.getByRole('button', { name: 'Add scope' }).click();
  await page.locator('.scope__name', { hasText: 'Youth employment programme' }).waitFor();
  await page.getByLabel('Email address').fill(person('Invitee').email);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByLabel('Invitation link').waitFor();
  await check(page, 'dashboard');

  // The open account menu.
  await page.getByRole('button', { name: /^Account:/ }).click();
  await check(page, 'dashboard with the account menu open');
  await page.keyboard.press('Escape');

  await page.goto('/');
  await page.getByRole('link', { name: 'Accessible Futures CIC' }).waitFor();
  await check(page, 'home');

  await page.goto(`/organisations/${encodeURIComponent(id)}/history`);
  await page.getByRole('heading', { level: 1, name: /^History of/ }).waitFor();
  await check(page, 'history');

  // The Consultant tab of an organisation with none allocated: what a consultant does.
  await page.goto(`/organisations/${encodeURIComponent(id)}/consultant`);
  await page.getByRole('heading', { level: 1, name: 'Consultant' }).waitFor();
  await page.getByText('Accessible Futures CIC has no consultant allocated').waitFor();
  await check(page, 'consultant (none allocated)');

  await page.goto('/account');
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  await check(page, 'account');

  await page.goto('/nothing-here');
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await check(page, '404');
});

test('the header menus work with the keyboard', async () => {
  const page = await env.newPage();
  await signUp(page, person('Keys'));
  await page.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
  const button = page.getByRole('button', { name: /^Account:/ });
  await button.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const focused = await page.evaluate(() => document.activeElement?.textContent);
  assert.equal(focused, 'Your account');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Log out');
  await page.keyboard.press('Escape');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), await button.getAttribute('aria-label'));

  // The skip link is the first thing Tab reaches and leads to the main content.
  await page.goto('/');
  await page.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
});
