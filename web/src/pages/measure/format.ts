// Numbers for people: one money format, quantities and percentages at a
// sensible precision. The stored value keeps its precision; only what is
// shown is rounded.

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

// Making a formatter costs far more than using one: each is made once per
// set of options (a grid of 200 rows formats hundreds of figures at a time).
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-GB', options);
    formatters.set(key, f);
  }
  return f;
}

/**
 * Money in the map's currency: whole units from 100 up (£1,234), pence below
 * (£12.50), a dash for what is not a number.
 */
export function formatMoney(v: number | null | undefined, currency = 'GBP'): string {
  if (!finite(v)) return '—';
  const small = Math.abs(v) < 100 && !Number.isInteger(v);
  try {
    return formatter({
      style: 'currency',
      currency,
      minimumFractionDigits: small ? 2 : 0,
      maximumFractionDigits: small ? 2 : 0,
    }).format(v);
  } catch {
    // An unknown currency code: the number with the code after it.
    return `${formatNumber(v)} ${currency}`;
  }
}

/** A count or quantity: whole numbers as they are, others to two decimals at most (201.127297 → 201.13). */
export function formatNumber(v: number | null | undefined, maxDecimals = 2): string {
  if (!finite(v)) return '—';
  return formatter({ maximumFractionDigits: maxDecimals }).format(v);
}

/** A fraction as a percentage: 0.25 → "25 %", 0.1234 → "12.3 %". */
export function formatPercent(fraction: number | null | undefined, maxDecimals = 1): string {
  if (!finite(fraction)) return '—';
  return `${formatter({ maximumFractionDigits: maxDecimals }).format(fraction * 100)} %`;
}

/** The SROI ratio as "2.57 : 1". */
export function formatRatio(v: number | null | undefined): string {
  return finite(v) ? `${v.toFixed(2)} : 1` : '—';
}

/**
 * A number as it goes into a grid cell: no thousands separators (so it reads
 * back), at most `maxDecimals` decimals, never "NaN".
 */
export function cellNumber(v: number, maxDecimals = 2): string {
  if (!finite(v)) return '';
  const f = 10 ** maxDecimals;
  return String(Math.round(v * f) / f);
}
