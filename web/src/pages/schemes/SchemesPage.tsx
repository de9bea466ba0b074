// Every certification scheme, for anyone (GET /schemes is public): what each
// is for, its levels, and, where one scheme comes in two forms, how they differ.
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { Scheme } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { compareForms, count, latestSchemes, levelSpan, listInWords, schemeFamilies, schemeLabel, schemeSummary, sentenceCase } from '../../lib/schemes';
import { SchemeCard, schemePath } from './SchemeCard';
import './schemes.css';

/** The anchor of a family's comparison on /schemes. */
export function formsAnchor(name: string): string {
  return `forms-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

/**
 * How the forms of one scheme differ: a paragraph for each, then a table
 * with a column per form.
 */
export function SchemeForms({ name, forms, all, headingLevel = 2 }: { name: string; forms: Scheme[]; all: Scheme[]; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const id = formsAnchor(name);
  const rows = compareForms(forms);
  return (
    <section className="panel scheme-forms" id={id} aria-labelledby={`${id}-title`}>
      <H id={`${id}-title`}>
        {sentenceCase(count(forms.length, 'form'))} of the {name}
      </H>
      <p>
        The {name} is offered in {count(forms.length, 'form')}. They are separate schemes: each has its own levels and criteria, and
        an award in one is not a level of the other. Choose the one that fits how your organisation works.
      </p>
      <ul className="scheme-forms__list">
        {forms.map((s) => (
          <li key={s.id}>
            <Link to={schemePath(s)}>
              <strong>{schemeLabel(s, all)}</strong>
            </Link>
            : {schemeSummary(s)}
          </li>
        ))}
      </ul>
      <div className="table-card">
        <table className="table table--stack scheme-forms__table">
          <caption className="visually-hidden">How the forms of the {name} differ</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Aspect</span>
              </th>
              {forms.map((s) => (
                <th scope="col" key={s.id}>
                  {schemeLabel(s, all)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.aspect}>
                <th scope="row">{r.aspect}</th>
                {r.same !== undefined ? (
                  <td colSpan={forms.length} data-label={forms.length === 2 ? 'Both forms' : 'Every form'}>
                    <span className="scheme-forms__same">{forms.length === 2 ? 'Both' : 'All'}: </span>
                    {r.same}
                  </td>
                ) : (
                  r.values.map((v, i) => (
                    <td key={forms[i].id} data-label={`${levelSpan(forms[i])} form`}>
                      {v}
                    </td>
                  ))
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function SchemesPage() {
  const { api } = useAuth();
  const schemes = useLoad(() => api.listSchemes(), [api]);
  useDocumentTitle('Certification schemes');
  const all = schemes.data ? latestSchemes(schemes.data.items) : [];
  const families = schemeFamilies(all);
  const { hash } = useLocation();
  const ready = schemes.status === 'ready';
  // "/schemes#forms-…" from a scheme's page: once the list is in, go to the comparison.
  useEffect(() => {
    if (!ready || !hash) return;
    const t = window.setTimeout(() => {
      const heading = document.getElementById(`${decodeURIComponent(hash.slice(1))}-title`);
      if (!heading) return;
      heading.setAttribute('tabindex', '-1');
      heading.focus();
      heading.scrollIntoView?.({ block: 'start' });
    }, 50);
    return () => window.clearTimeout(t);
  }, [ready, hash]);
  return (
    <div className="page schemes-page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Certification</p>
          <h1>Certification schemes</h1>
          <p className="lead">
            An organisation works towards a scheme one level at a time. For each level it gathers evidence against the level’s
            criteria; an assessor of the certifying body reviews it (unless the level is self-declared), and every award is listed in
            the <Link to="/register">public register</Link>.
          </p>
          {families.map((f) => (
            <p key={f.name} className="schemes-page__forms-note">
              The {f.name} comes in {count(f.forms.length, 'form')}, each with its own levels:{' '}
              {listInWords(f.forms.map((s) => levelSpan(s)))}. <a href={`#${formsAnchor(f.name)}`}>How the {count(f.forms.length, 'form')} differ</a>
            </p>
          ))}
        </div>
      </div>
      {schemes.status === 'loading' && !schemes.data ? <Loading label="Loading the certification schemes…" /> : null}
      {schemes.status === 'error' ? (
        <ErrorState error={schemes.error} onRetry={schemes.reload} title="The certification schemes could not be loaded" />
      ) : null}
      {schemes.data && all.length === 0 ? (
        <EmptyState title="No certification scheme is published yet">
          <p>The certifying body has not published a scheme on this ValueMark. You can still measure and manage your social value.</p>
        </EmptyState>
      ) : null}
      {all.length > 0 ? (
        <>
          <section aria-labelledby="schemes-list-title" className="schemes-page__list">
            <h2 id="schemes-list-title" className="visually-hidden">
              Every scheme
            </h2>
            <ul className="scheme-grid">
              {all.map((s, i) => (
                <SchemeCard key={s.id} scheme={s} label={schemeLabel(s, all)} headingId={`scheme-${i}`} headingLevel={3} />
              ))}
            </ul>
          </section>
          {families.map((f) => (
            <SchemeForms key={f.name} name={f.name} forms={f.forms} all={all} />
          ))}
        </>
      ) : null}
    </div>
  );
}
