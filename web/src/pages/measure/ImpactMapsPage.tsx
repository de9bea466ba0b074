// An organisation's impact maps: open one, start one from a template, import
// one from the CLI's JSON or CSV; and the value bank of financial proxies
// (CSV import with a source for every value, search, add one).
import './measure.css';
import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { createMeasureApi, type ImpactMap, type MapSummary } from '../../api/measure';
import { useAuth } from '../../auth/AuthContext';
import { CsvButton } from '../../components/CsvButton';
import { EmptyState, ErrorState, Loading, NotFoundState } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { formatDate } from '../../lib/format';
import { money } from './charts';
import { describePath, humaniseMessage } from './names';
import { TEMPLATES } from './templates';

/** Maps as links, with their version and when they were saved. */
function MapList({ orgId, maps }: { orgId: string; maps: MapSummary[] }) {
  return (
    <ul className="plain-list">
      {maps.map((m) => (
        <li key={m.id}>
          <Link to={`/organisations/${encodeURIComponent(orgId)}/impact-maps/${encodeURIComponent(m.id)}`}>{m.name}</Link>{' '}
          <span className="muted">
            version {m.version}, saved {formatDate(m.updated_at)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function ImpactMapsPage() {
  const { id = '' } = useParams();
  const { api } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  const navigate = useNavigate();
  const maps = useLoad(() => measure.listMaps(id), [measure, id]);
  const archived = useLoad(() => measure.listArchivedMaps(id), [measure, id]);
  const scopes = useLoad(() => api.getDashboard(id).then((d) => d.scopes), [api, id]);
  const [importError, setImportError] = useState<string | null>(null);
  useDocumentTitle('Impact maps');

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setImportError(null);
    let map: ImpactMap | null = null;
    try {
      const lower = file.name.toLowerCase();
      if (lower.endsWith('.xlsx')) map = await measure.importXlsx(file);
      else if (lower.endsWith('.csv')) map = await measure.importCsv(await file.text());
      else {
        const text = await file.text();
        try {
          map = JSON.parse(text) as ImpactMap;
        } catch {
          throw new Error(`${file.name} is not an impact map in JSON, CSV or XLSX.`);
        }
      }
      delete map.id;
      delete map.version;
      const saved = await measure.createMap(id, map!);
      navigate(`/organisations/${encodeURIComponent(id)}/impact-maps/${encodeURIComponent(saved.id!)}`);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) {
        // Name the outcome and column when the file was read; a CSV's own errors already name its row and column.
        const where = (field: string) => (map && Array.isArray(map.outcomes) ? describePath(map, field) : field);
        setImportError(err.fields.map((f) => `${where(f.field)}: ${humaniseMessage(f.field, f.message)}`).join('; '));
      } else {
        setImportError(err instanceof Error ? err.message : String(err));
      }
    }
  };

  if (maps.status === 'error' && maps.error.isNotFound) return <NotFoundState what="organisation" />;
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/organisations/${encodeURIComponent(id)}`}>Organisation</Link>
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">Measure</p>
          <h1>Impact maps</h1>
          <p className="page-head__meta">SROI forecasts and evaluations, calculated with the same engine as the command line.</p>
        </div>
        <Link className="button button--secondary" to={`/organisations/${encodeURIComponent(id)}/pledges`}>
          Pledges and decisions
        </Link>
      </div>

      <section className="panel" aria-labelledby="maps-title">
        <div className="panel__head">
          <h2 id="maps-title">Your maps</h2>
          <CsvButton
            title="Impact maps"
            rows={maps.data ?? []}
            columns={[
              { header: 'Name', value: (m) => m.name },
              { header: 'Version', value: (m) => m.version },
              { header: 'Saved', value: (m) => m.updated_at },
            ]}
          />
        </div>
        {maps.status === 'loading' && !maps.data ? (
          <Loading label="Loading impact maps…" />
        ) : maps.status === 'error' ? (
          <ErrorState error={maps.error} onRetry={maps.reload} />
        ) : maps.data && maps.data.length > 0 ? (
          <MapList orgId={id} maps={maps.data} />
        ) : (
          <EmptyState title="No impact maps yet">Start from a template below, or import a map file.</EmptyState>
        )}
        {archived.data && archived.data.length > 0 ? (
          <details className="archived-maps">
            <summary>
              Archived maps ({archived.data.length})
            </summary>
            <MapList orgId={id} maps={archived.data} />
          </details>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="new-title">
        <h2 id="new-title">Start a map</h2>
        <div className="card-grid">
          {TEMPLATES.map((t) => (
            <div key={t.id} className="card template-card">
              <h3>{t.name}</h3>
              <p className="muted">{t.description}</p>
              <Link className="button button--primary" to={`/organisations/${encodeURIComponent(id)}/impact-maps/new?template=${t.id}`}>
                Start from “{t.name}”
              </Link>
            </div>
          ))}
        </div>
        <label className="field">
          <span className="field__label">Import a map (JSON, CSV or an XLSX workbook, as the command line reads and writes them)</span>
          <input className="input" type="file" accept=".json,.csv,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={importFile} />
        </label>
        {importError ? (
          <p className="alert alert--error" role="alert">
            The file was not imported: {importError}
          </p>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="plans-title">
        <h2 id="plans-title">Impact management plans</h2>
        {scopes.data && scopes.data.length > 0 ? (
          <ul className="plain-list">
            {scopes.data.map((s) => (
              <li key={s.id}>
                <Link to={`/organisations/${encodeURIComponent(id)}/scopes/${encodeURIComponent(s.id)}/plan`}>Plan for {s.name}</Link>
              </li>
            ))}
          </ul>
        ) : scopes.status === 'loading' ? (
          <Loading label="Loading scopes…" />
        ) : (
          <EmptyState title="No scopes yet">Add a programme, service, department or project on the organisation page; each has its own plan.</EmptyState>
        )}
      </section>

      <ValueBank orgId={id} />
    </div>
  );
}

function ValueBank({ orgId }: { orgId: string }) {
  const { api } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  const [q, setQ] = useState('');
  const proxies = useLoad(() => measure.listProxies(orgId, q), [measure, orgId, q]);
  const [form, setForm] = useState({ name: '', value: '', unit: '', source: '', description: '' });
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  const report = (err: unknown) => {
    if (err instanceof ApiError && err.fields.length > 0)
      setMessage({ tone: 'error', text: err.fields.map((f) => `${f.field}: ${f.message}`).join('; ') });
    else setMessage({ tone: 'error', text: err instanceof Error ? err.message : String(err) });
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await measure.addProxy(orgId, { ...form, value: Number(form.value) });
      setForm({ name: '', value: '', unit: '', source: '', description: '' });
      setMessage({ tone: 'success', text: 'Proxy added.' });
      proxies.reload();
    } catch (err) {
      report(err);
    }
  };

  const importCsv = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      const added = await measure.importProxies(orgId, await file.text());
      setMessage({ tone: 'success', text: `${added.length} proxies imported.` });
      proxies.reload();
    } catch (err) {
      report(err);
    }
  };

  return (
    <section className="panel" aria-labelledby="bank-title">
      <div className="panel__head">
        <h2 id="bank-title">Value bank</h2>
        <p className="muted">Your own financial proxies. Every value needs a source. ValueMark ships no licensed value set.</p>
        <CsvButton
          title="Value bank"
          rows={proxies.data ?? []}
          columns={[
            { header: 'name', value: (p) => p.name },
            { header: 'value', value: (p) => p.value },
            { header: 'unit', value: (p) => p.unit },
            { header: 'source', value: (p) => p.source },
            { header: 'description', value: (p) => p.description },
          ]}
        />
      </div>
      {message ? (
        <p className={`alert alert--${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
      <label className="field">
        <span className="field__label">Search</span>
        <input className="input" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      {proxies.status === 'loading' && !proxies.data ? (
        <Loading label="Loading the value bank…" />
      ) : proxies.status === 'error' ? (
        <ErrorState error={proxies.error} onRetry={proxies.reload} />
      ) : proxies.data && proxies.data.length > 0 ? (
        <div className="table-card">
          <table className="table">
            <caption className="visually-hidden">Financial proxies</caption>
            <thead>
              <tr>
                <th scope="col">Proxy</th>
                <th scope="col">Value</th>
                <th scope="col">Unit</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {proxies.data.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{money(p.value)}</td>
                  <td>{p.unit}</td>
                  <td>{p.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title={q ? 'No proxies match' : 'The value bank is empty'}>Import a CSV with columns name, value, unit, source, description.</EmptyState>
      )}
      <label className="field">
        <span className="field__label">Import proxies from CSV (all rows or none)</span>
        <input className="input" type="file" accept=".csv,text/csv" onChange={importCsv} />
      </label>
      <form onSubmit={add} className="subpanel" aria-label="Add a proxy">
        <div className="form-row">
          {(['name', 'value', 'unit', 'source'] as const).map((k) => (
            <label className="field" key={k}>
              <span className="field__label">{k === 'value' ? 'Value' : k[0].toUpperCase() + k.slice(1)}</span>
              <input className="input" value={form[k]} inputMode={k === 'value' ? 'decimal' : undefined} onChange={(e) => setForm({ ...form, [k]: e.target.value })} />
            </label>
          ))}
        </div>
        <button type="submit" className="button button--secondary">
          Add proxy
        </button>
      </form>
    </section>
  );
}
