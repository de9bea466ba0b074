// Schemes for people: a visitor reads every certification scheme and one in
// full (levels, criteria by stage with their evidence, fees, rounds), and
// learns how the two forms of the Social Value Quality Mark differ; a member
// sees the rounds; the administrator compares scheme versions and publishes
// a scheme file, first with problems (shown in words), then a good one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { axe, logIn, noHorizontalScroll, setup, shot } from './helpers.mjs';

const SCHEMES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'schemes');
const svmcFile = () => JSON.parse(readFileSync(path.join(SCHEMES_DIR, 'svmc-v2.json'), 'utf8'));
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

// Never on a page: scheme ids, criterion codes, enum values, JSON paths, programmers' values.
const RAW = /\bsvmc\b|\bsvqms?\b|svqm-standards|\b(?:svmc|svqms?)\.\d|\b[a-z]+_[a-z_]+\b|\$\.|\b[a-z_]+\[\d+\]|\b(?:true|false|null|undefined|NaN)\b/;

async function wordsOnly(page, name) {
  const text = await page.getByRole('main').innerText();
  const m = RAW.exec(text);
  assert.equal(m, null, `${name}: “${m?.[0]}” is on the page: …${m ? text.slice(Math.max(0, m.index - 60), m.index + 60) : ''}…`);
}

/** The heading levels go down one at a time. */
async function headingsInOrder(page, name) {
  const levels = await page
    .getByRole('main')
    .locator('h1, h2, h3, h4')
    .evaluateAll((hs) => hs.filter((h) => h.offsetParent !== null || h.classList.contains('visually-hidden')).map((h) => Number(h.tagName[1])));
  assert.equal(levels[0], 1, `${name}: starts with an h1`);
  for (let i = 1; i < levels.length; i += 1) assert.ok(levels[i] <= levels[i - 1] + 1, `${name}: heading levels jump: ${levels.join(' ')}`);
}

let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

