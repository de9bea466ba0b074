import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { ApiError, type AuditEntry } from '../api';
import { AuthProvider } from '../auth/AuthContext';
import { RedirectIfSignedIn } from '../components/Guards';
import { placeError } from '../hooks/useFormErrors';
import { fakeApi, user } from '../test/fakeApi';
import { mergeEntries } from './HistoryPage';
import { LoginPage } from './LoginPage';
import { absoluteUrl } from './organisation/InvitationsSection';
import { membershipSummary } from './organisation/MembershipSection';
import { ProfileForm, emptyProfile } from './organisation/ProfileForm';
import { NEXT_AFTER_CONFIRM_KEY, SignupPage } from './SignupPage';
import { VerifyEmailPage } from './VerifyEmailPage';
import { ConfirmEmailBanner } from '../components/ConfirmEmailBanner';

const unauthenticated = { status: 401, body: { error: { code: 'unauthenticated', message: 'no session' } } };

function renderAt(path: string, api: ReturnType<typeof fakeApi>['api']) {
  return render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <AuthProvider api={api}>
        <Routes>
          <Route
            path="/login"
            element={
              <RedirectIfSignedIn>
                <LoginPage />
              </RedirectIfSignedIn>
            }
          />
          <Route
            path="/signup"
            element={
              <RedirectIfSignedIn>
                <SignupPage />
              </RedirectIfSignedIn>
            }
          />
          <Route path="/" element={<h1>Home page</h1>} />
          <Route path="/invitations/:token" element={<h1>Invitation page</h1>} />
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
}

