// The certification pathway in a browser, every role on the demo data:
// Riverside's Lead completes SVMC level 1 and signs off, the Senior Leader
// signs off, the Lead submits into the open round; the administrator
// allocates the assessor; the assessor judges every criterion and recommends;
// the administrator confirms the award; anyone then finds it in the public
// register and verifies the certificate. On the way the assessor asks about
// a criterion, the Lead answers, and after the resubmission the assessor
// sees what changed on it and the timeline.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SCREENSHOTS, axe, logIn, setup, shot } from './helpers.mjs';
import { BIN } from './server.mjs';


const PASSWORD = 'valuemark-demo';

/** Evidence as a link for a criterion, named as people read it: "Do, criterion 1". */
async function addLink(page, criterion, title) {
  const form = page.getByRole('form', { name: `Add evidence for ${criterion}`, exact: true });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Web address').fill(`https://riverside.example/docs/${encodeURIComponent(title)}`);
  await form.getByRole('button', { name: `Add evidence for ${criterion}`, exact: true }).click();
  await page.getByRole('link', { name: title }).waitFor();
}

async function stateIs(page, label) {
  try {
    await page.locator('.page-head').getByText(label, { exact: true }).waitFor();
  } catch (e) {
    const alert = await page.locator('.alert--error').allTextContents();
    throw new Error(`state is not "${label}": ${alert.join(' | ')}\n${e.message}`);
  }
}

/** Signs the declaration in the sign-off dialog with the password. */
async function signDeclaration(page, role, password = PASSWORD) {
  await page.getByRole('button', { name: `Sign off as ${role}` }).click();
  const dialog = page.getByRole('dialog', { name: `Sign off the evidence as ${role}` });
  await dialog.getByText(/I declare that I have read the evidence/).waitFor();
  await dialog.getByLabel('Your password').fill(password);
  await dialog.getByRole('button', { name: 'Sign the declaration' }).click();
  return dialog;
}

/**
 * Both representatives sign off with the declaration: the Lead on `lead`
 * (a wrong password first, refused beside the field), the Senior Leader from
 * the task inbox on their home page, in a page of their own.
 */
async function signOffBoth(lead, chair, url, { first = false } = {}) {
  if (first) {
    const dialog = await signDeclaration(lead, 'Lead', 'not my password');
    await dialog.getByText('is not your password: enter the one you sign in with').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }
  await signDeclaration(lead, 'Lead');
  await lead.getByText(/signed by Priya Shah/).waitFor();
  if (first) {
    await chair.goto('/');
    const inbox = chair.getByRole('region', { name: /Waiting for you/ });
    await inbox.getByRole('link', { name: 'Sign off the evidence' }).first().click();
    await chair.waitForURL((u) => u.pathname === url);
  } else {
    await chair.goto(url);
  }
  await signDeclaration(chair, 'Senior leader');
  await chair.getByText(/signed by Tom Okafor/).waitFor();
  await lead.reload();
}

/**
 * The assessor's verdict on each criterion, by its name ("Revise, criterion 1"):
 * met unless `verdicts` says otherwise. Returns the names.
 */
