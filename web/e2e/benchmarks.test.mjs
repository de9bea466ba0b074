// Benchmarking among peers, end to end, with the demo's people: a member of
// Riverside reads what benchmarking is but has no button to opt in; the Lead
// opts in (a refused try first, the error beside the region), sees Riverside's
// own figures — the demo has a self-assessment and an impact map — and every
// group withheld because fewer than 5 organisations contribute (the demo has
// one); the member now reads the figures without the Lead's buttons; the Lead
// updates the figures, then stops contributing (confirmed) and is back to the
// explanation. Last, the page with groups shown (a report as the server gives
// it for twelve contributors, served to the browser) to see its charts, on a
// desktop and a phone.
//
// Screenshots go to web/e2e/screenshots/benchmarks-*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axe, logIn, noHorizontalScroll, setup, shot } from './helpers.mjs';

const PASSWORD = 'valuemark-demo';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const WITHHELD = 'For each of these groups: fewer than 5 organisations contribute this figure in this group, so it is not shown.';

let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

/** No raw codes of the API or of the taxonomy on the page: words only. */
async function wordsOnly(page, name) {
  const text = await page.getByRole('main').innerText();
  for (const raw of ['south_west', 'self_assessment', 'sroi_ratio', 'certification_level', 'too_few', 'too_close', 'own_rank', 'p25', 'p75', 'very_large', 'true', 'false', 'null', 'undefined', 'NaN']) {
    assert.ok(!new RegExp(`\\b${raw}\\b`).test(text), `${name}: "${raw}" is on the page`);
  }
}

/** Opens the Benchmarks page from the organisation's page. */
async function openBenchmarks(page) {
  await page.getByRole('link', { name: 'Riverside Community Trust' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Riverside Community Trust' }).waitFor();
  await page.getByRole('navigation', { name: /Work of/ }).getByRole('link', { name: 'Benchmarks' }).click();
  await page.getByRole('heading', { level: 1, name: 'Benchmarks' }).waitFor();
}

test('a member reads what benchmarking is, with no button to opt in', async () => {
  const page = await env.newPage();
  await logIn(page, 'worker@riverside.example', PASSWORD);
  await openBenchmarks(page);
  const how = page.getByRole('region', { name: 'How benchmarking works' });
  await how.getByText('No figure is shown for a group of fewer than 5 organisations').waitFor();
  await how.getByText('Only organisations that choose to contribute take part').waitFor();
  const join = page.getByRole('region', { name: 'Contribute to the benchmarks' });
  await join.getByText('Your Social Value Lead or Senior Leader decides whether it does.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Contribute our figures' }).count(), 0, 'a member does not opt in');
  assert.equal(await page.getByLabel('Region').count(), 0);
  await wordsOnly(page, 'member, not contributing');
  await axe(page, 'member, not contributing');
  await shot(page, 'benchmarks-member-explanation');
  await page.context().close();
});

