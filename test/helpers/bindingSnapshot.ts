import type { BaseContract, Interface, Result } from "ethers";
import { ethers } from "hardhat";
import type { AllianceMulticall } from "../../typechain-types";
import type { FullSuite } from "./suite";
import { splitBytesArray } from "./allianceInvariants";

/**
 * The binding snapshot of the consent invariant (B1-B5, B14): everything on chain that binds a
 * member, read after every step of a stateful test, and the check that every change between two
 * snapshots is one the step's consent path explains.
 *
 * What binds a member: the charter in force (its id and line, its document and terms hashes, its
 * parameters), the arbitrator and the panel's parameters that punish members (B14), each member's
 * status, seat and bound charter line, the lead unit, each agreement's status and parties, each
 * asset's status, owners and split, and each licence's status. Every value is read through the views
 * the contracts themselves rely on (`statusOf`, `boundLineOf`, `agreementOf`, `partiesOf`,
 * `ownersOf`, `licenseOf`), in one `eth_call` through the test-only `AllianceMulticall`.
 *
 * The snapshot is a flat map from a key (`member:<address>:status`, `agreement:<id>:parties`, …) to
 * a canonical text of its value. A step declares the changes its consent path allows (`Consent`):
 * each key it may change, with the value the model expects when the model knows it, and why (whose
 * signature, which vote). `checkBinding` then fails on any change no consent explains, and on any
 * expected value that is not there.
 */

/** What to read: accounts, agreements, assets and licences the test's model knows. */
export interface BindingWatch {
  /** Every account whose standing is read (members, applicants, outsiders, role holders). */
  accounts: string[];
  /** Agreements whose status and parties are read. */
  agreementIds: bigint[];
  assetIds: bigint[];
  licenceIds: bigint[];
  /** The charter agreement the model says is in force (its hashes are read). */
  charterId: bigint;
}

export type BindingSnapshot = Map<string, string>;

/** A change a step's consent path allows: `key` may change, to `value` when given; `why` names the consent. */
export interface Consent {
  key: string;
  value?: string;
  why: string;
}

export interface BindingChange {
  key: string;
  before: string | undefined;
  after: string | undefined;
}

type Read = { target: BaseContract; fn: string; args: unknown[]; set: (r: Result, raw: string) => void };

/** Keys of the snapshot, so that tests name them the same way. */
export const K = {
  charterId: "charter:id",
  charterLine: "charter:line",
  charterHashes: "charter:hashes",
  charterParams: "charter:params",
  arbitrator: "disputes:arbitrator",
  panelParams: "panel:params",
  leadUnit: "membership:leadUnit",
  agreementCount: "count:agreements",
  assetCount: "count:assets",
  licenceCount: "count:licences",
  status: (a: string) => `member:${a}:status`,
  seat: (a: string) => `member:${a}:seat`,
  line: (a: string) => `member:${a}:line`,
  agreementStatus: (id: bigint) => `agreement:${id}:status`,
  agreementParties: (id: bigint) => `agreement:${id}:parties`,
  assetStatus: (id: bigint) => `asset:${id}:status`,
  assetOwners: (id: bigint) => `asset:${id}:owners`,
  licenceStatus: (id: bigint) => `licence:${id}:status`,
} as const;

/** The canonical text of an asset's split: `owner=bps` sorted by owner. */
export function splitText(owners: readonly string[], shares: readonly (number | bigint)[]): string {
  return owners
    .map((o, i) => `${o}=${shares[i]}`)
    .sort()
    .join(",");
}

/** The canonical text of a party list (sorted). */
export function partiesText(parties: readonly string[]): string {
  return [...parties].sort().join(",");
}

