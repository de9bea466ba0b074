// The survey's link on a page to print (a poster, a handout, a slide): its
// title, a QR code to scan and the address to type, in the survey's language
// (or one of its translations, chosen here), with the form's own words from
// formWords.ts. The QR code is the server's (GET /surveys/{id}/qr.svg), and
// can be downloaded as SVG or PNG.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorState, Loading, NotFoundState } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { useApiSafe } from './api';
import { say } from './formWords';
import { inLanguage, languageName, languagesOf } from './languages';
import type { Survey } from './types';
import './surveys.css';

export function SurveyPrintPage() {
  const { id = '' } = useParams();
  const api = useApiSafe();
  const survey = useLoad(() => api.client.get<Survey>(`/surveys/${encodeURIComponent(id)}`), [id]);
  const [chosen, setChosen] = useState('');
  useDocumentTitle(survey.data ? `Print: ${survey.data.title}` : 'Print the survey link');
  if (survey.status === 'loading') return <Loading />;
  if (survey.error?.isNotFound) return <NotFoundState what="survey" />;
  if (!survey.data) return survey.error ? <ErrorState error={survey.error} onRetry={survey.reload} /> : null;
  const languages = languagesOf(survey.data);
  const lang = languages.includes(chosen) ? chosen : languages[0];
  const s = inLanguage(survey.data, lang).survey;
  const qr = (format: 'svg' | 'png') => `/api/v1/surveys/${encodeURIComponent(s.id)}/qr.${format}`;
  return (
    <div className="page survey-print">
      <div className="survey-print__tools">
        <Link to={`/surveys/${encodeURIComponent(s.id)}`}>Back to the survey</Link>
        {languages.length > 1 ? (
          <label className="survey-print__language">
            Language of the page{' '}
            <select className="input" value={lang} onChange={(e) => setChosen(e.target.value)}>
              {languages.map((l) => (
                <option key={l} value={l} lang={l}>
                  {languageName(l)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          Print this page
        </button>
        <a href={qr('png')} download="survey-link.png">
          Download the QR code (PNG)
        </a>
        <a href={qr('svg')} download="survey-link.svg">
          Download the QR code (SVG)
        </a>
        {s.status !== 'published' ? <p className="field__hint">The link takes answers only once the survey is published.</p> : null}
      </div>
      <section className="survey-print__sheet" aria-labelledby="print-title" lang={lang}>
        <h1 id="print-title">{s.title}</h1>
        {s.description ? <p className="survey-print__lead">{s.description}</p> : null}
        <img className="survey-print__qr" src={qr('svg')} alt={say(lang, 'qrAlt', { url: s.public_url })} width={320} height={320} />
        <p>{say(lang, 'scanOrType')}</p>
        <p className="survey-print__url">{s.public_url}</p>
        <p className="muted">{say(lang, 'noAccount')}</p>
      </section>
    </div>
  );
}
