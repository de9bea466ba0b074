import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../api';
import { AuthProvider } from '../../auth/AuthContext';
import { fakeApi, user, type Handler } from '../../test/fakeApi';
import { svmc, svqm, svqmStandards } from '../../test/schemes';
import { CertificationPage } from '../certification/CertificationPage';
import { StaffSchemesPage } from '../staff/StaffSchemesPage';
import { SchemePage, currentRounds } from './SchemePage';
import { SchemesPage } from './SchemesPage';

const unauthenticated = { status: 401, body: { error: { code: 'unauthenticated', message: 'no session' } } };
const admin = { status: 200, body: { user: { ...user, platform_role: 'administrator' }, csrf_token: 'tok', organisations: [] } };
const member = { status: 200, body: { user, csrf_token: 'tok', organisations: [] } };
const list = (items: Scheme[]) => ({ status: 200, body: { items, next_cursor: null } });

function renderAt(path: string, handler: Handler) {
  const fake = fakeApi(handler);
  render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <AuthProvider api={fake.api}>
        <Routes>
          <Route path="/schemes" element={<SchemesPage />} />
          <Route path="/schemes/:id" element={<SchemePage />} />
          <Route path="/staff/schemes" element={<StaffSchemesPage />} />
          <Route path="/organisations/:id/certification" element={<CertificationPage />} />
          <Route path="/login" element={<h1>Log in page</h1>} />
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
  return fake;
}

/** No id, criterion code, enum value or path in what the page shows. */
function expectWordsOnly() {
  const text = document.body.textContent ?? '';
  expect(text).not.toMatch(/\bsvmc\b|\bsvqm\b|svqm-standards|svmc\.\d|very_large|senior_leader|\w+\[\d+\]|\b(true|false|null|undefined)\b/);
}

describe('SchemesPage', () => {
  it('lists every scheme, tells the two forms of the Quality Mark apart and says how they differ', async () => {
    renderAt('/schemes', (_m, path) => (path === '/me' ? unauthenticated : path.startsWith('/schemes') ? list([svmc, svqm, svqmStandards]) : undefined));
    expect(await screen.findByRole('heading', { level: 1, name: 'Certification schemes' })).toBeInTheDocument();
    const titles = (await screen.findAllByRole('heading', { level: 3 })).map((h) => h.textContent);
    expect(titles).toEqual([
      'Social Value Management Certificate',
      'Social Value Quality Mark (Pledges to Organisation-wide)',
      'Social Value Quality Mark (Bronze to Platinum)',
    ]);
    expect(screen.getByRole('heading', { level: 3, name: 'Social Value Quality Mark (Pledges to Organisation-wide)' }).querySelector('a')).toHaveAttribute('href', '/schemes/svqm');
    const forms = screen.getByRole('region', { name: 'Two forms of the Social Value Quality Mark' });
    const table = within(forms).getByRole('table', { name: 'How the forms of the Social Value Quality Mark differ' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Aspect',
      'Social Value Quality Mark (Pledges to Organisation-wide)',
      'Social Value Quality Mark (Bronze to Platinum)',
    ]);
    const who = within(table).getByRole('row', { name: /Who checks the evidence/ });
    expect(who).toHaveTextContent('Level 1 (Pledges) is self-declared');
    expect(who).toHaveTextContent('checks the evidence for every level');
    expect(forms).toHaveTextContent(/separate schemes/);
    expectWordsOnly();
  });

  it('says when no scheme is published, and offers to try again after an error', async () => {
    let answer: ReturnType<Handler> = { status: 503, body: { error: { code: 'unavailable', message: 'busy' } } };
    renderAt('/schemes', (_m, path) => (path === '/me' ? unauthenticated : path.startsWith('/schemes') ? answer : undefined));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The certification schemes could not be loaded');
    answer = list([]);
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No certification scheme is published yet')).toBeInTheDocument();
  });
});

