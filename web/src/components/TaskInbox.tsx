import { Link } from 'react-router-dom';
import type { Task } from '../api';
import { useAuth } from '../auth/AuthContext';
import { useLoad } from '../hooks/useLoad';
import { formatDate } from '../lib/format';
import { ErrorState, Loading } from './States';

/** A task's link is a page of this app; anything else is not followed. */
function pageOf(task: Task): string {
  return task.link.startsWith('/') && !task.link.startsWith('//') ? task.link : '/';
}

/**
 * "Waiting for you": what the signed-in person has to do next — sign-offs,
 * submissions, amendments, renewals, reviews, allocations and decisions —
 * each linking to the page where it is done. Worked out by the server each
 * time, so a task disappears as soon as it is done.
 */
export function TaskInbox() {
  const { api } = useAuth();
  const tasks = useLoad(() => api.tasks(), [api]);
  return (
    <section className="panel task-inbox" aria-labelledby="tasks-title">
      <h2 id="tasks-title">
        Waiting for you
        {tasks.data && tasks.data.length > 0 ? <span className="task-inbox__count"> ({tasks.data.length})</span> : null}
      </h2>
      {tasks.status === 'loading' ? <Loading label="Looking for what waits for you…" /> : null}
      {tasks.error ? <ErrorState error={tasks.error} onRetry={tasks.reload} title="Your tasks could not be loaded" /> : null}
      {tasks.data && tasks.data.length === 0 ? (
        <p className="muted">Nothing waits for you. When a sign-off, an amendment, a review or a decision is yours to do, it appears here and you are emailed.</p>
      ) : null}
      {tasks.data && tasks.data.length > 0 ? (
        <ul className="task-list">
          {tasks.data.map((t, i) => (
            <li key={`${t.kind}-${t.link}-${i}`} className="task-list__item">
              <div className="task-list__text">
                <Link to={pageOf(t)} className="task-list__title">
                  {t.title}
                </Link>
                <span className="task-list__org">{t.organisation_name}</span>
                <p className="task-list__detail">{t.detail}</p>
              </div>
              {t.due ? <p className="task-list__due">Due {formatDate(t.due)}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
