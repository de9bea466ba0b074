// An enterprise the broker keeps in the directory: added here (a name the
// directory already has is asked about first), changed, or removed.
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/Dialog';
import { Notice } from '../../components/FormAlert';
import { ErrorState, Loading } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { placeError } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { draftFromEntry, emptyDraft } from '../../lib/directory';
import { EntryForm } from './EntryForm';
import { useTaxonomy } from './useTaxonomy';
import './network.css';

function Crumb() {
  const location = useLocation();
  const back = (location.state as { search?: string } | null)?.search ?? '';
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to={`/broker/directory${back}`}>The broker’s directory</Link>
    </nav>
  );
}

export function BrokerNewEntryPage() {
  useDocumentTitle('Add an enterprise');
  const { api } = useAuth();
  const navigate = useNavigate();
  const taxonomy = useTaxonomy();
  return (
    <div className="page page--narrow">
      <Crumb />
      <p className="eyebrow">Broker</p>
      <h1>Add an enterprise</h1>
      <p className="lead">For an enterprise that is not on ValueMark. An organisation on ValueMark writes its own profile.</p>
      {taxonomy.status === 'error' ? <ErrorState error={taxonomy.error} onRetry={taxonomy.reload} /> : null}
      {!taxonomy.data && taxonomy.status === 'loading' ? <Loading /> : null}
      {taxonomy.data ? (
        <section className="panel" aria-label="The enterprise">
          <EntryForm
            taxonomy={taxonomy.data}
            initial={emptyDraft('', true)}
            who="it"
            submitLabel="Add to the directory"
            onSubmit={async (input) => {
              const saved = await api.brokerAddEntry(input);
              navigate(`/broker/directory/${encodeURIComponent(saved.id)}`, { state: { added: true } });
            }}
            onCancel={() => navigate('/broker/directory')}
          />
        </section>
      ) : null}
    </div>
  );
}

export function BrokerEntryPage() {
  const { id = '' } = useParams();
  const { api } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const entry = useLoad(() => api.brokerGetEntry(id), [api, id]);
  const taxonomy = useTaxonomy();
  const toast = useToast();
  const [added] = useState(() => Boolean((location.state as { added?: boolean } | null)?.added));
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const e = entry.data;
  useDocumentTitle(e ? `${e.name} · broker` : 'Directory entry');

  if ((entry.status === 'loading' && !e) || (!taxonomy.data && taxonomy.status === 'loading')) return <Loading label="Loading the entry…" />;
  const failed = entry.status === 'error' ? entry.error : taxonomy.status === 'error' ? taxonomy.error : null;
  if (failed && !(e && taxonomy.data)) {
    return (
      <div className="page page--narrow">
        <Crumb />
        {failed.isNotFound ? (
          <>
            <h1>This entry is not in the directory</h1>
            <p>It may have been removed, or the link may be wrong.</p>
          </>
        ) : (
          <ErrorState error={failed} onRetry={() => void Promise.all([entry.reload(), taxonomy.reload()])} />
        )}
      </div>
    );
  }
  if (!e || !taxonomy.data) return null;
  const own = e.source === 'organisation';

  return (
    <div className="page page--narrow">
      <Crumb />
      <p className="eyebrow">Broker</p>
      <h1>{e.name}</h1>
      {added ? <Notice tone="success">{e.listed ? 'Added to the directory and listed.' : 'Added to the directory. It is not listed yet.'}</Notice> : null}
      {e.listed ? (
        <p>
          <Link to={`/directory/${encodeURIComponent(e.id)}`}>See it in the public directory</Link>
        </p>
      ) : null}
      {own || !e.may_edit ? (
        <Notice tone="info">This is an organisation’s own profile: its Lead keeps it. Its contact is {e.contact?.email || 'not given'}.</Notice>
      ) : (
        <>
          <section className="panel" aria-label="The enterprise">
            <EntryForm
              key={e.version}
              taxonomy={taxonomy.data}
              initial={draftFromEntry(e)}
              version={e.version}
              who="it"
              submitLabel="Save changes"
              onSubmit={async (input) => {
                const saved = await api.brokerUpdateEntry(e.id, input);
                entry.setData(saved);
                toast.notify('Changes saved');
              }}
              onReload={() => void entry.reload()}
            />
          </section>
          <section className="panel panel--danger" aria-labelledby="entry-remove-title">
            <h2 id="entry-remove-title">Remove from the directory</h2>
            <p>The entry goes from the directory, listed or not. To keep it but hide it, untick “List it in the public directory” instead.</p>
            <button type="button" className="button button--danger" onClick={() => setAsking(true)}>
              Remove {e.name}…
            </button>
          </section>
        </>
      )}
      <ConfirmDialog
        open={asking}
        title={`Remove ${e.name}?`}
        confirmLabel="Remove from the directory"
        danger
        busy={busy}
        error={deleteError}
        onConfirm={() => {
          setBusy(true);
          setDeleteError(null);
          api
            .brokerDeleteEntry(e.id)
            .then(() => navigate('/broker/directory', { state: { removed: e.name } }))
            .catch((err: unknown) => {
              setDeleteError(placeError(err, []).message);
              setBusy(false);
            });
        }}
        onCancel={() => {
          setAsking(false);
          setDeleteError(null);
        }}
      >
        <p>{e.name} is taken out of the directory for good.</p>
      </ConfirmDialog>
      {toast.element}
    </div>
  );
}
