import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { AuthProvider } from '../../auth/AuthContext';
import { fakeApi, user, type Handler } from '../../test/fakeApi';
import { EngagementPage } from './EngagementPage';

const consultant = { ...user, id: 'c1', name: 'Sam Reid', email: 'sam@example.org', platform_role: 'assessor' as const };

const engagement = (extra: Record<string, unknown> = {}) => ({
  id: 'e1',
  organisation_id: 'o1',
  organisation_name: 'Riverside Community Trust',
  scheme_id: 'svqm',
  scheme_name: 'Social Value Quality Mark',
  consultant_id: 'c1',
  consultant_name: 'Sam Reid',
  consultant_email: 'sam@example.org',
  status: 'active',
  needs_review: 'Outcomes are not captured yet.',
  recommendations: [{ title: 'Forecast the lunch club first', detail: '' }],
  plan: [{ topic: 'Involving stakeholders', kind: 'training', due_on: '2026-12-27', done: true }],
  sessions: [{ held_on: '2026-11-22', minutes: 90, summary: 'Kick-off.' }],
  pre_audit: { done_on: '2026-11-29', findings: 'Not yet ready.', positive: false },
  site_audit: null,
  allocated_at: '2026-11-20T10:00:00Z',
  updated_at: '2026-11-29T10:00:00Z',
  may_write: true,
  version: 2,
  ...extra,
});

function renderAs(me: Omit<typeof consultant, 'platform_role'> & { platform_role: 'assessor' | 'none' }, handler: Handler) {
  const session = { status: 200, body: { user: me, csrf_token: 'tok', organisations: [] } };
  const fake = fakeApi((method, path, body) => (path === '/me' ? session : handler(method, path, body)));
  render(
    <MemoryRouter initialEntries={['/engagements/e1']} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <AuthProvider api={fake.api}>
        <Routes>
          <Route path="/engagements/:id" element={<EngagementPage />} />
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
  return fake;
}

describe('EngagementPage', () => {
  it('keeps the consultant’s changes when someone else saved first, and loads the saved version when asked', async () => {
    let current = engagement();
    const fake = renderAs(consultant, (method, path) => {
      if (method === 'GET' && path === '/engagements/e1') return { status: 200, body: current };
      if (method === 'PUT' && path === '/engagements/e1') {
        current = engagement({ needs_review: 'Saved in another window.', version: 3 });
        const message = 'someone else changed this engagement first (version 2 is now 3): reload and try again';
        return { status: 409, body: { error: { code: 'failed_precondition', message, field: 'version', fields: [{ field: 'version', message }] } } };
      }
      return undefined;
    });
    const needs = await screen.findByRole('textbox', { name: 'Review of needs' });
    await userEvent.clear(needs);
    await userEvent.type(needs, 'My new review.');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save the engagement' }));

    await screen.findByText('Someone else saved this engagement first');
    expect(needs).toHaveValue('My new review.');
    const put = fake.calls.find((c) => c.method === 'PUT');
    expect(put?.body).toMatchObject({ needs_review: 'My new review.', version: 2, site_audit: null });
    expect((put?.body as { sessions: unknown[] }).sessions).toEqual([{ held_on: '2026-11-22', minutes: 90, summary: 'Kick-off.' }]);

    await userEvent.click(screen.getByRole('button', { name: 'Load the saved version' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Review of needs' })).toHaveValue('Saved in another window.'));
    expect(screen.queryByText('Someone else saved this engagement first')).not.toBeInTheDocument();
    expect(screen.queryByText('Unsaved changes')).not.toBeInTheDocument();
  });

  it('puts a problem beside the row sent at its place, after a row above it was removed', async () => {
    renderAs(consultant, (method, path) => {
      if (method === 'GET' && path === '/engagements/e1') return { status: 200, body: engagement() };
      if (method === 'PUT')
        return {
          status: 400,
          body: { error: { code: 'invalid_argument', message: '1 problem', fields: [{ field: 'recommendations[0].title', message: 'use at most 200 characters' }] } },
        };
      return undefined;
    });
    await screen.findByRole('group', { name: 'Recommendation 1' });
    await userEvent.click(screen.getByRole('button', { name: 'Add a recommendation' }));
    const second = screen.getByRole('group', { name: 'Recommendation 2' });
    expect(within(second).getByLabelText('Title')).toHaveFocus();
    await userEvent.type(within(second).getByLabelText('Title'), 'Ask members first');
    await userEvent.click(screen.getByRole('button', { name: 'Remove recommendation 1' }));
    // The focus goes to the list's button; what was the second is now the first.
    expect(screen.getByRole('button', { name: 'Add a recommendation' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Save the engagement' }));

    const first = screen.getByRole('group', { name: 'Recommendation 1' });
    await within(first).findByText('Use at most 200 characters.');
    expect(within(first).getByLabelText('Title')).toHaveValue('Ask members first');
    expect(within(first).getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true');
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Recommendation 1, title: Use at most 200 characters.' })).toBeInTheDocument();
  });

  it('checks the form before sending: a session without a summary is named beside it, nothing sent', async () => {
    const fake = renderAs(consultant, (method, path) => (method === 'GET' && path === '/engagements/e1' ? { status: 200, body: engagement() } : undefined));
    await userEvent.click(await screen.findByRole('button', { name: 'Log a session' }));
    const session = screen.getByRole('group', { name: 'Session 1' });
    expect(within(session).getByLabelText('Date')).toHaveFocus();
    expect(within(session).getByText('That is 1 h.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save the engagement' }));
    expect(await within(session).findByText('Write a summary of the session.')).toBeInTheDocument();
    expect(fake.calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('shows the engagement read-only to anyone but its consultant', async () => {
    const member = { ...user, id: 'm1', platform_role: 'none' as const };
    renderAs(member, (method, path) => (method === 'GET' && path === '/engagements/e1' ? { status: 200, body: engagement({ may_write: false }) } : undefined));
    await screen.findByRole('heading', { level: 1, name: 'Riverside Community Trust' });
    expect(screen.getByText('Forecast the lunch club first')).toBeInTheDocument();
    expect(screen.getByText('1 h 30 min')).toBeInTheDocument();
    expect(screen.getByText('Not yet ready')).toBeInTheDocument();
    expect(screen.getByText('Done:')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'sam@example.org' })).toHaveAttribute('href', 'mailto:sam@example.org');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Save|Close/ })).not.toBeInTheDocument();
  });
});
