// The broker imports an existing network from a CSV file: all or nothing.
// The report says how many were added and which rows the directory already
// had (with a link to the entry it has); a refused file lists each problem
// by row and column.
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, type DirectoryImportReport } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { downloadFile } from '../../lib/csv';
import { importProblems, importTemplate } from '../../lib/directory';
import './network.css';

/** The largest file read (the server has its own limit). */
const MAX_BYTES = 5 * 1024 * 1024;

export function BrokerImportPage() {
  useDocumentTitle('Import the directory from CSV');
  const { api } = useAuth();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[] | null>(null);
  const [report, setReport] = useState<{ file: string; report: DirectoryImportReport } | null>(null);
  const [busy, setBusy] = useState(false);
  const [inputKey, setInputKey] = useState(0);
  const resultRef = useRef<HTMLDivElement>(null);

  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    setFile(e.target.files?.[0] ?? null);
    setFileError(null);
    setProblems(null);
    setFormError(null);
  };

  const focusResult = () => window.setTimeout(() => resultRef.current?.focus(), 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblems(null);
    setFormError(null);
    setReport(null);
    if (!file) {
      setFileError('Choose a CSV file to import.');
      document.getElementById('import-file')?.focus();
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileError('The file is larger than 5 MB. Split it into smaller files.');
      return;
    }
    setBusy(true);
    try {
      const text = await file.text();
      const answer = await api.brokerImport(text);
      setReport({ file: file.name, report: answer });
      setFile(null);
      setInputKey((k) => k + 1);
      focusResult();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        setProblems(importProblems(err.fields, err.message));
        focusResult();
      } else setFormError(err instanceof Error ? err.message : 'The file could not be sent.');
    } finally {
      setBusy(false);
    }
  };

  const r = report?.report;
  return (
    <div className="page page--narrow">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/broker/directory">The broker’s directory</Link>
      </nav>
      <p className="eyebrow">Broker</p>
      <h1>Import from CSV</h1>
      <p className="lead">Add the enterprises of an existing network at once. Nothing is added unless every row is right; enterprises the directory already has are left out and listed.</p>

      <section className="panel" aria-labelledby="import-format-title">
        <h2 id="import-format-title">The file</h2>
        <p>
          A CSV file with one enterprise a row, under a header row naming its columns. Start from the template: its header row has the eleven columns
          the directory reads, and its example row shows how each is written.
        </p>
        <p>
          <button type="button" className="button button--secondary button--small" onClick={() => downloadFile('directory-import-template.csv', importTemplate())}>
            Download the template
          </button>
        </p>
        <ul>
          <li>Name, and what the enterprise does in 10 to 2,000 characters.</li>
          <li>Legal form and size band (Small, Medium, Large or Very large) as the directory names them. People: the number of staff and volunteers, or 0 when not known.</li>
          <li>Areas and themes: one or several, separated by “;”, as the directory names them, for example “Food and nutrition; Jobs and skills”.</li>
          <li>Website: starting https://, or empty. Contact name and email: only the brokers see them.</li>
          <li>Listed: yes to show the enterprise in the public directory, no to keep it to the brokers.</li>
        </ul>
      </section>

      <form onSubmit={submit} noValidate className="panel" aria-labelledby="import-send-title">
        <h2 id="import-send-title">Import</h2>
        <FormAlert message={formError} title="The file was not imported" />
        <TextField
          key={inputKey}
          id="import-file"
          label="CSV file"
          hint="Saved as CSV (UTF-8) from a spreadsheet."
          type="file"
          accept=".csv,text/csv"
          error={fileError}
          onChange={choose}
        />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
            {busy ? 'Importing…' : 'Import the file'}
          </button>
        </div>
      </form>

      <div ref={resultRef} tabIndex={-1} className="import-result" aria-live="polite">
        {problems ? (
          <div className="alert alert--error" role="alert">
            <p className="alert__title">Nothing was imported: the file has {problems.length === 1 ? 'a problem' : `${problems.length} problems`}</p>
            <ul className="import-problems">
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
            <p className="alert__body">Correct the file and import it again.</p>
          </div>
        ) : null}
        {report && r ? (
          <section className="panel" aria-labelledby="import-report-title">
            <h2 id="import-report-title">Imported {report.file}</h2>
            <p className="import-added">
              <strong>
                {r.added === 0 ? 'No enterprise was added.' : r.added === 1 ? '1 enterprise added.' : `${r.added} enterprises added.`}
              </strong>
            </p>
            {r.duplicates.length > 0 ? (
              <>
                <h3>
                  {r.duplicates.length === 1 ? '1 row left out' : `${r.duplicates.length} rows left out`}: already in the directory
                </h3>
                <ul className="import-duplicates">
                  {r.duplicates.map((d) => (
                    <li key={d.row}>
                      Row {d.row}, {d.name}:{' '}
                      {d.existing_id ? (
                        <>
                          the directory has{' '}
                          <Link to={`/broker/directory/${encodeURIComponent(d.existing_id)}`}>{d.existing_name}</Link>
                        </>
                      ) : (
                        <>the same as {d.existing_name} of the file</>
                      )}
                    </li>
                  ))}
                </ul>
                <p className="muted small">If one of them is a different enterprise with the same name, add it on its own with “Add an enterprise”.</p>
              </>
            ) : (
              <p>No row was already in the directory.</p>
            )}
            <p>
              <Link to="/broker/directory">See the directory</Link>
            </p>
          </section>
        ) : null}
      </div>
    </div>
  );
}
