import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { AppRoutes } from './App';
import { AuthProvider } from './auth/AuthContext';
import { isPublicSurveyPath } from './pages/surveys/routes';
import { listenForHistoryMoves } from './hooks/useWarnBeforeLeaving';
import './styles.css';

// Before the router: an editor with unsaved changes answers Back first.
listenForHistoryMoves();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <AuthProvider anonymousPage={isPublicSurveyPath(window.location.pathname)}>
        <AppRoutes />
      </AuthProvider>
    </BrowserRouter>
  </StrictMode>,
);
