// The impact-map editor: the whole SROI Value Map as a person edits it —
// stakeholder groups, inputs and a keyboard-friendly grid of every outcome
// column — with the server's live analysis of the map as it is being edited
// (POST /impact-maps/calculate: the CLI's engines), the principles check
// beside the cells it concerns, charts, versions, import and export, and
// proxies picked from the value bank. Cells refuse what they cannot read, in
// the column's unit; people see names, never ids or JSON paths.
import './measure.css';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api';
import {
  createMeasureApi,
  type Analysis,
  type Finding,
  type ImpactMap,
  type MapInput,
  type MapOutcome,
  type MapProvenance,
  type MapComparison,
  type MapStakeholder,
  type MapSummary,
  type Proxy,
} from '../../api/measure';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorState, Loading, NotFoundState, Badge } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useWarnBeforeLeaving } from '../../hooks/useWarnBeforeLeaving';
import { formatTime } from '../../lib/format';
import { closestBreakEven } from './analysis';
import { createAnalyser, type Analyser } from './analyser';
import { BarChart, Histogram, Tornado } from './charts';
import { downloadText, readNumber } from './cells';
import { formatMoney, formatNumber, formatPercent, formatRatio } from './format';
import { InputsPanel, StakeholdersPanel } from './MapPanels';
import { describePath, humaniseMessage, isFractionParameter, outcomeName, parameterLabel, stakeholderName } from './names';
import { OutcomeGrid, type CellErrors } from './OutcomeGrid';
import { TEMPLATES } from './templates';

function newOutcomeId(map: ImpactMap): string {
  let n = map.outcomes.length + 1;
  while (map.outcomes.some((o) => o.id === `outcome-${n}`)) n++;
  return `outcome-${n}`;
}

const NO_FINDINGS: Finding[] = [];