test('the Lead opts in naming the region, and sees Riverside’s own figures with every group withheld', async () => {
  const page = await env.newPage();
  await logIn(page, 'lead@riverside.example', PASSWORD);
  // From the Organisations menu.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Organisations' }).click();
  await page.getByRole('link', { name: 'Benchmarks' }).click();
  await page.getByRole('heading', { level: 1, name: 'Benchmarks' }).waitFor();
  await page.getByRole('region', { name: 'How benchmarking works' }).waitFor();
  const join = page.getByRole('region', { name: 'Contribute to the benchmarks' });
  await join.getByText('Your sector (Community development) and size (Medium) come from your organisation’s profile.').waitFor();
  await shot(page, 'benchmarks-lead-explanation');

  // No region: refused beside the field, which takes the focus.
  await page.getByRole('button', { name: 'Contribute our figures' }).click();
  await page.getByText('Choose the region your organisation works in.').waitFor();
  const region = page.getByLabel('Region');
  assert.equal(await region.getAttribute('aria-invalid'), 'true');
  assert.equal(await region.evaluate((el) => el === document.activeElement), true, 'the region has the focus');
  // The server's refusal of a region shows beside it too.
  await page.route('**/api/v1/organisations/*/benchmarks', (route) =>
    route.request().method() === 'PUT'
      ? route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'invalid_argument', message: 'choose the region the organisation works in', field: 'region' } }),
        })
      : route.fallback(),
  );
  await region.selectOption({ label: 'South West England' });
  await page.getByRole('button', { name: 'Contribute our figures' }).click();
  await page.getByText('Choose the region the organisation works in.').waitFor();
  assert.equal(await region.getAttribute('aria-invalid'), 'true');
  await axe(page, 'opt-in refused');
  await shot(page, 'benchmarks-optin-refused');
  await page.unroute('**/api/v1/organisations/*/benchmarks');

  await page.getByRole('button', { name: 'Contribute our figures' }).click();
  await page.getByRole('status').filter({ hasText: 'Riverside Community Trust now contributes to the benchmarks' }).waitFor();
  const settings = page.getByRole('region', { name: /Your contribution/ });
  await settings.getByText('Contributing', { exact: true }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 2, name: /Your contribution/ }).evaluate((el) => el === document.activeElement), true, 'the focus moves to what is there now');
  await settings.getByRole('definition').filter({ hasText: 'South West England' }).waitFor();
  await settings.getByText('Community development').waitFor();
  await settings.getByText('1 organisation', { exact: true }).waitFor();

  // Riverside's own figures: its self-assessment and the SROI ratio of its map, each group withheld with the reason.
  const overall = page.getByRole('region', { name: 'Self-assessment, overall' });
  await overall.getByText('49 / 100').waitFor();
  await overall.getByText('No group shown yet').waitFor();
  const withheld = overall.getByRole('list', { name: 'No group shown yet' }).getByRole('listitem');
  assert.equal(await withheld.count(), 5, 'all five groups are withheld');
  await overall.getByText(WITHHELD).waitFor();
  await withheld.filter({ hasText: 'Your region: South West England' }).getByText('1 organisation', { exact: true }).waitFor();
  await page.getByText('So far 1 organisation contributes.').waitFor();
  const sroi = page.getByRole('region', { name: 'SROI ratio of the latest impact map' });
  await sroi.getByText('2.57 : 1').waitFor();
  await page.getByRole('region', { name: /Social Value Quality Mark: level held/ }).getByText('Level 1', { exact: true }).waitFor();
  // The self-assessment by principle, folded away.
  await page.getByText(/The self-assessment by principle/).click();
  await page.getByRole('region', { name: 'Self-assessment: Involve stakeholders' }).getByText('44 / 100').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Update our figures' }).count(), 1);
  await wordsOnly(page, 'Lead, contributing');
  await axe(page, 'Lead, contributing');
  await shot(page, 'benchmarks-lead-contributing');
  await page.context().close();
});

