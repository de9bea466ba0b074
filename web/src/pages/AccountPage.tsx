import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { ConfirmEmailBanner } from '../components/ConfirmEmailBanner';
import { TextField } from '../components/Field';
import { FormAlert } from '../components/FormAlert';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { Badge } from '../components/States';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useFormErrors } from '../hooks/useFormErrors';
import { formatDate } from '../lib/format';
import { PLATFORM_ROLE_LABEL, orgRoleLabel } from '../lib/labels';
import { checkPassword, collect, hasErrors } from '../lib/validation';

const PASSWORD_FIELDS = ['current_password', 'new_password', 'confirm'] as const;

// Change the password here (the current one is asked again); every other
// session ends, this one stays.
function ChangePasswordPanel() {
  const { api } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const errors = useFormErrors(PASSWORD_FIELDS);
  const currentRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const found = collect({
      current_password: current ? undefined : 'Enter your current password.',
      new_password: checkPassword(next),
      confirm: confirm === next ? undefined : 'The two new passwords are not the same.',
    });
    if (hasErrors(found)) {
      errors.setFieldErrors(found);
      errors.setFormError(null);
      (found.current_password ? currentRef : found.new_password ? nextRef : confirmRef).current?.focus();
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form onSubmit={onSubmit} noValidate>
        <FormAlert message={errors.formError} title="Your password was not changed" />
        {done ? (
          <p role="status" className="alert alert--success">
            Your password is changed. You stay signed in here; every other browser was signed out.
          </p>
        ) : null}
        <TextField
          ref={currentRef}
          label="Current password"
          name="current_password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={errors.fieldErrors.current_password}
        />
        <NewPasswordFields
          name="new_password"
          password={next}
          confirm={confirm}
          onPassword={setNext}
          onConfirm={setConfirm}
          passwordError={errors.fieldErrors.new_password}
          confirmError={errors.fieldErrors.confirm}
          passwordRef={nextRef}
          confirmRef={confirmRef}
        />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
            {busy ? 'Saving…' : 'Change password'}
          </button>
        </div>
      </form>
      <p className="muted small">
        Forgotten it? <Link to="/forgot-password">Ask for a reset link</Link> instead.
      </p>
    </section>
  );
}

export function AccountPage() {
  useDocumentTitle('Your account');
  const { user, organisations, logout, api } = useAuth();
  const [busy, setBusy] = useState(false);
  const [othersEnded, setOthersEnded] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  if (!user) return null;
  return (
    <div className="page page--narrow">
      <h1>Your account</h1>
      <ConfirmEmailBanner />
      <section className="panel" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <dl className="facts">
          <div>
            <dt>Name</dt>
            <dd>{user.name}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd className="break">
              {user.email}{' '}
              {user.email_verified ? <Badge tone="success">confirmed</Badge> : <Badge tone="warning">not confirmed yet</Badge>}
            </dd>
          </div>
          <div>
            <dt>Platform role</dt>
            <dd>
              {user.platform_role === 'none' ? (
                <span className="muted">None (an ordinary account)</span>
              ) : (
                <Badge tone="info">{PLATFORM_ROLE_LABEL[user.platform_role]}</Badge>
              )}
            </dd>
          </div>
          <div>
            <dt>Account created</dt>
            <dd>{formatDate(user.created_at)}</dd>
          </div>
        </dl>
      </section>
      <ChangePasswordPanel />
      <section className="panel" aria-labelledby="orgs-title">
        <h2 id="orgs-title">Your organisations</h2>
        {organisations.length === 0 ? (
          <p>
            You are not in an organisation yet. <Link to="/organisations/new">Create one</Link> or ask a colleague to invite you.
          </p>
        ) : (
          <ul className="plain-list">
            {organisations.map((o) => (
              <li key={o.id}>
                <Link to={`/organisations/${encodeURIComponent(o.id)}`}>{o.name}</Link> <span className="muted">· {orgRoleLabel(o.role)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="session-title">
        <h2 id="session-title">Session</h2>
        <p>
          You stay logged in on this browser for up to 14 days, and are logged out after 12 hours without using
          ValueMark.
        </p>
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={othersEnded === 'busy'}
            onClick={async () => {
              setOthersEnded('busy');
              try {
                await api.endOtherSessions();
                setOthersEnded('done');
              } catch {
                setOthersEnded('failed');
              }
            }}
          >
            Sign out everywhere else
          </button>
        </p>
        {othersEnded === 'done' ? (
          <p role="status">Every other browser and device is signed out; this one stays signed in.</p>
        ) : othersEnded === 'failed' ? (
          <p role="alert">The other sessions could not be ended. Try again in a moment.</p>
        ) : null}
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await logout().catch(() => undefined);
          }}
        >
          {busy ? 'Logging out…' : 'Log out'}
        </button>
      </section>
    </div>
  );
}
