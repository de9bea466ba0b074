// A resource of the library, added or changed (the administrator's page):
// its title, kind and summary, a link or a file (read here as base64), and
// the schemes and criteria it serves.
import { useState } from 'react';
import type { Resource, ResourceInput, ResourceKind } from '../../api/support';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { RadioGroup } from '../../components/RadioGroup';
import {
  LINK_MAX,
  NAME_MAX,
  RESOURCE_FIELDS,
  RESOURCE_KINDS,
  RESOURCE_KIND_LABEL,
  SUMMARY_MAX,
  SUMMARY_MIN,
  checkResource,
  fileInWords,
  readAsBase64,
  resourceDraft,
  resourceInput,
  toggleCriterion,
  type CriterionGroup,
  type ResourceDraft,
} from '../../lib/support';
import { CheckboxGroup } from '../network/CheckboxGroup';
import { CriteriaPicker } from './CriteriaPicker';
import { FormButtons, StaleNotice, useRegisterForm } from './formParts';

/** The files the server takes (judged by their content): PDF, office documents, images, CSV. */
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.csv,.png,.jpg,.jpeg,.gif,.webp';

export function ResourceForm({
  initial,
  groups,
  onSubmit,
  onCancel,
  onReload,
}: {
  initial?: Resource;
  groups: readonly CriterionGroup[];
  onSubmit: (input: ResourceInput) => Promise<void>;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const [d, setD] = useState<ResourceDraft>(() => resourceDraft(initial));
  const [file, setFile] = useState<File | null>(null);
  const set = <K extends keyof ResourceDraft>(k: K, v: ResourceDraft[K]) => setD((old) => ({ ...old, [k]: v }));
  const { errors, fe, busy, stale, formRef, submit } = useRegisterForm(RESOURCE_FIELDS);
  const hasFile = Boolean(initial && !initial.link && initial.file_name);

  return (
    <form
      ref={formRef}
      className="register-form"
      aria-label={initial ? `Change ${initial.title}` : 'Add a resource'}
      noValidate
      onSubmit={submit(
        () => checkResource(d),
        async () => onSubmit(resourceInput(d, d.source === 'file' && file ? await readAsBase64(file) : null, initial?.version)),
      )}
    >
      <FormAlert message={errors.formError} title={initial ? 'The changes were not saved' : 'The resource was not added'} />
      {stale ? <StaleNotice what="this resource" onReload={onReload} /> : null}
      <TextField id="resource-title" label="Title" autoComplete="off" maxLength={NAME_MAX} value={d.title} onChange={(e) => set('title', e.target.value)} error={fe.title} />
      <SelectField id="resource-kind" label="Kind" value={d.kind} onChange={(e) => set('kind', e.target.value as ResourceKind | '')} error={fe.kind}>
        <option value="">Choose…</option>
        {RESOURCE_KINDS.map((k) => (
          <option key={k} value={k}>
            {RESOURCE_KIND_LABEL[k]}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id="resource-summary"
        label="Summary"
        hint={`What it is and who it helps, in ${SUMMARY_MIN} to ${SUMMARY_MAX.toLocaleString('en-GB')} characters. Searches read it.`}
        rows={4}
        maxLength={SUMMARY_MAX}
        showCount
        value={d.summary}
        onChange={(e) => set('summary', e.target.value)}
        error={fe.summary}
      />
      <RadioGroup<'link' | 'file'>
        legend="Is it a link or a file?"
        name="resource-source"
        options={[
          { value: 'link', label: 'A link', hint: 'A web page, a video or a document held elsewhere.' },
          { value: 'file', label: 'A file', hint: 'A PDF, an office document, an image or a CSV file, up to 10 MB.' },
        ]}
        value={d.source}
        onChange={(v) => set('source', v)}
        error={fe.source}
      />
      {d.source === 'link' ? (
        <TextField
          id="resource-link"
          label="Web address"
          type="url"
          hint={hasFile ? 'Starting https://. The link replaces the file the resource has now.' : 'Starting https://'}
          maxLength={LINK_MAX}
          value={d.link}
          onChange={(e) => set('link', e.target.value)}
          error={fe.link}
        />
      ) : null}
      {d.source === 'file' ? (
        <>
          {hasFile && initial ? (
            <p className="register-form__current">
              It has a file now ({fileInWords(initial)}). Choose another only to replace it.
            </p>
          ) : null}
          <TextField
            id="resource-file"
            label={hasFile ? 'Another file to upload (optional)' : 'File to upload'}
            type="file"
            accept={ACCEPT}
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              set('file', chosen ? { name: chosen.name, size: chosen.size } : null);
            }}
            error={fe.file ?? (d.source === 'file' ? fe.link : undefined)}
          />
        </>
      ) : null}
      <CheckboxGroup
        legend="Schemes it serves (optional)"
        options={groups.map((g) => ({ value: g.schemeId, label: g.scheme }))}
        values={d.schemes}
        onChange={(v) => set('schemes', v)}
        error={fe.schemes}
      />
      <CriteriaPicker
        legend="Criteria it helps with (optional)"
        groups={groups}
        value={d.criteria}
        onToggle={(id, on) => setD((old) => ({ ...old, ...toggleCriterion(old, groups, id, on) }))}
        error={fe.criteria}
      />
      <FormButtons busy={busy} label={initial ? 'Save the changes' : 'Add the resource'} busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
