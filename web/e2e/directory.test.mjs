// The directory of social enterprises: the demo Lead writes Riverside's
// profile and lists it; a signed-out visitor searches the directory, filters
// by a theme and opens the entry, then signs in and asks the broker to put
// them in touch; the administrator, as broker, imports a CSV file (a refused
// one first, then three rows with one already in the directory) and adds an
// enterprise whose name the directory already has.
//
// Screenshots go to $DIRECTORY_SHOTS (default /tmp/directory-shots), at a
// 390 × 844 phone and a desktop size.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { axe, logIn, noHorizontalScroll, setup } from './helpers.mjs';

const SHOTS = process.env.DIRECTORY_SHOTS ?? '/tmp/directory-shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PASSWORD = 'valuemark-demo';

let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

/** No raw codes of the taxonomy or of the API on the page: words only. */
async function wordsOnly(page, name) {
  const text = await page.getByRole('main').innerText();
  for (const raw of ['jobs_and_skills', 'food,', 'yorkshire', 'svqm', 'very_large', 'company_limited_by_guarantee', 'true', 'false', 'null', 'undefined']) {
    assert.ok(!new RegExp(`\\b${raw}\\b`).test(text), `${name}: "${raw}" is on the page`);
  }
}

test('the Lead writes Riverside’s directory profile and lists it', async () => {
  const page = await env.newPage();
  await logIn(page, 'lead@riverside.example', PASSWORD);
  await page.getByRole('link', { name: 'Riverside Community Trust' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Riverside Community Trust' }).waitFor();
  await page.getByRole('navigation', { name: /Work of/ }).getByRole('link', { name: 'Directory profile' }).click();
  await page.getByRole('heading', { level: 1, name: 'Directory profile' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'No profile yet' }).waitFor();
  assert.equal(await page.getByLabel('Name in the directory').inputValue(), 'Riverside Community Trust', 'the name starts as the organisation’s');
  assert.equal(await page.getByLabel('List us in the public directory').isChecked(), false, 'nothing is public until the Lead says so');

  // Errors beside the fields.
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await page.getByText('Say in a sentence or two what the enterprise does and for whom.').waitFor();
  await page.getByText('Choose at least one theme.').waitFor();
  await page.getByText('Choose a legal form.').waitFor();
  assert.equal(await page.getByLabel('What it does').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('What it does').evaluate((el) => el === document.activeElement), true, 'the first field at fault has the focus');
  await page.getByLabel('Website (optional)').fill('http://riverside.example');
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await page.getByText('Enter the address starting https://, or leave it empty.').waitFor();
  await axe(page, 'directory profile with errors');

  await page.getByLabel('What it does').fill('A community trust by the river: a food bank, a community kitchen and a jobs club for people out of work.');
  await page.getByLabel('Legal form').selectOption({ label: 'Registered charity' });
  await page.getByLabel('Staff and volunteers (optional)').fill('40');
  await page.getByLabel('Medium', { exact: true }).check();
  const themes = page.getByRole('group', { name: 'Outcome themes' });
  await themes.getByLabel('Food and nutrition').check();
  await themes.getByLabel('Jobs and skills').check();
  await page.getByRole('group', { name: 'Areas served' }).getByLabel('Yorkshire and the Humber').check();
  await page.getByLabel('Website (optional)').fill('https://riverside.example');
  await page.getByLabel('Contact name').fill('Riverside Lead');
  await page.getByLabel('Contact email').fill('lead@riverside.example');
  await page.getByLabel('List us in the public directory').check();
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await page.getByText('Listed in the directory', { exact: true }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Profile saved and listed in the directory' }).waitFor();
  const facts = page.getByRole('region', { name: /Your profile/ });
  await facts.getByText('Food and nutrition').waitFor();
  await facts.getByText('Registered charity').waitFor();
  await facts.getByText('Yorkshire and the Humber').waitFor();
  await facts.getByText('Medium, 40 people').waitFor();
  await facts.getByText('Goals 2, 4, 8 and 12', { exact: false }).waitFor();
  await facts.getByText('Social Value Quality Mark level 1 (Pledges)').waitFor();
  await wordsOnly(page, 'directory profile');
  await axe(page, 'directory profile');
  await shot(page, 'profile-desktop');

  // Editing keeps what was there.
  await page.getByRole('button', { name: 'Edit the profile' }).click();
  assert.equal(await themes.getByLabel('Food and nutrition').isChecked(), true);
  assert.equal(await page.getByLabel('List us in the public directory').isChecked(), true);
  await page.getByRole('button', { name: 'Cancel' }).click();

  // A member reads it, without a form.
  const member = await env.newPage(PHONE);
  await logIn(member, 'worker@riverside.example', PASSWORD);
  const orgId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
  await member.goto(`/organisations/${encodeURIComponent(orgId)}/directory`);
  await member.getByRole('heading', { level: 1, name: 'Directory profile' }).waitFor();
  await member.getByText('Listed in the directory', { exact: true }).waitFor();
  assert.equal(await member.getByRole('button', { name: 'Edit the profile' }).count(), 0, 'a member cannot edit it');
  await noHorizontalScroll(member, 'directory profile on a phone');
  await shot(member, 'profile-phone-member');
  await member.context().close();
  await page.context().close();
});

test('a visitor searches the directory, filters by a theme and opens the entry, then asks the broker', async () => {
  const page = await env.newPage();
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Directory' }).click();
  await page.getByRole('heading', { level: 1, name: 'Directory of social enterprises' }).waitFor();
  const count = page.locator('.directory__count');
  await page.getByText('10 enterprises in the directory.').waitFor();
  assert.equal(await count.getAttribute('role'), 'status', 'the number found is announced');

  // Words that match nothing: the empty state, and a way back.
  const search = page.getByRole('search', { name: 'Search the directory' });
  await search.getByLabel('Search').fill('zebra crossings');
  await search.getByRole('button', { name: 'Search' }).click();
  await page.getByText('No enterprises match your search').waitFor();
  assert.match(page.url(), /q=zebra/);
  await axe(page, 'directory, nothing found');
  await page.getByRole('button', { name: 'Clear the search and filters' }).click();
  await page.getByText('10 enterprises in the directory.').waitFor();
  assert.equal(new URL(page.url()).search, '');

  await search.getByLabel('Search').fill('kitchen');
  await search.getByLabel('Search').press('Enter');
  await page.getByText('1 enterprise found.').waitFor();
  const themes = page.getByRole('group', { name: 'Outcome themes' });
  await themes.getByLabel(/Food and nutrition/).check();
  await page.waitForURL((url) => url.searchParams.get('theme') === 'food' && url.searchParams.get('q') === 'kitchen');
  await page.getByText('1 enterprise found.').waitFor();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: 'Riverside Community Trust' }) });
  await card.getByText('Registered charity · Yorkshire and the Humber').waitFor();
  await card.getByRole('list', { name: 'Outcome themes of Riverside Community Trust' }).getByText('Jobs and skills').waitFor();
  await card.getByText('Social Value Quality Mark level 1 (Pledges)').waitFor();
  await page.getByRole('group', { name: 'Certification' }).getByLabel(/Certified only/).check();
  await page.waitForURL((url) => url.searchParams.get('certified') === 'true');
  await page.getByText('1 enterprise found.').waitFor();
  await wordsOnly(page, 'directory');
  await axe(page, 'directory');
  await shot(page, 'directory-desktop');

  // The address is the search: opened afresh, it shows the same.
  const linked = page.url();
  const again = await env.newPage(PHONE);
  await again.goto(linked);
  await again.getByText('1 enterprise found.').waitFor();
  assert.equal(await again.getByLabel('Search', { exact: true }).inputValue(), 'kitchen');
  await again.getByRole('button', { name: 'Show filters (2 chosen)' }).click();
  assert.equal(await again.getByRole('group', { name: 'Outcome themes' }).getByLabel(/Food and nutrition/).isChecked(), true);
  await noHorizontalScroll(again, 'directory on a phone');
  await shot(again, 'directory-phone');
  await again.context().close();

  await card.getByRole('link', { name: 'Riverside Community Trust' }).click();
  await page.getByRole('heading', { level: 1, name: 'Riverside Community Trust' }).waitFor();
  const main = page.getByRole('main');
  await main.getByText('UN Sustainable Development Goals 2 and 12').waitFor();
  await main.getByText('UN Sustainable Development Goals 4 and 8').waitFor();
  await main.getByText('Yorkshire and the Humber').waitFor();
  await main.getByText('40 people').waitFor();
  await main.getByRole('link', { name: /riverside\.example/ }).waitFor();
  assert.equal(await main.getByText('lead@riverside.example').count(), 0, 'the contact is never shown publicly');
  await main.getByRole('link', { name: /Verify this certificate/ }).waitFor();
  await wordsOnly(page, 'directory entry');
  await axe(page, 'directory entry');
  await shot(page, 'entry-desktop');
  // The breadcrumb returns to the search.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Directory of social enterprises' }).click();
  await page.waitForURL((url) => url.searchParams.get('theme') === 'food');
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Riverside Community Trust' }).waitFor();
  const entryPath = new URL(page.url()).pathname;

  // Signed out, a link to log in that returns here.
  await main.getByRole('link', { name: 'Log in to ask the broker' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByLabel('Email address').fill('assessor@valuemark.example');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === entryPath);
  await page.getByRole('heading', { level: 1, name: 'Riverside Community Trust' }).waitFor();
  await page.getByRole('button', { name: 'Ask the broker' }).click();
  await page.getByText('Write a message for the broker.').waitFor();
  await page.getByLabel('Your message to the broker').fill('We run a training kitchen in Leeds and would like to offer places to people from your jobs club.');
  await page.getByRole('button', { name: 'Ask the broker' }).click();
  await page.getByText('Your request is with the broker').waitFor();
  await page.getByText(/The broker has your request/).waitFor();
  await page.context().close();

  // An entry that is not listed (or not there) is not found.
  const visitor = await env.newPage(PHONE);
  await visitor.goto(entryPath);
  await visitor.getByRole('heading', { level: 1, name: 'Riverside Community Trust' }).waitFor();
  await visitor.getByRole('link', { name: 'Log in to ask the broker' }).waitFor();
  await noHorizontalScroll(visitor, 'directory entry on a phone');
  await shot(visitor, 'entry-phone');
  await visitor.goto('/directory/no-such-entry');
  await visitor.getByRole('heading', { level: 1, name: 'This enterprise is not in the directory' }).waitFor();
  await visitor.context().close();
});

