// The forms on a criterion of an application: the Lead's evidence (a link, a
// platform record or a file) and the allocated assessor's verdict.
import { useEffect, useState, type FormEvent } from 'react';
import { useAuth } from '../../auth/AuthContext';
import type { EvidenceKind, EvidenceRecord, RecordKind, SchemeCriterion, Verdict } from '../../api';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { RECORD_KINDS, RECORD_KIND_LABEL, VERDICTS, VERDICT_LABEL, type CriterionWords } from '../../lib/labels';

/** A refusal in a sentence: every field's problem when the server names several. */
export function message(e: unknown): string {
  if (e && typeof e === 'object' && 'fields' in e) {
    const fields = (e as { fields: { field: string; message: string }[] }).fields;
    if (fields.length > 1) return fields.map((f) => f.message).join('; ');
  }
  return e instanceof Error ? e.message : String(e);
}

const MAX_FILE_BYTES = 20 * 1024 * 1024;

export function EvidenceForm({
  criterion,
  words,
  appId,
  onAdd,
  onUpload,
}: {
  criterion: SchemeCriterion;
  words: CriterionWords;
  appId: string;
  onAdd: (body: { kind: EvidenceKind; title: string; url?: string; record_kind?: RecordKind; record_id?: string }) => Promise<void>;
  onUpload: (title: string, file: File) => Promise<void>;
}) {
  const [kind, setKind] = useState<EvidenceKind | 'file'>('link');
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [recordKind, setRecordKind] = useState<RecordKind>('stakeholder_map');
  const [recordId, setRecordId] = useState('');
  const [records, setRecords] = useState<EvidenceRecord[] | null>(null);
  const { api } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = `evidence-${criterion.id}`;
  useEffect(() => {
    if (kind !== 'record') return;
    let live = true;
    setRecords(null);
    setRecordId('');
    api
      .listEvidenceRecords(appId, recordKind)
      .then((r) => {
        if (live) setRecords(r.items);
      })
      .catch((err) => {
        if (live) {
          setRecords([]);
          setError(message(err));
        }
      });
    return () => {
      live = false;
    };
  }, [api, appId, kind, recordKind]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (kind === 'file') {
        if (!file) throw new Error('Choose a file.');
        if (file.size > MAX_FILE_BYTES) throw new Error('The file is larger than 20 MB.');
        await onUpload(title, file);
      } else {
        if (kind === 'record' && !recordId) throw new Error(`Choose a ${RECORD_KIND_LABEL[recordKind].toLowerCase()}.`);
        await onAdd(kind === 'link' ? { kind, title, url } : { kind, title, record_kind: recordKind, record_id: recordId });
      }
      setTitle('');
      setUrl('');
      setRecordId('');
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate className="evidence-form" aria-label={`Add evidence for ${words.name}`}>
      <FormAlert message={error} title="The evidence was not added" />
      <div className="form-row">
        <SelectField id={`${p}-kind`} label="Kind" value={kind} onChange={(e) => setKind(e.target.value as EvidenceKind | 'file')}>
          <option value="link">A link to a document</option>
          <option value="file">A file (PDF, image, office document or CSV; up to 20 MB)</option>
          <option value="record">A record on the platform</option>
        </SelectField>
        <TextField
          id={`${p}-title`}
          label={kind === 'record' ? 'Title (optional: the record\'s own)' : 'Title'}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      {kind === 'file' ? (
        <TextField id={`${p}-file`} label="File" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      ) : kind === 'link' ? (
        <TextField id={`${p}-url`} label="Web address" type="url" placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} />
      ) : (
        <div className="form-row">
          <SelectField id={`${p}-record-kind`} label="Record" value={recordKind} onChange={(e) => setRecordKind(e.target.value as RecordKind)}>
            {RECORD_KINDS.map((k) => (
              <option key={k} value={k}>
                {RECORD_KIND_LABEL[k]}
              </option>
            ))}
          </SelectField>
          <SelectField
            id={`${p}-record-id`}
            label={`Which ${RECORD_KIND_LABEL[recordKind].toLowerCase()}`}
            value={recordId}
            disabled={records === null}
            onChange={(e) => setRecordId(e.target.value)}
          >
            <option value="">{records === null ? 'Loading…' : records.length === 0 ? 'None recorded yet' : 'Choose one'}</option>
            {(records ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--secondary button--small" disabled={busy}>
          Add evidence<span className="visually-hidden"> for {words.name}</span>
        </button>
      </div>
    </form>
  );
}

export function VerdictForm({
  criterion,
  words,
  initial,
  onSave,
}: {
  criterion: SchemeCriterion;
  words: CriterionWords;
  initial?: { verdict: Verdict; feedback: string };
  onSave: (v: Verdict, feedback: string) => Promise<void>;
}) {
  const [verdict, setVerdict] = useState<Verdict>(initial?.verdict ?? 'met');
  const [feedback, setFeedback] = useState(initial?.feedback ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = `verdict-${criterion.id}`;
  return (
    <form
      noValidate
      className="verdict-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await onSave(verdict, feedback);
        } catch (err) {
          setError(message(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <FormAlert message={error} title="The verdict was not saved" />
      <SelectField id={`${p}-verdict`} label={`Verdict on ${words.name}`} value={verdict} onChange={(e) => setVerdict(e.target.value as Verdict)}>
        {VERDICTS.map((v) => (
          <option key={v} value={v}>
            {VERDICT_LABEL[v]}
          </option>
        ))}
      </SelectField>
      <TextAreaField id={`${p}-feedback`} label={`Feedback on ${words.name}`} value={feedback} onChange={(e) => setFeedback(e.target.value)} />
      <button type="submit" className="button button--secondary button--small" disabled={busy}>
        Save verdict<span className="visually-hidden"> on {words.name}</span>
      </button>
    </form>
  );
}
