// What the pages of brokerage share: the API as the signed-in person, a
// match's stage as a badge and as steps, a score and the parts that explain
// it, and a need's facts in words.
import { useMemo, type ReactNode } from 'react';
import { createBrokerageApi, type Match, type MatchStage, type Need, type ScorePart } from '../../api/brokerage';
import type { DirectoryTaxonomy } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { Badge } from '../../components/States';
import { stageSteps, stageTone, stageWords, timelineWords } from '../../lib/brokerage';
import { joinWords, termName } from '../../lib/directory';
import { formatDate } from '../../lib/format';
import { formatMoney } from '../measure/format';

export function useBrokerage() {
  const { api } = useAuth();
  return useMemo(() => createBrokerageApi(api.client), [api]);
}

export function StageBadge({ stage }: { stage: MatchStage }) {
  return <Badge tone={stageTone(stage)}>{stageWords(stage)}</Badge>;
}

/** The way of a match as numbered steps, the current one marked for screen readers too. */
export function StageProgress({ match, withShortlist }: { match: Pick<Match, 'stage' | 'introduced'>; withShortlist: boolean }) {
  const steps = stageSteps(match.stage, match.introduced, withShortlist);
  return (
    <ol className="stage-steps" aria-label="Progress of the partnership">
      {steps.map((s) => (
        <li
          key={s.stage}
          className={`stage-steps__item stage-steps__item--${s.state}${s.stage === 'declined' ? ' stage-steps__item--declined' : ''}`}
          aria-current={s.state === 'current' ? 'step' : undefined}
        >
          <span className="stage-steps__dot" aria-hidden="true">
            {s.state === 'done' ? '✓' : s.stage === 'declined' ? '×' : ''}
          </span>
          <span className="stage-steps__label">{s.label}</span>
          <span className="visually-hidden">{s.state === 'done' ? ', done' : s.state === 'current' ? ', where it is now' : ', to come'}</span>
        </li>
      ))}
    </ol>
  );
}

/** A score out of 100 as a bar and a number. */
export function ScoreBar({ score, label }: { score: number; label?: string }) {
  const value = Math.max(0, Math.min(100, Math.round(score)));
  return (
    <span className="score">
      <span className="score__bar" aria-hidden="true">
        <span className="score__fill" style={{ width: `${value}%` }} />
      </span>
      <span className="score__number">
        {value}
        <span className="muted"> / 100</span>
        {label ? <span className="visually-hidden"> {label}</span> : null}
      </span>
    </span>
  );
}

/** Why a candidate scores what it does: each part's points and reason. */
export function ScoreParts({ parts }: { parts: readonly ScorePart[] }) {
  if (parts.length === 0) return <p className="muted">No explanation was given for this score.</p>;
  return (
    <ul className="score-parts">
      {parts.map((p) => (
        <li key={p.name} className="score-parts__item">
          <span className="score-parts__name">{p.name}</span>
          <span className="score-parts__points">
            {formatPoints(p.points)} of {formatPoints(p.out_of)} points
          </span>
          <span className="score-parts__reason">{p.reason}</span>
        </li>
      ))}
    </ul>
  );
}

function formatPoints(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** Pence as the app shows money. */
export function money(pence: number | null | undefined): string {
  return pence === null || pence === undefined ? 'Not said' : formatMoney(pence / 100);
}

type NeedLike = Pick<Need, 'outcomes' | 'themes' | 'areas' | 'budget_pence' | 'starts_on' | 'ends_on' | 'organisation_name'>;

/** A need's details in words: themes and areas by their names, money and dates as the app shows them. */
export function NeedFacts({ need, taxonomy, extra }: { need: NeedLike; taxonomy: DirectoryTaxonomy | null; extra?: ReactNode }) {
  const timeline = timelineWords(need.starts_on, need.ends_on, formatDate);
  return (
    <dl className="facts facts--grid">
      <div className="facts__wide">
        <dt>Outcomes wanted</dt>
        <dd className="need-outcomes">{need.outcomes}</dd>
      </div>
      <div>
        <dt>Posted by</dt>
        <dd>{need.organisation_name}</dd>
      </div>
      <div>
        <dt>Outcome themes</dt>
        <dd>{joinWords(need.themes.map((c) => termName(taxonomy?.themes, c)))}</dd>
      </div>
      <div>
        <dt>Areas</dt>
        <dd>{joinWords(need.areas.map((c) => termName(taxonomy?.areas, c)))}</dd>
      </div>
      <div>
        <dt>Budget</dt>
        <dd>{need.budget_pence === null ? <span className="muted">Not said</span> : money(need.budget_pence)}</dd>
      </div>
      <div>
        <dt>Timeline</dt>
        <dd>{timeline || <span className="muted">Not said</span>}</dd>
      </div>
      {extra}
    </dl>
  );
}

/** The candidate's name, or why it is not shown yet. */
export function candidateName(match: Pick<Match, 'candidate'>): string {
  return match.candidate.name ?? 'An enterprise not yet named';
}

export function NeedStatusBadge({ status }: { status: Need['status'] }) {
  return status === 'open' ? <Badge tone="success">Open</Badge> : <Badge tone="neutral">Closed</Badge>;
}
