import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { TextField } from '../components/Field';
import { FormAlert } from '../components/FormAlert';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useFormErrors } from '../hooks/useFormErrors';
import { PASSWORD_MIN, checkEmail, checkPassword, checkRequired, collect, hasErrors } from '../lib/validation';
import { AuthShell } from './AuthShell';

const FIELDS = ['name', 'email', 'password'] as const;
type F = (typeof FIELDS)[number];

export function SignupPage() {
  useDocumentTitle('Create an account');
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
    } catch (err) {
      errors.fromError(err);
      setBusy(false);
    }
  };

  const query = next ? `?next=${encodeURIComponent(next)}` : '';
  return (
    <AuthShell
      title="Create your account"
      lead={
        next?.startsWith('/invitations/')
          ? 'Create an account with the address your invitation was sent to, then accept it.'
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
