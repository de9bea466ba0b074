// The front door: a signed-out visitor at "/" learns what ValueMark is, sees
// the certification schemes and their levels, verifies a code and signs up;
// the demo assessor's home page leads to the review queue.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axe, logIn, noHorizontalScroll, setup, shot } from './helpers.mjs';

let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});


/** The levels of a scheme as the page lists them. */
async function levelsOf(page, schemeName) {
  const list = page.getByRole('list', { name: `Levels of the ${schemeName}`, exact: true });
  await list.waitFor();
  return list.locator('.level-steps__name').allTextContents();
}

test('a visitor at / sees what ValueMark is, the schemes and their levels, verifies a code and signs up', async () => {
  const page = await env.newPage();
  await page.goto('/');
  assert.equal(new URL(page.url()).pathname, '/', 'a visitor stays on the front door');
  await page.getByRole('heading', { level: 1, name: /Measure, manage and prove/ }).waitFor();
  const main = page.getByRole('main');
  assert.equal(await main.getByText(/session has ended/).count(), 0, 'a new visitor is not told a session ended');
  for (const words of ['Impact maps with SROI', 'Surveys of stakeholders', 'Local Multiplier 3 (LM3)', 'Certification']) {
    await main.getByRole('heading', { level: 3, name: words, exact: true }).waitFor();
  }

  // Every scheme with its levels, in order, each scheme once; the two forms of
  // the Quality Mark are told apart by their levels.
  await main.getByRole('heading', { level: 3, name: 'Social Value Quality Mark (Pledges to Organisation-wide)', exact: true }).waitFor();
  await main.getByRole('heading', { level: 3, name: 'Social Value Quality Mark (Bronze to Platinum)', exact: true }).waitFor();
  await main.getByRole('heading', { level: 3, name: 'Social Value Management Certificate', exact: true }).waitFor();
  assert.deepEqual(await levelsOf(page, 'Social Value Quality Mark (Pledges to Organisation-wide)'), ['Pledges', 'Forecast', 'Evaluation', 'Organisation-wide']);
  assert.deepEqual(await levelsOf(page, 'Social Value Quality Mark (Bronze to Platinum)'), ['Bronze', 'Silver', 'Gold', 'Platinum']);
  await main.getByText(/The Social Value Quality Mark comes in two forms/).waitFor();
  assert.deepEqual(await levelsOf(page, 'Social Value Management Certificate'), ['Commit', 'Implement', 'Manage']);
  assert.equal(await main.getByRole('heading', { level: 3, name: 'Social Value Management Certificate', exact: true }).count(), 1);
  await main.getByText(/Creating Capacity, Plan, Do, Assess and Revise/).waitFor();
  // Words for people: no scheme ids or enum values on the page.
  const text = await main.innerText();
  for (const raw of ['svmc', 'svqm', 'very_large', 'true', 'false']) assert.ok(!new RegExp(`\\b${raw}\\b`).test(text), `"${raw}" is on the page`);

  // The headings go down one level at a time.
  const levels = await main.locator('h1, h2, h3, h4').evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
  assert.equal(levels[0], 1);
  for (let i = 1; i < levels.length; i += 1) assert.ok(levels[i] <= levels[i - 1] + 1, `heading levels jump: ${levels.join(' ')}`);

  await main.getByRole('link', { name: /public register/ }).first().waitFor();
  await shot(page, 'front-door');
  await axe(page, 'front door');

  // An empty code is refused beside the field; a code leads to its verification.
  const search = page.getByRole('search', { name: 'Verify a certificate' });
  await search.getByRole('button', { name: 'Verify' }).click();
  await search.getByText('Enter the code printed on the certificate.').waitFor();
  assert.equal(await search.getByLabel('Verification code').getAttribute('aria-invalid'), 'true');
  await search.getByLabel('Verification code').fill('vm-abcd-efgh-jkmn');
  await search.getByLabel('Verification code').press('Enter');
  await page.waitForURL((url) => url.pathname === '/verify/VM-ABCD-EFGH-JKMN');
  await page.getByRole('heading', { level: 1, name: 'Verify a certificate' }).waitFor();

  // Back to the front door, and on to sign up.
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: /Measure, manage and prove/ }).waitFor();
  await main.getByRole('link', { name: 'Sign up', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/signup');
  await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();

  // Log in is there too.
  await page.goto('/');
  await main.getByRole('link', { name: 'Log in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
});

test('the front door fits a phone', async () => {
  const page = await env.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await page.goto('/');
  await page.getByRole('list', { name: 'Levels of the Social Value Management Certificate' }).waitFor();
  await noHorizontalScroll(page, 'front door');
  await shot(page, 'front-door-phone');
  await axe(page, 'front door on a phone');
});

test('the demo assessor’s home page leads to the review queue', async () => {
  const page = await env.newPage();
  await logIn(page, 'assessor@valuemark.example', 'valuemark-demo');
  assert.equal(new URL(page.url()).pathname, '/');
  await page.getByRole('heading', { level: 1, name: 'Your work as an assessor' }).waitFor();
  assert.equal(await page.getByText('You are not a member of an organisation', { exact: true }).count(), 0);
  await page.getByText(/review queue lists the certification applications allocated to you/).waitFor();
  await shot(page, 'home-assessor');
  await axe(page, 'assessor home');
  await page.getByRole('main').getByRole('link', { name: 'Open the review queue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/staff/applications');
});

test('the demo administrator’s home page leads to every staff page', async () => {
  const page = await env.newPage();
  await logIn(page, 'admin@valuemark.example', 'valuemark-demo');
  await page.getByRole('heading', { level: 1, name: 'Your work as an administrator' }).waitFor();
  const main = page.getByRole('main');
  for (const [name, href] of [
    ['Open the review queue', '/staff/applications'],
    ['All organisations', '/staff/organisations'],
    ['Certification rounds', '/staff/rounds'],
    ['Users', '/staff/users'],
    ['Scheme versions', '/staff/schemes'],
  ]) {
    assert.equal(await main.getByRole('link', { name, exact: true }).getAttribute('href'), href);
  }
  await shot(page, 'home-administrator');
  await main.getByRole('link', { name: 'Certification rounds', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Certification rounds' }).waitFor();
});
