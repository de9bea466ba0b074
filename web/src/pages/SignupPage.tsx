import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { TextField } from '../components/Field';
import { FormAlert, Notice } from '../components/FormAlert';
import { safeNext } from '../components/Guards';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useFormErrors } from '../hooks/useFormErrors';
import { PASSWORD_MIN, checkEmail, checkPassword, checkRequired, collect, hasErrors } from '../lib/validation';
import { AuthShell } from './AuthShell';

const FIELDS = ['name', 'email', 'password'] as const;

/** Where the verify-email page sends the person on (kept in this browser while they read their email). */
export const NEXT_AFTER_CONFIRM_KEY = 'valuemark.next-after-confirm';
type F = (typeof FIELDS)[number];

export function SignupPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  useDocumentTitle(sentTo ? 'Check your email' : 'Create an account');
  const { signup } = useAuth();
  const [params] = useSearchParams();
  const next = params.get('next');
  const [name, setName] = useState('');
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const refs = { name: useRef<HTMLInputElement>(null), email: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found = collect<F>({
      name: checkRequired(name, 'your name'),
      email: checkEmail(email),
      password: checkPassword(password),
    });
    if (hasErrors(found)) {
      errors.setFieldErrors(found);
      errors.setFormError(null);
      refs[FIELDS.find((f) => found[f])!].current?.focus();
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await signup(name.trim(), email.trim(), password);
      try {
        if (next && safeNext(next) === next) window.localStorage.setItem(NEXT_AFTER_CONFIRM_KEY, next);
        else window.localStorage.removeItem(NEXT_AFTER_CONFIRM_KEY);
      } catch {
        // Storage may be off: the login link below still carries `next`.
      }
      setSentTo(email.trim());
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  const query = next ? `?next=${encodeURIComponent(next)}` : '';
  const invited = next?.startsWith('/invitations/') ?? false;
  if (sentTo) {
    const loginQuery = `?${next ? `next=${encodeURIComponent(next)}&` : ''}email=${encodeURIComponent(sentTo)}`;
    return (
      <AuthShell title="Check your email" focusTitle>
        <Notice tone="success">
          <p>
            We have sent a message to <strong>{sentTo}</strong>.
          </p>
        </Notice>
        <ol className="steps">
          <li>Open the email from ValueMark and choose the link in it to confirm your address. The link works for 48 hours.</li>
          <li>Then log in with your email address and password{invited ? ' and accept your invitation' : ''}.</li>
        </ol>
        <p className="muted small">
          If this address already has an account, the email says how to log in or choose a new password instead. Nothing
          arrived after a few minutes? Look in your spam folder, or log in and ask for a new link.
        </p>
        <div className="form-actions">
          <Link className="button button--primary" to={`/login${loginQuery}`}>
            Log in
          </Link>
        </div>
      </AuthShell>
    );
  }
  return (
    <AuthShell
      title="Create your account"
      lead={
        invited
          ? 'Create an account with the address your invitation was sent to, confirm it, then accept the invitation.'
          : 'An account is free. You can create an organisation or join one you are invited to.'
      }
      footer={
        <p>
          Already have an account? <Link to={`/login${query}`}>Log in</Link>
        </p>
      }
    >
      <form onSubmit={onSubmit} noValidate>
        <FormAlert message={errors.formError} title="Your account could not be created" />
        <TextField
          ref={refs.name}
          label="Your name"
          name="name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.fieldErrors.name}
        />
        <TextField
          ref={refs.email}
          label="Email address"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.fieldErrors.email}
        />
        <TextField
          ref={refs.password}
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong password.`}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fieldErrors.password}
        />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
            {busy ? 'Creating your account…' : 'Create account'}
          </button>
        </div>
      </form>
    </AuthShell>
  );
}
