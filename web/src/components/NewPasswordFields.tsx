import type { RefObject } from 'react';
import { PASSWORD_MIN } from '../lib/validation';
import { TextField } from './Field';

interface Props {
  /** The form field of the new password ("password" or "new_password"), as the server names it. */
  name: string;
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  passwordError?: string | null;
  confirmError?: string | null;
  passwordRef?: RefObject<HTMLInputElement>;
  confirmRef?: RefObject<HTMLInputElement>;
}

/** A new password and the same again: the reset page and the account page. */
export function NewPasswordFields(p: Props) {
  return (
    <>
      <TextField
        ref={p.passwordRef}
        label="New password"
        name={p.name}
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters, not a common password and not your email address.`}
        value={p.password}
        onChange={(e) => p.onPassword(e.target.value)}
        error={p.passwordError}
      />
      <TextField
        ref={p.confirmRef}
        label="New password again"
        name="confirm"
        type="password"
        autoComplete="new-password"
        value={p.confirm}
        onChange={(e) => p.onConfirm(e.target.value)}
        error={p.confirmError}
      />
    </>
  );
}
