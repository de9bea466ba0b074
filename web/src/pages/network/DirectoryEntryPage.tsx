// One enterprise of the directory, for anyone: what it does, its themes with
// the UN Sustainable Development Goals they serve, where it works, its
// certificates (each verifiable), and a way to ask the broker to put you in
// touch. Its contact details are never shown here.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, type DirectoryCertificate, type DirectoryEntry } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { TextAreaField } from '../../components/Field';
import { FormAlert, Notice } from '../../components/FormAlert';
import { ErrorState, Loading } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { placeErrors } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { goalsOf, joinWords, peopleInWords, sdgWords, termName } from '../../lib/directory';
import { formatDate } from '../../lib/format';
import { SIZE_BAND_LABEL, isBroker } from '../../lib/labels';
import { CertificateBadge } from './EntryFacts';
import { useTaxonomy } from './useTaxonomy';
import './network.css';

const MESSAGE_MIN = 10;
const MESSAGE_MAX = 2000;

/** A certificate, linked to its public verification page once its code is known. */
function CertificateItem({ certificate }: { certificate: DirectoryCertificate }) {
  const signed = useLoad(() => api.getCertificate(certificate.certificate_id), [certificate.certificate_id]);
  const code = signed.data?.certificate.verification_code;
  return (
    <li className="entry-awards__item">
      <CertificateBadge certificate={certificate} />{' '}
      {code ? (
        <Link to={`/verify/${encodeURIComponent(code)}`}>
          Verify this certificate<span className="visually-hidden">: {certificate.title}</span>
        </Link>
      ) : signed.status === 'error' ? (
        <Link to="/register">See the public register</Link>
      ) : null}
      {signed.data ? <span className="muted small block">Valid until {formatDate(signed.data.certificate.expires_on)}</span> : null}
    </li>
  );
}

function ContactForm({ entry }: { entry: DirectoryEntry }) {
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const length = [...message.trim()].length;
    if (length < MESSAGE_MIN) {
      setError(length === 0 ? 'Write a message for the broker.' : `Use at least ${MESSAGE_MIN} characters.`);
      document.getElementById('contact-message')?.focus();
      return;
    }
    setError(null);
    setFormError(null);
    setBusy(true);
    try {
      const receipt = await api.askForContact(entry.id, message.trim());
      setSent(receipt.message);
      setMessage('');
    } catch (err) {
      const placed = placeErrors(err, ['message'] as const);
      setError(placed.fieldErrors.message ?? null);
      setFormError(placed.formError);
    } finally {
      setBusy(false);
    }
  };
  if (sent) {
    return (
      <Notice tone="success">
        <p className="alert__title">Your request is with the broker</p>
        <p className="alert__body">{sent}</p>
        <p>
          <button type="button" className="link-button" onClick={() => setSent(null)}>
            Write another message
          </button>
        </p>
      </Notice>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={formError} title="Your request was not sent" />
      <TextAreaField
        id="contact-message"
        label="Your message to the broker"
        hint={`Who you are and why you would like to talk to ${entry.name}. The broker asks them first, and shares your details only if they agree.`}
        rows={5}
        maxLength={MESSAGE_MAX}
        showCount
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        error={error}
      />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? 'Sending…' : 'Ask the broker'}
        </button>
      </div>
    </form>
  );
}

