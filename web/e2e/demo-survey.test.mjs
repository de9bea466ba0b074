// The demo's own survey applied to the demo's own forecast, as the Lead would:
// the preview shows every figure old → new and what to check, saving makes a
// new evaluation, and the forecast keeps its figures beside it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { logIn, setup, shot } from './helpers.mjs';

let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

test('the demo survey applied to the demo forecast leaves the forecast as it was', async () => {
  const lead = await env.newPage({ viewport: { width: 1366, height: 900 } });
  await logIn(lead, 'lead@riverside.example', 'valuemark-demo');
  await lead.getByRole('link', { name: 'Riverside Community Trust' }).first().click();
  await lead.getByRole('link', { name: 'Impact maps', exact: true }).waitFor();
  const orgUrl = new URL(lead.url()).pathname;

  // The forecast's ratio before anything is applied.
  await lead.getByRole('link', { name: 'Impact maps', exact: true }).click();
  await lead.getByRole('link', { name: 'Friday Lunch Club forecast 2026' }).click();
  const ratio = lead.getByTestId('sroi-ratio');
  await lead.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="sroi-ratio"]')?.textContent ?? ''));
  const forecast = await ratio.innerText();
  const forecastUrl = new URL(lead.url()).pathname;

  // The survey's results, applied to that map.
  await lead.goto(orgUrl);
  await lead.getByRole('link', { name: 'Surveys', exact: true }).first().click();
  await lead.getByRole('link', { name: 'Lunch club members: what has changed for you?' }).click();
  const apply = lead.getByRole('region', { name: 'Apply to an impact map' });
  const mapSelect = apply.getByLabel('Impact map', { exact: true });
  const forecastOption = await mapSelect.locator('option', { hasText: 'Friday Lunch Club forecast 2026' }).getAttribute('value');
  await mapSelect.selectOption(forecastOption);
  await apply.getByLabel('Map outcome for “Members feel less lonely”').selectOption({ label: 'Members feel less lonely' });
  await apply.getByLabel('Map outcome for “Members eat more healthily”').selectOption({ label: 'Members eat a hot meal more regularly' });
  await apply.getByText('Stakeholder group: Older people attending the lunch club').first().waitFor();
  await apply.getByRole('button', { name: 'Preview the changes' }).click();
  await apply.getByRole('heading', { name: 'Check before saving' }).waitFor();
  const summary = await apply.getByText(/SROI ratio: .* in “Friday Lunch Club forecast 2026” →/).innerText();
  assert.ok(summary.includes(forecast), `the preview starts from the forecast's ${forecast}: ${summary}`);
  // Scaled to the map's 80 members, not to a survey population of its own.
  await apply.getByRole('row', { name: /Members feel less lonely/ }).first().waitFor();
  await shot(lead, 'demo-survey-apply-preview');
  // The demo's 40 answers, scaled to the map's 80 members, give nothing to warn
  // about, and the ratio moves by less than half (no more "8.93 : 1").
  assert.deepEqual(await apply.getByRole('alert').allInnerTexts(), []);
  const after = parseFloat(summary.split('→')[1]);
  const before = parseFloat(forecast);
  assert.ok(after > 0 && Math.abs(after - before) < before / 2, `the ratio moves from ${before} to ${after}`);
  await apply.getByRole('button', { name: 'Save as a new evaluation' }).click();
  await apply.getByRole('status').filter({ hasText: 'The map itself is unchanged.' }).waitFor();
  await apply.getByRole('link', { name: 'Open the evaluation' }).click();
  await lead.getByText('An evaluation made from').waitFor();
  await lead.getByRole('heading', { level: 1, name: /Friday Lunch Club forecast 2026 – evaluation from/ }).waitFor();

  // The forecast is unchanged, and the two stand side by side.
  await lead.getByRole('link', { name: 'Compare the two' }).click();
  const compared = lead.getByRole('region', { name: 'Forecast beside evaluation' });
  await compared.getByRole('row', { name: new RegExp(`SROI ratio ${forecast.replace(/[.]/g, '\\.')}`) }).waitFor();
  await shot(lead, 'demo-forecast-beside-evaluation');
  await lead.goto(forecastUrl);
  await lead.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="sroi-ratio"]')?.textContent ?? ''));
  assert.equal(await ratio.innerText(), forecast, 'the forecast keeps its ratio');
});
