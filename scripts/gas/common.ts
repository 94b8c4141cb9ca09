/**
 * The one measuring code path shared by `scripts/gas/<area>.ts` (each runnable alone) and
 * `scripts/bench.ts` (all of them): rows of `{ action, scale, gas }` measured from receipts, the
 * rules each action must keep (O(1) in its scale, a cap), one check of those rules and one table.
 */
import type { ContractTransactionResponse, TransactionResponse } from "ethers";

/** One measurement: `gas` used by `action` (receipt `gasUsed`) at `scale` members / parties / ... */
export interface GasRow {
  action: string;
  scale: number;
  gas: number;
}

/** What an action must keep. */
export interface GasRule {
  action: string;
  /** What `scale` counts for this action ("members", "parties", "co-owners", ...). */
  unit: string;
  /** True when the action must cost the same at every scale (no loop over the scale). */
  o1: boolean;
  /** The most gas it may use at any scale. */
  cap?: number;
  /**
   * A documented exception to `cap` that the lead accepted for now: the run fails only above
   * `waiver.max` (a ratchet at the best figure reached), unless BENCH_STRICT=1.
   */
  waiver?: { max: number; reason: string };
  /** One line on what exactly is measured (position, state). */
  note?: string;
  /**
   * For an action O(scale) by design: the most gas one more unit may add, measured between each pair of
   * neighbouring scales, `(gas(b) - gas(a)) / (b - a)` (a run fails above it).
   */
  marginal?: number;
  /**
   * The published figure for the same work (the lean-records table): `gas`, per unit when the rule has
   * `marginal`; the table shows it with the ratio measured / anchor.
   */
  anchor?: { gas: number; label: string };
}

/** The growth tolerance for O(1) actions. */
export const MAX_GROWTH = 0.02;

/** Gas used by a mined transaction (throws if it reverted). */
export async function gasOf(tx: Promise<ContractTransactionResponse | TransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  if (!receipt || receipt.status !== 1) throw new Error("transaction failed");
  return Number(receipt.gasUsed);
}

/**
 * Growth with scale: `(largest at any larger scale - gas at the smallest scale) / gas at the smallest
 * scale`, 0 when nothing is above the smallest scale's figure (a one-time first write at the smallest
 * scale makes later scales cheaper; that is not growth).
 */
export function growthOf(rows: GasRow[]): number {
  const sorted = [...rows].sort((a, b) => a.scale - b.scale);
  const base = sorted[0].gas;
  const top = Math.max(...sorted.map((r) => r.gas));
  return Math.max(0, (top - base) / base);
}

/** The most gas one more unit added between neighbouring scales (0 for a single scale). */
export function marginalOf(rows: GasRow[]): number {
  const sorted = [...rows].sort((a, b) => a.scale - b.scale);
  let worst = 0;
  for (let i = 1; i < sorted.length; i++) {
    const per = (sorted[i].gas - sorted[i - 1].gas) / (sorted[i].scale - sorted[i - 1].scale);
    if (per > worst) worst = per;
  }
  return Math.round(worst);
}

/** One failure line per broken rule; waived caps are reported in `warnings`. */
export function checkRows(
  rows: GasRow[],
  rules: GasRule[],
  strict = process.env.BENCH_STRICT === "1",
): { failures: string[]; warnings: string[] } {
  const failures: string[] = [];
  const warnings: string[] = [];
  for (const rule of rules) {
    const mine = rows.filter((r) => r.action === rule.action);
    if (mine.length === 0) {
      failures.push(`${rule.action}: not measured`);
      continue;
    }
    const growth = growthOf(mine);
    if (rule.o1 && growth > MAX_GROWTH)
      failures.push(`${rule.action} grows ${(growth * 100).toFixed(2)}% with ${rule.unit} (O(1), > 2%)`);
    if (rule.marginal !== undefined && marginalOf(mine) > rule.marginal)
      failures.push(
        `${rule.action}: ${marginalOf(mine)} gas per extra entry of ${rule.unit} > marginal cap ${rule.marginal}`,
      );
    if (rule.cap === undefined) continue;
    const worst = mine.reduce((a, b) => (b.gas > a.gas ? b : a));
    if (worst.gas <= rule.cap) continue;
    const over = mine.filter((r) => r.gas > rule.cap!).map((r) => r.scale);
    const where = `${rule.action}: ${worst.gas} gas > cap ${rule.cap} (at ${rule.unit} ${over.join(", ")})`;
    if (rule.waiver && !strict && worst.gas <= rule.waiver.max)
      warnings.push(`${where}; waived up to ${rule.waiver.max}: ${rule.waiver.reason}`);
    else failures.push(where);
  }
  return { failures, warnings };
}

const fmt = (n: number): string => n.toLocaleString("en-US");

/**
 * A markdown table: one line per action, one column per scale, growth, O(1), cap; with `anchor` and
 * `ratio` columns when a rule names an anchor (a per-unit cap and anchor compare the marginal cost).
 */
export function tableOf(rows: GasRow[], rules: GasRule[]): string {
  const scales = [...new Set(rows.map((r) => r.scale))].sort((a, b) => a - b);
  const anchors = rules.some((r) => r.anchor);
  const lines = [
    `| action | unit | ${scales.map((s) => String(s)).join(" | ")} | growth | O(1) | cap |${anchors ? " anchor | ratio |" : ""}`,
    `|---|---|${scales.map(() => "---:").join("|")}|---:|:---:|---:|${anchors ? "---|---:|" : ""}`,
  ];
  for (const rule of rules) {
    const mine = rows.filter((r) => r.action === rule.action);
    if (mine.length === 0) continue;
    const cells = scales.map((s) => {
      const r = mine.find((x) => x.scale === s);
      return r ? fmt(r.gas) : "";
    });
    const caps: string[] = [];
    if (rule.cap !== undefined) caps.push(fmt(rule.cap) + (rule.waiver ? " (waived)" : ""));
    if (rule.marginal !== undefined)
      caps.push(`${fmt(rule.marginal)} per extra entry (measured ${fmt(marginalOf(mine))})`);
    let anchor = "";
    if (anchors) {
      const measured = rule.marginal !== undefined ? marginalOf(mine) : Math.max(...mine.map((r) => r.gas));
      anchor = rule.anchor ? ` ${rule.anchor.label} | ${(measured / rule.anchor.gas).toFixed(2)} |` : " | |";
    }
    lines.push(
      `| ${rule.action} | ${rule.unit} | ${cells.join(" | ")} | ${(growthOf(mine) * 100).toFixed(2)}% | ${rule.o1 ? "yes" : "no"} | ${caps.join("; ")} |${anchor}`,
    );
  }
  return lines.join("\n");
}

/** For a script run alone: print the table, the warnings and the failures; set the exit code. */
export function reportAlone(rows: GasRow[], rules: GasRule[]): void {
  console.log(tableOf(rows, rules));
  const { failures, warnings } = checkRows(rows, rules);
  for (const w of warnings) console.log(`WARN: ${w}`);
  for (const f of failures) console.error(`FAIL: ${f}`);
  if (failures.length > 0) process.exitCode = 1;
}

/** Runs `measure` when the file is the process's main script (`npx hardhat run scripts/gas/<x>.ts`). */
export function runAlone(
  mod: NodeModule,
  measure: () => Promise<GasRow[]>,
  rules: GasRule[],
  extra?: (rows: GasRow[]) => void,
): void {
  if (require.main !== mod) return;
  measure()
    .then((rows) => {
      reportAlone(rows, rules);
      extra?.(rows);
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    });
}
