import { useState, type FormEvent } from 'react';
import type { Scope, ScopeInput, ScopeKind } from '../../api';
import { CsvButton } from '../../components/CsvButton';
import { ConfirmDialog } from '../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Badge, EmptyState } from '../../components/States';
import { placeError, useFormErrors } from '../../hooks/useFormErrors';
import { SCOPE_KINDS, SCOPE_KIND_LABEL } from '../../lib/labels';
import { checkOptional, checkRequired, collect, hasErrors } from '../../lib/validation';
import { useOrg } from './context';

const FIELDS = ['kind', 'name', 'description'] as const;

export function validateScope(s: ScopeInput) {
  return collect({
    kind: (SCOPE_KINDS as string[]).includes(s.kind) ? undefined : 'Choose what kind of scope this is.',
    name: checkRequired(s.name, 'a name'),
    description: checkOptional(s.description, 'the description', 2000),
  });
}

function ScopeForm({
  initial,
  idPrefix,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: ScopeInput;
  idPrefix: string;
  submitLabel: string;
  onSubmit: (s: ScopeInput) => Promise<void>;
  onCancel?: () => void;
}) {
  const [s, setS] = useState<ScopeInput>(initial);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = { kind: s.kind, name: s.name.trim(), description: s.description.trim() };
    const found = validateScope(value);
    if (hasErrors(found)) {
      errors.setFieldErrors(found);
      errors.setFormError(null);
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await onSubmit(value);
      setS(initial);
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="scope-form">
      <FormAlert message={errors.formError} title="The scope was not saved" />
      <div className="form-row form-row--scope">
        <SelectField
          id={`${idPrefix}-kind`}
          label="Kind"
          value={s.kind}
          onChange={(e) => setS({ ...s, kind: e.target.value as ScopeKind })}
          error={errors.fieldErrors.kind}
        >
          {SCOPE_KINDS.map((k) => (
            <option key={k} value={k}>
              {SCOPE_KIND_LABEL[k]}
            </option>
          ))}
        </SelectField>
        <TextField
          id={`${idPrefix}-name`}
          label="Name"
          value={s.name}
          onChange={(e) => setS({ ...s, name: e.target.value })}
          error={errors.fieldErrors.name}
        />
      </div>
      <TextAreaField
        id={`${idPrefix}-description`}
        label="Description"
        hint="Optional: what it does and for whom."
        value={s.description}
        onChange={(e) => setS({ ...s, description: e.target.value })}
        error={errors.fieldErrors.description}
      />
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

function ScopeItem({ scope }: { scope: Scope }) {
  const { api, canEdit, orgId, reload, notify } = useOrg();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (editing) {
    return (
      <li className="scope scope--editing">
        <ScopeForm
          idPrefix={`scope-${scope.id}`}
          initial={{ kind: scope.kind, name: scope.name, description: scope.description ?? '' }}
          submitLabel="Save scope"
          onSubmit={async (s) => {
            await api.updateScope(orgId, scope.id, s);
            setEditing(false);
            await reload();
            notify('Scope saved');
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="scope">
      <div className="scope__main">
        <p className="scope__name">
          <Badge>{SCOPE_KIND_LABEL[scope.kind] ?? scope.kind}</Badge> {scope.name}
        </p>
        {scope.description ? <p className="scope__description">{scope.description}</p> : null}
      </div>
      {canEdit ? (
        <div className="person__actions">
          <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>
            Edit<span className="visually-hidden"> {scope.name}</span>
          </button>
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => {
              setError(null);
              setConfirming(true);
            }}
          >
            Delete<span className="visually-hidden"> {scope.name}</span>
          </button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${scope.name}?`}
        confirmLabel="Delete scope"
        danger
        busy={busy}
        error={error}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          setBusy(true);
          setError(null);
          try {
            await api.deleteScope(orgId, scope.id);
            setConfirming(false);
            await reload();
            notify(`${scope.name} was deleted`);
          } catch (e) {
            setError(placeError(e, []).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <p>The {SCOPE_KIND_LABEL[scope.kind]?.toLowerCase() ?? 'scope'} is removed from the organisation. Its history stays.</p>
      </ConfirmDialog>
    </li>
  );
}

export function ScopesSection() {
  const { api, dashboard, canEdit, orgId, reload, notify } = useOrg();
  const [adding, setAdding] = useState(false);
  const scopes = [...dashboard.scopes].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  return (
    <section className="panel" aria-labelledby="scopes-title" id="scopes">
      <div className="panel__head">
        <h2 id="scopes-title">
          Scopes <span className="count">{scopes.length}</span>
        </h2>
        <CsvButton
          title={`Scopes of ${dashboard.organisation.name}`}
          rows={scopes}
          columns={[
            { header: 'Kind', value: (s) => SCOPE_KIND_LABEL[s.kind] ?? s.kind },
            { header: 'Name', value: (s) => s.name },
            { header: 'Description', value: (s) => s.description },
            { header: 'Created', value: (s) => s.created_at },
          ]}
        />
        {canEdit && !adding ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setAdding(true)}>
            Add a scope
          </button>
        ) : null}
      </div>
      <p className="muted">Programmes, services, departments and projects that a report or certificate can cover.</p>
      {adding ? (
        <div className="subpanel">
          <h3>New scope</h3>
          <ScopeForm
            idPrefix="new-scope"
            initial={{ kind: 'service', name: '', description: '' }}
            submitLabel="Add scope"
            onSubmit={async (s) => {
              await api.createScope(orgId, s);
              setAdding(false);
              await reload();
              notify(`${s.name} was added`);
            }}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : null}
      {scopes.length === 0 ? (
        <EmptyState title="No scopes yet">
          <p>
            Add the parts of your work you want to measure — for example a youth employment programme, a tenancy support service
            or a new-build project. Impact maps, reports and certificates are made for a scope.
          </p>
        </EmptyState>
      ) : (
        <ul className="scopes" aria-label="Scopes">
          {scopes.map((s) => (
            <ScopeItem key={s.id} scope={s} />
          ))}
        </ul>
      )}
    </section>
  );
}
