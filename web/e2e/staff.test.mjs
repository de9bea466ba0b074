// (Issue 15, item 12) The administrator searches and filters the staff lists:
// users by part of a name, by platform role and by access (deactivated);
// organisations by part of the name; the review queue by state and by
// organisation. The filters live in the address, so reload and back keep
// them; nothing matching says so and offers to clear the filters.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axe, createOrganisation, logIn, noHorizontalScroll, setup, shot } from './helpers.mjs';

const PASSWORD = 'valuemark-demo';

let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

/** The names in the rows of the page's table. */
async function names(page) {
  const cells = page.getByRole('table').getByRole('rowheader');
  return (await cells.allTextContents()).map((t) => t.replace(/\s*\(you\)$/, '').split(/\s{2,}|\n/)[0].trim());
}

/** Waits until the table lists exactly these names (in any order). */
async function namesAre(page, expected) {
  const want = [...expected].sort();
  let got = [];
  for (let i = 0; i < 100; i += 1) {
    got = (await names(page)).sort();
    if (JSON.stringify(got) === JSON.stringify(want)) return;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(got, want);
}

/** The live line that says how many were found. */
const count = (page) => page.locator('.list-search__count');

async function countIs(page, text) {
  await page.locator('.list-search__count', { hasText: text }).waitFor();
}

test('the administrator searches users by name, filters by role and by deactivated, and the address keeps the filters', async () => {
  const admin = await env.newPage();
  await logIn(admin, 'admin@valuemark.example', PASSWORD);
  await admin.goto('/staff/users');
  await admin.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  const form = admin.getByRole('search', { name: 'Search users' });
  await form.waitFor();
  await countIs(admin, /^7 users in all\.$/);
  assert.equal(await count(admin).getAttribute('aria-live'), 'polite');

  // Part of a name, in any case: the list follows the typing.
  await form.getByLabel('Name or email').fill('OKAF');
  await countIs(admin, '1 user found.');
  await namesAre(admin, ['Tom Okafor']);
  assert.equal(new URL(admin.url()).search, '?q=OKAF');
  // Part of an email address too.
  await form.getByLabel('Name or email').fill('riverside.example');
  await countIs(admin, '3 users found.');
  await namesAre(admin, ['Lena Fischer', 'Priya Shah', 'Tom Okafor']);

  // Reload keeps the search.
  await admin.reload();
  await countIs(admin, '3 users found.');
  assert.equal(await admin.getByLabel('Name or email').inputValue(), 'riverside.example');

  // By platform role, in words.
  await form.getByRole('button', { name: 'Clear filters' }).click();
  await countIs(admin, '7 users in all.');
  assert.equal(await admin.evaluate(() => document.activeElement?.id), 'users-q');
  await form.getByLabel('Platform role').selectOption({ label: 'Assessors' });
  await countIs(admin, '1 user found.');
  await namesAre(admin, ['Sam Reid']);
  await form.getByLabel('Platform role').selectOption({ label: 'Administrators' });
  await countIs(admin, '1 user found.');
  await namesAre(admin, ['Alex Morgan']);
  await form.getByLabel('Platform role').selectOption({ label: 'No staff role' });
  await countIs(admin, '4 users found.');
  assert.equal(new URL(admin.url()).search, '?role=none');
  await shot(admin, 'staff-users-filtered');
  await axe(admin, 'users, filtered');

  // Back goes to the previous filter.
  await admin.goBack();
  await countIs(admin, '1 user found.');
  assert.equal(await form.getByLabel('Platform role').inputValue(), 'administrator');
  await namesAre(admin, ['Alex Morgan']);

  // Deactivate one person, then find them by access.
  await form.getByRole('button', { name: 'Clear filters' }).click();
  await countIs(admin, '7 users in all.');
  const row = admin.getByRole('row').filter({ hasText: 'worker@riverside.example' });
  await row.getByRole('button', { name: /^Deactivate…/ }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Deactivate the account' }).click();
  await row.getByText(/^Deactivated/).waitFor();
  await form.getByLabel('Access').selectOption({ label: 'Deactivated' });
  await countIs(admin, '1 user found.');
  await namesAre(admin, ['Lena Fischer']);
  await form.getByLabel('Access').selectOption({ label: 'Active' });
  await countIs(admin, '6 users found.');
  assert.ok(!(await names(admin)).includes('Lena Fischer'));

  // Nothing matches: said so, with a way to clear the filters.
  await form.getByLabel('Access').selectOption({ label: 'Deactivated' });
  await form.getByLabel('Name or email').fill('priya');
  await form.getByLabel('Name or email').press('Enter');
  await admin.getByText('No users match these filters').waitFor();
  await countIs(admin, 'No users found.');
  assert.equal(new URL(admin.url()).search, '?status=deactivated&q=priya');
  await shot(admin, 'staff-users-no-match');
  await axe(admin, 'users, nothing found');
  await admin.getByRole('button', { name: 'Clear the filters' }).click();
  await countIs(admin, '7 users in all.');
  assert.equal(new URL(admin.url()).search, '');
  assert.equal(await admin.getByLabel('Name or email').inputValue(), '');

  // A filter the server refuses is shown beside it.
  await admin.goto('/staff/users?q=%01');
  await admin.getByRole('alert').filter({ hasText: 'These filters cannot be used' }).waitFor();
  assert.equal(await admin.getByLabel('Name or email').getAttribute('aria-invalid'), 'true');

  // On a phone the form stacks and nothing scrolls sideways.
  const phone = await env.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await logIn(phone, 'admin@valuemark.example', PASSWORD);
  await phone.goto('/staff/users?role=none');
  await countIs(phone, '4 users found.');
  await noHorizontalScroll(phone, 'users on a phone');
  await shot(phone, 'mobile-staff-users');
});

test('the administrator searches organisations by part of the name', async () => {
  const admin = await env.newPage();
  await logIn(admin, 'admin@valuemark.example', PASSWORD);
  await createOrganisation(admin, { name: 'Northgate Food Bank', area: 'York' });
  await admin.goto('/staff/organisations');
  const form = admin.getByRole('search', { name: 'Search organisations' });
  await countIs(admin, '3 organisations in all.');
  await form.getByLabel('Organisation name').fill('gate food');
  await countIs(admin, '1 organisation found.');
  await admin.getByRole('link', { name: 'Northgate Food Bank' }).waitFor();
  assert.equal(await admin.getByRole('link', { name: 'Riverside Community Trust' }).count(), 0);
  await form.getByLabel('Organisation name').fill('RIVER');
  await countIs(admin, '1 organisation found.');
  await admin.getByRole('link', { name: 'Riverside Community Trust' }).waitFor();
  await shot(admin, 'staff-organisations-search');
  await axe(admin, 'organisations, searched');

  await form.getByLabel('Organisation name').fill('riverzzz');
  await admin.getByText('No organisation’s name contains “riverzzz”').waitFor();
  await countIs(admin, 'No organisations found.');
  await admin.reload();
  await admin.getByText('No organisation’s name contains “riverzzz”').waitFor();
  await admin.getByRole('button', { name: 'Clear the filters' }).click();
  await countIs(admin, '3 organisations in all.');
});

test('the administrator filters the review queue by state and organisation', async () => {
  const admin = await env.newPage();
  await logIn(admin, 'admin@valuemark.example', PASSWORD);
  await admin.goto('/staff/applications');
  await admin.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
  const form = admin.getByRole('search', { name: 'Search the review queue' });
  await countIs(admin, /^\d+ applications? in all\.$/);
  const options = await form.getByLabel('State').locator('option').allTextContents();
  assert.deepEqual(options, [
    'Any state',
    'Submitted',
    'Queued for the next round',
    'In review',
    'Amendments requested',
    'Recommended for award',
    'Awarded',
    'Rejected',
  ]);

  await form.getByLabel('State').selectOption({ label: 'Awarded' });
  await countIs(admin, '1 application found.');
  await admin.getByRole('row', { name: /Riverside Community Trust/ }).getByText('Awarded').waitFor();
  assert.equal(new URL(admin.url()).search, '?state=awarded');

  await form.getByLabel('State').selectOption({ label: 'In review' });
  await admin.getByText('No applications match these filters').waitFor();
  await countIs(admin, 'No applications found.');

  await form.getByLabel('State').selectOption({ label: 'Any state' });
  await form.getByLabel('Organisation name').fill('riverside');
  await countIs(admin, /^\d+ applications? found\.$/);
  await admin.getByRole('link', { name: 'Riverside Community Trust' }).first().waitFor();
  assert.ok((await admin.getByRole('table').getByRole('rowheader').allTextContents()).every((n) => n === 'Riverside Community Trust'));
  await form.getByLabel('Organisation name').fill('northgate');
  await admin.getByText('No applications match these filters').waitFor();
  await shot(admin, 'staff-queue-no-match');
  await axe(admin, 'review queue, nothing found');
  await admin.getByRole('button', { name: 'Clear the filters' }).click();
  await countIs(admin, /in all\./);
  assert.equal(new URL(admin.url()).search, '');
});
