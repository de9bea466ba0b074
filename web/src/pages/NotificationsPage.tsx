import { useEffect, type ReactNode } from 'react';
import type { Notification } from '../api';
import { useAuth } from '../auth/AuthContext';
import { Badge, EmptyState, ErrorState, Loading } from '../components/States';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useLoad } from '../hooks/useLoad';
import { formatTime } from '../lib/format';

/** Fired when notifications were marked read, so that the header's count follows. */
export const NOTIFICATIONS_READ_EVENT = 'valuemark:notifications-read';

/** A message's text with its web addresses as links. */
export function linkify(text: string): ReactNode[] {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return parts.map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

function NotificationItem({ n }: { n: Notification }) {
  return (
    <li className={`notification${n.unread ? ' notification--unread' : ''}`}>
      <div className="notification__head">
        <h2 className="notification__subject">{n.subject}</h2>
        {n.unread ? <Badge tone="info">New</Badge> : null}
        <time className="notification__time" dateTime={n.created_at}>
          {formatTime(n.created_at)}
        </time>
      </div>
      <p className="notification__body">{linkify(n.body)}</p>
    </li>
  );
}

export function NotificationsPage() {
  useDocumentTitle('Notifications');
  const { api } = useAuth();
  const state = useLoad(() => api.notifications(), [api]);
  const newest = state.data?.items[0];
  const unread = state.data?.unread ?? 0;

  // Seeing the list reads it: mark up to the newest shown.
  useEffect(() => {
    if (!newest || unread === 0) return;
    void api
      .markNotificationsRead(newest.id)
      .then(() => window.dispatchEvent(new Event(NOTIFICATIONS_READ_EVENT)))
      .catch(() => undefined);
  }, [api, newest, unread]);

  return (
    <div className="page page--narrow">
      <div className="page-head">
        <div>
          <p className="eyebrow">Your account</p>
          <h1>Notifications</h1>
          <p className="page-head__meta">
            Everything ValueMark has sent you by email: invitations, applications, reviews, awards and reminders.
          </p>
        </div>
      </div>
      {state.status === 'loading' ? <Loading label="Loading your notifications…" /> : null}
      {state.status === 'error' ? <ErrorState error={state.error} onRetry={state.reload} /> : null}
      {state.data && state.data.items.length === 0 ? (
        <EmptyState title="No notifications yet">
          When someone invites you, an application moves on or a certificate is due for renewal, it shows here.
        </EmptyState>
      ) : null}
      {state.data && state.data.items.length > 0 ? (
        <ul className="notification-list" aria-label="Notifications, newest first">
          {state.data.items.map((n) => (
            <NotificationItem key={n.id} n={n} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
