import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../auth/AuthContext';
import { TextField } from '../components/Field';
import { FormAlert, Notice } from '../components/FormAlert';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useFormErrors } from '../hooks/useFormErrors';
import { checkEmail } from '../lib/validation';
import { AuthShell } from './AuthShell';

const FIELDS = ['email'] as const;

export function ForgotPasswordPage() {
  useDocumentTitle('Reset your password');
  const api = useApi();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const errors = useFormErrors(FIELDS);
  const emailRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = checkEmail(email);
    if (problem) {
      errors.setFieldErrors({ email: problem });
      emailRef.current?.focus();
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await api.requestPasswordReset(email.trim());
      setSentTo(email.trim());
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell
      title="Reset your password"
      lead="Enter the email address of your account and we will send you a link to choose a new password."
      footer={
        <p>
          Remembered it? <Link to="/login">Log in</Link>
        </p>
      }
    >
      {sentTo ? (
        <Notice tone="success">
          <p className="alert__title">Check your email</p>
          <p>
            If an account uses <strong>{sentTo}</strong>, we have sent it a link to reset the password. The link works for one
            hour.
          </p>
        </Notice>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <FormAlert message={errors.formError} />
          <TextField
            ref={emailRef}
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
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
              {busy ? 'Sending…' : 'Send the link'}
            </button>
          </div>
        </form>
      )}
    </AuthShell>
  );
}