test('a visitor reads every scheme, how the two Quality Marks differ, and one scheme in full', async () => {
  const page = await env.newPage();
  await page.goto('/');
  const main = page.getByRole('main');
  // The front door tells the two Quality Marks apart and leads to the schemes.
  await main.getByRole('heading', { level: 3, name: 'Social Value Quality Mark (Pledges to Organisation-wide)', exact: true }).waitFor();
  await main.getByRole('heading', { level: 3, name: 'Social Value Quality Mark (Bronze to Platinum)', exact: true }).waitFor();
  await main.getByRole('link', { name: 'Every scheme, its criteria and fees' }).click();
  await page.waitForURL((url) => url.pathname === '/schemes');
  await page.getByRole('heading', { level: 1, name: 'Certification schemes' }).waitFor();
  // The header leads there too, for a visitor.
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schemes' }).getAttribute('href'), '/schemes');

  // The schemes come after the page's own heading: read them once they are there.
  await main.getByRole('heading', { level: 3, name: 'Social Value Management Certificate', exact: true }).waitFor();
  const titles = await main.getByRole('heading', { level: 3 }).allTextContents();
  assert.deepEqual(titles, [
    'Social Value Management Certificate',
    'Social Value Quality Mark (Pledges to Organisation-wide)',
    'Social Value Quality Mark (Bronze to Platinum)',
  ]);
  const forms = main.getByRole('region', { name: 'Two forms of the Social Value Quality Mark' });
  await forms.getByText(/separate schemes/).first().waitFor();
  const table = forms.getByRole('table', { name: 'How the forms of the Social Value Quality Mark differ' });
  assert.match(await table.getByRole('row', { name: /Who checks the evidence/ }).innerText(), /Level 1 \(Pledges\) is self-declared[\s\S]*every level/);
  assert.match(await table.getByRole('row', { name: /What the levels are judged on/ }).innerText(), /five at Bronze, five at Silver, seven at Gold and all nine at Platinum/);
  await wordsOnly(page, '/schemes');
  await headingsInOrder(page, '/schemes');
  await noHorizontalScroll(page, '/schemes');
  await shot(page, 'schemes');
  await axe(page, '/schemes');

  // One scheme in full.
  await main.getByRole('heading', { level: 3, name: 'Social Value Management Certificate' }).getByRole('link').click();
  await page.waitForURL((url) => url.pathname === '/schemes/svmc');
  await page.getByRole('heading', { level: 1, name: 'Social Value Management Certificate' }).waitFor();
  const level1 = main.getByRole('region', { name: 'Level 1: Commit' });
  assert.deepEqual(await level1.getByRole('heading', { level: 3 }).allTextContents(), ['Creating Capacity', 'Plan', 'Do', 'Assess', 'Revise']);
  await level1.getByText(/^A named Social Value Lead is responsible for putting social value management in place/).waitFor();
  await level1.getByText(/A role description, terms of reference or board paper naming both people/).waitFor();
  await main.getByRole('region', { name: 'Level 3: Manage' }).waitFor();
  const fees = main.getByRole('table', { name: 'Fee per level or renewal, before VAT' });
  await fees.getByRole('row', { name: 'Small £500.00' }).waitFor();
  await fees.getByRole('row', { name: 'Very large £1,250.00' }).waitFor();
  await main.getByText('24 months (two years), then it can be renewed.').waitFor();
  await main.getByRole('region', { name: 'Rounds' }).getByText(/announces its open and upcoming rounds to members/).waitFor();
  await wordsOnly(page, '/schemes/svmc');
  await headingsInOrder(page, '/schemes/svmc');
  await shot(page, 'scheme-svmc');
  await axe(page, '/schemes/svmc');

  // The four-level Quality Mark names the other form, and leads to how they differ.
  await page.goto('/schemes/svqm');
  await page.getByRole('heading', { level: 1, name: 'Social Value Quality Mark (Pledges to Organisation-wide)' }).waitFor();
  await main.getByText(/Not to be confused with/).waitFor();
  await main.getByRole('region', { name: 'Level 1: Pledges' }).getByText('Self-declared', { exact: true }).waitFor();
  await wordsOnly(page, '/schemes/svqm');
  await shot(page, 'scheme-svqm');
  await axe(page, '/schemes/svqm');
  await main.getByRole('link', { name: 'How they differ' }).click();
  await page.waitForURL((url) => url.pathname === '/schemes' && url.hash === '#forms-social-value-quality-mark');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Two forms of the Social Value Quality Mark');

  // An unknown scheme is not found.
  await page.goto('/schemes/no-such-scheme');
  await page.getByRole('heading', { level: 1, name: 'This scheme was not found' }).waitFor();
});

