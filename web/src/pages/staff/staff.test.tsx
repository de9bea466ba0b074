import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { AuthProvider } from '../../auth/AuthContext';
import { fakeApi, user, type Handler } from '../../test/fakeApi';
import { countInWords } from './ListSearch';
import { ReviewQueuePage } from './ReviewQueuePage';
import { StaffOrganisationsPage } from './StaffOrganisationsPage';
import { StaffUsersPage } from './StaffUsersPage';

const admin = { status: 200, body: { user: { ...user, id: 'admin', platform_role: 'administrator' }, csrf_token: 'tok', organisations: [] } };
const page = (items: unknown[], next_cursor: string | null = null) => ({ status: 200, body: { items, next_cursor } });

const person = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `u${n}`,
  email: `person${n}@example.org`,
  name: `Person ${n}`,
  platform_role: 'none',
  created_at: '2026-01-01T00:00:00Z',
  email_verified: true,
  ...extra,
});
const organisation = (n: number, name: string) => ({
  id: `o${n}`,
  name,
  legal_structure: 'Registered charity',
  sector: 'Housing',
  size_band: 'small',
  area: 'Leeds',
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  membership: { status: 'active', start: '2026-01-01', expiry: '2027-01-01' },
  representatives: { lead: null, senior_leader: null },
  my_role: null,
});
const queueItem = (n: number, organisation_name: string, state: string) => ({
  organisation_name,
  application: { id: `a${n}`, state, scheme_name: 'Social Value Quality Mark', level: 1, level_name: 'Pledges', results_due: null },
});

/** Where the app is, and a way back, as a person has with the browser. */
function Location() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="search">{location.search}</output>
      <button type="button" onClick={() => navigate(-1)}>
        Browser back
      </button>
    </>
  );
}

function renderAt(path: string, handler: Handler) {
  const fake = fakeApi((method, p, body) => (p === '/me' ? admin : handler(method, p, body)));
  render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <AuthProvider api={fake.api}>
        <Routes>
          <Route path="/staff/users" element={<StaffUsersPage />} />
          <Route path="/staff/organisations" element={<StaffOrganisationsPage />} />
          <Route path="/staff/applications" element={<ReviewQueuePage />} />
        </Routes>
        <Location />
      </AuthProvider>
    </MemoryRouter>,
  );
  return fake;
}

/** The query of each list request made, e.g. "limit=25&q=lee". */
const queries = (calls: { path: string }[], prefix: string) =>
  calls.filter((c) => c.path === prefix || c.path.startsWith(`${prefix}?`)).map((c) => c.path.slice(prefix.length + 1));
const search = () => screen.getByTestId('search').textContent;
const count = () => screen.getByText((_, el) => el?.classList.contains('list-search__count') ?? false);

