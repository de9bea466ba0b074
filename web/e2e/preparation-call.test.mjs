// The preparation call with the Assurance Manager, end to end through the
// pages on the demo data: the administrator publishes a version of the
// Quality Mark that asks for a call; Riverside's Lead starts Forecast and
// makes it ready, and is held up by the missing call, said in words with a
// link to the booking panel; the administrator offers a time starting within
// two minutes (the form's own errors first; a second time withdrawn); the Lead
// books it, a member only reads; the administrator is refused "Record as held"
// before it begins, waits for it, records it; the Lead submits.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { axe, logIn, noHorizontalScroll, setup, shot } from './helpers.mjs';

const PASSWORD = 'valuemark-demo';
const SCHEMES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'schemes');
// Times are shown, and entered, in UK time.
const UK = { timezoneId: 'Europe/London', locale: 'en-GB' };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, ...UK };
// Never on a page: enum values, scheme ids, JSON paths, programmers' values.
const RAW = /\bsvmc\b|\bsvqms?\b|\b[a-z]+_[a-z_]+\b|\$\.|\b(?:true|false|null|undefined|NaN)\b/;

async function wordsOnly(page, name) {
  const text = await page.getByRole('main').innerText();
  const m = RAW.exec(text);
  assert.equal(m, null, `${name}: “${m?.[0]}” is on the page: …${m ? text.slice(Math.max(0, m.index - 60), m.index + 60) : ''}…`);
}

/** A date and time as the inputs of a page in UK time take them. */
function ukInputs(ms) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

async function addLink(page, criterion, title) {
  const form = page.getByRole('form', { name: `Add evidence for ${criterion}`, exact: true });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Web address').fill(`https://riverside.example/docs/${encodeURIComponent(title)}`);
  await form.getByRole('button', { name: `Add evidence for ${criterion}`, exact: true }).click();
  await page.getByRole('link', { name: title }).waitFor();
}

async function signDeclaration(page, role) {
  await page.getByRole('button', { name: `Sign off as ${role}` }).click();
  const dialog = page.getByRole('dialog', { name: `Sign off the evidence as ${role}` });
  await dialog.getByLabel('Your password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Sign the declaration' }).click();
  await dialog.waitFor({ state: 'detached' });
}

let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

