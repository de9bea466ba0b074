// Honest brokerage in words: a match's stages as people say them, the action
// each move is for whoever may make it, the need's form (money typed in
// pounds, sent in pence) and a partnership's shares as percentages. The
// server stays the judge of every rule checked here.
import type { Match, MatchParty, MatchStage, NeedInput, Need, Partner } from '../api/brokerage';
import { checkDate, checkRequired, collect, type FieldErrors } from './validation';

/** The stages a match goes through, in order; "declined" can end it at any of them. */
export const STAGE_ORDER: readonly Exclude<MatchStage, 'declined'>[] = ['shortlisted', 'proposed', 'introduced', 'agreed', 'active', 'completed'];

/** Each stage as a step of the way. */
export const STAGE_STEP: Record<MatchStage, string> = {
  shortlisted: 'Shortlisted',
  proposed: 'Proposed',
  introduced: 'Introduced',
  agreed: 'Agreed',
  active: 'Under way',
  completed: 'Completed',
  declined: 'Declined',
};

/** What the stage means, as a status line. */
export const STAGE_WORDS: Record<MatchStage, string> = {
  shortlisted: 'Shortlisted by the broker',
  proposed: 'Proposed, waiting for the candidate’s answer',
  introduced: 'Introduced: contact details shared',
  agreed: 'Agreed to work together',
  active: 'Working together',
  completed: 'Completed',
  declined: 'Declined',
};

export function stageWords(stage: string): string {
  return stage in STAGE_WORDS ? STAGE_WORDS[stage as MatchStage] : 'Unknown stage';
}

export type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

export function stageTone(stage: MatchStage): Tone {
  switch (stage) {
    case 'shortlisted':
      return 'neutral';
    case 'proposed':
      return 'warning';
    case 'introduced':
    case 'agreed':
      return 'info';
    case 'active':
    case 'completed':
      return 'success';
    case 'declined':
      return 'danger';
  }
}

export interface Step {
  stage: MatchStage;
  label: string;
  state: 'done' | 'current' | 'todo';
}

/**
 * The way a match goes, each step done, current or to come. A declined match
 * shows how far it came (past the introduction or not) and ends "Declined".
 * The shortlist is the broker's alone: the partners' steps start at the proposal.
 */
export function stageSteps(stage: MatchStage, introduced: boolean, withShortlist: boolean): Step[] {
  const order = withShortlist ? STAGE_ORDER : STAGE_ORDER.filter((s) => s !== 'shortlisted');
  if (stage === 'declined') {
    const reached = introduced ? order.indexOf('introduced') : order.indexOf('proposed') - 1;
    return [
      ...order.slice(0, reached + 1).map((s) => ({ stage: s, label: STAGE_STEP[s], state: 'done' as const })),
      { stage: 'declined', label: STAGE_STEP.declined, state: 'current' },
    ];
  }
  const at = order.indexOf(stage as (typeof STAGE_ORDER)[number]);
  return order.map((s, i) => ({ stage: s, label: STAGE_STEP[s], state: i < at ? 'done' : i === at ? 'current' : 'todo' }));
}

/** A move as a button: its words, and what it asks first. */
export interface MoveAction {
  stage: MatchStage;
  label: string;
  /** A reason is required (to decline or withdraw). */
  reason: boolean;
  /** The broker's optional word to the candidate (to propose). */
  note: boolean;
  /** How an enterprise on no account said yes (the broker accepting for it). */
  answeredFor: boolean;
  /** A sentence under the button, or "". */
  hint: string;
  tone: 'primary' | 'secondary' | 'danger';
}

/** The action that moves `match` to `stage`, in the words of the one who may do it. */
export function moveAction(stage: MatchStage, match: Pick<Match, 'party' | 'stage' | 'candidate'>): MoveAction {
  const party: MatchParty = match.party;
  const broker = party === 'broker';
  const base = { stage, reason: false, note: false, answeredFor: false, hint: '', tone: 'primary' as const };
  switch (stage) {
    case 'proposed':
      return { ...base, label: 'Propose to the candidate', note: true, hint: 'The candidate is asked whether it would like to be introduced. No contact details are shared until it accepts.' };
    case 'introduced':
      if (broker) {
        const offPlatform = !match.candidate.organisation_id;
        return {
          ...base,
          label: 'Record their acceptance',
          answeredFor: offPlatform,
          hint: offPlatform
            ? 'This enterprise is not on ValueMark: say how it told you it accepts. Both sides’ contact details are then shared.'
            : 'Accept on the candidate’s behalf. Both sides’ contact details are then shared.',
        };
      }
      return { ...base, label: 'Accept and share our contact details', hint: 'Both organisations then see each other’s contact details.' };
    case 'agreed':
      return { ...base, label: broker ? 'Record that they have agreed to work together' : 'We have agreed to work together' };
    case 'active':
      return { ...base, label: 'The work has started' };
    case 'completed':
      return { ...base, label: 'Mark as completed' };
    case 'declined': {
      const label = broker ? (match.stage === 'shortlisted' ? 'Set aside' : 'Close this match') : match.stage === 'proposed' && party === 'candidate' ? 'Decline' : 'Withdraw';
      return { ...base, label, reason: true, tone: 'danger', hint: 'Say why, in a sentence: the other side and the broker read it.' };
    }
    default:
      return { ...base, label: STAGE_STEP[stage] };
  }
}

