// The public directory of social enterprises: anyone, signed in or not,
// searches it by words, outcome themes, areas, legal forms and certification.
import { Link, useLocation } from 'react-router-dom';
import { api, type DirectoryEntry, type DirectoryTaxonomy } from '../../api';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { CertificateBadges, ThemeTags, entryPlace, shortSummary } from './EntryFacts';
import { DirectorySearch } from './DirectorySearch';

function Cards({ items, taxonomy }: { items: DirectoryEntry[]; taxonomy: DirectoryTaxonomy | null }) {
  // The entry's page leads back to this search.
  const { search } = useLocation();
  return (
    <ul className="directory-cards">
      {items.map((e) => (
        <li key={e.id} className="card directory-card">
          <h3 className="directory-card__title">
            <Link to={`/directory/${encodeURIComponent(e.id)}`} state={{ search }}>
              {e.name}
            </Link>
          </h3>
          <p className="directory-card__place">{entryPlace(e, taxonomy)}</p>
          <p className="directory-card__summary">{shortSummary(e.summary)}</p>
          <ThemeTags entry={e} taxonomy={taxonomy} />
          <CertificateBadges entry={e} />
        </li>
      ))}
    </ul>
  );
}

export function DirectoryPage() {
  useDocumentTitle('Directory of social enterprises');
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Network</p>
          <h1>Directory of social enterprises</h1>
          <p className="lead">
            Find social enterprises by what they work for, where and how they are run, and whether their social value is certified. The broker
            puts you in touch: contact details are never shown here.
          </p>
        </div>
      </div>
      <DirectorySearch
        label="Search the directory"
        load={(q) => api.searchDirectory(q)}
        renderItems={(items, taxonomy) => <Cards items={items} taxonomy={taxonomy} />}
        emptyBody={<p>No enterprise is listed yet. Organisations on ValueMark list themselves from their page.</p>}
      />
    </div>
  );
}
