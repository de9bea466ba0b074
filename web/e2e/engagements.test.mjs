// Consultant engagements, end to end, with the demo's people: Riverside has
// an SVQM consultant, the demo assessor, who has written the review of its
// needs, recommendations, a plan, the kick-off session and a pre-audit.
// (a) The assessor opens My engagements, opens Riverside's, logs a session
// dated in the future first (the server's refusal shows beside that date,
// and the changes stay), fixes it, adds a plan item and saves. (b) The Lead
// opens Riverside → Consultant and reads the new session and plan item, with
// no control to change them, on a desktop and a phone; an organisation with
// no consultant reads what one does. (c) The administrator sees the form to
// allocate a consultant on Riverside's Consultant tab, and allocating again
// for the Quality Mark is refused beside the scheme; closing asks first.
//
// Screenshots go to web/e2e/screenshots/engagements-*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axe, logIn, noHorizontalScroll, refuseToGoBack, refuseToLeave, setup, shot } from './helpers.mjs';

const PASSWORD = 'valuemark-demo';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const RIVERSIDE = 'Riverside Community Trust';

const DAY = 86_400_000;
/** A date `days` from today as the server counts it (UTC), "2026-12-16". */
const isoIn = (days) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
/** The house format: "16 Dec 2026". */
const house = (iso) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

const SESSION = 'Outcomes workshop with six lunch-club members';
const PLAN_ITEM = 'Choosing outcomes with members';

let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

/** No raw values of the API on the page: words only. */
async function wordsOnly(page, name) {
  const text = await page.getByRole('main').innerText();
  for (const raw of ['svqm', 'held_on', 'due_on', 'pre_audit', 'site_audit', 'needs_review', 'may_write', 'consultant_id', 'true', 'false', 'null', 'undefined', 'NaN']) {
    assert.ok(!new RegExp(`\\b${raw}\\b`).test(text), `${name}: "${raw}" is on the page`);
  }
  assert.ok(!/\w+\[\d+\]/.test(text), `${name}: a JSON path is on the page`);
  assert.ok(!/\b\d{4}-\d{2}-\d{2}\b/.test(text), `${name}: a date in the API's format is on the page`);
}

/** From the home page to Riverside's Consultant tab, as a member or an administrator goes. */
async function openConsultantTab(page) {
  await page.getByRole('link', { name: RIVERSIDE }).first().click();
  await page.getByRole('heading', { level: 1, name: RIVERSIDE }).waitFor();
  await page.getByRole('navigation', { name: /Work of/ }).getByRole('link', { name: 'Consultant' }).click();
  await page.getByRole('heading', { level: 1, name: 'Consultant' }).waitFor();
}

