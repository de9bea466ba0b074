// (2) A user of another organisation opening the first organisation's
// dashboard gets the not-found state, and the API answers 404.
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

test("another organisation's dashboard is not found, in the page and in the API", async () => {
  const a = await env.newPage();
  await signUp(a, person('Owner'));
  await a.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
  const orgA = await createOrganisation(a, { name: 'First Organisation' });

  const b = await env.newPage();
  await signUp(b, person('Stranger'));
  await b.getByRole('heading', { level: 1, name: 'Your organisations' }).waitFor();
  const orgB = await createOrganisation(b, { name: 'Second Organisation' });
  assert.notEqual(orgA, orgB);

  await b.goto(`/organisations/${encodeURIComponent(orgA)}`);
  await b.getByRole('heading', { level: 1, name: 'This organisation was not found' }).waitFor();
  assert.equal(await b.getByText('First Organisation').count(), 0, 'nothing of the organisation is shown');
  await shot(b, 'dashboard-not-found');

  for (const p of [`/api/v1/organisations/${encodeURIComponent(orgA)}`, `/api/v1/organisations/${encodeURIComponent(orgA)}/dashboard`]) {
    const res = await b.request.get(p);
    assert.equal(res.status(), 404, `${p} answers 404`);
    const body = await res.json();
    assert.equal(body.error?.code, 'not_found');
  }
  // Its history is not found either.
  await b.goto(`/organisations/${encodeURIComponent(orgA)}/history`);
  await b.getByRole('heading', { level: 1, name: 'This organisation was not found' }).waitFor();

  // The owner still sees it.
  const res = await a.request.get(`/api/v1/organisations/${encodeURIComponent(orgA)}/dashboard`);
  assert.equal(res.status(), 200);

  // An unknown page is a 404 page of the app.
  await b.goto('/no/such/page');
  await b.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await shot(b, 'not-found');
});