export function DirectoryEntryPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { status, user, organisations } = useAuth();
  const entry = useLoad(() => api.getDirectoryEntry(id), [id]);
  const taxonomy = useTaxonomy();
  const e = entry.data;
  useDocumentTitle(e?.name ?? (entry.status === 'error' && entry.error.isNotFound ? 'Not in the directory' : 'Directory'));
  // Back to the search that led here, when there was one.
  const back = (location.state as { search?: string } | null)?.search;
  const crumb = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to={`/directory${back ?? ''}`}>Directory of social enterprises</Link>
    </nav>
  );

  if (entry.status === 'loading' && !e) return <Loading label="Loading the enterprise…" />;
  if (entry.status === 'error' && !e) {
    if (entry.error.isNotFound) {
      return (
        <div className="page page--narrow">
          {crumb}
          <h1>This enterprise is not in the directory</h1>
          <p>It may have been taken out of the directory, or the link may be wrong.</p>
          <p>
            <Link to="/directory" className="button button--secondary">
              Search the directory
            </Link>
          </p>
        </div>
      );
    }
    return (
      <div className="page page--narrow">
        {crumb}
        <ErrorState error={entry.error} onRetry={entry.reload} />
      </div>
    );
  }
  if (!e) return null;
  const t = taxonomy.data;
  const areas = e.areas.map((a) => termName(t?.areas, a));
  const goals = goalsOf(e.themes, t);
  const mine = e.organisation_id ? organisations.find((o) => o.id === e.organisation_id) : undefined;
  const here = location.pathname + location.search;

  return (
    <div className="page page--narrow">
      {crumb}
      <p className="eyebrow">{termName(t?.legal_forms, e.legal_form)}</p>
      <h1>{e.name}</h1>
      {mine ? (
        <Notice tone="info">
          This is your organisation’s profile.{' '}
          <Link to={`/organisations/${encodeURIComponent(mine.id)}/directory`}>See or change it</Link>
        </Notice>
      ) : null}
      {!mine && e.source === 'broker' && isBroker(user?.platform_role) ? (
        <Notice tone="info">
          The broker keeps this entry. <Link to={`/broker/directory/${encodeURIComponent(e.id)}`}>Change it or see its contact</Link>
        </Notice>
      ) : null}
      <p className="entry__summary">{e.summary}</p>

      <section className="panel" aria-labelledby="entry-themes-title">
        <h2 id="entry-themes-title">What it works for</h2>
        <ul className="entry-themes">
          {e.themes.map((code) => {
            const theme = t?.themes.find((x) => x.code === code);
            const words = sdgWords(theme?.sdgs ?? []);
            return (
              <li key={code}>
                <span className="tag">{termName(t?.themes, code)}</span>
                {words ? <span className="muted small"> UN Sustainable Development {words}</span> : null}
              </li>
            );
          })}
        </ul>
        {goals.length > 1 ? (
          <p className="muted small">
            Together, its themes serve UN Sustainable Development {sdgWords(goals)}.
          </p>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="entry-facts-title">
        <h2 id="entry-facts-title">About the enterprise</h2>
        <dl className="facts facts--grid">
          <div>
            <dt>Legal form</dt>
            <dd>{termName(t?.legal_forms, e.legal_form)}</dd>
          </div>
          <div>
            <dt>Size</dt>
            <dd>{SIZE_BAND_LABEL[e.size_band] ?? 'Not said'}</dd>
          </div>
          <div>
            <dt>Staff and volunteers</dt>
            <dd>{peopleInWords(e.people)}</dd>
          </div>
          <div>
            <dt>Areas served</dt>
            <dd>{areas.length > 0 ? joinWords(areas) : <span className="muted">Not said</span>}</dd>
          </div>
          <div>
            <dt>Website</dt>
            <dd className="break">
              {e.website ? (
                <a href={e.website} rel="noopener noreferrer nofollow" target="_blank">
                  {e.website.replace(/^https:\/\//, '').replace(/\/$/, '')}
                  <span className="visually-hidden"> (opens in a new tab)</span>
                </a>
              ) : (
                <span className="muted">Not given</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Last updated</dt>
            <dd>{formatDate(e.updated_at)}</dd>
          </div>
        </dl>
      </section>

      <section className="panel" aria-labelledby="entry-awards-title">
        <h2 id="entry-awards-title">Certification</h2>
        {e.certificates.length > 0 ? (
          <ul className="entry-awards">
            {e.certificates.map((c) => (
              <CertificateItem key={c.certificate_id} certificate={c} />
            ))}
          </ul>
        ) : (
          <p className="muted">
            No current ValueMark certificate. Certified organisations are in the <Link to="/register">public register</Link>.
          </p>
        )}
      </section>

      <section className="panel" aria-labelledby="entry-contact-title">
        <h2 id="entry-contact-title">Ask the broker to put you in touch</h2>
        {status === 'signed-in' ? (
          <ContactForm entry={e} />
        ) : status === 'loading' ? (
          <Loading label="Checking your session…" />
        ) : (
          <>
            <p>The broker introduces you to {e.name} if they agree. Log in or create an account to write to the broker.</p>
            <p className="entry-actions">
              <Link to={`/login?next=${encodeURIComponent(here)}`} className="button button--primary">
                Log in to ask the broker
              </Link>
              <Link to={`/signup?next=${encodeURIComponent(here)}`} className="button button--secondary">
                Create an account
              </Link>
            </p>
          </>
        )}
      </section>
    </div>
  );
}
