// Names instead of ids: what people see of a map's stakeholders, outcomes
// and fields. Ids stay in the file and in exports; nothing here shows one
// unless an item has no name at all.
import type { ImpactMap } from '../../api/measure';
import { columnFor, outcomePath } from './cells';

/** The group's name, or its id when it has none. */
export function stakeholderName(map: Pick<ImpactMap, 'stakeholders'>, id: string): string {
  const s = map.stakeholders?.find((x) => x.id === id);
  return s?.name?.trim() || id;
}

/** An outcome's description, or "Outcome 3" by its place in the map; the id only when it is not in the map. */
export function outcomeName(map: Pick<ImpactMap, 'outcomes'>, id: string): string {
  const i = map.outcomes.findIndex((o) => o.id === id);
  if (i < 0) return id;
  return map.outcomes[i].description?.trim() || `Outcome ${i + 1}`;
}

/** id → name for every outcome of the map. */
export function outcomeNames(map: Pick<ImpactMap, 'outcomes'>): Map<string, string> {
  return new Map(map.outcomes.map((o) => [o.id, outcomeName(map, o.id)]));
}

const PARAMETERS: Record<string, string> = {
  quantity: 'quantity',
  proxy: 'proxy value',
  proxy_value: 'proxy value',
  'proxy.value': 'proxy value',
  deadweight: 'deadweight',
  displacement: 'displacement',
  attribution: 'attribution',
  drop_off: 'drop-off',
  duration: 'duration',
  duration_years: 'duration',
  inputs: 'total inputs',
};

/** A sensitivity parameter ("drop_off") as words ("drop-off"). */
export function parameterLabel(p: string): string {
  return PARAMETERS[p] ?? p.replace(/_/g, ' ');
}

/** Parameters that are fractions, shown as percentages. */
export function isFractionParameter(p: string): boolean {
  return ['deadweight', 'displacement', 'attribution', 'drop_off'].includes(p);
}

const STAKEHOLDER_FIELDS: Record<string, string> = { id: 'Group', name: 'Name', description: 'Description', size: 'Number in the group', involvement: 'How they were involved' };
const INPUT_FIELDS: Record<string, string> = { stakeholder: 'Contributed by', description: 'Description', value: 'Value', in_kind: 'In kind' };
const TOP_FIELDS: Record<string, string> = {
  name: 'Name',
  period: 'Period of the analysis',
  kind: 'Kind',
  currency: 'Currency',
  discount_rate: 'Discount rate',
  stakeholders: 'Stakeholders',
  inputs: 'Inputs',
  outcomes: 'Outcomes',
  verification: 'Verification',
  scope_id: 'Scope',
  $: 'The map',
};

/**
 * Where a finding or a server error is, in words: "outcomes[3].deadweight" →
 * "Outcome 4 “Members feel less lonely”, Deadweight %".
 */
export function describePath(map: ImpactMap, path: string): string {
  const op = outcomePath(path);
  if (op) {
    const o = map.outcomes[op.row];
    const who = `Outcome ${op.row + 1}${o?.description?.trim() ? ` “${o.description.trim()}”` : ''}`;
    if (op.rest === '') return who;
    const col = columnFor(op.rest);
    return `${who}, ${col ? col.label : op.rest.split('.')[0].replace(/_/g, ' ')}`;
  }
  const sm = /^stakeholders\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (sm) {
    const s = map.stakeholders?.[Number(sm[1])];
    const who = `Stakeholder group ${s?.name?.trim() ? `“${s.name.trim()}”` : Number(sm[1]) + 1}`;
    return sm[2] ? `${who}, ${STAKEHOLDER_FIELDS[sm[2]] ?? sm[2]}` : who;
  }
  const im = /^inputs\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (im) {
    const inp = map.inputs[Number(im[1])];
    const who = `Input ${Number(im[1]) + 1}${inp?.description?.trim() ? ` “${inp.description.trim()}”` : ''}`;
    return im[2] ? `${who}, ${INPUT_FIELDS[im[2]] ?? im[2]}` : who;
  }
  const top = path.split(/[.[]/)[0];
  return TOP_FIELDS[top] ?? 'The map';
}

/**
 * A server's message about a field, in the field's unit: fractions are shown
 * to people as percentages, so "must be between 0 and 1, got 1.5" becomes
 * "must be a percentage from 0 to 100, got 150".
 */
export function humaniseMessage(path: string, message: string): string {
  const op = outcomePath(path);
  const col = op ? columnFor(op.rest) : null;
  if (col?.kind === 'percent') {
    const m = /between 0 and 1, got (-?[\d.e+-]+)/i.exec(message);
    if (m) return `must be a percentage from 0 to 100, got ${Math.round(Number(m[1]) * 10000) / 100}`;
  }
  if (path === 'discount_rate') {
    const m = /got (-?[\d.e+-]+)/i.exec(message);
    if (m) return `must be a percentage from 0 up to (not including) 100, got ${Math.round(Number(m[1]) * 10000) / 100}`;
  }
  return message;
}

/** A lower-case, hyphenated id from a name, unique among `taken`: "Family carers" → "family-carers". */
export function idFromName(name: string, taken: string[], fallback = 'group'): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || fallback;
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}
