// The partnership's shared outcomes: what the partners create together and
// each one's share of it, which their impact maps hold to. Each side links
// only its own organisation's maps; the shares of one outcome add up to 100%
// at most. Every error shows beside the input it is about.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import type { Match, Partner } from '../../api/brokerage';
import { createMeasureApi, type MapOutcome, type MapSummary } from '../../api/measure';
import { useAuth } from '../../auth/AuthContext';
import { FieldError, SelectField, TextField } from '../../components/Field';
import { FormAlert, Notice } from '../../components/FormAlert';
import {
  emptyOutcome,
  partnershipDraft,
  partnershipFieldWords,
  partnershipToInput,
  togetherPercent,
  validatePartnership,
  type OutcomeDraft,
} from '../../lib/brokerage';
import { asSentence } from '../../lib/format';
import { useBrokerage } from './parts';

type Side = { partner: Partner; name: string; orgId: string | null; mayLink: boolean };

export function sidesOf(match: Match): Side[] {
  return [
    { partner: 'need', name: match.need.organisation_name, orgId: match.need.organisation_id, mayLink: match.may_link_need_map },
    { partner: 'candidate', name: match.candidate.name ?? 'The candidate', orgId: match.candidate.organisation_id, mayLink: match.may_link_candidate_map },
  ];
}

/** The impact maps of the sides the caller may link, and the outcomes of each map once chosen. */
export function useMaps(sides: Side[]) {
  const { api } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  const [maps, setMaps] = useState<Record<string, MapSummary[] | 'error'>>({});
  const [outcomes, setOutcomes] = useState<Record<string, MapOutcome[] | 'error'>>({});
  const asked = useRef(new Set<string>());
  const orgs = sides.filter((s) => s.mayLink && s.orgId).map((s) => s.orgId as string);
  const orgKey = orgs.join(',');
  useEffect(() => {
    for (const orgId of orgKey.split(',').filter(Boolean)) {
      measure
        .listMaps(orgId)
        .then((list) => setMaps((m) => ({ ...m, [orgId]: list })))
        .catch(() => setMaps((m) => ({ ...m, [orgId]: 'error' })));
    }
  }, [measure, orgKey]);
  const want = useCallback(
    (mapId: string) => {
      if (!mapId || asked.current.has(mapId)) return;
      asked.current.add(mapId);
      measure
        .getMap(mapId)
        .then((map) => setOutcomes((o) => ({ ...o, [mapId]: map.outcomes })))
        .catch(() => setOutcomes((o) => ({ ...o, [mapId]: 'error' })));
    },
    [measure],
  );
  return { maps, outcomes, want };
}

