// The form of a need for partners: its title, the outcomes wanted, themes
// and areas from the directory's taxonomy, a budget in pounds and the dates.
// Each error shows beside its field, from the form's checks or the server's.
import { useRef, useState, type FormEvent } from 'react';
import { ApiError, type DirectoryTaxonomy } from '../../api';
import type { NeedInput } from '../../api/brokerage';
import { TextAreaField, TextField } from '../../components/Field';
import { FormAlert, Notice } from '../../components/FormAlert';
import { useFormErrors } from '../../hooks/useFormErrors';
import { NEED_FIELDS, OUTCOMES_MAX, needToInput, validateNeed, type NeedDraft } from '../../lib/brokerage';
import { sdgWords } from '../../lib/directory';
import { hasErrors } from '../../lib/validation';
import { CheckboxGroup } from '../network/CheckboxGroup';

export function NeedForm({
  taxonomy,
  initial,
  version,
  submitLabel,
  onSubmit,
  onCancel,
  onReload,
}: {
  taxonomy: DirectoryTaxonomy;
  initial: NeedDraft;
  /** The version being changed; none for a new need. */
  version?: number;
  submitLabel: string;
  onSubmit: (input: NeedInput) => Promise<void>;
  onCancel?: () => void;
  onReload?: () => void;
}) {
  const [d, setD] = useState<NeedDraft>(initial);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  // The server names the budget in pence; the form asks for pounds.
  const errors = useFormErrors(NEED_FIELDS);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof NeedDraft>(k: K, v: NeedDraft[K]) => setD((old) => ({ ...old, [k]: v }));

  const focusFirstError = () =>
    window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .alert[tabindex]')?.focus(), 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setConflict(false);
    const found = validateNeed(d);
    if (hasErrors(found)) {
      errors.setFieldErrors(found);
      errors.setFormError(null);
      focusFirstError();
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await onSubmit(needToInput(d, version));
    } catch (err) {
      if (err instanceof ApiError && err.field === 'version') {
        setConflict(true);
        errors.clear();
      } else if (err instanceof ApiError && err.field === 'budget_pence') {
        errors.setFieldErrors({ budget_pence: 'Enter a budget from £0 to £1,000,000,000, or leave it empty.' });
      } else errors.fromError(err);
      focusFirstError();
    } finally {
      setBusy(false);
    }
  };

  const fe = errors.fieldErrors;
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="need-form">
      <FormAlert message={errors.formError} title="The need was not saved" />
      {conflict ? (
        <Notice tone="warning">
          Someone else changed this need while you were editing it.{' '}
          {onReload ? (
            <>
              <button type="button" className="link-button" onClick={onReload}>
                Load their version
              </button>{' '}
              and make your changes again.
            </>
          ) : (
            'Reload the page and make your changes again.'
          )}
        </Notice>
      ) : null}
      <TextField
        id="need-title"
        label="Title"
        name="title"
        hint="A few words a partner recognises, such as “Cooking skills for lunch-club volunteers”."
        maxLength={200}
        autoComplete="off"
        value={d.title}
        onChange={(e) => set('title', e.target.value)}
        error={fe.title}
      />
      <TextAreaField
        id="need-outcomes"
        label="Outcomes wanted"
        name="outcomes"
        hint="What should change, and for whom, thanks to the partnership. The broker and the enterprises proposed read it."
        rows={5}
        maxLength={OUTCOMES_MAX}
        showCount
        value={d.outcomes}
        onChange={(e) => set('outcomes', e.target.value)}
        error={fe.outcomes}
      />
      <CheckboxGroup
        legend="Outcome themes"
        hint="Choose 1 to 8: the broker looks for enterprises working on them."
        columns
        options={taxonomy.themes.map((t) => ({ value: t.code, label: t.name, hint: sdgWords(t.sdgs) ? `UN ${sdgWords(t.sdgs)}` : undefined }))}
        values={d.themes}
        onChange={(v) => set('themes', v)}
        error={fe.themes}
      />
      <CheckboxGroup
        legend="Areas"
        hint="Where the work is to happen. Choose at least one; “Across the UK” if anywhere will do."
        columns
        options={taxonomy.areas.map((a) => ({ value: a.code, label: a.name }))}
        values={d.areas}
        onChange={(v) => set('areas', v)}
        error={fe.areas}
      />
      <TextField
        id="need-budget"
        label="Budget in pounds (optional)"
        name="budget"
        inputMode="decimal"
        autoComplete="off"
        hint="What you can spend on the partnership, such as 12000. Leave it empty if it is not decided."
        value={d.budget}
        onChange={(e) => set('budget', e.target.value)}
        error={fe.budget_pence}
      />
      <div className="form-row">
        <TextField id="need-starts" label="Start (optional)" name="starts_on" type="date" value={d.starts_on} onChange={(e) => set('starts_on', e.target.value)} error={fe.starts_on} />
        <TextField
          id="need-ends"
          label="End (optional)"
          name="ends_on"
          type="date"
          hint="Not before the start."
          value={d.ends_on}
          onChange={(e) => set('ends_on', e.target.value)}
          error={fe.ends_on}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
