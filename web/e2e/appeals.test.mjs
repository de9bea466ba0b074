// (Issue 15, item 11) An organisation appeals a decision of the certifying
// body, and only staff who took no part in it decide: the administrator
// suspends the demo's Pledges award; the Lead reads until when it can be
// appealed and appeals with grounds; the administrator who suspended it cannot
// decide it; a second administrator upholds it through its dialog, and the
// certificate is current again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axe, logIn, mailTo, setup, shot, signUp, person } from './helpers.mjs';

const PASSWORD = 'valuemark-demo';

let env;
before(async () => {
  env = await setup({ demo: true });
});
after(async () => {
  await env?.close();
});

test('an organisation appeals a suspension and a panel member who took no part upholds it', async () => {
  // The Pledges award, from the Lead's certification page.
  const lead = await env.newPage();
  await logIn(lead, 'lead@riverside.example', PASSWORD);
  await lead.getByRole('link', { name: 'Riverside Community Trust' }).first().click();
  await lead.getByRole('link', { name: 'Certification', exact: true }).click();
  await lead.getByRole('link', { name: /level 1 \(Pledges\)/ }).click();
  await lead.locator('#certificate-title').waitFor();
  const applicationPage = lead.url();
  assert.equal(await lead.getByRole('region', { name: 'Appeal' }).count(), 0); // in force: nothing to appeal

  // The administrator suspends it.
  const admin = await env.newPage();
  await logIn(admin, 'admin@valuemark.example', PASSWORD);
  await admin.goto(applicationPage);
  await admin.getByRole('button', { name: 'Suspend…' }).click();
  const suspend = admin.getByRole('dialog');
  await suspend.getByRole('textbox').fill('A complaint about the pledges is being investigated.');
  await suspend.getByRole('button', { name: 'Suspend the certificate' }).click();
  await suspend.waitFor({ state: 'detached' });

  // The Lead appeals, within the window the page states.
  await lead.reload();
  const panel = lead.getByRole('region', { name: 'Appeal' });
  await panel.getByText(/may appeal the suspension of .* until/).waitFor();
  await panel.getByRole('button', { name: 'Appeal the suspension' }).click();
  await panel.getByRole('button', { name: 'Send the appeal' }).click();
  await panel.getByText('Say why the suspension should change, with what the panel should look at.').waitFor();
  await panel.getByLabel('Your grounds').fill('The complaint was about another organisation with a similar name.');
  await shot(lead, 'appeal-form');
  await axe(lead, 'appeal form');
  await panel.getByRole('button', { name: 'Send the appeal' }).click();
  await panel.getByText(/appealed the suspension on .* A panel of the certifying body’s staff who took no part/).waitFor();
  await panel.getByText('being decided').waitFor();

  // The administrator who suspended it took part: the appeal is not theirs to decide.
  await admin.goto('/staff/appeals');
  await admin.getByRole('heading', { level: 1, name: 'Appeals' }).waitFor();
  await admin.getByRole('heading', { level: 2, name: /Riverside Community Trust/ }).waitFor();
  await admin.getByText(/You took part in this decision/).waitFor();
  assert.equal(await admin.getByRole('button', { name: 'Uphold…' }).count(), 0);

  // A second administrator, who took no part, is named by the first.
  const panelist = person('Panel');
  const second = await env.newPage();
  await signUp(second, panelist);
  await admin.goto(`/staff/users?q=${encodeURIComponent(panelist.email)}`);
  const row = admin.getByRole('row').filter({ hasText: panelist.email });
  await row.getByLabel(`Platform role of ${panelist.name}`).selectOption({ label: 'Administrator' });
  await row.getByRole('button', { name: `Save role of ${panelist.name}` }).click();
  await row.getByRole('button', { name: `Save role of ${panelist.name}` }).waitFor({ state: 'detached' });

  await second.goto('/');
  const inbox = second.getByRole('region', { name: /Waiting for you/ });
  await inbox.getByText('Decide an appeal').waitFor();
  await second.goto('/staff/appeals');
  await second.getByText('The complaint was about another organisation with a similar name.').waitFor();
  await second.getByRole('button', { name: 'Uphold…' }).click();
  const dialog = second.getByRole('dialog', { name: 'Uphold the appeal?' });
  await dialog.getByText(/The certificate is current again/).waitFor();
  await dialog.getByRole('button', { name: 'Uphold' }).click();
  await dialog.getByText('Give the reasons: the organisation reads them, and the audit trail keeps them.').waitFor();
  await dialog.getByLabel('Reasons').fill('The complaint named another organisation.');
  await shot(second, 'appeal-decide');
  await axe(second, 'deciding an appeal');
  await dialog.getByRole('button', { name: 'Uphold' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await second.getByText('No appeals are open').waitFor();

  // Current again, and the organisation is told why.
  const told = await mailTo('lead@riverside.example', { subject: /appeal against the suspension .* is upheld/ });
  assert.match(told.text, /The complaint named another organisation\./);
  await lead.reload();
  await lead.locator('#certificate-title').locator('..').getByText('Current', { exact: true }).waitFor();
  assert.equal(await lead.getByRole('region', { name: 'Appeal' }).count(), 0);
  await shot(lead, 'appeal-upheld');
});
