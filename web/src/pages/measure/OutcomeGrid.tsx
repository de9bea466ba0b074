// The Value Map as a grid: every column of an outcome, the first columns and
// the header held in place while the rest scroll, findings and refusals
// beside the cell they concern. On a phone each outcome is a card.
//
// A long map draws only the rows in view (and a few either side, and the
// selected one), so that a keystroke lays out and paints tens of rows rather
// than hundreds; spacer rows keep the scroll bar's length and position true.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type FocusEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { Finding, ImpactMap, MapOutcome, MapProvenance } from '../../api/measure';
import { Badge } from '../../components/States';
import { COLUMNS, findingsFor, outcomePath, rowFindings, type Column } from './cells';
import { formatMoney } from './format';

export type CellErrors = Record<string, string>;
export const cellKey = (outcomeId: string, column: string) => `${outcomeId}|${column}`;

function tone(f: Finding) {
  return f.severity === 'error' ? 'danger' : f.severity === 'warning' ? 'warning' : 'info';
}

function FindingList({ findings }: { findings: Finding[] }) {
  return (
    <>
      {findings.map((f, i) => (
        <p key={i} className={`finding finding--${f.severity}`}>
          <Badge tone={tone(f)}>{f.severity === 'error' ? 'Error' : f.severity === 'warning' ? 'Warning' : 'Note'}</Badge> {f.message}{' '}
          <span className="muted">(principle {f.principle})</span>
        </p>
      ))}
    </>
  );
}

/** One cell: keeps what the person typed until it reads, and says why when it does not. */
function GridCell({
  column,
  outcome,
  row,
  stakeholders,
  findings,
  error,
  source,
  onChange,
  onError,
}: {
  column: Column;
  outcome: MapOutcome;
  row: number;
  stakeholders: ImpactMap['stakeholders'];
  findings: Finding[];
  error: string | undefined;
  source: MapProvenance['outcomes'][string][string] | undefined;
  onChange: (o: MapOutcome) => void;
  onError: (message: string | null) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const label = `${column.label}, outcome ${row + 1}`;
  const id = `cell-${outcome.id}-${column.key}`;
  const describedBy = [error ? `${id}-error` : '', findings.length > 0 ? `${id}-findings` : ''].filter(Boolean).join(' ') || undefined;
  const flagged = findings.length > 0 ? findings.some((f) => f.severity === 'error') ? 'error' : findings.some((f) => f.severity === 'warning') ? 'warning' : 'info' : null;

  const take = (text: string) => {
    const r = column.set(outcome, text);
    if (r.error !== undefined) {
      setDraft(text);
      onError(r.error);
    } else {
      setDraft(text);
      onError(null);
      onChange(r.outcome);
    }
  };

  let control;
  if (column.kind === 'stakeholder') {
    const known = stakeholders?.some((s) => s.id === outcome.stakeholder);
    control = (
      <select
        className={`grid-input${error ? ' grid-input--invalid' : ''}`}
        aria-label={label}
        aria-describedby={describedBy}
        data-row={row}
        data-col={column.key}
        value={outcome.stakeholder}
        onChange={(e) => take(e.target.value)}
      >
        {!known ? <option value={outcome.stakeholder}>{outcome.stakeholder ? `Not in the list: ${outcome.stakeholder}` : 'Choose a group…'}</option> : null}
        {(stakeholders ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name || s.id}
          </option>
        ))}
      </select>
    );
  } else if (column.kind === 'flag') {
    control = (
      <input
        type="checkbox"
        className="grid-check"
        aria-label={label}
        aria-describedby={describedBy}
        data-row={row}
        data-col={column.key}
        checked={column.get(outcome) === 'true'}
        onChange={(e) => take(String(e.target.checked))}
      />
    );
  } else {
    control = (
      <input
        className={`grid-input${column.kind === 'text' ? ' grid-input--text' : ' grid-input--num'}${error ? ' grid-input--invalid' : ''}`}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-row={row}
        data-col={column.key}
        inputMode={column.kind === 'text' ? undefined : 'decimal'}
        placeholder={column.kind === 'percent' ? '0' : undefined}
        value={draft ?? column.get(outcome)}
        title={column.kind === 'text' ? column.get(outcome) : undefined}
        onChange={(e) => take(e.target.value)}
        onBlur={() => {
          if (!error) setDraft(null);
        }}
      />
    );
  }

  const responses = source ? `${source.response_ids.length} ${source.response_ids.length === 1 ? 'response' : 'responses'}` : '';
  return (
    <td data-label={column.label} data-cell={`${row}|${column.key}`} className={['grid-cell', flagged ? `cell--flagged cell--${flagged}` : '', source ? 'cell--sourced' : '', `col--${column.key}`].filter(Boolean).join(' ')}>
      {control}
      {source ? (
        <Link
          className="cell-source"
          to={`/surveys/${encodeURIComponent(source.survey_id)}`}
          title={`From survey ${source.survey_title}: ${responses}`}
          aria-label={`${column.label} of outcome ${row + 1} from survey ${source.survey_title}: ${responses}`}
          data-testid={`source-${row}-${column.key}`}
        >
          <span aria-hidden="true">◆</span>
        </Link>
      ) : null}
      {flagged ? (
        <span className={`cell-flag cell-flag--${flagged}`} aria-hidden="true">
          ⚑
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="visually-hidden" role="alert">
          {error}
        </span>
      ) : null}
      {findings.length > 0 ? (
        <span id={`${id}-findings`} className="visually-hidden">
          {findings.map((f) => f.message).join(' ')}
        </span>
      ) : null}
    </td>
  );
}

