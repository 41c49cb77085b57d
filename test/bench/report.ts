// Small helpers the benchmarks share: statistics over timing samples and Markdown tables.

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

/** `value`, or a thrown error naming `what` was missing (the harness's non-null assertion). */
export function need<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`bench: missing ${what}`);
  return value;
}

export function min(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.min(...values);
}

export function max(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.max(...values);
}

/** `1234567.8` → `1,234,568`; small values keep `digits` decimals. */
export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${formatNumber(value, value < 10 ? 2 : value < 100 ? 1 : 0)} ms`;
}

export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

export type Align = 'left' | 'right';

/** A GitHub-flavoured Markdown table; `align` per column (numbers read best right-aligned). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const widths = header.map((title, column) =>
    Math.max(3, escape(title).length, ...rows.map((row) => escape(row[column] ?? '').length)),
  );
  const pad = (cell: string, column: number) => {
    const text = escape(cell);
    const width = widths[column] ?? 0;
    return align[column] === 'right' ? text.padStart(width) : text.padEnd(width);
  };
  const line = (cells: readonly string[]) => `| ${header.map((_, column) => pad(cells[column] ?? '', column)).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (align[column] === 'right' ? `${'-'.repeat(width + 1)}:` : `${'-'.repeat(width + 2)}`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Progress for the person watching; stderr, so stdout holds only the Markdown report. */
export function progress(message: string): void {
  process.stderr.write(`· ${message}\n`);
}
