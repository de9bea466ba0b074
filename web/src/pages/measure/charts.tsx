// Small SVG charts for the impact-map editor: bars (value by stakeholder, by
// year), a tornado of one-way sensitivity and the Monte Carlo histogram. Each
// has a text alternative (a caption and a table for screen readers).
import './measure.css';
import type { SensitivityResult } from '../../api/measure';

export function money(v: number | null | undefined, currency = 'GBP'): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(v);
}

export function ratio(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(2)} : 1`;
}

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

export function Tornado({ sensitivity, limit = 8 }: { sensitivity: SensitivityResult; limit?: number }) {
  const rows = sensitivity.tornado.slice(0, limit);
  if (rows.length === 0 || sensitivity.base_ratio === null) return <p className="muted">No sensitivity to show yet.</p>;
  const lo = Math.min(...rows.map((r) => r.ratio_low), sensitivity.base_ratio);
  const hi = Math.max(...rows.map((r) => r.ratio_high), sensitivity.base_ratio);
  const span = hi - lo || 1;
  const labelW = 190;
  const plotW = 250;
  const x = (v: number) => labelW + ((v - lo) / span) * plotW;
  const rowH = 24;
  return (
    <figure className="chart">
      <figcaption className="chart__title">Which estimates move the ratio most (±20 %)</figcaption>
      <svg role="img" aria-label="Tornado chart of the ratio when each estimate moves by 20 per cent" viewBox={`0 0 ${labelW + plotW + 70} ${rows.length * rowH + 8}`} className="chart__svg">
        {rows.map((r, i) => (
          <g key={`${r.outcome}-${r.parameter}`} transform={`translate(0 ${i * rowH})`}>
            <text x={labelW - 6} y={16} textAnchor="end" className="chart__label">
              {`${r.outcome.length > 16 ? `${r.outcome.slice(0, 15)}…` : r.outcome} · ${r.parameter.replace('_', '-')}`}
            </text>
            <rect x={x(Math.min(r.ratio_low, r.ratio_high))} y={4} width={Math.max(1, Math.abs(x(r.ratio_high) - x(r.ratio_low)))} height={14} className="chart__bar" />
            <text x={labelW + plotW + 6} y={16} className="chart__value">
              {`${Math.min(r.ratio_low, r.ratio_high).toFixed(2)}–${Math.max(r.ratio_low, r.ratio_high).toFixed(2)}`}
            </text>
          </g>
        ))}
        <line x1={x(sensitivity.base_ratio)} x2={x(sensitivity.base_ratio)} y1={0} y2={rows.length * rowH + 4} className="chart__axis" />
      </svg>
    </figure>
  );
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
