// A practitioner on the register, added or changed (the administrator's
// page): name, level, where they work, a contact they agreed to show, the
// areas they serve and the days of their accreditation.
import { useState } from 'react';
import type { Practitioner, PractitionerInput } from '../../api/support';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { RadioGroup } from '../../components/RadioGroup';
import {
  LINK_MAX,
  NAME_MAX,
  PRACTITIONER_FIELDS,
  PRACTITIONER_LEVELS,
  checkPractitioner,
  practitionerDraft,
  practitionerInput,
  type PractitionerDraft,
} from '../../lib/support';
import { CheckboxGroup } from '../network/CheckboxGroup';
import { FormButtons, StaleNotice, useRegisterForm } from './formParts';

export function PractitionerForm({
  initial,
  areas,
  onSubmit,
  onCancel,
  onReload,
}: {
  /** The entry being changed; none for a new one. */
  initial?: Practitioner;
  areas: readonly { code: string; name: string }[];
  onSubmit: (input: PractitionerInput) => Promise<void>;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const [d, setD] = useState<PractitionerDraft>(() => practitionerDraft(initial));
  const set = <K extends keyof PractitionerDraft>(k: K, v: PractitionerDraft[K]) => setD((old) => ({ ...old, [k]: v }));
  const { errors, fe, busy, stale, formRef, submit } = useRegisterForm(PRACTITIONER_FIELDS);

  return (
    <form
      ref={formRef}
      className="register-form"
      aria-label={initial ? `Change ${initial.name}` : 'Add a practitioner'}
      noValidate
      onSubmit={submit(
        () => checkPractitioner(d),
        () => onSubmit(practitionerInput(d, initial?.version)),
      )}
    >
      <FormAlert message={errors.formError} title={initial ? 'The changes were not saved' : 'The practitioner was not added'} />
      {stale ? <StaleNotice what="this practitioner" onReload={onReload} /> : null}
      <TextField id="practitioner-name" label="Name" autoComplete="off" maxLength={NAME_MAX} value={d.name} onChange={(e) => set('name', e.target.value)} error={fe.name} />
      <RadioGroup
        legend="Level of accreditation"
        name="practitioner-level"
        inline
        options={PRACTITIONER_LEVELS.map((l) => ({ value: String(l), label: `Level ${l}` }))}
        value={d.level}
        onChange={(v) => set('level', v)}
        error={fe.level}
      />
      <TextField
        id="practitioner-organisation"
        label="Organisation (optional)"
        hint="Where they work."
        maxLength={NAME_MAX}
        value={d.organisation}
        onChange={(e) => set('organisation', e.target.value)}
        error={fe.organisation}
      />
      <TextField
        id="practitioner-contact"
        label="Contact (optional)"
        hint="An email address, or a web address starting https://, that the practitioner agreed to show on the register."
        maxLength={LINK_MAX}
        autoComplete="off"
        value={d.contact}
        onChange={(e) => set('contact', e.target.value)}
        error={fe.contact}
      />
      <CheckboxGroup
        legend="Areas served"
        hint="Where they work. Choose “Across the UK” if they work everywhere."
        columns
        options={areas.map((a) => ({ value: a.code, label: a.name }))}
        values={d.areas}
        onChange={(v) => set('areas', v)}
        error={fe.areas}
      />
      <div className="form-row">
        <TextField id="practitioner-awarded" label="Accredited on" hint="The day the accreditation was awarded." type="date" value={d.awarded_on} onChange={(e) => set('awarded_on', e.target.value)} error={fe.awarded_on} />
        <TextField id="practitioner-expires" label="Accredited until" hint="The last day of the accreditation." type="date" value={d.expires_on} onChange={(e) => set('expires_on', e.target.value)} error={fe.expires_on} />
      </div>
      <FormButtons busy={busy} label={initial ? 'Save the changes' : 'Add the practitioner'} busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
