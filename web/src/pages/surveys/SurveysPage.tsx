import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useApiSafe } from './api';
import { Badge, EmptyState, ErrorState, Loading } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { STATE_LABELS, type SurveyPage, type SurveySummary } from './types';
import './surveys.css';
import { SurveyDesigner } from './SurveyDesigner';

// The draft's conversions live with the designer's state; the tests import them from here too.
export { askConditions, draftsOf, moved, toDesign } from './designDraft';

export function SurveysPage() {
  const { id = '' } = useParams();
  const api = useApiSafe();
  const navigate = useNavigate();
  const path = `/organisations/${encodeURIComponent(id)}/surveys`;
  const list = useLoad(() => api.client.get<SurveyPage>(path), [id]);
  const [designing, setDesigning] = useState(false);
  // Pages after the first, added by "Show more" (docs/api.md "Lists").
  const [more, setMore] = useState<{ items: SurveySummary[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const shown = [...(list.data?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.cursor : (list.data?.next_cursor ?? null);
  const showMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await api.client.get<SurveyPage>(path, { query: { cursor: nextCursor } });
      setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.next_cursor });
    } finally {
      setLoadingMore(false);
    }
  };
  useDocumentTitle('Surveys');
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">
            <Link to={`/organisations/${encodeURIComponent(id)}`}>Organisation</Link>
          </p>
          <h1>Surveys</h1>
          <p className="page-head__meta">Ask stakeholders what changed for them; their answers feed your evaluative impact map.</p>
        </div>
        {!designing ? (
          <button type="button" className="button button--primary" onClick={() => setDesigning(true)}>
            New survey
          </button>
        ) : null}
      </div>
      {designing ? <SurveyDesigner orgId={id} onSaved={(s) => navigate(`/surveys/${encodeURIComponent(s.id)}`)} onCancel={() => setDesigning(false)} /> : null}
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'error' && list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data && shown.length === 0 && !designing ? <EmptyState title="No surveys yet">Design one to start collecting answers.</EmptyState> : null}
      {shown.length > 0 ? (
        <ul className="card-grid" aria-label="Surveys">
          {shown.map((s) => (
            <li key={s.id} className="card">
              <h2>
                <Link to={`/surveys/${encodeURIComponent(s.id)}`}>{s.title}</Link>
              </h2>
              <p>
                <Badge tone={s.state === 'open' ? 'success' : 'neutral'}>{STATE_LABELS[s.state]}</Badge> {s.response_count} {s.response_count === 1 ? 'response' : 'responses'}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {nextCursor ? (
        <button type="button" className="button" onClick={() => void showMore()} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Show more'}
        </button>
      ) : null}
    </div>
  );
}
