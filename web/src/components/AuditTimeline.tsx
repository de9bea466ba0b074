import type { ReactNode } from 'react';
import type { AuditEntry } from '../api';
import { describeAction, formatTime, shortHash } from '../lib/format';

/** One change of an update as a sentence: "Area: “Leeds” → “Bradford”". */
export function describeChange(c: { field: string; before: string; after: string }): string {
  if (!c.before) return `${c.field}: added “${c.after}”`;
  if (!c.after) return `${c.field}: removed “${c.before}”`;
  return `${c.field}: “${c.before}” → “${c.after}”`;
}

/** What an update changed, field by field, as the server worded it. */
export function AuditChanges({ entry }: { entry: AuditEntry }) {
  const changes = entry.changes ?? [];
  const more = entry.more_changes ?? 0;
  if (changes.length === 0 && more === 0) return null;
  return (
    <ul className="timeline__changes" aria-label="What changed">
      {changes.map((c, i) => (
        <li key={i}>{describeChange(c)}</li>
      ))}
      {more > 0 ? (
        <li className="muted">
          and {more} more change{more === 1 ? '' : 's'}
        </li>
      ) : null}
    </ul>
  );
}

/**
 * An audit trail, newest first: when, who did what, to which record (as
 * `describe` names it), what changed, and the entry's place in its chain.
 */
export function AuditTimeline({ entries, describe, label }: { entries: AuditEntry[]; describe: (e: AuditEntry) => ReactNode; label: string }) {
  return (
    <ol className="timeline" aria-label={label}>
      {entries.map((e) => (
        <li key={`${e.chain}#${e.seq}`} className="timeline__item">
          <div className="timeline__when">
            <time dateTime={e.at}>{formatTime(e.at)}</time>
          </div>
          <div className="timeline__what">
            <p className="timeline__action">
              <strong>{e.actor?.name ?? 'ValueMark'}</strong> <span>{describeAction(e.action)}</span>
            </p>
            <p className="timeline__entity">{describe(e)}</p>
            <AuditChanges entry={e} />
          </div>
          <div className="timeline__hash">
            <span className="visually-hidden">Hash </span>
            <code title={e.hash}>{shortHash(e.hash)}</code>
            <span className="muted small"> #{e.seq}</span>
          </div>
        </li>
      ))}
    </ol>
  );
}
