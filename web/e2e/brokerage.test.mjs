// Honest brokerage, end to end, with the demo's people: Riverside's Lead
// posts a need through the form (a refused try first, each error beside its
// field); the broker opens it from the queue, reads why Harbour Café ranks,
// shortlists and proposes it; Harbour's Lead reads the proposal, with nobody's
// contact details, and accepts; Riverside's Lead then sees Harbour's contact,
// marks the work agreed and records a shared outcome, 50% each, linked to an
// outcome of its impact map (a refusal from the server shows beside the share
// it is about); the map's principles check then finds the outcome claimed
// twice, as the demo map's attribution claims more than the agreed 50%.
//
// Screenshots go to web/e2e/screenshots/brokerage-*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axe, logIn, noHorizontalScroll, setup, shot } from './helpers.mjs';

const PASSWORD = 'valuemark-demo';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const TITLE = 'Kitchen skills for our Friday lunch club';

let env;
// What one step leaves for the next.
const journey = {};

before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

/** No raw codes of the API or of the taxonomy on the page: words only. */
async function wordsOnly(page, name) {
  const text = await page.getByRole('main').innerText();
  for (const raw of ['jobs_and_skills', 'south_west', 'budget_pence', 'stage_label', 'answered_for', 'outcomes\\[', 'true', 'false', 'null', 'undefined', 'NaN']) {
    assert.ok(!new RegExp(`\\b${raw}`).test(text), `${name}: "${raw}" is on the page`);
  }
}

