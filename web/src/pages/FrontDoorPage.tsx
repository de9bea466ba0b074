// The front door: what a signed-out visitor sees at "/". What ValueMark is,
// the certification schemes and their levels (from the public GET /schemes),
// the register and verification, and the way in (log in, sign up).
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { TextField } from '../components/Field';
import { Notice } from '../components/FormAlert';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useLoad } from '../hooks/useLoad';
import { count, latestSchemes, levelSpan, listInWords, schemeFamilies, schemeLabel } from '../lib/schemes';
import { SchemeCard } from './schemes/SchemeCard';
import { formsAnchor } from './schemes/SchemesPage';

export { latestSchemes };

function Schemes() {
  const { api } = useAuth();
  const schemes = useLoad(async () => latestSchemes((await api.listSchemes()).items), [api]);
  if (schemes.status === 'loading' && !schemes.data) return <Loading label="Loading the certification schemes…" />;
  if (schemes.status === 'error')
    return <ErrorState error={schemes.error} onRetry={schemes.reload} title="The certification schemes could not be loaded" />;
  const list = schemes.data ?? [];
  if (list.length === 0)
    return (
      <EmptyState title="No certification scheme is published yet">
        <p>The certifying body has not published a scheme on this ValueMark. You can still measure and manage your social value.</p>
      </EmptyState>
    );
  return (
    <>
      <ul className="scheme-grid">
        {list.map((s, i) => (
          <SchemeCard key={s.id} scheme={s} label={schemeLabel(s, list)} headingId={`scheme-${i}`} />
        ))}
      </ul>
      {schemeFamilies(list).map((f) => (
        <p key={f.name} className="front-section__note">
          The {f.name} comes in {count(f.forms.length, 'form')}, {listInWords(f.forms.map((s) => levelSpan(s)))}: separate schemes, each with
          its own criteria. <Link to={`/schemes#${formsAnchor(f.name)}`}>How the {count(f.forms.length, 'form')} differ</Link>
        </p>
      ))}
      <p className="front-section__more">
        <Link to="/schemes" className="button button--secondary">
          Every scheme, its criteria and fees
        </Link>
      </p>
    </>
  );
}

function VerifyForm() {
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim();
    if (!c) {
      setError('Enter the code printed on the certificate.');
      input.current?.focus();
      return;
    }
    navigate(`/verify/${encodeURIComponent(c.toUpperCase())}`);
  };
  return (
    <form onSubmit={submit} className="front-verify__form" role="search" aria-label="Verify a certificate" noValidate>
      <TextField
        ref={input}
        id="front-verify-code"
        label="Verification code"
        hint="On every certificate, for example VM-7K2D-9QXA-4FHT."
        autoComplete="off"
        spellCheck={false}
        value={code}
        error={error}
        onChange={(e) => {
          setCode(e.target.value);
          if (error) setError(null);
        }}
      />
      <button type="submit" className="button button--primary">
        Verify
      </button>
    </form>
  );
}

const FEATURES: { title: string; text: string }[] = [
  {
    title: 'Impact maps with SROI',
    text: 'Map your stakeholders, the outcomes they experience and the evidence for them, then value the change with Social Return on Investment, as published.',
  },
  {
    title: 'Surveys of stakeholders',
    text: 'Ask the people you work with what changed for them. A survey link works on any phone with no account, and the answers can update your impact maps.',
  },
  {
    title: 'Local Multiplier 3 (LM3)',
    text: 'See how much of every pound you spend stays in your local economy, following it through your suppliers and staff, and keep each calculation as evidence.',
  },
  {
    title: 'Certification',
    text: 'Gather evidence against each criterion, have your Social Value Lead and Senior Leader sign it off, and apply to the certifying body.',
  },
];

export function FrontDoorPage() {
  useDocumentTitle('Measure, manage and prove social value');
  const { signOutReason } = useAuth();
  return (
    <div className="page front">
      {signOutReason === 'expired' ? (
        <Notice tone="warning">
          Your session has ended. <Link to="/login">Log in again</Link> to carry on.
        </Notice>
      ) : null}
      <section className="front-hero" aria-labelledby="front-title">
        <div className="front-hero__text">
          <p className="eyebrow">ValueMark</p>
          <h1 id="front-title">Measure, manage and prove the social value you create</h1>
          <p className="lead">
            ValueMark is an open platform for charities, councils, housing associations and companies: value what changes for
            people, keep the evidence and every decision in one audited place, and have it certified.
          </p>
          <div className="front-hero__actions">
            <Link to="/signup" className="button button--primary">
              Sign up
            </Link>
            <Link to="/login" className="button button--secondary">
              Log in
            </Link>
          </div>
        </div>
        <section className="card front-verify" aria-labelledby="front-verify-title">
          <h2 id="front-verify-title">Check a certificate</h2>
          <p className="muted">Anyone can check that an organisation’s award is genuine and current.</p>
          <VerifyForm />
          <p className="front-verify__register">
            <Link to="/register">See every certified organisation in the public register</Link>
          </p>
        </section>
      </section>

      <section className="front-section" aria-labelledby="front-features-title">
        <h2 id="front-features-title">What you can do with ValueMark</h2>
        <ul className="feature-grid">
          {FEATURES.map((f) => (
            <li key={f.title} className="feature">
              <h3 className="feature__title">{f.title}</h3>
              <p>{f.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="front-section" aria-labelledby="front-schemes-title">
        <h2 id="front-schemes-title">Certification schemes</h2>
        <p className="lead front-section__lead">
          Work towards a scheme one level at a time. For each level an assessor of the certifying body reviews your evidence
          (unless the level is self-declared), and every award is listed in the <Link to="/register">public register</Link>.
        </p>
        <Schemes />
      </section>

      <section className="front-section front-start" aria-labelledby="front-start-title">
        <h2 id="front-start-title">Start with your organisation</h2>
        <ol className="front-start__steps">
          <li>Create your account and confirm your email address.</li>
          <li>Create your organisation, or accept an invitation from its Social Value Lead.</li>
          <li>Measure your social value, gather evidence and apply for a level.</li>
        </ol>
        <div className="front-hero__actions">
          <Link to="/signup" className="button button--primary">
            Create an account
          </Link>
          <Link to="/login" className="button button--quiet">
            I already have an account
          </Link>
        </div>
      </section>
    </div>
  );
}