test('the consultant logs a session (a date in the future refused beside it first) and adds a plan item', async () => {
  const page = await env.newPage();
  await logIn(page, 'assessor@valuemark.example', PASSWORD);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Staff' }).click();
  await nav.getByRole('link', { name: 'My engagements' }).click();
  await page.getByRole('heading', { level: 1, name: 'My engagements' }).waitFor();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: RIVERSIDE }) });
  await row.getByText('Social Value Quality Mark').waitFor();
  await row.getByText('Active').waitFor();
  await row.getByText('1 session, 1 h 30 min').waitFor();
  await wordsOnly(page, 'my engagements');
  await axe(page, 'my engagements');
  await shot(page, 'engagements-mine');

  await row.getByRole('link', { name: RIVERSIDE }).click();
  await page.getByRole('heading', { level: 1, name: RIVERSIDE }).waitFor();
  await page.getByRole('link', { name: 'assessor@valuemark.example' }).waitFor();
  const needs = page.getByRole('textbox', { name: 'Review of needs' });
  assert.match(await needs.inputValue(), /holds the Pledges level/);
  assert.equal(await page.getByLabel('Recorded: the pre-audit has taken place').isChecked(), true, 'the demo’s pre-audit is recorded');
  assert.equal(await page.getByLabel('Ready to apply').isChecked(), false);

  // A new session goes on top, its date taking the focus; dated in the future, the server refuses it beside that date.
  await page.getByRole('button', { name: 'Log a session' }).click();
  const session = page.getByRole('group', { name: 'Session 1' });
  const date = session.getByLabel('Date');
  assert.equal(await date.evaluate((el) => el === document.activeElement), true, 'the new session’s date has the focus');
  await date.fill(isoIn(10));
  await session.getByLabel('Length in minutes').fill('75');
  await session.getByText('That is 1 h 15 min.').waitFor();
  await session.getByLabel('Summary').fill(SESSION);
  await page.getByRole('group', { name: 'Session 2' }).getByLabel('Summary').waitFor();
  await page.getByRole('button', { name: 'Save the engagement' }).click();
  const refusal = 'Cannot be after today: record it once it has taken place.';
  await session.getByText(refusal).waitFor();
  assert.equal(await date.getAttribute('aria-invalid'), 'true');
  const summary = page.getByRole('alert').filter({ hasText: 'The engagement was not saved' });
  await summary.getByRole('link', { name: `Session 1, date: ${refusal}` }).waitFor();
  assert.equal(await summary.evaluate((el) => el === document.activeElement), true, 'the list of problems has the focus');
  // Nothing typed is lost; the older session is untouched and has no message.
  assert.equal(await session.getByLabel('Summary').inputValue(), SESSION);
  assert.equal(await page.getByRole('group', { name: 'Session 2' }).getByText(refusal).count(), 0);
  await page.getByText('Unsaved changes').waitFor();
  // A link away asks first; staying keeps everything typed.
  assert.deepEqual(await refuseToLeave(page, page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').first()), ['You have changes that are not saved. Leave this page and lose them?']);
  await page.getByRole('heading', { level: 1, name: RIVERSIDE }).waitFor();
  assert.equal(await session.getByLabel('Summary').inputValue(), SESSION);
  // So does the browser's Back button, and staying comes back to the page as it was.
  const here = page.url();
  assert.deepEqual(await refuseToGoBack(page), ['You have changes that are not saved. Leave this page and lose them?']);
  await page.waitForFunction((url) => window.location.href === url, here);
  await page.getByText('Unsaved changes').waitFor();
  assert.equal(await session.getByLabel('Summary').inputValue(), SESSION);
  await axe(page, 'session refused');
  await shot(page, 'engagements-session-refused');
  // The problem's link takes the focus to the date.
  await summary.getByRole('link', { name: /Session 1, date/ }).click();
  assert.equal(await date.evaluate((el) => el === document.activeElement), true, 'the link focuses the date');

  // Fixed; and a plan item added.
  await date.fill(isoIn(-1));
  await page.getByRole('button', { name: 'Add a plan item' }).click();
  const item = page.getByRole('group', { name: 'Plan item 3' });
  const topic = item.getByLabel('Topic');
  assert.equal(await topic.evaluate((el) => el === document.activeElement), true, 'the new plan item’s topic has the focus');
  await topic.fill(PLAN_ITEM);
  await item.getByLabel('Kind').selectOption({ label: 'Consultancy' });
  await item.getByLabel('Due date (optional)').fill(isoIn(30));
  await page.getByRole('button', { name: 'Save the engagement' }).click();
  // Said beside the button, where the focus still is.
  await page.getByRole('status').filter({ hasText: /^Saved at \d\d:\d\d$/ }).waitFor();
  assert.equal(await page.getByText('Unsaved changes').count(), 0);
  assert.equal(await page.getByRole('alert').filter({ hasText: 'The engagement was not saved' }).count(), 0);
  assert.equal(await page.getByRole('group', { name: 'Session 1' }).getByLabel('Summary').inputValue(), SESSION, 'the newest session is first');
  assert.equal(await page.getByRole('group', { name: 'Plan item 3' }).getByLabel('Topic').inputValue(), PLAN_ITEM);
  await page.getByRole('button', { name: 'Close the engagement' }).waitFor();
  await wordsOnly(page, 'editor');
  await axe(page, 'editor');
  await shot(page, 'engagements-editor');
  const address = new URL(page.url()).pathname;
  await page.context().close();

  // On a phone, the list and the editor fit the screen.
  const phone = await env.newPage(PHONE);
  await logIn(phone, 'assessor@valuemark.example', PASSWORD);
  await phone.goto('/consultant/engagements');
  await phone.getByRole('link', { name: RIVERSIDE }).waitFor();
  await noHorizontalScroll(phone, 'my engagements on a phone');
  await phone.goto(address);
  await phone.getByRole('group', { name: 'Session 1' }).getByLabel('Summary').waitFor();
  await noHorizontalScroll(phone, 'editor on a phone');
  await axe(phone, 'editor on a phone');
  await shot(phone, 'engagements-editor-phone');
  await phone.context().close();
});

