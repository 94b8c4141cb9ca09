/**
 * `npm run coverage:check`: reads coverage/coverage-summary.json (written by `npm run coverage`,
 * istanbul json-summary) and fails unless the contracts outside `contracts/mocks/` reach, overall,
 * at least 95% of lines and 90% of branches. Prints every file's figures and names the files below
 * either bar (a file below the bar does not fail the check by itself; the overall figure does).
 *
 * Run: npm run coverage && npm run coverage:check   (COVERAGE_SUMMARY=<path> to read another file)
 */
import fs from "node:fs";
import path from "node:path";

export const MIN_LINES = 95;
export const MIN_BRANCHES = 90;

interface Metric {
  total: number;
  covered: number;
  pct: number | "Unknown";
}
interface FileSummary {
  lines: Metric;
  branches: Metric;
  statements: Metric;
  functions: Metric;
}

const pct = (covered: number, total: number): number => (total === 0 ? 100 : (100 * covered) / total);
const fmt = (n: number): string => n.toFixed(2).padStart(6);

/** Checks a parsed summary; returns the lines to print and whether it passes. */
export function check(summary: Record<string, FileSummary>, root: string): { out: string[]; ok: boolean } {
  const files = Object.entries(summary)
    .filter(([name]) => name !== "total")
    .map(([name, s]) => [path.relative(root, name).split(path.sep).join("/"), s] as const)
    .filter(([name]) => !/(^|\/)contracts\/mocks\//.test(name) && !name.startsWith("mocks/"))
    .sort(([a], [b]) => a.localeCompare(b));
  const out: string[] = [];
  if (files.length === 0) return { out: ["no contract files in the coverage summary"], ok: false };
  const width = Math.max(...files.map(([n]) => n.length));
  out.push(`${"file".padEnd(width)}   lines  branches   (covered/total)`);
  let lines = { covered: 0, total: 0 };
  let branches = { covered: 0, total: 0 };
  const below: string[] = [];
  for (const [name, s] of files) {
    lines = { covered: lines.covered + s.lines.covered, total: lines.total + s.lines.total };
    branches = { covered: branches.covered + s.branches.covered, total: branches.total + s.branches.total };
    const l = pct(s.lines.covered, s.lines.total);
    const b = pct(s.branches.covered, s.branches.total);
    out.push(
      `${name.padEnd(width)}  ${fmt(l)}  ${fmt(b)}    (${s.lines.covered}/${s.lines.total} lines, ${s.branches.covered}/${s.branches.total} branches)`,
    );
    if (l < MIN_LINES || b < MIN_BRANCHES)
      below.push(`${name} (lines ${l.toFixed(2)}%, branches ${b.toFixed(2)}%)`);
  }
  const l = pct(lines.covered, lines.total);
  const b = pct(branches.covered, branches.total);
  out.push(`${"overall (outside mocks/)".padEnd(width)}  ${fmt(l)}  ${fmt(b)}`);
  if (below.length)
    out.push(
      "",
      `files below ${MIN_LINES}% lines or ${MIN_BRANCHES}% branches:`,
      ...below.map((f) => `  ${f}`),
    );
  const ok = l >= MIN_LINES && b >= MIN_BRANCHES;
  out.push(
    "",
    ok
      ? `OK: lines ${l.toFixed(2)}% >= ${MIN_LINES}%, branches ${b.toFixed(2)}% >= ${MIN_BRANCHES}%`
      : `FAIL: lines ${l.toFixed(2)}% (need ${MIN_LINES}%), branches ${b.toFixed(2)}% (need ${MIN_BRANCHES}%)`,
  );
  return { out, ok };
}

function main(): void {
  const root = path.join(__dirname, "..");
  const file = process.env.COVERAGE_SUMMARY ?? path.join(root, "coverage", "coverage-summary.json");
  if (!fs.existsSync(file)) {
    console.error(`no ${path.relative(root, file)}: run \`npm run coverage\` first`);
    process.exit(1);
  }
  const { out, ok } = check(JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, FileSummary>, root);
  for (const line of out) (ok ? console.log : console.error)(line);
  if (!ok) process.exitCode = 1;
}

if (require.main === module) main();
