// Building an SROI map in the browser alone: from the blank template, two
// stakeholder groups (one renamed), three inputs and four outcomes with
// ranges, one more outcome added and deleted; saved with no principles-check
// error, and its report downloaded as a PDF. Also: a cell refuses what it
// cannot read in its own unit, and a phone shows one outcome per card.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { createOrganisation, person, setup, shot, signUp } from './helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const OUTCOMES = [
  // group, outcome, indicator, quantity, duration, proxy, proxy description, source, deadweight, attribution, drop-off
  ['Young people', 'Young people feel more confident', 'Confidence score up 2 points', '20..30', '2', '800..1200', 'Value of improved confidence for a year', 'Illustrative wellbeing valuation', '10..30', '20', '50'],
  ['Young people', 'Young people get a job', 'In work after 6 months', '5..8..10', '1', '4000', 'Earnings gain in a first year of work', 'Illustrative labour-market study', '30', '25', '0'],
  ['Parents', 'Parents worry less', 'Parents reporting less worry', '10..20', '1', '500..700', 'Value of less anxiety for a year', 'Illustrative wellbeing valuation', '20', '10..20', '0'],
  ['Parents', 'Parents lose time driving to sessions', 'Hours spent driving', '8..12', '1', '-150', 'Cost of time spent driving', 'Illustrative time-use value', '0..5', '0', '0'],
];