/** What the caller is to the match, in words. */
export function partyWords(party: MatchParty): string {
  switch (party) {
    case 'need':
      return 'Your organisation posted the need';
    case 'candidate':
      return 'Your organisation is the candidate';
    case 'broker':
      return 'You are the broker';
    default:
      return 'You can read this match';
  }
}

// ---- Money and dates of a need

/**
 * Pounds as typed ("12,000", "£1,500.50", "") → pence; null for nothing
 * typed, undefined for what is not an amount of money.
 */
export function poundsToPence(text: string): number | null | undefined {
  const t = text.trim().replace(/^£/, '').replace(/,/g, '').trim();
  if (t === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return undefined;
  return Math.round(Number(t) * 100);
}

/** Pence → pounds for a form's field: 1200000 → "12000", 150050 → "1500.50". */
export function penceToPounds(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return '';
  return pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2);
}

export const NEED_FIELDS = ['title', 'outcomes', 'themes', 'areas', 'budget_pence', 'starts_on', 'ends_on'] as const;
export type NeedField = (typeof NEED_FIELDS)[number];
export const OUTCOMES_MIN = 10;
export const OUTCOMES_MAX = 4000;
export const THEMES_MAX = 8;
export const BUDGET_MAX_PENCE = 100_000_000_000;

export interface NeedDraft {
  title: string;
  outcomes: string;
  themes: string[];
  areas: string[];
  budget: string;
  starts_on: string;
  ends_on: string;
}

export const EMPTY_NEED: NeedDraft = { title: '', outcomes: '', themes: [], areas: [], budget: '', starts_on: '', ends_on: '' };

export function draftFromNeed(n: Need): NeedDraft {
  return {
    title: n.title,
    outcomes: n.outcomes,
    themes: [...n.themes],
    areas: [...n.areas],
    budget: penceToPounds(n.budget_pence),
    starts_on: n.starts_on ?? '',
    ends_on: n.ends_on ?? '',
  };
}

/** The form's checks, each message for the field it is beside. */
export function validateNeed(d: NeedDraft): FieldErrors<NeedField> {
  const pence = poundsToPence(d.budget);
  const titleLength = [...d.title.trim()].length;
  return collect<NeedField>({
    title: titleLength > 0 && titleLength < 3 ? 'Use at least 3 characters for the title.' : checkRequired(d.title, 'a title', 200),
    outcomes:
      checkRequired(d.outcomes, 'the outcomes you want', OUTCOMES_MAX) ??
      ([...d.outcomes.trim()].length < OUTCOMES_MIN ? `Say a little more about the outcomes you want: at least ${OUTCOMES_MIN} characters.` : undefined),
    themes: d.themes.length === 0 ? 'Choose at least one theme.' : d.themes.length > THEMES_MAX ? `Choose at most ${THEMES_MAX} themes.` : undefined,
    areas: d.areas.length === 0 ? 'Choose at least one area.' : undefined,
    budget_pence:
      pence === undefined
        ? 'Enter the budget in pounds, such as 12000 or 1500.50, or leave it empty.'
        : pence !== null && pence > BUDGET_MAX_PENCE
          ? 'Enter a budget of at most £1,000,000,000.'
          : undefined,
    starts_on: checkDate(d.starts_on, 'the start'),
    ends_on:
      checkDate(d.ends_on, 'the end') ??
      (d.starts_on && d.ends_on && !checkDate(d.starts_on, 'the start') && d.ends_on < d.starts_on ? 'The end cannot be before the start.' : undefined),
  });
}

export function needToInput(d: NeedDraft, version?: number): NeedInput {
  return {
    title: d.title.trim(),
    outcomes: d.outcomes.trim(),
    themes: d.themes,
    areas: d.areas,
    budget_pence: poundsToPence(d.budget) ?? null,
    starts_on: d.starts_on || null,
    ends_on: d.ends_on || null,
    ...(version ? { version } : {}),
  };
}

