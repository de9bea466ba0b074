import { useState } from 'react';
import { useAuth } from '../auth/AuthContext';
import { placeError } from '../hooks/useFormErrors';

/**
 * For a signed-in person who has not yet opened the link emailed at sign-up:
 * what it is for, and a way to get a new one. Shown where they would
 * otherwise be refused (joining an organisation, signing off evidence).
 * Renders nothing once the address is confirmed.
 */
export function ConfirmEmailBanner({ blocked = 'join an organisation you are invited to or sign off evidence' }: { blocked?: string }) {
  const { api, status, user } = useAuth();
  const [state, setState] = useState<'idle' | 'sending' | 'sent'>('idle');
  const [error, setError] = useState<string | null>(null);
  if (status !== 'signed-in' || !user || user.email_verified) return null;

  const resend = async () => {
    setState('sending');
    setError(null);
    try {
      await api.resendEmailVerification();
      setState('sent');
    } catch (e) {
      setError(placeError(e, []).message);
      setState('idle');
    }
  };

  return (
    <section className="alert alert--warning confirm-email" aria-labelledby="confirm-email-title">
      <h2 id="confirm-email-title" className="alert__title">
        Confirm your email address
      </h2>
      <p>
        We sent a link to <strong>{user.email}</strong>. Open it to confirm that the address is yours: until you do, you
        cannot {blocked}. The link works for 48 hours.
      </p>
      <p role="status" aria-live="polite">
        {state === 'sent' ? `We have sent a new link to ${user.email}. It can take a minute or two to arrive.` : null}
      </p>
      {error ? (
        <p role="alert" className="confirm-email__error">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={resend}
        disabled={state === 'sending'}
        aria-busy={state === 'sending' || undefined}
      >
        {state === 'sending' ? 'Sending…' : 'Send the link again'}
      </button>
    </section>
  );
}
