// Changing a saved survey's questions, outcomes, dates and languages in the
// designer; saved with the version read, so that a colleague's save in the
// meantime is reported rather than overwritten.
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorState, Loading, NotFoundState } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { useApiSafe } from './api';
import { SurveyDesigner } from './SurveyDesigner';
import type { Survey } from './types';
import './surveys.css';

export function SurveyEditPage() {
  const { id = '' } = useParams();
  const api = useApiSafe();
  const navigate = useNavigate();
  const survey = useLoad(() => api.client.get<Survey>(`/surveys/${encodeURIComponent(id)}`), [id]);
  useDocumentTitle(survey.data ? `Change: ${survey.data.title}` : 'Change a survey');
  if (survey.status === 'loading') return <Loading />;
  if (survey.error?.isNotFound) return <NotFoundState what="survey" />;
  if (!survey.data) return survey.error ? <ErrorState error={survey.error} onRetry={survey.reload} /> : null;
  const s = survey.data;
  const back = `/surveys/${encodeURIComponent(s.id)}`;
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">
            <Link to={back}>{s.title}</Link>
          </p>
          <h1>Change the survey</h1>
        </div>
      </div>
      <SurveyDesigner orgId={s.organisation_id} survey={s} onSaved={() => navigate(back)} onCancel={() => navigate(back)} />
    </div>
  );
}
