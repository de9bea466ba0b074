// Benchmarking among peers: how the organisation's figures compare with those
// of the organisations that opted in, group by group — all contributors, its
// sector, region, size, and all three — with each group's size and date, its
// middle half and median, and where the organisation stands. Before it opts
// in, what benchmarking is and (for its Lead or Senior Leader) the form to
// opt in, naming its region.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import type { DirectoryTaxonomy } from '../../api';
import { createBenchmarksApi, type BenchmarkReport } from '../../api/benchmarks';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/Dialog';
import { SelectField } from '../../components/Field';
import { FormAlert, Notice } from '../../components/FormAlert';
import { Badge, EmptyState, ErrorState, Loading, NoOrganisationYet, NotFoundState } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { asName, organisationsWords, splitMetrics, validateRegion } from '../../lib/benchmarks';
import { asSentence, formatDate, formatTime } from '../../lib/format';
import { SIZE_BAND_LABEL, enumsInWords } from '../../lib/labels';
import { useTaxonomy } from '../network/useTaxonomy';
import { ChartLegend, MetricCard } from './MetricCard';
import './benchmarks.css';

/** /benchmarks: the page of the person's first organisation (the Organisations menu links here). */
export function BenchmarksHome() {
  const { organisations } = useAuth();
  useDocumentTitle('Benchmarks');
  const first = organisations[0];
  if (first) return <Navigate to={`/organisations/${encodeURIComponent(first.id)}/benchmarks`} replace />;
  return (
    <NoOrganisationYet
      heading="Benchmarks"
      why="Organisations compare their figures with their peers’ here: create yours, or ask its Social Value Lead to invite you."
    />
  );
}

/** The rules, in the words the page explains them with. */
function HowItWorks({ headingId }: { headingId: string }) {
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>How benchmarking works</h2>
      <ul className="bench-rules">
        <li>
          <strong>Only organisations that choose to contribute take part</strong>, and only they see the figures. You can stop at any time: your
          figures then leave at once.
        </li>
        <li>
          Your figures are your latest self-assessment (overall and by principle), the SROI ratio of your latest impact map, and for each
          certification scheme the level you hold and how many days it took from starting the application to the award. They are worked out
          when you start contributing and whenever you press “Update our figures”.
        </li>
        <li>
          Each figure is compared within five groups: all contributors, your sector, your region, your size, and those like you in all three.
        </li>
        <li>
          <strong>No figure is shown for a group of fewer than 5 organisations</strong>, nor for a group that differs from one already shown by
          fewer than 5, so that comparing two groups can never reveal any one organisation’s figure.
        </li>
        <li>Every figure says how many organisations it comes from and the date of their latest figures.</li>
      </ul>
    </section>
  );
}

