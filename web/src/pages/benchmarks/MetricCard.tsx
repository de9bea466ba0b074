// One figure among the groups of contributors: the organisation's own value,
// then a row for each group with its size and date, its median and middle
// half drawn on one scale with the organisation's own marked, and where the
// organisation stands; a withheld group says why instead.
import { useId } from 'react';
import type { BenchmarkGroup, BenchmarkMetric } from '../../api/benchmarks';
import { asSentence } from '../../lib/format';
import {
  chartWords,
  formatBenchmarkValue,
  groupBasisWords,
  positionOn,
  rangeWords,
  scaleFor,
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
        <span>{formatBenchmarkValue(scale.min, metric.unit)}</span>
        <span>{formatBenchmarkValue(scale.max, metric.unit)}</span>
      </span>
    </div>
  );
}

function GroupRow({ group, metric, scale }: { group: BenchmarkGroup; metric: BenchmarkMetric; scale: Scale }) {
  const standing = standingWords(group.own_rank, metric.unit);
  return (
    <tr className={group.shown ? undefined : 'bench-row--withheld'}>
      <th scope="row" data-label="Group">
        {group.label}
        <span className="muted small block">{groupBasisWords(group)}</span>
      </th>
      {group.shown ? (
        <>
          <td data-label="Median" className="bench-median">
            {formatBenchmarkValue(group.median, metric.unit)}
          </td>
          <td data-label="Middle half of the group">{rangeWords(group.p25, group.p75, metric.unit)}</td>
          <td data-label="Compared" className="bench-chart-cell">
            <GroupChart group={group} metric={metric} scale={scale} />
          </td>
          <td data-label="Where you stand">{standing ?? <span className="muted">You have no figure of your own</span>}</td>
        </>
      ) : (
        <td colSpan={4} data-label="Not shown" className="bench-withheld">
          {asSentence(group.withheld_reason)}
        </td>
      )}
    </tr>
  );
}

export function MetricCard({ metric }: { metric: BenchmarkMetric }) {
  const titleId = `bm${useId().replace(/:/g, '')}`;
  const scale = scaleFor(metric);
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
      <p className="muted small bench-metric__shown">{shownWords(metric.groups)}</p>
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
            {metric.groups.map((g) => (
              <GroupRow key={g.key} group={g} metric={metric} scale={scale} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
