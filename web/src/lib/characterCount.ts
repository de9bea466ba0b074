// How many characters a text field with a limit has left, shown only when
// the limit is near, so that a short answer is not crowded by a number.
//
// Characters are counted as the browser's maxLength counts them (UTF-16
// units), so the count reaches 0 exactly where the field stops taking more.

/** Within this share of the limit the count is shown: the last 20 %. */
export const NEAR_LIMIT = 0.2;

/**
 * The characters left before `max` (negative when over: a value read from
 * elsewhere may be longer than the field lets anyone type), or null while
 * the text is further than `near` of the limit from it.
 */
export function charactersLeft(value: string, max: number | undefined | null, near = NEAR_LIMIT): number | null {
  if (!max || max <= 0) return null;
  const left = max - value.length;
  return left <= Math.floor(max * near) ? left : null;
}

/** "1 character left", "120 characters left", "3 characters too many". */
export function charactersLeftInWords(left: number): string {
  const n = Math.abs(left);
  const count = n.toLocaleString('en-GB');
  if (left >= 0) return n === 1 ? '1 character left' : `${count} characters left`;
  return n === 1 ? '1 character too many' : `${count} characters too many`;
}