/** The region select and its button: to opt in, or to update the figures (and the region). */
function RegionForm({
  taxonomy,
  initial,
  submitLabel,
  busyLabel,
  hint,
  onSubmit,
}: {
  taxonomy: DirectoryTaxonomy;
  initial: string;
  submitLabel: string;
  busyLabel: string;
  hint: string;
  onSubmit: (region: string) => Promise<void>;
}) {
  const [region, setRegion] = useState(initial);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(['region'] as const);
  const selectRef = useRef<HTMLSelectElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = validateRegion(region);
    if (problem) {
      errors.setFieldErrors({ region: problem });
      errors.setFormError(null);
      selectRef.current?.focus();
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await onSubmit(region);
    } catch (err) {
      errors.fromError(err);
      window.setTimeout(() => selectRef.current?.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"], .alert[tabindex]')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="bench-form">
      <FormAlert message={errors.formError} title="That did not work" />
      <SelectField
        ref={selectRef}
        id="bench-region"
        label="Region"
        hint={hint}
        value={region}
        onChange={(e) => setRegion(e.target.value)}
        error={errors.fieldErrors.region ? asSentence(errors.fieldErrors.region) : null}
      >
        <option value="">Choose a region</option>
        {taxonomy.areas.map((a) => (
          <option key={a.code} value={a.code}>
            {a.name}
          </option>
        ))}
      </SelectField>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}

export function BenchmarksPage() {
  const { id = '' } = useParams();
  const { api, organisations } = useAuth();
  const navigate = useNavigate();
  const benchmarks = useMemo(() => createBenchmarksApi(api.client), [api]);
  const org = useLoad(() => api.getOrganisation(id), [api, id]);
  const report = useLoad(() => benchmarks.getBenchmarks(id), [benchmarks, id]);
  const taxonomy = useTaxonomy();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [stopError, setStopError] = useState<string | null>(null);
  // After opting in or out the page changes under the person: their focus goes to the heading of what is there now.
  const [focusOn, setFocusOn] = useState<string | null>(null);
  useEffect(() => {
    if (!focusOn) return;
    const el = document.getElementById(focusOn);
    if (el) {
      el.setAttribute('tabindex', '-1');
      el.focus();
      setFocusOn(null);
    }
  }, [focusOn, report.data]);
  useDocumentTitle(org.data ? `Benchmarks of ${org.data.name}` : 'Benchmarks');

  const failed = org.status === 'error' ? org.error : report.status === 'error' ? report.error : taxonomy.status === 'error' ? taxonomy.error : null;
  if (failed && !(org.data && report.data && taxonomy.data)) {
    if (failed.isNotFound) return <NotFoundState what="organisation" />;
    return (
      <div className="page">
        <h1>Benchmarks</h1>
        <ErrorState error={failed} onRetry={() => void Promise.all([org.reload(), report.reload(), taxonomy.reload()])} />
      </div>
    );
  }
  if (!org.data || !report.data || !taxonomy.data) return <Loading label="Loading the benchmarks…" />;

  const name = org.data.name;
  const r: BenchmarkReport = report.data;
  const s = r.settings;
  const orgPath = `/organisations/${encodeURIComponent(id)}`;

  const contribute = async (region: string, first: boolean) => {
    await benchmarks.contribute(id, region);
    await report.reload();
    toast.notify(first ? `${name} now contributes to the benchmarks` : 'Your figures are updated');
    if (first) setFocusOn('bench-settings-title');
  };

  const stop = async () => {
    setStopping(true);
    setStopError(null);
    try {
      await benchmarks.stopContributing(id);
      setConfirming(false);
      await report.reload();
      toast.notify(`${name} no longer contributes: its figures have left the benchmarks`);
      setFocusOn('bench-join-title');
    } catch (e) {
      setStopError(enumsInWords(e instanceof Error ? e.message : String(e)));
    } finally {
      setStopping(false);
    }
  };

  const { main, principles } = splitMetrics(r.metrics);
  const anyShown = r.metrics.some((m) => m.groups.some((g) => g.shown));
  const sizeWords = SIZE_BAND_LABEL[s.size_band] ?? asName(s.size_band);

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Your organisations</Link> <span aria-hidden="true">›</span> <Link to={orgPath}>{name}</Link>
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">Network</p>
          <h1>Benchmarks</h1>
          <p className="lead">
            How {name}’s figures compare with those of other organisations that contribute theirs: for each group, the median, the middle half
            of the group, and where you stand.
          </p>
        </div>
      </div>
      {organisations.length > 1 ? (
        <div className="bench-org">
          <SelectField
            id="bench-organisation"
            label="Organisation"
            value={organisations.some((o) => o.id === id) ? id : ''}
            onChange={(e) => e.target.value && navigate(`/organisations/${encodeURIComponent(e.target.value)}/benchmarks`)}
          >
            {organisations.some((o) => o.id === id) ? null : <option value="">{name}</option>}
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}
      {report.status === 'error' ? <ErrorState error={report.error} onRetry={() => void report.reload()} title="The benchmarks could not be refreshed" /> : null}

      {!s.opted_in ? (
        <>
          <HowItWorks headingId="bench-how-title" />
          <section className="panel" aria-labelledby="bench-join-title">
            <h2 id="bench-join-title">Contribute to the benchmarks</h2>
            {s.may_change ? (
              <>
                <p>
                  {name} does not contribute yet, so you see no figures. Name the region you work in and your figures are worked out now; you then
                  see how they compare.
                </p>
                <RegionForm
                  taxonomy={taxonomy.data}
                  initial=""
                  submitLabel="Contribute our figures"
                  busyLabel="Working out your figures…"
                  hint={`Where you mostly work: you are compared with the others there. Your sector (${asName(s.sector)}) and size (${sizeWords}) come from your organisation’s profile.`}
                  onSubmit={(region) => contribute(region, true)}
                />
              </>
            ) : (
              <p>
                {name} does not contribute to the benchmarks yet, so no figures are shown. Your Social Value Lead or Senior Leader decides whether it
                does.
              </p>
            )}
          </section>
        </>
      ) : (
        <>
          <section className="panel" aria-labelledby="bench-settings-title">
            <div className="panel__head">
              <h2 id="bench-settings-title">
                Your contribution <Badge tone="success">Contributing</Badge>
              </h2>
            </div>
            <dl className="facts facts--grid">
              <div>
                <dt>Region</dt>
                <dd>{s.region_name ?? <span className="muted">Not named</span>}</dd>
              </div>
              <div>
                <dt>Sector</dt>
                <dd>{asName(s.sector)}</dd>
              </div>
              <div>
                <dt>Size</dt>
                <dd>{sizeWords}</dd>
              </div>
              <div>
                <dt>Contributing since</dt>
                <dd>{formatDate(s.opted_in_at)}</dd>
              </div>
              <div>
                <dt>Your figures last worked out</dt>
                <dd>{formatTime(s.refreshed_at)}</dd>
              </div>
              <div>
                <dt>Organisations contributing</dt>
                <dd>{organisationsWords(r.contributors)}</dd>
              </div>
            </dl>
            {s.may_change ? (
              <div className="bench-actions">
                <RegionForm
                  key={s.refreshed_at ?? ''}
                  taxonomy={taxonomy.data}
                  initial={s.region ?? ''}
                  submitLabel="Update our figures"
                  busyLabel="Working out your figures…"
                  hint="Your figures are worked out again from your latest self-assessment, impact map and awards. Change the region here if it has changed."
                  onSubmit={(region) => contribute(region, false)}
                />
                <div className="bench-stop">
                  <p className="muted small">Your figures leave the benchmarks at once, and you no longer see the others’.</p>
                  <button
                    type="button"
                    className="button button--danger"
                    onClick={() => {
                      setStopError(null);
                      setConfirming(true);
                    }}
                  >
                    Stop contributing
                  </button>
                </div>
              </div>
            ) : (
              <p className="muted">Your Social Value Lead or Senior Leader updates these figures or stops contributing.</p>
            )}
          </section>

          <section className="bench-figures" aria-labelledby="bench-figures-title">
            <div className="bench-figures__head">
              <h2 id="bench-figures-title">Your figures among your peers</h2>
              {anyShown ? <ChartLegend /> : null}
            </div>
            {r.metrics.length === 0 ? (
              <EmptyState title="No figures yet">
                <p>
                  {name} has no figures to compare yet. Complete a <Link to={`${orgPath}/self-assessment`}>self-assessment</Link> or an{' '}
                  <Link to={`${orgPath}/impact-maps`}>impact map</Link>, then update your figures.
                </p>
              </EmptyState>
            ) : (
              <>
                {!anyShown ? (
                  <Notice>
                    So far {organisationsWords(r.contributors)} {r.contributors === 1 ? 'contributes' : 'contribute'}. A group’s figures appear once at
                    least 5 organisations in it have the figure, so for now you see your own figures and how many organisations each group has.
                  </Notice>
                ) : null}
                {main.map((m) => (
                  <MetricCard key={m.key} metric={m} />
                ))}
                {principles.length > 0 ? (
                  <details className="bench-principles">
                    <summary>The self-assessment by principle ({principles.length} figures)</summary>
                    {principles.map((m) => (
                      <MetricCard key={m.key} metric={m} />
                    ))}
                  </details>
                ) : null}
              </>
            )}
          </section>

          <HowItWorks headingId="bench-how-title" />
        </>
      )}

      <ConfirmDialog
        open={confirming}
        title="Stop contributing to the benchmarks?"
        confirmLabel="Stop contributing"
        danger
        busy={stopping}
        error={stopError}
        onConfirm={() => void stop()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {name}’s figures leave the benchmarks at once, and you no longer see the figures of others. You can contribute again at any time: your
          figures are then worked out afresh.
        </p>
      </ConfirmDialog>
      {toast.element}
    </div>
  );
}