describe('LoginPage', () => {
  it('shows the server’s refusal at the top of the form', async () => {
    const { api } = fakeApi((_method, path) => {
      if (path === '/me') return unauthenticated;
      if (path === '/auth/login') return { status: 401, body: { error: { code: 'unauthenticated', message: 'email or password is wrong' } } };
    });
    const u = userEvent.setup();
    renderAt('/login', api);
    await u.type(await screen.findByLabelText('Email address'), 'ann@example.org');
    await u.type(screen.getByLabelText('Password'), 'wrong password');
    await u.click(screen.getByRole('button', { name: 'Log in' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Email or password is wrong');
    expect(alert).toHaveFocus();
  });

  it('checks the fields before sending anything', async () => {
    const { api, calls } = fakeApi((_m, path) => (path === '/me' ? unauthenticated : undefined));
    const u = userEvent.setup();
    renderAt('/login', api);
    await u.click(await screen.findByRole('button', { name: 'Log in' }));
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription('Error: Enter an email address.');
    expect(screen.getByLabelText('Email address')).toHaveFocus();
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Error: Enter your password.');
    expect(calls.filter((c) => c.path === '/auth/login')).toHaveLength(0);
  });

  it('logs in and goes on to `next`', async () => {
    let signedIn = false;
    const { api } = fakeApi((_m, path) => {
      if (path === '/me') return signedIn ? { status: 200, body: { user, csrf_token: 't', organisations: [] } } : unauthenticated;
      if (path === '/auth/login') {
        signedIn = true;
        return { status: 200, body: { user, csrf_token: 't' } };
      }
    });
    const u = userEvent.setup();
    renderAt('/login?next=%2Finvitations%2Fabc', api);
    await u.type(await screen.findByLabelText('Email address'), 'ann@example.org');
    await u.type(screen.getByLabelText('Password'), 'the right password');
    await u.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('heading', { name: 'Invitation page' })).toBeInTheDocument();
  });
});

describe('SignupPage', () => {
  it('shows a field error from the server beside that field', async () => {
    const { api } = fakeApi((_m, path) => {
      if (path === '/me') return unauthenticated;
      if (path === '/auth/signup')
        return { status: 400, body: { error: { code: 'invalid_argument', message: 'is a common password: choose another', field: 'password' } } };
    });
    const u = userEvent.setup();
    renderAt('/signup?email=ann%40example.org', api);
    expect(await screen.findByLabelText('Email address')).toHaveValue('ann@example.org');
    await u.type(screen.getByLabelText('Your name'), 'Ann Lee');
    await u.type(screen.getByLabelText('Password'), 'a long enough password');
    await u.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
        expect.stringContaining('Error: Is a common password: choose another'),
      ),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says to check the email, starts no session and keeps the way back to the invitation', async () => {
    window.localStorage.clear();
    const { api, calls } = fakeApi((_m, path) => {
      if (path === '/me') return unauthenticated;
      if (path === '/auth/signup') return { status: 202, body: { status: 'check_email' } };
    });
    const u = userEvent.setup();
    renderAt('/signup?next=%2Finvitations%2Fabc&email=ann%40example.org', api);
    await u.type(await screen.findByLabelText('Your name'), 'Ann Lee');
    await u.type(screen.getByLabelText('Password'), 'a long enough password');
    await u.click(screen.getByRole('button', { name: 'Create account' }));
    const title = await screen.findByRole('heading', { level: 1, name: 'Check your email' });
    expect(title).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('We have sent a message to ann@example.org.');
    expect(screen.getByText(/accept your invitation/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute(
      'href',
      '/login?next=%2Finvitations%2Fabc&email=ann%40example.org',
    );
    expect(window.localStorage.getItem(NEXT_AFTER_CONFIRM_KEY)).toBe('/invitations/abc');
    expect(calls.filter((c) => c.path === '/me')).toHaveLength(1);
  });
});

describe('VerifyEmailPage', () => {
  function renderVerify(path: string, api: ReturnType<typeof fakeApi>['api']) {
    return render(
      <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
        <AuthProvider api={api}>
          <Routes>
            <Route path="/verify-email" element={<VerifyEmailPage />} />
          </Routes>
        </AuthProvider>
      </MemoryRouter>,
    );
  }

  it('confirms the address once and offers to log in, on to the invitation', async () => {
    window.localStorage.setItem(NEXT_AFTER_CONFIRM_KEY, '/invitations/abc');
    const { api, calls } = fakeApi((_m, path) => {
      if (path === '/me') return unauthenticated;
      if (path === '/auth/verify-email') return { status: 204 };
    });
    renderVerify('/verify-email?token=tok123', api);
    expect(await screen.findByRole('heading', { level: 1, name: 'Email address confirmed' })).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login?next=%2Finvitations%2Fabc');
    const sent = calls.filter((c) => c.path === '/auth/verify-email');
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toEqual({ token: 'tok123' });
  });

  it('reads the account again when signed in, so that the banner goes', async () => {
    // The first read of the account is from before the link was opened.
    let reads = 0;
    const { api, calls } = fakeApi((_m, path) => {
      if (path === '/me') {
        reads += 1;
        return { status: 200, body: { user: { ...user, email_verified: reads > 1 }, csrf_token: 't', organisations: [] } };
      }
      if (path === '/auth/verify-email') return { status: 204 };
    });
    renderVerify('/verify-email?token=tok123', api);
    expect(await screen.findByRole('link', { name: 'Continue' })).toBeInTheDocument();
    await waitFor(() => expect(calls.filter((c) => c.path === '/me').length).toBeGreaterThanOrEqual(2));
  });

  it('explains a used or expired link', async () => {
    const { api } = fakeApi((_m, path) => {
      if (path === '/me') return unauthenticated;
      if (path === '/auth/verify-email')
        return {
          status: 400,
          body: { error: { code: 'invalid_argument', message: 'this confirmation link is unknown, used or expired: log in and ask for a new one', field: 'token' } },
        };
    });
    renderVerify('/verify-email?token=old', api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your email address was not confirmed');
    expect(alert).toHaveTextContent(/used or expired/i);
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
  });
});

describe('ConfirmEmailBanner', () => {
  it('shows for an unconfirmed account and sends the link again', async () => {
    const { api, calls } = fakeApi((_m, path) => {
      if (path === '/me') return { status: 200, body: { user: { ...user, email_verified: false }, csrf_token: 't', organisations: [] } };
      if (path === '/auth/verify-email/resend') return { status: 204 };
    });
    const u = userEvent.setup();
    render(
      <MemoryRouter>
        <AuthProvider api={api}>
          <ConfirmEmailBanner />
        </AuthProvider>
      </MemoryRouter>,
    );
    const banner = await screen.findByRole('region', { name: 'Confirm your email address' });
    expect(banner).toHaveTextContent('We sent a link to ann@example.org');
    await u.click(screen.getByRole('button', { name: 'Send the link again' }));
    expect(await screen.findByText(/We have sent a new link to ann@example.org/)).toBeInTheDocument();
    expect(calls.filter((c) => c.path === '/auth/verify-email/resend' && c.method === 'POST')).toHaveLength(1);
  });

  it('shows nothing once the address is confirmed', async () => {
    const { api } = fakeApi((_m, path) => (path === '/me' ? { status: 200, body: { user, csrf_token: 't', organisations: [] } } : undefined));
    const { container } = render(
      <MemoryRouter>
        <AuthProvider api={api}>
          <ConfirmEmailBanner />
        </AuthProvider>
      </MemoryRouter>,
    );
    await waitFor(() => expect(container).toBeEmptyDOMElement());
  });
});

describe('ProfileForm', () => {
  it('requires every part of the profile, then sends it trimmed', async () => {
    const sent: unknown[] = [];
    const u = userEvent.setup();
    render(
      <ProfileForm
        initial={emptyProfile()}
        submitLabel="Create organisation"
        busyLabel="Creating…"
        onSubmit={async (p) => {
          sent.push(p);
        }}
      />,
    );
    await u.click(screen.getByRole('button', { name: 'Create organisation' }));
    expect(screen.getByText('Choose a size band.')).toBeInTheDocument();
    expect(screen.getByLabelText('Organisation name')).toHaveAttribute('aria-invalid', 'true');
    expect(sent).toHaveLength(0);

    await u.type(screen.getByLabelText('Organisation name'), '  Riverside Trust ');
    await u.type(screen.getByLabelText('Legal structure'), 'Charity');
    await u.type(screen.getByLabelText('Sector'), 'Housing');
    await u.click(screen.getByLabelText('Very large'));
    await u.type(screen.getByLabelText('Area'), 'Leeds');
    await u.click(screen.getByRole('button', { name: 'Create organisation' }));
    expect(sent).toEqual([{ name: 'Riverside Trust', legal_structure: 'Charity', sector: 'Housing', size_band: 'very_large', area: 'Leeds' }]);
  });

  it('puts a server error about a field beside it, and others at the top', async () => {
    const u = userEvent.setup();
    let error: ApiError = new ApiError(400, 'invalid_argument', 'Area is too long', 'area');
    render(
      <ProfileForm
        initial={{ name: 'A', legal_structure: 'B', sector: 'C', size_band: 'small', area: 'D' }}
        submitLabel="Save profile"
        busyLabel="Saving…"
        onSubmit={async () => {
          throw error;
        }}
      />,
    );
    await u.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(screen.getByLabelText('Area')).toHaveAccessibleDescription(/Area is too long/);
    error = new ApiError(409, 'failed_precondition', 'Someone saved first');
    await u.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone saved first');
    expect(screen.getByLabelText('Area')).not.toHaveAttribute('aria-invalid');
  });
});

describe('helpers of the organisation pages', () => {
  it('places errors by field, including nested field paths', () => {
    const fields = ['status', 'start', 'expiry'] as const;
    expect(placeError(new ApiError(400, 'invalid_argument', 'bad', 'membership.expiry'), fields)).toEqual({ field: 'expiry', message: 'bad' });
    expect(placeError(new ApiError(400, 'invalid_argument', 'bad', 'token'), fields)).toEqual({ field: null, message: 'bad' });
    expect(placeError(new Error('boom'), fields)).toEqual({ field: null, message: 'boom' });
  });

  it('summarises membership', () => {
    const today = new Date('2026-11-23T00:00:00Z');
    expect(membershipSummary({ status: 'active', start: '2026-01-01', expiry: '2027-12-31' }, today)).toEqual({
      tone: 'success',
      text: 'Active until 31 Dec 2027',
    });
    expect(membershipSummary({ status: 'active', start: '2025-01-01', expiry: '2026-12-01' }, today).tone).toBe('warning');
    expect(membershipSummary({ status: 'lapsed', start: null, expiry: '2026-01-01' }, today).text).toBe('Lapsed on 1 Jan 2026');
    expect(membershipSummary({ status: 'none', start: null, expiry: null }, today).tone).toBe('neutral');
  });

  it('shows an accept URL in full whether the server sent a path or a URL', () => {
    expect(absoluteUrl('/invitations/abc', 'https://vm.example')).toBe('https://vm.example/invitations/abc');
    expect(absoluteUrl('http://127.0.0.1:8080/invitations/o.x', 'https://vm.example')).toBe('http://127.0.0.1:8080/invitations/o.x');
  });

  it('merges audit trails without repeats, newest first', () => {
    const e = (seq: number, at: string, chain = 'c'): AuditEntry => ({
      chain,
      seq,
      at,
      actor: null,
      action: 'x.create',
      entity_type: 'x',
      entity_id: String(seq),
      entity_name: null,
      changes: [],
      more_changes: 0,
      organisation_id: 'o',
      digest: 'd',
      hash: `h${seq}`,
    });
    const merged = mergeEntries([
      [e(1, '2026-01-01T00:00:00Z'), e(2, '2026-01-02T00:00:00Z')],
      [e(2, '2026-01-02T00:00:00Z'), e(3, '2026-01-02T00:00:00Z')],
    ]);
    expect(merged.map((x) => x.seq)).toEqual([3, 2, 1]);
  });
});

describe('placeErrors', () => {
  it('spreads several field errors over the form and keeps the rest for the top', async () => {
    const { placeErrors } = await import('../hooks/useFormErrors');
    const e = new ApiError(400, 'invalid_argument', 'Must not be empty', 'name', null, [
      { field: 'name', message: 'Must not be empty' },
      { field: 'membership.expiry', message: 'Must not be before membership.start' },
      { field: 'colour', message: 'Unknown field' },
    ]);
    expect(placeErrors(e, ['name', 'expiry'] as const)).toEqual({
      fieldErrors: { name: 'Must not be empty', expiry: 'Must not be before membership.start' },
      // The field that has no place in the form is named in words.
      formError: 'Colour: Unknown field',
    });
  });
});