describe('StaffUsersPage filters', () => {
  it('searches as the person types, filters by role and access, keeps the filters in the address and clears them', async () => {
    const { calls } = renderAt('/staff/users', (_m, p) => {
      if (!p.startsWith('/users')) return undefined;
      const q = new URLSearchParams(p.split('?')[1]);
      if (q.get('status') === 'deactivated') return page([]);
      if (q.get('q') === 'lee') return page([person(1, { name: 'Ann Lee' })]);
      return page([person(1, { name: 'Ann Lee' }), person(2), person(3)]);
    });
    const u = userEvent.setup();
    expect(await screen.findByRole('search', { name: 'Search users' })).toBeInTheDocument();
    await waitFor(() => expect(count()).toHaveTextContent('3 users in all.'));
    expect(count()).toHaveAttribute('aria-live', 'polite');

    await u.type(screen.getByLabelText('Name or email'), 'lee');
    await waitFor(() => expect(count()).toHaveTextContent('1 user found.'));
    expect(search()).toBe('?q=lee');
    // One request for the whole word: the box waits for the typing to pause.
    expect(queries(calls, '/users')).toEqual(['limit=25', 'limit=25&q=lee']);

    await u.selectOptions(screen.getByLabelText('Platform role'), 'Assessors');
    await waitFor(() => expect(queries(calls, '/users').at(-1)).toBe('limit=25&q=lee&role=assessor'));
    expect(search()).toBe('?q=lee&role=assessor');
    expect(within(screen.getByLabelText('Platform role')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Any role',
      'Assessors',
      'Administrators',
      'Brokers',
      'No staff role',
    ]);

    await u.selectOptions(screen.getByLabelText('Access'), 'Deactivated');
    await waitFor(() => expect(queries(calls, '/users').at(-1)).toBe('limit=25&q=lee&role=assessor&status=deactivated'));
    expect(await screen.findByText('No users match these filters')).toBeInTheDocument();
    expect(count()).toHaveTextContent('No users found.');

    // Back undoes one filter at a time.
    await u.click(screen.getByRole('button', { name: 'Browser back' }));
    await waitFor(() => expect(search()).toBe('?q=lee&role=assessor'));
    expect(screen.getByLabelText('Access')).toHaveValue('');
    expect(screen.getByLabelText('Name or email')).toHaveValue('lee');
    await u.click(screen.getByRole('button', { name: 'Browser back' }));
    await u.click(screen.getByRole('button', { name: 'Browser back' }));
    await waitFor(() => expect(search()).toBe(''));
    expect(screen.getByLabelText('Name or email')).toHaveValue('');
    await u.click(screen.getByRole('button', { name: 'Browser back' })); // nothing before the first page: stays

    await u.selectOptions(screen.getByLabelText('Access'), 'Deactivated');
    await u.click(await screen.findByRole('button', { name: 'Clear the filters' }));
    await waitFor(() => expect(search()).toBe(''));
    expect(screen.getByLabelText('Name or email')).toHaveFocus();
    await waitFor(() => expect(count()).toHaveTextContent('3 users in all.'));
    expect(queries(calls, '/users').at(-1)).toBe('limit=25');
  });

  it('starts from the filters in the address and searches at once on Enter', async () => {
    const { calls } = renderAt('/staff/users?q=ann&role=administrator&status=active', (_m, p) => (p.startsWith('/users') ? page([person(1)]) : undefined));
    const u = userEvent.setup();
    await waitFor(() => expect(queries(calls, '/users')).toEqual(['limit=25&q=ann&role=administrator&status=active']));
    expect(screen.getByLabelText('Name or email')).toHaveValue('ann');
    expect(screen.getByLabelText('Platform role')).toHaveDisplayValue('Administrators');
    expect(screen.getByLabelText('Access')).toHaveDisplayValue('Active');
    await u.clear(screen.getByLabelText('Name or email'));
    await u.type(screen.getByLabelText('Name or email'), 'ann lee{Enter}');
    expect(queries(calls, '/users').at(-1)).toBe('limit=25&q=ann+lee&role=administrator&status=active');
    expect(search()).toBe('?q=ann+lee&role=administrator&status=active');
    await u.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(search()).toBe(''));
    expect(screen.getByLabelText('Name or email')).toHaveValue('');
    expect(screen.getByLabelText('Name or email')).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });

  it('ignores a filter value it does not know', async () => {
    const { calls } = renderAt('/staff/users?role=boss', (_m, p) => (p.startsWith('/users') ? page([person(1)]) : undefined));
    await waitFor(() => expect(queries(calls, '/users')).toEqual(['limit=25']));
    expect(screen.getByLabelText('Platform role')).toHaveDisplayValue('Any role');
  });

  it('pages through the results, says which ones show, and starts again at the first page for a new search', async () => {
    const { calls } = renderAt('/staff/users', (_m, p) => {
      if (!p.startsWith('/users')) return undefined;
      if (p.includes('cursor=next')) return page([person(26), person(27)]);
      if (p.includes('q=')) return page([person(3)]);
      return page(
        Array.from({ length: 25 }, (_, i) => person(i + 1)),
        'next',
      );
    });
    const u = userEvent.setup();
    await waitFor(() => expect(count()).toHaveTextContent('Users 1 to 25, more on the next page.'));
    const pager = screen.getByRole('navigation', { name: 'User pages' });
    await u.click(within(pager).getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(count()).toHaveTextContent('Users 26 to 27 of 27.'));
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    await u.type(screen.getByLabelText('Name or email'), '3{Enter}');
    await waitFor(() => expect(count()).toHaveTextContent('1 user found.'));
    expect(queries(calls, '/users').at(-1)).toBe('limit=25&q=3');
    expect(screen.queryByRole('navigation', { name: 'User pages' })).toBeNull();
  });

  it('shows a filter the server refuses beside that filter', async () => {
    renderAt('/staff/users?q=x', (_m, p) =>
      p.startsWith('/users')
        ? { status: 400, body: { error: { code: 'invalid_argument', message: 'is too long', field: 'q', fields: [{ field: 'q', message: 'is too long' }] } } }
        : undefined,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('These filters cannot be used');
    expect(screen.getByLabelText('Name or email')).toHaveAccessibleDescription(expect.stringContaining('Error: Is too long'));
    expect(screen.getByLabelText('Name or email')).toHaveAttribute('aria-invalid', 'true');
    expect(within(alert).getByRole('button', { name: 'Clear the filters' })).toBeInTheDocument();
  });
});

