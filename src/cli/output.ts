import type { Lang } from './i18n.js';

export interface OutputOptions {
  lang: Lang;
  json: boolean;
  verbose: boolean;
}

/** Human lines go to stdout unless `--json`, where stdout carries exactly one JSON document. */
export class Output {
  constructor(readonly options: OutputOptions) {}

  line(text = ''): void {
    if (!this.options.json) process.stdout.write(`${text}\n`);
  }

  /** A line in the run's language. */
  say(vi: string, en: string): void {
    this.line(this.options.lang === 'en' ? en : vi);
  }

  /** Notices go to stderr so they never corrupt `--json` output. */
  notice(text: string): void {
    process.stderr.write(`${text}\n`);
  }

  json(value: unknown): void {
    if (this.options.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
    if (this.options.json) return;
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
    const fmt = (cells: readonly (string | number)[]) =>
      cells
        .map((c, i) =>
          typeof c === 'number' ? String(c).padStart(widths[i] ?? 0) : String(c).padEnd(widths[i] ?? 0),
        )
        .join('  ');
    this.line(fmt(headers));
    this.line(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of rows) this.line(fmt(row));
  }
}