test('Riverside’s Lead posts a need: refused first, each error beside its field', async () => {
  const page = await env.newPage();
  await logIn(page, 'lead@riverside.example', PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Organisations' }).click();
  await page.getByRole('link', { name: 'Partnerships' }).click();
  await page.getByRole('heading', { level: 1, name: 'Partnerships' }).waitFor();
  // The demo's need is there already.
  const needs = page.getByRole('region', { name: 'Your needs for partners' });
  await needs.getByRole('link', { name: 'Cooking skills for lunch-club volunteers' }).waitFor();
  await wordsOnly(page, 'partnerships');
  await axe(page, 'partnerships');
  await shot(page, 'brokerage-partnerships');

  await page.getByRole('link', { name: 'Post a need' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Post a need' }).waitFor();
  await page.getByLabel('Title').fill(TITLE);
  await page.getByLabel('Budget in pounds (optional)').fill('about twelve grand');
  await page.getByLabel('Start (optional)').fill('2027-07-31');
  await page.getByLabel('End (optional)').fill('2027-04-01');
  await page.getByRole('button', { name: 'Post the need' }).click();
  await page.getByText('Enter the outcomes you want.').waitFor();
  await page.getByText('Choose at least one theme.').waitFor();
  await page.getByText('Choose at least one area.').waitFor();
  await page.getByText('Enter the budget in pounds, such as 12000 or 1500.50, or leave it empty.').waitFor();
  await page.getByText('The end cannot be before the start.').waitFor();
  const budget = page.getByLabel('Budget in pounds (optional)');
  assert.equal(await budget.getAttribute('aria-invalid'), 'true');
  assert.match(await budget.evaluate((el) => el.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id)?.textContent).join(' ')), /in pounds/, 'the budget’s error is read with it');
  assert.equal(await page.getByLabel('Outcomes wanted').evaluate((el) => el === document.activeElement), true, 'the first field at fault has the focus');
  await axe(page, 'need form with errors');
  await shot(page, 'brokerage-need-form-errors');

  await page.getByLabel('Outcomes wanted').fill('Our lunch-club volunteers learn to cook fresh, hot meals safely, and older members eat better.');
  const themes = page.getByRole('group', { name: 'Outcome themes' });
  await themes.getByLabel('Food and nutrition').check();
  await themes.getByLabel('Jobs and skills').check();
  await page.getByRole('group', { name: 'Areas' }).getByLabel('South West England').check();
  await budget.fill('12,000');
  await page.getByLabel('Start (optional)').fill('2027-04-01');
  await page.getByLabel('End (optional)').fill('2027-07-31');
  await page.getByRole('button', { name: 'Post the need' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Need posted: the broker is told' }).waitFor();
  const facts = page.getByRole('region', { name: 'What you asked for' });
  await facts.getByText('£12,000').waitFor();
  await facts.getByText('1 Apr 2027 to 31 Jul 2027').waitFor();
  await facts.getByText('Jobs and skills; Food and nutrition').or(facts.getByText('Food and nutrition; Jobs and skills')).waitFor();
  await facts.getByText('South West England').waitFor();
  await page.getByText('None proposed yet').waitFor();
  journey.needId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
  await wordsOnly(page, 'need');
  await axe(page, 'need');
  await shot(page, 'brokerage-need');

  // Changed, closed and reopened.
  await page.getByRole('link', { name: 'Change the need' }).click();
  await page.getByRole('heading', { level: 1, name: 'Change the need' }).waitFor();
  assert.equal(await page.getByLabel('Budget in pounds (optional)').inputValue(), '12000', 'the budget reads back in pounds');
  assert.equal(await page.getByRole('group', { name: 'Areas' }).getByLabel('South West England').isChecked(), true);
  await page.getByLabel('Budget in pounds (optional)').fill('12500.50');
  await page.getByRole('button', { name: 'Save the need' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Need saved' }).waitFor();
  await facts.getByText('£12,501').waitFor();
  await page.getByRole('button', { name: 'Close the need' }).click();
  await page.getByRole('status').filter({ hasText: 'Need closed' }).waitFor();
  await page.getByText('Closed', { exact: true }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Change the need' }).count(), 0, 'a closed need is reopened before it is changed');
  await page.getByRole('button', { name: 'Reopen the need' }).click();
  await page.getByRole('status').filter({ hasText: 'Need reopened' }).waitFor();
  await page.getByText('Open', { exact: true }).waitFor();
  await page.context().close();
});

test('the broker opens it from the queue, reads why Harbour Café ranks, shortlists and proposes it', async () => {
  assert.ok(journey.needId, 'the need was posted');
  const page = await env.newPage();
  await logIn(page, 'broker@valuemark.example', PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Broker' }).click();
  await page.getByRole('link', { name: 'Needs to broker' }).click();
  await page.getByRole('heading', { level: 1, name: 'Needs to broker' }).waitFor();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: TITLE }) });
  await row.getByText('Riverside Community Trust').waitFor();
  await row.getByText('None yet').waitFor();
  await wordsOnly(page, 'broker queue');
  await axe(page, 'broker queue');
  await shot(page, 'brokerage-broker-queue');

  await row.getByRole('link', { name: TITLE }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/broker/needs/${journey.needId}`);
  const ranked = page.getByRole('region', { name: 'Enterprises ranked for this need' });
  const harbour = ranked.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Harbour Café/ }) });
  await harbour.waitFor();
  await harbour.getByText('Why').click();
  await harbour.getByText('Works on all the themes wanted', { exact: false }).waitFor();
  await harbour.getByText('25 of 25 points').waitFor();
  await wordsOnly(page, 'broker need');
  await axe(page, 'broker need');
  await shot(page, 'brokerage-broker-need');

  await harbour.getByRole('button', { name: 'Shortlist Harbour Café' }).click();
  const shortlist = page.getByRole('region', { name: 'Shortlist and proposals' });
  const card = shortlist.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: 'Harbour Café' }) });
  await card.getByText('Shortlisted by the broker').waitFor();
  await harbour.getByRole('link', { name: 'Open the match with Harbour Café' }).waitFor();
  await card.getByRole('button', { name: 'Propose to the candidate' }).click();
  await card.getByLabel('A note to the candidate (optional)').fill('Harbour Café trains cooks: a good fit for your lunch club.');
  await axe(page, 'broker proposing');
  await card.getByRole('button', { name: 'Propose to the candidate' }).click();
  await card.getByText('Proposed, waiting for the candidate’s answer').waitFor();
  await page.getByRole('status').filter({ hasText: 'Proposed: the candidate is asked' }).waitFor();
  journey.matchPath = await card.getByRole('link', { name: 'Harbour Café' }).getAttribute('href');
  await shot(page, 'brokerage-broker-proposed');
  await page.context().close();
});

test('Harbour Café’s Lead reads the proposal, without contact details, and accepts', async () => {
  assert.ok(journey.matchPath, 'the match was proposed');
  const page = await env.newPage();
  await logIn(page, 'lead@harbour.example', PASSWORD);
  await page.goto('/partnerships');
  await page.getByRole('heading', { level: 1, name: 'Partnerships' }).waitFor();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: TITLE }) });
  await row.getByText('Proposed to you: a need of Riverside Community Trust').waitFor();
  await row.getByRole('link', { name: TITLE }).click();
  await page.getByRole('heading', { level: 1, name: 'Riverside Community Trust and Harbour Café' }).waitFor();
  assert.equal(new URL(page.url()).pathname, journey.matchPath);
  await page.getByText('Contact details are not shared yet').waitFor();
  assert.ok(!(await page.getByRole('main').innerText()).includes('riverside.example'), 'no contact before the candidate accepts');
  await page.getByText('Harbour Café trains cooks: a good fit for your lunch club.').waitFor();
  await page.getByRole('list', { name: 'Progress of the partnership' }).locator('[aria-current="step"]').getByText('Proposed').waitFor();
  await wordsOnly(page, 'proposal');
  await axe(page, 'proposal');
  await shot(page, 'brokerage-proposal');

  await page.getByRole('button', { name: 'Accept and share our contact details' }).click();
  await page.getByRole('status').filter({ hasText: 'Accepted: contact details are shared' }).waitFor();
  const contacts = page.getByRole('region', { name: 'Contacts' });
  await contacts.getByRole('link', { name: 'lead@riverside.example' }).waitFor();
  await shot(page, 'brokerage-accepted');

  // On a phone: nothing scrolls sideways.
  const phone = await env.newPage(PHONE);
  await logIn(phone, 'lead@harbour.example', PASSWORD);
  await phone.goto(journey.matchPath);
  await phone.getByRole('heading', { level: 1, name: 'Riverside Community Trust and Harbour Café' }).waitFor();
  await noHorizontalScroll(phone, 'match on a phone');
  await shot(phone, 'brokerage-match-phone');
  await phone.context().close();
  await page.context().close();
});

test('Riverside’s Lead sees Harbour’s contact, agrees, and records a shared outcome linked to its impact map', async () => {
  assert.ok(journey.matchPath, 'the match was accepted');
  const page = await env.newPage();
  await logIn(page, 'lead@riverside.example', PASSWORD);
  await page.goto(`/needs/${journey.needId}`);
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.getByRole('region', { name: 'Enterprises proposed' }).getByRole('link', { name: 'Harbour Café' }).click();
  await page.getByRole('heading', { level: 1, name: 'Riverside Community Trust and Harbour Café' }).waitFor();
  const contacts = page.getByRole('region', { name: 'Contacts' });
  await contacts.getByRole('link', { name: 'lead@harbour.example' }).waitFor();
  await page.getByRole('button', { name: 'We have agreed to work together' }).click();
  await page.getByRole('status').filter({ hasText: 'Recorded: you have agreed to work together' }).waitFor();
  await page.getByRole('list', { name: 'Progress of the partnership' }).locator('[aria-current="step"]').getByText('Agreed').waitFor();

  await page.getByRole('button', { name: 'Record shared outcomes' }).click();
  const outcome = page.getByRole('group', { name: 'Shared outcome 1' });
  await outcome.getByLabel('What the partners create together').fill('Volunteers feel more useful');
  await outcome.getByLabel('Share of Riverside Community Trust (%)').fill('70');
  await outcome.getByLabel('Share of Harbour Café (%)').fill('50');
  await outcome.getByText('Together 120% of this outcome: more than 100%').waitFor();
  await page.getByRole('button', { name: 'Save the partnership' }).click();
  await outcome.getByText('The shares add up to 120%', { exact: false }).waitFor();
  await outcome.getByLabel('Share of Riverside Community Trust (%)').fill('50');
  await outcome.getByText('Together 100% of this outcome').waitFor();
  await outcome.getByLabel('Its impact map (optional)').selectOption({ label: 'Friday Lunch Club forecast 2026' });
  const picker = outcome.getByLabel('The outcome in that map');
  await picker.locator('option', { hasText: 'Volunteers feel more useful' }).waitFor({ state: 'attached' });
  await picker.selectOption({ label: 'Volunteers feel more useful' });
  journey.mapId = await outcome.getByLabel('Its impact map (optional)').inputValue();
  // Harbour links only its own maps: Riverside's Lead is offered none of them.
  assert.equal(await outcome.getByText('Not linked to an impact map: only Harbour Café can link its own.').count(), 1);

  // A refusal from the server shows beside the input it names, in words.
  await page.route('**/api/v1/matches/*/partnership', (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({
        error: {
          code: 'invalid_argument',
          message: 'must be between 0 and 1',
          field: 'outcomes[0].claims[0].share',
          fields: [{ field: 'outcomes[0].claims[0].share', message: 'must be between 0 and 1' }],
        },
      }),
    }),
  );
  await page.getByRole('button', { name: 'Save the partnership' }).click();
  const share = outcome.getByLabel('Share of Riverside Community Trust (%)');
  await outcome.getByText('Must be between 0 and 1.').waitFor();
  assert.equal(await share.getAttribute('aria-invalid'), 'true');
  await axe(page, 'partnership editor with an error');
  await shot(page, 'brokerage-partnership-editor');
  await page.unroute('**/api/v1/matches/*/partnership');

  await page.getByRole('button', { name: 'Save the partnership' }).click();
  await page.getByRole('status').filter({ hasText: 'Shared outcomes saved' }).waitFor();
  const shared = page.getByRole('region', { name: 'Outcomes created together' });
  await shared.getByText('Volunteers feel more useful', { exact: true }).waitFor();
  await shared.getByText('Riverside Community Trust: 50%').waitFor();
  await shared.getByText('Harbour Café: 50%').waitFor();
  await shared.getByText('Together 100% of this outcome.').waitFor();
  // Riverside's own claim names the outcome and the map that counts it, with a link to the map.
  await shared.getByText('counted in “Volunteers feel more useful” of', { exact: false }).waitFor();
  journey.mapPath = await shared.getByRole('link', { name: 'Friday Lunch Club forecast 2026' }).getAttribute('href');
  await wordsOnly(page, 'partnership');
  await axe(page, 'partnership');
  await shot(page, 'brokerage-partnership');
  await page.context().close();
});

test('the map’s principles check finds the shared outcome claimed twice', async () => {
  assert.ok(journey.mapPath, 'the map was linked');
  const page = await env.newPage();
  await logIn(page, 'lead@riverside.example', PASSWORD);
  await page.goto(journey.mapPath);
  assert.ok(journey.mapPath.endsWith(`/impact-maps/${journey.mapId}`), 'the link opens the map that was linked');
  const check = page.getByRole('region', { name: 'Principles check' });
  const finding = check.getByRole('listitem').filter({ hasText: /shared with Harbour Café/ }).first();
  await finding.waitFor({ timeout: 30_000 });
  // The editor draws its panels as they scroll into view: the text is read as it stands.
  const text = (await finding.textContent()).replace(/\s+/g, ' ').trim();
  assert.match(text, /counted twice/, `the finding says the outcome is counted twice: ${text}`);
  assert.match(text, /^Error/, 'it is an error');
  await check.scrollIntoViewIfNeeded();
  await check.screenshot({ path: new URL('./screenshots/brokerage-principles-check-panel.png', import.meta.url).pathname });
  journey.findingText = text;
  console.log(`principles check: ${text}`);
  await page.context().close();
});

test('the broker takes one off the shortlist, records the answer of an enterprise not on ValueMark, and closes the match with a reason', async () => {
  assert.ok(journey.needId, 'the need was posted');
  const page = await env.newPage();
  await logIn(page, 'broker@valuemark.example', PASSWORD);
  await page.goto(`/broker/needs/${journey.needId}`);
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  const ranked = page.getByRole('region', { name: 'Enterprises ranked for this need' });
  const shortlist = page.getByRole('region', { name: 'Shortlist and proposals' });
  const cardOf = (name) => shortlist.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name }) });

  await ranked.getByRole('button', { name: 'Shortlist Bread Shed' }).click();
  await cardOf('Bread Shed').getByText('Shortlisted by the broker').waitFor();
  await cardOf('Bread Shed').getByRole('button', { name: 'Remove Bread Shed from the shortlist' }).click();
  await page.getByRole('status').filter({ hasText: 'Bread Shed is off the shortlist' }).waitFor();
  await ranked.getByRole('button', { name: 'Shortlist Bread Shed' }).waitFor();
  assert.equal(await cardOf('Bread Shed').count(), 0);

  await ranked.getByRole('button', { name: 'Shortlist Second Chance Restaurant' }).click();
  const card = cardOf('Second Chance Restaurant');
  await card.getByRole('button', { name: 'Propose to the candidate' }).click();
  await card.getByRole('button', { name: 'Propose to the candidate' }).click();
  await card.getByText('Proposed, waiting for the candidate’s answer').waitFor();
  await card.getByRole('link', { name: 'Second Chance Restaurant' }).click();
  await page.getByRole('heading', { level: 1, name: 'Riverside Community Trust and Second Chance Restaurant' }).waitFor();
  await page.getByText('Not on ValueMark: the broker speaks for it.').waitFor();
  await page.getByRole('button', { name: 'Record their acceptance' }).click();
  await page.getByRole('button', { name: 'Record their acceptance' }).click();
  const how = page.getByLabel('How they said yes');
  await page.getByText('Say how the enterprise told you it accepts', { exact: false }).waitFor();
  assert.equal(await how.getAttribute('aria-invalid'), 'true');
  assert.equal(await how.evaluate((el) => el === document.activeElement), true, 'the box at fault has the focus');
  await how.fill('By phone to its manager, Sam Lee, on 3 March');
  await page.getByRole('button', { name: 'Record their acceptance' }).click();
  await page.getByRole('status').filter({ hasText: 'Accepted: contact details are shared' }).waitFor();
  await page.getByText('The broker recorded its acceptance: “By phone to its manager, Sam Lee, on 3 March”').waitFor();
  await page.getByRole('list', { name: 'Progress of the partnership' }).locator('[aria-current="step"]').getByText('Introduced').waitFor();
  await wordsOnly(page, 'match as the broker');
  await axe(page, 'match as the broker');
  await shot(page, 'brokerage-match-broker');

  await page.getByRole('button', { name: 'Close this match' }).click();
  await page.getByRole('button', { name: 'Close this match' }).click();
  await page.getByText('Say why, in a few words.').waitFor();
  await page.getByLabel('Reason').fill('The restaurant cannot take volunteers until the autumn.');
  await page.getByRole('button', { name: 'Close this match' }).click();
  await page.getByRole('status').filter({ hasText: 'Match closed' }).waitFor();
  await page.getByText('“The restaurant cannot take volunteers until the autumn.”').waitFor();
  await page.getByRole('list', { name: 'Progress of the partnership' }).locator('[aria-current="step"]').getByText('Declined').waitFor();
  assert.equal(await page.getByRole('region', { name: 'What you can do now' }).count(), 0, 'a declined match has no moves');
  await shot(page, 'brokerage-match-declined');
  await page.context().close();
});