describe('SchemePage', () => {
  it('shows a scheme’s levels, criteria by stage with their evidence, fees, and that rounds are for members', async () => {
    renderAt('/schemes/svmc', (_m, path) => (path === '/me' ? unauthenticated : path.startsWith('/schemes') ? list([svmc, svqm, svqmStandards]) : undefined));
    expect(await screen.findByRole('heading', { level: 1, name: 'Social Value Management Certificate' })).toBeInTheDocument();
    const level1 = screen.getByRole('region', { name: 'Level 1: Commit' });
    expect(within(level1).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Creating Capacity',
      'Plan',
      'Do',
      'Assess',
      'Revise',
    ]);
    expect(within(level1).getByText('A named Social Value Lead is responsible.')).toBeInTheDocument();
    expect(within(level1).getByText('A role description.')).toBeInTheDocument();
    expect(within(level1).getByText('Checked by an assessor')).toBeInTheDocument();
    const fees = screen.getByRole('table', { name: 'Fee per level or renewal, before VAT' });
    expect(within(fees).getByRole('row', { name: 'Very large £1,250.00' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Fees' })).toHaveTextContent('plus VAT at 20 %');
    const glance = screen.getByRole('region', { name: 'At a glance' });
    expect(glance).toHaveTextContent('24 months (two years)');
    // The scheme's own rules, from its file: pass mark, sign-off, results, owner and date.
    expect(glance).toHaveTextContent('Every criterion of a level must be met.');
    expect(glance).toHaveTextContent('The Social Value Lead and the Senior Leader both sign off the evidence.');
    expect(glance).toHaveTextContent('Within 21 days of a complete submission.');
    expect(glance).toHaveTextContent('Social Value International; this version published 1 Mar 2020.');
    expect(screen.getByText(/^A certificate of how well your organisation manages its social value/)).toBeInTheDocument();
    const rounds = screen.getByRole('region', { name: 'Rounds' });
    expect(await within(rounds).findByText(/announces its open and upcoming rounds to members/)).toBeInTheDocument();
    expect(screen.queryByText(/Not to be confused/)).toBeNull();
    expectWordsOnly();
  });

  it('names the other form of the Quality Mark, and marks the self-declared level', async () => {
    renderAt('/schemes/svqm', (_m, path) => (path === '/me' ? unauthenticated : path.startsWith('/schemes') ? list([svmc, svqm, svqmStandards]) : undefined));
    expect(await screen.findByRole('heading', { level: 1, name: 'Social Value Quality Mark (Pledges to Organisation-wide)' })).toBeInTheDocument();
    const note = screen.getByText(/Not to be confused with/).closest('.alert') as HTMLElement;
    expect(within(note).getByRole('link', { name: 'Social Value Quality Mark (Bronze to Platinum)' })).toHaveAttribute('href', '/schemes/svqm-standards');
    expect(within(note).getByRole('link', { name: 'How they differ' })).toHaveAttribute('href', '/schemes#forms-social-value-quality-mark');
    expect(within(screen.getByRole('region', { name: 'Level 1: Pledges' })).getByText('Self-declared')).toBeInTheDocument();
    expectWordsOnly();
  });

  it('says how many pledges a level asks for and what evidence suits it, and a pass mark below all', async () => {
    const bronze = { ...svqmStandards, pass_mark_percent: 80, levels: svqmStandards.levels.map((l) => (l.number === 1 ? { ...l, min_pledges: 6, evidence_guidance: 'Policies, plans and a first account.' } : l)) };
    renderAt('/schemes/svqm-standards', (_m, path) => (path === '/me' ? unauthenticated : path.startsWith('/schemes') ? list([svmc, svqm, bronze]) : undefined));
    const level1 = await screen.findByRole('region', { name: 'Level 1: Bronze' });
    expect(level1).toHaveTextContent('an application gives at least six pledges as evidence');
    expect(level1).toHaveTextContent('Evidence that suits this level: Policies, plans and a first account.');
    expect(within(screen.getByRole('region', { name: 'Level 2: Silver' })).queryByText(/Pledges:/)).toBeNull();
    expect(screen.getByRole('region', { name: 'At a glance' })).toHaveTextContent('At least 80 % of a level’s criteria must be met.');
    expectWordsOnly();
  });

  it('shows a member the open and upcoming rounds', async () => {
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 34 * 86_400_000).toISOString().slice(0, 10);
    const past = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    const rounds = [
      { id: 'r1', name: 'Winter round', opens_on: past, closes_on: past, created_at: '', created_by: '', applications: null },
      { id: 'r2', name: 'Spring round', opens_on: today, closes_on: soon, created_at: '', created_by: '', applications: null },
      { id: 'r3', name: 'Summer round', opens_on: soon, closes_on: later, created_at: '', created_by: '', applications: null },
    ];
    renderAt('/schemes/svmc', (_m, path) =>
      path === '/me' ? member : path.startsWith('/schemes') ? list([svmc]) : path.startsWith('/rounds') ? { status: 200, body: { items: rounds, next_cursor: null } } : undefined,
    );
    const region = await screen.findByRole('region', { name: 'Rounds' });
    const items = await within(region).findAllByRole('listitem');
    expect(items.map((li) => li.textContent?.replace(/:.*?(open now|upcoming)/, ': $1'))).toEqual(['Spring round: open now', 'Summer round: upcoming']);
    expect(currentRounds(rounds).map((r) => r.name)).toEqual(['Spring round', 'Summer round']);
  });

  it('shows an earlier version as such, and a scheme that does not exist as not found', async () => {
    const v3 = { ...svmc, version: 3 };
    renderAt('/schemes/svmc?version=2', (_m, path) => (path === '/me' ? unauthenticated : path.startsWith('/schemes') ? list([svmc, v3]) : undefined));
    expect(await screen.findByText(/This is version 2, kept for the applications that started on it/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'version 3' })).toHaveAttribute('href', '/schemes/svmc');
  });

  it('says when a scheme is not found', async () => {
    renderAt('/schemes/nothing', (_m, path) => (path === '/me' ? unauthenticated : path.startsWith('/schemes') ? list([svmc]) : undefined));
    expect(await screen.findByRole('heading', { level: 1, name: 'This scheme was not found' })).toBeInTheDocument();
  });
});

