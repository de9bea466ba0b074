// The page the link in the sign-up email opens: it confirms the address, then
// offers to log in (or, when already signed in, carries on).
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { FormAlert, Notice } from '../components/FormAlert';
import { safeNext } from '../components/Guards';
import { Loading } from '../components/States';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { placeError } from '../hooks/useFormErrors';
import { AuthShell } from './AuthShell';
import { NEXT_AFTER_CONFIRM_KEY } from './SignupPage';

function storedNext(): string | null {
  try {
    const next = window.localStorage.getItem(NEXT_AFTER_CONFIRM_KEY);
    return next && safeNext(next) === next ? next : null;
  } catch {
    return null;
  }
}

export function VerifyEmailPage() {
  const { api, status, user, refresh } = useAuth();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [outcome, setOutcome] = useState<'checking' | 'confirmed' | 'failed'>(token ? 'checking' : 'failed');
  const [problem, setProblem] = useState<string | null>(
    token ? null : 'The confirmation link has no token. Open the link from the email again, or log in and ask for a new one.',
  );
  const [next] = useState(storedNext);
  useDocumentTitle(outcome === 'confirmed' ? 'Email address confirmed' : 'Confirm your email address');
  // A link is good once: the request goes out once, however often the page renders.
  const sent = useRef(false);

  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    api
      .verifyEmail(token)
      .then(async () => {
        try {
          window.localStorage.removeItem(NEXT_AFTER_CONFIRM_KEY);
        } catch {
          // nothing kept, nothing to forget
        }
        setOutcome('confirmed');
      })
      .catch((e) => {
        setProblem(placeError(e, []).message);
        setOutcome('failed');
      });
  }, [api, token]);

  // Signed in (in this browser): read the account again so that the banner goes.
  useEffect(() => {
    if (outcome === 'confirmed' && status === 'signed-in' && user && !user.email_verified) void refresh();
  }, [outcome, status, user, refresh]);

  if (outcome === 'checking') return <Loading label="Confirming your email address…" />;

  const signedIn = status === 'signed-in';
  const onward = next ?? '/';
  if (outcome === 'confirmed') {
    return (
      <AuthShell title="Email address confirmed" focusTitle>
        <Notice tone="success">
          <p>
            Thank you: your email address is confirmed.
            {signedIn ? '' : ' Log in to carry on.'}
          </p>
        </Notice>
        <p>You can now join organisations you are invited to and sign off evidence for certification.</p>
        <div className="form-actions">
          {signedIn ? (
            <Link className="button button--primary" to={onward}>
              {next?.startsWith('/invitations/') ? 'Go to your invitation' : 'Continue'}
            </Link>
          ) : (
            <Link className="button button--primary" to={next ? `/login?next=${encodeURIComponent(next)}` : '/login'}>
              Log in
            </Link>
          )}
        </div>
      </AuthShell>
    );
  }
  return (
    <AuthShell title="Confirm your email address">
      <FormAlert message={problem} title="Your email address was not confirmed" />
      <p>
        {signedIn
          ? 'If you have already confirmed your address, there is nothing more to do. Otherwise ask for a new link from the banner on your home page.'
          : 'If you have already confirmed your address, just log in. Otherwise log in and ask for a new link from the banner on your home page.'}
      </p>
      <div className="form-actions">
        <Link className="button button--primary" to={signedIn ? '/' : '/login'}>
          {signedIn ? 'Go to your home page' : 'Log in'}
        </Link>
      </div>
    </AuthShell>
  );
}
