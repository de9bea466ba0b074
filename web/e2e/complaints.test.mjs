// (Issue 15, items 2 and 11) A visitor complains about a certified
// organisation from its register entry; the administrator asks the
// organisation to answer first; the Lead answers from the organisation's
// page; the administrator upholds the complaint and suspends the certificate
// through one dialog, and the verification page says so. The organisation's
// History says what changed at each step.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axe, logIn, mailTo, noHorizontalScroll, setup, shot } from './helpers.mjs';

const PASSWORD = 'valuemark-demo';

let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

test('a complaint from the register is heard by the organisation, then upheld with a suspension', async () => {
  // A visitor on a phone, from the public register to the verification page.
  const visitor = await env.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await visitor.goto('/register');
  await visitor.getByRole('row', { name: /Riverside Community Trust/ }).getByRole('link', { name: /level 1 \(Pledges\)/ }).click();
  await visitor.getByRole('heading', { name: 'Valid certificate' }).waitFor();
  const concern = visitor.getByRole('region', { name: /Concerned about Riverside Community Trust/ });
  await concern.getByRole('button', { name: 'Make a complaint' }).click();
  await concern.getByRole('button', { name: 'Send the complaint' }).click();
  await concern.getByText('Give your name.').waitFor();
  await concern.getByText(/Give an email address such as name@example\.org/).waitFor();
  await concern.getByLabel('Your name').fill('Nia Neighbour');
  await concern.getByLabel('Your email address').fill('nia@neighbour.example');
  await concern.getByLabel('Your complaint').fill('The lunch club’s pledge to buy from local growers is not kept: every delivery comes from a national wholesaler.');
  await noHorizontalScroll(visitor, 'complaint form on a phone');
  await axe(visitor, 'complaint form');
  await shot(visitor, 'mobile-complaint-form');
  await concern.getByRole('button', { name: 'Send the complaint' }).click();
  await visitor.getByRole('heading', { name: 'Complaint received' }).waitFor();
  const receipt = await mailTo('nia@neighbour.example', { subject: /your complaint about Riverside Community Trust/ });
  assert.match(receipt.text, /asks the organisation to answer before deciding/);

  // The administrator: the inbox, then the complaints page. Nothing is decided before the organisation is heard.
  const admin = await env.newPage();
  await logIn(admin, 'admin@valuemark.example', PASSWORD);
  await admin.getByRole('link', { name: 'Ask an organisation to answer a complaint' }).waitFor();
  await admin.goto('/staff/complaints');
  await admin.getByRole('heading', { level: 1, name: 'Complaints' }).waitFor();
  const item = admin.getByRole('region', { name: /Riverside Community Trust/ });
  await item.getByText(/every delivery comes from a national wholesaler/).waitFor();
  assert.equal(await item.getByRole('button', { name: 'Decide…' }).count(), 0);
  await item.getByRole('button', { name: 'Ask Riverside Community Trust to answer' }).click();
  await item.getByText(/Waiting for the organisation’s answer, by /).waitFor();
  await item.getByText(/it is heard first/).waitFor();
  await shot(admin, 'complaints-waiting');

  // The Lead answers from the organisation's page, where the complainant's address is not shown.
  const asked = await mailTo('lead@riverside.example', { subject: /a complaint about Riverside Community Trust to answer/ });
  assert.match(asked.text, /#complaints/);
  const lead = await env.newPage();
  await logIn(lead, 'lead@riverside.example', PASSWORD);
  await lead.getByRole('link', { name: 'Answer a complaint' }).click();
  const complaints = lead.getByRole('region', { name: 'Complaints' });
  await complaints.getByText(/every delivery comes from a national wholesaler/).waitFor();
  assert.equal(await lead.getByText('nia@neighbour.example').count(), 0);
  await complaints.getByRole('button', { name: 'Send the answer' }).click();
  await complaints.getByText(/Write the organisation’s answer/).waitFor();
  await complaints.getByLabel('The organisation’s answer').fill('Our grower went out of business in May; we are looking for another.');
  await complaints.getByRole('button', { name: 'Send the answer' }).click();
  await complaints.getByText(/Answered: the certifying body decides/).waitFor();
  await axe(lead, 'complaint answered');

  // The administrator decides, through a dialog that states what follows.
  await admin.reload();
  await item.getByText(/Our grower went out of business in May/).waitFor();
  await item.getByRole('button', { name: 'Decide…' }).click();
  const dialog = admin.getByRole('dialog', { name: /Decide the complaint about Riverside Community Trust/ });
  await dialog.getByRole('button', { name: 'Decide' }).click();
  await dialog.getByText('Choose the outcome.').waitFor();
  await dialog.getByLabel('Uphold, and suspend the certificate').check();
  await dialog.getByText(/the certificate is suspended now/).waitFor();
  await dialog.getByLabel('Reasons').fill('The pledge is not kept until a local grower is found.');
  await axe(admin, 'complaint decision dialog');
  await shot(admin, 'complaint-decision');
  await dialog.getByRole('button', { name: 'Decide' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await admin.getByText('No complaints are open').waitFor();
  const outcome = await mailTo('nia@neighbour.example', { subject: /is upheld/ });
  assert.match(outcome.text, /Its certificate is suspended\./);

  // The verification page says so, and the History says what changed.
  await visitor.reload();
  await visitor.getByRole('heading', { name: 'Suspended certificate' }).waitFor();
  await visitor.getByText(/Complaint upheld: The pledge is not kept/).first().waitFor();
  await lead.goto(lead.url().replace(/#.*$/, '') + '/history');
  await lead.getByLabel('Show').selectOption('complaint');
  await lead.getByText("State: “Responded” → “Upheld”").first().waitFor();
  await shot(lead, 'history-complaint-changes');
});