describe('StaffSchemesPage', () => {
  const v3: Scheme = structuredClone(svmc);
  v3.version = 3;
  v3.levels[0].stages[0].criteria[0].text = 'A named Social Value Lead and senior leader are responsible.';
  v3.fees.per_level_or_renewal.small = 600;

  it('lists the versions and compares two of them in words', async () => {
    renderAt('/staff/schemes', (_m, path) => (path === '/me' ? admin : path.startsWith('/schemes') ? list([svmc, svqm, v3]) : undefined));
    const table = await screen.findByRole('table', { name: 'Published scheme versions' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual([
      'Social Value Management Certificate, version 3',
      'Social Value Management Certificate, version 2',
      'Social Value Quality Mark, version 1',
    ]);
    expect(rows[0]).toHaveTextContent('CurrentNew applications start on it.');
    expect(rows[1]).toHaveTextContent('EarlierKept for the applications started on it.');

    const u = userEvent.setup();
    const compare = screen.getByRole('region', { name: 'Compare two versions' });
    expect(within(compare).getByLabelText('From version')).toHaveValue('2');
    expect(within(compare).getByLabelText('To version')).toHaveValue('3');
    await u.click(within(compare).getByRole('button', { name: 'Compare' }));
    const result = await within(compare).findByRole('region', { name: 'What changed from version 2 to version 3' });
    expect(result).toHaveTextContent('The fee for a small organisation is now £600.00 a level or renewal, instead of £500.00.');
    expect(within(result).getByRole('heading', { level: 4, name: 'Level 1: Commit' })).toBeInTheDocument();
    expect(within(result).getByText('A named Social Value Lead is responsible.').tagName).toBe('DEL');
    expect(within(result).getByText('A named Social Value Lead and senior leader are responsible.').tagName).toBe('INS');

    // The same version twice is refused beside the field.
    await u.selectOptions(within(compare).getByLabelText('From version'), '3');
    await u.click(within(compare).getByRole('button', { name: 'Compare' }));
    expect(within(compare).getByLabelText('From version')).toHaveAccessibleDescription('Error: Choose two different versions.');

    // A scheme with one version has nothing to compare with.
    await u.selectOptions(within(compare).getByLabelText('Scheme'), 'svqm');
    expect(within(compare).getByText(/Only one version of this scheme is published/)).toBeInTheDocument();
    expectWordsOnly();
  });

  it('publishes a scheme file: every problem in words, then the new version', async () => {
    const file = {
      id: 'svmc',
      name: 'Social Value Management Certificate',
      version: 3,
      currency: 'GBP',
      fees_pence: { small: 60000, medium: 75000, large: 100000, very_large: 125000 },
      vat_percent: 20,
      validity_months: 24,
      stages: ['Creating Capacity'],
      levels: [{ number: 1, name: 'Commit', verified: true, criteria: [{ id: 'svmc.1.cc.1', stage: 'Creating Capacity', text: '', evidence_guidance: 'A role.' }] }],
    };
    let published: Scheme[] = [];
    const fake = renderAt('/staff/schemes', (method, path, body) => {
      if (path === '/me') return admin;
      if (method === 'POST' && path === '/schemes') {
        const b = body as typeof file;
        if (!b.levels[0].criteria[0].text)
          return {
            status: 400,
            body: {
              error: {
                code: 'invalid_argument',
                message: '2 problems',
                fields: [
                  { field: 'levels[0].criteria[0].text', message: 'must not be empty' },
                  { field: 'fees_pence.very_large', message: 'must be a whole number between 1 and 1000000000, got -5' },
                ],
              },
            },
          };
        published = [v3];
        return { status: 201, body: v3 };
      }
      if (path.startsWith('/schemes')) return list([svmc, ...published]);
    });
    const u = userEvent.setup();
    const publish = await screen.findByRole('region', { name: 'Publish a new version' });
    const input = within(publish).getByLabelText('Scheme file');

    // Not JSON: said beside the field, nothing sent.
    await u.upload(input, new File(['hello'], 'notes.json', { type: 'application/json' }));
    expect(await within(publish).findByText(/This file is not a scheme file/)).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');

    await u.upload(input, new File([JSON.stringify(file)], 'svmc-v3.json', { type: 'application/json' }));
    const preview = await within(publish).findByRole('region', { name: 'Social Value Management Certificate, version 3' });
    expect(preview).toHaveTextContent('compared with version 2, the current one');
    expect(preview).toHaveTextContent('The fee for a small organisation is now £600.00');
    await u.click(within(publish).getByRole('button', { name: 'Publish version 3' }));
    const alert = await within(publish).findByRole('alert');
    expect(alert).toHaveTextContent('Version 3 was not published: the file has two problems');
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Level 1 “Commit”, criterion 1, its text: must not be empty',
      'The fee for a very large organisation: must be a whole number between 1 and 1000000000, got -5',
    ]);
    expect(alert).toHaveFocus();
    expect(input).toHaveAccessibleDescription(expect.stringContaining('Version 3 was not published'));
    expectWordsOnly();

    file.levels[0].criteria[0].text = 'A named Social Value Lead and senior leader are responsible.';
    const text = JSON.stringify(file);
    await u.upload(within(publish).getByLabelText('Scheme file'), new File([text], 'svmc-v3.json', { type: 'application/json' }));
    await u.click(within(publish).getByRole('button', { name: 'Publish version 3' }));
    expect(await within(publish).findByText(/Version 3 of the Social Value Management Certificate is published/)).toBeInTheDocument();
    expect(within(publish).queryByRole('alert')).toBeNull();
    const post = fake.calls.filter((c) => c.method === 'POST').at(-1);
    expect(post?.headers['X-CSRF-Token']).toBe('tok');
    expect(post?.body).toEqual(JSON.parse(text));
    // The list shows the new version, and the comparison is ready for it.
    const table = screen.getByRole('table', { name: 'Published scheme versions' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    const compare = screen.getByRole('region', { name: 'Compare two versions' });
    expect(within(compare).getByLabelText('From version')).toHaveValue('2');
    expect(within(compare).getByLabelText('To version')).toHaveValue('3');
  });

  it('shows the error when the schemes cannot be loaded', async () => {
    renderAt('/staff/schemes', (_m, path) =>
      path === '/me' ? admin : path.startsWith('/schemes') ? { status: 500, body: { error: { code: 'internal', message: 'the database is not answering' } } } : undefined,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The schemes could not be loaded');
    expect(alert).toHaveTextContent('The database is not answering');
  });
});

describe('CertificationPage', () => {
  it('tells the two forms of the Quality Mark apart when an application is started, and links to the criteria', async () => {
    const organisation = { id: 'o1', name: 'Riverside Trust', size_band: 'medium' };
    renderAt('/organisations/o1/certification', (_m, path) => {
      if (path === '/me') return member;
      if (path === '/organisations/o1/dashboard')
        return { status: 200, body: { organisation, my_role: 'lead', scopes: [], members: [], invitations: [], representatives: { lead: null, senior_leader: null } } };
      if (path.startsWith('/schemes')) return list([svmc, { ...svmc, version: 1 }, svqm, svqmStandards]);
      if (path.startsWith('/organisations/o1/applications')) return list([]);
      if (path.startsWith('/organisations/o1/eligibility')) return { status: 200, body: { eligible: true, problems: [], complete: true, incomplete: [] } };
    });
    const select = await screen.findByLabelText('Scheme');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Social Value Management Certificate, version 2',
      'Social Value Quality Mark (Pledges to Organisation-wide), version 1',
      'Social Value Quality Mark (Bronze to Platinum), version 1',
    ]);
    const u = userEvent.setup();
    await u.selectOptions(select, 'svqm-standards');
    expect(select).toHaveAccessibleDescription(expect.stringContaining('nine standards'));
    expect(screen.getByRole('link', { name: 'Read the criteria of every level of the Social Value Quality Mark (Bronze to Platinum)' })).toHaveAttribute(
      'href',
      '/schemes/svqm-standards',
    );
    await u.selectOptions(select, 'svqm');
    expect(select).toHaveAccessibleDescription(expect.stringContaining('pledge to measure'));
    expect(within(screen.getByLabelText('Level')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      '1. Pledges',
      '2. Forecast',
      '3. Evaluation',
      '4. Organisation-wide',
    ]);
  });
});