test('a member then reads the figures, without the Lead’s buttons', async () => {
  const page = await env.newPage();
  await logIn(page, 'worker@riverside.example', PASSWORD);
  await openBenchmarks(page);
  await page.getByRole('region', { name: 'Self-assessment, overall' }).getByText('49 / 100').waitFor();
  await page.getByText('Your Social Value Lead or Senior Leader updates these figures or stops contributing.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Update our figures' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Stop contributing' }).count(), 0);
  await wordsOnly(page, 'member, contributing');
  await page.context().close();
});

test('the Lead updates the figures on a phone, then stops contributing', async () => {
  const page = await env.newPage(PHONE);
  await logIn(page, 'lead@riverside.example', PASSWORD);
  await page.goto('/benchmarks');
  await page.getByRole('heading', { level: 1, name: 'Benchmarks' }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/organisations\/[^/]+\/benchmarks$/, '/benchmarks leads to the organisation’s page');
  assert.equal(await page.getByLabel('Region').inputValue(), 'south_west', 'the region chosen is the one named');
  await page.getByRole('button', { name: 'Update our figures' }).click();
  await page.getByRole('status').filter({ hasText: 'Your figures are updated' }).waitFor();
  await page.getByRole('region', { name: 'Self-assessment, overall' }).getByText('49 / 100').waitFor();
  await noHorizontalScroll(page, 'benchmarks on a phone');
  await axe(page, 'benchmarks on a phone');
  await shot(page, 'benchmarks-phone');

  // Stopping is confirmed first; Cancel leaves everything as it was.
  await page.getByRole('button', { name: 'Stop contributing' }).click();
  const dialog = page.getByRole('dialog', { name: 'Stop contributing to the benchmarks?' });
  await dialog.getByText('figures leave the benchmarks at once').waitFor();
  await shot(page, 'benchmarks-stop-dialog', { fullPage: false });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('region', { name: /Your contribution/ }).waitFor();
  await page.getByRole('button', { name: 'Stop contributing' }).click();
  await dialog.getByRole('button', { name: 'Stop contributing' }).click();
  await page.getByRole('status').filter({ hasText: 'no longer contributes' }).waitFor();
  const join = page.getByRole('region', { name: 'Contribute to the benchmarks' });
  await join.waitFor();
  assert.equal(await page.getByRole('heading', { level: 2, name: 'Contribute to the benchmarks' }).evaluate((el) => el === document.activeElement), true);
  assert.equal(await page.getByRole('region', { name: 'Self-assessment, overall' }).count(), 0, 'no figures once out');
  await page.getByRole('button', { name: 'Contribute our figures' }).waitFor();
  await page.context().close();
});

/** A report as the server gives it with twelve contributors: groups shown, one too close to another. */
function reportWithFigures(settings) {
  const group = (key, label, n, shown, extra = {}) => ({
    key,
    label,
    n,
    shown,
    withheld: shown ? 'shown' : 'too_few',
    withheld_reason: shown ? '' : 'Fewer than 5 organisations contribute this figure in this group, so it is not shown',
    as_of: shown ? '2026-12-03' : null,
    p25: null,
    median: null,
    p75: null,
    own_rank: null,
    ...extra,
  });
  const groups = (unit, [p25, median, p75], rank) => [
    group('all', 'All contributors', 12, true, { p25, median, p75, own_rank: rank }),
    group('sector', 'Your sector: community development', 7, true, { p25: p25 * 1.1, median: median * 1.05, p75: p75 * 1.02, own_rank: Math.max(0, rank - 10) }),
    group('region', 'Your region: South West England', 10, false, {
      withheld: 'too_close',
      withheld_reason: 'This group differs from "All contributors" by fewer than 5 organisations, so comparing the two could reveal theirs: it is not shown',
    }),
    group('size', 'Your size: medium', 3, false),
    group('peers', 'Like you: the same sector, region and size', 2, false),
  ];
  return {
    settings,
    contributors: 12,
    metrics: [
      { key: 'self_assessment', label: 'Self-assessment, overall', unit: 'score', own: 49.1, groups: groups('score', [41, 55, 68], 37.5) },
      { key: 'sroi_ratio', label: 'SROI ratio of the latest impact map', unit: 'ratio', own: 2.565, groups: groups('ratio', [1.8, 2.4, 3.6], 62.5) },
      { key: 'certification_level:svqm', label: 'Social Value Quality Mark: level held', unit: 'level', own: 1, groups: groups('level', [1, 1.5, 2], 20.8) },
      {
        key: 'certification_days:svqm',
        label: 'Social Value Quality Mark: days from starting the application to the award',
        unit: 'days',
        own: null,
        groups: groups('days', [95, 142, 210], null),
      },
    ],
  };
}

test('with enough contributors, each group shown has its median, middle half, chart and where Riverside stands', async () => {
  for (const [name, options] of [
    ['benchmarks-figures', {}],
    ['benchmarks-figures-phone', PHONE],
  ]) {
    const page = await env.newPage(options);
    await logIn(page, 'lead@riverside.example', PASSWORD);
    const settings = {
      opted_in: true,
      region: 'south_west',
      region_name: 'South West England',
      sector: 'community development',
      size_band: 'medium',
      opted_in_at: '2026-12-01T10:00:00Z',
      refreshed_at: '2026-12-03T09:30:00Z',
      may_change: true,
    };
    await page.route('**/api/v1/organisations/*/benchmarks', (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(reportWithFigures(settings)) })
        : route.fallback(),
    );
    await page.goto('/benchmarks');
    const overall = page.getByRole('region', { name: 'Self-assessment, overall' });
    const all = overall.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /All contributors/ }) });
    await all.getByText('12 organisations, figures as of 3 Dec 2026').waitFor();
    await all.getByText('55 / 100', { exact: true }).waitFor();
    await all.getByText('41 / 100 to 68 / 100').waitFor();
    await all.getByText('Lower than about 65% of the group').waitFor();
    await all
      .getByRole('img', { name: 'The middle half of the group is from 41 / 100 to 68 / 100 and its median is 55 / 100; yours is 49 / 100.' })
      .waitFor();
    await overall.getByText('2 of 5 groups shown').waitFor();
    const notShown = overall.getByRole('list', { name: 'Groups not shown' }).getByRole('listitem');
    assert.equal(await notShown.count(), 3);
    await notShown.filter({ hasText: 'Your region: South West England' }).getByText('This group differs from "All contributors" by fewer than 5 organisations').waitFor();
    await notShown.filter({ hasText: 'Your size: medium' }).getByText('3 organisations').waitFor();
    assert.equal(await page.getByText('So far').count(), 0, 'no note that nothing is shown');
    const sroi = page.getByRole('region', { name: 'SROI ratio of the latest impact map' });
    await sroi.getByText('Higher than about 65% of the group').first().waitFor();
    const days = page.getByRole('region', { name: /days from starting the application/ });
    await days.getByText('No figure of yours yet').waitFor();
    await days.getByText('142 days', { exact: true }).first().waitFor();
    await wordsOnly(page, name);
    await axe(page, name);
    if (options.viewport) await noHorizontalScroll(page, name);
    await shot(page, name);
    await page.context().close();
  }
});
