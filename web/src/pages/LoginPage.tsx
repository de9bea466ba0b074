import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api';
import { useAuth } from '../auth/AuthContext';
import { TextField } from '../components/Field';
import { FormAlert, Notice } from '../components/FormAlert';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useFormErrors } from '../hooks/useFormErrors';
import { checkEmail, collect, hasErrors } from '../lib/validation';
import { AuthShell } from './AuthShell';

const FIELDS = ['email', 'password'] as const;

export function LoginPage() {
  useDocumentTitle('Log in');
  const { login } = useAuth();
  const [params] = useSearchParams();
  const location = useLocation();
  const next = params.get('next');
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const navState = location.state as { loggedOut?: boolean; expired?: boolean } | null;
  const loggedOut = navState?.loggedOut;
  const expired = navState?.expired;
  const passwordChanged = params.get('reset') === 'done';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found = collect({ email: checkEmail(email), password: password ? undefined : 'Enter your password.' });
    if (hasErrors(found)) {
      errors.setFieldErrors(found);
      errors.setFormError(null);
      (found.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await login(email.trim(), password);
      // The route guard sends a signed-in user on to `next`.
    } catch (err) {
      if (err instanceof ApiError && err.code === 'rate_limited' && err.retryAfter && !/try again/i.test(err.message)) {
        const minutes = Math.max(1, Math.ceil(err.retryAfter / 60));
        errors.setFormError(`${err.message} Try again in about ${minutes} minute${minutes === 1 ? '' : 's'}.`);
      } else {
        errors.fromError(err);
      }
      setBusy(false);
    }
  };

  const query = next ? `?next=${encodeURIComponent(next)}` : '';
  return (
    <AuthShell
      title="Log in"
      lead={next?.startsWith('/invitations/') ? 'Log in to accept your invitation.' : 'Welcome back.'}
      footer={
        <p>
          New to ValueMark? <Link to={`/signup${query}`}>Create an account</Link>
        </p>
      }
    >
      {loggedOut ? <Notice tone="success">You have logged out.</Notice> : null}
      {expired ? <Notice tone="warning">Your session has ended. Log in again to carry on.</Notice> : null}
      {passwordChanged ? <Notice tone="success">Your password has been changed. Log in with the new one.</Notice> : null}
      <form onSubmit={onSubmit} noValidate>
        <FormAlert message={errors.formError} title="You could not be logged in" />
        <TextField
          ref={emailRef}
          label="Email address"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.fieldErrors.email}
        />
        <TextField
          ref={passwordRef}
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fieldErrors.password}
        />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
            {busy ? 'Logging in…' : 'Log in'}
          </button>
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
      </form>
    </AuthShell>
  );
}
