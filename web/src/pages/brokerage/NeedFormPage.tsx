// Posting a need (/needs/new?organisation=…) and changing one (/needs/:id/edit):
// the Lead's or the Senior Leader's.
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { EmptyState, ErrorState, Loading, NotFoundState } from '../../components/States';
import { mayDecide } from '../../lib/labels';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { EMPTY_NEED, draftFromNeed } from '../../lib/brokerage';
import { useTaxonomy } from '../network/useTaxonomy';
import { NeedForm } from './NeedForm';
import { useBrokerage } from './parts';
import '../network/network.css';
import './brokerage.css';

export function NewNeedPage() {
  useDocumentTitle('Post a need');
  const { organisations } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const brokerage = useBrokerage();
  const taxonomy = useTaxonomy();
  const asked = params.get('organisation');
  const org = organisations.find((o) => o.id === asked) ?? organisations.find((o) => mayDecide(o.role));
  const back = org ? `/partnerships?organisation=${encodeURIComponent(org.id)}` : '/partnerships';

  if (!org || !mayDecide(org.role)) {
    return (
      <div className="page page--narrow">
        <h1>Post a need</h1>
        <EmptyState title="Only a Lead or a Senior Leader posts needs">
          <p>Ask your organisation’s Social Value Lead or Senior Leader to post what you need from a partner.</p>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={back}>Partnerships</Link>
      </nav>
      <p className="eyebrow">Network · {org.name}</p>
      <h1>Post a need</h1>
      <p className="lead">Say what you want to create with a partner. The broker is told, ranks the directory against it and proposes enterprises to you.</p>
      {taxonomy.status === 'error' ? (
        <ErrorState error={taxonomy.error} onRetry={() => void taxonomy.reload()} />
      ) : !taxonomy.data ? (
        <Loading label="Loading the form…" />
      ) : (
        <section className="panel" aria-label="The need">
          <NeedForm
            taxonomy={taxonomy.data}
            initial={EMPTY_NEED}
            submitLabel="Post the need"
            onSubmit={async (input) => {
              const need = await brokerage.postNeed(org.id, input);
              navigate(`/needs/${encodeURIComponent(need.id)}`, { state: { posted: true } });
            }}
            onCancel={() => navigate(back)}
          />
        </section>
      )}
    </div>
  );
}

export function EditNeedPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const brokerage = useBrokerage();
  const taxonomy = useTaxonomy();
  const detail = useLoad(() => brokerage.getNeed(id), [brokerage, id]);
  useDocumentTitle(detail.data ? `Change ${detail.data.need.title}` : 'Change a need');

  const failed = detail.status === 'error' ? detail.error : taxonomy.status === 'error' ? taxonomy.error : null;
  if (failed) {
    if (failed.isNotFound) return <NotFoundState what="need" />;
    return (
      <div className="page">
        <ErrorState error={failed} onRetry={() => void Promise.all([detail.reload(), taxonomy.reload()])} />
      </div>
    );
  }
  if (!detail.data || !taxonomy.data) return <Loading label="Loading the need…" />;
  const need = detail.data.need;
  const path = `/needs/${encodeURIComponent(need.id)}`;
  return (
    <div className="page page--narrow">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/partnerships?organisation=${encodeURIComponent(need.organisation_id)}`}>Partnerships</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={path}>{need.title}</Link>
      </nav>
      <h1>Change the need</h1>
      {!need.may_edit ? (
        <EmptyState title="Only a Lead or a Senior Leader changes a need">
          <p>Ask your organisation’s Social Value Lead or Senior Leader.</p>
        </EmptyState>
      ) : (
        <section className="panel" aria-label="The need">
          <NeedForm
            key={need.version}
            taxonomy={taxonomy.data}
            initial={draftFromNeed(need)}
            version={need.version}
            submitLabel="Save the need"
            onSubmit={async (input) => {
              await brokerage.updateNeed(need.id, { ...input, status: need.status });
              navigate(path, { state: { saved: true } });
            }}
            onCancel={() => navigate(path)}
            onReload={() => void detail.reload()}
          />
        </section>
      )}
    </div>
  );
}