test('a scheme that asks for a preparation call: offered, booked, held, then the application is submitted', { timeout: 420_000 }, async () => {
  // The administrator publishes the Quality Mark, version 2, asking for a call.
  const admin = await env.newPage(UK);
  await logIn(admin, 'admin@valuemark.example', PASSWORD);
  await admin.goto('/staff/schemes');
  const publish = admin.getByRole('main').getByRole('region', { name: 'Publish a new version' });
  const file = JSON.parse(readFileSync(path.join(SCHEMES_DIR, 'svqm-v1.json'), 'utf8'));
  file.version = 2;
  file.preparation_call = true;
  await publish.getByLabel('Scheme file').setInputFiles({ name: 'scheme.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file, null, 2)) });
  await publish.getByText('An organisation now holds a preparation call with the Assurance Manager before it submits an application.').waitFor();
  await publish.getByRole('button', { name: 'Publish version 2' }).click();
  await publish.getByText(/^Version 2 of the Social Value Quality Mark.* is published\./).waitFor();

  // The Lead starts Forecast on it and makes it ready: terms, evidence, both sign-offs.
  const lead = await env.newPage(UK);
  await logIn(lead, 'lead@riverside.example', PASSWORD);
  await lead.getByRole('link', { name: 'Riverside Community Trust' }).first().click();
  await lead.getByRole('link', { name: 'Certification', exact: true }).click();
  await lead.getByRole('heading', { level: 1, name: 'Riverside Community Trust: certification' }).waitFor();
  const certificationUrl = new URL(lead.url()).pathname;
  // The panel says which scheme asks for a call; nothing is offered yet.
  const panel = lead.getByRole('region', { name: 'Preparation call' });
  await panel.getByText(/Social Value Quality Mark \(Pledges to Organisation-wide\) asks for a preparation call with the Assurance Manager/).waitFor();
  await panel.getByText('No times are offered yet').waitFor();
  await panel.getByText('No call booked yet.').waitFor();
  await lead.getByLabel('Scheme').selectOption({ label: 'Social Value Quality Mark (Pledges to Organisation-wide), version 2' });
  await lead.getByLabel('Level').selectOption('2');
  await lead.getByText('Eligible: nothing stands in the way.').waitFor();
  await lead.getByRole('button', { name: 'Start application' }).click();
  await lead.getByRole('heading', { level: 1, name: 'Level 2: Forecast' }).waitFor();
  const applicationUrl = new URL(lead.url()).pathname;
  await lead.getByRole('button', { name: 'Read and accept the terms and conditions' }).click();
  const terms = lead.getByRole('dialog', { name: /terms and conditions/ });
  await terms.getByRole('button', { name: 'Accept these terms' }).click();
  await terms.waitFor({ state: 'detached' });
  for (const name of ['Stakeholders, criterion 1', 'Measurement, criterion 1', 'Reporting, criterion 1']) await addLink(lead, name, `Forecast evidence for ${name}`);
  await signDeclaration(lead, 'Lead');
  const chair = await env.newPage(UK);
  await logIn(chair, 'chair@riverside.example', PASSWORD);
  await chair.goto(applicationUrl);
  await signDeclaration(chair, 'Senior leader');
  await lead.reload();
  await lead.getByText(/signed by Tom Okafor/).waitFor();

  // Submitting is held up by the call, in words, with the way to book one.
  const standing = lead.getByRole('region', { name: 'Where it stands' });
  await standing.getByText(/asks for a preparation call with the Assurance Manager before an application is submitted/).waitFor();
  assert.equal(await standing.locator('.eligibility li').count(), 1, await standing.innerText());
  assert.equal(await lead.getByRole('button', { name: 'Submit the application' }).isDisabled(), true);
  await lead.getByText('It can be submitted once everything under “Where it stands” is done.').waitFor();
  await wordsOnly(lead, 'application held up by the call');
  await shot(lead, 'preparation-application-held-up');
  await standing.getByRole('link', { name: 'Book a preparation call' }).click();
  await lead.waitForURL((u) => u.pathname === certificationUrl && u.hash === '#preparation-call');
  await lead.waitForFunction(() => document.activeElement?.textContent === 'Preparation call');
  await shot(lead, 'preparation-panel-empty');

  // The administrator's page, from the Staff menu.
  const nav = admin.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Staff' }).click();
  await nav.getByRole('link', { name: 'Preparation calls' }).click();
  await admin.waitForURL((u) => u.pathname === '/admin/preparation-calls');
  await admin.getByRole('heading', { level: 1, name: 'Preparation calls' }).waitFor();
  const main = admin.getByRole('main');
  await main.getByText('No times coming up').waitFor();
  await main.getByText(/Times are in UK time\./).waitFor();
  await axe(admin, '/admin/preparation-calls (empty)');

  // The form's own errors, each beside its field.
  const offer = main.getByRole('form', { name: 'Offer a time' });
  await offer.getByLabel('Length in minutes').fill('');
  await offer.getByRole('button', { name: 'Offer this time' }).click();
  await offer.getByText('Choose the scheme the call prepares for.').waitFor();
  assert.equal(await offer.getByLabel('Scheme').getAttribute('aria-invalid'), 'true');
  assert.equal(await offer.getByLabel('Day').getAttribute('aria-invalid'), 'true');
  assert.equal(await offer.getByLabel('Starts at').getAttribute('aria-invalid'), 'true');
  assert.equal(await offer.getByLabel('Length in minutes').getAttribute('aria-invalid'), 'true');
  await offer.getByText('Enter the length in whole minutes.').waitFor();
  await wordsOnly(admin, 'offer form with errors');
  await shot(admin, 'preparation-admin-errors');

  // A time tomorrow, withdrawn (confirmed first).
  const tomorrow = ukInputs(Date.now() + 86_400_000);
  await offer.getByLabel('Scheme').selectOption({ label: 'Social Value Quality Mark (Pledges to Organisation-wide): asks for a call' });
  await offer.getByLabel('Day').fill(tomorrow.date);
  await offer.getByLabel('Starts at').fill('10:00');
  await offer.getByLabel('Length in minutes').fill('45');
  await offer.getByText(/^Offered as: .*, 10:00 to 10:45 UK time, 45 minutes\.$/).waitFor();
  await offer.getByRole('button', { name: 'Offer this time' }).click();
  const upcoming = main.getByRole('table', { name: 'Times coming up' });
  await upcoming.getByRole('row').nth(1).waitFor();
  await upcoming.getByRole('button', { name: /^Withdraw the time / }).click();
  const withdraw = admin.getByRole('dialog', { name: 'Withdraw this time?' });
  await withdraw.getByText(/10:00 to 10:45 UK time, for the Social Value Quality Mark/).waitFor();
  await withdraw.getByRole('button', { name: 'Withdraw the time' }).click();
  await withdraw.waitFor({ state: 'detached' });
  await main.getByText('No times coming up').waitFor();

  // The time of the call: the next whole minute when it is at least 45 seconds
  // away (the steps before the early "held" take about 30), else the one after,
  // so that it begins during the test without a long wait.
  const nextMinute = Math.ceil(Date.now() / 60_000) * 60_000;
  const startsAt = nextMinute - Date.now() >= 45_000 ? nextMinute : nextMinute + 60_000;
  const when = ukInputs(startsAt);
  await offer.getByLabel('Day').fill(when.date);
  await offer.getByLabel('Starts at').fill(when.time);
  await offer.getByLabel('Length in minutes').fill('30');
  await offer.getByRole('button', { name: 'Offer this time' }).click();
  const row = upcoming.getByRole('row').filter({ hasText: when.time });
  await row.getByText('Open to book', { exact: true }).waitFor();
  await row.getByText('Not booked yet').waitFor();

  // The Lead books it in the panel; a member sees it and cannot book.
  await lead.reload();
  const toBook = panel.getByRole('list', { name: 'Times to book' });
  const bookButton = toBook.getByRole('button', { name: new RegExp(`^Book the call on .*, ${when.time} to .* UK time$`) });
  await bookButton.waitFor();
  await wordsOnly(lead, 'certification page with a time to book');
  await axe(lead, 'certification page with the preparation call');
  await bookButton.click();
  const mine = panel.getByRole('list', { name: 'Your calls' });
  await mine.getByText('Booked', { exact: true }).waitFor();
  await mine.getByText(/booked by Priya Shah on /).waitFor();
  await mine.getByRole('button', { name: /^Cancel the call on / }).waitFor();
  await panel.getByText('No other times are offered just now').waitFor();
  await shot(lead, 'preparation-panel-booked');
  const member = await env.newPage(UK);
  await logIn(member, 'worker@riverside.example', PASSWORD);
  await member.goto(certificationUrl);
  const memberPanel = member.getByRole('region', { name: 'Preparation call' });
  await memberPanel.getByRole('list', { name: 'Your calls' }).getByText('Booked', { exact: true }).waitFor();
  assert.equal(await memberPanel.getByRole('button').count(), 0, 'a member books and cancels nothing');

  // The administrator sees who booked it; "Record as held" before it begins is refused in words.
  await admin.reload();
  const bookedRow = main.getByRole('table', { name: 'Times coming up' }).getByRole('row').filter({ hasText: when.time });
  await bookedRow.getByText('Booked', { exact: true }).waitFor();
  await bookedRow.getByRole('link', { name: 'Riverside Community Trust' }).waitFor();
  await bookedRow.getByText(/^Booked by Priya Shah on /).waitFor();
  await bookedRow.getByRole('button', { name: /^Cancel the booking of Riverside Community Trust/ }).waitFor();
  await wordsOnly(admin, 'the calendar with a booking');
  await axe(admin, '/admin/preparation-calls (booked)');
  await shot(admin, 'preparation-admin-booked');
  const record = bookedRow.getByRole('button', { name: /^Record the call with Riverside Community Trust on .* as held$/ });
  if (Date.now() < startsAt - 2_000) {
    await record.click();
    const refusal = bookedRow.getByRole('alert');
    await refusal
      .getByText(/The call is booked for .*: record it as held once it has begun/)
      .waitFor()
      .catch(async (e) => {
        throw new Error(`${e.message}\nthe row reads: ${await bookedRow.innerText()}`);
      });
    await wordsOnly(admin, 'record as held refused');
    await shot(admin, 'preparation-admin-too-early');
  } else {
    console.log('the call had begun before the early attempt: skipped');
  }

  // The phone view of the calendar fits.
  const phone = await env.newPage(PHONE);
  await logIn(phone, 'admin@valuemark.example', PASSWORD);
  await phone.goto('/admin/preparation-calls');
  await phone.getByRole('table', { name: 'Times coming up' }).getByRole('row').nth(1).waitFor();
  await noHorizontalScroll(phone, '/admin/preparation-calls on a phone');
  await shot(phone, 'preparation-admin-phone');

  // Once it has begun (bounded: three minutes at most), it is recorded as held.
  const deadline = Date.now() + 180_000;
  while (Date.now() < startsAt + 1_000) {
    assert.ok(Date.now() < deadline, 'the call did not begin within three minutes');
    await new Promise((r) => setTimeout(r, 1_000));
  }
  await admin.reload();
  const heldRow = main.getByRole('row').filter({ hasText: when.time });
  await heldRow.getByRole('button', { name: /as held$/ }).click();
  await heldRow.getByText('Held', { exact: true }).waitFor();
  await heldRow.getByText(/^Recorded as held on /).waitFor();
  await admin.getByRole('status').filter({ hasText: 'The call with Riverside Community Trust is recorded as held' }).waitFor();
  await shot(admin, 'preparation-admin-held');

  // The Lead reads it held, and submits.
  await lead.goto(certificationUrl);
  await panel.getByRole('list', { name: 'Your calls' }).getByText('Held', { exact: true }).waitFor();
  await panel.getByText('Your preparation call for the Social Value Quality Mark (Pledges to Organisation-wide) is held: an application to it can be submitted.').waitFor();
  await shot(lead, 'preparation-panel-held');
  await lead.goto(applicationUrl);
  await lead.getByRole('heading', { level: 1, name: 'Level 2: Forecast' }).waitFor();
  await lead.getByText('Eligible: nothing stands in the way.').waitFor();
  await lead.getByRole('button', { name: 'Submit the application' }).click();
  await lead.locator('.page-head').getByText('Submitted', { exact: true }).waitFor();
});