export function PartnershipEditor({ match, onSaved, onCancel }: { match: Match; onSaved: (m: Match) => void; onCancel: () => void }) {
  const brokerage = useBrokerage();
  const sides = sidesOf(match);
  const [draft, setDraft] = useState<OutcomeDraft[]>(() => (match.partnership.length > 0 ? partnershipDraft(match) : [emptyOutcome()]));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const { maps, outcomes, want } = useMaps(sides);

  // The outcomes of the maps already linked, for their pickers.
  useEffect(() => {
    for (const o of draft) for (const c of o.claims) if (c.map_id && sides.find((s) => s.partner === c.partner)?.mayLink) want(c.map_id);
  });

  const update = (i: number, change: (o: OutcomeDraft) => OutcomeDraft) => setDraft((d) => d.map((o, k) => (k === i ? change(o) : o)));
  const updateClaim = (i: number, j: number, change: Partial<OutcomeDraft['claims'][number]>) =>
    update(i, (o) => ({ ...o, claims: o.claims.map((c, k) => (k === j ? { ...c, ...change } : c)) }));

  // The keys of the inputs on the page: a server's error for any other goes to the top.
  const shown = (key: string) => {
    if (/^outcomes\[\d+\]\.(description|claims)$/.test(key)) return true;
    const m = /^outcomes\[\d+\]\.claims\[(\d+)\]\.(share|map_id|outcome_id)$/.exec(key);
    if (!m) return false;
    return m[2] === 'share' || Boolean(sides[Number(m[1])]?.mayLink);
  };

  const focusFirstError = () =>
    window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .alert[tabindex], .partnership__together--error')?.focus(), 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setConflict(false);
    setFormError(null);
    const found = validatePartnership(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      const saved = await brokerage.savePartnership(match.id, partnershipToInput(draft, match.version));
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.field === 'version') setConflict(true);
      else if (err instanceof ApiError && err.fields.length > 0) {
        const placed: Record<string, string> = {};
        const rest: string[] = [];
        for (const f of err.fields) {
          // "outcomes[0].claims[1]" is about that side's share.
          const key = /\.claims\[\d+\]$/.test(f.field) ? `${f.field}.share` : f.field;
          if (shown(key) && !placed[key]) placed[key] = asSentence(f.message);
          else rest.push(`${partnershipFieldWords(f.field)}: ${asSentence(f.message)}`);
        }
        setErrors(placed);
        setFormError(rest.length > 0 ? rest.join(' ') : null);
      } else setFormError(err instanceof Error ? err.message : 'Something went wrong. Please try again.');
      focusFirstError();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="partnership-form" onSubmit={submit} noValidate>
      <FormAlert message={formError} title="The partnership was not saved" />
      {conflict ? <Notice tone="warning">Someone else saved the partnership while you were editing it. Cancel to see their version, then make your changes again.</Notice> : null}
      {draft.length === 0 ? <p className="muted">No shared outcomes. Add one, or save to record none.</p> : null}
      {draft.map((o, i) => {
        const at = `outcomes[${i}]`;
        const together = togetherPercent(o.claims.map((c) => c.share));
        const togetherError = errors[`${at}.claims`];
        return (
          <fieldset key={i} className="partnership__outcome">
            <legend className="partnership__legend">Shared outcome {i + 1}</legend>
            <TextField
              id={`po-${i}-description`}
              label="What the partners create together"
              hint="In a sentence, such as “Volunteers cook hot meals safely”."
              maxLength={500}
              value={o.description}
              onChange={(e) => update(i, (x) => ({ ...x, description: e.target.value }))}
              error={errors[`${at}.description`]}
            />
            <div className="partnership__sides">
              {o.claims.map((c, j) => {
                const side = sides.find((s) => s.partner === c.partner) ?? sides[j];
                const key = `${at}.claims[${j}]`;
                const sideMaps = side.orgId ? maps[side.orgId] : undefined;
                const mapOutcomes = c.map_id ? outcomes[c.map_id] : undefined;
                return (
                  <div key={c.partner} className="partnership__side">
                    <p className="partnership__side-name">{side.name}</p>
                    <TextField
                      id={`po-${i}-${c.partner}-share`}
                      label={`Share of ${side.name} (%)`}
                      className="partnership__share"
                      inputMode="decimal"
                      autoComplete="off"
                      value={c.share}
                      onChange={(e) => updateClaim(i, j, { share: e.target.value })}
                      error={errors[`${key}.share`]}
                    />
                    {side.mayLink ? (
                      sideMaps === 'error' ? (
                        <p className="field__error">The impact maps of {side.name} could not be loaded.</p>
                      ) : !sideMaps ? (
                        <p className="muted small">Loading the impact maps…</p>
                      ) : sideMaps.length === 0 ? (
                        <p className="muted small">{side.name} has no impact map yet to link.</p>
                      ) : (
                        <>
                          <SelectField
                            id={`po-${i}-${c.partner}-map`}
                            label="Its impact map (optional)"
                            value={c.map_id}
                            onChange={(e) => {
                              updateClaim(i, j, { map_id: e.target.value, outcome_id: '' });
                              want(e.target.value);
                            }}
                            error={errors[`${key}.map_id`]}
                          >
                            <option value="">No map</option>
                            {sideMaps.map((m) => (
                              <option key={m.id} value={m.id}>
                                {m.name}
                              </option>
                            ))}
                          </SelectField>
                          {c.map_id ? (
                            <SelectField
                              id={`po-${i}-${c.partner}-outcome`}
                              label="The outcome in that map"
                              value={c.outcome_id}
                              disabled={!Array.isArray(mapOutcomes)}
                              onChange={(e) => updateClaim(i, j, { outcome_id: e.target.value })}
                              error={errors[`${key}.outcome_id`] ?? (mapOutcomes === 'error' ? 'The outcomes of this map could not be loaded.' : undefined)}
                            >
                              <option value="">{Array.isArray(mapOutcomes) ? 'Choose…' : 'Loading…'}</option>
                              {(Array.isArray(mapOutcomes) ? mapOutcomes : []).map((x) => (
                                <option key={x.id} value={x.id}>
                                  {x.description || 'An outcome without a description'}
                                </option>
                              ))}
                            </SelectField>
                          ) : null}
                        </>
                      )
                    ) : c.map_id ? (
                      <p className="muted small">Linked to an outcome of its own impact map.</p>
                    ) : (
                      <p className="muted small">Not linked to an impact map: only {side.name} can link its own.</p>
                    )}
                  </div>
                );
              })}
            </div>
            <p
              className={`partnership__together${togetherError ? ' partnership__together--error' : ''}`}
              id={`po-${i}-together`}
              tabIndex={togetherError ? -1 : undefined}
              aria-live="polite"
            >
              Together {together}% of this outcome{together > 100 ? ': more than 100%' : ''}
            </p>
            <FieldError message={togetherError} />
            <button type="button" className="link-button" onClick={() => setDraft((d) => d.filter((_, k) => k !== i))}>
              Remove shared outcome {i + 1}
            </button>
          </fieldset>
        );
      })}
      <p>
        <button type="button" className="button button--secondary button--small" onClick={() => setDraft((d) => [...d, emptyOutcome()])}>
          Add a shared outcome
        </button>
      </p>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? 'Saving…' : 'Save the partnership'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
