// "Help with this criterion": a small link beside a criterion (the scheme's
// page, an application) to the resources and consultants that name it.
import { Link } from 'react-router-dom';
import { criterionHelpPath } from '../../lib/support';
import './support.css';

/** `context` names the criterion for screen readers, where many such links share a page. */
export function CriterionHelpLink({ id, context }: { id: string; context?: string }) {
  return (
    <p className="criterion-help">
      <Link to={criterionHelpPath(id)} className="criterion-help__link">
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          <circle cx="12" cy="17" r="1.2" fill="currentColor" />
        </svg>
        Help with this criterion
        {context ? <span className="visually-hidden"> ({context})</span> : null}
      </Link>
    </p>
  );
}
