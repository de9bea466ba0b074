// The entries of the support registers as anyone reads them: a resource with
// its download or link, a consultant with what they help with and how to
// reach them, a practitioner with their accreditation. Criteria are named in
// words (scheme, level, stage and text) and lead to their help.
import { Link } from 'react-router-dom';
import type { Consultant, CriterionRef, Practitioner, Resource } from '../../api/support';
import { Badge } from '../../components/States';
import {
  accreditationInWords,
  contactHref,
  criterionHelpPath,
  criterionInStage,
  groupCriteria,
  fileInWords,
  hostOf,
  isEmailContact,
  levelInWords,
  namesInWords,
  standingTone,
  STANDING_LABEL,
} from '../../lib/support';
import { useSupportApi } from './useSupportApi';

type Heading = 'h3' | 'h4';

const SHOWN_CRITERIA = 3;

/** Criteria under their scheme and level, each its stage and words, leading to its help. */
function CriterionGroups({ criteria, of }: { criteria: readonly CriterionRef[]; of: string }) {
  return (
    <>
      {groupCriteria(criteria).map((g) => (
        <div key={g.place} className="support-criteria__group">
          <p className="support-criteria__place">{g.place}</p>
          <ul className="support-criteria__list" aria-label={`Criteria of the ${g.place} that ${of} helps with`}>
            {g.criteria.map((c) => (
              <li key={c.id}>
                <Link to={criterionHelpPath(c.id)}>{criterionInStage(c)}</Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

/** The criteria an entry helps with, the first few shown, the rest behind "more". */
export function CriteriaList({ criteria, of }: { criteria: readonly CriterionRef[]; of: string }) {
  if (criteria.length === 0) return null;
  const rest = criteria.slice(SHOWN_CRITERIA);
  return (
    <div className="support-criteria">
      <p className="support-card__label">Helps with</p>
      <CriterionGroups criteria={criteria.slice(0, SHOWN_CRITERIA)} of={of} />
      {rest.length > 0 ? (
        <details className="support-criteria__more">
          <summary>
            {rest.length === 1 ? '1 more criterion' : `${rest.length} more criteria`}
            <span className="visually-hidden"> that {of} helps with</span>
          </summary>
          <CriterionGroups criteria={rest} of={of} />
        </details>
      ) : null}
    </div>
  );
}

/** A resource's way in: its download, with the kind and size of the file, or its link. */
export function ResourceAction({ resource: r }: { resource: Resource }) {
  const support = useSupportApi();
  if (r.link) {
    return (
      <p className="support-card__action">
        <a href={r.link} target="_blank" rel="noopener noreferrer" className="button button--secondary button--small">
          Open link<span className="visually-hidden"> to “{r.title}” (opens in a new tab)</span>
        </a>{' '}
        <span className="muted small">{hostOf(r.link)}</span>
      </p>
    );
  }
  return (
    <p className="support-card__action">
      <a href={support.resourceFileUrl(r.id)} download className="button button--secondary button--small">
        {r.built_in ? 'Download template' : 'Download'}
        <span className="visually-hidden"> “{r.title}”</span>
      </a>{' '}
      <span className="muted small">({fileInWords(r)})</span>
    </p>
  );
}

export function ResourceCard({ resource: r, heading: H = 'h3' }: { resource: Resource; heading?: Heading }) {
  return (
    <li className="card support-card">
      <p className="support-card__kind">
        <Badge tone="info">{r.kind_name}</Badge>
        {r.built_in ? <Badge>Comes with ValueMark</Badge> : null}
      </p>
      <H className="support-card__title">{r.title}</H>
      <p className="support-card__summary">{r.summary}</p>
      {r.criterion_details.length > 0 ? (
        <CriteriaList criteria={r.criterion_details} of={r.title} />
      ) : r.scheme_names.length > 0 ? (
        <p className="support-card__meta">For the {namesInWords(r.scheme_names)}</p>
      ) : null}
      <ResourceAction resource={r} />
    </li>
  );
}

function Contact({ contact, name }: { contact: string; name: string }) {
  if (!contact) return null;
  const email = isEmailContact(contact);
  return (
    <a href={contactHref(contact)} {...(email ? {} : { target: '_blank', rel: 'noopener noreferrer' })}>
      {email ? contact : hostOf(contact)}
      <span className="visually-hidden">
        {email ? ` (email ${name})` : ` (website of ${name}, opens in a new tab)`}
      </span>
    </a>
  );
}

export function ConsultantCard({ consultant: k, heading: H = 'h3' }: { consultant: Consultant; heading?: Heading }) {
  return (
    <li className="card support-card">
      <H className="support-card__title">{k.name}</H>
      {k.organisation ? <p className="support-card__meta">{k.organisation}</p> : null}
      <p className="support-card__summary support-card__summary--long">{k.summary}</p>
      <dl className="support-facts">
        {k.area_names.length > 0 ? (
          <div>
            <dt>Areas</dt>
            <dd>{namesInWords(k.area_names)}</dd>
          </div>
        ) : null}
        {k.scheme_names.length > 0 ? (
          <div>
            <dt>Schemes</dt>
            <dd>{namesInWords(k.scheme_names)}</dd>
          </div>
        ) : null}
        {k.language_names.length > 0 ? (
          <div>
            <dt>Languages</dt>
            <dd>{namesInWords(k.language_names)}</dd>
          </div>
        ) : null}
        {k.email || k.website ? (
          <div>
            <dt>Contact</dt>
            <dd className="support-contact">
              <Contact contact={k.email} name={k.name} />
              <Contact contact={k.website} name={k.name} />
            </dd>
          </div>
        ) : null}
      </dl>
      <CriteriaList criteria={k.criterion_details} of={k.name} />
    </li>
  );
}

export function PractitionerCard({ practitioner: p, heading: H = 'h3' }: { practitioner: Practitioner; heading?: Heading }) {
  return (
    <li className="card support-card support-card--compact">
      <div className="support-card__head">
        <H className="support-card__title">{p.name}</H>
        <Badge tone="info">{levelInWords(p.level)}</Badge>
      </div>
      {p.organisation ? <p className="support-card__meta">{p.organisation}</p> : null}
      <p className="support-card__accreditation">
        {accreditationInWords(p)}{' '}
        {p.standing !== 'current' ? <Badge tone={standingTone(p.standing)}>{STANDING_LABEL[p.standing]}</Badge> : null}
      </p>
      <dl className="support-facts">
        {p.area_names.length > 0 ? (
          <div>
            <dt>Areas</dt>
            <dd>{namesInWords(p.area_names)}</dd>
          </div>
        ) : null}
        {p.contact ? (
          <div>
            <dt>Contact</dt>
            <dd className="support-contact">
              <Contact contact={p.contact} name={p.name} />
            </dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}
