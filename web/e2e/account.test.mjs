// (13) A signed-in person changes their password on the account page: a wrong
// current password and a common new one are refused beside their fields; a
// good change keeps this browser signed in and signs out every other.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { logIn, setup, shot } from './helpers.mjs';

const LEAD = 'lead@riverside.example';
const PASSWORD = 'valuemark-demo';

let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

test('change the password on the account page and sign out every other browser', async () => {
  const other = await env.newPage();
  await logIn(other, LEAD, PASSWORD);
  const page = await env.newPage();
  await logIn(page, LEAD, PASSWORD);
  await page.goto('/account');
  await page.getByRole('heading', { level: 2, name: 'Password' }).waitFor();

  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password', { exact: true }).fill('qwertyuiop');
  await page.getByLabel('New password again').fill('qwertyuiop');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText(/not your current password/i).waitFor();
  assert.equal(await page.getByLabel('Current password').getAttribute('aria-invalid'), 'true');

  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText(/one of the most common passwords/i).waitFor();
  assert.equal(await page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid'), 'true');
  await shot(page, 'account-password-refused');

  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill('riverside lunch club 2027');
  await page.getByLabel('New password again').fill('riverside lunch club 2027');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
  await shot(page, 'account-password-changed');

  // This browser stays signed in; the other one is signed out.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  await other.goto('/account');
  await other.waitForURL((url) => url.pathname.startsWith('/login'));

  // Sign out everywhere else, from a second browser signed in with the new password.
  const third = await env.newPage();
  await logIn(third, LEAD, 'riverside lunch club 2027');
  await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await page.getByRole('status').filter({ hasText: 'Every other browser and device is signed out' }).waitFor();
  await third.goto('/account');
  await third.waitForURL((url) => url.pathname.startsWith('/login'));
});

test('an administrator deactivates an account: it is signed out at once and cannot sign in until reactivated', async () => {
  const worker = await env.newPage();
  await logIn(worker, 'worker@riverside.example', PASSWORD);
  const admin = await env.newPage();
  await logIn(admin, 'admin@valuemark.example', PASSWORD);
  await admin.goto('/staff/users');
  const row = admin.getByRole('row').filter({ hasText: 'worker@riverside.example' });
  await row.getByRole('button', { name: /^Deactivate…/ }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByText(/signed out everywhere at once/).waitFor();
  await shot(admin, 'deactivate-dialog');
  await dialog.getByRole('button', { name: 'Deactivate the account' }).click();
  await row.getByText(/^Deactivated/).waitFor();

  // The worker's next step finds the session ended, and signing in is refused in words.
  await worker.goto('/account');
  await worker.waitForURL((url) => url.pathname.startsWith('/login') || url.pathname === '/');
  await worker.goto('/login');
  await worker.getByLabel('Email address').fill('worker@riverside.example');
  await worker.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await worker.getByRole('button', { name: 'Log in' }).click();
  await worker.getByText(/deactivated by an administrator/).waitFor();

  await row.getByRole('button', { name: /^Reactivate/ }).click();
  await row.getByText('Active', { exact: true }).waitFor();
  await logIn(worker, 'worker@riverside.example', PASSWORD);
});
