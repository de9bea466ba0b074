// A survey as its respondents will see it, before it is published: on a
// phone's width or a desktop's, answered as they would answer it, with
// nothing sent.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { RadioGroup } from '../../components/RadioGroup';
import { ErrorState, Loading, NotFoundState } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { useApiSafe } from './api';
import { SurveyForm } from './PublicSurveyPage';
import type { PublicSurvey, Survey } from './types';
import './surveys.css';

type Width = 'phone' | 'desktop';

export function SurveyPreviewPage() {
  const { id = '' } = useParams();
  const api = useApiSafe();
  const survey = useLoad(() => api.client.get<Survey>(`/surveys/${encodeURIComponent(id)}`), [id]);
  const [width, setWidth] = useState<Width>('phone');
  useDocumentTitle(survey.data ? `Preview: ${survey.data.title}` : 'Preview');
  if (survey.status === 'loading') return <Loading />;
  if (survey.error?.isNotFound) return <NotFoundState what="survey" />;
  if (!survey.data) return survey.error ? <ErrorState error={survey.error} onRetry={survey.reload} /> : null;
  const s = survey.data;
  // The form as the public link shows it once published.
  const asPublished: PublicSurvey = {
    organisation: '',
    survey_id: s.id,
    title: s.title,
    description: s.description,
    scope_id: s.scope_id,
    outcomes: s.outcomes,
    questions: s.questions,
    opens_on: s.opens_on,
    closes_on: s.closes_on,
    response_limit: s.response_limit,
    respondent_codes: s.respondent_codes,
    language: s.language,
    translations: s.translations,
    state: 'open',
    message: '',
  };
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to={`/surveys/${encodeURIComponent(s.id)}`}>{s.title}</Link>
      </p>
      <h1>Preview</h1>
      <p className="muted">
        {s.status === 'draft'
          ? 'This is how respondents will see the survey once you publish it. Answers given here are not sent.'
          : 'This is how respondents see the survey. Answers given here are not sent.'}
      </p>
      <RadioGroup<Width>
        legend="Screen"
        name="preview-width"
        inline
        options={[
          { value: 'phone', label: 'Phone (390 pixels wide)' },
          { value: 'desktop', label: 'Desktop' },
        ]}
        value={width}
        onChange={setWidth}
      />
      <div className={`survey-preview survey-preview--${width}`} data-testid="survey-preview">
        <main className="survey-page">
          <SurveyForm s={asPublished} />
        </main>
      </div>
    </div>
  );
}
