// The broker's directory: every entry, listed or not, with its contact
// details; the broker adds enterprises that are not on ValueMark, changes
// and removes them, and imports an existing network from CSV.
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { DirectoryEntry, DirectoryTaxonomy } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { Notice } from '../../components/FormAlert';
import { Badge } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { formatDate } from '../../lib/format';
import { DirectorySearch } from './DirectorySearch';
import { CertificateBadges, ThemeTags, entryPlace } from './EntryFacts';

function Rows({ items, taxonomy }: { items: DirectoryEntry[]; taxonomy: DirectoryTaxonomy | null }) {
  const { search } = useLocation();
  return (
    <div className="table-card">
      <table className="table table--stack">
        <caption className="visually-hidden">Entries of the directory</caption>
        <thead>
          <tr>
            <th scope="col">Enterprise</th>
            <th scope="col">Themes</th>
            <th scope="col">Contact</th>
            <th scope="col">Directory</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <th scope="row" data-label="Enterprise">
                {e.source === 'broker' ? (
                  <Link to={`/broker/directory/${encodeURIComponent(e.id)}`} state={{ search }}>
                    {e.name}
                  </Link>
                ) : e.listed ? (
                  <Link to={`/directory/${encodeURIComponent(e.id)}`}>{e.name}</Link>
                ) : (
                  e.name
                )}
                <span className="muted small block">{entryPlace(e, taxonomy)}</span>
                <CertificateBadges entry={e} />
              </th>
              <td data-label="Themes">
                <ThemeTags entry={e} taxonomy={taxonomy} />
              </td>
              <td data-label="Contact" className="break">
                {e.contact && (e.contact.name || e.contact.email) ? (
                  <>
                    {e.contact.name}
                    {e.contact.email ? (
                      <a className="block" href={`mailto:${e.contact.email}`}>
                        {e.contact.email}
                      </a>
                    ) : null}
                  </>
                ) : (
                  <span className="muted">None given</span>
                )}
              </td>
              <td data-label="Directory">
                {e.listed ? <Badge tone="success">Listed</Badge> : <Badge tone="neutral">Not listed</Badge>}
                <span className="muted small block">
                  {e.source === 'broker' ? 'Kept by the broker' : 'The organisation’s own profile'}, updated {formatDate(e.updated_at)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BrokerDirectoryPage() {
  useDocumentTitle('The broker’s directory');
  const { api } = useAuth();
  const location = useLocation();
  const [removed] = useState(() => (location.state as { removed?: string } | null)?.removed ?? null);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Broker</p>
          <h1>The broker’s directory</h1>
          <p className="lead">Every entry, listed or not, with its contact. Organisations on ValueMark keep their own profiles; you keep the enterprises you add.</p>
        </div>
        <div className="entry-actions">
          <Link to="/broker/directory/new" className="button button--primary">
            Add an enterprise
          </Link>
          <Link to="/broker/directory/import" className="button button--secondary">
            Import from CSV
          </Link>
        </div>
      </div>
      {removed ? <Notice tone="success">{removed} is removed from the directory.</Notice> : null}
      <DirectorySearch
        label="Search every entry"
        searchHint="Words from a name or from what an enterprise does; unlisted entries too"
        load={(q) => api.brokerSearchDirectory(q)}
        renderItems={(items, taxonomy) => <Rows items={items} taxonomy={taxonomy} />}
        emptyBody={<p>Add the enterprises you work with, one by one or from a CSV file.</p>}
      />
    </div>
  );
}
