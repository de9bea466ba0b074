// An engagement as the organisation reads it: who the consultant is (with
// their email), the scheme and since when, the review of needs, the
// recommendations, the training and mentoring plan as a checklist, the
// sessions held and the two audits with their outcome in words. The same on
// the organisation's Consultant page and on the engagement's own page.
import { useId, type ReactNode } from 'react';
import type { Engagement } from '../../api/engagements';
import { Badge } from '../../components/States';
import {
  SUPPORT_KIND_LABEL,
  dueWords,
  durationWords,
  planProgress,
  preAuditOutcome,
  sessionsSummary,
  siteAuditOutcome,
} from '../../lib/engagements';
import { formatDate } from '../../lib/format';

type Level = 2 | 3;

function Section({ level, title, extra, children, className }: { level: Level; title: string; extra?: ReactNode; children: ReactNode; className?: string }) {
  const id = `eng${useId().replace(/:/g, '')}`;
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <section className={['eng-section', className ?? ''].filter(Boolean).join(' ')} aria-labelledby={id}>
      <div className="eng-section__head">
        <H id={id} className="eng-section__title">
          {title}
        </H>
        {extra ? <span className="eng-section__extra">{extra}</span> : null}
      </div>
      {children}
    </section>
  );
}

function CheckMark({ done }: { done: boolean }) {
  return (
    <span className={`eng-check__box${done ? ' eng-check__box--done' : ''}`} aria-hidden="true">
      {done ? (
        <svg width="14" height="14" viewBox="0 0 20 20" focusable="false">
          <path d="M4 10.5l4 4 8-9" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      ) : null}
    </span>
  );
}

/** Who, which scheme, since when: the facts at the head of an engagement; `scheme` false where a heading names it. */
export function EngagementFacts({ e, scheme = true }: { e: Engagement; scheme?: boolean }) {
  return (
    <dl className="facts facts--grid eng-facts">
      <div>
        <dt>Consultant</dt>
        <dd>
          <span className="eng-facts__name">{e.consultant_name}</span>
          {e.consultant_email ? (
            <a className="eng-facts__email break" href={`mailto:${e.consultant_email}`}>
              {e.consultant_email}
            </a>
          ) : null}
        </dd>
      </div>
      {scheme ? (
        <div>
          <dt>Scheme</dt>
          <dd>{e.scheme_name}</dd>
        </div>
      ) : null}
      <div>
        <dt>Consultant since</dt>
        <dd>{formatDate(e.allocated_at)}</dd>
      </div>
      <div>
        <dt>{e.status === 'closed' ? 'Closed on' : 'Last updated'}</dt>
        <dd>{formatDate(e.updated_at)}</dd>
      </div>
    </dl>
  );
}

/** Everything the consultant has written, read-only; `level`: the level of the sections' headings. */
export function EngagementDetails({ e, level = 2 }: { e: Engagement; level?: Level }) {
  const pre = e.pre_audit;
  const site = e.site_audit;
  return (
    <div className="eng-details">
      <Section level={level} title="Review of needs">
        {e.needs_review.trim() ? <p className="eng-text">{e.needs_review}</p> : <p className="muted">The consultant has not written the review yet.</p>}
      </Section>

      <Section level={level} title="Recommendations">
        {e.recommendations.length > 0 ? (
          <ol className="eng-recs">
            {e.recommendations.map((r, i) => (
              <li key={i} className="eng-recs__item">
                <p className="eng-recs__title">{r.title}</p>
                {r.detail?.trim() ? <p className="eng-text">{r.detail}</p> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No recommendations yet.</p>
        )}
      </Section>

      <Section level={level} title="Training and mentoring plan" extra={e.plan.length > 0 ? planProgress(e.plan) : undefined}>
        {e.plan.length > 0 ? (
          <ul className="eng-checklist">
            {e.plan.map((p, i) => (
              <li key={i} className={`eng-check${p.done ? ' eng-check--done' : ''}`}>
                <CheckMark done={!!p.done} />
                <div className="eng-check__body">
                  <span className="visually-hidden">{p.done ? 'Done: ' : 'To do: '}</span>
                  <span className="eng-check__topic">{p.topic}</span>
                  <span className="eng-check__meta">
                    <Badge tone="info">{SUPPORT_KIND_LABEL[p.kind] ?? p.kind}</Badge>
                    <span>{dueWords(p.due_on)}</span>
                  </span>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nothing planned yet.</p>
        )}
      </Section>

      <Section level={level} title="Sessions" extra={e.sessions.length > 0 ? sessionsSummary(e.sessions) : undefined}>
        {e.sessions.length > 0 ? (
          <ol className="eng-sessions">
            {e.sessions.map((s, i) => (
              <li key={i} className="eng-sessions__item">
                <p className="eng-sessions__head">
                  <span className="eng-sessions__date">{formatDate(s.held_on)}</span>
                  <span className="eng-sessions__length">{durationWords(s.minutes)}</span>
                </p>
                <p className="eng-text">{s.summary}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No sessions logged yet.</p>
        )}
      </Section>

      <div className="eng-audits">
        <Section level={level} title="Pre-audit" className="eng-audit">
          {pre ? (
            <>
              <p className="eng-audit__outcome">
                <Badge tone={pre.positive ? 'success' : 'warning'}>{preAuditOutcome(pre.positive)}</Badge>
                <span>{formatDate(pre.done_on)}</span>
              </p>
              <p className="eng-text">{pre.findings}</p>
            </>
          ) : (
            <p className="muted">Not carried out yet. Before the organisation applies, the consultant checks whether it is ready.</p>
          )}
        </Section>
        <Section level={level} title="On-site audit" className="eng-audit">
          {site ? (
            <>
              <p className="eng-audit__outcome">
                <Badge tone={site.positive ? 'success' : 'warning'}>{siteAuditOutcome(site.positive)}</Badge>
                <span>{formatDate(site.done_on)}</span>
              </p>
              <p className="eng-text">{site.findings}</p>
            </>
          ) : (
            <p className="muted">Not carried out yet. It follows the pre-audit: the consultant verifies the organisation’s work on site.</p>
          )}
        </Section>
      </div>
    </div>
  );
}
