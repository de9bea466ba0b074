// (5) A phone-sized viewport renders the dashboard without horizontal scrolling.
import { after, before, test } from 'node:test';
import { createOrganisation, noHorizontalScroll, person, setup, shot, signUp } from './helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

test('the dashboard fits a 375 × 812 phone screen', async () => {
  const page = await env.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await page.goto('/login');
  await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
  await noHorizontalScroll(page, 'login');
  await shot(page, 'mobile-login');

  await signUp(page, person('Phone'));
  await page.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
  await noHorizontalScroll(page, 'home');
  await shot(page, 'mobile-home');

  const id = await createOrganisation(page, {
    name: 'The Quite Long Named Community Benefit Society of North Yorkshire',
    size_label: 'Very large',
  });
  await page.getByRole('button', { name: 'Add a scope' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Tenancy sustainment service');
  await page.getByRole('button', { name: 'Add scope' }).click();
  await page.locator('.scope__name', { hasText: 'Tenancy sustainment service' }).waitFor();
  await page.getByLabel('Email address').fill(`someone.with.a.rather.long.address.${Date.now()}@example.org`);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByLabel('Invitation link').waitFor();
  await noHorizontalScroll(page, 'dashboard');
  await shot(page, 'mobile-dashboard');

  // With the organisations menu open.
  await page.getByRole('button', { name: 'Organisations' }).click();
  await noHorizontalScroll(page, 'dashboard with menu');
  await shot(page, 'mobile-menu', { fullPage: false });
  await page.keyboard.press('Escape');

  await page.goto(`/organisations/${encodeURIComponent(id)}/history`);
  await page.getByRole('heading', { level: 1, name: /^History of/ }).waitFor();
  await noHorizontalScroll(page, 'history');
  await shot(page, 'mobile-history');
});
