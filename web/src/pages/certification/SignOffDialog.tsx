import { useEffect, useState, type FormEvent } from 'react';
import type { Api, Application } from '../../api';
import { Dialog, FormDialogFooter } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { TextField } from '../../components/Field';
import { useFormErrors } from '../../hooks/useFormErrors';
import { orgRoleLabel } from '../../lib/labels';

export interface SignOffDialogProps {
  api: Api;
  application: Application;
  /** The role the person signs as; null: the dialog is closed. */
  role: 'lead' | 'senior_leader' | null;
  onClose: () => void;
  onSigned: () => void;
}

/**
 * A sign-off is a declaration: its words are shown in full, and the person
 * signs with their password, as they would sign a paper form. The server
 * keeps the words with the sign-off.
 */
export function SignOffDialog({ api, application, role, onClose, onSigned }: SignOffDialogProps) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(['password'] as const);
  const { clear } = errors;
  const declaration = application.declarations?.find((d) => d.role === role)?.text ?? '';

  useEffect(() => {
    if (role) {
      setPassword('');
      clear();
    }
  }, [role, clear]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    if (!password) {
      errors.setFieldErrors({ password: 'Enter your password: you sign with it.' });
      return;
    }
    setBusy(true);
    try {
      await api.signOff(application.id, password);
      setPassword('');
      onSigned();
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={role !== null}
      title={role ? `Sign off the evidence as ${orgRoleLabel(role)}` : 'Sign off the evidence'}
      onClose={onClose}
      footer={<FormDialogFooter formId="sign-off-form" label="Sign the declaration" busyLabel="Signing…" busy={busy} onCancel={onClose} />}
    >
      <form id="sign-off-form" onSubmit={submit} noValidate>
        <p>By signing you make this declaration, which is kept with your sign-off:</p>
        <blockquote className="quote declaration">{declaration}</blockquote>
        <p className="muted small">Any later change to the evidence voids the sign-offs, and both representatives sign again.</p>
        <FormAlert message={errors.formError} title="Not signed" />
        <TextField
          label="Your password"
          hint="The one you sign in with: it shows that it is you who signs."
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fieldErrors.password}
          data-autofocus
        />
      </form>
    </Dialog>
  );
}
