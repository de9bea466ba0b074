// /engagements/:id — one consultant engagement. Its consultant, while it is
// active, edits it here (allocation emails link here); anyone else who may
// read it — the organisation's members, administrators — reads it. Its
// consultant or an administrator closes it, after confirming.
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Engagement } from '../../api/engagements';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/Dialog';
import { Notice } from '../../components/FormAlert';
import { Badge, ErrorState, Loading, NotFoundState } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { useWarnBeforeLeaving } from '../../hooks/useWarnBeforeLeaving';
import { ENGAGEMENT_STATUS_LABEL, engagementStatusTone } from '../../lib/engagements';
import { enumsInWords } from '../../lib/labels';
import { EngagementDetails, EngagementFacts } from './EngagementDetails';
import { EngagementEditor } from './EngagementEditor';
import { useEngagementsApi } from './useEngagementsApi';
import './engagements.css';

/** Closing an engagement, confirmed first: its consultant's or an administrator's. */
export function useCloseEngagement(onClosed: (e: Engagement) => void | Promise<void>) {
  const engagements = useEngagementsApi();
  const [target, setTarget] = useState<Engagement | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ask = (e: Engagement) => {
    setError(null);
    setTarget(e);
  };
  const confirm = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const closed = await engagements.close(target.id);
      setTarget(null);
      await onClosed(closed);
    } catch (err) {
      setError(enumsInWords(err instanceof Error ? err.message : String(err)));
    } finally {
      setBusy(false);
    }
  };
  return { target, busy, error, ask, confirm, cancel: () => setTarget(null) };
}

export function CloseDialog({
  close,
  unsaved = false,
}: {
  close: ReturnType<typeof useCloseEngagement>;
  unsaved?: boolean;
}) {
  const e = close.target;
  return (
    <ConfirmDialog
      open={e !== null}
      title="Close this engagement?"
      confirmLabel="Close the engagement"
      danger
      busy={close.busy}
      error={close.error}
      onConfirm={() => void close.confirm()}
      onCancel={close.cancel}
    >
      {e ? (
        <>
          <p>
            {e.consultant_name}’s engagement with {e.organisation_name} for the {e.scheme_name} is then kept as it is: nobody can change it, and the
            organisation’s members can still read it. An administrator can allocate a consultant again afterwards.
          </p>
          {unsaved ? <p className="eng-warning">Your unsaved changes will be lost: cancel and save them first.</p> : null}
        </>
      ) : null}
    </ConfirmDialog>
  );
}

export function EngagementPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const engagements = useEngagementsApi();
  const toast = useToast();
  const data = useLoad(() => engagements.get(id), [engagements, id]);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  useWarnBeforeLeaving(dirty);
  const close = useCloseEngagement((closed) => {
    data.setData(closed);
    setDirty(false);
    toast.notify(`The engagement with ${closed.organisation_name} is closed`);
  });
  const e = data.data;
  useDocumentTitle(e ? `Consultant engagement with ${e.organisation_name}` : data.status === 'error' && data.error.isNotFound ? 'Not found' : 'Consultant engagement');

  const { setData, reload } = data;
  const onSaved = useCallback(
    (saved: Engagement) => {
      setData(saved);
      setDirty(false);
      setSavedAt(new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }));
    },
    [setData],
  );
  const onReload = useCallback(() => {
    setSavedAt(null);
    void reload();
  }, [reload]);

  if (data.status === 'loading' && !e) return <Loading label="Loading the engagement…" />;
  if (data.status === 'error' && !e) {
    if (data.error.isNotFound) return <NotFoundState what="engagement" />;
    return (
      <div className="page">
        <h1>Consultant engagement</h1>
        <ErrorState error={data.error} onRetry={() => void data.reload()} />
      </div>
    );
  }
  if (!e) return null;

  const isConsultant = user?.id === e.consultant_id;
  const isAdmin = user?.platform_role === 'administrator';
  const mayClose = e.status === 'active' && (isConsultant || isAdmin);
  const orgPath = `/organisations/${encodeURIComponent(e.organisation_id)}`;

  return (
    <div className="page eng-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        {isConsultant && user?.platform_role === 'assessor' ? (
          <Link to="/consultant/engagements">My engagements</Link>
        ) : (
          <>
            <Link to="/">Your organisations</Link> <span aria-hidden="true">›</span> <Link to={orgPath}>{e.organisation_name}</Link>{' '}
            <span aria-hidden="true">›</span> <Link to={`${orgPath}/consultant`}>Consultant</Link>
          </>
        )}
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">Consultant engagement · {e.scheme_name}</p>
          <h1>{e.organisation_name}</h1>
          <p className="page-head__meta">
            <Badge tone={engagementStatusTone(e.status)}>{ENGAGEMENT_STATUS_LABEL[e.status]}</Badge>{' '}
            {e.may_write ? <span className="muted">You are its consultant: what you save here, the organisation’s members read.</span> : null}
          </p>
        </div>
      </div>
      {data.status === 'error' ? <ErrorState error={data.error} onRetry={() => void data.reload()} title="The engagement could not be refreshed" /> : null}
      {e.status === 'closed' ? (
        <Notice>This engagement is closed: it is kept as it was when it closed, and nobody can change it.</Notice>
      ) : null}

      <section className="panel" aria-label="The consultant and the scheme">
        <EngagementFacts e={e} />
        {isConsultant && user?.platform_role === 'assessor' ? (
          <p className="small eng-orglink">
            <Link to={orgPath}>Open {e.organisation_name}’s page</Link> to read its work as its consultant.
          </p>
        ) : null}
      </section>

      {e.may_write ? (
        <EngagementEditor key={e.id} engagement={e} onSaved={onSaved} onReload={onReload} onDirtyChange={setDirty} savedAt={savedAt} />
      ) : (
        <div className="panel">
          <EngagementDetails e={e} level={2} />
        </div>
      )}

      {mayClose ? (
        <section className="panel eng-close" aria-labelledby="eng-close-title">
          <h2 id="eng-close-title">Close the engagement</h2>
          <p>
            {isConsultant
              ? 'When your work with the organisation is done, close the engagement: it is kept as it is, and nobody can change it afterwards.'
              : 'Closing it keeps it as it is: nobody can change it afterwards. You can then allocate a consultant again.'}
          </p>
          <button type="button" className="button button--danger" onClick={() => close.ask(e)}>
            Close the engagement
          </button>
        </section>
      ) : null}
      <CloseDialog close={close} unsaved={dirty} />
      {toast.element}
    </div>
  );
}
