import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { OrganisationProfile, SizeBand } from '../../api';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { RadioGroup } from '../../components/RadioGroup';
import { useFormErrors } from '../../hooks/useFormErrors';
import { LEGAL_STRUCTURE_SUGGESTIONS, SECTOR_SUGGESTIONS, SIZE_BANDS, SIZE_BAND_LABEL } from '../../lib/labels';
import { checkRequired, collect, hasErrors } from '../../lib/validation';

export const PROFILE_FIELDS = ['name', 'legal_structure', 'sector', 'size_band', 'area'] as const;
type F = (typeof PROFILE_FIELDS)[number];

const SIZE_HINTS: Record<SizeBand, string> = {
  small: 'SVMC fee £500 a level',
  medium: 'SVMC fee £750 a level',
  large: 'SVMC fee £1,000 a level',
  very_large: 'SVMC fee £1,250 a level',
};

export function emptyProfile(): OrganisationProfile {
  return { name: '', legal_structure: '', sector: '', size_band: '' as SizeBand, area: '' };
}

export function validateProfile(p: OrganisationProfile) {
  return collect<F>({
    name: checkRequired(p.name, 'the organisation’s name'),
    legal_structure: checkRequired(p.legal_structure, 'the legal structure'),
    sector: checkRequired(p.sector, 'the sector'),
    size_band: (SIZE_BANDS as string[]).includes(p.size_band) ? undefined : 'Choose a size band.',
    area: checkRequired(p.area, 'the area you work in'),
  });
}

/**
 * The organisation profile form, for creating one and editing in place.
 * `onSubmit` throws ApiErrors; they are shown beside the field they name.
 */
export function ProfileForm({
  initial,
  submitLabel,
  busyLabel,
  onSubmit,
  onCancel,
  idPrefix = 'profile',
  extraError,
  children,
}: {
  initial: OrganisationProfile;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (p: OrganisationProfile) => Promise<void>;
  onCancel?: () => void;
  idPrefix?: string;
  extraError?: ReactNode;
  children?: ReactNode;
}) {
  const [p, setP] = useState<OrganisationProfile>(initial);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(PROFILE_FIELDS);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (k: keyof OrganisationProfile) => (e: { target: { value: string } }) => setP((old) => ({ ...old, [k]: e.target.value }));

  const focusFirstError = () =>
    window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .field--error input')?.focus(), 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed: OrganisationProfile = {
      name: p.name.trim(),
      legal_structure: p.legal_structure.trim(),
      sector: p.sector.trim(),
      size_band: p.size_band,
      area: p.area.trim(),
    };
    const found = validateProfile(trimmed);
    if (hasErrors(found)) {
      errors.setFieldErrors(found);
      errors.setFormError(null);
      focusFirstError();
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await onSubmit(trimmed);
    } catch (err) {
      errors.fromError(err);
      focusFirstError();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="profile-form">
      <FormAlert message={errors.formError} title="The profile was not saved" />
      {extraError}
      <TextField
        id={`${idPrefix}-name`}
        label="Organisation name"
        name="name"
        autoComplete="organization"
        value={p.name}
        onChange={set('name')}
        error={errors.fieldErrors.name}
      />
      <div className="form-row">
        <TextField
          id={`${idPrefix}-legal`}
          label="Legal structure"
          name="legal_structure"
          hint="For example a charity, a community interest company or a local authority."
          list={`${idPrefix}-legal-options`}
          value={p.legal_structure}
          onChange={set('legal_structure')}
          error={errors.fieldErrors.legal_structure}
        />
        <TextField
          id={`${idPrefix}-sector`}
          label="Sector"
          name="sector"
          hint="The field you work in, used to compare you with peers."
          list={`${idPrefix}-sector-options`}
          value={p.sector}
          onChange={set('sector')}
          error={errors.fieldErrors.sector}
        />
      </div>
      <datalist id={`${idPrefix}-legal-options`}>
        {LEGAL_STRUCTURE_SUGGESTIONS.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <datalist id={`${idPrefix}-sector-options`}>
        {SECTOR_SUGGESTIONS.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <RadioGroup<SizeBand>
        legend="Size band"
        name={`${idPrefix}-size_band`}
        hint="Your membership size band. It sets certification fees."
        inline
        options={SIZE_BANDS.map((b) => ({ value: b, label: SIZE_BAND_LABEL[b], hint: SIZE_HINTS[b] }))}
        value={p.size_band}
        onChange={(v) => setP((old) => ({ ...old, size_band: v }))}
        error={errors.fieldErrors.size_band}
      />
      <TextField
        id={`${idPrefix}-area`}
        label="Area"
        name="area"
        hint="Where you work, such as a town, a county or a region."
        value={p.area}
        onChange={set('area')}
        error={errors.fieldErrors.area}
      />
      {children}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? busyLabel : submitLabel}
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
