// Help and resources, end to end on the demo data: a visitor opens the
// library from the header, downloads the built-in policy template and
// filters the consultants by language (and empties a search); the
// administrator keeps the registers on /admin/support (a practitioner whose
// expiry comes before the award is refused beside the field, then added,
// changed and in the end removed; a consultant is added for a Level 1 Plan
// criterion, ticking its scheme); then the visitor follows "Help with this
// criterion" from the Social Value Management Certificate's page and finds
// that consultant and the policy template in its banner. The demo may hold
// other entries: only the built-in templates and what this test adds are named.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axe, logIn, noHorizontalScroll, setup, shot } from './helpers.mjs';

const PASSWORD = 'valuemark-demo';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
// Never on a page: enum values, scheme or criterion codes, JSON paths, programmers' values.
const RAW = /\bsvmc\b|\bsvqms?\b|\b[a-z]+_[a-z_]+\b|\$\.|\b(?:true|false|null|undefined|NaN)\b/;
const PRACTITIONER = 'Ffion Pritchard';
const CONSULTANT = 'Aled Hughes';
const POLICY = 'Social value policy (template)';
const PLAN_CRITERION = /^A social value policy or strategy, endorsed by senior management/;

async function wordsOnly(page, name) {
  const text = await page.getByRole('main').innerText();
  const m = RAW.exec(text);
  assert.equal(m, null, `${name}: “${m?.[0]}” is on the page: …${m ? text.slice(Math.max(0, m.index - 60), m.index + 60) : ''}…`);
}

