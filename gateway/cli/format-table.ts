/** Plain-text helpers for CLI output of the local-model commands. */

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'unknown';
  const gib = bytes / 1024 ** 3;
  return gib >= 1 ? `${gib.toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** A number with fixed decimals, or `?` when the server did not report it (unknown is not zero). */
export function formatNumber(value: number | null | undefined, decimals = 1): string {
  return value === null || value === undefined ? '?' : value.toFixed(decimals);
}

/** Left-aligned columns separated by two spaces, widths from the widest cell. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}
