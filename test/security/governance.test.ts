import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { titlesOf } from "./titles";

/**
 * docs/governance.md lists every power with the test that proves it: each table row's last cell
 * names test files (`test/...ts`) each followed by titles ("..."), and every one must exist.
 */
const ROOT = path.join(__dirname, "..", "..");
const DOC = path.join(ROOT, "docs", "governance.md");

interface PowerRow {
  power: string;
  line: number;
  proofs: { file: string; titles: string[] }[];
}

/** The rows of the power tables: `| power | held by | may change | consent | can never | proven by |`. */
export function parsePowers(markdown: string): PowerRow[] {
  const rows: PowerRow[] = [];
  markdown.split("\n").forEach((row, index) => {
    if (!row.startsWith("|") || /^\|\s*-+\s*\|/.test(row)) return;
    const c = row
      .trim()
      .replace(/^\||\|$/g, "")
      .split(/(?<!\\)\|/)
      .map((x) => x.trim());
    if (c.length < 6 || c[0] === "power") return;
    const proofs: PowerRow["proofs"] = [];
    for (const m of c[c.length - 1].matchAll(/`([^`]+)`|"((?:[^"\\]|\\.)*)"/g)) {
      if (m[1] !== undefined) proofs.push({ file: m[1], titles: [] });
      else if (proofs.length > 0) proofs[proofs.length - 1].titles.push(m[2].replace(/\\\|/g, "|"));
      else proofs.push({ file: "", titles: [m[2]] });
    }
    rows.push({ power: c[0], line: index + 1, proofs });
  });
  return rows;
}

/** What is wrong with the rows: a row without a proof, a file that does not exist, a title not in it. */
function problemsOf(rows: PowerRow[]): string[] {
  const problems: string[] = [];
  for (const r of rows) {
    if (r.proofs.length === 0) problems.push(`line ${r.line}: "${r.power}" names no test`);
    for (const p of r.proofs) {
      if (!/^test\/.+\.ts$/.test(p.file) || !fs.existsSync(path.join(ROOT, p.file))) {
        problems.push(`line ${r.line}: no test file "${p.file}"`);
        continue;
      }
      if (p.titles.length === 0) problems.push(`line ${r.line}: ${p.file} is named without a title`);
      const titles = titlesOf(p.file);
      for (const t of p.titles) {
        if (!titles.has(t)) problems.push(`line ${r.line}: "${t}" is not a title in ${p.file}`);
      }
    }
  }
  return problems;
}

describe("Governance table (docs/governance.md): every power names the tests that prove it", function () {
  it("has a row for each area's powers, each naming test files that exist and titles found in them", function () {
    const rows = parsePowers(fs.readFileSync(DOC, "utf8"));
    expect(rows.length).to.be.greaterThan(50);
    const problems = problemsOf(rows);
    expect(problems, problems.join("\n")).to.deep.equal([]);
  });

  it("detects a row without a test, a missing file and a missing title (the check itself)", function () {
    const doc = [
      "| power | held by | may change | consent it needs | can never | proven by |",
      "| ----- | ------- | ---------- | ---------------- | --------- | --------- |",
      "| a | x | x | x | x | |",
      '| b | x | x | x | x | `test/nowhere/Nothing.test.ts` "a title" |',
      '| c | x | x | x | x | `test/contracts/governance/AllianceGovernor.test.ts` "no such title" |',
    ].join("\n");
    const rows = parsePowers(doc);
    expect(rows.map((r) => r.power)).to.deep.equal(["a", "b", "c"]);
    const problems = problemsOf(rows);
    expect(problems).to.have.length(3);
    expect(problems[0]).to.match(/"a" names no test/);
    expect(problems[1]).to.match(/no test file "test\/nowhere\/Nothing.test.ts"/);
    expect(problems[2]).to.match(/"no such title" is not a title/);
  });
});