test('the administrator imports a CSV file with one enterprise already there, and adds a namesake', async () => {
  const page = await env.newPage();
  await logIn(page, 'admin@valuemark.example', PASSWORD);
  await page.getByRole('button', { name: 'Staff' }).click();
  await page.getByRole('link', { name: 'Directory (broker)' }).click();
  await page.getByRole('heading', { level: 1, name: 'The broker’s directory' }).waitFor();
  await page.getByRole('link', { name: 'Import from CSV' }).click();
  await page.getByRole('heading', { level: 1, name: 'Import from CSV' }).waitFor();

  // The template to start from: the header row the server reads.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the template' }).click()]);
  const template = await readFile(await download.path(), 'utf8');
  assert.match(template, /^\uFEFF?name,summary,legal_form,size_band,people,areas,themes,website,contact_name,contact_email,listed\r\n/);

  // Nothing chosen; then a file with problems, each named by row and column.
  await page.getByRole('button', { name: 'Import the file' }).click();
  await page.getByText('Choose a CSV file to import.').waitFor();
  const header = 'name,summary,legal_form,size_band,people,areas,themes,website,contact_name,contact_email,listed';
  await page.getByLabel('CSV file').setInputFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${header}\nGreen Bikes CIC,Refurbishes bikes for people into work.,cic,small,6,yorkshire,transport,,,,maybe\n`),
  });
  await page.getByRole('button', { name: 'Import the file' }).click();
  await page.getByText(/Nothing was imported: the file has a problem/).waitFor();
  await page.getByText(/Row 2, listed: /).waitFor();
  await axe(page, 'import with problems');

  const csv = [
    header,
    'Green Bikes CIC,Refurbishes donated bikes and trains people into work as mechanics.,cic,small,6,yorkshire;north_east,transport;Jobs and skills,https://greenbikes.example,Sam Green,sam@greenbikes.example,yes',
    'Hillside Food Co-op,A food co-operative selling fresh local food at fair prices.,cooperative,small,12,north_west,food;local_economy,,Ali Hill,ali@hillside.example,yes',
    'Riverside Community Trust,The trust by the river again.,charity,medium,40,yorkshire,food,,,,yes',
  ].join('\n');
  await page.getByLabel('CSV file').setInputFiles({ name: 'network.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
  await page.getByRole('button', { name: 'Import the file' }).click();
  const report = page.getByRole('region', { name: 'Imported network.csv' });
  await report.getByText('2 enterprises added.').waitFor();
  await report.getByText('1 row left out: already in the directory').waitFor();
  await report.getByText(/Row 4, Riverside Community Trust: the directory has/).waitFor();
  await report.getByRole('link', { name: 'Riverside Community Trust' }).waitFor();
  await axe(page, 'import report');
  await shot(page, 'import-report-desktop');

  // The broker's list: unlisted entries too, with their contact.
  await page.goto('/broker/directory');
  await page.getByRole('heading', { level: 1, name: 'The broker’s directory' }).waitFor();
  await page.getByText('12 enterprises in the directory.').waitFor();
  await page.getByRole('link', { name: 'sam@greenbikes.example' }).waitFor();
  await wordsOnly(page, 'broker directory');
  await axe(page, 'broker directory');
  await shot(page, 'broker-desktop');

  // A namesake: refused first, then added as a different enterprise, unlisted.
  await page.getByRole('link', { name: 'Add an enterprise' }).click();
  await page.getByRole('heading', { level: 1, name: 'Add an enterprise' }).waitFor();
  await page.getByLabel('Enterprise name').fill('Green Bikes CIC');
  await page.getByLabel('What it does').fill('Another Green Bikes: a bike library in Cornwall.');
  await page.getByLabel('Legal form').selectOption({ label: 'Community interest company' });
  await page.getByLabel('Small', { exact: true }).check();
  await page.getByRole('group', { name: 'Outcome themes' }).getByLabel('Transport and access').check();
  await page.getByRole('group', { name: /Areas served/ }).getByLabel('South West England').check();
  await page.getByLabel('List it in the public directory').uncheck();
  await page.getByRole('button', { name: 'Add to the directory' }).click();
  await page.getByText('The directory already has an enterprise of this name').waitFor();
  assert.equal(await page.getByLabel('Enterprise name').getAttribute('aria-invalid'), 'true');
  await axe(page, 'add an enterprise, namesake');
  await page.getByRole('button', { name: 'This is a different enterprise' }).click();
  await page.getByRole('heading', { level: 1, name: 'Green Bikes CIC' }).waitFor();
  await page.getByText('Added to the directory. It is not listed yet.').waitFor();

  // The public directory does not show the unlisted one.
  const visitor = await env.newPage(PHONE);
  await visitor.goto('/directory?q=green');
  await visitor.getByText('1 enterprise found.').waitFor();
  await visitor.goto('/directory');
  await visitor.getByText('12 enterprises in the directory.').waitFor();
  await noHorizontalScroll(visitor, 'directory of eleven entries on a phone');
  await shot(visitor, 'directory-phone-eleven');
  await visitor.context().close();

  // On a phone, the broker's pages and the header fit.
  const phone = await env.newPage(PHONE);
  await logIn(phone, 'admin@valuemark.example', PASSWORD);
  await phone.goto('/broker/directory?q=green');
  await phone.getByText('2 enterprises found.').waitFor();
  await noHorizontalScroll(phone, 'broker directory on a phone');
  await shot(phone, 'broker-phone');
  // Every item of the header is on screen.
  for (const name of ['Organisations', 'Staff']) {
    const box = await phone.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).boundingBox();
    assert.ok(box && box.x >= 0, `the header's ${name} menu is cut off on a phone`);
  }
  await phone.getByRole('button', { name: 'Staff', exact: true }).click();
  await phone.getByRole('link', { name: 'Public directory' }).waitFor();
  await noHorizontalScroll(phone, 'staff menu on a phone');
  await phone.context().close();

  // And the role of broker can be given.
  await page.goto('/staff/users?q=worker');
  const select = page.getByLabel(/Platform role of/);
  await select.first().waitFor();
  assert.ok((await select.first().locator('option').allTextContents()).includes('Broker'));
  await page.context().close();
});
