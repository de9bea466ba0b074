// One certification scheme as a card: its name, what it is for, its levels in
// order and the stages they are assessed across. Used by the front door and
// the list of schemes.
import { Link } from 'react-router-dom';
import type { Scheme } from '../../api';
import { count, levelsInOrder, listInWords, schemeSummary, sentenceCase, stagesOf } from '../../lib/schemes';
import './schemes.css';

export function schemePath(scheme: Pick<Scheme, 'id'>, version?: number): string {
  return `/schemes/${encodeURIComponent(scheme.id)}${version ? `?version=${version}` : ''}`;
}

export function SchemeCard({
  scheme,
  headingId,
  headingLevel = 3,
  link = true,
  label = scheme.name,
}: {
  scheme: Scheme;
  /** The name to show: schemeLabel() tells apart two forms of one scheme. */
  label?: string;
  headingId: string;
  headingLevel?: 2 | 3;
  /** Links the card to the scheme's own page. */
  link?: boolean;
}) {
  const levels = levelsInOrder(scheme);
  const stages = stagesOf(scheme);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className="card scheme-card">
      <H id={headingId} className="scheme-card__title">
        {link ? <Link to={schemePath(scheme)}>{label}</Link> : label}
      </H>
      <p className="scheme-card__meta">
        {sentenceCase(count(levels.length, 'level'))} · each award is valid for {scheme.validity_months} months
      </p>
      <p className="scheme-card__summary">{schemeSummary(scheme)}</p>
      <ol className="level-steps" aria-label={`Levels of the ${label}`}>
        {levels.map((l) => (
          <li key={l.number} className="level-steps__item">
            <span className="level-steps__number">Level {l.number}</span>
            <span className="level-steps__name">{l.name}</span>
            {l.verified ? null : <span className="level-steps__note">Self-declared: not reviewed by an assessor</span>}
          </li>
        ))}
      </ol>
      {stages.names.length > 0 ? (
        <p className="scheme-card__stages">
          {stages.same ? `Every level is assessed across ${count(stages.names.length, 'stage')}: ` : 'The levels build up across: '}
          {listInWords(stages.names)}.
        </p>
      ) : null}
      {link ? (
        <p className="scheme-card__more">
          <Link to={schemePath(scheme)}>
            Criteria, fees and rounds<span className="visually-hidden"> of the {label}</span>
          </Link>
        </p>
      ) : null}
    </li>
  );
}
