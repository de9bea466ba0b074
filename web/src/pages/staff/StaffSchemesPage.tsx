// Scheme versions (administrators): every published version of each scheme,
// what changed between two of them in words, and publishing a new version
// from a scheme file (POST /schemes with the file as the body; the server
// checks it and names every problem, which are shown here in words).
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, type Scheme } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { SelectField, TextField } from '../../components/Field';
import { Notice } from '../../components/FormAlert';
import { Badge, EmptyState, ErrorState, Loading } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import {
  count,
  criteriaCount,
  criterionTexts,
  describeFileMessage,
  describeFilePath,
  diffSchemes,
  latestSchemes,
  levelsInOrder,
  schemeFromFile,
  schemeLabel,
  schemeVersions,
  type ChangeGroup,
} from '../../lib/schemes';
import { schemePath } from '../schemes/SchemeCard';
import '../schemes/schemes.css';

/** What changed, group by group; `headingLevel` for the groups' titles. */
export function ChangeList({ groups, headingLevel = 4, none }: { groups: ChangeGroup[]; headingLevel?: 3 | 4; none: string }) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  if (groups.length === 0) return <p className="scheme-diff__none">{none}</p>;
  return (
    <div className="scheme-diff">
      {groups.map((g) => (
        <div key={g.title} className="scheme-diff__group">
          <H className="scheme-diff__title">{g.title}</H>
          <ul className="scheme-diff__list">
            {g.changes.map((c, i) => (
              <li key={i}>
                <p>{c.text}</p>
                {c.before !== undefined || c.after !== undefined ? (
                  <dl className="scheme-diff__texts">
                    <div>
                      <dt>Before</dt>
                      <dd>
                        <del>{c.before}</del>
                      </dd>
                    </div>
                    <div>
                      <dt>Now</dt>
                      <dd>
                        <ins>{c.after}</ins>
                      </dd>
                    </div>
                  </dl>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function VersionsTable({ schemes }: { schemes: Scheme[] }) {
  const families = schemeVersions(schemes);
  return (
    <div className="table-card">
      <table className="table table--stack">
        <caption className="visually-hidden">Published scheme versions</caption>
        <thead>
          <tr>
            <th scope="col">Scheme</th>
            <th scope="col">Version</th>
            <th scope="col">Levels</th>
            <th scope="col">Criteria</th>
            <th scope="col">Standing</th>
          </tr>
        </thead>
        <tbody>
          {families.flatMap(({ latest, versions }) =>
            versions.map((s) => {
              const current = s.version === latest.version;
              return (
                <tr key={`${s.id}-${s.version}`}>
                  <th scope="row" data-label="Scheme">
                    <Link to={schemePath(s, current ? undefined : s.version)}>
                      {schemeLabel(s, schemes)}
                      <span className="visually-hidden">, version {s.version}</span>
                    </Link>
                  </th>
                  <td data-label="Version">{s.version}</td>
                  <td data-label="Levels">{levelsInOrder(s).map((l) => l.name).join(', ')}</td>
                  <td data-label="Criteria">{criteriaCount(s)}</td>
                  <td data-label="Standing">
                    {current ? <Badge tone="success">Current</Badge> : <Badge>Earlier</Badge>}
                    <span className="muted small block">
                      {current ? 'New applications start on it.' : 'Kept for the applications started on it.'}
                    </span>
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </div>
  );
}

interface CompareChoice {
  schemeId: string;
  from: number;
  to: number;
}

/** The usual comparison: the current version of a scheme with the one before it. */
function defaultChoice(schemes: Scheme[], schemeId?: string): CompareChoice | null {
  const families = schemeVersions(schemes);
  const family = families.find((f) => f.latest.id === schemeId) ?? families.find((f) => f.versions.length > 1) ?? families[0];
  if (!family) return null;
  const [newest, previous] = family.versions;
  return { schemeId: family.latest.id, from: (previous ?? newest).version, to: newest.version };
}

function Compare({ schemes, choice, setChoice }: { schemes: Scheme[]; choice: CompareChoice; setChoice: (c: CompareChoice) => void }) {
  const families = schemeVersions(schemes);
  const family = families.find((f) => f.latest.id === choice.schemeId) ?? families[0];
  const [shown, setShown] = useState<CompareChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const result = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (shown) result.current?.focus();
  }, [shown]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (choice.from === choice.to) {
      setError('Choose two different versions.');
      setShown(null);
      return;
    }
    setError(null);
    setShown({ ...choice });
  };

  const shownFamily = shown ? families.find((f) => f.latest.id === shown.schemeId) : undefined;
  const before = shownFamily?.versions.find((v) => v.version === shown?.from);
  const after = shownFamily?.versions.find((v) => v.version === shown?.to);

  return (
    <section className="panel" aria-labelledby="compare-title">
      <div className="panel__head">
        <h2 id="compare-title">Compare two versions</h2>
      </div>
      <form onSubmit={submit} noValidate aria-labelledby="compare-title">
        <div className="form-row">
          <SelectField
            id="compare-scheme"
            label="Scheme"
            value={family.latest.id}
            onChange={(e) => {
              const next = defaultChoice(schemes, e.target.value);
              if (next) setChoice(next);
              setShown(null);
              setError(null);
            }}
          >
            {families.map((f) => (
              <option key={f.latest.id} value={f.latest.id}>
                {schemeLabel(f.latest, schemes)} ({count(f.versions.length, 'version')})
              </option>
            ))}
          </SelectField>
          {family.versions.length > 1 ? (
            <>
              <SelectField
                id="compare-from"
                label="From version"
                value={choice.from}
                error={error}
                onChange={(e) => setChoice({ ...choice, from: Number(e.target.value) })}
              >
                {family.versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    Version {v.version}
                  </option>
                ))}
              </SelectField>
              <SelectField id="compare-to" label="To version" value={choice.to} onChange={(e) => setChoice({ ...choice, to: Number(e.target.value) })}>
                {family.versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    Version {v.version}
                  </option>
                ))}
              </SelectField>
            </>
          ) : null}
        </div>
        {family.versions.length > 1 ? (
          <div className="form-actions">
            <button type="submit" className="button button--primary">
              Compare
            </button>
          </div>
        ) : (
          <p className="muted">Only one version of this scheme is published, so there is nothing to compare it with yet.</p>
        )}
      </form>
      {shown && before && after ? (
        <section className="scheme-compare" aria-labelledby="compare-result-title">
          <h3 id="compare-result-title" ref={result} tabIndex={-1}>
            What changed from version {before.version} to version {after.version}
          </h3>
          <ChangeList
            groups={diffSchemes(before, after)}
            none={`Versions ${before.version} and ${after.version} say the same: the same levels, criteria, fees and validity.`}
          />
        </section>
      ) : null}
    </section>
  );
}

/** A file's text (FileReader where Blob.text is missing). */
function readText(file: Blob): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

interface ChosenFile {
  name: string;
  text: string;
  parsed: unknown;
}

interface Problems {
  title: string;
  items: { where: string | null; message: string }[];
}

/** An error of POST /schemes as a list of problems in words. */
export function problemsOf(err: unknown, file: unknown, schemes: readonly Scheme[]): Problems {
  const preview = schemeFromFile(file);
  const what = preview?.version ? `Version ${preview.version} was not published` : 'The scheme was not published';
  const names = new Map(latestSchemes(schemes).map((s) => [s.id, s.name]));
  if (preview?.id && preview.name) names.set(preview.id, preview.name);
  const criteria = criterionTexts(file);
  if (err instanceof ApiError && err.fields.length > 0) {
    const items = err.fields.map((f) => ({ where: describeFilePath(f.field, file), message: describeFileMessage(f.message, names, criteria) }));
    return { title: `${what}: the file has ${count(items.length, 'problem')}`, items };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { title: what, items: [{ where: null, message: describeFileMessage(message, names, criteria) }] };
}

function Publish({ schemes, onPublished }: { schemes: Scheme[]; onPublished: (s: Scheme) => void }) {
  const { api } = useAuth();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [published, setPublished] = useState<Scheme | null>(null);
  const [busy, setBusy] = useState(false);
  const [inputKey, setInputKey] = useState(0);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problems) alertRef.current?.focus();
  }, [problems]);

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setProblems(null);
    setPublished(null);
    setFileError(null);
    setFile(null);
    if (!f) return;
    const text = await readText(f);
    try {
      setFile({ name: f.name, text, parsed: JSON.parse(text) });
    } catch {
      setFileError('This file is not a scheme file: a scheme file is written in JSON, like the files the server reads its schemes from.');
    }
  };

  const publish = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileError('Choose the scheme file to publish.');
      return;
    }
    setBusy(true);
    setProblems(null);
    try {
      const created = await api.publishScheme(file.text);
      setPublished(created);
      setFile(null);
      setInputKey((k) => k + 1);
      onPublished(created);
    } catch (err) {
      setProblems(problemsOf(err, file.parsed, schemes));
    } finally {
      setBusy(false);
    }
  };

  const preview = file ? schemeFromFile(file.parsed) : null;
  const current = preview ? latestSchemes(schemes).find((s) => s.id === preview.id) : undefined;

  return (
    <section className="panel" aria-labelledby="publish-title">
      <div className="panel__head">
        <h2 id="publish-title">Publish a new version</h2>
      </div>
      <p>
        Choose a scheme file: the JSON file of the whole scheme, in the format of the files the server reads its schemes from. Its
        version number must be above the scheme’s current one; a file for a scheme not listed above starts a new scheme. New
        applications start on the new version, and applications already started keep the version they started on.
      </p>
      {published ? (
        <Notice tone="success">
          Version {published.version} of the {published.name} is published. New applications start on it.{' '}
          <Link to={schemePath(published)}>Read it as applicants see it</Link>
        </Notice>
      ) : null}
      <form onSubmit={publish} noValidate aria-labelledby="publish-title">
        {problems ? (
          <div ref={alertRef} className="alert alert--error scheme-problems" role="alert" tabIndex={-1} id="publish-problems">
            <p className="alert__title">{problems.title}</p>
            <ul>
              {problems.items.map((p, i) => (
                <li key={i}>
                  {p.where ? <strong>{p.where}: </strong> : null}
                  {p.message}
                </li>
              ))}
            </ul>
            <p className="alert__body">Correct the file and choose it again. Nothing was published.</p>
          </div>
        ) : null}
        <TextField
          key={inputKey}
          id="scheme-file"
          label="Scheme file"
          hint="A .json file of the whole scheme."
          type="file"
          accept=".json,application/json"
          error={fileError}
          aria-invalid={fileError || problems ? true : undefined}
          aria-describedby={['scheme-file-hint', fileError ? 'scheme-file-error' : '', problems ? 'publish-problems' : ''].filter(Boolean).join(' ')}
          onChange={(e) => void choose(e)}
        />
        {file && preview ? (
          <section className="subpanel scheme-preview" aria-labelledby="preview-title">
            <h3 id="preview-title">
              {preview.name || 'A scheme without a name'}
              {preview.version ? `, version ${preview.version}` : ''}
            </h3>
            {current ? (
              <>
                <p className="muted">
                  What publishing this file would change, compared with version {current.version}, the current one:
                </p>
                <ChangeList groups={diffSchemes(current, preview)} headingLevel={4} none="The file says the same as the current version." />
              </>
            ) : (
              <p className="muted">
                A new scheme: {count(preview.levels.length, 'level')} and {count(criteriaCount(preview), 'criterion', 'criteria')}.
              </p>
            )}
          </section>
        ) : null}
        {file && !preview ? <p className="muted">This file does not look like a scheme file; publish it to see what the server finds wrong with it.</p> : null}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Publishing…' : preview?.version ? `Publish version ${preview.version}` : 'Publish'}
          </button>
        </div>
      </form>
    </section>
  );
}

export function StaffSchemesPage() {
  const { api } = useAuth();
  const schemes = useLoad(() => api.listSchemes(), [api]);
  const [choice, setChoice] = useState<CompareChoice | null>(null);
  useDocumentTitle('Scheme versions');
  const items = schemes.data?.items ?? [];
  const effective = choice ?? defaultChoice(items);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Staff</p>
          <h1>Scheme versions</h1>
          <p className="page-head__meta">
            Every version of each certification scheme. An application stays on the version it started on; new ones start on the current
            version.
          </p>
        </div>
        <Link to="/schemes" className="button button--secondary">
          Schemes as applicants see them
        </Link>
      </div>
      <section className="panel" aria-labelledby="versions-title">
        <div className="panel__head">
          <h2 id="versions-title">Published versions</h2>
        </div>
        {schemes.status === 'loading' && !schemes.data ? <Loading label="Loading the schemes…" /> : null}
        {schemes.status === 'error' ? <ErrorState error={schemes.error} onRetry={schemes.reload} title="The schemes could not be loaded" /> : null}
        {schemes.data && items.length === 0 ? (
          <EmptyState title="No scheme is published yet">
            <p>Publish the first one below.</p>
          </EmptyState>
        ) : null}
        {items.length > 0 ? <VersionsTable schemes={items} /> : null}
      </section>
      {items.length > 0 && effective ? <Compare schemes={items} choice={effective} setChoice={setChoice} /> : null}
      {schemes.data ? (
        <Publish
          schemes={items}
          onPublished={(s) => {
            void schemes.reload().then(() => {
              const previous = items.filter((x) => x.id === s.id).sort((a, b) => b.version - a.version)[0];
              setChoice({ schemeId: s.id, from: previous?.version ?? s.version, to: s.version });
            });
          }}
        />
      ) : null}
    </div>
  );
}
