// The impact-map editor: a keyboard-friendly grid of outcomes in the Value
// Map's column order, with the server's live analysis of the map as it is
// being edited (POST /impact-maps/calculate: the CLI's engines), the
// principles check beside the cells it concerns, charts, versions, import and
// export, and proxies picked from the value bank.
import './measure.css';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { createMeasureApi, type Analysis, type ImpactMap, type MapOutcome, type MapProvenance, type MapComparison, type MapSummary, type Proxy } from '../../api/measure';
import { useAuth } from '../../auth/AuthContext';
import { ErrorState, Loading, NotFoundState, Badge } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { BarChart, Histogram, Tornado, money, ratio } from './charts';
import { COLUMNS, downloadText, findingsFor, rowFindings } from './cells';
import { TEMPLATES } from './templates';

function newOutcomeId(map: ImpactMap): string {
  let n = map.outcomes.length + 1;
  while (map.outcomes.some((o) => o.id === `outcome-${n}`)) n++;
  return `outcome-${n}`;
}

export function ImpactMapEditorPage() {
  const { mapId, id: orgParam } = useParams();
  const [search] = useSearchParams();
  const { api } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  const navigate = useNavigate();

  const [map, setMap] = useState<ImpactMap | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [calcError, setCalcError] = useState<ApiError | null>(null);
  const [calculating, setCalculating] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [versions, setVersions] = useState<MapSummary[]>([]);
  const [provenance, setProvenance] = useState<MapProvenance | null>(null);
  const [selectedRow, setSelectedRow] = useState(0);
  const orgId = orgParam ?? '';
  useDocumentTitle(map?.name ?? 'Impact map');

  // Load: a saved map (?version= for an older one), or a template for a new one.
  useEffect(() => {
    setLoadError(null);
    if (mapId) {
      const v = search.get('version');
      measure
        .getMap(mapId, v ? Number(v) : undefined)
        .then((m) => {
          setMap(m);
          setDirty(false);
        })
        .catch((e) => setLoadError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e))));
      measure.listVersions(mapId).then(setVersions).catch(() => setVersions([]));
      measure
        .getProvenance(mapId, v ? Number(v) : undefined)
        .then(setProvenance)
        .catch(() => setProvenance(null));
    } else {
      const t = TEMPLATES.find((x) => x.id === (search.get('template') ?? 'blank')) ?? TEMPLATES[0];
      setMap(structuredClone(t.map));
      setDirty(true);
    }
  }, [mapId, measure, search]);

  // Live analysis: a quarter of a second after the last edit, the previous request abandoned.
  const inflight = useRef<AbortController | null>(null);
  useEffect(() => {
    if (!map) return;
    const timer = window.setTimeout(() => {
      inflight.current?.abort();
      const ctl = new AbortController();
      inflight.current = ctl;
      setCalculating(true);
      measure
        .analyse(map, ctl.signal)
        .then((a) => {
          setAnalysis(a);
          setCalcError(null);
        })
        .catch((e) => {
          if (ctl.signal.aborted) return;
          setCalcError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
        })
        .finally(() => {
          if (!ctl.signal.aborted) setCalculating(false);
        });
    }, 250);
    return () => window.clearTimeout(timer);
  }, [map, measure]);

  const edit = useCallback((next: ImpactMap) => {
    setMap(next);
    setDirty(true);
    setStatus(null);
  }, []);

  const setOutcome = (row: number, o: MapOutcome) => {
    if (!map) return;
    const outcomes = map.outcomes.slice();
    outcomes[row] = o;
    edit({ ...map, outcomes });
  };

  const save = async () => {
    if (!map) return;
    setSaving(true);
    setStatus(null);
    try {
      if (map.id) {
        const saved = await measure.saveMap(map.id, map);
        setMap(saved);
        setVersions(await measure.listVersions(saved.id!));
        setProvenance(await measure.getProvenance(saved.id!, saved.version).catch(() => null));
        setStatus(`Saved as version ${saved.version}.`);
      } else {
        const saved = await measure.createMap(orgId, map);
        navigate(`/organisations/${encodeURIComponent(orgId)}/impact-maps/${encodeURIComponent(saved.id!)}`, { replace: true });
      }
      setDirty(false);
    } catch (e) {
      setCalcError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
    } finally {
      setSaving(false);
    }
  };

  // Arrow keys and Enter move between rows of a column, as in a spreadsheet.
  const onGridKey = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const target = e.target as HTMLElement;
    const row = Number(target.dataset.row);
    const col = target.dataset.col;
    if (col === undefined || Number.isNaN(row)) return;
    const delta = e.key === 'ArrowDown' || e.key === 'Enter' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (delta === 0) return;
    const next = document.querySelector<HTMLInputElement>(`[data-row="${row + delta}"][data-col="${col}"]`);
    if (next) {
      e.preventDefault();
      next.focus();
      next.select();
    }
  };

  if (loadError) return loadError.isNotFound ? <NotFoundState what="impact map" /> : <ErrorState error={loadError} />;
  if (!map) return <Loading label="Loading the impact map…" />;

  const currency = map.currency ?? 'GBP';
  const findings = analysis?.lint.findings ?? [];
  const results = analysis?.results;
  const badField = calcError?.fields.map((f) => f.field) ?? [];
  const breakEven = analysis?.sensitivity.break_even.filter((b) => b.break_even !== null && b.relative_change !== null) ?? [];
  const closest = breakEven.slice().sort((a, b) => Math.abs(a.relative_change!) - Math.abs(b.relative_change!))[0];
  const stakeholderName = (id: string) => map.stakeholders?.find((s) => s.id === id)?.name ?? id;

  return (
    <div className="page page--wide">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/organisations/${encodeURIComponent(orgId)}`}>Organisation</Link> ›{' '}
        <Link to={`/organisations/${encodeURIComponent(orgId)}/impact-maps`}>Impact maps</Link>
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">Impact map{map.version ? ` · version ${map.version}` : ' · not saved yet'}</p>
          <h1>{map.name || 'Untitled impact map'}</h1>
          <p className="page-head__meta">
            {dirty ? <Badge tone="warning">Unsaved changes</Badge> : <Badge tone="success">Saved</Badge>}{' '}
            <span aria-live="polite">{calculating ? 'Recalculating…' : ''}</span>
          </p>
        </div>
        <div className="button-row">
          <button type="button" className="button button--primary" onClick={save} disabled={saving || !dirty} aria-busy={saving || undefined}>
            {saving ? 'Saving…' : map.id ? 'Save as new version' : 'Save map'}
          </button>
          <button type="button" className="button button--secondary" onClick={() => downloadText(`${map.name || 'impact-map'}.json`, JSON.stringify(map, null, 2), 'application/json')}>
            Export JSON
          </button>
        </div>
      </div>
      {map.id ? (
        <nav className="button-row downloads" aria-label="Downloads">
          <span className="muted small">
            Downloads of version {map.version}
            {dirty ? ' (as saved, without your unsaved changes)' : ''}:
          </span>
          <a className="button button--secondary button--small" href={measure.reportPdfUrl(map.id, map.version)} download>
            Report (PDF)
          </a>
          <a className="button button--secondary button--small" href={measure.reportHtmlUrl(map.id, map.version)} target="_blank" rel="noopener">
            Report (web page)
          </a>
          <a className="button button--secondary button--small" href={measure.exportXlsxUrl(map.id, map.version)} download>
            Spreadsheet (XLSX)
          </a>
          <a className="button button--secondary button--small" href={measure.exportCsvUrl(map.id, map.version)} download>
            CSV
          </a>
        </nav>
      ) : null}
      {status ? (
        <p className="alert alert--success" role="status">
          {status}
        </p>
      ) : null}
      {calcError ? (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{calcError.fields.length > 0 ? 'Some cells need attention' : 'The map could not be calculated'}</p>
          {calcError.fields.length > 0 ? (
            <ul>
              {calcError.fields.map((f) => (
                <li key={f.field}>
                  <code>{f.field}</code>: {f.message}
                </li>
              ))}
            </ul>
          ) : (
            <p className="alert__body">{calcError.message}</p>
          )}
        </div>
      ) : null}

      <section className="panel" aria-labelledby="headline-title">
        <h2 id="headline-title" className="visually-hidden">
          Headline figures
        </h2>
        <ul className="summary" aria-label="Headline figures">
          <li className="summary__item">
            <span className="summary__label">SROI ratio</span>
            <span className="summary__value summary__number" data-testid="sroi-ratio">
              {ratio(results?.sroi_ratio)}
            </span>
          </li>
          <li className="summary__item">
            <span className="summary__label">Net present value</span>
            <span className="summary__value summary__number">{money(results?.net_present_value, currency)}</span>
          </li>
          <li className="summary__item">
            <span className="summary__label">Payback</span>
            <span className="summary__value summary__number">
              {results?.payback_months != null ? `${results.payback_months.toFixed(1)} months` : '—'}
            </span>
          </li>
          <li className="summary__item">
            <span className="summary__label">Ratio above 1 : 1</span>
            <span className="summary__value summary__number" data-testid="probability-above-1">
              {analysis?.montecarlo.probability_ratio_above_1 != null ? `${Math.round(analysis.montecarlo.probability_ratio_above_1 * 100)} %` : '—'}
            </span>
          </li>
          <li className="summary__item">
            <span className="summary__label">Likely range (5–95 %)</span>
            <span className="summary__value">
              {analysis?.montecarlo.sroi_ratio ? `${analysis.montecarlo.sroi_ratio.p5.toFixed(2)} – ${analysis.montecarlo.sroi_ratio.p95.toFixed(2)}` : '—'}
            </span>
          </li>
        </ul>
        {closest ? (
          <p className="muted">
            Break-even: the ratio falls to 1 : 1 if <strong>{closest.parameter.replace('_', '-')}</strong> of “{closest.outcome}” moves from{' '}
            {closest.current.toFixed(2)} to {closest.break_even!.toFixed(2)} ({Math.round(closest.relative_change! * 100)} %), the smallest move of any
            estimate.
          </p>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="details-title">
        <div className="panel__head">
          <h2 id="details-title">About this map</h2>
        </div>
        <div className="form-row">
          <label className="field">
            <span className="field__label">Name</span>
            <input className="input" value={map.name ?? ''} onChange={(e) => edit({ ...map, name: e.target.value })} />
          </label>
          <div className="field">
            <label className="field__label" htmlFor="map-kind">
              Kind
            </label>
            <select id="map-kind" className="input" value={map.kind ?? 'forecast'} onChange={(e) => edit({ ...map, kind: e.target.value as 'forecast' | 'evaluative' })}>
              <option value="forecast">Forecast</option>
              <option value="evaluative">Evaluative</option>
            </select>
          </div>
          <label className="field">
            <span className="field__label">Discount rate %</span>
            <input
              className="input"
              inputMode="decimal"
              value={String(Math.round((map.discount_rate ?? 0.035) * 10000) / 100)}
              onChange={(e) => edit({ ...map, discount_rate: Number(e.target.value) / 100 })}
            />
          </label>
          <label className="field">
            <span className="field__label">Total inputs ({currency})</span>
            <input
              className="input"
              inputMode="decimal"
              aria-describedby="inputs-hint"
              value={String(map.inputs.reduce((s, i) => s + (typeof i.value === 'number' ? i.value : 0), 0))}
              onChange={(e) => edit({ ...map, inputs: [{ stakeholder: 'funder', description: 'All inputs', value: Number(e.target.value) }] })}
              disabled={map.inputs.length > 1}
            />
            <span className="field__hint" id="inputs-hint">
              {map.inputs.length > 1 ? `${map.inputs.length} inputs: edit them in the JSON file.` : 'What the activity cost, in money and in kind.'}
            </span>
          </label>
        </div>
      </section>

      <section className="table-card impact-grid" aria-labelledby="grid-title">
        <div className="panel__head impact-grid__head">
          <h2 id="grid-title">Outcomes</h2>
          <p className="muted">
            Write ranges as <code>40..65</code> or <code>40..55..65</code> (low..likely..high). Arrow keys move up and down a column.
          </p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() =>
              edit({
                ...map,
                outcomes: [
                  ...map.outcomes,
                  { id: newOutcomeId(map), stakeholder: map.stakeholders?.[0]?.id ?? '', description: '', quantity: 0, duration_years: 1, proxy: { value: 0 } },
                ],
              })
            }
          >
            Add outcome
          </button>
        </div>
        <div className="impact-grid__scroll">
          <table className="table impact-grid__table">
            <caption className="visually-hidden">Outcomes of the impact map, in the SROI Value Map's column order</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                {COLUMNS.map((c) => (
                  <th scope="col" key={c.key}>
                    {c.label}
                  </th>
                ))}
                <th scope="col">Present value</th>
                <th scope="col">Principles check</th>
              </tr>
            </thead>
            {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- the arrow keys
                are delegated from the fields of the cells, which are the controls */}
            <tbody onKeyDown={onGridKey}>
              {map.outcomes.map((o, row) => {
                const pv = results?.outcomes.find((x) => x.id === o.id)?.present_value;
                const loose = rowFindings(findings, row);
                return (
                  <tr key={row} className={selectedRow === row ? 'is-selected' : undefined}>
                    <th scope="row">{row + 1}</th>
                    {COLUMNS.map((c) => {
                      const cellFindings = findingsFor(findings, row, c);
                      const invalid = badField.some((f) => f.startsWith(`outcomes[${row}].${c.paths[0]}`));
                      const describe = cellFindings.length > 0 ? `finding-${row}-${c.key}` : undefined;
                      const source = provenance?.outcomes[o.id]?.[c.paths[0]];
                      return (
                        <td
                          key={c.key}
                          className={[cellFindings.length > 0 ? `cell--flagged cell--${cellFindings[0].severity}` : '', source ? 'cell--sourced' : ''].join(' ').trim() || undefined}
                        >
                          <input
                            className={`grid-input${invalid ? ' grid-input--invalid' : ''}`}
                            aria-label={`${c.label}, outcome ${row + 1}`}
                            aria-invalid={invalid || undefined}
                            aria-describedby={describe}
                            data-row={row}
                            data-col={c.key}
                            inputMode={c.kind === 'text' ? undefined : 'decimal'}
                            value={c.get(o)}
                            onFocus={() => setSelectedRow(row)}
                            onChange={(e) => setOutcome(row, c.set(o, e.target.value))}
                          />
                          {source ? (
                            <Link
                              className="cell-source"
                              to={`/surveys/${encodeURIComponent(source.survey_id)}`}
                              title={`From survey ${source.survey_title}: ${source.response_ids.length} responses`}
                              aria-label={`${c.label} of outcome ${row + 1} from survey ${source.survey_title}: ${source.response_ids.length} responses`}
                              data-testid={`source-${row}-${c.key}`}
                            >
                              <span aria-hidden="true">◆</span>
                            </Link>
                          ) : null}
                          {cellFindings.length > 0 ? (
                            <span id={describe} className="cell-finding" title={cellFindings.map((f) => f.message).join(' ')}>
                              <span aria-hidden="true">⚑</span>
                              <span className="visually-hidden">{cellFindings.map((f) => f.message).join(' ')}</span>
                            </span>
                          ) : null}
                        </td>
                      );
                    })}
                    <td className="num">{money(pv, currency)}</td>
                    <td className="grid-findings">
                      {[...loose, ...COLUMNS.flatMap((c) => findingsFor(findings, row, c))].map((f, i) => (
                        <p key={i} className={`finding finding--${f.severity}`}>
                          <Badge tone={f.severity === 'error' ? 'danger' : f.severity === 'warning' ? 'warning' : 'info'}>P{f.principle}</Badge> {f.message}
                        </p>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <ValueBankPicker orgId={orgId} row={selectedRow} map={map} onPick={(o) => setOutcome(selectedRow, o)} />

      {analysis ? (
        <div className="dashboard">
          <div className="dashboard__col">
            <section className="panel">
              <Tornado sensitivity={analysis.sensitivity} />
            </section>
            <section className="panel">
              <Histogram {...analysis.histogram} />
            </section>
          </div>
          <div className="dashboard__col">
            <section className="panel">
              <BarChart title="Present value by stakeholder" currency={currency} items={analysis.results.stakeholders.map((s) => ({ label: stakeholderName(s.id), value: s.present_value }))} />
            </section>
            <section className="panel">
              <BarChart title="Value by year (before discounting)" currency={currency} items={analysis.results.value_by_year.map((v, i) => ({ label: `Year ${i + 1}`, value: v }))} />
            </section>
          </div>
        </div>
      ) : calcError ? null : (
        <Loading label="Calculating…" />
      )}

      <section className="panel" aria-labelledby="findings-title">
        <h2 id="findings-title">Principles check</h2>
        {findings.length === 0 ? (
          <p className="muted">{analysis ? 'No findings: nothing in this map breaks a Principle of Social Value that the check can see.' : 'Waiting for the first calculation.'}</p>
        ) : (
          <ul className="finding-list">
            {findings.map((f, i) => (
              <li key={i} className={`finding finding--${f.severity}`}>
                <Badge tone={f.severity === 'error' ? 'danger' : f.severity === 'warning' ? 'warning' : 'info'}>{f.severity}</Badge> <code>{f.path}</code> {f.message}
              </li>
            ))}
          </ul>
        )}
      </section>

      {map.id ? <Compare orgId={orgId} mapId={map.id} currency={currency} /> : null}

      {versions.length > 0 ? (
        <section className="panel" aria-labelledby="versions-title">
          <h2 id="versions-title">Versions</h2>
          <ol className="plain-list">
            {versions.map((v) => (
              <li key={v.version}>
                <Link to={`/organisations/${encodeURIComponent(orgId)}/impact-maps/${encodeURIComponent(v.id)}?version=${v.version}`}>Version {v.version}</Link> — {v.name},{' '}
                {new Date(v.updated_at).toLocaleString('en-GB')}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

type Comparison = MapComparison;

/** This map (a forecast) beside a later evaluation, outcome by outcome. */
function Compare({ orgId, mapId, currency }: { orgId: string; mapId: string; currency: string }) {
  const { api } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  const [maps, setMaps] = useState<MapSummary[]>([]);
  const [other, setOther] = useState('');
  const [cmp, setCmp] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    measure.listMaps(orgId).then((m) => setMaps(m.filter((x) => x.id !== mapId))).catch(() => setMaps([]));
  }, [measure, orgId, mapId]);
  useEffect(() => {
    if (!other) {
      setCmp(null);
      return;
    }
    api.client
      .get<Comparison>(`/impact-maps/${encodeURIComponent(mapId)}/compare`, { query: { with: other } })
      .then((c) => {
        setCmp(c);
        setError(null);
      })
      .catch((e) => setError(e instanceof Error ? e.message : String(e)));
  }, [api, mapId, other]);
  if (maps.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="compare-title">
      <h2 id="compare-title">Forecast beside evaluation</h2>
      <div className="field">
        <label className="field__label" htmlFor="compare-with">
          Compare this map with
        </label>
        <select id="compare-with" className="input" value={other} onChange={(e) => setOther(e.target.value)}>
          <option value="">Choose a map…</option>
          {maps.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} (version {m.version})
            </option>
          ))}
        </select>
      </div>
      {error ? <p className="alert alert--error">{error}</p> : null}
      {cmp ? (
        <table className="table">
          <caption className="visually-hidden">Present value per outcome, forecast and evaluation</caption>
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col">This map</th>
              <th scope="col">{cmp.evaluation.name}</th>
            </tr>
          </thead>
          <tbody>
            {cmp.outcomes.map((o) => (
              <tr key={o.outcome}>
                <th scope="row">{o.outcome}</th>
                <td className="num">{o.forecast_present_value === null ? 'not in this map' : money(o.forecast_present_value, currency)}</td>
                <td className="num">{o.evaluation_present_value === null ? 'not found' : money(o.evaluation_present_value, currency)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">SROI ratio</th>
              <td className="num">{ratio(cmp.forecast.sroi_ratio)}</td>
              <td className="num">{ratio(cmp.evaluation.sroi_ratio)}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** Search the value bank and put a proxy into the selected outcome. */
function ValueBankPicker({ orgId, row, map, onPick }: { orgId: string; row: number; map: ImpactMap; onPick: (o: MapOutcome) => void }) {
  const { api } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Proxy[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const t = window.setTimeout(() => {
      measure
        .listProxies(orgId, q)
        .then((x) => {
          setItems(x);
          setError(null);
        })
        .catch((e) => setError(e instanceof Error ? e.message : String(e)));
    }, 200);
    return () => window.clearTimeout(t);
  }, [measure, orgId, q]);
  const outcome = map.outcomes[row];
  return (
    <section className="panel" aria-labelledby="bank-title">
      <div className="panel__head">
        <h2 id="bank-title">Value bank</h2>
        <p className="muted">{outcome ? `Picks go into outcome ${row + 1}: ${outcome.description || outcome.id}` : 'Select an outcome first.'}</p>
      </div>
      <label className="field">
        <span className="field__label">Search financial proxies</span>
        <input className="input" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="e.g. loneliness, meal" />
      </label>
      {error ? <p className="alert alert--error">{error}</p> : null}
      {items === null ? (
        <Loading label="Loading the value bank…" />
      ) : items.length === 0 ? (
        <p className="muted">No proxies match. Add them on the organisation's impact maps page (CSV import, source required).</p>
      ) : (
        <ul className="plain-list">
          {items.slice(0, 8).map((p) => (
            <li key={p.id} className="proxy-row">
              <span>
                <strong>{p.name}</strong> — {money(p.value, map.currency ?? 'GBP')} {p.unit} <span className="muted">({p.source})</span>
              </span>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={!outcome}
                onClick={() => outcome && onPick({ ...outcome, proxy: { value: p.value, description: p.name + (p.unit ? `, ${p.unit}` : ''), source: p.source } })}
              >
                Use for outcome {row + 1}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
