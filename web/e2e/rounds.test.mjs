// (Issue 15, item 7) The administrator keeps the year's rounds on one page:
// a new round closes two weeks after it opens unless changed, a round of
// another length is refused beside its closing date, a round nobody has
// applied into is changed or cancelled through its dialog, and a round's
// applications are one link away in the review queue.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axe, logIn, noHorizontalScroll, setup, shot } from './helpers.mjs';

const PASSWORD = 'valuemark-demo';

let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

/** YYYY-MM-DD, `days` from today (UTC). */
function day(days) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test('the administrator sets, changes and cancels a round in the calendar', async () => {
  const page = await env.newPage();
  await logIn(page, 'admin@valuemark.example', PASSWORD);
  await page.goto('/staff/rounds');
  await page.getByRole('heading', { level: 1, name: 'Certification rounds' }).waitFor();
  // The demo's two rounds, nobody in them yet: each can be changed.
  await page.getByRole('rowheader', { name: 'Current round' }).waitFor();
  await page.getByRole('button', { name: 'Change the round Next round' }).waitFor();

  // A new round: its closing day follows the opening day.
  const form = page.getByRole('region', { name: 'Set a round' });
  await form.getByLabel('Name').fill('Spring review');
  await form.getByLabel('Opens on').fill(day(200));
  assert.equal(await form.getByLabel('Closes on').inputValue(), day(213));
  // Three weeks is refused beside the closing date, in words.
  await form.getByLabel('Closes on').fill(day(220));
  await form.getByRole('button', { name: 'Save round' }).click();
  await form.getByText(/runs for two weeks: opening on .*, it closes on .* \(this one runs for 21 days\)/i).waitFor();
  await form.getByLabel('Closes on').fill(day(213));
  await form.getByRole('button', { name: 'Save round' }).click();
  await page.getByRole('rowheader', { name: 'Spring review' }).waitFor();
  await shot(page, 'rounds-calendar');
  await axe(page, 'rounds calendar');

  // Changed through its dialog: moved and renamed.
  await page.getByRole('button', { name: 'Change the round Spring review' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change the round “Spring review”' });
  await dialog.getByLabel('Name').fill('Late spring review');
  await dialog.getByLabel('Opens on').fill(day(230));
  assert.equal(await dialog.getByLabel('Closes on').inputValue(), day(243));
  await axe(page, 'change a round');
  await dialog.getByRole('button', { name: 'Save the round' }).click();
  await page.getByRole('rowheader', { name: 'Late spring review' }).waitFor();
  assert.equal(await page.getByRole('rowheader', { name: 'Spring review', exact: true }).count(), 0);

  // Cancelled after the confirmation says what it means.
  await page.getByRole('button', { name: 'Cancel the round Late spring review' }).click();
  const confirm = page.getByRole('dialog', { name: 'Cancel the round “Late spring review”?' });
  await confirm.getByText(/No organisation has applied into it/).waitFor();
  await confirm.getByRole('button', { name: 'Cancel the round' }).click();
  await page.getByRole('status').filter({ hasText: 'Round “Late spring review” cancelled' }).waitFor();
  assert.equal(await page.getByRole('rowheader', { name: 'Late spring review' }).count(), 0);
});

test('a round on a phone, and a round’s applications in the queue', async () => {
  const page = await env.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await logIn(page, 'admin@valuemark.example', PASSWORD);
  await page.goto('/staff/rounds');
  await page.getByRole('rowheader', { name: 'Current round' }).waitFor();
  await noHorizontalScroll(page, 'rounds on a phone');
  // The queue filtered by a round names it and leads back to every round.
  const rounds = await page.evaluate(async () => (await (await fetch('/api/v1/rounds')).json()).items);
  const current = rounds.find((r) => r.name === 'Current round');
  await page.goto(`/staff/applications?round=${current.id}`);
  await page.getByText('Applications in the round').waitFor();
  await page.locator('.round-filter').getByText('Current round').waitFor();
  await page.getByRole('link', { name: 'Show every round' }).click();
  await page.waitForURL((u) => u.pathname === '/staff/applications' && u.search === '');
});
