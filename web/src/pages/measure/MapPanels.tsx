// The parts of a map around its outcomes: the stakeholder groups and the
// inputs. Groups are named by people; their ids are made from the first
// name and never change, so renaming a group keeps every outcome on it.
//
// Both panels are memoised and given only what they show (not the whole
// map), so that a keystroke in the outcomes grid does not draw them again.
import { memo, useState, type FormEvent } from 'react';
import type { ImpactMap, MapInput, MapStakeholder } from '../../api/measure';
import { INPUT_VALUE, central, formatUncertain, readInteger, readUncertainCell } from './cells';
import { formatMoney } from './format';
import { idFromName, stakeholderName } from './names';

/** A text field that keeps what is typed until it reads, and says why when it does not. */
function CheckedField({
  id,
  label,
  value,
  read,
  onValue,
  onError,
  error,
  className,
}: {
  id: string;
  label: string;
  value: string;
  read: (text: string) => { error: string } | { ok: true };
  onValue: (text: string) => void;
  onError: (message: string | null) => void;
  error?: string;
  className?: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <span className={`checked-field ${className ?? ''}`}>
      <input
        id={id}
        className={`input${error ? ' input--invalid' : ''}`}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        inputMode="decimal"
        value={draft ?? value}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          const r = read(text);
          if ('error' in r) onError(r.error);
          else {
            onError(null);
            onValue(text);
          }
        }}
        onBlur={() => {
          if (!error) setDraft(null);
        }}
      />
      {error ? (
        <span id={`${id}-error`} className="field__error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

type Errors = Record<string, string>;

export const StakeholdersPanel = memo(function StakeholdersPanel({
  stakeholders,
  outcomesPerGroup,
  onChange,
  onAdd,
  errors,
  onError,
}: {
  stakeholders: ImpactMap['stakeholders'];
  /** How many outcomes each group (by id) has. */
  outcomesPerGroup: ReadonlyMap<string, number>;
  onChange: (stakeholders: MapStakeholder[]) => void;
  /** A new group; the editor puts the outcomes of a map without groups on it. */
  onAdd: (group: MapStakeholder) => void;
  errors: Errors;
  onError: (key: string, message: string | null) => void;
}) {
  const groups = stakeholders ?? [];
  const [newName, setNewName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const put = (i: number, s: MapStakeholder) => onChange(groups.map((g, j) => (j === i ? s : g)));
  const add = (e: FormEvent) => {
    e.preventDefault();
    const name = newName.trim();
    if (!name) {
      setProblem('Give the group a name, such as “Family carers”.');
      return;
    }
    if (groups.some((g) => (g.name || g.id).toLowerCase() === name.toLowerCase())) {
      setProblem(`There is already a group called “${name}”.`);
      return;
    }
    const id = idFromName(name, groups.map((g) => g.id));
    onAdd({ id, name, involvement: '' });
    setNewName('');
    setProblem(null);
  };
  const remove = (i: number) => {
    const g = groups[i];
    const used = outcomesPerGroup.get(g.id) ?? 0;
    if (used > 0) {
      setProblem(`“${g.name || g.id}” has ${used === 1 ? 'an outcome' : `${used} outcomes`}. Give ${used === 1 ? 'it' : 'them'} another group, or delete ${used === 1 ? 'it' : 'them'}, first.`);
      return;
    }
    setProblem(null);
    onChange(groups.filter((_, j) => j !== i));
  };

  return (
    <section className="panel" aria-labelledby="stakeholders-title">
      <div className="panel__head">
        <h2 id="stakeholders-title">Stakeholders</h2>
        <p className="muted">The groups who experience change. Outcomes pick their group from this list; renaming a group keeps its outcomes.</p>
      </div>
      {groups.length === 0 ? <p className="muted">No groups yet: add the first below.</p> : null}
      {groups.length > 0 ? (
        <div className="table-scroll">
          <table className="table map-table">
            <caption className="visually-hidden">Stakeholder groups</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Description</th>
                <th scope="col">Number in the group</th>
                <th scope="col">How they were involved</th>
                <th scope="col" className="num">
                  Outcomes
                </th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g, i) => {
                const key = `stakeholders|${g.id}|size`;
                const label = g.name || `group ${i + 1}`;
                return (
                  <tr key={g.id}>
                    <td data-label="Name">
                      <input className="input" aria-label={`Name of stakeholder group ${i + 1}`} value={g.name} onChange={(e) => put(i, { ...g, name: e.target.value })} />
                    </td>
                    <td data-label="Description">
                      <input
                        className="input"
                        aria-label={`Description of ${label}`}
                        placeholder="Who is in the group"
                        value={g.description ?? ''}
                        onChange={(e) => put(i, { ...g, description: e.target.value })}
                      />
                    </td>
                    <td data-label="Number in the group">
                      <CheckedField
                        id={`stakeholder-size-${i}`}
                        label={`Number in the group, ${label}`}
                        value={g.size === undefined ? '' : String(g.size)}
                        error={errors[key]}
                        onError={(m) => onError(key, m)}
                        read={(t) => (t.trim() === '' ? { ok: true } : (() => {
                          const r = readInteger(t, 'Number in the group', 0, 1e10, ' of people or organisations');
                          return 'error' in r ? r : { ok: true as const };
                        })())}
                        onValue={(t) => {
                          const r = readInteger(t, '', 0, 1e10);
                          const next = { ...g };
                          if ('error' in r) delete next.size;
                          else next.size = r.value;
                          put(i, next);
                        }}
                      />
                    </td>
                    <td data-label="How they were involved">
                      <input
                        className="input"
                        aria-label={`How ${label} were involved`}
                        placeholder="Surveys, interviews, focus groups…"
                        value={g.involvement ?? ''}
                        onChange={(e) => put(i, { ...g, involvement: e.target.value })}
                      />
                    </td>
                    <td className="num" data-label="Outcomes">
                      {outcomesPerGroup.get(g.id) ?? 0}
                    </td>
                    <td>
                      <button type="button" className="button button--secondary button--small" aria-label={`Remove ${label}`} onClick={() => remove(i)}>
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <form className="inline-add" onSubmit={add}>
        <label className="field">
          <span className="field__label">New group's name</span>
          <input className="input" value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="e.g. Family carers" />
        </label>
        <button type="submit" className="button button--secondary">
          Add group
        </button>
      </form>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
});

export const InputsPanel = memo(function InputsPanel({
  inputs,
  stakeholders,
  currency,
  onChange,
  errors,
  onError,
}: {
  inputs: MapInput[];
  stakeholders: ImpactMap['stakeholders'];
  currency: string;
  onChange: (inputs: MapInput[]) => void;
  errors: Errors;
  onError: (key: string, message: string | null) => void;
}) {
  const map = { stakeholders };
  const put = (i: number, v: MapInput) => onChange(inputs.map((x, j) => (j === i ? v : x)));
  const groups = stakeholders ?? [];
  // Who contributed: a group's name stands for the group; other text is kept as it is typed.
  const byName = (text: string) => groups.find((g) => (g.name || g.id).toLowerCase() === text.trim().toLowerCase())?.id ?? text;
  const total = inputs.reduce((s, i) => s + central(i.value), 0);
  const inKind = inputs.filter((i) => i.in_kind).reduce((s, i) => s + central(i.value), 0);
  const byWho = new Map<string, number>();
  for (const i of inputs) {
    const who = stakeholderName(map, i.stakeholder) || 'Not given';
    byWho.set(who, (byWho.get(who) ?? 0) + central(i.value));
  }
  return (
    <section className="panel" aria-labelledby="inputs-title">
      <div className="panel__head">
        <h2 id="inputs-title">Inputs</h2>
        <p className="muted">What the activity cost, in money and in kind. Value time and in-kind gifts at what they would cost to buy, and say so in the description.</p>
      </div>
      <datalist id="input-contributors">
        {groups.map((g) => (
          <option key={g.id} value={g.name || g.id} />
        ))}
      </datalist>
      {inputs.length > 0 ? (
        <div className="table-scroll">
          <table className="table map-table">
            <caption className="visually-hidden">Inputs</caption>
            <thead>
              <tr>
                <th scope="col">Contributed by</th>
                <th scope="col">Description</th>
                <th scope="col">Value ({currency})</th>
                <th scope="col">In kind</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {inputs.map((inp, i) => {
                const key = `inputs|${i}|value`;
                return (
                  <tr key={i}>
                    <td data-label="Contributed by">
                      <input
                        className="input"
                        list="input-contributors"
                        aria-label={`Contributed by, input ${i + 1}`}
                        value={stakeholderName(map, inp.stakeholder)}
                        onChange={(e) => put(i, { ...inp, stakeholder: byName(e.target.value) })}
                      />
                    </td>
                    <td data-label="Description">
                      <input className="input" aria-label={`Description, input ${i + 1}`} value={inp.description} onChange={(e) => put(i, { ...inp, description: e.target.value })} />
                    </td>
                    <td data-label={`Value (${currency})`}>
                      <CheckedField
                        id={`input-value-${i}`}
                        label={`Value, input ${i + 1}`}
                        value={formatUncertain(inp.value)}
                        error={errors[key]}
                        onError={(m) => onError(key, m)}
                        read={(t) => {
                          const r = readUncertainCell(t, 'An input’s value', INPUT_VALUE);
                          return 'error' in r ? r : { ok: true };
                        }}
                        onValue={(t) => {
                          const r = readUncertainCell(t, '', INPUT_VALUE);
                          if ('value' in r) put(i, { ...inp, value: r.value });
                        }}
                      />
                    </td>
                    <td data-label="In kind" className="map-table__check">
                      <input
                        type="checkbox"
                        aria-label={`In kind, input ${i + 1}`}
                        checked={inp.in_kind ?? false}
                        onChange={(e) => {
                          const next = { ...inp };
                          if (e.target.checked) next.in_kind = true;
                          else delete next.in_kind;
                          put(i, next);
                        }}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={`Remove input ${i + 1}${inp.description ? `: ${inp.description}` : ''}`}
                        onClick={() => {
                          onError(key, null);
                          onChange(inputs.filter((_, j) => j !== i));
                        }}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  Total inputs
                  {byWho.size > 1 ? (
                    <span className="muted small">
                      {' '}
                      ({[...byWho].map(([who, v]) => `${who} ${formatMoney(v, currency)}`).join(' · ')})
                    </span>
                  ) : null}
                </th>
                <td className="num" data-testid="total-inputs">
                  {formatMoney(total, currency)}
                </td>
                <td className="num muted small" data-testid="total-in-kind">
                  {inKind > 0 ? `${formatMoney(inKind, currency)} in kind` : ''}
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      ) : (
        <p className="muted">No inputs yet: without them the ratio cannot be worked out.</p>
      )}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange([...inputs, { stakeholder: groups[0]?.id ?? '', description: '', value: 0 }])}
      >
        Add input
      </button>
    </section>
  );
});
