// A complaint about a certified organisation, from anyone, on its
// verification page (reached from the public register). The certifying body
// hears the organisation before it decides, and writes to the complainant
// with the outcome.
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { TextAreaField, TextField } from '../components/Field';
import { FormAlert, Notice } from '../components/FormAlert';
import { useFormErrors } from '../hooks/useFormErrors';

export function ComplaintForm({ certificateId, organisation }: { certificateId: string; organisation: string }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const errors = useFormErrors(['name', 'email', 'text'] as const);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Partial<Record<'name' | 'email' | 'text', string>> = {};
    if (!name.trim()) missing.name = 'Give your name.';
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) missing.email = 'Give an email address such as name@example.org: the outcome is sent there.';
    if (text.trim().length < 10) missing.text = 'Say what the complaint is about, in at least 10 characters.';
    if (Object.keys(missing).length > 0) {
      errors.setFieldErrors(missing);
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      await api.fileComplaint(certificateId, { name, email, text });
      setSent(true);
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  if (sent)
    return (
      <section className="panel" aria-labelledby="complaint-title">
        <h2 id="complaint-title">Complaint received</h2>
        <Notice tone="success">
          Thank you. The certifying body asks {organisation} to answer before it decides anything, and writes to {email.trim()} with the outcome.
        </Notice>
      </section>
    );
  return (
    <section className="panel" aria-labelledby="complaint-title">
      <h2 id="complaint-title">Concerned about {organisation}?</h2>
      {!open ? (
        <>
          <p>If you think {organisation} does not live up to this award, tell the certifying body. It hears the organisation first, and can suspend or revoke the certificate.</p>
          <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
            Make a complaint
          </button>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormAlert message={errors.formError} title="The complaint was not sent" />
          <TextField id="complaint-name" label="Your name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={errors.fieldErrors.name} />
          <TextField
            id="complaint-email"
            type="email"
            label="Your email address"
            hint="For the outcome only: the organisation does not see it."
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errors.fieldErrors.email}
          />
          <TextAreaField id="complaint-text" label="Your complaint" hint="What happened, and when." rows={5} value={text} onChange={(e) => setText(e.target.value)} error={errors.fieldErrors.text} />
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Sending…' : 'Send the complaint'}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
