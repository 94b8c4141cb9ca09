/**
 * scripts/merge-coverage.js: CI's coverage runs over parts of the tests, merged into the figures of
 * one run over all of them. solidity-coverage counts lines on its own (`l`), so they are summed like
 * statements, functions and branches; runs of another instrumentation are refused.
 */
import { expect } from "chai";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script without types, run by node in CI
const { merge } = require("../../scripts/merge-coverage.js") as {
  merge: (runs: Record<string, FileCoverage>[]) => Record<string, FileCoverage>;
};

interface FileCoverage {
  path: string;
  l: Record<string, number>;
  s: Record<string, number>;
  f: Record<string, number>;
  b: Record<string, number[]>;
  statementMap: Record<string, unknown>;
  fnMap: Record<string, unknown>;
  branchMap: Record<string, unknown>;
}

const loc = (line: number) => ({ start: { line, column: 0 }, end: { line, column: 9 } });
function file(l: number[], s: number[], f: number[], b: number[][]): FileCoverage {
  return {
    path: "contracts/A.sol",
    l: Object.fromEntries(l.map((n, i) => [String(10 + i), n])),
    s: Object.fromEntries(s.map((n, i) => [String(i + 1), n])),
    f: Object.fromEntries(f.map((n, i) => [String(i + 1), n])),
    b: Object.fromEntries(b.map((n, i) => [String(i + 1), n])),
    statementMap: Object.fromEntries(s.map((_, i) => [String(i + 1), loc(10 + i)])),
    fnMap: Object.fromEntries(f.map((_, i) => [String(i + 1), { name: `f${i}`, line: 10, loc: loc(10) }])),
    branchMap: Object.fromEntries(
      b.map((n, i) => [String(i + 1), { line: 11, type: "if", locations: n.map(() => loc(11)) }]),
    ),
  };
}

describe("CI coverage merge (scripts/merge-coverage.js)", function () {
  it("sums every counter of a file two runs share, lines included, and keeps a file only one run has", function () {
    const a = file([1, 0, 0], [1, 0], [1, 0], [[1, 0]]);
    const b = file([0, 2, 0], [0, 3], [0, 1], [[0, 4]]);
    const other = { ...file([5], [5], [5], [[5, 0]]), path: "contracts/B.sol" };
    const out = merge([{ "contracts/A.sol": a }, { "contracts/A.sol": b, "contracts/B.sol": other }]);
    expect(out["contracts/A.sol"].l).to.deep.equal({ "10": 1, "11": 2, "12": 0 });
    expect(out["contracts/A.sol"].s).to.deep.equal({ "1": 1, "2": 3 });
    expect(out["contracts/A.sol"].f).to.deep.equal({ "1": 1, "2": 1 });
    expect(out["contracts/A.sol"].b).to.deep.equal({ "1": [1, 4] });
    expect(out["contracts/A.sol"].statementMap).to.deep.equal(a.statementMap);
    expect(out["contracts/B.sol"]).to.deep.equal(other);
    // the inputs are left as they were
    expect(a.l).to.deep.equal({ "10": 1, "11": 0, "12": 0 });
  });

  it("refuses runs of another instrumentation: other maps, other counters, no line counts", function () {
    const a = file([1], [1], [1], [[1, 0]]);
    const moved = { ...a, statementMap: { "1": loc(99) } };
    expect(() => merge([{ x: a }, { x: moved }])).to.throw("statementMap differ");
    expect(() => merge([{ x: a }, { x: { ...a, l: { "10": 1, "13": 1 } } }])).to.throw("other lines");
    expect(() => merge([{ x: a }, { x: { ...a, b: { "1": [1] } } }])).to.throw("other branches");
    const { l: _l, ...noLines } = a;
    expect(() => merge([{ x: noLines as FileCoverage }])).to.throw("no line counts");
  });
});
