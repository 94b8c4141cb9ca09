import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { titlesOf } from "./titles";

/**
 * The security checklist's mapping: every id of SECURITY-CHECKLIST.md has at least one row
 * in docs/security.md, and every row names a test file that exists and test titles found in it.
 */
const ROOT = path.join(__dirname, "..", "..");
const DOC = path.join(ROOT, "docs", "security.md");

const range = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
/** Every id of SECURITY-CHECKLIST.md. */
export const CHECKLIST_IDS = [
  ...range("S", 9),
  ...range("A", 6),
  ...range("M", 9),
  ...range("C", 4),
  ...range("I", 10),
  ...range("B", 16),
];

interface Entry {
  id: string;
  file: string;
  titles: string[];
  line: number;
}

/** Splits a markdown table row on `|` not escaped as `\|`. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** The mapping rows of docs/security.md: `| id | statement | `file` | "title"<br>"title" |`. */
export function parseMapping(markdown: string): Entry[] {
  const entries: Entry[] = [];
  markdown.split("\n").forEach((row, index) => {
    const c = cells(row);
    if (!/^\|\s*[SAMCIB]\d+\s*\|/.test(row) || c.length < 4) return;
    const file = c[2].replace(/`/g, "");
    const titles = [...c[3].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\\|/g, "|"));
    entries.push({ id: c[0], file, titles, line: index + 1 });
  });
  return entries;
}

describe("Security checklist mapping (docs/security.md)", function () {
  const entries = parseMapping(fs.readFileSync(DOC, "utf8"));

  it("has an entry for every checklist id (S1-S9, A1-A6, M1-M9, C1-C4, I1-I10, B1-B16)", function () {
    const mapped = new Set(entries.map((e) => e.id));
    const missing = CHECKLIST_IDS.filter((id) => !mapped.has(id));
    expect(missing, `ids without an entry in docs/security.md: ${missing.join(", ")}`).to.deep.equal([]);
  });

  it("names only checklist ids, each entry with at least one test title", function () {
    for (const e of entries) {
      expect(CHECKLIST_IDS, `line ${e.line}: unknown id ${e.id}`).to.include(e.id);
      expect(e.titles.length, `line ${e.line}: ${e.id} names no test title`).to.be.greaterThan(0);
    }
  });

  it("names test files that exist and titles found in them", function () {
    const problems: string[] = [];
    for (const e of entries) {
      if (!/^test\/.+\.ts$/.test(e.file) || !fs.existsSync(path.join(ROOT, e.file))) {
        problems.push(`line ${e.line}: ${e.id}: no test file ${e.file}`);
        continue;
      }
      const titles = titlesOf(e.file);
      for (const t of e.titles) {
        if (!titles.has(t)) problems.push(`line ${e.line}: ${e.id}: "${t}" is not a title in ${e.file}`);
      }
    }
    expect(problems, problems.join("\n")).to.deep.equal([]);
  });

  it("detects a missing id, a missing file and a missing title (the check itself)", function () {
    const doc = [
      '| S1 | x | `test/contracts/agreements/AgreementRegistry.test.ts` | "no such title" |',
      '| S2 | x | `test/nowhere/Nothing.test.ts` | "a title" |',
      '| B3 | x | `test/contracts/governance/AllianceGovernor.test.ts` | "a title" |',
    ].join("\n");
    const parsed = parseMapping(doc);
    expect(parsed.map((e) => e.id)).to.deep.equal(["S1", "S2", "B3"]);
    expect(titlesOf(parsed[0].file).has(parsed[0].titles[0])).to.equal(false);
    expect(fs.existsSync(path.join(ROOT, parsed[1].file))).to.equal(false);
    expect(CHECKLIST_IDS.filter((id) => !parsed.some((e) => e.id === id))).to.include.members(["S3", "B1"]);
  });

  it("reads an escaped pipe in a title as a literal pipe", function () {
    const [e] = parseMapping('| A5 | x | `test/a.test.ts` | "end \\| start"<br>"b" |');
    expect(e.titles).to.deep.equal(["end | start", "b"]);
  });
});
