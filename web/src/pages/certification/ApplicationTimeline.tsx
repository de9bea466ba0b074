// An application's milestones, oldest first, as its audit trail records them:
// started, submitted, allocated, amendments requested, resubmitted,
// recommended, awarded or rejected.
import type { TimelineEvent } from '../../api';
import { formatTime } from '../../lib/format';

export function ApplicationTimeline({ events }: { events: TimelineEvent[] }) {
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <div className="panel__head">
        <h2 id="timeline-title">Timeline</h2>
      </div>
      {events.length === 0 ? (
        <p className="muted">Nothing has happened to this application yet.</p>
      ) : (
        <ol className="milestones">
          {events.map((e, i) => (
            <li key={`${e.at}-${i}`} className={`milestones__event milestones__event--${e.kind}`}>
              <time dateTime={e.at} className="milestones__when">
                {formatTime(e.at)}
              </time>{' '}
              <span className="milestones__what">{e.title}</span>
              {e.by ? <span className="muted"> by {e.by}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
