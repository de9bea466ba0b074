// An organisation's impact maps: open one, start one from a template, import
// one from the CLI's JSON or CSV; and the value bank of financial proxies
// (ValueBank.tsx).
import './measure.css';
import { useMemo, useState, type ChangeEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { createMeasureApi, type ImpactMap, type MapSummary } from '../../api/measure';
import { useAuth } from '../../auth/AuthContext';
import { CsvButton } from '../../components/CsvButton';
import { EmptyState, ErrorState, Loading, NotFoundState } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { formatDate } from '../../lib/format';
import { describePath, humaniseMessage } from './names';
import { TEMPLATES } from './templates';
import { ValueBank } from './ValueBank';
import { fieldInWords } from '../../lib/labels';

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
        const where = (field: string) => (map && Array.isArray(map.outcomes) ? describePath(map, field) : fieldInWords(field));
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
