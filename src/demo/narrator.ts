/**
 * The demo's narration: numbered steps in plain English, each with what happened and the on-chain
 * evidence (transaction hash, block, ids, amounts). Writes to a stream (stdout for `npm run demo`),
 * or nowhere (`covenant demo --json`, the test).
 */
import Table from "cli-table3";
import pc from "picocolors";

export interface TxEvidence {
  hash: string;
  blockNumber: number;
  gasUsed: bigint;
}

const COMPACT = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

export class Narrator {
  private step = 0;
  private readonly started = Date.now();

  constructor(
    readonly totalSteps: number,
    private readonly out?: NodeJS.WritableStream,
  ) {}

  private write(text: string): void {
    this.out?.write(text + "\n");
  }

  /** A banner line. */
  title(text: string): void {
    this.write(pc.bold(text));
  }

  /** Starts the next numbered step: `[ 7/24] 12.3s  Title`. */
  begin(title: string): void {
    this.step += 1;
    const n = `${String(this.step).padStart(String(this.totalSteps).length)}/${this.totalSteps}`;
    const secs = ((Date.now() - this.started) / 1000).toFixed(1).padStart(5);
    this.write("");
    this.write(`${pc.cyan(`[${n}]`)} ${pc.dim(secs + "s")}  ${pc.bold(title)}`);
  }

  /** A line of what happened. */
  say(text: string): void {
    this.write(`        ${text}`);
  }

  /** The evidence of one transaction. */
  tx(what: string, t: TxEvidence): void {
    this.write(`        ${what}`);
    this.write(
      pc.dim(`          tx ${t.hash}  block ${t.blockNumber}  gas ${t.gasUsed.toLocaleString("en-US")}`),
    );
  }

  /** A table (cli-table3 measures CJK text by display width, so Chinese names align). */
  table(headers: string[], rows: (string | number)[][]): void {
    const t = new Table({
      head: headers.map((h) => pc.bold(h)),
      style: { head: [], border: [] },
      chars: COMPACT,
    });
    for (const r of rows) t.push(r.map(String));
    const lines = t.toString().split("\n");
    const rule = lines[0].replace("┌", "├").replace(/┬/g, "┼").replace("┐", "┤");
    for (const l of [lines[0], lines[1], rule, ...lines.slice(2)]) this.write(`        ${l}`);
  }

  get stepsDone(): number {
    return this.step;
  }

  get elapsedSeconds(): number {
    return (Date.now() - this.started) / 1000;
  }
}
