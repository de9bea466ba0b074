// Sign-up with email confirmation: the answer is "check your email" whether
// or not the address has an account, the link in the email confirms it, and
// until then a signed-in person sees why they cannot join or sign off, with
// a way to get a new link.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createOrganisation, logIn, mailTo, person, setup, shot } from './helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

async function fillSignUp(page, who) {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
}

test('sign up, confirm the address from the email, log in and create an organisation', async () => {
  const who = person('Confirm');
  const page = await env.newPage();
  await fillSignUp(page, who);
  await page.getByText(`We have sent a message to ${who.email}.`).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'auth-title', 'the new title takes focus');
  await shot(page, 'signup-check-email');

  const mail = await mailTo(who.email, { subject: /Confirm your email address/ });
  assert.match(mail.text, /within the next 48 hours/);
  await page.goto(mail.link('/verify-email'));
  await page.getByRole('heading', { level: 1, name: 'Email address confirmed' }).waitFor();
  await shot(page, 'email-confirmed');
  await page.getByRole('region', { name: 'Email address confirmed' }).getByRole('link', { name: 'Log in' }).click();
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Confirm your email address' }).count(), 0, 'no banner once confirmed');
  await createOrganisation(page, { name: `Confirmed Trust ${Date.now().toString(36)}`, size_label: 'Small' });
  await shot(page, 'confirmed-organisation');

  // The same address again: the same answer on the page; the owner is told by email.
  const again = await env.newPage();
  await fillSignUp(again, { ...who, name: 'Someone Else', password: 'another long password' });
  const note = await mailTo(who.email, { subject: /Someone tried to create a ValueMark account/ });
  assert.match(note.text, /\/forgot-password/);
  assert.doesNotMatch(note.text, /token=/);
});

test('a signed-in person who has not confirmed sees the banner and asks for a new link', async () => {
  const who = person('Later');
  const page = await env.newPage();
  await fillSignUp(page, who);
  const first = await mailTo(who.email, { subject: /Confirm your email address/ });
  await logIn(page, who.email, who.password);
  const banner = page.getByRole('region', { name: 'Confirm your email address' });
  await banner.waitFor();
  assert.match(await banner.innerText(), new RegExp(`We sent a link to ${who.email.replace(/\./g, '\\.')}`));
  await shot(page, 'home-unconfirmed');

  await banner.getByRole('button', { name: 'Send the link again' }).click();
  await banner.getByText(`We have sent a new link to ${who.email}.`).waitFor();
  await shot(page, 'home-unconfirmed-resent');
  const fresh = await mailTo(who.email, { subject: /Confirm your email address/, after: 1 });

  await page.goto(fresh.link('/verify-email'));
  await page.getByRole('heading', { level: 1, name: 'Email address confirmed' }).waitFor();
  await page.getByRole('link', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Confirm your email address' }).count(), 0, 'the banner went');

  // The first link was voided by the confirmation.
  await page.goto(first.link('/verify-email'));
  await page.getByRole('alert').getByText('Your email address was not confirmed').waitFor();
  await shot(page, 'verify-email-used-link');
});