/** Reads the binding snapshot in one call. */
export async function observeBinding(
  s: FullSuite,
  multicall: AllianceMulticall,
  w: BindingWatch,
): Promise<BindingSnapshot> {
  const snap: BindingSnapshot = new Map();
  const reads: Read[] = [];
  const r = (target: BaseContract, fn: string, args: unknown[], set: Read["set"]) =>
    reads.push({ target, fn, args, set });
  const put = (key: string) => (x: Result) => snap.set(key, String(x[0]));
  const reg = s.registry;
  const mem = s.membership;
  r(reg, "currentCharterId", [], put(K.charterId));
  r(reg, "charterLine", [], put(K.charterLine));
  r(reg, "agreementOf", [w.charterId], (x) =>
    snap.set(K.charterHashes, `${x[0].documentHash}/${x[0].termsHash}`),
  );
  // The parameters as their ABI encoding: any field that changes changes it.
  r(reg, "charterParams", [], (_x, raw) => snap.set(K.charterParams, raw));
  r(s.disputeResolution, "arbitrator", [], put(K.arbitrator));
  r(s.panelArbitrator, "panelParams", [], (x) => snap.set(K.panelParams, `${x[0]}/${x[1]}/${x[2]}`));
  r(mem, "leadUnit", [], put(K.leadUnit));
  r(reg, "agreementCount", [], put(K.agreementCount));
  r(s.ipRegistry, "assetCount", [], put(K.assetCount));
  r(s.licenseManager, "licenseCount", [], put(K.licenceCount));
  for (const a of w.accounts) {
    r(mem, "statusOf", [a], put(K.status(a)));
    r(mem, "balanceOf", [a], put(K.seat(a)));
    r(mem, "boundLineOf", [a], put(K.line(a)));
  }
  for (const id of w.agreementIds) {
    r(reg, "agreementOf", [id], (x) => snap.set(K.agreementStatus(id), String(x[0].status)));
    r(reg, "partiesOf", [id, 0, 1000], (x) =>
      snap.set(K.agreementParties(id), partiesText((x[0] as Result[]).map((p) => p.account as string))),
    );
  }
  for (const id of w.assetIds) {
    r(s.ipRegistry, "assetOf", [id], (x) => snap.set(K.assetStatus(id), String(x[0].status)));
    r(s.ipRegistry, "ownersOf", [id, 0, 1000], (x) =>
      snap.set(K.assetOwners(id), splitText([...x[0]], [...x[1]])),
    );
  }
  for (const id of w.licenceIds) {
    r(s.licenseManager, "licenseOf", [id], (x) => snap.set(K.licenceStatus(id), String(x[0].status)));
  }
  const calls = reads.map((q) => ({
    target: q.target.target as string,
    data: (q.target.interface as Interface).encodeFunctionData(q.fn, q.args),
  }));
  const raw: string = await ethers.provider.send("eth_call", [
    { to: multicall.target, data: multicall.interface.encodeFunctionData("aggregate", [calls]) },
    "latest",
  ]);
  const results = splitBytesArray(raw);
  reads.forEach((q, i) =>
    q.set((q.target.interface as Interface).decodeFunctionResult(q.fn, results[i]), results[i]),
  );
  return snap;
}

/** Every key whose value differs between two snapshots (added and removed keys included). */
export function bindingDiff(prev: BindingSnapshot, next: BindingSnapshot): BindingChange[] {
  const out: BindingChange[] = [];
  for (const [key, after] of next) {
    const before = prev.get(key);
    if (before !== after) out.push({ key, before, after });
  }
  for (const [key, before] of prev) if (!next.has(key)) out.push({ key, before, after: undefined });
  return out;
}

/**
 * The consent invariant: every change from `prev` to `next` is allowed by one of `consents` (the
 * step's legitimate consent path as the model sees it), with the value the model expects when it
 * gives one; and every expected value is there (the consent path did take effect).
 */
export function checkBinding(
  prev: BindingSnapshot,
  next: BindingSnapshot,
  consents: readonly Consent[],
  step: string,
): void {
  const problems: string[] = [];
  for (const c of bindingDiff(prev, next)) {
    const allowed = consents.filter((x) => x.key === c.key);
    if (allowed.length === 0) {
      problems.push(`${c.key}: ${c.before} -> ${c.after} without any consent`);
      continue;
    }
    if (!allowed.some((x) => x.value === undefined || x.value === c.after))
      problems.push(
        `${c.key}: ${c.before} -> ${c.after}, but the consent (${allowed.map((x) => x.why).join("; ")}) allows ${allowed
          .map((x) => x.value)
          .join(" or ")}`,
      );
  }
  for (const x of consents) {
    if (x.value !== undefined && next.get(x.key) !== x.value && next.has(x.key))
      problems.push(`${x.key}: expected ${x.value} (${x.why}), got ${next.get(x.key)}`);
  }
  if (problems.length > 0)
    throw new Error(`consent invariant broken after ${step}:\n  ${problems.join("\n  ")}`);
}
