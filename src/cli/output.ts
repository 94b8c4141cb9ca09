import { createRequire } from "node:module";
import { createColors } from "picocolors";
import type { Sink } from "./io";

// The table, CSV and spinner modules load on first use: a command that prints JSON loads none of
// them, and `covenant --help` loads this module not at all (`npm run bench:cli`).
const load = createRequire(__filename);
let tableModule: typeof import("cli-table3") | undefined;
let csvModule: typeof import("csv-stringify/sync") | undefined;
let oraModule: typeof import("ora") | undefined;
const Table = (): typeof import("cli-table3") =>
  (tableModule ??= load("cli-table3") as typeof import("cli-table3"));
const stringify: typeof import("csv-stringify/sync").stringify = (...args) =>
  (csvModule ??= load("csv-stringify/sync") as typeof import("csv-stringify/sync")).stringify(...args);
const ora = (options: import("ora").Options): import("ora").Ora =>
  (oraModule ??= load("ora") as typeof import("ora"))(options);

/** How a command prints its result: a human table (default), JSON, or CSV where offered. */
export type Format = "table" | "json" | "csv";

/** JSON.stringify that writes bigints as decimal strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}

/** Table borders without a rule between rows (compact, still aligned by display width). */
const COMPACT = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

/** Puts a rule under the (one-line) header of a compact table, drawn from its top border. */
function withHeaderRule(table: string): string {
  const lines = table.split("\n");
  const rule = lines[0].replace("┌", "├").replace(/┬/g, "┼").replace("┐", "┤");
  return [lines[0], lines[1], rule, ...lines.slice(2)].join("\n");
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "object") return toJson(v);
  return String(v);
}

/** A progress indicator: an ora spinner on a TTY, a silent stand-in otherwise. */
export interface Progress {
  text: string;
  succeed(text?: string): unknown;
  fail(text?: string): unknown;
  stop(): unknown;
}

/**
 * Whether a run's output gets colours: only when its stdout is a terminal, unless NO_COLOR is set or
 * TERM is "dumb"; FORCE_COLOR turns them on anywhere. Decided from the run's own streams and
 * environment (never the process's), so output captured in a test or a pipe is plain text.
 */
export function colorsWanted(stdout: Sink, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined) return false;
  if (env.FORCE_COLOR !== undefined) return true;
  return stdout.isTTY === true && env.TERM !== "dumb";
}

/**
 * Everything a command prints goes through here. stdout carries only the result (one JSON
 * document with --json); progress and notes go to stderr, and not at all with --json.
 * Colours only on a terminal (see `colorsWanted`); cli-table3 measures CJK text by its display
 * width, so Chinese names align.
 */
export class Output {
  private readonly pc: ReturnType<typeof createColors>;

  constructor(
    readonly format: Format = "table",
    private readonly stdout: Sink = process.stdout,
    private readonly stderr: Sink = process.stderr,
    colors = false,
  ) {
    this.pc = createColors(colors);
  }

  get json(): boolean {
    return this.format === "json";
  }

  /** Rows under headers: a table, a JSON array of objects keyed by header, or CSV with a header line. */
  rows(headers: string[], rows: unknown[][], jsonRows?: unknown[]): void {
    if (this.format === "json") {
      this.write(toJson(jsonRows ?? rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]])))));
    } else if (this.format === "csv") {
      this.stdout.write(stringify([headers, ...rows.map((r) => r.map(cell))]));
    } else {
      const t = new (Table())({
        head: headers.map((h) => this.pc.bold(h)),
        style: { head: [], border: [] },
        chars: COMPACT,
      });
      for (const r of rows) t.push(r.map(cell));
      this.write(rows.length ? withHeaderRule(t.toString()) : this.pc.dim("(none)"));
    }
  }

  /** One record: a two-column table of field and value, or the object itself as JSON. */
  record(obj: Record<string, unknown>, title?: string): void {
    if (this.format === "json") {
      this.write(toJson(obj));
      return;
    }
    if (this.format === "csv") {
      this.stdout.write(stringify([Object.keys(obj), Object.values(obj).map(cell)]));
      return;
    }
    const t = new (Table())({ style: { head: [], border: [] }, chars: COMPACT });
    for (const [k, v] of Object.entries(obj)) t.push({ [this.pc.bold(k)]: cell(v) });
    this.write((title ? this.pc.bold(title) + "\n" : "") + t.toString());
  }

  /** A value that is already the JSON answer (for --json), with a human line otherwise. */
  result(json: unknown, human: string): void {
    this.write(this.format === "json" ? toJson(json) : human);
  }

  /** A note for people on stderr (never with --json). */
  note(text: string): void {
    if (!this.json) this.stderr.write(this.pc.dim(text) + "\n");
  }

  /** A progress spinner on stderr, only on a TTY and never with --json; else a silent stand-in. */
  spinner(text: string): Progress {
    if (this.json || !this.stderr.isTTY) {
      return { text, succeed: () => undefined, fail: () => undefined, stop: () => undefined };
    }
    return ora({ text, stream: this.stderr as NodeJS.WritableStream }).start();
  }

  private write(text: string): void {
    this.stdout.write(text.endsWith("\n") ? text : text + "\n");
  }
}

/** A sent transaction as the commands print it in JSON: its hash and block. */
export function txFacts(r: { hash: string; blockNumber: number }): { tx: string; block: number } {
  return { tx: r.hash, block: r.blockNumber };
}

/** `tx 0x… (block 12)`: a sent transaction in a human line. */
export function txLine(r: { hash: string; blockNumber: number }): string {
  return `tx ${r.hash} (block ${r.blockNumber})`;
}