export function ImpactMapEditorPage() {
  const { mapId, id: orgParam } = useParams();
  const [search] = useSearchParams();
  const { api } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  const navigate = useNavigate();

  const [map, setMap] = useState<ImpactMap | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  /** The map the analysis above was worked out for, for its names. */
  const [analysed, setAnalysed] = useState<ImpactMap | null>(null);
  const [calcError, setCalcError] = useState<ApiError | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  /**
   * The map whose calculation last settled (answered or refused): while it is
   * not the map being edited, the figures are being worked out again. Derived
   * so, "Recalculating…" costs no render of its own: it comes with the edit.
   */
  const [settled, setSettled] = useState<ImpactMap | null>(null);
  const [dirty, setDirty] = useState(false);
  useWarnBeforeLeaving(dirty);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [versions, setVersions] = useState<MapSummary[]>([]);
  const [provenance, setProvenance] = useState<MapProvenance | null>(null);
  const [selectedRow, setSelectedRow] = useState(0);
  const [cellErrors, setCellErrors] = useState<CellErrors>({});
  const [deleting, setDeleting] = useState<number | null>(null);
  const [scopes, setScopes] = useState<{ id: string; name: string }[]>([]);
  /** Whether the map is archived (null: not known yet, or a new map). */
  const [archived, setArchived] = useState<boolean | null>(null);
  const [archiving, setArchiving] = useState<'ask' | 'busy' | null>(null);
  const [archiveError, setArchiveError] = useState<string | null>(null);
  const orgId = orgParam ?? '';
  useDocumentTitle(map?.name ?? 'Impact map');

  // Load: a saved map (?version= for an older one), or a template for a new one.
  useEffect(() => {
    setLoadError(null);
    // Another map (or version) in the same page: no figures of the last one stay on screen.
    setAnalysis(null);
    setAnalysed(null);
    setProvenance(null);
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
        .listArchivedMaps(orgParam ?? '')
        .then((list) => setArchived(list.some((m) => m.id === mapId)))
        .catch(() => setArchived(null));
      measure
        .getProvenance(mapId, v ? Number(v) : undefined)
        .then(setProvenance)
        .catch(() => setProvenance(null));
    } else {
      const t = TEMPLATES.find((x) => x.id === (search.get('template') ?? 'blank')) ?? TEMPLATES[0];
      const scope = search.get('scope');
      setMap({ ...structuredClone(t.map), ...(scope ? { scope_id: scope } : {}) });
      setDirty(true);
    }
  }, [mapId, measure, search, orgParam]);

  // The organisation's scopes, for the map's scope.
  useEffect(() => {
    if (!orgId) return;
    api
      .listScopes(orgId, { limit: 100 })
      .then((p) => setScopes(p.items.map((s) => ({ id: s.id, name: s.name }))))
      .catch(() => setScopes([]));
  }, [api, orgId]);

  // Live analysis: a quarter of a second after the last edit, the previous request abandoned. The
  // request is sent, and its answer read and parsed, by a worker (./analyser.ts), off the main thread.
  const analyser = useRef<Analyser | null>(null);
  const inflight = useRef<AbortController | null>(null);
  useEffect(
    () => () => {
      inflight.current?.abort();
      analyser.current?.close();
      analyser.current = null;
    },
    [api],
  );
  useEffect(() => {
    if (!map) return;
    const timer = window.setTimeout(() => {
      inflight.current?.abort();
      const ctl = new AbortController();
      inflight.current = ctl;
      (analyser.current ??= createAnalyser(api.client))
        .analyse(map, ctl.signal)
        .then((a) => {
          // One render for the answer: the figures, their names and the end of "Recalculating…".
          setAnalysis(a);
          setAnalysed(map);
          setCalcError(null);
          setSettled(map);
        })
        .catch((e) => {
          if (ctl.signal.aborted) return;
          setCalcError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
          setSettled(map);
        });
    }, 250);
    return () => window.clearTimeout(timer);
  }, [map, api]);

  /** A change to the map: the new map, or how to make it from the latest one (so that handlers need not change with the map). */
  const edit = useCallback((next: ImpactMap | ((m: ImpactMap) => ImpactMap)) => {
    setMap((m) => (typeof next === 'function' ? (m ? next(m) : m) : next));
    setDirty(true);
    setStatus(null);
    setSaveError(null);
  }, []);

  const onCellError = useCallback((key: string, message: string | null) => {
    setCellErrors((prev) => {
      if (message === null) {
        if (!(key in prev)) return prev;
        const next = { ...prev };
        delete next[key];
        return next;
      }
      return prev[key] === message ? prev : { ...prev, [key]: message };
    });
  }, []);

  const setOutcome = useCallback(
    (row: number, o: MapOutcome) =>
      edit((m) => {
        const outcomes = m.outcomes.slice();
        outcomes[row] = o;
        return { ...m, outcomes };
      }),
    [edit],
  );

  const moveOutcome = (row: number, delta: -1 | 1) => {
    if (!map) return;
    const to = row + delta;
    if (to < 0 || to >= map.outcomes.length) return;
    const outcomes = map.outcomes.slice();
    [outcomes[row], outcomes[to]] = [outcomes[to], outcomes[row]];
    edit({ ...map, outcomes });
    setSelectedRow(to);
    setStatus(`Outcome moved to row ${to + 1}.`);
  };

  const duplicateOutcome = (row: number) => {
    if (!map) return;
    const copy = { ...structuredClone(map.outcomes[row]), id: newOutcomeId(map) };
    const outcomes = map.outcomes.slice();
    outcomes.splice(row + 1, 0, copy);
    edit({ ...map, outcomes });
    setSelectedRow(row + 1);
    setStatus(`Outcome ${row + 1} duplicated as outcome ${row + 2}.`);
  };

  const deleteOutcome = (row: number) => {
    if (!map) return;
    const gone = map.outcomes[row];
    setCellErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith(`${gone.id}|`))));
    edit({ ...map, outcomes: map.outcomes.filter((_, i) => i !== row) });
    setSelectedRow(Math.max(0, Math.min(row, map.outcomes.length - 2)));
    setStatus(`Outcome ${row + 1}${gone.description ? ` “${gone.description}”` : ''} deleted.`);
  };

  const refusals = Object.values(cellErrors);
  const changeArchived = async (to: boolean) => {
    if (!map?.id) return;
    setArchiving('busy');
    setArchiveError(null);
    try {
      await measure.setArchived(map.id, to);
      setArchived(to);
      setArchiving(null);
      setStatus(to ? 'Archived. The map is kept, out of the lists.' : 'Restored to the lists of maps.');
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (to) {
        setArchiveError(message);
        setArchiving('ask');
      } else {
        setArchiving(null);
        setStatus(`The map could not be restored: ${message}`);
      }
    }
  };

  const save = async () => {
    if (!map || refusals.length > 0) return;
    setSaving(true);
    setStatus(null);
    setSaveError(null);
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
      setSaveError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
    } finally {
      setSaving(false);
    }
  };

  // The parts of the page around the grid are memoised and given only what
  // they show, with handlers that never change: a keystroke in the grid draws
  // the grid's row (and the value bank's line of it), not every panel.
  const presentValues = useMemo(() => new Map((analysis?.results.outcomes ?? []).map((o) => [o.id, o.present_value])), [analysis]);
  /** The estimate whose smallest move takes the ratio to 1 : 1 (worked out once per answer). */
  const closest = useMemo(() => closestBreakEven(analysis?.sensitivity.break_even ?? []), [analysis]);
  const outcomes = map?.outcomes;
  /** How many outcomes each group has, as a key that changes only when an outcome changes group. */
  const groupsOfOutcomes = outcomes?.map((o) => o.stakeholder).join('\u0000') ?? '';
  const outcomesPerGroup = useMemo(() => {
    const n = new Map<string, number>();
    for (const id of groupsOfOutcomes ? groupsOfOutcomes.split('\u0000') : []) n.set(id, (n.get(id) ?? 0) + 1);
    return n;
  }, [groupsOfOutcomes]);
  const onStakeholders = useCallback((stakeholders: MapStakeholder[]) => edit((m) => ({ ...m, stakeholders })), [edit]);
  const onAddGroup = useCallback(
    (group: MapStakeholder) =>
      edit((m) => {
        const groups = m.stakeholders ?? [];
        // An outcome on a group that was never listed (an imported file's) joins the first group added.
        const orphan = m.outcomes.some((o) => o.stakeholder && !groups.some((g) => g.id === o.stakeholder));
        return { ...m, stakeholders: [...groups, group], ...(orphan && groups.length === 0 ? { outcomes: m.outcomes.map((o) => ({ ...o, stakeholder: group.id })) } : {}) };
      }),
    [edit],
  );
  const onInputs = useCallback((inputs: MapInput[]) => edit((m) => ({ ...m, inputs })), [edit]);
  /** A value-bank proxy put into an outcome, as the outcome is when it is picked. */
  const onPick = useCallback(
    (row: number, proxy: MapOutcome['proxy']) =>
      edit((m) => {
        if (!m.outcomes[row]) return m;
        const outcomes = m.outcomes.slice();
        outcomes[row] = { ...outcomes[row], proxy };
        return { ...m, outcomes };
      }),
    [edit],
  );

  if (loadError) return loadError.isNotFound ? <NotFoundState what="impact map" /> : <ErrorState error={loadError} />;
  if (!map) return <Loading label="Loading the impact map…" />;

  const calculating = settled !== map;

  const currency = map.currency ?? 'GBP';
  const findings = analysis?.lint.findings ?? NO_FINDINGS;
  const results = analysis?.results;
  const names = analysed ?? map;
  // While a cell is refused or the server cannot calculate the map, the figures are those of the last valid state.
  const stale = refusals.length > 0 || calcError !== null;
  const showParam = (p: string, v: number) => (isFractionParameter(p) ? formatPercent(v) : p.startsWith('proxy') ? formatMoney(v, currency) : formatNumber(v));
  const serverErrors = [calcError, saveError].filter((e): e is ApiError => e !== null);
  const latest = versions.reduce((m, v) => Math.max(m, v.version), 0);
  const older = map.version !== undefined && latest > map.version;

  return (
    <div className="page page--wide impact-editor">
      <Breadcrumb orgId={orgId} />
      <div className="page-head">
        <div>
          <p className="eyebrow">Impact map{map.version ? ` · version ${map.version}` : ' · not saved yet'}</p>
          <h1>{map.name || 'Untitled impact map'}</h1>
          {provenance?.evaluation_of && map.id ? <EvaluationOf orgId={orgId} mapId={map.id} source={provenance.evaluation_of} /> : null}
          <p className="page-head__meta">
            {dirty ? <Badge tone="warning">Unsaved changes</Badge> : <Badge tone="success">Saved</Badge>}{' '}
            <span aria-live="polite">{calculating ? 'Recalculating…' : ''}</span>
          </p>
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            onClick={save}
            disabled={saving || !dirty || refusals.length > 0}
            aria-busy={saving || undefined}
            aria-describedby={refusals.length > 0 ? 'save-blocked' : undefined}
          >
            {saving ? 'Saving…' : map.id ? (older ? `Save version ${map.version} as the latest` : 'Save as new version') : 'Save map'}
          </button>
          <button type="button" className="button button--secondary" onClick={() => downloadText(`${map.name || 'impact-map'}.json`, JSON.stringify(map, null, 2), 'application/json')}>
            Export JSON
          </button>
          {map.id && archived === false ? (
            <button type="button" className="button button--secondary" onClick={() => setArchiving('ask')}>
              Archive
            </button>
          ) : null}
        </div>
      </div>
      {archived ? (
        <div className="alert alert--info" data-testid="archived-map">
          <p className="alert__body">
            This map is archived: it is left out of the lists of maps, and every version is kept.{' '}
            <button type="button" className="button button--small" disabled={archiving === 'busy'} onClick={() => void changeArchived(false)}>
              Restore it
            </button>
          </p>
        </div>
      ) : null}
      {older ? (
        <div className="alert alert--warning" data-testid="older-version">
          <p className="alert__body">
            This is version {map.version}; the latest is version {latest}. Saving it makes a new version with these older figures, over the newer work.{' '}
            <Link to={`/organisations/${encodeURIComponent(orgId)}/impact-maps/${encodeURIComponent(map.id!)}`}>Open the latest version</Link>
          </p>
        </div>
      ) : null}
      {refusals.length > 0 ? (
        <p id="save-blocked" className="muted small">
          {refusals.length === 1 ? 'One cell needs' : `${refusals.length} cells need`} correcting before the map can be saved.
        </p>
      ) : null}
      {map.id ? <Downloads measure={measure} mapId={map.id} version={map.version} dirty={dirty} /> : null}
      <p className="visually-hidden" role="status">
        {status ?? ''}
      </p>
      {status && /^Saved/.test(status) ? <p className="alert alert--success">{status}</p> : null}
      {serverErrors.map((err, i) => (
        <div key={i} className="alert alert--error" role="alert">
          <p className="alert__title">
            {err === saveError ? 'The map could not be saved' : err.fields.length > 0 ? 'Some cells need attention' : 'The map could not be calculated'}
          </p>
          {err.fields.length > 0 ? (
            <ul>
              {err.fields.map((f) => (
                <li key={f.field}>
                  <strong>{describePath(map, f.field)}</strong>: {humaniseMessage(f.field, f.message)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="alert__body">{err.message}</p>
          )}
        </div>
      ))}

      {/* aria-busy while the figures are being worked out again (bench/browser_bench.mjs waits on it too). */}
      <section
        className={`panel${stale ? ' is-stale' : ''}`}
        aria-labelledby="headline-title"
        aria-describedby={stale ? 'stale-note' : undefined}
        aria-busy={calculating || undefined}
        data-testid="headline"
      >
        <h2 id="headline-title" className="visually-hidden">
          Headline figures
        </h2>
        {stale && analysis ? (
          <p id="stale-note" className="stale-note" data-testid="stale-note">
            <Badge tone="warning">Not up to date</Badge> These are the figures of the map’s last valid state; correct the{' '}
            {refusals.length > 0 ? 'marked cells' : 'problems above'} to see the current ones.
          </p>
        ) : null}
        <ul className="summary" aria-label="Headline figures">
          <li className="summary__item">
            <span className="summary__label">SROI ratio</span>
            <span className="summary__value summary__number" data-testid="sroi-ratio">
              {formatRatio(results?.sroi_ratio)}
            </span>
          </li>
          <li className="summary__item">
            <span className="summary__label">Net present value</span>
            <span className="summary__value summary__number">{formatMoney(results?.net_present_value, currency)}</span>
          </li>
          <li className="summary__item">
            <span className="summary__label">Payback</span>
            <span className="summary__value summary__number">{results?.payback_months != null ? `${formatNumber(results.payback_months, 1)} months` : '—'}</span>
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
            Break-even: the ratio falls to 1 : 1 if the <strong>{parameterLabel(closest.parameter)}</strong> of “{outcomeName(names, closest.outcome)}” moves from{' '}
            {showParam(closest.parameter, closest.current)} to {showParam(closest.parameter, closest.break_even!)} ({closest.relative_change! > 0 ? '+' : ''}
            {Math.round(closest.relative_change! * 100)} %), the smallest move of any estimate.
          </p>
        ) : null}
      </section>

      <MapDetails
        name={map.name}
        period={map.period}
        kind={map.kind}
        scopeId={map.scope_id}
        discountRate={map.discount_rate}
        scopes={scopes}
        discountError={cellErrors.discount_rate}
        edit={edit}
        onCellError={onCellError}
      />

      <StakeholdersPanel stakeholders={map.stakeholders} outcomesPerGroup={outcomesPerGroup} errors={cellErrors} onError={onCellError} onChange={onStakeholders} onAdd={onAddGroup} />
      <InputsPanel inputs={map.inputs} stakeholders={map.stakeholders} currency={currency} errors={cellErrors} onError={onCellError} onChange={onInputs} />

      <section className="table-card impact-grid" aria-labelledby="grid-title">
        <div className="panel__head impact-grid__head">
          <h2 id="grid-title">Outcomes</h2>
          <p className="muted">
            Write ranges as <code>40..65</code> or <code>40..55..65</code> (low..likely..high), percentages as 0 to 100. Arrow keys move up and down a column; the buttons
            above the grid move, duplicate or delete the selected outcome. A flagged cell shows its findings when it has the focus.
          </p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              edit({
                ...map,
                outcomes: [
                  ...map.outcomes,
                  { id: newOutcomeId(map), stakeholder: map.stakeholders?.[0]?.id ?? '', description: '', quantity: 0, duration_years: 1, proxy: { value: 0 } },
                ],
              });
              setSelectedRow(map.outcomes.length);
              setStatus(`Outcome ${map.outcomes.length + 1} added.`);
            }}
          >
            Add outcome
          </button>
        </div>
        <OutcomeGrid
          map={map}
          findings={findings}
          cellErrors={cellErrors}
          provenance={provenance}
          presentValues={presentValues}
          currency={currency}
          selectedRow={selectedRow}
          onSelectRow={setSelectedRow}
          onOutcome={setOutcome}
          onCellError={onCellError}
          onMove={moveOutcome}
          onDuplicate={duplicateOutcome}
          onDelete={(row) => (map.outcomes.length > 1 ? setDeleting(row) : setStatus('A map needs at least one outcome.'))}
        />
      </section>
      <ConfirmDialog
        open={archiving !== null}
        title="Archive this map?"
        confirmLabel="Archive the map"
        busy={archiving === 'busy'}
        error={archiveError}
        onCancel={() => {
          setArchiving(null);
          setArchiveError(null);
        }}
        onConfirm={() => void changeArchived(true)}
      >
        <p>
          “{map.name || 'Untitled impact map'}” leaves the lists of maps and the choices of surveys and comparisons. Nothing is deleted: every version stays, reports and links still work, and you can
          restore it from “Archived maps”.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this outcome?"
        confirmLabel="Delete outcome"
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting !== null) deleteOutcome(deleting);
          setDeleting(null);
        }}
      >
        <p>
          Outcome {deleting !== null ? deleting + 1 : ''}
          {deleting !== null && map.outcomes[deleting]?.description ? ` “${map.outcomes[deleting].description}”` : ''} leaves the map. Saved versions keep it.
        </p>
      </ConfirmDialog>

      <ValueBankPicker
        orgId={orgId}
        row={selectedRow}
        outcome={map.outcomes[selectedRow] ? map.outcomes[selectedRow].description || 'not described yet' : null}
        currency={currency}
        onPick={onPick}
      />

      <AnalysisCharts analysis={analysis} names={names} currency={currency} stale={stale} waiting={serverErrors.length === 0} />

      <PrinciplesCheck findings={findings} names={names} analysed={analysis !== null} />

      {map.id ? <Compare key={`${map.id}-${search.get('compare') ?? ''}`} orgId={orgId} mapId={map.id} version={map.version} names={names} currency={currency} initial={search.get('compare') ?? ''} /> : null}

      {versions.length > 0 ? <VersionList orgId={orgId} versions={versions} /> : null}
    </div>
  );
}

