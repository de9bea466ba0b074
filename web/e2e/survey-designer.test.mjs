// The survey designer beyond a first draft: the survey written in English and
// Welsh in the browser, then changed after it was saved, its Welsh kept with
// each question, and previewed in Welsh as a respondent would see it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axe, createOrganisation, person, setup, shot, signUp } from './helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

test('a survey is written in English and Welsh in the designer, changed after saving, and previewed in Welsh', async () => {
  const lead = await env.newPage();
  await signUp(lead, person('Lead'));
  await lead.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
  await createOrganisation(lead, { name: 'Cardiff Friday Club' });
  await lead.getByRole('link', { name: 'Surveys', exact: true }).click();
  await lead.getByRole('button', { name: 'New survey' }).click();
  // Near a limit, a field counts the characters left.
  await lead.getByLabel('Survey title').fill('x'.repeat(185));
  await lead.getByText('15 characters left').waitFor();
  assert.match(await lead.getByLabel('Survey title').getAttribute('aria-describedby'), /survey-title-count/);
  await lead.getByLabel('Survey title').fill('How has the club been for you?');
  assert.equal(await lead.getByText('characters left').count(), 0);
  await lead.getByLabel('Outcome 1', { exact: true }).fill('Members feel less lonely');
  await lead.getByLabel('Question 1 text').fill('How lonely did you feel before the club, and now?');
  await lead.getByRole('button', { name: 'Add a question' }).click();
  await lead.getByLabel('Question 2 type').selectOption('single_choice');
  await lead.getByLabel('Question 2 text').fill('Did you come to the lunches?');
  await lead.getByLabel('Question 2 options (one a line)').fill('Yes\nNo');
  // Saved with gaps: each is said beside its field, and focus goes to the first.
  await lead.getByLabel('Outcome 1', { exact: true }).fill('');
  await lead.getByLabel('Question 2 text').fill('');
  await lead.getByRole('button', { name: 'Save as a draft' }).click();
  await lead.getByRole('alert').filter({ hasText: 'Fix these 2 before saving' }).waitFor();
  await lead.getByText('Name outcome 1: question 1 measures it.', { exact: false }).first().waitFor();
  assert.equal(await lead.getByLabel('Outcome 1', { exact: true }).evaluate((e) => e === document.activeElement), true);
  assert.equal(await lead.getByLabel('Question 2 text').getAttribute('aria-invalid'), 'true');
  await lead.getByLabel('Outcome 1', { exact: true }).fill('Members feel less lonely');
  await lead.getByLabel('Question 2 text').fill('Did you come to the lunches?');

  // Welsh beside English: each question's words in Welsh, the options in the same order.
  const languages = lead.getByRole('region', { name: 'Languages' });
  await languages.getByRole('button', { name: 'Add the language' }).click();
  await languages.getByText('Choose a language to add.').waitFor();
  await languages.getByLabel('Add a language').selectOption('cy');
  await languages.getByRole('button', { name: 'Add the language' }).click();
  await languages.getByLabel('Title in Cymraeg').fill('Sut mae’r clwb wedi bod i chi?');
  await languages.getByLabel('Outcome 1 in Cymraeg').fill('Aelodau’n teimlo’n llai unig');
  await languages.getByLabel('Question 1 in Cymraeg').fill('Pa mor unig oeddech chi’n teimlo cyn y clwb, a nawr?');
  await languages.getByLabel('Question 2 in Cymraeg').fill('Ddaethoch chi i’r cinio?');
  const options = languages.getByLabel(/Question 2 options in Cymraeg/);
  await options.fill('Do');
  await languages.getByText('Give 2 options, one for each of the question’s, or none').waitFor();
  await options.fill('Do\nNa');
  await languages.getByText('2 of 2 questions translated.', { exact: false }).waitFor();
  await axe(lead, 'the designer with a second language');
  await shot(lead, 'survey-designer-welsh');
  await lead.getByRole('button', { name: 'Save as a draft' }).click();
  await lead.getByRole('heading', { level: 1, name: 'How has the club been for you?' }).waitFor();

  // Changed after saving: a question added, another reworded; the Welsh stays with its question.
  await lead.getByRole('link', { name: 'Change the questions' }).click();
  await lead.getByRole('heading', { level: 1, name: 'Change the survey' }).waitFor();
  assert.equal(await lead.getByLabel('Question 2 in Cymraeg').inputValue(), 'Ddaethoch chi i’r cinio?');
  await lead.getByRole('button', { name: 'Add a question' }).click();
  await lead.getByLabel('Question 3 type').selectOption('text');
  await lead.getByLabel('Question 3 text').fill('Anything else you would like to tell us?');
  await lead.getByRole('button', { name: 'Move question 3 up' }).click();
  await lead.getByLabel('Question 3 text').fill('Did you come to the Friday lunches?');
  assert.equal(await lead.getByLabel('Question 3 in Cymraeg').inputValue(), 'Ddaethoch chi i’r cinio?');
  await lead.getByLabel('Question 2 in Cymraeg').fill('Unrhyw beth arall yr hoffech ei ddweud wrthym?');
  await lead.getByRole('button', { name: 'Save the changes' }).click();
  await lead.getByRole('heading', { level: 1, name: 'How has the club been for you?' }).waitFor();

  // The preview, in English, then in Welsh, on a phone's width.
  await lead.getByRole('link', { name: 'Preview' }).click();
  await lead.getByText('Anything else you would like to tell us?').waitFor();
  await lead.getByText('Did you come to the Friday lunches?').waitFor();
  await lead.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Cymraeg' }).click();
  await lead.getByText('Pa mor unig oeddech chi’n teimlo cyn y clwb, a nawr?').waitFor();
  await lead.getByText('Unrhyw beth arall yr hoffech ei ddweud wrthym?').waitFor();
  await lead.getByLabel('Do', { exact: true }).waitFor();
  await shot(lead, 'survey-preview-welsh');
});