interface RowHandlers {
  onOutcome: (row: number, o: MapOutcome) => void;
  onCellError: (key: string, message: string | null) => void;
  onSelectRow: (row: number) => void;
}

/** The findings grouped by row, once per analysis (not once per row per keystroke). */
function findingsByRow(findings: Finding[]): Map<number, Finding[]> {
  const byRow = new Map<number, Finding[]>();
  for (const f of findings) {
    const row = outcomePath(f.path)?.row;
    if (row !== undefined) byRow.set(row, [...(byRow.get(row) ?? []), f]);
  }
  return byRow;
}
const NO_FINDINGS: Finding[] = [];
const findingsText = (findings: Finding[]) => findings.map((f) => `${f.severity}|${f.path}|${f.message}`).join('\n');
const rowErrorsText = (cellErrors: CellErrors, outcomeId: string) =>
  Object.keys(cellErrors)
    .filter((k) => k.startsWith(`${outcomeId}|`))
    .map((k) => `${k}=${cellErrors[k]}`)
    .join('\n');

interface OutcomeRowProps {
  outcome: MapOutcome;
  row: number;
  /** Told the row's element, so that a long grid measures the rows it draws. */
  measure?: (el: HTMLTableRowElement | null) => void;
  selected: boolean;
  stakeholders: ImpactMap['stakeholders'];
  findings: Finding[];
  cellErrors: CellErrors;
  source: MapProvenance['outcomes'][string] | undefined;
  presentValue: number | undefined;
  currency: string;
  handlers: { current: RowHandlers };
}