// The page's links and lists that a keystroke does not change, memoised so that it does not draw them again.

const Breadcrumb = memo(function Breadcrumb({ orgId }: { orgId: string }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to={`/organisations/${encodeURIComponent(orgId)}`}>Organisation</Link> ›{' '}
      <Link to={`/organisations/${encodeURIComponent(orgId)}/impact-maps`}>Impact maps</Link>
    </nav>
  );
});

const Downloads = memo(function Downloads({ measure, mapId, version, dirty }: { measure: ReturnType<typeof createMeasureApi>; mapId: string; version: number | undefined; dirty: boolean }) {
  return (
    <nav className="button-row downloads" aria-label="Downloads">
      <span className="muted small">
        Downloads of version {version}
        {dirty ? ' (as saved, without your unsaved changes)' : ''}:
      </span>
      <a className="button button--secondary button--small" href={measure.reportPdfUrl(mapId, version)} download>
        Report (PDF)
      </a>
      <a className="button button--secondary button--small" href={measure.reportHtmlUrl(mapId, version)} target="_blank" rel="noopener">
        Report (web page)
      </a>
      <a className="button button--secondary button--small" href={measure.exportXlsxUrl(mapId, version)} download>
        Spreadsheet (XLSX)
      </a>
      <a className="button button--secondary button--small" href={measure.exportCsvUrl(mapId, version)} download>
        CSV
      </a>
    </nav>
  );
});

