// (Issue 15, item 2) A new organisation asks to join the certifying body:
// it sees its size band and the band's fee as it types its staff and
// turnover, then waits; the administrator finds the request in the inbox and
// on the membership page, declines one with a reason through its dialog and
// approves the other; the organisation's page then shows the membership.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axe, createOrganisation, logIn, mailTo, noHorizontalScroll, person, setup, shot, signUp } from './helpers.mjs';

const PASSWORD = 'valuemark-demo';

let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

test('a new organisation requests membership and the administrator approves it', async () => {
  const lead = await env.newPage();
  const who = person('Joiner');
  await signUp(lead, who);
  const id = await createOrganisation(lead, { name: 'Northfield Repair Café', size_label: 'Small' });
  const panel = lead.getByRole('region', { name: 'Membership' });
  await panel.getByText('Not a member', { exact: true }).waitFor();
  await panel.getByRole('button', { name: 'Request membership' }).click();

  // Figures in their own units, checked beside each field.
  await panel.getByLabel('Number of staff').fill('thirty');
  await panel.getByLabel('Yearly turnover (£)').fill('lots');
  await panel.getByRole('button', { name: 'Request membership' }).click();
  await panel.getByText('Enter a whole number of people, such as 12.').waitFor();
  await panel.getByText('Enter the turnover in pounds, such as £250,000 or £1,500.50.').waitFor();

  // The band and its fee follow the figures as they are typed.
  await panel.getByLabel('Number of staff').fill('30');
  await panel.getByLabel('Yearly turnover (£)').fill('£2,000,000');
  await panel.getByText('Medium band').waitFor();
  await panel.getByText(/£600\.00 \+ VAT £120\.00 a year/).waitFor();
  await shot(lead, 'membership-request-form');
  await axe(lead, 'membership request form');
  await panel.getByRole('button', { name: 'Request membership' }).click();
  await panel.getByText(/asked to join on .*It is waiting for the certifying body’s decision\./).waitFor();
  await panel.getByRole('button', { name: 'Withdraw the request' }).waitFor();
  assert.equal(await panel.getByRole('button', { name: 'Request membership' }).count(), 0);

  // The administrator: the inbox, then the page of requests.
  const admin = await env.newPage();
  await logIn(admin, 'admin@valuemark.example', PASSWORD);
  const inbox = admin.getByRole('region', { name: /Waiting for you/ });
  await inbox.getByText('Decide on a membership request').first().waitFor();
  await inbox.getByText(/Northfield Repair Café asks to start its membership, in the Medium size band\./).waitFor();
  await admin.goto('/staff/membership');
  await admin.getByRole('heading', { level: 1, name: 'Membership requests' }).waitFor();
  await admin.getByRole('rowheader', { name: /Harbour Café/ }).waitFor();
  await admin.getByRole('rowheader', { name: /Northfield Repair Café/ }).waitFor();
  await shot(admin, 'membership-requests');
  await axe(admin, 'membership requests');

  // Declining asks why, and says so beside the field when nothing is given.
  await admin.getByRole('button', { name: 'Decline the request of Harbour Café' }).click();
  const decline = admin.getByRole('dialog', { name: 'Decline the request?' });
  await decline.getByRole('button', { name: 'Decline' }).click();
  await decline.getByText('Say why, in a sentence the organisation will read.').waitFor();
  await decline.getByLabel('Why').fill('Please send the turnover of your last accounts.');
  await decline.getByRole('button', { name: 'Decline' }).click();
  await decline.waitFor({ state: 'hidden' });
  await admin.getByRole('rowheader', { name: /Harbour Café/ }).waitFor({ state: 'detached' });
  const declined = await mailTo('lead@harbour.example', { subject: /declined/ });
  assert.match(declined.text, /Please send the turnover of your last accounts\./);

  // Approving states what follows, then makes it so.
  await admin.getByRole('button', { name: 'Approve the request of Northfield Repair Café' }).click();
  const approve = admin.getByRole('dialog', { name: 'Approve the membership?' });
  await approve.getByText(/becomes a member in the medium band, at £600\.00 \+ VAT £120\.00 a year/).waitFor();
  await approve.getByRole('button', { name: 'Approve' }).click();
  await approve.waitFor({ state: 'hidden' });
  await admin.getByText('No requests are waiting').waitFor();

  // The organisation is a member now: told by email, and on its page.
  const approved = await mailTo(who.email, { subject: /membership is approved/ });
  assert.match(approved.text, /can now apply for certification/);
  await lead.goto(`/organisations/${encodeURIComponent(id)}#membership`);
  await lead.reload();
  await panel.getByText(/Active until /).waitFor();
  await panel.getByText('Medium: up to 50 staff and a yearly turnover up to £5,000,000.00').waitFor();
  await panel.getByText(/Approved on /).waitFor();
  await shot(lead, 'membership-approved');

  // The approval is invoiced: the organisation reads it and its PDF; the administrator records the payment.
  const invoices = lead.getByRole('region', { name: 'Invoices' });
  await invoices.getByText(/£600\.00 \+ VAT £120\.00 = £720\.00/).waitFor();
  await invoices.getByText(/Due by /).waitFor();
  const pdfLink = invoices.getByRole('link', { name: /as a PDF/ });
  const pdf = await lead.request.get(await pdfLink.getAttribute('href'));
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  const invoiceMail = await mailTo(who.email, { subject: /invoice VM-/ });
  assert.match(invoiceMail.text, /£600\.00 \+ VAT £120\.00 = £720\.00/);
  await admin.goto('/staff/invoices');
  await admin.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
  const row = admin.getByRole('row', { name: /Northfield Repair Café/ });
  await row.getByRole('button', { name: /Record payment of VM-/ }).click();
  const pay = admin.getByRole('dialog', { name: /Record the payment of VM-/ });
  await pay.getByText(/Northfield Repair Café is told that £720\.00 was received/).waitFor();
  await pay.getByLabel('Reference (optional)').fill('BACS NRC-0001');
  await axe(admin, 'record payment dialog');
  await pay.getByRole('button', { name: 'Record payment' }).click();
  await pay.waitFor({ state: 'hidden' });
  await row.waitFor({ state: 'detached' });
  await lead.reload();
  await invoices.getByText(/Paid on /).waitFor();
  await shot(lead, 'invoice-paid');

  // The History says what the payment changed.
  await lead.goto(`/organisations/${encodeURIComponent(id)}/history`);
  await lead.getByText('State: “Issued” → “Paid”').waitFor();
  await lead.getByText('Payment reference: added “BACS NRC-0001”').waitFor();
  await axe(lead, 'history with changes');

  // On a phone, the panel fits.
  const phone = await env.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await logIn(phone, 'lead@harbour.example', PASSWORD);
  const harbour = phone.getByRole('link', { name: 'Harbour Café' }).first();
  await harbour.click();
  await phone.getByRole('region', { name: 'Membership' }).getByText(/Declined on .*Please send the turnover/).waitFor();
  await phone.getByRole('region', { name: 'Membership' }).getByRole('button', { name: 'Request membership' }).click();
  await phone.getByLabel('Number of staff').waitFor();
  await noHorizontalScroll(phone, 'membership request on a phone');
  await shot(phone, 'mobile-membership-request');
});
