/**
 * CSV as RFC 4180 has it (CRLF line ends, fields quoted when they hold a comma, quote or line
 * break, quotes doubled), safe to open in a spreadsheet: a text cell starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return is prefixed with `'` so it is never taken for a formula
 * (repository names, rule ids, acceptance reasons and team names come from users).
 */
export type Cell = string | number | boolean | null | undefined;

export function csv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
