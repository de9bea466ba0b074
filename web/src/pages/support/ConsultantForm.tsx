// A consultant in the directory, added or changed (the administrator's
// page): who they are, what they help with, how to reach them, where they
// work, the schemes and languages they work in and the criteria they help with.
import { useState } from 'react';
import type { Consultant, ConsultantInput } from '../../api/support';
import { TextAreaField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import {
  CONSULTANT_FIELDS,
  LANGUAGES,
  LINK_MAX,
  NAME_MAX,
  SUMMARY_MAX,
  SUMMARY_MIN,
  checkConsultant,
  consultantDraft,
  consultantInput,
  toggleCriterion,
  type ConsultantDraft,
  type CriterionGroup,
} from '../../lib/support';
import { CheckboxGroup } from '../network/CheckboxGroup';
import { CriteriaPicker } from './CriteriaPicker';
import { FormButtons, StaleNotice, useRegisterForm } from './formParts';

export function ConsultantForm({
  initial,
  areas,
  groups,
  onSubmit,
  onCancel,
  onReload,
}: {
  initial?: Consultant;
  areas: readonly { code: string; name: string }[];
  /** The schemes with their criteria, for the pickers. */
  groups: readonly CriterionGroup[];
  onSubmit: (input: ConsultantInput) => Promise<void>;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const [d, setD] = useState<ConsultantDraft>(() => consultantDraft(initial));
  const set = <K extends keyof ConsultantDraft>(k: K, v: ConsultantDraft[K]) => setD((old) => ({ ...old, [k]: v }));
  const { errors, fe, busy, stale, formRef, submit } = useRegisterForm(CONSULTANT_FIELDS);

  return (
    <form
      ref={formRef}
      className="register-form"
      aria-label={initial ? `Change ${initial.name}` : 'Add a consultant'}
      noValidate
      onSubmit={submit(
        () => checkConsultant(d),
        () => onSubmit(consultantInput(d, initial?.version)),
      )}
    >
      <FormAlert message={errors.formError} title={initial ? 'The changes were not saved' : 'The consultant was not added'} />
      {stale ? <StaleNotice what="this consultant" onReload={onReload} /> : null}
      <div className="form-row">
        <TextField id="consultant-name" label="Name" autoComplete="off" maxLength={NAME_MAX} value={d.name} onChange={(e) => set('name', e.target.value)} error={fe.name} />
        <TextField
          id="consultant-organisation"
          label="Organisation (optional)"
          maxLength={NAME_MAX}
          value={d.organisation}
          onChange={(e) => set('organisation', e.target.value)}
          error={fe.organisation}
        />
      </div>
      <TextAreaField
        id="consultant-summary"
        label="What they help with"
        hint={`What they help organisations with, and for whom, in ${SUMMARY_MIN} to ${SUMMARY_MAX.toLocaleString('en-GB')} characters. Searches read it.`}
        rows={5}
        maxLength={SUMMARY_MAX}
        showCount
        value={d.summary}
        onChange={(e) => set('summary', e.target.value)}
        error={fe.summary}
      />
      <fieldset className="register-form__contact">
        <legend className="field__label">How to reach them</legend>
        <p className="field__hint">Give an email address, a website, or both.</p>
        <div className="form-row">
          <TextField
            id="consultant-email"
            label="Email address (optional)"
            hint="Such as name@example.org"
            type="email"
            autoComplete="off"
            maxLength={LINK_MAX}
            value={d.email}
            onChange={(e) => set('email', e.target.value)}
            error={fe.email}
          />
          <TextField
            id="consultant-website"
            label="Website (optional)"
            type="url"
            hint="Starting https://"
            maxLength={LINK_MAX}
            value={d.website}
            onChange={(e) => set('website', e.target.value)}
            error={fe.website}
          />
        </div>
      </fieldset>
      <CheckboxGroup
        legend="Areas served"
        hint="Where they work. Choose “Across the UK” if they work everywhere."
        columns
        options={areas.map((a) => ({ value: a.code, label: a.name }))}
        values={d.areas}
        onChange={(v) => set('areas', v)}
        error={fe.areas}
      />
      <CheckboxGroup
        legend="Languages they work in"
        hint="At least one."
        columns
        options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
        values={d.languages}
        onChange={(v) => set('languages', v)}
        error={fe.languages}
      />
      <CheckboxGroup
        legend="Schemes they work with (optional)"
        options={groups.map((g) => ({ value: g.schemeId, label: g.scheme }))}
        values={d.schemes}
        onChange={(v) => set('schemes', v)}
        error={fe.schemes}
      />
      <CriteriaPicker
        legend="Criteria they help with (optional)"
        groups={groups}
        value={d.criteria}
        onToggle={(id, on) => setD((old) => ({ ...old, ...toggleCriterion(old, groups, id, on) }))}
        error={fe.criteria}
      />
      <FormButtons busy={busy} label={initial ? 'Save the changes' : 'Add the consultant'} busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