/** One outcome's row; drawn again only when something it shows changed (a keystroke elsewhere does not). */
const OutcomeRow = memo(
  function OutcomeRow({ outcome: o, row, measure, selected, stakeholders, findings, cellErrors, source, presentValue, currency, handlers }: OutcomeRowProps) {
    const loose = rowFindings(findings, row);
    return (
      <tr
        ref={measure}
        data-index={row}
        aria-rowindex={row + 2}
        className={selected ? 'is-selected' : undefined}
        onFocus={() => handlers.current.onSelectRow(row)}
        data-testid={`outcome-row-${row}`}
      >
        <th scope="row" className={`col--row${loose.length > 0 ? ' cell--flagged' : ''}`}>
          <span className="row-head" data-cell={`${row}|#`}>
            <span aria-hidden="true">{row + 1}</span>
            <span className="visually-hidden">Outcome {row + 1}</span>
            {loose.length > 0 ? (
              <>
                <span className="cell-flag cell-flag--warning" aria-hidden="true">
                  ⚑
                </span>
                <span className="visually-hidden">{loose.map((f) => f.message).join(' ')}</span>
              </>
            ) : null}
          </span>
        </th>
        {COLUMNS.map((c) => (
          <GridCell
            key={c.key}
            column={c}
            outcome={o}
            row={row}
            stakeholders={stakeholders}
            findings={findingsFor(findings, row, c)}
            error={cellErrors[cellKey(o.id, c.key)]}
            source={source?.[c.paths[0]]}
            onChange={(next) => handlers.current.onOutcome(row, next)}
            onError={(m) => handlers.current.onCellError(cellKey(o.id, c.key), m)}
          />
        ))}
        <td className="num" data-label="Present value">
          {formatMoney(presentValue, currency)}
        </td>
      </tr>
    );
  },
  (a, b) =>
    a.outcome === b.outcome &&
    a.row === b.row &&
    a.measure === b.measure &&
    a.selected === b.selected &&
    a.stakeholders === b.stakeholders &&
    a.source === b.source &&
    a.presentValue === b.presentValue &&
    a.currency === b.currency &&
    a.handlers === b.handlers &&
    (a.findings === b.findings || findingsText(a.findings) === findingsText(b.findings)) &&
    rowErrorsText(a.cellErrors, a.outcome.id) === rowErrorsText(b.cellErrors, b.outcome.id),
);

/** From this many outcomes on, the grid draws only the rows in view. */
export const DRAW_ALL_UP_TO = 40;
const ROW_HEIGHT = 41;
const PHONE = '(max-width: 48rem)';

/** Whether the screen is a phone's, where each outcome is a card and the page itself scrolls. */
const phoneQuery = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(PHONE) : null;
function usePhone(): boolean {
  return useSyncExternalStore(
    (changed) => {
      phoneQuery?.addEventListener('change', changed);
      return () => phoneQuery?.removeEventListener('change', changed);
    },
    () => phoneQuery?.matches ?? false,
  );
}

/** The header row never changes: one element, which React then leaves alone on every keystroke. */
const HEADER_ROW = (
  <tr aria-rowindex={1}>
    <th scope="col" className="col--row">
      #
    </th>
    {COLUMNS.map((c) => (
      <th scope="col" key={c.key} className={`col--${c.key}`} title={c.hint}>
        {c.label}
      </th>
    ))}
    <th scope="col" className="num">
      Present value
    </th>
  </tr>
);