test('the scheme pages fit a phone', async () => {
  const page = await env.newPage(PHONE);
  for (const [url, name] of [
    ['/schemes', 'schemes-phone'],
    ['/schemes/svmc', 'scheme-svmc-phone'],
    ['/schemes/svqm-standards', 'scheme-svqm-standards-phone'],
  ]) {
    await page.goto(url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('main').locator('.panel, .card').first().waitFor();
    await noHorizontalScroll(page, url);
    await shot(page, name);
    await axe(page, `${url} on a phone`);
  }
});

test('a member sees the open and upcoming rounds on a scheme’s page', async () => {
  const page = await env.newPage();
  await logIn(page, 'lead@riverside.example', 'valuemark-demo');
  await page.goto('/schemes/svmc');
  const rounds = page.getByRole('main').getByRole('region', { name: 'Rounds' });
  await rounds.getByText('open now').waitFor();
  await rounds.getByText('upcoming').first().waitFor();
  // The organisation's certification page tells the two Quality Marks apart and links to the criteria.
  await page.goto('/');
  await page.getByRole('main').getByRole('link', { name: 'Riverside Community Trust' }).click();
  await page.getByRole('heading', { level: 1, name: 'Riverside Community Trust' }).waitFor();
  const orgPath = new URL(page.url()).pathname;
  await page.goto(`${orgPath}/certification`);
  const scheme = page.getByLabel('Scheme', { exact: true });
  await scheme.locator('option').nth(2).waitFor({ state: 'attached' });
  const options = await scheme.locator('option').allTextContents();
  assert.deepEqual(
    options.map((o) => o.replace(/, version \d+$/, '')).sort(),
    ['Social Value Management Certificate', 'Social Value Quality Mark (Bronze to Platinum)', 'Social Value Quality Mark (Pledges to Organisation-wide)'],
  );
  await scheme.selectOption({ label: 'Social Value Quality Mark (Bronze to Platinum), version 1' });
  await page.getByText(/judged against nine standards/).waitFor();
  await page.getByRole('link', { name: /Read the criteria of every level/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Social Value Quality Mark (Bronze to Platinum)' }).waitFor();
});

test('the administrator compares scheme versions and publishes a scheme file', async () => {
  const page = await env.newPage();
  await logIn(page, 'admin@valuemark.example', 'valuemark-demo');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Staff' }).click();
  await nav.getByRole('link', { name: 'Scheme versions' }).click();
  await page.waitForURL((url) => url.pathname === '/staff/schemes');
  await page.getByRole('heading', { level: 1, name: 'Scheme versions' }).waitFor();
  const main = page.getByRole('main');
  const versions = main.getByRole('table', { name: 'Published scheme versions' });
  await versions.getByRole('row').nth(3).waitFor();
  assert.equal(await versions.getByRole('row').count(), 4, 'three versions and the header');

  // One version of each scheme: nothing to compare yet.
  const compare = main.getByRole('region', { name: 'Compare two versions' });
  await compare.getByLabel('Scheme', { exact: true }).selectOption({ label: 'Social Value Management Certificate (one version)' });
  await compare.getByText(/Only one version of this scheme is published/).waitFor();
  await wordsOnly(page, '/staff/schemes');
  await axe(page, '/staff/schemes');

  // A file with problems: each is named in words, and nothing is published.
  const publish = main.getByRole('region', { name: 'Publish a new version' });
  const bad = svmcFile();
  bad.version = 3;
  bad.levels[0].name = '';
  bad.levels[0].criteria[0].text = '';
  bad.levels[1].criteria[0].stage = 'Nowhere';
  await publish.getByLabel('Scheme file').setInputFiles({ name: 'scheme.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad, null, 2)) });
  await publish.getByRole('region', { name: 'Social Value Management Certificate, version 3' }).waitFor();
  await publish.getByRole('button', { name: 'Publish version 3' }).click();
  const alert = publish.getByRole('alert');
  await alert.getByText('Version 3 was not published: the file has three problems').waitFor();
  const problems = await alert.getByRole('listitem').allTextContents();
  assert.equal(problems.length, 3, problems.join('\n'));
  assert.equal(problems[0], 'Level 1, its name: must not be empty');
  assert.equal(problems[1], 'Level 1, criterion 1, its text: must not be empty');
  assert.match(problems[2], /^Level 2 “Implement”, criterion 1 “The Social Value Lead and senior leader are active in [^”]*…”, its stage: "Nowhere" is not one of the scheme's stages$/);
  assert.equal(await publish.getByLabel('Scheme file').getAttribute('aria-invalid'), 'true');
  await wordsOnly(page, 'problems with a scheme file');
  await shot(page, 'staff-schemes-problems');
  await axe(page, '/staff/schemes with problems');

  // A version that is not above the current one is refused, in words too.
  await publish.getByLabel('Scheme file').setInputFiles({ name: 'scheme.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(svmcFile())) });
  await publish.getByRole('button', { name: 'Publish version 2' }).click();
  await alert.getByText('The version number: must be above 2, the latest version of the Social Value Management Certificate').waitFor();

  // A good file: version 3 is published, and the comparison shows what changed.
  const good = svmcFile();
  good.version = 3;
  good.fees_pence.small = 60000;
  good.levels[0].criteria[0].text = 'A named Social Value Lead puts social value management in place, and a named senior leader oversees it.';
  const removed = good.levels[0].criteria.splice(1, 1)[0];
  good.levels[0].criteria.push({ id: 'svmc.1.revise.2', stage: 'Revise', text: 'Lessons are shared with stakeholders.', evidence_guidance: 'A report back to stakeholders.' });
  await publish.getByLabel('Scheme file').setInputFiles({ name: 'scheme.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good, null, 2)) });
  const preview = publish.getByRole('region', { name: 'Social Value Management Certificate, version 3' });
  await preview.getByText('The fee for a small organisation is now £600.00 a level or renewal, instead of £500.00.').waitFor();
  await publish.getByRole('button', { name: 'Publish version 3' }).click();
  await publish.getByText('Version 3 of the Social Value Management Certificate is published. New applications start on it.').waitFor();
  assert.equal(await publish.getByRole('alert').count(), 0);
  await versions.getByRole('row').nth(4).waitFor();
  await versions.getByRole('row').filter({ hasText: 'Social Value Management Certificate, version 3' }).getByText('Current', { exact: true }).waitFor();
  await versions.getByRole('row').filter({ hasText: 'Social Value Management Certificate, version 2' }).getByText('Earlier', { exact: true }).waitFor();

  assert.equal(await compare.getByLabel('From version').inputValue(), '2');
  assert.equal(await compare.getByLabel('To version').inputValue(), '3');
  await compare.getByRole('button', { name: 'Compare' }).click();
  const result = compare.getByRole('region', { name: 'What changed from version 2 to version 3' });
  await result.getByText('The fee for a small organisation is now £600.00 a level or renewal, instead of £500.00.').waitFor();
  const level1 = await result.innerText();
  assert.match(level1, /Level 1: Commit/);
  assert.match(level1, /A criterion in Creating Capacity was reworded\./);
  assert.ok(level1.includes(`Criterion removed from Creating Capacity: “${removed.text.slice(0, 40)}`), level1);
  assert.match(level1, /New criterion in Revise: “Lessons are shared with stakeholders\.”/);
  await result.locator('del', { hasText: 'A named Social Value Lead is responsible for putting' }).waitFor();
  await result.locator('ins', { hasText: 'A named Social Value Lead puts social value management in place' }).waitFor();
  await wordsOnly(page, 'a comparison of versions');
  await headingsInOrder(page, '/staff/schemes');
  await shot(page, 'staff-schemes');
  await axe(page, '/staff/schemes after publishing');

  // On a phone, the same page fits.
  const phone = await env.newPage(PHONE);
  await logIn(phone, 'admin@valuemark.example', 'valuemark-demo');
  await phone.goto('/staff/schemes');
  await phone.getByRole('table', { name: 'Published scheme versions' }).getByRole('row').nth(4).waitFor();
  await phone.getByRole('main').getByRole('button', { name: 'Compare' }).click();
  await phone.getByRole('region', { name: 'What changed from version 2 to version 3' }).waitFor();
  await noHorizontalScroll(phone, '/staff/schemes on a phone');
  await shot(phone, 'staff-schemes-phone');
  await axe(phone, '/staff/schemes on a phone');

  // Applicants now read version 3; version 2 is kept and says so.
  const visitor = await env.newPage();
  await visitor.goto('/schemes/svmc');
  await visitor.getByText(/^Version 3 ·/).waitFor();
  await visitor.getByText('Lessons are shared with stakeholders.').waitFor();
  await visitor.goto('/schemes/svmc?version=2');
  await visitor.getByText(/This is version 2, kept for the applications that started on it/).waitFor();
});
