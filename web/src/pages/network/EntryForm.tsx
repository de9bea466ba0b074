// The form of an entry of the directory: the organisation's own profile
// (its Lead) and an enterprise the broker adds. The themes and areas are
// checkboxes from the taxonomy; each error shows beside its field.
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, type DirectoryEntryInput, type DirectoryTaxonomy, type SizeBand } from '../../api';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormAlert, Notice } from '../../components/FormAlert';
import { RadioGroup } from '../../components/RadioGroup';
import { useFormErrors } from '../../hooks/useFormErrors';
import { ENTRY_FIELDS, SUMMARY_MAX, THEMES_MAX, draftToInput, sdgWords, validateDraft, type EntryDraft } from '../../lib/directory';
import { hasErrors } from '../../lib/validation';
import { SIZE_BANDS, SIZE_BAND_LABEL } from '../../lib/labels';
import { CheckboxGroup } from './CheckboxGroup';

export function EntryForm({
  taxonomy,
  initial,
  version,
  who,
  submitLabel,
  onSubmit,
  onCancel,
  onReload,
}: {
  taxonomy: DirectoryTaxonomy;
  initial: EntryDraft;
  /** The version of the entry being changed; none for a new one. */
  version?: number;
  /** Whose entry it is: the organisation's own ("us") or an enterprise the broker keeps ("it"). */
  who: 'us' | 'it';
  submitLabel: string;
  /** Throws ApiErrors; an already_exists on the name is offered "This is a different enterprise". */
  onSubmit: (input: DirectoryEntryInput) => Promise<void>;
  onCancel?: () => void;
  /** Loads the latest version after someone else saved first. */
  onReload?: () => void;
}) {
  const [d, setD] = useState<EntryDraft>(initial);
  const [busy, setBusy] = useState(false);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const errors = useFormErrors(ENTRY_FIELDS);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof EntryDraft>(k: K, v: EntryDraft[K]) => setD((old) => ({ ...old, [k]: v }));
  const text = (k: 'name' | 'summary' | 'people' | 'website' | 'contact_name' | 'contact_email') => (e: { target: { value: string } }) => set(k, e.target.value);

  const focusFirstError = () =>
    window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .alert[tabindex]')?.focus(), 0);

  const send = async (input: DirectoryEntryInput) => {
    setBusy(true);
    try {
      await onSubmit(input);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_exists' && err.field === 'name') {
        setDuplicate(err.message);
        errors.clear();
        // The message is beside the name, at the top: a phone scrolls there.
        window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('#entry-name')?.focus(), 0);
      } else {
        if (err instanceof ApiError && err.field === 'version') {
          setConflict(true);
          errors.clear();
        } else errors.fromError(err);
        focusFirstError();
      }
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDuplicate(null);
    setConflict(false);
    const found = validateDraft(d);
    if (hasErrors(found)) {
      errors.setFieldErrors(found);
      errors.setFormError(null);
      focusFirstError();
      return;
    }
    errors.clear();
    await send(draftToInput(d, version));
  };

  const fe = errors.fieldErrors;
  const sizeOptions = SIZE_BANDS.map((b) => ({ value: b, label: SIZE_BAND_LABEL[b] }));
  const listedHint: ReactNode =
    who === 'us'
      ? 'Anyone can then find this profile in the directory, with your themes, areas and certificates. Your contact details are never shown: the broker asks you before putting anyone in touch. Untick it to keep the profile to your members and the broker.'
      : 'Anyone can then find it in the directory. Its contact details are never shown: the broker asks before putting anyone in touch. Untick it to keep it to the brokers.';

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="entry-form">
      <FormAlert message={errors.formError} title="The profile was not saved" />
      {conflict ? (
        <Notice tone="warning">
          Someone else saved this profile while you were editing it.{' '}
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
        id="entry-name"
        label={who === 'us' ? 'Name in the directory' : 'Enterprise name'}
        name="name"
        autoComplete="organization"
        maxLength={200}
        value={d.name}
        onChange={(e) => {
          set('name', e.target.value);
          setDuplicate(null);
        }}
        error={fe.name ?? duplicate}
      />
      {duplicate ? (
        <div className="alert alert--warning" role="alert">
          <p className="alert__title">The directory already has an enterprise of this name</p>
          <p className="alert__body">Search the directory for it first. If this one is another enterprise with the same name, add it all the same.</p>
          <p>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => {
                setDuplicate(null);
                void send({ ...draftToInput(d, version), not_a_duplicate: true });
              }}
            >
              This is a different enterprise
            </button>
          </p>
        </div>
      ) : null}
      <TextAreaField
        id="entry-summary"
        label="What it does"
        name="summary"
        hint={`What the enterprise does and for whom, in ${10} to ${SUMMARY_MAX.toLocaleString('en-GB')} characters. Searches read it.`}
        rows={5}
        maxLength={SUMMARY_MAX}
        showCount
        value={d.summary}
        onChange={text('summary')}
        error={fe.summary}
      />
      <div className="form-row">
        <SelectField id="entry-legal-form" label="Legal form" name="legal_form" value={d.legal_form} onChange={(e) => set('legal_form', e.target.value)} error={fe.legal_form}>
          <option value="">Choose…</option>
          {taxonomy.legal_forms.map((f) => (
            <option key={f.code} value={f.code}>
              {f.name}
            </option>
          ))}
        </SelectField>
        <TextField
          id="entry-people"
          label="Staff and volunteers (optional)"
          name="people"
          inputMode="numeric"
          hint="How many people work or volunteer there. Leave it empty if you would rather not say."
          value={d.people}
          onChange={text('people')}
          error={fe.people}
        />
      </div>
      <RadioGroup<SizeBand>
        legend="Size"
        name="entry-size_band"
        inline
        options={sizeOptions}
        value={d.size_band}
        onChange={(v) => set('size_band', v)}
        error={fe.size_band}
      />
      <CheckboxGroup
        legend="Outcome themes"
        hint={`Choose 1 to ${THEMES_MAX}: the outcomes the enterprise works for. Each serves some of the UN Sustainable Development Goals.`}
        columns
        options={taxonomy.themes.map((t) => ({ value: t.code, label: t.name, hint: sdgWords(t.sdgs) ? `UN ${sdgWords(t.sdgs)}` : undefined }))}
        values={d.themes}
        onChange={(v) => set('themes', v)}
        error={fe.themes}
      />
      <CheckboxGroup
        legend="Areas served"
        hint="Where the enterprise works. Choose “Across the UK” if it works everywhere."
        columns
        options={taxonomy.areas.map((a) => ({ value: a.code, label: a.name }))}
        values={d.areas}
        onChange={(v) => set('areas', v)}
        error={fe.areas}
      />
      <TextField
        id="entry-website"
        label="Website (optional)"
        name="website"
        type="url"
        inputMode="url"
        autoComplete="url"
        hint="The full address, starting https://"
        maxLength={300}
        value={d.website}
        onChange={text('website')}
        error={fe.website}
      />
      <fieldset className="field entry-form__contact">
        <legend className="field__label">Contact for the broker (optional)</legend>
        <p className="field__hint">Only the brokers{who === 'us' ? ' and your members' : ''} see these. They are never shown in the directory.</p>
        <div className="form-row">
          <TextField id="entry-contact-name" label="Contact name" name="contact_name" autoComplete="off" maxLength={200} value={d.contact_name} onChange={text('contact_name')} error={fe.contact_name} />
          <TextField
            id="entry-contact-email"
            label="Contact email"
            name="contact_email"
            type="email"
            autoComplete="off"
            value={d.contact_email}
            onChange={text('contact_email')}
            error={fe.contact_email}
          />
        </div>
      </fieldset>
      <div className={['field', 'radio', 'entry-form__listed', fe.listed ? 'field--error' : ''].filter(Boolean).join(' ')}>
        <input id="entry-listed" type="checkbox" checked={d.listed} onChange={(e) => set('listed', e.target.checked)} aria-describedby="entry-listed-hint" />
        <span className="radio__text">
          <label htmlFor="entry-listed">{who === 'us' ? 'List us in the public directory' : 'List it in the public directory'}</label>
          <span id="entry-listed-hint" className="radio__hint">
            {listedHint}
          </span>
        </span>
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
