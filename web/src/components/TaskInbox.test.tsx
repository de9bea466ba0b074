import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { AuthProvider } from '../auth/AuthContext';
import { fakeApi, user } from '../test/fakeApi';
import { TaskInbox } from './TaskInbox';

function renderInbox(tasks: unknown[] | { status: number; body: unknown }) {
  const { api } = fakeApi((_method, path) => {
    if (path === '/me') return { status: 200, body: { user, organisations: [], csrf_token: 't' } };
    if (path.startsWith('/me/tasks')) return Array.isArray(tasks) ? { status: 200, body: { items: tasks, next_cursor: null } } : tasks;
  });
  return render(
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <AuthProvider api={api}>
        <TaskInbox />
      </AuthProvider>
    </MemoryRouter>,
  );
}

describe('TaskInbox', () => {
  it('lists each task as a link to where it is done, with its due date in words', async () => {
    renderInbox([
      {
        kind: 'sign_off',
        title: 'Sign off the evidence',
        detail: 'Every criterion has evidence.',
        link: '/applications/a1',
        organisation_name: 'Riverside',
        since: '2026-12-01T10:00:00Z',
        due: null,
      },
      {
        kind: 'review',
        title: 'Review the evidence',
        detail: 'Allocated to you.',
        link: '/applications/a2',
        organisation_name: 'Hillside',
        since: '2026-12-02T10:00:00Z',
        due: '2026-12-24',
      },
    ]);
    const link = await screen.findByRole('link', { name: 'Sign off the evidence' });
    expect(link.getAttribute('href')).toBe('/applications/a1');
    expect(screen.getByRole('heading', { name: /Waiting for you \(2\)/ })).toBeTruthy();
    expect(screen.getByText('Due 24 Dec 2026')).toBeTruthy();
    expect(screen.queryByText('sign_off')).toBeNull();
  });

  it('says when nothing waits', async () => {
    renderInbox([]);
    expect(await screen.findByText(/Nothing waits for you/)).toBeTruthy();
  });

  it('never follows a link off the site', async () => {
    renderInbox([
      { kind: 'review', title: 'Review', detail: 'x', link: '//evil.example/x', organisation_name: 'R', since: '2026-12-01T10:00:00Z' },
    ]);
    expect((await screen.findByRole('link', { name: 'Review' })).getAttribute('href')).toBe('/');
  });

  it('says when the tasks cannot be loaded', async () => {
    renderInbox({ status: 500, body: { error: { code: 'internal', message: 'boom' } } });
    expect(await screen.findByText('Your tasks could not be loaded')).toBeTruthy();
  });
});
