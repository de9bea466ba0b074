// An awarded application's certificate: its status now (current, expired,
// suspended or revoked, with the certifying body's reason), where anyone
// checks it, and for an administrator the decisions after an award: suspend
// with a reason (reversible), reinstate, revoke with a reason (final). Each
// decision says what it does before it is taken.
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, type Api } from '../../api';
import { ConfirmDialog } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { ErrorState, Loading } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useLoad } from '../../hooks/useLoad';
import { formatDate } from '../../lib/format';
import { AppealPanel } from './AppealPanel';
import { CertificateStatusBadge } from './CertificateStatusBadge';

type Step = 'suspend' | 'reinstate' | 'revoke';

const ASK: Record<Step, { title: string; body: string; label: string; hint: string; confirm: string; done: string; danger?: boolean }> = {
  suspend: {
    title: 'Suspend this certificate?',
    body: 'From now on its verification page, the public register and the revocation list say it is suspended, with your reason, and valuemark verify --online refuses it. The organisation’s representatives are emailed. You can reinstate it later.',
    label: 'Reason for the suspension',
    hint: 'The organisation and anyone who checks the certificate read this.',
    confirm: 'Suspend the certificate',
    done: 'Certificate suspended',
    danger: true,
  },
  reinstate: {
    title: 'Reinstate this certificate?',
    body: 'It becomes current again until its expiry date, everywhere it is checked. The organisation’s representatives are emailed.',
    label: 'Why it is reinstated',
    hint: 'For example, what the organisation did, or that the complaint was not upheld.',
    confirm: 'Reinstate',
    done: 'Certificate reinstated',
  },
  revoke: {
    title: 'Revoke this certificate?',
    body: 'Revocation is final: the certificate leaves the public register, its verification page says it was revoked, with your reason, and it can never be reinstated. The organisation’s representatives are emailed.',
    label: 'Reason for the revocation',
    hint: 'The organisation and anyone who checks the certificate read this.',
    confirm: 'Revoke for good',
    done: 'Certificate revoked',
    danger: true,
  },
};

export function CertificatePanel({
  api,
  certificateId,
  code,
  awardedOn,
  canDecide,
}: {
  api: Api;
  certificateId: string;
  code: string;
  awardedOn: string | null | undefined;
  canDecide: boolean;
}) {
  const toast = useToast();
  const status = useLoad(() => api.getCertificateStatus(certificateId), [api, certificateId]);
  const loadAppeal = useCallback(() => api.certificateAppeal(certificateId), [api, certificateId]);
  const fileAppeal = useCallback((grounds: string) => api.appealStanding(certificateId, grounds), [api, certificateId]);
  const [asking, setAsking] = useState<Step | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const ask = (step: Step) => {
    setReason('');
    setError(null);
    setAsking(step);
  };
  async function take(step: Step) {
    if (!reason.trim()) {
      setError(`Write the ${step === 'reinstate' ? 'reason for reinstating it' : ASK[step].label.toLowerCase()}: the organisation reads it.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.changeCertificateStanding(certificateId, step, reason);
      setAsking(null);
      await status.reload();
      toast.notify(ASK[step].done);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const s = status.data;
  return (
    <>
    <section className="panel" aria-labelledby="certificate-title">
      <div className="panel__head">
        <h2 id="certificate-title">Certificate</h2>
        {s ? <CertificateStatusBadge status={s.status} /> : null}
      </div>
      {status.status === 'loading' && !s ? <Loading label="Checking the certificate’s status…" /> : null}
      {status.status === 'error' ? <ErrorState error={status.error} onRetry={status.reload} /> : null}
      {s ? (
        <>
          <p>
            Awarded on {formatDate(awardedOn)}. Anyone can check it with the code <strong>{code}</strong>.
          </p>
          {s.status === 'suspended' || s.status === 'revoked' ? (
            <p>
              {s.status === 'suspended' ? 'Suspended' : 'Revoked'} by the certifying body on {formatDate(s.since)}
              {s.status === 'suspended' ? ': it can be reinstated.' : ': this is final.'}
            </p>
          ) : null}
          {s.status === 'expired' ? <p>It has expired: apply again to renew it.</p> : null}
          {s.reason ? (
            <p>
              <span className="muted">The certifying body’s reason:</span> {s.reason}
            </p>
          ) : null}
          <p>
            <Link to={`/verify/${encodeURIComponent(code)}`}>Its verification page</Link> ·{' '}
            <a href={`/api/v1/certificates/${encodeURIComponent(certificateId)}.pdf`}>The certificate as a PDF</a>
          </p>
          {canDecide ? (
            <div className="button-row">
              {s.status === 'current' ? (
                <button type="button" className="button button--secondary" onClick={() => ask('suspend')}>
                  Suspend…
                </button>
              ) : null}
              {s.status === 'suspended' ? (
                <button type="button" className="button button--secondary" onClick={() => ask('reinstate')}>
                  Reinstate…
                </button>
              ) : null}
              {s.status !== 'revoked' ? (
                <button type="button" className="button button--danger" onClick={() => ask('revoke')}>
                  Revoke…
                </button>
              ) : null}
            </div>
          ) : null}
        </>
      ) : null}
      {asking ? (
        <ConfirmDialog
          open
          title={ASK[asking].title}
          confirmLabel={ASK[asking].confirm}
          danger={ASK[asking].danger}
          busy={busy}
          error={error}
          onConfirm={() => void take(asking)}
          onCancel={() => setAsking(null)}
        >
          <p>{ASK[asking].body}</p>
          <TextAreaField id="standing-reason" label={ASK[asking].label} hint={ASK[asking].hint} value={reason} onChange={(e) => setReason(e.target.value)} required />
        </ConfirmDialog>
      ) : null}
    </section>
    {s && (s.status === 'suspended' || s.status === 'revoked') ? <AppealPanel key={`${s.status}-${s.since ?? ''}`} load={loadAppeal} file={fileAppeal} /> : null}
    </>
  );
}
