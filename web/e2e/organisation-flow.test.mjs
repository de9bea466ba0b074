// (1) A new user signs up, creates an organisation and invites a colleague;
// the colleague signs up and accepts; the first user makes them senior
// leader and names them the Senior Leader representative; both see it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createOrganisation, person, setup, shot, signUp } from './helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

test('sign up, create an organisation, invite, accept, promote and name the Senior Leader', async () => {
  const lead = person('Lead');
  const colleague = person('Colleague');
  const orgName = `Riverside Housing ${Date.now().toString(36)}`;

  // The lead signs up and sees the empty state.
  const a = await env.newPage();
  await a.goto('/signup');
  await shot(a, 'signup');
  await signUp(a, lead);
  await a.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
  await a.getByText('You are not part of an organisation yet').waitFor();
  await shot(a, 'home-empty');

  await a.goto('/organisations/new');
  await shot(a, 'organisation-new');
  const orgId = await createOrganisation(a, { name: orgName, size_label: 'Large', area: 'Leeds' });
  await a.getByText('Your organisation is ready').waitFor();
  // The overview: nothing waits yet, and each kind of work says how to start.
  await a.getByRole('heading', { name: 'Waiting for you' }).waitFor();
  await a.getByText('Nothing is waiting for you here.').waitFor();
  await a.getByRole('link', { name: 'Start one' }).waitFor();
  await a.getByRole('link', { name: 'Take the self-assessment' }).waitFor();

  // Invite the colleague and take the link from the page.
  await a.getByLabel('Email address').fill(colleague.email);
  await a.getByLabel('Role', { exact: true }).selectOption('member');
  await a.getByRole('button', { name: 'Send invitation' }).click();
  const link = a.getByLabel('Invitation link');
  await link.waitFor();
  const acceptUrl = await link.inputValue();
  assert.match(acceptUrl, /\/invitations\/[^/]+$/, `accept_url shown on the page: ${acceptUrl}`);
  await a.locator('.invitation-row', { hasText: colleague.email }).waitFor();
  await shot(a, 'dashboard-invited');

  // The colleague, in a browser of their own, opens the link, signs up, accepts.
  const b = await env.newPage();
  await b.goto(acceptUrl);
  await b.getByRole('heading', { level: 1, name: `Join ${orgName} on ValueMark` }).waitFor();
  await b.getByText('Member', { exact: true }).waitFor();
  await shot(b, 'invitation');
  await b.getByRole('link', { name: 'Create an account' }).click();
  assert.equal(await b.getByLabel('Email address').inputValue(), colleague.email, 'the invited address is filled in');
  // Sign up, confirm the address from the email, log in: back to the invitation.
  await signUp(b, colleague, { fill: false });
  await b.getByRole('heading', { level: 1, name: `Join ${orgName} on ValueMark` }).waitFor();
  await b.getByRole('button', { name: 'Accept invitation' }).click();
  await b.getByRole('heading', { level: 1, name: orgName }).waitFor();
  await b.getByText(`Welcome to ${orgName}`).waitFor();
  assert.equal(new URL(b.url()).pathname, `/organisations/${encodeURIComponent(orgId)}`);

  // The invitation email is also in the colleague's notifications, unread until seen.
  await b.getByRole('link', { name: 'Notifications, 1 unread' }).click();
  await b.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  await b.locator('.notification', { hasText: orgName }).waitFor();
  await b.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
  await shot(b, 'notifications');
  await b.goBack();

  // The lead sees the colleague, makes them senior leader and names them.
  await a.reload();
  const roleSelect = a.getByLabel(`Role of ${colleague.name}`);
  await roleSelect.selectOption('senior_leader');
  await a.getByRole('button', { name: `Save role of ${colleague.name}` }).click();
  await a.getByRole('status').filter({ hasText: `${colleague.name} is now senior leader` }).waitFor();
  assert.equal(await a.getByLabel(`Role of ${colleague.name}`).inputValue(), 'senior_leader');

  await a.getByRole('button', { name: 'Name representatives' }).click();
  await a.getByLabel('Social Value Senior Leader').selectOption({ label: `${colleague.name} (${colleague.email})` });
  await a.getByRole('button', { name: 'Save representatives' }).click();
  await a.getByRole('status').filter({ hasText: 'Representatives saved' }).waitFor();

  const seniorCard = (p) => p.locator('.rep', { hasText: 'Social Value Senior Leader' });
  const leadCard = (p) => p.locator('.rep', { hasText: 'Social Value Lead' }).first();
  await seniorCard(a).getByText(colleague.name).waitFor();
  await leadCard(a).getByText(lead.name).waitFor();
  await a.getByText('2 of 2 named').waitFor();
  await shot(a, 'dashboard');

  // The colleague sees the same.
  await b.reload();
  await seniorCard(b).getByText(colleague.name).waitFor();
  await b.getByText('Your role:').waitFor();
  assert.match(await b.locator('.page-head__meta').innerText(), /Senior leader/);
  await shot(b, 'dashboard-colleague');

  // The history shows who did what, with short hashes.
  await a.getByRole('link', { name: 'History' }).click();
  await a.getByRole('heading', { level: 1, name: `History of ${orgName}` }).waitFor();
  const entries = a.locator('.timeline__item');
  assert.ok((await entries.count()) >= 3, 'several changes are recorded');
  const hash = await entries.first().locator('code').innerText();
  assert.ok(hash.length > 0 && hash.length <= 12, `short hash shown: ${hash}`);
  await shot(a, 'history');
  // Narrowed on the server: only the invitations, then only the colleague's own changes.
  await a.getByLabel('Show').selectOption({ label: 'Invitation changes' });
  await a.locator('.timeline__item').first().getByText('Invitation').waitFor();
  for (const badge of await a.locator('.timeline__entity .badge').allInnerTexts()) assert.equal(badge, 'Invitation');
  await a.getByLabel('Show').selectOption({ label: 'All changes' });
  await a.getByLabel('By').selectOption({ label: colleague.name });
  await a.locator('.timeline__item').first().waitFor();
  for (const who of await a.locator('.timeline__action strong').allInnerTexts()) assert.equal(who, colleague.name);
  await a.getByLabel('By').selectOption({ label: 'Anyone' });

  // The account page and logging out.
  await a.goto('/account');
  await a.getByRole('main').getByText(lead.email).waitFor();
  await shot(a, 'account');
  await a.getByRole('main').getByRole('button', { name: 'Log out' }).click();
  await a.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
  await a.getByText('You have logged out.').waitFor();
});
