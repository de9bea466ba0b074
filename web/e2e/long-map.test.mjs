// A long impact map in the editor: the grid draws only the rows in view (so
// that a keystroke stays quick), yet every row is reached by scrolling, by
// the arrow keys and by adding an outcome, and a screen reader is told how
// many rows there are.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createOrganisation, person, refuseToLeave, setup, shot, signUp } from './helpers.mjs';

const OUTCOMES = 200;

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

function longMap() {
  const outcomes = [];
  for (let i = 1; i <= OUTCOMES; i++)
    outcomes.push({
      id: `outcome-${i}`,
      stakeholder: 'members',
      description: `Outcome number ${i}`,
      indicator: 'Members who say so',
      quantity: i,
      duration_years: 1,
      proxy: { value: 100, description: 'Value of a day out', source: 'Illustrative' },
    });
  return {
    name: 'A long map',
    currency: 'GBP',
    discount_rate: 0.035,
    stakeholders: [{ id: 'members', name: 'Members', size: 1000 }],
    inputs: [{ stakeholder: 'members', description: 'Grant', value: 10000 }],
    outcomes,
  };
}

test('a 200-outcome map draws the rows in view, and every row is reached by scrolling, the arrow keys and adding one', async () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'vm-long-map-')), 'long-map.json');
  writeFileSync(file, JSON.stringify(longMap()));
  const page = await env.newPage({ viewport: { width: 1366, height: 900 } });
  await signUp(page, person('Long'));
  await page.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
  const orgId = await createOrganisation(page, { name: `Long Trust ${Date.now().toString(36)}`, size_label: 'Small' });
  await page.goto(`/organisations/${encodeURIComponent(orgId)}/impact-maps`);
  await page.getByLabel(/Import a map/).setInputFiles(file);
  await page.getByTestId('sroi-ratio').filter({ hasText: ':' }).waitFor();

  const rows = page.locator('tr[data-testid^="outcome-row-"]');
  const drawn = await rows.count();
  assert.ok(drawn > 5 && drawn < 60, `only the rows in view are drawn (${drawn} of ${OUTCOMES})`);
  assert.equal(await page.locator('table.impact-grid__table').getAttribute('aria-rowcount'), String(OUTCOMES + 1));
  assert.equal(await rows.first().getAttribute('aria-rowindex'), '2');

  // The arrow keys go on past the rows drawn at first.
  await page.getByLabel('Quantity, outcome 1', { exact: true }).focus();
  // One key at a time, as a person presses them, each move seen before the next
  // (on a busy machine a burst of keys can outrun the rows being drawn).
  for (let i = 0; i < 70; i++) {
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((n) => document.activeElement?.getAttribute('aria-label') === `Quantity, outcome ${n}`, i + 2);
  }
  assert.equal(await page.evaluate(() => document.activeElement.value), '71');
  assert.equal(await page.getByTestId('outcome-row-70').getAttribute('aria-rowindex'), '72');
  const height = await page.getByTestId('outcome-row-70').evaluate((r) => r.getBoundingClientRect().height);
  assert.ok(height < 56, `a row of three-digit number stays one line high (${height} px)`);

  // Scrolled to the end (again, as a person does, while the rows drawn are
  // measured), the last outcome is there and takes a new figure.
  const last = page.getByLabel(`Quantity, outcome ${OUTCOMES}`, { exact: true });
  for (let i = 0; i < 10 && !(await last.isVisible()); i++) {
    await page.locator('.impact-grid__scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForTimeout(100);
  }
  await last.fill('250');
  await page.getByText('Unsaved changes').first().waitFor();
  assert.ok((await rows.count()) < 70, 'scrolling draws other rows rather than more rows');

  // Back at the top, then an outcome added: it is brought into view.
  await page.locator('.impact-grid__scroll').evaluate((el) => el.scrollTo(0, 0));
  await page.getByLabel('Quantity, outcome 1', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Add outcome' }).click();
  await page.getByLabel(`Quantity, outcome ${OUTCOMES + 1}`, { exact: true }).waitFor();
  assert.ok(await page.getByLabel(`Quantity, outcome ${OUTCOMES + 1}`, { exact: true }).isVisible());
  assert.equal(await page.locator('table.impact-grid__table').getAttribute('aria-rowcount'), String(OUTCOMES + 2));
  await shot(page, 'long-map-grid', { fullPage: false });

  // Unsaved, a link in the navigation bar asks before it leaves the map.
  assert.deepEqual(await refuseToLeave(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link').first()), ['You have changes that are not saved. Leave this page and lose them?']);
  await page.getByText('Unsaved changes').first().waitFor();
  await page.getByLabel(`Quantity, outcome ${OUTCOMES + 1}`, { exact: true }).waitFor();
  await page.close();
});