async function judge(assessor, verdicts = {}) {
  await assessor.getByRole('heading', { level: 2, name: 'Your review' }).waitFor();
  await assessor.getByRole('article').first().waitFor();
  const criteria = await assessor.getByRole('article').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  for (const name of criteria) {
    const [verdict, feedback] = verdicts[name] ?? ['met', ''];
    await assessor.getByLabel(`Verdict on ${name}`, { exact: true }).selectOption(verdict);
    await assessor.getByLabel(`Feedback on ${name}`, { exact: true }).fill(feedback);
    await assessor.getByRole('button', { name: `Save verdict on ${name}`, exact: true }).click();
    await assessor.getByRole('status').filter({ hasText: `Verdict on ${name} saved` }).waitFor();
  }
  return criteria;
}
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
  await lead.getByRole('link', { name: 'Certification', exact: true }).click();
  await lead.getByRole('heading', { level: 1, name: 'Riverside Community Trust: certification' }).waitFor();
  await shot(lead, 'certification');
  await axe(lead, 'certification page');
  await lead.getByRole('link', { name: /Social Value Management Certificate · level 1/ }).click();
  await lead.getByRole('heading', { level: 1, name: 'Level 1: Commit' }).waitFor();
  const applicationUrl = new URL(lead.url()).pathname;
  // While evidence and sign-offs are missing, Submit says why instead of failing.
  assert.equal(await lead.getByRole('button', { name: 'Submit the application' }).isDisabled(), true);
  await lead.getByText('It can be submitted once everything under “Where it stands” is done.').waitFor();

  // Evidence for the four criteria still without any; both sign off; submit.
  // Each criterion is named by its stage and place, never by its code.
  await lead.getByRole('article', { name: 'Creating Capacity, criterion 1', exact: true }).getByText(/named Social Value Lead/).waitFor();
  for (const name of ['Do, criterion 1', 'Do, criterion 2', 'Assess, criterion 1', 'Revise, criterion 1']) {
    await lead.getByRole('article', { name, exact: true }).getByText('No evidence yet').waitFor();
    await lead.locator('.eligibility').getByText(`${name} has no evidence yet`).waitFor();
  }
  assert.equal(await lead.getByText(/svmc\.\d/).count(), 0, 'a criterion code on the application page');
  for (const name of ['Do, criterion 1', 'Do, criterion 2', 'Assess, criterion 1', 'Revise, criterion 1']) await addLink(lead, name, `Plan section for ${name}`);
  await shot(lead, 'application-draft');
  await axe(lead, 'application (draft)');
  const chair = await env.newPage();
  await logIn(chair, 'chair@riverside.example', PASSWORD);
  await signOffBoth(lead, chair, applicationUrl, { first: true });
  await lead.getByRole('button', { name: 'Submit the application' }).click();
  await stateIs(lead, 'Submitted');

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
  await stateIs(admin, 'In review');

  // The assessor asks for one amendment.
  const assessor = await env.newPage();
  await logIn(assessor, 'assessor@valuemark.example', PASSWORD);
  await assessor.goto('/staff/applications');
  await assessor.getByRole('row', { name: /Social Value Management Certificate/ }).getByRole('link').click();
  const criteria = await judge(assessor, { 'Revise, criterion 1': ['amendment_needed', 'Show who takes the decisions and when.'] });
  assert.equal(criteria.length, 8, 'SVMC level 1 has eight criteria');
  await shot(assessor, 'review');
  await axe(assessor, 'application (review)');
  // The assessor asks about the criterion in its conversation; the Lead answers there.
  const revise = (page) => page.getByRole('article', { name: 'Revise, criterion 1', exact: true });
  await revise(assessor).getByRole('button', { name: 'Ask the organisation a question about Revise, criterion 1' }).click();
  await revise(assessor).getByLabel('Ask the organisation about Revise, criterion 1').fill('Who chairs the review, and how often does it meet?');
  await revise(assessor).getByRole('button', { name: 'Send the message about Revise, criterion 1' }).click();
  await revise(assessor).getByText('Who chairs the review, and how often does it meet?').waitFor();
  await assessor.getByRole('button', { name: 'Ask for amendments' }).click();
  await stateIs(assessor, 'Amendments requested');

  // The Lead answers, amends, both sign off again, and the Lead resubmits.
  await lead.reload();
  await lead.getByText('Show who takes the decisions and when.').waitFor();
  await revise(lead).getByText('Who chairs the review, and how often does it meet?').waitFor();
  await revise(lead).getByRole('button', { name: 'Reply about Revise, criterion 1' }).click();
  await revise(lead).getByLabel('Write to the assessor about Revise, criterion 1').fill('Our chair, every quarter: the minute is added below.');
  await revise(lead).getByRole('button', { name: 'Send the message about Revise, criterion 1' }).click();
  await revise(lead).getByText('Our chair, every quarter: the minute is added below.').waitFor();
  await shot(lead, 'conversation');
  await addLink(lead, 'Revise, criterion 1', 'Decision-making cycle and who decides');
  await signOffBoth(lead, chair, applicationUrl);
  await lead.getByRole('button', { name: 'Resubmit with the amendments' }).click();
  await stateIs(lead, 'In review');

  // The assessor sees what changed on the criterion, the answer, and the timeline.
  await assessor.reload();
  await revise(assessor).getByText('Added: Decision-making cycle and who decides').waitFor();
  await revise(assessor).getByText('Our chair, every quarter: the minute is added below.').waitFor();
  const timeline = assessor.getByRole('region', { name: 'Timeline' });
  for (const step of ['Submitted', 'Assessor allocated', 'Amendments requested', 'Resubmitted with the amendments']) await timeline.getByText(step, { exact: true }).first().waitFor();
  await shot(assessor, 'resubmission');
  await revise(assessor).screenshot({ path: path.join(SCREENSHOTS, 'resubmission-criterion.png') });
  await axe(assessor, 'application (resubmitted)');

  // Now every criterion is met; the assessor recommends.
  await judge(assessor);
  await assessor.getByLabel('Summary of your recommendation').fill('Every criterion is met with a clear, endorsed plan.');
  await assessor.getByRole('button', { name: 'Recommend the award' }).click();
  await stateIs(assessor, 'Recommended for award');

  // The administrator confirms; the certificate's verification page says it is valid.
  await admin.reload();
  await admin.getByRole('button', { name: 'Confirm the award…' }).click();
  const confirm = admin.getByRole('dialog', { name: /^Award Social Value Management Certificate level 1/ });
  await confirm.getByText(/An award cannot be undone/).waitFor();
  await shot(admin, 'award-dialog');
  await confirm.getByRole('button', { name: 'Award and issue the certificate' }).click();
  const certificateLink = admin.getByRole('link', { name: 'Its verification page' });
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

  // With level 1 held, the Lead may start level 2 (Implement).
  await lead.getByRole('link', { name: 'Riverside Community Trust: certification' }).click();
  await lead.getByLabel('Scheme').selectOption({ label: 'Social Value Management Certificate, version 2' });
  await lead.getByLabel('Level').selectOption('2');
  await lead.getByText('Eligible: nothing stands in the way.').waitFor();
  await lead.getByRole('button', { name: 'Start application' }).click();
  await lead.getByRole('heading', { level: 1, name: 'Level 2: Implement' }).waitFor();
});

