/** Enough of a key to recognise it, not enough to use it. */
export function maskSecret(value: string): string {
  if (value === '') return '';
  return value.length <= 8 ? '••••' : `${value.slice(0, 4)}…${value.slice(-4)}`;
}
