// Number formatting and Markdown tables shared by the suites and the report.

export type Cell = string | number | null | undefined;

export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
  /** Printed under the table. */
  note?: string;
  /** Per column; default: the first left, the rest right (figures). */
  align?: ('left' | 'right')[];
}

export const fmt = {
  ms: (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(1)),
  us: (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? '–' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)),
  ratio: (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? '–' : `${x.toFixed(2)}×`),
  /** A layout-shift score (unitless, CLS-like). */
  shift: (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? '–' : x.toFixed(3)),
  int: (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? '–' : Math.round(x).toLocaleString('en-US')),
  bytes: (x: number | null | undefined) => {
    if (x == null || !Number.isFinite(x)) return '–';
    if (x < 1024) return `${x} B`;
    if (x < 1024 * 1024) return `${(x / 1024).toFixed(1)} KiB`;
    return `${(x / 1024 / 1024).toFixed(2)} MiB`;
  },
};

function cellText(c: Cell): string {
  if (c == null) return '–';
  return String(c).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(table: Table, headingLevel = 3): string {
  const lines = [`${'#'.repeat(headingLevel)} ${table.title}`, ''];
  lines.push(`| ${table.columns.map(cellText).join(' | ')} |`);
  const align = (i: number) => table.align?.[i] ?? (i === 0 ? 'left' : 'right');
  lines.push(`|${table.columns.map((_, i) => (align(i) === 'left' ? '---' : '---:')).join('|')}|`);
  for (const row of table.rows) lines.push(`| ${row.map(cellText).join(' | ')} |`);
  if (table.note) lines.push('', table.note);
  return lines.join('\n');
}
