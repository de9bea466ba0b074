// The terms and conditions, shown whole before the Lead accepts them (and to
// anyone reading an application afterwards): the versioned document the
// scheme names, loaded from the server. Accepting records its version.
import { useState } from 'react';
import type { Api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorState, Loading } from '../../components/States';
import { useLoad } from '../../hooks/useLoad';

export function TermsDialog({
  api,
  termsId,
  open,
  onClose,
  onAccept,
}: {
  api: Api;
  termsId: string;
  open: boolean;
  onClose: () => void;
  /** When given, the dialog asks for acceptance; otherwise it only shows the terms. */
  onAccept?: () => Promise<void>;
}) {
  const terms = useLoad(() => (open ? api.getTerms(termsId) : Promise.resolve(null)), [api, termsId, open]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const doc = terms.data;

  const accept = async () => {
    if (!onAccept) return;
    setBusy(true);
    setError(null);
    try {
      await onAccept();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      title={doc?.title ?? 'Terms and conditions'}
      onClose={onClose}
      footer={
        onAccept ? (
          <>
            <button type="button" className="button button--secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="button button--primary" onClick={() => void accept()} disabled={busy || !doc} aria-busy={busy || undefined}>
              {busy ? 'Accepting…' : 'Accept these terms'}
            </button>
          </>
        ) : (
          <button type="button" className="button button--secondary" onClick={onClose}>
            Close
          </button>
        )
      }
    >
      {terms.status === 'loading' && !doc ? <Loading label="Loading the terms…" /> : null}
      {terms.status === 'error' ? <ErrorState error={terms.error} onRetry={terms.reload} title="The terms could not be loaded" /> : null}
      {doc ? (
        <div className="terms-text">
          {doc.text.split(/\n\s*\n/).map((paragraph, i) => (
            <p key={i}>{paragraph}</p>
          ))}
        </div>
      ) : null}
      {onAccept ? <p className="muted small">Accepting records these terms, this version, you and the time with the application.</p> : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