test('the Lead reads the consultant’s work on the Consultant tab, with nothing to change, on a desktop and a phone', async () => {
  for (const [name, options] of [
    ['engagements-lead', {}],
    ['engagements-lead-phone', PHONE],
  ]) {
    const page = await env.newPage(options);
    await logIn(page, 'lead@riverside.example', PASSWORD);
    await openConsultantTab(page);
    const engagement = page.getByRole('region', { name: /Social Value Quality Mark/ }).first();
    await engagement.getByText('Sam Reid').waitFor();
    assert.equal(await engagement.getByRole('link', { name: 'assessor@valuemark.example' }).getAttribute('href'), 'mailto:assessor@valuemark.example');
    // The new session, newest first, in the house format; and the plan item in words.
    const sessions = engagement.getByRole('region', { name: 'Sessions' });
    await sessions.getByText('2 sessions, 2 h 45 min in all').waitFor();
    const newest = sessions.getByRole('listitem').first();
    await newest.getByText(SESSION).waitFor();
    await newest.getByText(house(isoIn(-1))).waitFor();
    await newest.getByText('1 h 15 min').waitFor();
    const plan = engagement.getByRole('region', { name: 'Training and mentoring plan' });
    await plan.getByText('0 of 3 done').waitFor();
    const item = plan.getByRole('listitem').filter({ hasText: PLAN_ITEM });
    await item.getByText('Consultancy').waitFor();
    await item.getByText(`Due ${house(isoIn(30))}`).waitFor();
    await item.getByText('To do:').waitFor();
    const pre = engagement.getByRole('region', { name: 'Pre-audit' });
    await pre.getByText('Not yet ready').waitFor();
    await engagement.getByRole('region', { name: 'On-site audit' }).getByText('Not carried out yet.', { exact: false }).waitFor();
    // Nothing to change: no field, no save, no close, no allocation.
    const main = page.getByRole('main');
    assert.equal(await main.getByRole('textbox').count(), 0, 'no text to edit');
    assert.equal(await main.getByRole('checkbox').count(), 0, 'nothing to tick');
    assert.equal(await main.getByRole('button', { name: /Save|Close|Allocate/ }).count(), 0, 'no button to change anything');
    assert.equal(await main.getByRole('link', { name: 'Edit the engagement' }).count(), 0);
    assert.equal(await main.getByRole('heading', { name: 'Allocate a consultant' }).count(), 0);
    await wordsOnly(page, name);
    await axe(page, name);
    if (options.viewport) await noHorizontalScroll(page, name);
    await shot(page, name);

    if (!options.viewport) {
      // The engagement's own page reads the same, read-only.
      await engagement.getByRole('link', { name: 'Open on its own page' }).click();
      await page.getByRole('heading', { level: 1, name: RIVERSIDE }).waitFor();
      await page.getByText(SESSION).waitFor();
      assert.equal(await page.getByRole('main').getByRole('textbox').count(), 0);
      assert.equal(await page.getByRole('main').getByRole('button', { name: /Save|Close/ }).count(), 0);
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Consultant' }).waitFor();
    }
    await page.context().close();
  }
});