/** A day from today as a date input takes it. */
function inDays(n) {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

/** The words that describe a field (its hint and its error). */
async function describedBy(page, locator) {
  const ids = (await locator.getAttribute('aria-describedby')) ?? '';
  return page.evaluate((list) => list.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '), ids);
}

let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

test('a visitor downloads the policy template and filters the consultants by language', async () => {
  const visitor = await env.newPage();
  await visitor.goto('/');
  await visitor.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Help' }).click();
  await visitor.waitForURL((u) => u.pathname === '/support');
  await visitor.getByRole('heading', { level: 1, name: 'Help and resources' }).waitFor();
  await visitor.getByRole('heading', { level: 2, name: 'Resource library' }).waitFor();
  await visitor.getByRole('status').filter({ hasText: /^\d+ resources?\.$/ }).waitFor();

  // The built-in policy template: its kind, the criteria it serves in words, its download.
  const policy = visitor.getByRole('listitem').filter({ has: visitor.getByRole('heading', { name: POLICY, exact: true }) });
  await policy.getByText('Template', { exact: true }).waitFor();
  await policy.getByText('Comes with ValueMark', { exact: true }).waitFor();
  await policy.getByText('Social Value Management Certificate · Level 1 Commit', { exact: true }).waitFor();
  await policy.getByRole('link', { name: /^Plan: A social value policy or strategy/ }).waitFor();
  const [download] = await Promise.all([visitor.waitForEvent('download'), policy.getByRole('link', { name: `Download template “${POLICY}”` }).click()]);
  assert.match(download.suggestedFilename(), /\.md$/, download.suggestedFilename());
  assert.match(await policy.innerText(), /\(Text document, \d+ KB\)/);
  await wordsOnly(visitor, 'the library');
  await axe(visitor, '/support');
  await shot(visitor, 'support-library');

  // The consultants who work in Welsh: each one listed says so.
  await visitor.getByRole('navigation', { name: 'Registers' }).getByRole('link', { name: 'Consultants' }).click();
  await visitor.getByRole('heading', { level: 2, name: 'Consultants' }).waitFor();
  await visitor.getByLabel('Language').selectOption({ label: 'Welsh' });
  await visitor.waitForURL((u) => u.searchParams.get('tab') === 'consultants' && u.searchParams.get('language') === 'cy');
  const count = visitor.getByRole('status').filter({ hasText: /consultants? found\.$/ });
  await count.waitFor();
  // The filtered list replaces the whole one: wait until every card listed is
  // one that works in Welsh (or none is listed), then check each in turn.
  await visitor.waitForFunction(() =>
    [...document.querySelectorAll('.support-cards > li')].every((li) => /Languages\s+.*Welsh/.test(li.innerText)),
  );
  const cards = visitor.locator('.support-cards > li');
  if ((await count.innerText()).startsWith('No ')) await visitor.getByText('No consultants match your search').waitFor();
  for (const card of await cards.all()) assert.match(await card.innerText(), /Languages\s+.*Welsh/, await card.innerText());
  assert.equal(await visitor.getByLabel('Language').inputValue(), 'cy');
  await wordsOnly(visitor, 'consultants in Welsh');
  await shot(visitor, 'support-consultants-welsh');

  // Words nobody uses: the empty search says what to do, and clears.
  await visitor.getByLabel('Search', { exact: true }).fill('zyxwvut');
  await visitor.getByRole('button', { name: 'Search', exact: true }).click();
  await visitor.getByText('No consultants match your search').waitFor();
  await visitor.getByText('Try fewer words, or clear a filter.').waitFor();
  await visitor.getByRole('button', { name: 'Clear the search and filters' }).first().click();
  await visitor.waitForURL((u) => u.search === '?tab=consultants');
  assert.equal(await visitor.getByLabel('Language').inputValue(), '');
  assert.equal(await visitor.getByLabel('Search', { exact: true }).inputValue(), '');

  // A criterion that does not exist is said so, kindly.
  await visitor.goto('/support?criterion=no.such.criterion');
  await visitor.getByText('This criterion was not found').waitFor();
  await wordsOnly(visitor, 'an unknown criterion');

  // The library fits a phone.
  const phone = await env.newPage(PHONE);
  await phone.goto('/support');
  await phone.getByRole('heading', { level: 3, name: POLICY }).waitFor();
  await noHorizontalScroll(phone, '/support on a phone');
  await shot(phone, 'support-library-phone');
});

test('the administrator keeps the registers; a criterion’s help shows what names it', async () => {
  const admin = await env.newPage();
  await logIn(admin, 'admin@valuemark.example', PASSWORD);
  const nav = admin.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Staff' }).click();
  await nav.getByRole('link', { name: 'Support registers' }).click();
  await admin.waitForURL((u) => u.pathname === '/admin/support');
  await admin.getByRole('heading', { level: 1, name: 'Support registers' }).waitFor();
  const main = admin.getByRole('main');

  // The built-in templates are listed, read only.
  const resources = main.getByRole('region', { name: /^Resources/ });
  const policyRow = resources.getByRole('row').filter({ hasText: POLICY });
  await policyRow.getByText('Comes with ValueMark').waitFor();
  assert.equal(await policyRow.getByRole('button').count(), 0, 'a built-in template has no Edit or Remove');

  // A practitioner whose accreditation ends before it was awarded: the error is beside the field.
  const practitioners = main.getByRole('region', { name: /^Practitioners/ });
  await practitioners.getByRole('button', { name: 'Add a practitioner' }).click();
  const add = practitioners.getByRole('form', { name: 'Add a practitioner' });
  await add.getByLabel('Name').fill(PRACTITIONER);
  await add.getByLabel('Level 2', { exact: true }).check();
  await add.getByLabel('Organisation (optional)').fill('Cymru Value Partners');
  await add.getByLabel('Contact (optional)').fill('ffion@cymruvalue.example');
  await add.getByLabel('Wales', { exact: true }).check();
  await add.getByLabel('Accredited on').fill('2025-01-10');
  await add.getByLabel('Accredited until').fill('2024-12-31');
  await add.getByRole('button', { name: 'Add the practitioner' }).click();
  const until = add.getByLabel('Accredited until');
  await add.getByText('Enter a day after the award, 10 Jan 2025.').waitFor();
  assert.equal(await until.getAttribute('aria-invalid'), 'true');
  assert.match(await describedBy(admin, until), /Enter a day after the award, 10 Jan 2025\./);
  assert.equal(await admin.evaluate(() => document.activeElement?.id), await until.getAttribute('id'), 'focus moves to the field at fault');
  await wordsOnly(admin, 'the practitioner form with an error');
  await shot(admin, 'support-admin-practitioner-error');

  // Ending within 60 days: added, and shown as ending soon.
  await until.fill(inDays(30));
  await add.getByRole('button', { name: 'Add the practitioner' }).click();
  await add.waitFor({ state: 'detached' });
  const row = practitioners.getByRole('row').filter({ hasText: PRACTITIONER });
  await row.getByText('Ends soon').waitFor();
  await row.getByText('Level 2', { exact: true }).waitFor();
  await admin.getByRole('status').filter({ hasText: `${PRACTITIONER} added` }).waitFor();

  // Changed: the form opens with the entry as it is, and saves with the version read.
  await row.getByRole('button', { name: `Edit ${PRACTITIONER}` }).click();
  const change = practitioners.getByRole('form', { name: `Change ${PRACTITIONER}` });
  assert.equal(await change.getByLabel('Name').inputValue(), PRACTITIONER);
  assert.equal(await change.getByLabel('Level 2', { exact: true }).isChecked(), true);
  await change.getByLabel('Level 3', { exact: true }).check();
  await change.getByRole('button', { name: 'Save the changes' }).click();
  await change.waitFor({ state: 'detached' });
  await row.getByText('Level 3', { exact: true }).waitFor();

  // A consultant who helps with a Level 1 Plan criterion, in Welsh and English.
  const consultants = main.getByRole('region', { name: /^Consultants/ });
  await consultants.getByRole('button', { name: 'Add a consultant' }).click();
  const form = consultants.getByRole('form', { name: 'Add a consultant' });
  await form.getByLabel('Name', { exact: true }).fill(CONSULTANT);
  await form.getByLabel('Organisation (optional)').fill('Hughes Social Value');
  await form.getByLabel('What they help with').fill('Helps small charities in Wales write their first social value policy and get it endorsed by the board.');
  await form.getByLabel('Email address (optional)').fill('aled@hughes.example');
  await form.getByLabel('Wales', { exact: true }).check();
  await form.getByLabel('Welsh', { exact: true }).check();
  assert.equal(await form.getByLabel('English', { exact: true }).isChecked(), true, 'English is ticked to start with');
  await form.locator('summary', { hasText: /^Social Value Management Certificate/ }).click();
  const level1 = form.getByRole('group', { name: 'Level 1: Commit' });
  await level1.getByRole('group', { name: 'Plan' }).getByLabel(PLAN_CRITERION).check();
  assert.equal(await form.getByLabel('Social Value Management Certificate', { exact: true }).isChecked(), true, 'ticking a criterion ticks its scheme');
  await form.getByText('1 chosen.').waitFor();
  await wordsOnly(admin, 'the consultant form');
  await axe(admin, '/admin/support with the consultant form');
  await shot(admin, 'support-admin-consultant-form');
  await form.getByRole('button', { name: 'Add the consultant' }).click();
  await form.waitFor({ state: 'detached' });
  const consultantRow = consultants.getByRole('row').filter({ hasText: CONSULTANT });
  await consultantRow.getByText('Welsh and English').waitFor();
  await consultantRow.getByText(/^Social Value Management Certificate · Level 1 Commit · Plan: A social value policy/).waitFor();
  await wordsOnly(admin, 'the registers');
  await shot(admin, 'support-admin');

  // The visitor follows the criterion's help from the scheme's page.
  const visitor = await env.newPage();
  await visitor.goto('/schemes/svmc');
  const level = visitor.getByRole('region', { name: 'Level 1: Commit' });
  const criterion = level.getByRole('listitem').filter({ hasText: PLAN_CRITERION });
  await criterion.getByRole('link', { name: 'Help with this criterion (level 1, Plan, criterion 1)' }).click();
  await visitor.waitForURL((u) => u.pathname === '/support' && u.searchParams.has('criterion'));
  const banner = visitor.getByRole('region', { name: 'Help with this criterion' });
  await banner.getByText('Social Value Management Certificate · Level 1 Commit · Plan', { exact: true }).waitFor();
  await banner.getByText(PLAN_CRITERION).first().waitFor();
  const found = banner.getByRole('listitem').filter({ has: visitor.getByRole('heading', { name: CONSULTANT, exact: true }) });
  await found.getByText('Hughes Social Value').waitFor();
  await found.getByRole('link', { name: /^aled@hughes\.example/ }).waitFor();
  await banner.getByRole('heading', { level: 4, name: POLICY }).waitFor();
  await wordsOnly(visitor, 'the criterion’s help');
  await axe(visitor, '/support?criterion');
  await shot(visitor, 'support-criterion-help');

  // "Clear" returns to the whole library; the register shows the practitioner ending soon.
  await banner.getByRole('link', { name: /^Clear/ }).click();
  await visitor.waitForURL((u) => u.pathname === '/support' && u.search === '');
  await visitor.getByRole('heading', { level: 2, name: 'Resource library' }).waitFor();
  await visitor.getByRole('navigation', { name: 'Registers' }).getByRole('link', { name: 'Practitioners' }).click();
  await visitor.getByLabel('Search', { exact: true }).fill('Pritchard');
  await visitor.getByRole('button', { name: 'Search', exact: true }).click();
  await visitor.getByRole('status').filter({ hasText: '1 practitioner found.' }).waitFor();
  const ffion = visitor.getByRole('listitem').filter({ has: visitor.getByRole('heading', { name: PRACTITIONER }) });
  await ffion.getByText('Level 3 practitioner').waitFor();
  await ffion.getByText(/^Accredited until \d{1,2} [A-Z][a-z]{2} \d{4}/).waitFor();
  await ffion.getByText('Ends soon').waitFor();
  await ffion.getByRole('link', { name: /^ffion@cymruvalue\.example/ }).waitFor();
  await visitor.getByLabel('Level').selectOption({ label: 'Level 3' });
  await visitor.waitForURL((u) => u.searchParams.get('level') === '3');
  await visitor.getByRole('status').filter({ hasText: '1 practitioner found.' }).waitFor();
  await wordsOnly(visitor, 'the practitioners');
  await shot(visitor, 'support-practitioners');

  // The consultants in Welsh now include the new one.
  await visitor.goto('/support?tab=consultants&language=cy');
  await visitor.getByRole('heading', { level: 3, name: CONSULTANT }).waitFor();

  // On a phone: the criterion's help and the administrator's page fit.
  const phone = await env.newPage(PHONE);
  await phone.goto('/support?criterion=svmc.1.plan.1');
  await phone.getByRole('heading', { level: 4, name: CONSULTANT }).waitFor();
  await noHorizontalScroll(phone, 'a criterion’s help on a phone');
  await shot(phone, 'support-criterion-help-phone');
  const adminPhone = await env.newPage(PHONE);
  await logIn(adminPhone, 'admin@valuemark.example', PASSWORD);
  await adminPhone.goto('/admin/support');
  await adminPhone.getByRole('row').filter({ hasText: CONSULTANT }).waitFor();
  await noHorizontalScroll(adminPhone, '/admin/support on a phone');
  await shot(adminPhone, 'support-admin-phone');

  // Removed, after a confirmation: gone from the register.
  await row.getByRole('button', { name: `Remove ${PRACTITIONER}` }).click();
  const dialog = admin.getByRole('dialog', { name: `Remove ${PRACTITIONER}?` });
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await dialog.waitFor({ state: 'detached' });
  await row.waitFor({ state: 'detached' });
  await admin.getByRole('status').filter({ hasText: `${PRACTITIONER} removed` }).waitFor();
});
