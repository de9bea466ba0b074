import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isPublicSurveyPath } from '../pages/surveys/routes';
import { fakeApi, user } from '../test/fakeApi';
import { AuthProvider, useAuth } from './AuthContext';

function Status() {
  const { status } = useAuth();
  return <p>{status}</p>;
}

describe('AuthProvider', () => {
  it('asks for the session on an ordinary page', async () => {
    const { api, calls } = fakeApi((_m, path) => (path === '/me' ? { status: 200, body: { user, organisations: [] } } : undefined));
    render(
      <AuthProvider api={api}>
        <Status />
      </AuthProvider>,
    );
    expect(await screen.findByText('signed-in')).toBeInTheDocument();
    expect(calls.map((c) => c.path)).toEqual(['/me']);
  });

  it('does not ask on a page nobody signs in to, so a respondent sees no 401', async () => {
    const { api, calls } = fakeApi(() => ({ status: 401, body: { error: { code: 'unauthenticated', message: 'no session' } } }));
    render(
      <AuthProvider api={api} anonymousPage>
        <Status />
      </AuthProvider>,
    );
    expect(screen.getByText('signed-out')).toBeInTheDocument();
    await waitFor(() => expect(calls).toEqual([]));
  });
});

describe('isPublicSurveyPath', () => {
  it('is a survey’s public link and nothing else', () => {
    expect(isPublicSurveyPath('/s/pUxacl-tcL7SyuPLxzAYlE6M0UCHvCj_')).toBe(true);
    expect(isPublicSurveyPath('/s/abc/')).toBe(true);
    expect(isPublicSurveyPath('/surveys/abc')).toBe(false);
    expect(isPublicSurveyPath('/s/')).toBe(false);
    expect(isPublicSurveyPath('/s/abc/print')).toBe(false);
    expect(isPublicSurveyPath('/')).toBe(false);
  });
});
