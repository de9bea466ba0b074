// Form checks that mirror the server's rules (docs/api.md) so that a person
// sees what is wrong before sending; the server stays the judge.

export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

/** Same rule as the server's "must look like an address": something@something.tld, no spaces. */
export function isEmailLike(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

export function checkEmail(value: string): string | undefined {
  if (!value.trim()) return 'Enter an email address.';
  if (!isEmailLike(value)) return 'Enter an email address like name@example.org.';
  return undefined;
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export function checkPassword(value: string): string | undefined {
  if (!value) return 'Enter a password.';
  // Count code points, not UTF-16 units, as a person would.
  const length = [...value].length;
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  return undefined;
}

export function checkRequired(value: string, label: string, max = 200): string | undefined {
  const length = [...value.trim()].length;
  if (length === 0) return `Enter ${label}.`;
  if (length > max) return `Use at most ${max} characters for ${label}.`;
  return undefined;
}

export function checkOptional(value: string, label: string, max = 2000): string | undefined {
  if ([...value].length > max) return `Use at most ${max} characters for ${label}.`;
  return undefined;
}

export function checkDate(value: string, label: string): string | undefined {
  if (!value) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return `Enter ${label} as a date (YYYY-MM-DD).`;
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return `Enter ${label} as a real date.`;
  return undefined;
}

/** Runs the checks and keeps only the messages. */
export function collect<K extends string>(checks: Record<K, string | undefined>): FieldErrors<K> {
  const out: FieldErrors<K> = {};
  for (const key of Object.keys(checks) as K[]) {
    const message = checks[key];
    if (message) out[key] = message;
  }
  return out;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}
