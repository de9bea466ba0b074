import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { ApiError } from '../api';
import { enumsInWords } from '../lib/labels';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty__title">{title}</p>
      {children ? <div className="empty__body">{children}</div> : null}
      {action ? <div className="empty__action">{action}</div> : null}
    </div>
  );
}

/** A page for an organisation's work opened by someone in none: create one, or be invited. */
export function NoOrganisationYet({ heading, why }: { heading: string; why: ReactNode }) {
  return (
    <div className="page">
      <h1>{heading}</h1>
      <EmptyState
        title="You are not in an organisation yet"
        action={
          <Link to="/organisations/new" className="button button--primary">
            Create an organisation
          </Link>
        }
      >
        <p>{why}</p>
      </EmptyState>
    </div>
  );
}

/** What a page shows when the API says 404: nothing is revealed. */
export function NotFoundState({ what = 'page', headingLevel = 1 }: { what?: string; headingLevel?: 1 | 2 }) {
  const H = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <H id="not-found-title" tabIndex={-1}>
        {what === 'page' ? 'Page not found' : `This ${what} was not found`}
      </H>
      <p>
        {what === 'page'
          ? 'There is nothing at this address. Check that it was typed or pasted in full.'
          : `It may have been removed, the link may be wrong, or you may not be a member of it. If you expected to see it, ask its Social Value Lead to invite you.`}
      </p>
      <p>
        <Link to="/" className="button button--secondary">
          Go to your organisations
        </Link>
      </p>
    </section>
  );
}

/** Any other failure to load: the message and a way to try again. */
export function ErrorState({ error, onRetry, title = 'This could not be loaded' }: { error: ApiError; onRetry?: () => void; title?: string }) {
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{title}</p>
      <p className="alert__body">{enumsInWords(error.message)}</p>
      {onRetry ? (
        <p>
          <button type="button" className="button button--secondary" onClick={onRetry}>
            Try again
          </button>
        </p>
      ) : null}
    </div>
  );
}

export function Badge({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'success' | 'warning' | 'danger' | 'info' }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
