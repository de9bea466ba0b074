import { Route } from 'react-router-dom';
import { PublicSurveyPage } from './PublicSurveyPage';
import { SurveyPreviewPage } from './SurveyPreviewPage';
import { SurveyPrintPage } from './SurveyPrintPage';
import { SurveyPage } from './SurveyPage';
import { SurveyEditPage } from './SurveyEditPage';
import { SurveysPage } from './SurveysPage';

/** Pages of a signed-in member. */
export const surveyRoutes = (
  <>
    <Route path="/organisations/:id/surveys" element={<SurveysPage />} />
    <Route path="/surveys/:id" element={<SurveyPage />} />
    <Route path="/surveys/:id/edit" element={<SurveyEditPage />} />
    <Route path="/surveys/:id/preview" element={<SurveyPreviewPage />} />
    <Route path="/surveys/:id/print" element={<SurveyPrintPage />} />
  </>
);

/** The respondents' page: public, without the app's header. */
export const publicSurveyRoutes = <Route path="/s/:token" element={<PublicSurveyPage />} />;

/** A path of a survey's public link, where nobody signs in. */
export function isPublicSurveyPath(path: string): boolean {
  return /^\/s\/[^/]+\/?$/.test(path);
}
