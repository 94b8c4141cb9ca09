/**
 * What the demo reports: the members table (names in Chinese with English glosses), a member's
 * breach history read from BreachHistory's paged views, and the summary object printed by
 * `covenant demo --json` and written to `<out>/summary.json`.
 */
import type { BreachHistory, Membership, Treasury } from "../../typechain-types";
import { ENTRY_KIND } from "../sdk/claims";
import { headOf, toLogEntry } from "../sdk/historyLog";
import { MEMBER_KIND, MEMBER_STATUS } from "../sdk/errors";
import { clauseIdToText } from "../sdk/terms";
import { ORGANISATIONS } from "./cast";
import { money } from "./documents";
import type { Mismatch } from "../sdk/verify";

const DEFAULT_KINDS = ["late contribution", "unpaid royalty"];
const REMEDY_NAMES: Record<number, string> = {
  1: "damages (bond slashed)",
  2: "licence suspended",
  4: "licence revoked",
  8: "membership suspended",
  16: "expulsion proposed",
};
const RULINGS = ["refused", "upheld", "rejected"];

export interface HistoryRow {
  entryId: string;
  time: string;
  kind: string;
  /** What it refers to: claim id, or the project / licence id of a default, and the clause. */
  ref: string;
  amount: string;
  penalty: string;
}

export interface DemoSummary {
  chainId: string;
  contracts: Record<string, string>;
  outDir: string;
  charter: { agreementId: string; document: string; terms: string; documentHash: string; termsHash: string };
  members: { key: string; name: string; nameEn: string; address: string }[];
  licensee: { name: string; nameEn: string; address: string };
  multisig: { address: string; owners: string[]; threshold: number };
  projectId: string;
  projectAgreementId: string;
  assetIds: string[];
  licenseIds: string[];
  claimIds: string[];
  spends: { executed: string; vetoed: string };
  defaultingMember: string;
  withdrawnMember: string;
  royalties: {
    netIncome: string;
    claimed: { who: string; address: string; amount: string }[];
    claimedTotal: string;
  };
  slashed: string;
  verify: { ok: boolean; mismatches: Mismatch[] };
  history: HistoryRow[];
  solvency: { balance: string; liabilities: string; ok: boolean };
  transactions: number;
  seconds: number;
}

/** Headers and rows of the members table: Chinese name + English gloss, kind, status, bond. */
export async function memberTable(
  membership: Membership,
  treasury: Treasury,
  accounts: Record<string, string>,
): Promise<[string[], string[][]]> {
  const rows: string[][] = [];
  for (const o of ORGANISATIONS) {
    const address = accounts[o.key];
    const m = await membership.memberOf(address);
    if (Number(m.status) === 0) continue;
    rows.push([
      `${m.name}\n${o.en}`,
      MEMBER_KIND[Number(m.kind)] ?? "Other",
      MEMBER_STATUS[Number(m.status)] ?? "None",
      address,
      money(await treasury.bondOf(address)),
    ]);
  }
  return [["member", "kind", "status", "address", "bond"], rows];
}

/**
 * Every history entry in which `member` is the respondent (claims against it, its defaults), read from
 * the `HistoryAppended` events and verified against the member's on-chain head (I8): a log that does
 * not fold to the head throws.
 */
export async function breachHistory(history: BreachHistory, member: string): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  const logs = await history.queryFilter(
    history.filters.HistoryAppended(undefined, undefined, undefined, member),
  );
  const entries = logs.map((l) => toLogEntry(l.args.entry as unknown as Record<string, unknown>));
  const ids = logs.map((l) => l.args.entryId);
  const head = await history.memberHead(member);
  if (headOf(entries) !== head.head.toLowerCase() || BigInt(entries.length) !== head.count)
    throw new Error(
      `the history log of ${member} does not match its on-chain head: ${entries.length} entries fold to ${headOf(entries)}, the head is ${head.head} over ${head.count}`,
    );
  {
    entries.forEach((e, i) => {
      const kind = ENTRY_KIND[Number(e.kind)] ?? `kind ${e.kind}`;
      const detail =
        kind === "DefaultRecorded"
          ? ` (${DEFAULT_KINDS[Number(e.detailKind)] ?? e.detailKind})`
          : kind === "PenaltyApplied"
            ? ` (${REMEDY_NAMES[Number(e.detailKind)] ?? e.detailKind})`
            : kind === "Ruled"
              ? ` (${RULINGS[Number(e.detailKind)] ?? e.detailKind})`
              : "";
      const clause = clauseIdToText(e.clauseId);
      const ref =
        kind === "DefaultRecorded"
          ? `project/licence #${e.claimId}, agreement #${e.agreementId}, clause ${clause}`
          : `claim #${e.claimId}, agreement #${e.agreementId}, clause ${clause}`;
      rows.push({
        entryId: ids[i].toString(),
        time: new Date(Number(e.recordedAt) * 1000).toISOString().replace(".000Z", "Z"),
        kind: kind + detail,
        ref,
        amount: e.amount === 0n ? "" : e.amount.toString(),
        penalty: e.penalty === 0n ? "" : e.penalty.toString(),
      });
    });
  }
  return rows;
}
