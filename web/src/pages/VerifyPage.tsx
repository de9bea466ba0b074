// Public verification of a certificate by its code.
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { TextField } from '../components/Field';
import { Notice } from '../components/FormAlert';
import { ErrorState, Loading } from '../components/States';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useLoad } from '../hooks/useLoad';
import { formatDate } from '../lib/format';
import { CertificateStatusBadge } from './certification/CertificateStatusBadge';
import { ComplaintForm } from './ComplaintForm';

const TITLE: Record<string, string> = {
  current: 'Valid certificate',
  expired: 'Expired certificate',
  suspended: 'Suspended certificate',
  revoked: 'Revoked certificate',
  unknown: 'Not a valid certificate',
};

// The server's reason as a sentence: a capital first letter and a full stop.
function sentence(text: string): string {
  if (!text) return text;
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

function Result({ code }: { code: string }) {
  const result = useLoad(() => api.verify(code), [code]);
  if (result.status === 'loading' && !result.data) return <Loading label="Checking the certificate…" />;
  if (result.status === 'error') return <ErrorState error={result.error} onRetry={result.reload} />;
  const v = result.data;
  if (!v) return null;
  const c = v.certificate;
  return (
    <>
    <section className="panel verify-result" aria-labelledby="verify-result-title">
      <h2 id="verify-result-title">{v.valid ? TITLE.current : TITLE[v.status && v.status !== 'current' ? v.status : 'unknown']}</h2>
      <Notice tone={v.valid ? 'success' : 'warning'}>{sentence(v.reason)}</Notice>
      {c ? (
        <dl className="verify-facts">
          <dt>Organisation</dt>
          <dd>{c.organisation_name}</dd>
          <dt>Award</dt>
          <dd>
            {c.scheme_name} (version {c.scheme_version}), level {c.level}: {c.level_name}
          </dd>
          <dt>Covering</dt>
          <dd>{c.scope}</dd>
          <dt>Awarded</dt>
          <dd>{formatDate(c.awarded_on)}</dd>
          <dt>Valid until</dt>
          <dd>{formatDate(c.expires_on)}</dd>
          <dt>Issued by</dt>
          <dd>{c.issuer}</dd>
          <dt>Verification code</dt>
          <dd>{c.verification_code}</dd>
          <dt>Status</dt>
          <dd>
            {v.status ? <CertificateStatusBadge status={v.status} /> : null}
            {v.status_since ? <> since {formatDate(v.status_since)}</> : null}
          </dd>
          {v.status_reason ? (
            <>
              <dt>The certifying body's reason</dt>
              <dd>{v.status_reason}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {c ? (
        <p>
          <a href={`/api/v1/certificates/${encodeURIComponent(c.id)}.pdf`}>The certificate as a PDF</a> ·{' '}
          <a href={`/api/v1/certificates/${encodeURIComponent(c.id)}`} download={`certificate-${c.id}.json`}>
            The signed certificate (JSON)
          </a>, to check offline with <code>valuemark verify</code>
        </p>
      ) : null}
    </section>
    {c && (v.status === 'current' || v.status === 'suspended') ? <ComplaintForm certificateId={c.id} organisation={c.organisation_name} /> : null}
    </>
  );
}

export function VerifyPage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [input, setInput] = useState(code);
  useDocumentTitle('Verify a certificate');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (input.trim()) navigate(`/verify/${encodeURIComponent(input.trim().toUpperCase())}`);
  };
  return (
    <div className="page page--narrow">
      <p className="eyebrow">Verification</p>
      <h1>Verify a certificate</h1>
      <form onSubmit={submit} className="form-row" role="search" aria-label="Verify a code">
        <TextField id="verify-code" label="Verification code" placeholder="VM-XXXX-XXXX-XXXX" value={input} onChange={(e) => setInput(e.target.value)} />
        <button type="submit" className="button button--primary form-row__button">
          Verify
        </button>
      </form>
      {code ? <Result code={code} /> : null}
    </div>
  );
}
