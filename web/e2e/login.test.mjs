// (3) Logging in with a wrong password shows the error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { person, setup, shot, signUp } from './helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

test('a wrong password is refused with a message, the right one logs in', async () => {
  const who = person('Returning');
  const first = await env.newPage();
  await signUp(first, who);
  await first.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();

  const page = await env.newPage();
  await page.goto('/login');
  await shot(page, 'login');
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password').fill('not the right password');
  await page.getByRole('button', { name: 'Log in' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /email or password is wrong/i);
  assert.equal(new URL(page.url()).pathname, '/login');
  await shot(page, 'login-error');

  // Client-side checks name the field.
  await page.getByLabel('Password').fill('');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('Enter your password.').waitFor();
  assert.equal(await page.getByLabel('Password').getAttribute('aria-invalid'), 'true');

  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
});
