// The organisation at a glance: what is waiting for the person looking, the
// current impact maps' headline figures, pledges due, the latest
// self-assessment, the latest LM3, surveys collecting answers and applications
// in progress.
// Each part loads on its own, so one that fails does not hide the others.
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { Application } from '../../api';
import { createMeasureApi, type Lm3Calculation, type MapSummary, type Pledge, type SroiResult } from '../../api/measure';
import type { components } from '../../api/schema';
import { Badge, Loading } from '../../components/States';
import { useLoad } from '../../hooks/useLoad';
import { formatDate } from '../../lib/format';
import { APPLICATION_STATE_LABEL, applicationStateTone } from '../../lib/labels';
import { formatRatio } from '../measure/format';
import { useOrg } from './context';

type SurveySummary = components['schemas']['SurveySummary'];
type SelfAssessmentHistory = components['schemas']['SelfAssessmentHistory'];

/** Maps whose headline figures the overview shows: the most recently saved. */
const MAPS_SHOWN = 3;
const FINAL_STATES = new Set(['awarded', 'rejected']);

interface Overview {
  maps: { map: MapSummary; ratio: number | null | undefined }[];
  pledges: Pledge[];
  latest: SelfAssessmentHistory['items'][number] | null;
  lm3?: Lm3Calculation | null;
  surveys: SurveySummary[];
  applications: Application[];
}

interface Task {
  key: string;
  text: string;
  to: string;
}

/** What is waiting for this person, from what the overview loaded. */
export function tasksFor(o: Overview, orgId: string, me: { id: string }, role: string | null | undefined): Task[] {
  const org = `/organisations/${encodeURIComponent(orgId)}`;
  const tasks: Task[] = [];
  for (const a of o.applications) {
    const to = `/applications/${encodeURIComponent(a.id)}`;
    // As the inbox of the home page (the server's tasks): a sign-off is asked
    // for once every criterion has its evidence, not before.
    if (a.state === 'draft' && role && (a.missing_sign_offs ?? []).includes(role) && (a.missing_evidence ?? []).length === 0)
      tasks.push({ key: `sign-${a.id}`, text: `Sign off the ${a.scheme_name} application (${a.level_name})`, to });
    if (a.state === 'draft' && role === 'lead' && (a.missing_evidence ?? []).length > 0)
      tasks.push({ key: `evidence-${a.id}`, text: `Add evidence to the ${a.scheme_name} application: ${a.missing_evidence.length} still to do`, to });
    if (a.state === 'amendments_requested' && role === 'lead')
      tasks.push({ key: `amend-${a.id}`, text: `Answer the assessor’s amendments to the ${a.scheme_name} application`, to });
  }
  for (const p of o.pledges)
    if (p.status === 'open' && p.overdue && (p.owner_user_id === me.id || role === 'lead'))
      tasks.push({ key: `pledge-${p.id}`, text: `Update the overdue pledge “${p.title}” (due ${formatDate(p.due_date)})`, to: `${org}/pledges` });
  return tasks;
}

async function loadOverview(orgId: string, api: ReturnType<typeof useOrg>['api']): Promise<Overview> {
  const measure = createMeasureApi(api.client);
  const org = `/organisations/${encodeURIComponent(orgId)}`;
  const [maps, pledges, history, surveys, applications, lm3] = await Promise.all([
    measure.listMaps(orgId),
    measure.listPledges(orgId),
    api.client.get<SelfAssessmentHistory>(`${org}/self-assessments`),
    api.client.getAll<SurveySummary>(`${org}/surveys`).then((r) => r.items),
    api.listApplications(orgId).then((r) => r.items),
    measure.listLm3(orgId).then((list) => list[0] ?? null),
  ]);
  const recent = [...maps].sort((a, b) => (b.updated_at ?? '').localeCompare(a.updated_at ?? '')).slice(0, MAPS_SHOWN);
  const ratios = await Promise.all(
    recent.map((m) =>
      api.client
        .get<SroiResult>(`/impact-maps/${encodeURIComponent(m.id)}/results`)
        .then((r) => r.sroi_ratio)
        .catch(() => undefined),
    ),
  );
  return {
    maps: recent.map((map, i) => ({ map, ratio: ratios[i] })),
    pledges: pledges.filter((p) => p.status === 'open').sort((a, b) => (a.due_date ?? '9999').localeCompare(b.due_date ?? '9999')),
    latest: history.items[0] ?? null,
    lm3,
    surveys: surveys.filter((s) => s.state === 'open'),
    applications: applications.filter((a) => !FINAL_STATES.has(a.state)),
  };
}