const VersionList = memo(function VersionList({ orgId, versions }: { orgId: string; versions: MapSummary[] }) {
  return (
    <section className="panel" aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      <ol className="plain-list">
        {versions.map((v) => (
          <li key={v.version}>
            <Link to={`/organisations/${encodeURIComponent(orgId)}/impact-maps/${encodeURIComponent(v.id)}?version=${v.version}`}>Version {v.version}</Link> — {v.name},{' '}
            {formatTime(v.updated_at)}
          </li>
        ))}
      </ol>
    </section>
  );
});

/** The discount rate as a percentage, refused outside 0 to under 100. */
function DiscountRate({ value, onValue, onError, error }: { value: number; onValue: (v: number) => void; onError: (m: string | null) => void; error?: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  const message = 'The discount rate is a percentage from 0 up to (not including) 100, such as 3.5.';
  return (
    <div className="field">
      <label className="field__label" htmlFor="discount-rate">
        Discount rate %
      </label>
      <input
        id="discount-rate"
        className={`input${error ? ' input--invalid' : ''}`}
        inputMode="decimal"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'discount-rate-error' : undefined}
        value={draft ?? String(Math.round(value * 10000) / 100)}
        onChange={(e) => {
          setDraft(e.target.value);
          const n = readNumber(e.target.value);
          if (!Number.isFinite(n) || n < 0 || n >= 100) onError(message);
          else {
            onError(null);
            onValue(n / 100);
          }
        }}
        onBlur={() => {
          if (!error) setDraft(null);
        }}
      />
      {error ? (
        <span id="discount-rate-error" className="field__error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The map's own fields: drawn again only when one of them (or the scopes, or the discount rate's refusal) changes. */
const MapDetails = memo(function MapDetails({
  name,
  period,
  kind,
  scopeId,
  discountRate,
  scopes,
  discountError,
  edit,
  onCellError,
}: {
  name: ImpactMap['name'];
  period: ImpactMap['period'];
  kind: ImpactMap['kind'];
  scopeId: ImpactMap['scope_id'];
  discountRate: ImpactMap['discount_rate'];
  scopes: { id: string; name: string }[];
  discountError: string | undefined;
  edit: (change: (m: ImpactMap) => ImpactMap) => void;
  onCellError: (key: string, message: string | null) => void;
}) {
  return (
    <section className="panel" aria-labelledby="details-title">
      <div className="panel__head">
        <h2 id="details-title">About this map</h2>
      </div>
      <div className="form-row">
        <label className="field">
          <span className="field__label">Name</span>
          <input
            className="input"
            value={name ?? ''}
            onChange={(e) => {
              const v = e.target.value;
              edit((m) => ({ ...m, name: v }));
            }}
          />
        </label>
        <label className="field">
          <span className="field__label">Period of the analysis</span>
          <input
            className="input"
            value={period ?? ''}
            maxLength={100}
            placeholder="e.g. April 2025 to March 2026"
            aria-describedby="period-hint"
            onChange={(e) => {
              const v = e.target.value || undefined;
              edit((m) => ({ ...m, period: v }));
            }}
          />
          <span className="field__hint" id="period-hint">
            Shown on the report’s cover.
          </span>
        </label>
        <div className="field">
          <label className="field__label" htmlFor="map-kind">
            Kind
          </label>
          <select
            id="map-kind"
            className="input"
            value={kind ?? 'forecast'}
            onChange={(e) => {
              const v = e.target.value as 'forecast' | 'evaluative';
              edit((m) => ({ ...m, kind: v }));
            }}
          >
            <option value="forecast">Forecast</option>
            <option value="evaluative">Evaluative</option>
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="map-scope">
            Scope
          </label>
          <select
            id="map-scope"
            className="input"
            value={scopeId ?? ''}
            onChange={(e) => {
              const v = e.target.value || null;
              edit((m) => ({ ...m, scope_id: v }));
            }}
            aria-describedby="scope-hint"
          >
            <option value="">The whole organisation</option>
            {scopes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <span className="field__hint" id="scope-hint">
            The programme, service or project the map is about.
          </span>
        </div>
        <DiscountRate
          value={discountRate ?? 0.035}
          onValue={(v) => edit((m) => ({ ...m, discount_rate: v }))}
          onError={(m) => onCellError('discount_rate', m)}
          error={discountError}
        />
      </div>
    </section>
  );
});

type Comparison = MapComparison;

/** The line under an evaluation's name: the map it was made from, and a way to compare the two. */
function EvaluationOf({ orgId, mapId, source }: { orgId: string; mapId: string; source: { id: string; version: number } }) {
  const { api } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    measure
      .getMap(source.id, source.version)
      .then((m) => setName(m.name ?? null))
      .catch(() => setName(null));
  }, [measure, source.id, source.version]);
  const org = encodeURIComponent(orgId);
  return (
    <p className="page-head__meta">
      An evaluation made from{' '}
      <Link to={`/organisations/${org}/impact-maps/${encodeURIComponent(source.id)}?version=${source.version}`}>
        {name ? `“${name}”` : 'a map'}, version {source.version}
      </Link>
      , with survey results.{' '}
      <Link to={`/organisations/${org}/impact-maps/${encodeURIComponent(source.id)}?compare=${encodeURIComponent(mapId)}#compare-title`}>Compare the two</Link>
    </p>
  );
}

/**
 * This map (a forecast) beside a later evaluation, outcome by outcome, by
 * name; `names` is the map as last analysed, so that a keystroke does not
 * draw the comparison again.
 */
const Compare = memo(function Compare({
  orgId,
  mapId,
  version,
  names,
  currency,
  initial,
}: {
  orgId: string;
  mapId: string;
  version: number | undefined;
  names: ImpactMap;
  currency: string;
  initial: string;
}) {
  const { api } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  /** The other maps, and the other versions of this one ("id@version"). */
  const [maps, setMaps] = useState<MapSummary[]>([]);
  const [versions, setVersions] = useState<MapSummary[]>([]);
  const [other, setOther] = useState(initial);
  const [otherMap, setOtherMap] = useState<ImpactMap | null>(null);
  const [cmp, setCmp] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    measure.listMaps(orgId).then((m) => setMaps(m.filter((x) => x.id !== mapId))).catch(() => setMaps([]));
    measure
      .listVersions(mapId)
      .then((v) => setVersions(v.filter((x) => x.version !== version)))
      .catch(() => setVersions([]));
  }, [measure, orgId, mapId, version]);
  useEffect(() => {
    if (!other) {
      setCmp(null);
      setOtherMap(null);
      return;
    }
    const [otherId, otherVersion] = other.split('@');
    const withVersion = otherVersion ? Number(otherVersion) : undefined;
    api.client
      .get<Comparison>(`/impact-maps/${encodeURIComponent(mapId)}/compare`, { query: { with: otherId, version, with_version: withVersion } })
      .then((c) => {
        setCmp(c);
        setError(null);
      })
      .catch((e) => setError(e instanceof Error ? e.message : String(e)));
    measure
      .getMap(otherId, withVersion)
      .then(setOtherMap)
      .catch(() => setOtherMap(null));
  }, [api, measure, mapId, version, other]);
  if (maps.length === 0 && versions.length === 0) return null;
  // The outcome's name in whichever map has it: this one first, then the other.
  const nameOf = (id: string) => {
    if (names.outcomes.some((o) => o.id === id)) return outcomeName(names, id);
    if (otherMap?.outcomes.some((o) => o.id === id)) return outcomeName(otherMap, id);
    return id;
  };
  return (
    <section className="panel" aria-labelledby="compare-title">
      <h2 id="compare-title">Forecast beside evaluation</h2>
      <div className="field">
        <label className="field__label" htmlFor="compare-with">
          Compare this map with
        </label>
        <select id="compare-with" className="input" value={other} onChange={(e) => setOther(e.target.value)}>
          <option value="">Choose a map…</option>
          {maps.length ? (
            <optgroup label="Other maps">
              {maps.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} (version {m.version})
                </option>
              ))}
            </optgroup>
          ) : null}
          {versions.length ? (
            <optgroup label="Other versions of this map">
              {versions.map((v) => (
                <option key={v.version} value={`${mapId}@${v.version}`}>
                  Version {v.version}: {v.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      {error ? <p className="alert alert--error">{error}</p> : null}
      {cmp ? (
        <table className="table">
          <caption className="visually-hidden">Present value per outcome, this map and {cmp.evaluation.name}</caption>
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col">This map (version {cmp.forecast.version})</th>
              <th scope="col">
                {cmp.evaluation.name} (version {cmp.evaluation.version})
              </th>
            </tr>
          </thead>
          <tbody>
            {cmp.outcomes.map((o) => (
              <tr key={o.outcome}>
                <th scope="row">{nameOf(o.outcome)}</th>
                <td className="num">{o.forecast_present_value === null ? 'not in this map' : formatMoney(o.forecast_present_value, currency)}</td>
                <td className="num">{o.evaluation_present_value === null ? `not in ${cmp.evaluation.name}` : formatMoney(o.evaluation_present_value, currency)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">SROI ratio</th>
              <td className="num">{formatRatio(cmp.forecast.sroi_ratio)}</td>
              <td className="num">{formatRatio(cmp.evaluation.sroi_ratio)}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </section>
  );
});

/**
 * Search the value bank and put a proxy into the selected outcome. Given the
 * outcome's description only (null: no outcome selected), so that it is drawn
 * again when another outcome is selected or described, not on each keystroke.
 */
const ValueBankPicker = memo(function ValueBankPicker({
  orgId,
  row,
  outcome,
  currency,
  onPick,
}: {
  orgId: string;
  row: number;
  outcome: string | null;
  currency: string;
  onPick: (row: number, proxy: MapOutcome['proxy']) => void;
}) {
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
  return (
    <section className="panel" aria-labelledby="bank-title">
      <div className="panel__head">
        <h2 id="bank-title">Value bank</h2>
        <p className="muted">{outcome !== null ? `Picks go into outcome ${row + 1}: ${outcome}` : 'Select an outcome first.'}</p>
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
          {items.slice(0, 8).map((p) => {
            const mapCurrency = currency;
            const otherCurrency = p.currency !== mapCurrency;
            const source = p.price_year ? `${p.source} (${p.price_year} prices)` : p.source;
            return (
              <li key={p.id} className="proxy-row">
                <span>
                  <strong>{p.name}</strong> — {formatMoney(p.value, p.currency)} {p.unit} <span className="muted">({source})</span>
                  {otherCurrency ? (
                    <span className="small block">
                      In {p.currency}, and this map is in {mapCurrency}: convert it in the value bank first.
                    </span>
                  ) : null}
                </span>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={outcome === null || otherCurrency}
                  onClick={() => outcome !== null && onPick(row, { value: p.value, description: p.name + (p.unit ? `, ${p.unit}` : ''), source })}
                >
                  Use for outcome {row + 1}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
});

/**
 * The charts of the latest analysis. Memoised: a keystroke in the grid draws
 * them again only when its answer arrives, not on the key itself.
 */
const AnalysisCharts = memo(function AnalysisCharts({
  analysis,
  names,
  currency,
  stale,
  waiting,
}: {
  analysis: Analysis | null;
  names: ImpactMap;
  currency: string;
  stale: boolean;
  waiting: boolean;
}) {
  if (!analysis) return waiting ? <Loading label="Calculating…" /> : null;
  return (
    <>
    {analysis ? (
      <div className={`dashboard${stale ? ' is-stale' : ''}`}>
        <div className="dashboard__col">
          <section className="panel">
            <Tornado sensitivity={analysis.sensitivity} name={(id) => outcomeName(names, id)} />
          </section>
          <section className="panel">
            <Histogram {...analysis.histogram} />
          </section>
        </div>
        <div className="dashboard__col">
          <section className="panel">
            <BarChart
              title="Present value by stakeholder"
              currency={currency}
              items={analysis.results.stakeholders.map((s) => ({ label: stakeholderName(names, s.id), value: s.present_value }))}
            />
          </section>
          <section className="panel">
            <BarChart title="Value by year (before discounting)" currency={currency} items={analysis.results.value_by_year.map((v, i) => ({ label: `Year ${i + 1}`, value: v }))} />
          </section>
        </div>
      </div>
    ) : null}
    </>
  );
});

/** The principles check's findings, each named in words; memoised like the charts (a keystroke changes neither input). */
const PrinciplesCheck = memo(function PrinciplesCheck({ findings, names, analysed }: { findings: Finding[]; names: ImpactMap; analysed: boolean }) {
  const lines = useMemo(() => {
    // Each line is keyed by what it says, so that a finding that comes or goes adds or takes away its own line
    // and the lines after it are left as they are (keyed by place, every later line would be written again).
    const seen = new Map<string, number>();
    return findings.map((f) => {
      const where = describePath(names, f.path);
      const text = `${f.severity}|${where}|${f.message}|${f.principle}`;
      const n = (seen.get(text) ?? 0) + 1;
      seen.set(text, n);
      return { key: `${text}|${n}`, severity: f.severity, where, message: f.message, principle: f.principle };
    });
  }, [findings, names]);
  return <FindingLines lines={lines} text={lines.map((l) => l.key).join('\n')} analysed={analysed} />;
});

type FindingLine = { key: string; severity: Finding['severity']; where: string; message: string; principle: Finding['principle'] };

/** One line of the list: a finding that stays as it was is not drawn again when another comes or goes. */
const FindingItem = memo(function FindingItem({ severity, where, message, principle }: Omit<FindingLine, 'key'>) {
  return (
    <li className={`finding finding--${severity}`}>
      <Badge tone={severity === 'error' ? 'danger' : severity === 'warning' ? 'warning' : 'info'}>{severity === 'error' ? 'Error' : severity === 'warning' ? 'Warning' : 'Note'}</Badge>{' '}
      <strong>{where}</strong>: {message} <span className="muted">(principle {principle})</span>
    </li>
  );
});

/** The list itself, drawn again only when its words change (not on every answer of the live analysis). */
const FindingLines = memo(
  function FindingLines({ lines, analysed }: { lines: FindingLine[]; text: string; analysed: boolean }) {
    const errorCount = lines.filter((f) => f.severity === 'error').length;
    return (
      <section className="panel" aria-labelledby="findings-title">
        <h2 id="findings-title">Principles check</h2>
        {lines.length === 0 ? (
          <p className="muted" data-testid="principles-summary">
            {analysed ? 'No findings: nothing in this map breaks a Principle of Social Value that the check can see.' : 'Waiting for the first calculation.'}
          </p>
        ) : (
          <>
            <p className="muted" data-testid="principles-summary">
              {errorCount === 0 ? 'No errors' : errorCount === 1 ? '1 error' : `${errorCount} errors`}, {lines.length - errorCount} other{' '}
              {lines.length - errorCount === 1 ? 'finding' : 'findings'}.
            </p>
            <ul className="finding-list">
              {lines.map((f) => (
                <FindingItem key={f.key} severity={f.severity} where={f.where} message={f.message} principle={f.principle} />
              ))}
            </ul>
          </>
        )}
      </section>
    );
  },
  (a, b) => a.analysed === b.analysed && a.text === b.text,
);
