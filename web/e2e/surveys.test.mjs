// Surveys: the lead designs a survey, a respondent answers on a phone without
// an account, and the lead sees the results, excludes a response and applies
// the results to an impact map.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import AxeBuilderModule from '@axe-core/playwright';
import { createOrganisation, person, setup, shot, signUp } from './helpers.mjs';

const AxeBuilder = AxeBuilderModule.default ?? AxeBuilderModule;
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

test('a respondent answers on a phone and the lead sees the results', async () => {
  const lead = await env.newPage();
  await signUp(lead, person('Lead'));
  await lead.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
  const org = await createOrganisation(lead, { name: 'Riverside Lunch Club' });
  await lead.getByRole('link', { name: 'Surveys', exact: true }).click();
  await lead.getByRole('heading', { level: 1, name: 'Surveys' }).waitFor();
  await lead.getByRole('button', { name: 'New survey' }).click();
  await lead.getByLabel('Survey title').fill('What has changed for you?');
  await lead.getByLabel('Outcome 1', { exact: true }).fill('Members feel less lonely');
  await lead.getByLabel('Stakeholders it concerns (number)').fill('200');
  await lead.getByLabel('Question 1 text').fill('How lonely did you feel before the club, and now?');
  await lead.getByRole('button', { name: 'Add a question' }).click();
  await lead.getByLabel('Question 2 type').selectOption('deadweight');
  await lead.getByLabel('Question 2 outcome').selectOption({ label: 'Members feel less lonely' });
  await lead.getByLabel('Question 2 text').fill('Without the club, how much of this would have happened anyway?');
  await lead.getByRole('button', { name: 'Add a question' }).click();
  await lead.getByLabel('Question 3 type').selectOption('text');
  await lead.getByLabel('Question 3 text').fill('Anything else you would like to tell us?');
  // Questions move up and down, their settings with them.
  await lead.getByRole('button', { name: 'Move question 3 up' }).click();
  assert.equal(await lead.getByLabel('Question 2 text').inputValue(), 'Anything else you would like to tell us?');
  assert.equal(await lead.getByLabel('Question 3 type').inputValue(), 'deadweight');
  assert.ok(await lead.getByRole('button', { name: 'Move question 1 up' }).isDisabled());
  await lead.getByRole('button', { name: 'Move question 2 down' }).click();
  assert.equal(await lead.getByLabel('Question 3 text').inputValue(), 'Anything else you would like to tell us?');
  // A follow-up asked only on one answer of a choice question, with help under it.
  await lead.getByRole('button', { name: 'Add a question' }).click();
  await lead.getByLabel('Question 4 type').selectOption('single_choice');
  await lead.getByLabel('Question 4 text').fill('Did you come to the Friday lunches?');
  await lead.getByLabel('Question 4 starts a section titled (optional)').fill('The Friday lunches');
  await lead.getByLabel('Question 4 options (one a line)').fill('Yes\nNo');
  await lead.getByRole('button', { name: 'Add a question' }).click();
  await lead.getByLabel('Question 5 type').selectOption('text');
  await lead.getByLabel('Question 5 text').fill('What did you like about them?');
  await lead.getByLabel('Question 5 help (optional, shown under the question)').fill('A sentence is enough.');
  await lead.getByLabel('Ask question 5').selectOption({ label: 'Only when question 4 is “Yes”' });
  // The question bank: the ONS life-satisfaction question, with its source.
  await lead.getByRole('button', { name: 'Add from the question bank…' }).click();
  const bank = lead.getByRole('dialog', { name: 'Question bank' });
  await bank.getByText('Office for National Statistics, Personal well-being user guidance', { exact: false }).waitFor();
  await bank.getByRole('button', { name: 'Add “Overall, how satisfied are you with your life nowadays?”' }).click();
  await bank.getByText('Added as question 6', { exact: false }).waitFor();
  await shot(lead, 'survey-question-bank', { fullPage: false });
  await bank.getByRole('button', { name: 'Done' }).click();
  assert.equal(await lead.getByLabel('Question 6 text').inputValue(), 'Overall, how satisfied are you with your life nowadays?');
  assert.equal(await lead.getByLabel('Question 6 type').inputValue(), 'scale');
  await shot(lead, 'survey-designer');
  await lead.getByRole('button', { name: 'Save as a draft' }).click();
  await lead.getByRole('heading', { level: 1, name: 'What has changed for you?' }).waitFor();
  await lead.getByText('A draft: only your team can see it', { exact: false }).waitFor();
  const link = await lead.locator('.survey-link a').getAttribute('href');
  assert.match(link, /^\/s\/[A-Za-z0-9_-]{32}$/);
  // No answers yet: what to do to get some, not charts of zeros; the way to the link.
  await lead.getByText('No answers yet', { exact: true }).waitFor();
  assert.equal(await lead.locator('.survey-bars, .survey-figures').count(), 0);
  await shot(lead, 'survey-no-answers');
  await lead.getByRole('link', { name: 'Share the link' }).click();
  assert.equal(await lead.evaluate(() => document.activeElement?.id), 'survey-share');

  // The draft's link says so, and shows no questions.
  const early = await env.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await early.goto(link);
  await early.getByText('This survey is still being prepared and does not take answers yet.').waitFor();
  assert.equal(await early.getByRole('button', { name: 'Send my answers' }).count(), 0);
  await early.close();

  // The preview: the form as a respondent will see it on a phone; nothing is sent.
  await lead.getByRole('link', { name: 'Preview' }).click();
  await lead.getByRole('heading', { level: 1, name: 'Preview' }).waitFor();
  const preview = lead.getByTestId('survey-preview');
  assert.ok((await preview.boundingBox()).width <= 390, 'the preview starts at a phone’s width');
  await preview.getByText('How lonely did you feel before the club, and now?').waitFor();
  await preview.getByText('Section 1 of 2', { exact: false }).waitFor();
  await preview.getByRole('button', { name: 'Next' }).click();
  await preview.getByText('Answer this question to go on.').waitFor();
  await preview.getByRole('group', { name: 'Before (0 to 10)' }).getByLabel('3', { exact: true }).check();
  await preview.getByRole('group', { name: 'Now (0 to 10)' }).getByLabel('8', { exact: true }).check();
  await preview.getByRole('button', { name: 'Next' }).click();
  await preview.getByRole('heading', { name: 'The Friday lunches' }).waitFor();
  await preview.getByRole('button', { name: 'Send my answers' }).click();
  await preview.getByText('This is a preview: the answers were not sent anywhere.').waitFor();
  await shot(lead, 'survey-preview');
  await lead.getByLabel('Desktop').check();
  assert.ok((await preview.boundingBox()).width > 600);
  await lead.getByRole('link', { name: 'What has changed for you?' }).click();

  // Published: the link takes answers.
  await lead.getByRole('button', { name: 'Publish…' }).click();
  await lead.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
  await lead.getByText('Published: anyone with its link can answer', { exact: false }).waitFor();

  // The link to print, with a QR code that is the server's image of the link.
  await lead.getByRole('link', { name: 'Print the link with its QR code' }).click();
  await lead.getByRole('heading', { level: 1, name: 'What has changed for you?' }).waitFor();
  const qr = lead.getByRole('img', { name: /^QR code of the survey’s link/ });
  await qr.waitFor();
  await lead.waitForFunction((img) => img.complete && img.naturalWidth > 0, await qr.elementHandle());
  await lead.getByText(link).waitFor();
  await lead.getByText('Scan the code with a phone’s camera, or type this address:').waitFor();
  await shot(lead, 'survey-print');
  await lead.getByRole('link', { name: 'Back to the survey' }).click();

  // The respondent: a phone, no account.
  const phone = await env.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await phone.goto(link);
  await phone.getByRole('heading', { level: 1, name: 'What has changed for you?' }).waitFor();
  const axe = await new AxeBuilder({ page: phone }).analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(bad.length, 0, bad.map((v) => `${v.id}: ${v.help}`).join('\n'));
  const { scrollWidth, clientWidth } = await phone.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= clientWidth, `the survey is ${scrollWidth}px wide on a ${clientWidth}px phone`);
  // One section a screen: the required question is marked where it is, and focus moves to it.
  await phone.getByText('Section 1 of 2 · 0 of 5 questions answered').waitFor();
  await phone.getByRole('button', { name: 'Next' }).click();
  const lonely = phone.getByRole('group', { name: /How lonely did you feel before the club/ });
  await lonely.getByText('Answer this question to go on.').waitFor();
  assert.match(await phone.evaluate(() => document.activeElement?.closest('fieldset.survey-question')?.querySelector('legend')?.textContent ?? ''), /How lonely/);
  await shot(phone, 'survey-phone-problem');
  const before = phone.getByRole('group', { name: 'Before (0 to 10)' });
  await before.getByLabel('3', { exact: true }).check();
  await phone.getByRole('group', { name: 'Now (0 to 10)' }).getByLabel('8', { exact: true }).check();
  // The scale fits one row on the phone, with what its ends mean under it.
  const zero = await before.getByText('0', { exact: true }).boundingBox();
  const ten = await before.getByText('10', { exact: true }).boundingBox();
  assert.ok(Math.abs(zero.y - ten.y) < 2, `0 is at y=${zero.y}, 10 at y=${ten.y}`);
  const low = await before.getByText('0 = Not at all').boundingBox();
  const high = await before.getByText('10 = Completely').boundingBox();
  assert.ok(low.y > zero.y + zero.height - 1 && Math.abs(low.y - high.y) < 2 && low.x < high.x, 'the ends are under the row, 0 on the left');
  await phone.getByLabel('A little (about a quarter)').check();
  await phone.getByLabel('Anything else you would like to tell us?').fill('The Friday lunches got me out of the house.');
  // Kept on the device: a reload loses nothing.
  await phone.reload();
  assert.equal(await phone.getByLabel('Anything else you would like to tell us?').inputValue(), 'The Friday lunches got me out of the house.');
  await phone.getByRole('button', { name: 'Next' }).click();
  await phone.getByRole('heading', { level: 2, name: 'The Friday lunches' }).waitFor();
  await phone.getByText('Section 2 of 2: The Friday lunches', { exact: false }).waitFor();
  // The follow-up shows only once its answer is given.
  assert.equal(await phone.getByText('What did you like about them?').count(), 0);
  await phone.getByLabel('Yes', { exact: true }).check();
  await phone.getByText('A sentence is enough.').waitFor();
  await phone.getByLabel('What did you like about them?').fill('The soup.');
  await shot(phone, 'survey-phone');
  // No signal: the answers wait on the phone, and are sent once, when it is back.
  await phone.context().setOffline(true);
  await phone.getByRole('button', { name: 'Send my answers' }).click();
  await phone.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
  await phone.getByText('1 response is saved on this device and will be sent when it is back online.').waitFor();
  await shot(phone, 'survey-phone-offline');
  await phone.context().setOffline(false);
  await phone.getByText('The response saved on this device has been sent.').waitFor({ timeout: 30_000 });
  await shot(phone, 'survey-phone-thanks');
  // The link opens without a connection once it has been opened.
  await phone.context().setOffline(true);
  await phone.goto(link);
  await phone.getByRole('heading', { level: 1, name: 'What has changed for you?' }).waitFor();
  await phone.context().setOffline(false);

  // The lead sees the response in the results, then excludes it.
  await lead.reload();
  await lead.getByText('1 response used, 0 excluded.').waitFor();
  const outcome = lead.getByRole('region', { name: 'Members feel less lonely' });
  await outcome.getByText('1 of 1 respondents, scaled to 200', { exact: false }).waitFor();
  await outcome.getByText('25 %').waitFor();
  await shot(lead, 'survey-results');
  // Free text is read per question, and searched.
  const said = lead.getByRole('region', { name: 'Anything else you would like to tell us?' });
  await said.getByText('The Friday lunches got me out of the house.').waitFor();
  await said.getByRole('searchbox').fill('FRIDAY');
  await said.getByText('1 of 1 answers contain “FRIDAY”.').waitFor();
  await said.getByRole('searchbox').fill('sunday');
  await said.getByText('0 of 1 answers contain “sunday”.').waitFor();
  await said.getByRole('searchbox').fill('');
  // Every answer is in the table in words; the response opens on its own, and is excluded there, with a reason.
  const row = lead.locator('.responses__table tbody tr').first();
  await row.getByText('Before 3, now 8').waitFor();
  await row.getByText('25 %').waitFor();
  await row.getByRole('button', { name: /^Open the response received/ }).click();
  const view = lead.getByRole('dialog');
  await view.getByText('Without the club, how much of this would have happened anyway?').waitFor();
  await view.getByRole('button', { name: 'Exclude from the results' }).click();
  await view.getByRole('alert').filter({ hasText: 'Say why this response is left out of the results' }).waitFor();
  // Focus goes to the field that needs the reason.
  assert.equal(await view.getByLabel('Why leave it out of the results?').evaluate((e) => e === document.activeElement), true);
  await view.getByLabel('Why leave it out of the results?').fill('Test entry by a volunteer');
  await shot(lead, 'survey-response-view', { fullPage: false });
  await view.getByRole('button', { name: 'Exclude from the results' }).click();
  await view.getByText('Left out of the results', { exact: false }).waitFor();
  await lead.getByText('0 responses used, 1 excluded.').waitFor();
  await view.getByRole('button', { name: 'Use it in the results again' }).click();
  await lead.getByText('1 response used, 0 excluded.').waitFor();
  await view.getByRole('button', { name: 'Close' }).click();
  // Only those excluded: none now.
  await lead.getByLabel('Show').selectOption('excluded');
  await lead.getByText('No response is excluded: every one counts in the results.').waitFor();
  await lead.getByLabel('Show').selectOption('all');
  await row.getByText('Before 3, now 8').waitFor();
  assert.ok(org);

  // The lead applies the results to an impact map; the grid marks the figures that came from the survey.
  const surveyUrl = new URL(lead.url()).pathname;
  await lead.goto(`/organisations/${encodeURIComponent(org)}/impact-maps`);
  await lead.getByRole('link', { name: 'Start from “Lunch club for older people”' }).click();
  await lead.getByRole('button', { name: 'Save map' }).click();
  await lead.getByText('Impact map · version 1').waitFor();
  await lead.goto(surveyUrl);
  const apply = lead.getByRole('region', { name: 'Apply to an impact map' });
  await apply.getByLabel('Impact map', { exact: true }).selectOption({ index: 1 });
  await apply.getByLabel('Map outcome for “Members feel less lonely”').selectOption('less-lonely');
  await apply.getByRole('button', { name: 'Preview the changes' }).click();
  // The preview: each figure old → new, the ratio, and what to check; nothing is saved yet.
  await apply.getByRole('heading', { name: 'Check before saving' }).waitFor();
  await apply.getByRole('alert').filter({ hasText: 'Only 1 answered the questions behind' }).waitFor();
  await apply.getByRole('row', { name: /Deadweight 20 % 25 %/ }).waitFor();
  await shot(lead, 'survey-apply-preview');
  await apply.getByRole('button', { name: 'Save as a new evaluation' }).click();
  await apply.getByRole('status').filter({ hasText: 'an evaluation of the map. The map itself is unchanged.' }).waitFor();
  await shot(lead, 'survey-applied');
  await apply.getByRole('link', { name: 'Open the evaluation' }).click();
  await lead.getByText('Impact map · version 1').waitFor();
  await lead.getByText('An evaluation made from').waitFor();
  const marker = lead.getByRole('link', { name: 'Quantity of outcome 1 from survey What has changed for you?: 1 response' });
  await marker.waitFor();
  assert.equal(await marker.getAttribute('title'), 'From survey What has changed for you?: 1 response');
  await lead.getByRole('link', { name: 'Deadweight % of outcome 1 from survey What has changed for you?: 1 response' }).waitFor();
  await shot(lead, 'impact-map-from-survey');
  // The forecast is unchanged, beside its evaluation.
  await lead.getByRole('link', { name: 'Compare the two' }).click();
  await lead.getByText('Impact map · version 1').waitFor();
  const compared = lead.getByRole('region', { name: 'Forecast beside evaluation' });
  await compared.getByRole('row', { name: /SROI ratio 2\.29 : 1 3\.00 : 1/ }).waitFor();
  await lead.getByTestId('sroi-ratio').filter({ hasText: '2.29 : 1' }).waitFor();
  await shot(lead, 'forecast-beside-evaluation');
  await lead.goBack();
  await marker.click();
  await lead.getByRole('heading', { level: 1, name: 'What has changed for you?' }).waitFor();

  // Closed: the link says so, and the survey can be reopened.
  await lead.getByRole('button', { name: 'Close the survey…' }).click();
  await lead.getByRole('dialog').getByRole('button', { name: 'Close the survey' }).click();
  await lead.getByText('Closed: its link takes no more answers.', { exact: false }).waitFor();
  await phone.goto(link);
  await phone.getByText('This survey has closed and no longer takes answers.').waitFor();
  await lead.getByRole('button', { name: 'Reopen…' }).click();
  await lead.getByRole('dialog').getByRole('button', { name: 'Reopen' }).click();
  await lead.getByText('Published: anyone with its link can answer', { exact: false }).waitFor();

  // A decision on the strength of the results keeps the results it used, whatever comes in after.
  await lead.goto(`/organisations/${encodeURIComponent(org)}/pledges`);
  await lead.getByLabel('Decision', { exact: true }).selectOption('change');
  await lead.getByLabel('What was decided').fill('Move the lunches to Thursdays');
  await lead.getByLabel('Evidence (survey results)').selectOption({ label: 'What has changed for you?' });
  await lead.getByLabel('Why').fill('Members told us Fridays clash with the market.');
  await lead.getByRole('button', { name: 'Record decision' }).click();
  await lead.getByRole('status').filter({ hasText: 'Decision recorded.' }).waitFor();
  await lead.getByRole('link', { name: /^What has changed for you\? as of \d+ \w+ \d{4}, \d\d:\d\d UTC$/ }).click();
  await lead.getByText('These are the results as they stood on', { exact: false }).waitFor();
  await lead.getByText('1 response used, 0 excluded.').waitFor();
  await shot(lead, 'survey-results-as-of-decision');
  await lead.getByRole('button', { name: 'Show the latest results' }).click();
  await lead.getByRole('region', { name: 'Apply to an impact map' }).or(lead.getByText('Apply to an impact map')).first().waitFor();

  // The next wave: a draft with the same questions and no answers yet.
  await lead.getByRole('button', { name: 'Duplicate for the next wave' }).click();
  await lead.getByRole('heading', { level: 1, name: 'What has changed for you? (copy)' }).waitFor();
  await lead.getByText('A draft: only your team can see it', { exact: false }).waitFor();
  await lead.getByText('No responses yet.', { exact: false }).waitFor();
});

