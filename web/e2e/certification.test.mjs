// The certification pathway in a browser, every role on the demo data:
// Riverside's Lead completes SVMC level 1 and signs off, the Senior Leader
// signs off, the Lead submits into the open round; the administrator
// allocates the assessor; the assessor judges every criterion and recommends;
// the administrator confirms the award; anyone then finds it in the public
// register and verifies the certificate.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import AxeBuilderModule from '@axe-core/playwright';
import { logIn, setup, shot } from './helpers.mjs';

const AxeBuilder = AxeBuilderModule.default ?? AxeBuilderModule;

/** No serious or critical axe violations on the page as it stands. */
async function axe(page, name) {
  await page.waitForLoadState('networkidle');
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const detail = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  assert.equal(bad.length, 0, `${name}: ${bad.length} serious or critical violations\n${detail}`);
}

const PASSWORD = 'valuemark-demo';
let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

test('SVMC level 1 from evidence to a verified certificate', async () => {
  // The Lead opens the organisation's certification page and the draft.
  const lead = await env.newPage();
  await logIn(lead, 'lead@riverside.example', PASSWORD);
  await lead.getByRole('link', { name: 'Riverside Community Trust' }).first().click();
  await lead.getByRole('link', { name: 'Certification' }).click();
  await lead.getByRole('heading', { level: 1, name: 'Riverside Community Trust: certification' }).waitFor();
  await shot(lead, 'certification');
  await axe(lead, 'certification page');
  await lead.getByRole('link', { name: /Social Value Management Certificate · level 1/ }).click();
  await lead.getByRole('heading', { level: 1, name: 'Level 1: Commit' }).waitFor();
  const applicationUrl = new URL(lead.url()).pathname;

  // Evidence for the four criteria still without any.
  for (const id of ['svmc.1.do.1', 'svmc.1.do.2', 'svmc.1.assess.1', 'svmc.1.revise.1']) {
    const form = lead.getByRole('form', { name: `Add evidence for ${id}` });
    await form.getByLabel('Title').fill(`Plan section for ${id}`);
    await form.getByLabel('Web address').fill(`https://riverside.example/plan#${id}`);
    await form.getByRole('button', { name: `Add evidence for ${id}` }).click();
    await lead.getByRole('link', { name: `Plan section for ${id}` }).waitFor();
  }
  await lead.getByRole('button', { name: 'Sign off as Lead' }).click();
  await lead.getByText(/signed by Priya Shah/).waitFor();
  await shot(lead, 'application-draft');
  await axe(lead, 'application (draft)');

  // The Senior Leader signs off in a browser of their own.
  const chair = await env.newPage();
  await logIn(chair, 'chair@riverside.example', PASSWORD);
  await chair.goto(applicationUrl);
  await chair.getByRole('button', { name: 'Sign off as Senior leader' }).click();
  await chair.getByText(/signed by Tom Okafor/).waitFor();

  // The Lead submits into the open round.
  await lead.reload();
  await lead.getByRole('button', { name: 'Submit the application' }).click();
  await lead.locator('.page-head').getByText('Submitted', { exact: true }).waitFor();

  // The administrator allocates the assessor from the review queue.
  const admin = await env.newPage();
  await logIn(admin, 'admin@valuemark.example', PASSWORD);
  await admin.goto('/staff/applications');
  await admin.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
  await shot(admin, 'review-queue');
  await axe(admin, 'review queue');
  await admin.getByRole('row', { name: /Social Value Management Certificate/ }).getByRole('link').click();
  await admin.getByLabel('Assessor').selectOption({ label: 'Sam Reid (assessor@valuemark.example)' });
  await admin.getByRole('button', { name: 'Allocate' }).click();
  await admin.locator('.page-head').getByText('In review', { exact: true }).waitFor();

  // The assessor judges every criterion and recommends the award.
  const assessor = await env.newPage();
  await logIn(assessor, 'assessor@valuemark.example', PASSWORD);
  await assessor.goto('/staff/applications');
  await assessor.getByRole('row', { name: /Social Value Management Certificate/ }).getByRole('link').click();
  const criteria = await assessor.locator('article.criterion').evaluateAll((els) => els.map((e) => e.dataset.criterion));
  assert.equal(criteria.length, 8, 'SVMC level 1 has eight criteria');
  for (const id of criteria) {
    await assessor.getByRole('button', { name: `Save verdict on ${id}` }).click();
    await assessor.locator(`article[data-criterion="${id}"] .review`).getByText('Met', { exact: true }).waitFor();
  }
  await shot(assessor, 'review');
  await axe(assessor, 'application (review)');
  await assessor.getByLabel('Summary of your recommendation').fill('Every criterion is met with a clear, endorsed plan.');
  await assessor.getByRole('button', { name: 'Recommend the award' }).click();
  await assessor.locator('.page-head').getByText('Recommended for award', { exact: true }).waitFor();

  // The administrator confirms; the certificate's verification page says it is valid.
  await admin.reload();
  await admin.getByRole('button', { name: 'Confirm the award' }).click();
  const certificateLink = admin.getByRole('link', { name: /^Certificate VM-/ });
  await certificateLink.waitFor();
  await certificateLink.click();
  await admin.getByRole('heading', { level: 2, name: 'Valid certificate' }).waitFor();
  await shot(admin, 'verify');
  await axe(admin, 'verification');

  // Anyone, signed out, finds the award in the public register and verifies it.
  const visitor = await env.newPage();
  await visitor.goto('/register');
  await visitor.getByRole('heading', { level: 1, name: 'Register of certified organisations' }).waitFor();
  await visitor.getByLabel('Scheme').selectOption({ label: 'Social Value Management Certificate' });
  await visitor.getByRole('button', { name: 'Search' }).click();
  const award = visitor.getByRole('link', { name: 'Social Value Management Certificate, level 1 (Commit)' });
  await award.waitFor();
  await shot(visitor, 'register');
  await axe(visitor, 'register');
  await award.click();
  await visitor.getByRole('heading', { level: 2, name: 'Valid certificate' }).waitFor();
  await visitor.getByText('Riverside Community Trust').first().waitFor();
});
