// One figure among the groups of contributors: the organisation's own value,
// then a row for each group shown with its size and date, its median and
// middle half drawn on one scale with the organisation's own marked, and
// where the organisation stands; below, each group withheld with its size and
// why it is not shown.
import { useId } from 'react';
import type { BenchmarkGroup, BenchmarkMetric } from '../../api/benchmarks';
import { asSentence } from '../../lib/format';
import {
  axisWords,
  chartWords,
  formatBenchmarkValue,
  groupBasisWords,
  positionOn,
  rangeWords,
  scaleFor,
  sharedReason,
  shownWords,
  standingWords,
  type Scale,
} from '../../lib/benchmarks';

/** The key to the charts, once above them. */
export function ChartLegend() {
  return (
    <p className="bench-legend" aria-hidden="true">
      <span className="bench-legend__item">
        <span className="bench-legend__band" /> middle half of the group
      </span>
      <span className="bench-legend__item">
        <span className="bench-legend__median" /> median
      </span>
      <span className="bench-legend__item">
        <span className="bench-legend__own" /> yours
      </span>
    </p>
  );
}

/** A group's middle half, median and the organisation's own on the metric's scale; its words for screen readers. */
function GroupChart({ group, metric, scale }: { group: BenchmarkGroup; metric: BenchmarkMetric; scale: Scale }) {
  if (group.p25 === null || group.p75 === null || group.median === null) return null;
  const left = positionOn(group.p25, scale);
  const right = positionOn(group.p75, scale);
  const own = metric.own;
  return (
    <div className="bench-chart" role="img" aria-label={chartWords(group, own, metric.unit)}>
      <span className="bench-chart__track" />
      <span className="bench-chart__band" style={{ left: `${left}%`, width: `${Math.max(right - left, 0.5)}%` }} />
      <span className="bench-chart__median" style={{ left: `${positionOn(group.median, scale)}%` }} />
      {own !== null ? <span className="bench-chart__own" style={{ left: `${positionOn(own, scale)}%` }} /> : null}
      <span className="bench-chart__axis" aria-hidden="true">
        <span>{axisWords(scale.min, metric.unit)}</span>
        <span>{axisWords(scale.max, metric.unit)}</span>
      </span>
    </div>
  );
}

function GroupRow({ group, metric, scale }: { group: BenchmarkGroup; metric: BenchmarkMetric; scale: Scale }) {
  const standing = standingWords(group.own_rank, metric.unit);
  return (
    <tr>
      <th scope="row" data-label="Group">
        {group.label}
        <span className="bench-basis">{groupBasisWords(group)}</span>
      </th>
      <td data-label="Median" className="bench-median">
        {formatBenchmarkValue(group.median, metric.unit)}
      </td>
      <td data-label="Middle half of the group">{rangeWords(group.p25, group.p75, metric.unit)}</td>
      <td data-label="Compared" className="bench-chart-cell">
        <GroupChart group={group} metric={metric} scale={scale} />
      </td>
      <td data-label="Where you stand">{standing ?? <span className="muted">You have no figure of your own</span>}</td>
    </tr>
  );
}

/** The groups withheld: each with its size and the reason in words (once for them all when they share it). */
function WithheldGroups({ groups, none }: { groups: BenchmarkGroup[]; none: boolean }) {
  const titleId = `bw${useId().replace(/:/g, '')}`;
  const shared = sharedReason(groups);
  return (
    <div className="bench-withheld">
      <p id={titleId} className="bench-withheld__title">
        {none ? 'No group shown yet' : 'Groups not shown'}
      </p>
      <ul className={`bench-withheld__list${shared ? ' bench-withheld__list--brief' : ''}`} aria-labelledby={titleId}>
        {groups.map((g) => (
          <li key={g.key}>
            <span className="bench-withheld__group">{g.label}</span>
            <span className="bench-basis">{groupBasisWords(g)}</span>
            {shared ? null : <span className="bench-withheld__reason">{asSentence(g.withheld_reason)}</span>}
          </li>
        ))}
      </ul>
      {shared ? <p className="bench-withheld__reason bench-withheld__shared">{shared}</p> : null}
    </div>
  );
}

export function MetricCard({ metric }: { metric: BenchmarkMetric }) {
  const titleId = `bm${useId().replace(/:/g, '')}`;
  const scale = scaleFor(metric);
  const shown = metric.groups.filter((g) => g.shown);
  const withheld = metric.groups.filter((g) => !g.shown);
  return (
    <section className="bench-metric" aria-labelledby={titleId}>
      <div className="bench-metric__head">
        <h3 id={titleId}>{metric.label}</h3>
        <p className="bench-own">
          <span className="bench-own__label">Yours</span>{' '}
          {metric.own !== null ? (
            <strong className="bench-own__value">{formatBenchmarkValue(metric.own, metric.unit)}</strong>
          ) : (
            <span className="muted">No figure of yours yet</span>
          )}
        </p>
      </div>
      {shown.length > 0 ? <p className="muted small bench-metric__shown">{shownWords(metric.groups)}</p> : null}
      {shown.length > 0 ? (
        <div className="table-card">
          <table className="table table--stack bench-table">
            <caption className="visually-hidden">{metric.label}, by group</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Median</th>
                <th scope="col">Middle half of the group</th>
                <th scope="col">Compared</th>
                <th scope="col">Where you stand</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((g) => (
                <GroupRow key={g.key} group={g} metric={metric} scale={scale} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {withheld.length > 0 ? <WithheldGroups groups={withheld} none={shown.length === 0} /> : null}
    </section>
  );
}
