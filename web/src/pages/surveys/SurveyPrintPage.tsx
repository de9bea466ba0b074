// The survey's link on a page to print (a poster, a handout, a slide): its
// title, a QR code to scan and the address to type. The QR code is the
// server's (GET /surveys/{id}/qr.svg), and can be downloaded as SVG or PNG.
import { Link, useParams } from 'react-router-dom';
import { ErrorState, Loading, NotFoundState } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { useApiSafe } from './api';
import type { Survey } from './types';
import './surveys.css';

export function SurveyPrintPage() {
  const { id = '' } = useParams();
  const api = useApiSafe();
  const survey = useLoad(() => api.client.get<Survey>(`/surveys/${encodeURIComponent(id)}`), [id]);
  useDocumentTitle(survey.data ? `Print: ${survey.data.title}` : 'Print the survey link');
  if (survey.status === 'loading') return <Loading />;
  if (survey.error?.isNotFound) return <NotFoundState what="survey" />;
  if (!survey.data) return survey.error ? <ErrorState error={survey.error} onRetry={survey.reload} /> : null;
  const s = survey.data;
  const qr = (format: 'svg' | 'png') => `/api/v1/surveys/${encodeURIComponent(s.id)}/qr.${format}`;
  return (
    <div className="page survey-print">
      <div className="survey-print__tools">
        <Link to={`/surveys/${encodeURIComponent(s.id)}`}>Back to the survey</Link>
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          Print this page
        </button>
        <a href={qr('png')} download="survey-link.png">
          Download the QR code (PNG)
        </a>
        <a href={qr('svg')} download="survey-link.svg">
          Download the QR code (SVG)
        </a>
        {s.status !== 'published' ? (
          <p className="field__hint">The link takes answers only once the survey is published.</p>
        ) : null}
      </div>
      <section className="survey-print__sheet" aria-labelledby="print-title">
        <h1 id="print-title">{s.title}</h1>
        {s.description ? <p className="survey-print__lead">{s.description}</p> : null}
        <img className="survey-print__qr" src={qr('svg')} alt={`QR code of the survey's link, ${s.public_url}`} width={320} height={320} />
        <p>Scan the code with a phone’s camera, or type this address:</p>
        <p className="survey-print__url">{s.public_url}</p>
        <p className="muted">No account is needed.</p>
      </section>
    </div>
  );
}
