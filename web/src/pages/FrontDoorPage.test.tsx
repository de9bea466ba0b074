import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Scheme } from '../api';
import { AuthProvider } from '../auth/AuthContext';
import { SignedInOr } from '../components/Guards';
import { fakeApi, user } from '../test/fakeApi';
import { FrontDoorPage, latestSchemes } from './FrontDoorPage';

const unauthenticated = { status: 401, body: { error: { code: 'unauthenticated', message: 'no session' } } };

function scheme(id: string, name: string, version: number, levels: string[]): Scheme {
  return {
    id,
    name,
    version,
    summary: '',
    owner: 'Social Value International',
    published: null,
    pass_mark_percent: 100,
    results_due_days: 21,
    appeal_working_days: 10,
    terms: null,
    preparation_call: false,
    sign_off: ['lead', 'senior_leader'],
    validity_months: 24,
    fees: { currency: 'GBP', per_level_or_renewal: { small: 1, medium: 2, large: 3, very_large: 4 }, vat_percent: 20 },
    levels: levels.map((n, i) => ({ number: i + 1, name: n, verified: i > 0, min_pledges: 0, evidence_guidance: '', stages: [{ name: 'Plan', criteria: [] }] })),
  };
}

function renderHome(handler: Parameters<typeof fakeApi>[0]) {
  const { api } = fakeApi(handler);
  return render(
    <MemoryRouter initialEntries={['/']} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <AuthProvider api={api}>
        <Routes>
          <Route
            path="/"
            element={
              <SignedInOr visitor={<FrontDoorPage />}>
                <h1>Your organisations</h1>
              </SignedInOr>
            }
          />
          <Route path="/verify/:code" element={<h1>Verify page</h1>} />
          <Route path="/login" element={<h1>Log in page</h1>} />
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
}

describe('latestSchemes', () => {
  it('keeps each scheme once, its newest version, in the order listed', () => {
    const got = latestSchemes([scheme('a', 'A', 1, ['x']), scheme('b', 'B', 1, ['y']), scheme('a', 'A2', 3, ['z']), scheme('a', 'A', 2, [])]);
    expect(got.map((s) => [s.id, s.version])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
  });
});

describe('FrontDoorPage', () => {
  it('shows a visitor the schemes with their levels in order, and verifies a code', async () => {
    const items = [
      scheme('svqm', 'Social Value Quality Mark', 1, ['Pledges', 'Forecast', 'Evaluation', 'Organisation-wide']),
      scheme('svmc', 'Social Value Management Certificate', 1, ['Commit']),
      scheme('svmc', 'Social Value Management Certificate', 2, ['Commit', 'Implement', 'Manage']),
    ];
    renderHome((_m, path) => (path === '/me' ? unauthenticated : path.startsWith('/schemes') ? { status: 200, body: { items, next_cursor: null } } : undefined));
    expect(await screen.findByRole('heading', { level: 1, name: /Measure, manage and prove/ })).toBeInTheDocument();
    const svmc = await screen.findByRole('list', { name: 'Levels of the Social Value Management Certificate' });
    expect(within(svmc).getAllByRole('listitem').map((li) => li.querySelector('.level-steps__name')?.textContent)).toEqual([
      'Commit',
      'Implement',
      'Manage',
    ]);
    expect(screen.getAllByRole('heading', { level: 3, name: 'Social Value Management Certificate' })).toHaveLength(1);
    const svqm = screen.getByRole('list', { name: 'Levels of the Social Value Quality Mark' });
    expect(within(svqm).getByText('Self-declared: not reviewed by an assessor')).toBeInTheDocument();
    expect(screen.queryByText(/svmc|svqm/)).toBeNull();

    const u = userEvent.setup();
    const search = screen.getByRole('search', { name: 'Verify a certificate' });
    await u.click(within(search).getByRole('button', { name: 'Verify' }));
    expect(within(search).getByLabelText('Verification code')).toHaveAccessibleDescription(
      expect.stringContaining('Error: Enter the code printed on the certificate.'),
    );
    await u.type(within(search).getByLabelText('Verification code'), ' vm-abcd-efgh-jkmn {Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Verify page' })).toBeInTheDocument();
  });

  it('says when no scheme is published, and offers to try again after an error', async () => {
    renderHome((_m, path) => (path === '/me' ? unauthenticated : path.startsWith('/schemes') ? { status: 200, body: { items: [], next_cursor: null } } : undefined));
    expect(await screen.findByText('No certification scheme is published yet')).toBeInTheDocument();
  });

  it('shows the error with a way to try again', async () => {
    let fail = true;
    renderHome((_m, path) => {
      if (path === '/me') return unauthenticated;
      if (path.startsWith('/schemes'))
        return fail
          ? { status: 500, body: { error: { code: 'internal', message: 'the database is not answering' } } }
          : { status: 200, body: { items: [scheme('svmc', 'Social Value Management Certificate', 2, ['Commit'])], next_cursor: null } };
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The certification schemes could not be loaded');
    fail = false;
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Levels of the Social Value Management Certificate' })).toBeInTheDocument();
  });

  it('keeps the home page for a session', async () => {
    renderHome((_m, path) => (path === '/me' ? { status: 200, body: { user, csrf_token: 't', organisations: [] } } : undefined));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your organisations' })).toBeInTheDocument();
    expect(screen.queryByRole('search')).toBeNull();
  });
});