describe('StaffOrganisationsPage search', () => {
  it('finds organisations by part of the name and says when none matches', async () => {
    const { calls } = renderAt('/staff/organisations', (_m, p) => {
      if (!p.startsWith('/organisations')) return undefined;
      const q = new URLSearchParams(p.split('?')[1]).get('q');
      const all = [organisation(1, 'Riverside Community Trust'), organisation(2, 'Northgate Food Bank')];
      return page(q ? all.filter((o) => o.name.toLowerCase().includes(q.toLowerCase())) : all);
    });
    const u = userEvent.setup();
    expect(await screen.findByRole('search', { name: 'Search organisations' })).toBeInTheDocument();
    await waitFor(() => expect(count()).toHaveTextContent('2 organisations in all.'));
    await u.type(screen.getByLabelText('Organisation name'), 'river');
    await waitFor(() => expect(count()).toHaveTextContent('1 organisation found.'));
    expect(screen.getByRole('link', { name: 'Riverside Community Trust' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Northgate Food Bank' })).toBeNull();
    expect(queries(calls, '/organisations').at(-1)).toBe('limit=25&q=river');
    expect(search()).toBe('?q=river');

    await u.type(screen.getByLabelText('Organisation name'), 'zzz');
    expect(await screen.findByText('No organisation’s name contains “riverzzz”')).toBeInTheDocument();
    // Refining a search replaces its entry in the history: back goes to the whole list.
    await u.click(screen.getByRole('button', { name: 'Browser back' }));
    await waitFor(() => expect(search()).toBe(''));
    await waitFor(() => expect(count()).toHaveTextContent('2 organisations in all.'));
  });
});

describe('ReviewQueuePage filters', () => {
  it('filters the queue by state in words and by organisation name', async () => {
    const { calls } = renderAt('/staff/applications', (_m, p) => {
      if (!p.startsWith('/applications')) return undefined;
      const q = new URLSearchParams(p.split('?')[1]);
      const all = [queueItem(1, 'Riverside Community Trust', 'awarded'), queueItem(2, 'Northgate Food Bank', 'in_review')];
      return page(all.filter((x) => (!q.get('state') || x.application.state === q.get('state')) && (!q.get('q') || x.organisation_name.includes(q.get('q')!))));
    });
    const u = userEvent.setup();
    expect(await screen.findByRole('search', { name: 'Search the review queue' })).toBeInTheDocument();
    await waitFor(() => expect(count()).toHaveTextContent('2 applications in all.'));
    const states = within(screen.getByLabelText('State')).getAllByRole('option').map((o) => o.textContent);
    expect(states).toEqual([
      'Any state',
      'Submitted',
      'Queued for the next round',
      'In review',
      'Amendments requested',
      'Recommended for award',
      'Awarded',
      'Rejected',
    ]);
    await u.selectOptions(screen.getByLabelText('State'), 'In review');
    await waitFor(() => expect(count()).toHaveTextContent('1 application found.'));
    expect(screen.getByRole('link', { name: 'Northgate Food Bank' })).toBeInTheDocument();
    expect(queries(calls, '/applications').at(-1)).toBe('state=in_review&limit=200');
    expect(search()).toBe('?state=in_review');

    await u.type(screen.getByLabelText('Organisation name'), 'River{Enter}');
    expect(await screen.findByText('No applications match these filters')).toBeInTheDocument();
    expect(queries(calls, '/applications').at(-1)).toBe('q=River&state=in_review&limit=200');
    await u.click(screen.getByRole('button', { name: 'Clear the filters' }));
    await waitFor(() => expect(count()).toHaveTextContent('2 applications in all.'));
    expect(search()).toBe('');
  });
});

describe('countInWords', () => {
  const noun = ['user', 'users'] as const;
  it('says how many, on one page or several', () => {
    expect(countInWords({ count: 0, noun, filtered: true })).toBe('No users found.');
    expect(countInWords({ count: 0, noun, filtered: false })).toBe('No users yet.');
    expect(countInWords({ count: 1, noun, filtered: true })).toBe('1 user found.');
    expect(countInWords({ count: 7, noun, filtered: false })).toBe('7 users in all.');
    expect(countInWords({ count: 25, noun, filtered: false, pageNumber: 1, pageSize: 25, hasNext: true })).toBe('Users 1 to 25, more on the next page.');
    expect(countInWords({ count: 25, noun, filtered: true, pageNumber: 2, pageSize: 25, hasNext: true })).toBe(
      'Users 26 to 50 of those found, more on the next page.',
    );
    expect(countInWords({ count: 3, noun, filtered: true, pageNumber: 3, pageSize: 25 })).toBe('Users 51 to 53 of 53 found.');
    expect(countInWords({ count: 0, noun, filtered: true, pageNumber: 2, pageSize: 25 })).toBe('No more users on this page.');
  });
});
