// Small SVG charts for the impact-map editor: bars (value by stakeholder, by
// year), a tornado of one-way sensitivity and the Monte Carlo histogram. Each
// has a text alternative (a caption and a table for screen readers).
import './measure.css';
import type { SensitivityResult } from '../../api/measure';
import { TORNADO_ROWS } from './analysis';
import { formatMoney, formatRatio } from './format';
import { parameterLabel } from './names';

/** The app's one money format (./format.ts). */
export const money = formatMoney;
export const ratio = formatRatio;

export function BarChart({
  title,
  items,
  currency,
}: {
  title: string;
  items: { label: string; value: number }[];
  currency: string;
}) {
  const max = Math.max(1, ...items.map((i) => Math.abs(i.value)));
  const rowH = 26;
  const labelW = 150;
  const width = 460;
  return (
    <figure className="chart">
      <figcaption className="chart__title">{title}</figcaption>
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${items.length * rowH + 4}`} className="chart__svg">
        {items.map((item, i) => {
          const w = (Math.abs(item.value) / max) * (width - labelW - 90);
          return (
            <g key={item.label} transform={`translate(0 ${i * rowH})`}>
              <text x={labelW - 6} y={17} textAnchor="end" className="chart__label">
                {item.label.length > 22 ? `${item.label.slice(0, 21)}…` : item.label}
              </text>
              <rect x={labelW} y={5} width={Math.max(1, w)} height={16} className={item.value < 0 ? 'chart__bar chart__bar--negative' : 'chart__bar'} />
              <text x={labelW + w + 6} y={17} className="chart__value">
                {money(item.value, currency)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** `name` turns an outcome's id into the words people know it by. */
export function Tornado({ sensitivity, limit = TORNADO_ROWS, name = (id) => id }: { sensitivity: SensitivityResult; limit?: number; name?: (id: string) => string }) {
  const rows = sensitivity.tornado.slice(0, limit);
  if (rows.length === 0 || sensitivity.base_ratio === null) return <p className="muted">No sensitivity to show yet.</p>;
  const lo = Math.min(...rows.map((r) => r.ratio_low), sensitivity.base_ratio);
  const hi = Math.max(...rows.map((r) => r.ratio_high), sensitivity.base_ratio);
  const span = hi - lo || 1;
  const labelW = 230;
  const plotW = 250;
  const x = (v: number) => labelW + ((v - lo) / span) * plotW;
  const rowH = 24;
  return (
    <figure className="chart">
      <figcaption className="chart__title">Which estimates move the ratio most (±20 %)</figcaption>
      <svg role="img" aria-label="Tornado chart of the ratio when each estimate moves by 20 per cent" viewBox={`0 0 ${labelW + plotW + 70} ${rows.length * rowH + 8}`} className="chart__svg">
        {rows.map((r, i) => (
          <g key={`${r.outcome}-${r.parameter}-${i}`} transform={`translate(0 ${i * rowH})`}>
            <text x={labelW - 6} y={16} textAnchor="end" className="chart__label">
              <title>{`${name(r.outcome)}: ${parameterLabel(r.parameter)}`}</title>
              {short(name(r.outcome), 20)} · {parameterLabel(r.parameter)}
            </text>
            <rect x={x(Math.min(r.ratio_low, r.ratio_high))} y={4} width={Math.max(1, Math.abs(x(r.ratio_high) - x(r.ratio_low)))} height={14} className="chart__bar" />
            <text x={labelW + plotW + 6} y={16} className="chart__value">
              {`${Math.min(r.ratio_low, r.ratio_high).toFixed(2)}–${Math.max(r.ratio_low, r.ratio_high).toFixed(2)}`}
            </text>
          </g>
        ))}
        <line x1={x(sensitivity.base_ratio)} x2={x(sensitivity.base_ratio)} y1={0} y2={rows.length * rowH + 4} className="chart__axis" />
      </svg>
      <div className="visually-hidden">
      <table>
        <caption>Ratio when each estimate moves by 20 per cent</caption>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{`${name(r.outcome)}: ${parameterLabel(r.parameter)}`}</th>
              <td>{`${Math.min(r.ratio_low, r.ratio_high).toFixed(2)} to ${Math.max(r.ratio_low, r.ratio_high).toFixed(2)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}

function short(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function Histogram({ low, high, counts }: { low: number; high: number; counts: number[] }) {
  if (counts.length === 0) return <p className="muted">No draws to show.</p>;
  const max = Math.max(1, ...counts);
  const w = 440;
  const h = 120;
  const barW = w / counts.length;
  const step = (high - low) / counts.length;
  return (
    <figure className="chart">
      <figcaption className="chart__title">
        Ratio across 10,000 draws ({low.toFixed(2)} to {high.toFixed(2)})
      </figcaption>
      <svg role="img" aria-label="Histogram of the SROI ratio over the Monte Carlo draws" viewBox={`0 0 ${w} ${h + 18}`} className="chart__svg">
        {counts.map((c, i) => {
          const bh = (c / max) * h;
          const below = low + (i + 1) * step <= 1;
          return <rect key={i} x={i * barW + 1} y={h - bh} width={barW - 2} height={bh} className={below ? 'chart__bar chart__bar--negative' : 'chart__bar'} />;
        })}
        <text x={0} y={h + 14} className="chart__label">
          {low.toFixed(2)}
        </text>
        <text x={w} y={h + 14} textAnchor="end" className="chart__label">
          {high.toFixed(2)}
        </text>
      </svg>
    </figure>
  );
}