test('SVQM Forecast: evidence, sign-off, recommendation and the scheme owner\'s confirmation', async () => {
  const lead = await env.newPage();
  await logIn(lead, 'lead@riverside.example', PASSWORD);
  await lead.getByRole('link', { name: 'Riverside Community Trust' }).first().click();
  await lead.getByRole('link', { name: 'Certification', exact: true }).click();
  // Pledges (level 1) is held from the demo data, so Forecast (level 2) is next.
  await lead.getByLabel('Scheme').selectOption({ label: 'Social Value Quality Mark (Pledges to Organisation-wide), version 1' });
  await lead.getByLabel('Level').selectOption('2');
  await lead.getByText('Eligible: nothing stands in the way.').waitFor();
  await lead.getByRole('button', { name: 'Start application' }).click();
  await lead.getByRole('heading', { level: 1, name: 'Level 2: Forecast' }).waitFor();
  const url = new URL(lead.url()).pathname;
  // The terms are read whole before they are accepted, and the version accepted is kept.
  await lead.getByRole('button', { name: 'Read and accept the terms and conditions' }).click();
  const terms = lead.getByRole('dialog', { name: 'Social Value Quality Mark: terms and conditions, version 1' });
  await terms.getByText(/^7\. Appeals\. The organisation may appeal/).waitFor();
  await shot(lead, 'terms-dialog');
  await axe(lead, 'terms and conditions');
  await terms.getByRole('button', { name: 'Accept these terms' }).click();
  await terms.waitFor({ state: 'detached' });
  await lead.getByText(/conditions: accepted by Priya Shah on /).waitFor();
  await lead.getByRole('button', { name: 'Read the terms accepted' }).waitFor();
  await addLink(lead, 'Stakeholders, criterion 1', 'Stakeholder consultation notes');
  // A record on the platform as evidence.
  const form = lead.getByRole('form', { name: 'Add evidence for Measurement, criterion 1', exact: true });
  await form.getByLabel('Kind').selectOption('record');
  await form.getByLabel('Record', { exact: true }).selectOption('impact_map');
  // Chosen from the organisation's own impact maps, shown by title with a link.
  await form.getByLabel('Which impact map').selectOption({ label: 'Friday Lunch Club forecast 2026' });
  await form.getByRole('button', { name: 'Add evidence for Measurement, criterion 1', exact: true }).click();
  await lead.getByRole('link', { name: 'Friday Lunch Club forecast 2026' }).waitFor();
  // A file, judged by its content: an executable named .pdf is refused, a PDF accepted.
  const upload = lead.getByRole('form', { name: 'Add evidence for Reporting, criterion 1', exact: true });
  await upload.getByLabel('Kind').selectOption('file');
  await upload.getByLabel('Title').fill('Forecast report');
  await upload.getByLabel('File').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not really a pdf') });
  await upload.getByRole('button', { name: 'Add evidence for Reporting, criterion 1', exact: true }).click();
  await upload.getByText(/not an accepted kind of file/).waitFor();
  await upload.getByLabel('File').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% forecast\n%%EOF\n') });
  await upload.getByRole('button', { name: 'Add evidence for Reporting, criterion 1', exact: true }).click();
  await lead.getByRole('link', { name: /^Forecast report \(1 KB\)$/ }).waitFor();
  const chair = await env.newPage();
  await logIn(chair, 'chair@riverside.example', PASSWORD);
  await signOffBoth(lead, chair, url);
  await lead.getByRole('button', { name: 'Submit the application' }).click();
  await stateIs(lead, 'Submitted');

  const admin = await env.newPage();
  await logIn(admin, 'admin@valuemark.example', PASSWORD);
  await admin.goto(url);
  await admin.getByLabel('Assessor').selectOption({ label: 'Sam Reid (assessor@valuemark.example)' });
  await admin.getByRole('button', { name: 'Allocate' }).click();
  await stateIs(admin, 'In review');

  const assessor = await env.newPage();
  await logIn(assessor, 'assessor@valuemark.example', PASSWORD);
  await assessor.goto(url);
  // The pre-audit: evidence completeness per criterion before judging.
  const preAudit = assessor.getByRole('region', { name: 'Pre-audit' });
  await preAudit.getByText(/criteria have evidence/).waitFor();
  // The forecast map given as evidence, with its principles check, in words.
  const mapChecks = preAudit.getByRole('group', { name: 'Principles check of the impact maps given as evidence' });
  await mapChecks.getByText(/Friday Lunch Club forecast 2026 \(version \d+\)/).waitFor();
  assert.equal(await preAudit.getByText(/svqm\.\d/).count(), 0, 'a criterion id in the pre-audit');
  await judge(assessor);
  await assessor.getByLabel('Summary of your recommendation').fill('The forecast is sound: award in principle.');
  await assessor.getByRole('button', { name: 'Recommend the award' }).click();
  await stateIs(assessor, 'Recommended for award');

  await admin.reload();
  await admin.getByRole('button', { name: 'Confirm the award…' }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Award and issue the certificate' }).click();
  await stateIs(admin, 'Awarded');
  const applicationPage = admin.url();
  const pdfHref = await admin.getByRole('link', { name: 'The certificate as a PDF' }).first().getAttribute('href');
  const certificateId = decodeURIComponent(pdfHref.match(/certificates\/([^/]+)\.pdf$/)[1]);
  await admin.getByRole('link', { name: 'Its verification page' }).click();
  await admin.getByRole('heading', { level: 2, name: 'Valid certificate' }).waitFor();
  await admin.getByText('Social Value Quality Mark (version 1), level 2: Forecast').waitFor();
  const verifyPage = admin.url();

  // After the award: the administrator suspends, reinstates and revokes it,
  // and the verification page and `valuemark verify --online` say so in turn.
  const visitor = await env.newPage();
  const work = mkdtempSync(path.join(tmpdir(), 'vm-verify-'));
  writeFileSync(path.join(work, 'cert.json'), await (await fetch(`${env.base}/api/v1/certificates/${certificateId}`)).text());
  writeFileSync(path.join(work, 'keys.json'), await (await fetch(`${env.base}/api/v1/keys/certificates`)).text());
  const cli = () => {
    const r = spawnSync(BIN, ['verify', path.join(work, 'cert.json'), '--trust', path.join(work, 'keys.json'), '--status-url', `${env.base}/api/v1/certificates/revocations`], { encoding: 'utf8' });
    return { status: r.status, out: r.stdout + r.stderr };
  };
  assert.equal(cli().status, 0, cli().out);
  assert.match(cli().out, /^status: current/m);

  async function decide(button, reason, confirmLabel) {
    await admin.goto(applicationPage);
    await admin.getByRole('button', { name: button }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('button', { name: confirmLabel }).click();
    await dialog.getByRole('alert').getByText(/Write the/).waitFor(); // no reason, no decision
    await dialog.getByRole('textbox').fill(reason);
    await dialog.getByRole('button', { name: confirmLabel }).click();
    await dialog.waitFor({ state: 'detached' });
  }
  await decide('Suspend…', 'A complaint about the forecast is being investigated.', 'Suspend the certificate');
  await admin.locator('#certificate-title').locator('..').getByText('Suspended', { exact: true }).waitFor();
  await shot(admin, 'certificate-suspended');
  await visitor.goto(verifyPage);
  await visitor.getByRole('heading', { level: 2, name: 'Suspended certificate' }).waitFor();
  await visitor.getByText('A complaint about the forecast is being investigated.').first().waitFor();
  await shot(visitor, 'verify-suspended');
  await axe(visitor, 'suspended verification');
  assert.equal(cli().status, 1, cli().out);
  assert.match(cli().out, /^status: suspended on .*: A complaint about the forecast/m);

  await decide('Reinstate…', 'The complaint was not upheld.', 'Reinstate');
  await visitor.goto(verifyPage);
  await visitor.getByRole('heading', { level: 2, name: 'Valid certificate' }).waitFor();
  assert.equal(cli().status, 0, cli().out);

  await decide('Revoke…', 'The forecast was found to rest on invented figures.', 'Revoke for good');
  await admin.locator('#certificate-title').locator('..').getByText('Revoked', { exact: true }).waitFor();
  assert.equal(await admin.getByRole('button', { name: /^(Suspend|Reinstate|Revoke)…$/ }).count(), 0);
  await visitor.goto(verifyPage);
  await visitor.getByRole('heading', { level: 2, name: 'Revoked certificate' }).waitFor();
  assert.equal(cli().status, 1, cli().out);
  assert.match(cli().out, /^status: revoked on /m);
  // The public register no longer lists it.
  await visitor.goto('/register');
  await visitor.getByRole('button', { name: 'Search' }).click();
  await visitor.waitForLoadState('networkidle');
  assert.equal(await visitor.getByRole('link', { name: /Social Value Quality Mark, level 2/ }).count(), 0);
});