test('an organisation with no consultant reads what one does and who allocates one', async () => {
  const page = await env.newPage();
  await logIn(page, 'lead@harbour.example', PASSWORD);
  await page.getByRole('link', { name: 'Harbour Café' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Harbour Café' }).waitFor();
  await page.getByRole('navigation', { name: /Work of/ }).getByRole('link', { name: 'Consultant' }).click();
  await page.getByText('Harbour Café has no consultant allocated').waitFor();
  await page.getByText(/the certifying body allocates a social value consultant\. They review your needs/).waitFor();
  await page.getByText(/carry out a pre-audit .* and later the on-site audit/).waitFor();
  await wordsOnly(page, 'no consultant');
  await axe(page, 'no consultant');
  await shot(page, 'engagements-none');
  await page.context().close();
});

test('the administrator allocates from Riverside’s Consultant tab: a second consultant for the Quality Mark is refused beside the scheme', async () => {
  const page = await env.newPage();
  await logIn(page, 'admin@valuemark.example', PASSWORD);
  await page.goto('/staff/organisations');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await openConsultantTab(page);
  const form = page.getByRole('region', { name: 'Allocate a consultant' });
  const scheme = form.getByLabel('Scheme');
  assert.match(await scheme.locator('option:checked').innerText(), /^Social Value Quality Mark/, 'the Quality Mark is chosen first');
  // Without a consultant: asked for beside it.
  await form.getByRole('button', { name: 'Allocate the consultant' }).click();
  await form.getByText('Choose a consultant.').waitFor();
  await form.getByLabel('Consultant').selectOption({ label: 'Sam Reid (assessor@valuemark.example)' });
  await form.getByRole('button', { name: 'Allocate the consultant' }).click();
  await form.getByText(`${RIVERSIDE} already has a consultant for the Social Value Quality Mark: close that engagement first.`).waitFor();
  assert.equal(await scheme.getAttribute('aria-invalid'), 'true');
  assert.equal(await scheme.evaluate((el) => el === document.activeElement), true, 'the scheme has the focus');
  assert.equal(await form.getByLabel('Consultant').getAttribute('aria-invalid'), null);
  await wordsOnly(page, 'allocation refused');
  await axe(page, 'allocation refused');
  await shot(page, 'engagements-admin-refused');

  // Closing asks first; Cancel leaves it active.
  const engagement = page.getByRole('region', { name: /Social Value Quality Mark/ }).first();
  await engagement.getByRole('button', { name: 'Close' }).click();
  const dialog = page.getByRole('dialog', { name: 'Close this engagement?' });
  await dialog.getByText(/Sam Reid’s engagement with Riverside Community Trust for the Social Value Quality Mark is then kept as it is/).waitFor();
  await shot(page, 'engagements-close-dialog', { fullPage: false });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.getByRole('dialog').count(), 0);
  await engagement.getByText('Active').waitFor();

  // Confirmed, it is closed: said in words, kept below with its work, and
  // the scheme is free for a new allocation.
  await engagement.getByRole('button', { name: 'Close' }).click();
  await dialog.getByRole('button', { name: 'Close the engagement' }).click();
  await page.getByRole('status').filter({ hasText: 'The engagement with Sam Reid is closed' }).waitFor();
  const closed = page.getByRole('region', { name: 'Closed engagements' });
  await closed.getByText(/^Social Value Quality Mark.*, with Sam Reid$/).waitFor();
  await closed.getByText('Closed', { exact: true }).first().waitFor();
  assert.equal(await form.getByText(/close that engagement first/).count(), 0, 'the refusal went with its cause');
  assert.equal(await scheme.getAttribute('aria-invalid'), null);
  await wordsOnly(page, 'engagement closed');
  await axe(page, 'engagement closed');
  await shot(page, 'engagements-admin-closed');
  await form.getByLabel('Consultant').selectOption({ label: 'Sam Reid (assessor@valuemark.example)' });
  await form.getByRole('button', { name: 'Allocate the consultant' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Sam Reid is now ${RIVERSIDE}’s consultant for the Social Value Quality Mark` })
    .waitFor();
  await page.getByRole('region', { name: /Social Value Quality Mark/ }).first().getByText('Active').waitFor();
  await page.context().close();
});
