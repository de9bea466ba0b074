import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { FormAlert } from '../components/FormAlert';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useFormErrors } from '../hooks/useFormErrors';
import { checkPassword, collect, hasErrors } from '../lib/validation';
import { AuthShell } from './AuthShell';

const FIELDS = ['password', 'confirm'] as const;

export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const { api, status, refresh } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  // A `token` error names no field of this form: it goes to the top.
  const errors = useFormErrors(FIELDS);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  if (!token) {
    return (
      <AuthShell title="Choose a new password">
        <FormAlert
          title="This link is not complete"
          message="The reset link has no token. Open the link from the email again, or ask for a new one."
          focus={false}
        />
        <p>
          <Link to="/forgot-password">Ask for a new reset link</Link>
        </p>
      </AuthShell>
    );
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found = collect({
      password: checkPassword(password),
      confirm: confirm === password ? undefined : 'The two passwords are not the same.',
    });
    if (hasErrors(found)) {
      errors.setFieldErrors(found);
      errors.setFormError(null);
      (found.password ? passwordRef : confirmRef).current?.focus();
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await api.confirmPasswordReset(token, password);
      // Every session of the user has ended, this one too.
      if (status === 'signed-in') await refresh();
      navigate('/login?reset=done', { replace: true });
    } catch (err) {
      errors.fromError(err);
      setBusy(false);
    }
  };

  const tokenProblem = errors.formError;
  return (
    <AuthShell title="Choose a new password" lead="Your new password replaces the old one and logs you out everywhere.">
      <form onSubmit={onSubmit} noValidate>
        <FormAlert message={tokenProblem} title="Your password was not changed" />
        {tokenProblem ? (
          <p>
            <Link to="/forgot-password">Ask for a new reset link</Link>
          </p>
        ) : null}
        <NewPasswordFields
          name="password"
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          passwordError={errors.fieldErrors.password}
          confirmError={errors.fieldErrors.confirm}
          passwordRef={passwordRef}
          confirmRef={confirmRef}
        />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
            {busy ? 'Saving…' : 'Change password'}
          </button>
        </div>
      </form>
    </AuthShell>
  );
}