export function OverviewSection() {
  const { api, orgId, me, dashboard } = useOrg();
  const overview = useLoad(() => loadOverview(orgId, api), [api, orgId]);
  const org = `/organisations/${encodeURIComponent(orgId)}`;
  const tasks = useMemo(() => (overview.data ? tasksFor(overview.data, orgId, me, dashboard.my_role) : []), [overview.data, orgId, me, dashboard.my_role]);

  if (overview.status === 'loading') return <Loading label="Loading the overview…" />;
  if (overview.status === 'error' || !overview.data)
    return (
      <p className="alert alert--error" role="alert">
        The overview could not be loaded. <button type="button" className="button button--small" onClick={overview.reload}>Try again</button>
      </p>
    );
  const o = overview.data;
  return (
    <section className="overview" aria-labelledby="overview-title">
      <h2 id="overview-title" className="visually-hidden">
        Overview
      </h2>
      <div className="card overview__tasks" aria-labelledby="tasks-title">
        <h3 id="tasks-title">Waiting for you</h3>
        {tasks.length === 0 ? (
          <p className="field__hint">Nothing is waiting for you here.</p>
        ) : (
          <ul>
            {tasks.map((t) => (
              <li key={t.key}>
                <Link to={t.to}>{t.text}</Link>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="overview__grid">
        <div className="card" aria-labelledby="ov-maps-title">
          <h3 id="ov-maps-title">Impact maps</h3>
          {o.maps.length === 0 ? (
            <p className="field__hint">
              No impact map yet. <Link to={`${org}/impact-maps`}>Start one</Link>
            </p>
          ) : (
            <ul className="overview__list">
              {o.maps.map(({ map, ratio }) => (
                <li key={map.id}>
                  <Link to={`${org}/impact-maps/${encodeURIComponent(map.id)}`}>{map.name}</Link>{' '}
                  <span className="overview__figure">{ratio === undefined ? 'no figures yet' : formatRatio(ratio)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="card" aria-labelledby="ov-pledges-title">
          <h3 id="ov-pledges-title">Pledges due</h3>
          {o.pledges.length === 0 ? (
            <p className="field__hint">
              No open pledge. <Link to={`${org}/pledges`}>Make one</Link>
            </p>
          ) : (
            <ul className="overview__list">
              {o.pledges.slice(0, 5).map((p) => (
                <li key={p.id}>
                  {p.title} <span className="overview__figure">{p.due_date ? `due ${formatDate(p.due_date)}` : 'no due date'}</span>
                  {p.overdue ? (
                    <>
                      {' '}
                      <Badge tone="danger">Overdue</Badge>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="card" aria-labelledby="ov-sa-title">
          <h3 id="ov-sa-title">Self-assessment</h3>
          {o.latest ? (
            <p>
              <Link to={`${org}/self-assessment`}>Latest result: {Math.round(o.latest.overall)} / 100</Link>{' '}
              <span className="overview__figure">on {formatDate(o.latest.submitted_at)}</span>
            </p>
          ) : (
            <p className="field__hint">
              Not taken yet. <Link to={`${org}/self-assessment`}>Take the self-assessment</Link>
            </p>
          )}
        </div>
        <div className="card" aria-labelledby="ov-lm3-title">
          <h3 id="ov-lm3-title">Local Multiplier 3</h3>
          {o.lm3 ? (
            <p>
              <Link to={`${org}/lm3?calculation=${encodeURIComponent(o.lm3.id)}`}>
                {o.lm3.name}: LM3 {o.lm3.lm3.toFixed(2)}
              </Link>{' '}
              <span className="overview__figure">{o.lm3.period || `saved ${formatDate(o.lm3.updated_at)}`}</span>
            </p>
          ) : (
            <p className="field__hint">
              None saved yet. <Link to={`${org}/lm3`}>Calculate your LM3</Link>
            </p>
          )}
        </div>
        <div className="card" aria-labelledby="ov-surveys-title">
          <h3 id="ov-surveys-title">Surveys collecting answers</h3>
          {o.surveys.length === 0 ? (
            <p className="field__hint">
              None open. <Link to={`${org}/surveys`}>Make a survey</Link>
            </p>
          ) : (
            <ul className="overview__list">
              {o.surveys.map((s) => (
                <li key={s.id}>
                  <Link to={`/surveys/${encodeURIComponent(s.id)}`}>{s.title}</Link>{' '}
                  <span className="overview__figure">
                    {s.response_count.toLocaleString('en-GB')} {s.response_count === 1 ? 'response' : 'responses'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="card" aria-labelledby="ov-apps-title">
          <h3 id="ov-apps-title">Applications</h3>
          {o.applications.length === 0 ? (
            <p className="field__hint">
              None in progress. <Link to={`${org}/certification`}>See the schemes you can apply for</Link>
            </p>
          ) : (
            <ul className="overview__list">
              {o.applications.map((a) => (
                <li key={a.id}>
                  <Link to={`/applications/${encodeURIComponent(a.id)}`}>
                    {a.scheme_name}, {a.level_name}
                  </Link>{' '}
                  <Badge tone={applicationStateTone(a.state)}>{APPLICATION_STATE_LABEL[a.state]}</Badge>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