/** A row of no content that stands for the rows not drawn, at their height. */
function Spacer({ height }: { height: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" className="grid-spacer">
      <td colSpan={COLUMNS.length + 2} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}

export function OutcomeGrid({
  map,
  findings,
  cellErrors,
  provenance,
  presentValues,
  currency,
  selectedRow,
  onSelectRow,
  onOutcome,
  onCellError,
  onMove,
  onDuplicate,
  onDelete,
}: {
  map: ImpactMap;
  findings: Finding[];
  cellErrors: CellErrors;
  provenance: MapProvenance | null;
  presentValues: Map<string, number>;
  currency: string;
  selectedRow: number;
  onSelectRow: (row: number) => void;
  onOutcome: (row: number, o: MapOutcome) => void;
  onCellError: (key: string, message: string | null) => void;
  onMove: (row: number, delta: -1 | 1) => void;
  onDuplicate: (row: number) => void;
  onDelete: (row: number) => void;
}) {
  // The rows call the latest handlers through one object that never changes,
  // so that a row whose own figures did not change is not drawn again.
  const byRow = useMemo(() => findingsByRow(findings), [findings]);
  const handlers = useRef<RowHandlers>({ onOutcome, onCellError, onSelectRow });
  handlers.current = { onOutcome, onCellError, onSelectRow };
  // The focused cell's findings or refusal open beside it, outside the scrolling grid so nothing clips them.
  const [focused, setFocused] = useState<{ row: number; col: string; rect: DOMRect } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const phone = usePhone();
  const drawInView = !phone && map.outcomes.length > DRAW_ALL_UP_TO;
  const sel = map.outcomes[selectedRow] ? selectedRow : -1;
  const outcomes = map.outcomes;
  const rangeExtractor = useCallback(
    (range: Range) => {
      // The selected row is always drawn, so that the field with the focus is never taken away.
      const rows = defaultRangeExtractor(range);
      return sel >= 0 && !rows.includes(sel) ? [...rows, sel].sort((a, b) => a - b) : rows;
    },
    [sel],
  );
  // The header row scrolls with the body but stays in place above it: the
  // rows start below it, and a row brought into view is not left under it.
  const head = useRef<HTMLTableSectionElement>(null);
  const [headHeight, setHeadHeight] = useState(ROW_HEIGHT);
  useLayoutEffect(() => {
    if (drawInView && head.current) setHeadHeight(head.current.offsetHeight);
  }, [drawInView]);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count: drawInView ? outcomes.length : 0,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // Two rows either side: each row drawn is some twenty fields laid out, painted and composited on every frame.
    overscan: 2,
    getItemKey: (i) => outcomes[i]?.id ?? i,
    rangeExtractor,
  });
  // A row selected by the toolbar (moved, duplicated, added) is brought into view.
  useEffect(() => {
    if (drawInView && sel >= 0) virtualizer.scrollToIndex(sel, { align: 'auto' });
  }, [drawInView, sel, virtualizer]);
  const place = useCallback((el: Element | null) => {
    const td = el?.closest<HTMLElement>('[data-cell]') ?? null;
    if (!td) return setFocused(null);
    const [row, col] = td.dataset.cell!.split('|');
    setFocused({ row: Number(row), col, rect: td.getBoundingClientRect() });
  }, []);
  useEffect(() => {
    const again = () => place(document.activeElement && scroller.current?.contains(document.activeElement) ? document.activeElement : null);
    const el = scroller.current;
    el?.addEventListener('scroll', again, { passive: true });
    window.addEventListener('scroll', again, { passive: true });
    window.addEventListener('resize', again);
    return () => {
      el?.removeEventListener('scroll', again);
      window.removeEventListener('scroll', again);
      window.removeEventListener('resize', again);
    };
  }, [place]);
  const onFocus = (e: FocusEvent) => place(e.target);
  const onBlur = (e: FocusEvent) => {
    if (!scroller.current?.contains(e.relatedTarget as Node | null)) setFocused(null);
  };

  let popover = null;
  if (focused && map.outcomes[focused.row]) {
    const o = map.outcomes[focused.row];
    const column = COLUMNS.find((c) => c.key === focused.col);
    const error = column ? cellErrors[cellKey(o.id, column.key)] : undefined;
    const these = column ? findingsFor(findings, focused.row, column) : rowFindings(findings, focused.row);
    if (error || these.length > 0) {
      const width = 300;
      const r = focused.rect;
      const right = r.right + 8 + width < window.innerWidth;
      const style = right
        ? { top: Math.max(8, r.top), left: r.right + 8, width }
        : { top: r.bottom + 6, left: Math.max(8, Math.min(r.left, window.innerWidth - width - 8)), width };
      popover = (
        <div className={`grid-popover${error ? ' grid-popover--error' : ''}`} style={style} aria-hidden="true" data-testid="cell-popover">
          {error ? <p className="grid-popover__error">{error}</p> : null}
          <FindingList findings={these} />
        </div>
      );
    }
  }
  const selName = sel >= 0 ? map.outcomes[sel].description?.trim() || `Outcome ${sel + 1}` : '';
  // Arrow keys (and Enter) move between rows of a column, as in a spreadsheet.
  const onGridKey = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const target = e.target as HTMLElement;
    if (target.tagName === 'SELECT' && e.key !== 'Enter') return;
    const row = Number(target.dataset.row);
    const col = target.dataset.col;
    if (col === undefined || Number.isNaN(row)) return;
    const delta = e.key === 'ArrowDown' || e.key === 'Enter' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (delta === 0) return;
    const to = row + delta;
    if (to < 0 || to >= map.outcomes.length) return;
    e.preventDefault();
    const focusCell = () => {
      const next = scroller.current?.querySelector<HTMLInputElement>(`[data-row="${to}"][data-col="${col}"]`);
      if (!next) return false;
      next.focus();
      if (next instanceof HTMLInputElement && next.type !== 'checkbox') next.select();
      return true;
    };
    if (focusCell() || !drawInView) return;
    // A row not drawn yet: bring it into view, then move to it once it is drawn.
    virtualizer.scrollToIndex(to, { align: 'auto' });
    requestAnimationFrame(() => requestAnimationFrame(() => focusCell()));
  };

  const rowOf = (o: MapOutcome, row: number, measure?: (el: HTMLTableRowElement | null) => void) => (
    <OutcomeRow
      key={o.id}
      outcome={o}
      row={row}
      measure={measure}
      selected={selectedRow === row}
      stakeholders={map.stakeholders}
      findings={byRow.get(row) ?? NO_FINDINGS}
      cellErrors={cellErrors}
      source={provenance?.outcomes[o.id]}
      presentValue={presentValues.get(o.id)}
      currency={currency}
      handlers={handlers}
    />
  );
  let body;
  if (!drawInView) {
    body = map.outcomes.map((o, row) => rowOf(o, row));
  } else {
    // The drawn rows, with a spacer standing in for each run of rows not drawn.
    body = [];
    let end = headHeight;
    for (const item of virtualizer.getVirtualItems()) {
      const o = map.outcomes[item.index];
      if (!o) continue;
      body.push(<Spacer key={`gap-${item.index}`} height={item.start - end} />);
      body.push(rowOf(o, item.index, virtualizer.measureElement));
      end = item.end;
    }
    body.push(<Spacer key="gap-end" height={virtualizer.getTotalSize() + headHeight - end} />);
  }

  return (
    <>
    <div className="grid-toolbar" role="group" aria-label={sel >= 0 ? `Selected outcome: ${sel + 1}, ${selName}` : 'Selected outcome'}>
      <span className="grid-toolbar__what" aria-hidden="true">
        {sel >= 0 ? `Outcome ${sel + 1}${selName !== `Outcome ${sel + 1}` ? `: ${selName}` : ''}` : 'Select an outcome'}
      </span>
      <button type="button" className="button button--secondary button--small" onClick={() => onMove(sel, -1)} disabled={sel <= 0} aria-label={`Move outcome ${sel + 1} up`}>
        ↑ Up
      </button>
      <button type="button" className="button button--secondary button--small" onClick={() => onMove(sel, 1)} disabled={sel < 0 || sel >= map.outcomes.length - 1} aria-label={`Move outcome ${sel + 1} down`}>
        ↓ Down
      </button>
      <button type="button" className="button button--secondary button--small" onClick={() => onDuplicate(sel)} disabled={sel < 0} aria-label={`Duplicate outcome ${sel + 1}`}>
        Duplicate
      </button>
      <button type="button" className="button button--secondary button--small" onClick={() => onDelete(sel)} disabled={sel < 0} aria-label={`Delete outcome ${sel + 1}`}>
        Delete…
      </button>
    </div>
    <div className="impact-grid__scroll" ref={scroller} onFocus={onFocus} onBlur={onBlur}>
      <table className="table impact-grid__table" aria-rowcount={map.outcomes.length + 1}>
        <caption className="visually-hidden">Outcomes of the impact map, in the SROI Value Map's column order</caption>
        <thead ref={head}>{HEADER_ROW}</thead>
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- the arrow keys
            are delegated from the fields of the cells, which are the controls */}
        <tbody onKeyDown={onGridKey}>{body}</tbody>
      </table>
    </div>
    {popover}
    </>
  );
}