test('a survey designed in XLSForm becomes a draft, its groups as sections and its skip logic kept', async () => {
  const lead = await env.newPage();
  await signUp(lead, person('Lead'));
  await lead.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
  await createOrganisation(lead, { name: 'Harbour Wellbeing' });
  await lead.getByRole('link', { name: 'Surveys', exact: true }).click();
  await lead.getByRole('button', { name: 'New survey' }).click();
  const input = lead.getByLabel(/Start from an XLSForm/);
  // A file that is not a workbook: said so, nothing changed.
  await input.setInputFiles({ name: 'answers.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('type,name,label\n') });
  await lead.getByRole('alert').filter({ hasText: 'answers.xlsx could not be read, and nothing was changed.' }).waitFor();
  assert.equal(await lead.getByLabel('Survey title').inputValue(), '');
  await input.setInputFiles(path.join(REPO, 'examples', 'lunch-club-xlsform.xlsx'));
  await lead.getByRole('status').filter({ hasText: 'Read 6 questions from lunch-club-xlsform.xlsx.' }).waitFor();
  assert.equal(await lead.getByLabel('Survey title').inputValue(), 'Lunch club: how has it been for you?');
  assert.equal(await lead.getByLabel('Question 2 starts a section titled (optional)').inputValue(), 'The Friday lunches');
  assert.equal(await lead.getByLabel('Question 2 type').inputValue(), 'scale');
  assert.equal(await lead.getByLabel('Question 3 options (one a line)').inputValue(), 'The food\nThe company\nThe activities');
  const ask = lead.getByLabel('Ask question 2');
  assert.equal(await ask.locator('option:checked').textContent(), 'Only when question 1 is “Yes”');
  await shot(lead, 'survey-xlsform-imported');
  // Two waves: each person's code links their answers.
  await lead.getByLabel('Respondent codes (link baseline and follow-up)').selectOption('optional');
  await lead.getByRole('button', { name: 'Save as a draft' }).click();
  await lead.getByRole('heading', { level: 1, name: 'Lunch club: how has it been for you?' }).waitFor();
  const codes = lead.getByRole('region', { name: 'Respondent codes' });
  await codes.getByLabel('How many new codes?').fill('0');
  await codes.getByRole('button', { name: 'Make codes' }).click();
  await codes.getByText('Give a whole number of codes from 1 to 1,000.').waitFor();
  await codes.getByLabel('How many new codes?').fill('3');
  await codes.getByRole('button', { name: 'Make codes' }).click();
  await codes.getByText('3 codes given out.').waitFor();
  const code = (await codes.locator('td.respondent-code').first().textContent()).trim();
  assert.match(code, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  await shot(lead, 'survey-respondent-codes');
  await lead.getByRole('button', { name: 'Publish…' }).click();
  await lead.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
  await lead.getByText('Published: anyone with its link can answer', { exact: false }).waitFor();
  // The printed link in the survey's Welsh too.
  await lead.getByRole('link', { name: 'Print the link with its QR code' }).click();
  await lead.getByText('Scan the code with a phone’s camera, or type this address:').waitFor();
  await lead.getByLabel('Language of the page').selectOption({ label: 'Cymraeg' });
  const sheet = lead.locator('.survey-print__sheet[lang="cy"]');
  await sheet.getByText('Sganiwch y cod gyda chamera ffôn, neu teipiwch y cyfeiriad hwn:').waitFor();
  await sheet.getByText('Does dim angen cyfrif.').waitFor();
  await sheet.getByRole('img', { name: /^Cod QR dolen yr arolwg/ }).waitFor();
  await shot(lead, 'survey-print-welsh');
  await lead.getByRole('link', { name: 'Back to the survey' }).click();
  await lead.getByRole('heading', { level: 1, name: 'Lunch club: how has it been for you?' }).waitFor();
  // The personal link fills in the code on the respondent's phone.
  const personal = new URL((await codes.locator('td .survey-link').first().textContent()).trim());
  const phone = await env.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(personal.pathname + personal.search);
  await phone.getByRole('heading', { level: 1, name: 'Lunch club: how has it been for you?' }).waitFor();
  assert.equal(await phone.getByLabel(/Your respondent code/).inputValue(), code);
  // The workbook's Welsh: the respondent chooses it, answers, and the answer merges with the English ones.
  await phone.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Cymraeg' }).click();
  await phone.getByText('Ddaethoch chi i’r cinio dydd Gwener?').waitFor();
  await phone.getByLabel('Do', { exact: true }).check();
  await phone.getByRole('button', { name: 'Nesaf' }).click();
  await phone.getByRole('heading', { level: 2, name: 'Y cinio dydd Gwener' }).waitFor();
  await phone.getByText('Adran 2 o 3: Y cinio dydd Gwener · Cwestiynau wedi’u hateb: 1 o 5').waitFor();
  await shot(phone, 'survey-phone-welsh');
  await phone.getByRole('group', { name: /Pa mor unig ydych chi’n teimlo nawr/ }).getByLabel('5', { exact: true }).check();
  await phone.getByRole('button', { name: 'Nesaf' }).click();
  // The section the import made for the questions after the group, titled in Welsh too.
  await phone.getByRole('heading', { level: 2, name: 'Rhagor o gwestiynau' }).waitFor();
  await phone.getByRole('button', { name: 'Anfon' }).click();
  // The thanks are in Welsh too, marked as Welsh for a screen reader.
  await phone.locator('[lang="cy"]').getByRole('heading', { level: 1, name: 'Diolch' }).waitFor();
  await phone.close();
  await lead.reload();
  await lead.getByText('1 response used, 0 excluded.').waitFor();
  const row = lead.locator('.responses__table tbody tr').first();
  await row.getByText('Yes', { exact: true }).waitFor();
  await row.getByText(code).waitFor();
  // The answers gathered in KoboToolbox with the same XLSForm come in from its export, once.
  await lead.getByLabel('Import CSV').setInputFiles(path.join(REPO, 'examples', 'lunch-club-kobo.csv'));
  await lead.getByRole('status').filter({ hasText: '3 responses imported.' }).waitFor();
  await lead.getByText('4 responses used, 0 excluded.').waitFor();
  await lead.getByLabel('Import CSV').setInputFiles(path.join(REPO, 'examples', 'lunch-club-kobo.csv'));
  await lead.getByRole('status').filter({ hasText: '0 responses imported, 3 were already there.' }).waitFor();
  // The free text read from the export is there under its question, not only in the table.
  await lead.getByRole('region', { name: 'Anything else you would like to tell us?' }).getByText('The quiz on the last Friday, please keep it').waitFor();
  await shot(lead, 'survey-kobo-imported');

  // The follow-up wave: a copy with the same questions and codes, answered by the same person.
  await lead.getByRole('button', { name: 'Duplicate for the next wave' }).click();
  await lead.getByRole('heading', { level: 1, name: 'Lunch club: how has it been for you? (copy)' }).waitFor();
  await lead.getByRole('button', { name: 'Publish…' }).click();
  await lead.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
  await lead.getByText('Published: anyone with its link can answer', { exact: false }).waitFor();
  const again = new URL((await lead.getByRole('region', { name: 'Respondent codes' }).locator('tr', { hasText: code }).locator('.survey-link').textContent()).trim());
  const later = await env.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await later.goto(again.pathname + again.search);
  assert.equal(await later.getByLabel(/Your respondent code/).inputValue(), code);
  await later.getByLabel('Yes', { exact: true }).check();
  await later.getByRole('button', { name: 'Next' }).click();
  await later.getByRole('group', { name: /How lonely do you feel now/ }).getByLabel('2', { exact: true }).check();
  await later.getByRole('button', { name: 'Next' }).click();
  await later.getByRole('button', { name: 'Send my answers' }).click();
  await later.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
  await later.close();
  // Side by side: everyone in each wave, and the one person in both, who is less lonely (5 → 2).
  await lead.reload();
  const waves = lead.getByRole('region', { name: 'Compare with an earlier wave' });
  // The wave it was duplicated from is chosen to start with.
  await waves.getByText('Chosen for you', { exact: false }).waitFor();
  assert.match(await waves.getByLabel('Earlier wave').locator('option:checked').textContent(), /^Lunch club: how has it been for you\? \(made /);
  await waves.getByText('1 person gave the same respondent code in both.', { exact: false }).waitFor();
  const lonelyRow = waves.getByRole('row', { name: /How lonely do you feel now/ });
  await lonelyRow.getByText('mean 4.67').waitFor();
  await lonelyRow.getByText(/1 answered both times: 0 higher, 0 the same, 1 lower; mean change −3/).waitFor();
  await waves.getByText('2 questions are not compared').click();
  await waves.getByText('Anything else you would like to tell us?: free text is read, not compared.').waitFor();
  await shot(lead, 'survey-waves');
});