test('a map built from a blank template through the page alone saves with no principles-check error and gives a PDF', async () => {
  const page = await env.newPage({ viewport: { width: 1366, height: 900 } });
  const lead = person('Builder');
  await signUp(page, lead);
  await page.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
  const orgId = await createOrganisation(page, { name: `Youth Trust ${Date.now().toString(36)}`, size_label: 'Small' });
  await page.goto(`/organisations/${encodeURIComponent(orgId)}/impact-maps`);
  await page.getByRole('link', { name: 'Start from “Blank map”' }).click();
  await page.getByTestId('sroi-ratio').filter({ hasText: ':' }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill('Youth mentoring forecast');

  // Stakeholders: the template's group renamed (its outcome follows), and a second one added.
  await page.getByLabel('Name of stakeholder group 1').fill('Young people');
  await page.getByLabel('Description of Young people').fill('Aged 14 to 19, referred by schools');
  await page.getByLabel('Number in the group, Young people').fill('40');
  await page.getByLabel('How Young people were involved').fill('Two focus groups and 12 interviews');
  await page.getByLabel("New group's name").fill('Parents');
  await page.getByRole('button', { name: 'Add group' }).click();
  await page.getByLabel('Number in the group, Parents').fill('abc');
  await page.getByRole('alert').filter({ hasText: 'Number in the group is a whole number of people or organisations from 0 to 10,000,000,000.' }).waitFor();
  await page.getByLabel('Number in the group, Parents').fill('30');
  await page.getByLabel('How Parents were involved').fill('Telephone survey');
  assert.equal(await page.getByLabel('Stakeholder, outcome 1').locator('option:checked').innerText(), 'Young people', 'the renamed group keeps its outcome');

  // Inputs: three, with a total.
  await page.getByLabel('Contributed by, input 1').fill('Council');
  await page.getByLabel('Description, input 1').fill('Council grant');
  await page.getByLabel('Value, input 1').fill('15,000');
  await page.getByRole('button', { name: 'Add input' }).click();
  await page.getByLabel('Contributed by, input 2').fill('Volunteers');
  await page.getByLabel('Description, input 2').fill('Mentors’ time at the National Living Wage');
  await page.getByLabel('Value, input 2').fill('8000');
  await page.getByLabel('In kind, input 2').check();
  await page.getByRole('button', { name: 'Add input' }).click();
  await page.getByLabel('Contributed by, input 3').fill('Parents');
  await page.getByLabel('Description, input 3').fill('Venue in kind');
  await page.getByLabel('Value, input 3').fill('2000');
  await page.getByLabel('In kind, input 3').check();
  await page.getByTestId('total-inputs').filter({ hasText: '£25,000' }).waitFor();
  await page.getByTestId('total-in-kind').filter({ hasText: '£10,000 in kind' }).waitFor();

  // Outcomes: the template's first, three more, and a fifth that is deleted.
  for (let i = 0; i < 5; i++) {
    if (i > 0) await page.getByRole('button', { name: 'Add outcome' }).click();
    const row = i + 1;
    const o = OUTCOMES[i] ?? ['Parents', 'A row added by mistake', '', '1', '1', '1', '', '', '0', '0', '0'];
    const cell = (label) => page.getByLabel(`${label}, outcome ${row}`, { exact: true });
    await cell('Stakeholder').selectOption({ label: o[0] });
    await cell('Outcome').fill(o[1]);
    await cell('Indicator').fill(o[2]);
    await cell('Quantity').fill(o[3]);
    await cell('Quantity source').fill('Baseline survey');
    await cell('Sample size').fill(String(12 + i));
    await cell('Duration (years)').fill(o[4]);
    await cell('Proxy value').fill(o[5]);
    await cell('Proxy description').fill(o[6]);
    await cell('Proxy source').fill(o[7]);
    await cell('Deadweight %').fill(o[8]);
    await cell('Attribution %').fill(o[9]);
    await cell('Drop-off %').fill(o[10]);
    await cell('Materiality reason').fill(i === 4 ? '' : 'Raised in the focus groups');
    if (o[1].startsWith('Parents lose')) await cell('Intended').uncheck();
  }

  // A cell refuses what it cannot read, in its unit, and the headline figures say they are not up to date.
  await page.getByLabel('Deadweight %, outcome 2', { exact: true }).fill('150');
  await page.getByRole('alert').filter({ hasText: 'Deadweight is a percentage from 0 to 100' }).waitFor();
  await page.getByTestId('stale-note').waitFor();
  await page.getByTestId('cell-popover').filter({ hasText: 'Deadweight is a percentage from 0 to 100' }).waitFor();
  assert.equal(await page.getByText(/\bNaN\b/).count(), 0, 'NaN never appears');
  await page.getByLabel('Deadweight %, outcome 2', { exact: true }).fill('30');
  await page.getByTestId('stale-note').waitFor({ state: 'detached' });

  // Delete the fifth outcome: select its row, then Delete and confirm.
  await page.getByLabel('Outcome, outcome 5', { exact: true }).focus();
  await page.getByRole('button', { name: 'Delete outcome 5' }).click();
  await page.getByRole('dialog', { name: 'Delete this outcome?' }).getByRole('button', { name: 'Delete outcome' }).click();
  await page.getByLabel('Outcome, outcome 5', { exact: true }).waitFor({ state: 'detached' });
  assert.equal(await page.locator('[data-testid^="outcome-row-"]').count(), 4);

  // Reorder: the job outcome moves up to first place and back.
  await page.getByLabel('Outcome, outcome 2', { exact: true }).focus();
  await page.getByRole('button', { name: 'Move outcome 2 up' }).click();
  assert.equal(await page.getByLabel('Outcome, outcome 1', { exact: true }).inputValue(), 'Young people get a job');
  await page.getByRole('button', { name: 'Move outcome 1 down' }).click();
  assert.equal(await page.getByLabel('Outcome, outcome 1', { exact: true }).inputValue(), 'Young people feel more confident');

  // The principles check: no errors; findings name outcomes and columns, never a JSON path.
  await page.waitForFunction(() => /^No (errors|findings)/.test(document.querySelector('[data-testid="principles-summary"]')?.textContent ?? ''));
  const findingsText = await page.locator('section', { has: page.getByRole('heading', { name: 'Principles check' }) }).innerText();
  assert.doesNotMatch(findingsText, /outcomes\[|stakeholders\[|inputs\[/, findingsText);
  await page.getByTestId('sroi-ratio').filter({ hasText: /^\d+\.\d\d : 1$/ }).waitFor();
  await shot(page, 'impact-map-built');

  await page.getByRole('button', { name: 'Save map' }).click();
  await page.getByText('Impact map · version 1').waitFor();
  const saved = await page.evaluate(async () => {
    const id = decodeURIComponent(window.location.pathname.split('/').pop());
    return (await fetch(`/api/v1/impact-maps/${id}`)).json();
  });
  assert.deepEqual(
    saved.stakeholders.map((s) => [s.id, s.name, s.size]),
    [
      ['participants', 'Young people', 40],
      ['parents', 'Parents', 30],
    ],
  );
  assert.equal(saved.stakeholders[0].description, 'Aged 14 to 19, referred by schools');
  assert.equal(saved.inputs.length, 3);
  assert.deepEqual(
    saved.inputs.map((i) => i.in_kind ?? false),
    [false, true, true],
  );
  assert.equal(saved.outcomes[0].quantity_source, 'Baseline survey');
  assert.equal(saved.outcomes[0].sample_size, 12);
  assert.deepEqual(
    saved.outcomes.map((o) => o.description),
    OUTCOMES.map((o) => o[1]),
  );
  assert.deepEqual(saved.outcomes[0].quantity, { low: 20, high: 30 });
  assert.deepEqual(saved.outcomes[0].deadweight, { low: 0.1, high: 0.3 });
  assert.equal(saved.outcomes[3].intended, false);
  const analysis = await page.evaluate(async (map) => {
    const me = await (await fetch('/api/v1/me')).json();
    const r = await fetch('/api/v1/impact-maps/calculate?draws=100', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: JSON.stringify(map) });
    return r.json();
  }, saved);
  assert.deepEqual(
    analysis.lint.findings.filter((f) => f.severity === 'error'),
    [],
    'no principles-check error',
  );

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Report (PDF)' }).click()]);
  assert.match(pdf.suggestedFilename(), /\.pdf$/);
  assert.equal(readFileSync(await pdf.path()).subarray(0, 4).toString('latin1'), '%PDF');

  // On a phone, each outcome is a card with its cells labelled.
  await page.setViewportSize({ width: 390, height: 844 });
  const row = page.getByTestId('outcome-row-0');
  const box = await row.boundingBox();
  assert.ok(box && box.width <= 390, `one outcome per card on a phone (${box?.width} px wide)`);
  await row.scrollIntoViewIfNeeded();
  await shot(page, 'impact-map-phone', { fullPage: false });
});