/** A need's timeline in words: "1 Apr 2027 to 30 Sept 2027", "From 1 Apr 2027", "" when none. */
export function timelineWords(startsOn: string | null, endsOn: string | null, formatDate: (d: string) => string): string {
  if (startsOn && endsOn) return `${formatDate(startsOn)} to ${formatDate(endsOn)}`;
  if (startsOn) return `From ${formatDate(startsOn)}`;
  if (endsOn) return `Until ${formatDate(endsOn)}`;
  return '';
}

// ---- A partnership's shares

/** A share as typed in percent ("50", "12.5 %") → a fraction; undefined for what is not 0–100. */
export function percentToShare(text: string): number | undefined {
  const t = text.trim().replace(/%$/, '').trim();
  if (t === '') return 0;
  if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 0 && n <= 100 ? n / 100 : undefined;
}

/** A fraction as a percentage for a form's field: 0.5 → "50", 0.125 → "12.5". */
export function shareToPercent(share: number): string {
  return String(Math.round(share * 10000) / 100);
}

/** The shares typed for one outcome added up, in percent (what is not a number counts 0). */
export function togetherPercent(texts: readonly string[]): number {
  const sum = texts.reduce((total, t) => total + (percentToShare(t) ?? 0), 0);
  return Math.round(sum * 10000) / 100;
}

export const PARTNER_ORDER: readonly Partner[] = ['need', 'candidate'];

export interface ClaimDraft {
  partner: Partner;
  share: string;
  map_id: string;
  outcome_id: string;
}
export interface OutcomeDraft {
  /** The server's id; "" for a new outcome. */
  id: string;
  description: string;
  claims: ClaimDraft[];
}

export function partnershipDraft(match: Pick<Match, 'partnership'>): OutcomeDraft[] {
  return match.partnership.map((o) => ({
    id: o.id ?? '',
    description: o.description,
    claims: PARTNER_ORDER.map((partner) => {
      const c = o.claims.find((x) => x.partner === partner);
      return { partner, share: c ? shareToPercent(c.share) : '', map_id: c?.map_id ?? '', outcome_id: c?.outcome_id ?? '' };
    }),
  }));
}

export function emptyOutcome(): OutcomeDraft {
  return { id: '', description: '', claims: PARTNER_ORDER.map((partner) => ({ partner, share: '', map_id: '', outcome_id: '' })) };
}

/**
 * The editor's checks, keyed as the server names the fields
 * ("outcomes[0].claims[1].share"), so that either's message shows in the same place.
 */
export function validatePartnership(outcomes: readonly OutcomeDraft[]): Record<string, string> {
  const errors: Record<string, string> = {};
  outcomes.forEach((o, i) => {
    const at = `outcomes[${i}]`;
    if (!o.description.trim()) errors[`${at}.description`] = 'Say what the partners create together.';
    else if ([...o.description.trim()].length > 500) errors[`${at}.description`] = 'Use at most 500 characters.';
    o.claims.forEach((c, j) => {
      if (percentToShare(c.share) === undefined) errors[`${at}.claims[${j}].share`] = 'Enter a percentage from 0 to 100.';
      if (c.map_id && !c.outcome_id) errors[`${at}.claims[${j}].outcome_id`] = 'Choose the outcome of the map, or no map.';
    });
    const together = togetherPercent(o.claims.map((c) => c.share));
    if (together > 100) errors[`${at}.claims`] = `The shares add up to ${together}%: together the partners can claim at most 100% of an outcome, or it is counted twice.`;
  });
  return errors;
}

export function partnershipToInput(outcomes: readonly OutcomeDraft[], version: number) {
  return {
    version,
    outcomes: outcomes.map((o) => ({
      ...(o.id ? { id: o.id } : {}),
      description: o.description.trim(),
      claims: o.claims.map((c) => ({
        partner: c.partner,
        share: percentToShare(c.share) ?? 0,
        map_id: c.map_id || null,
        outcome_id: c.map_id ? c.outcome_id || null : null,
      })),
    })),
  };
}

/** The server's field path in words when it names no input of the form: "outcomes[1].claims" → "Outcome 2, the shares". */
export function partnershipFieldWords(path: string): string {
  const m = /^outcomes\[(\d+)\](?:\.claims(?:\[(\d+)\])?)?(?:\.(\w+))?/.exec(path);
  if (!m) return 'The partnership';
  const parts = [`Outcome ${Number(m[1]) + 1}`];
  if (m[2] !== undefined) parts.push(PARTNER_ORDER[Number(m[2])] === 'need' ? 'the need’s side' : 'the candidate’s side');
  else if (path.includes('.claims')) parts.push('the shares');
  return parts.join(', ');
}
