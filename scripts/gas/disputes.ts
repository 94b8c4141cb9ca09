/**
 * Gas of the disputes module: file a claim, submit evidence, refer, the panel's ruling (which calls
 * `rule`), execute a ruling, record a default, and the whole claim lifecycle summed (`lifecycle`:
 * file, evidence, answer, refer, panel appointment, two votes, the panel's ruling, executeRuling; the
 * panel's vote ends by time, with no closing call). The history keeps no pages or counts on chain (C3, I8: entries are events, folded
 * into heads), so there is no view to measure. Caps and anchors are the lean-records ones (receipt
 * gas, 21,000 base included).
 *
 * Each action is measured twice, once with a history of ~100 entries and once with ~10,000, by two
 * fresh pairs of members on two fresh agreements (so every head starts equally empty). The run
 * fails if an action grows by more than 2% with the history's size.
 *
 * Run: npx hardhat run scripts/gas/disputes.ts   (DISPUTE_HISTORY=100,2000 to pick the two sizes)
 */
import { ethers } from "hardhat";
import { setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import {
  AgreementKind,
  AgreementStatus,
  CONFIDENTIALITY,
  LicenseStatus,
  MEMBER_BOND,
  MemberStatus,
  REMEDY,
  ROLE,
  claimRequest,
  deploySuite,
  disputeOf,
  owedOf,
  recordOf,
  sha,
  tag,
  u,
  type Suite,
} from "../../test/contracts/disputes/helpers";
import { appoint, castVote } from "../../test/helpers/panel";
import { gasOf, runAlone, type GasRow, type GasRule } from "./common";

export const SCALES = (process.env.DISPUTE_HISTORY ?? "100,10000").split(",").map(Number);
const SEED_BATCH = 50;

/** Each action with its lean-records cap and anchor, where the issue names them. */
const ACTIONS: { name: string; cap?: number; anchor?: { gas: number; label: string }; note?: string }[] = [
  {
    name: "fileClaim",
    cap: 250_000,
    anchor: { gas: 297_000, label: "Aragon Court createDispute ≤ 297k" },
    note:
      "lean-records cap 250,000 met (trace of a second claim, 242.2k; 373.7k with the record as a data " +
      "contract and five registry calls): storage keeps one word per claim, a hash of its record, which " +
      "every later call passes back (the claim's word and the count ~23k); the filing checks read the " +
      "registry once (claimTermsOf: the agreement's status and version, the clause, whether claimant and " +
      "respondent are bound, the charter's claim bond, cure and answer periods; 23.6k from the test " +
      "stand-in, 28.3k in the Ignition suite where four reads and charterParams took 40.0k), beside " +
      "membership ~7.9k, licences ~9.5k and the AccessManager ~6.1k; the Treasury's postClaimBond ~40k (its " +
      "token pull ~19k); the Filed entry ~72k (its member's and its clause's heads, both fresh, ~44k; the " +
      "member's word also counts the open claims against it, B6, so the count has no word or call of its " +
      "own). The agreement's ERC-1497 MetaEvidence is emitted at refer, before Dispute, not with every claim",
  },
  {
    name: "submitEvidence",
    cap: 60_000,
    anchor: { gas: 29_000, label: "ERC-1497 evidence event 29k" },
    note: "C3: events only, no history entry",
  },
  { name: "answer", cap: 250_000 },
  {
    name: "refer (createDispute)",
    cap: 250_000,
    note:
      "the PanelArbitrator writes two new words: the dispute's first word and its record, a hash of the " +
      "parties, voting period and panel size (their values are in DisputeParties); 207,772 with three words. " +
      "It also emits the agreement's ERC-1497 MetaEvidence before Dispute, its URI read with agreementOf " +
      "(+24.1k here, the test stand-in copying the whole agreement from storage; the Ignition suite's registry " +
      "reads it from the agreement's data contract: its agreementOf took 9.8k at filing)",
  },
  {
    name: "panel.appointPanel (3 experts)",
    note:
      "the parties come back in calldata, checked against the record, which is rewritten (non-zero to " +
      "non-zero) as the hash of the parties with the list (the list is in PanelAppointed); the AccessManager's " +
      "canCall and three hasRole reads ~22k, the recusal reads ~17k; 103,641 with the list's hash in a new word",
  },
  {
    name: "panel.vote (first vote)",
    cap: 100_000,
    note:
      "the round's first vote: it supplies the parties and the list (checked against the record) and writes the round's votes " +
      "word from zero (~22k); a 31-seat appeal panel's majority vote stays under the cap (PanelArbitrator tests)",
  },
  {
    name: "panel.vote (second vote)",
    cap: 100_000,
    note: "the vote that forms the majority: it fixes the ruling in the votes word, its reasons in PanelRuled",
  },
  {
    name: "panel.executeRuling -> rule",
    note:
      "after the appeal window (the vote ends by time or with its last vote: no closing call); " +
      "DisputeResolution.rule keeps the ruling in the dispute's link word (no history call: the Ruled entry is " +
      "appended by executeRuling, which has the claim's record); 95,543 when rule appended the entry itself",
  },
  {
    name: "executeRuling (slash + licence)",
    cap: 250_000,
    anchor: { gas: 160_000, label: "Aragon Court executeRuling ≤ 160k" },
    note:
      "no token moves (payouts are pulled: the claimant's claimPayout below); outside the disputes contracts: " +
      "the licence manager's suspension ~50k and its status read ~10k, the Treasury's slashToClaim (the bond " +
      "and the two totals' word) ~25k and the AccessManager's checks; the Ruled entry (its actor the arbitrator " +
      "that ruled, its data the dispute id), the Executed entry (which also closes the respondent's open-claims " +
      "count, B6) and two PenaltyApplied entries in one history call; the claim's record comes in calldata and is " +
      "checked against its word's hash, which then commits to what is owed",
  },
  {
    name: "claimPayout (pull)",
    cap: 100_000,
    note:
      "the claimant's pull of the slash and its claim bond (one transfer), given the record and the amount owed " +
      "(ClaimPayoutOwed), both checked against the claim's word; not in lifecycle",
  },
  { name: "recordDefault", cap: 250_000 },
  {
    name: "lifecycle",
    cap: 1_200_000,
    note:
      "the rows file … executeRuling above summed (evidence once, two votes; the panel's vote ends by time, with " +
      "no closing call), for a claim in a running alliance: both columns follow one whole claim by another pair. " +
      "The deployment's very first claim costs 34,200 more, once (1,090,068 measured: the first writes of the " +
      "dispute counter and of the history's length, 17,100 each; the claim counter shares the arbitrator's " +
      "word). Its history entries are Filed, Answered, Referred, and Ruled, Executed and two PenaltyApplied in " +
      "one call at executeRuling; 1,179,657 with the claim's record as a data contract and five registry reads " +
      "at filing, fileClaim as noted above",
  },
];
/** The rows `lifecycle` sums. */
const LIFECYCLE = [
  "fileClaim",
  "submitEvidence",
  "answer",
  "refer (createDispute)",
  "panel.appointPanel (3 experts)",
  "panel.vote (first vote)",
  "panel.vote (second vote)",
  "panel.executeRuling -> rule",
  "executeRuling (slash + licence)",
];
export const RULES: GasRule[] = [
  ...ACTIONS.map((a) => ({
    action: `disputes.${a.name}`,
    unit: "history entries",
    o1: true,
    ...(a.cap === undefined ? {} : { cap: a.cap }),
    ...(a.anchor === undefined ? {} : { anchor: a.anchor }),
    ...(a.note === undefined ? {} : { note: a.note }),
  })),
];

type Row = Record<string, number>;

/** One claim from filing to execution by `claimant` against `respondent` on agreement `agreementId`. */
async function flow(
  s: Suite,
  claimant: HardhatEthersSigner,
  respondent: HardhatEthersSigner,
  agreementId: bigint,
  licenseId: bigint,
): Promise<Row> {
  const row: Row = {};
  const req = claimRequest(respondent.address, {
    agreementId,
    clauseId: CONFIDENTIALITY,
    remedies: REMEDY.DAMAGES | REMEDY.LICENSE_SUSPENSION,
    damages: u(300),
    licenseId,
  });
  row["fileClaim"] = await gasOf(s.disputes.connect(claimant).fileClaim(req));
  const claimId = await s.disputes.claimCount();
  const rec = await recordOf(s.disputes, claimId);
  row["submitEvidence"] = await gasOf(
    s.disputes.connect(respondent).submitEvidence(rec, sha("respondent evidence"), "ipfs://r-1"),
  );
  row["answer"] = await gasOf(s.disputes.connect(respondent).answer(rec, sha("answer"), "ipfs://answer"));
  await time.increaseTo(rec.cureEndsAt + 1n);
  row["refer (createDispute)"] = await gasOf(s.disputes.connect(claimant).refer(rec));
  const disputeId = await disputeOf(s.disputes, claimId);
  const panel = s.experts.slice(0, 3);
  row["panel.appointPanel (3 experts)"] = await gasOf(
    appoint(
      s.panel.connect(s.secretariat),
      disputeId,
      panel.map((e) => e.address),
    ),
  );
  // Two of the three vote (each supplies the appointed list); the vote ends with its period.
  const list = panel.map((e) => e.address);
  row["panel.vote (first vote)"] = await gasOf(
    castVote(s.panel.connect(panel[0]), disputeId, list, 1, sha("reasons")),
  );
  row["panel.vote (second vote)"] = await gasOf(
    castVote(s.panel.connect(panel[1]), disputeId, list, 1, sha("reasons")),
  );
  const d = await s.panel.disputeOf(disputeId);
  await time.increaseTo(d.votingEndsAt + d.appealWindow + 1n);
  row["panel.executeRuling -> rule"] = await gasOf(s.panel.executeRuling(disputeId));
  row["executeRuling (slash + licence)"] = await gasOf(s.disputes.executeRuling(rec, disputeId));
  row["claimPayout (pull)"] = await gasOf(
    s.disputes.connect(claimant).claimPayout(rec, await owedOf(s.disputes, claimId)),
  );
  row["lifecycle"] = LIFECYCLE.reduce((sum, k) => sum + row[k], 0);
  return row;
}

async function newPair(
  s: Suite,
  claimant: HardhatEthersSigner,
  respondent: HardhatEthersSigner,
  agreementId: bigint,
) {
  const treasury = await s.treasury.getAddress();
  for (const m of [claimant, respondent]) {
    await s.membership.setMember(m.address, MemberStatus.Active);
    await s.token.mint(m.address, u(1_000_000));
    await s.token.connect(m).approve(treasury, ethers.MaxUint256);
  }
  await s.treasury.connect(s.membershipModule).postBond(respondent.address, respondent.address, MEMBER_BOND);
  await s.charter.setAgreement(
    agreementId,
    AgreementKind.Charter,
    AgreementStatus.Effective,
    sha(`agreement ${agreementId}`),
    [claimant.address, respondent.address],
    [{ clauseId: CONFIDENTIALITY, damagesCap: u(5000), remedies: REMEDY.ALL }],
  );
  const licenseId = 1000n + agreementId;
  await s.licenses.setLicense(licenseId, LicenseStatus.Active, respondent.address, 1, agreementId);
  return licenseId;
}

/** Rows for every action and page read at the two history sizes. */
export async function measure(scales: number[] = SCALES): Promise<GasRow[]> {
  const [SMALL, LARGE] = scales;
  const s = await deploySuite();
  const signers = await ethers.getSigners();
  const [c1, r1, c2, r2] = [signers[18], signers[19], s.carol, s.dave];
  const seeder = await ethers.deployContract("DisputesHistorySeeder");
  await s.manager.grantRole(ROLE.PROJECTS_MODULE, await seeder.getAddress(), 0);
  const seeded = s.stranger.address; // the member whose long default history is read
  const seed = async (target: number) => {
    let have = Number(await s.history.historyLength());
    while (have < target) {
      const n = Math.min(SEED_BATCH, target - have);
      await seeder.seed(await s.history.getAddress(), seeded, 90n, tag("seed"), n);
      have += n;
    }
  };
  const rows: GasRow[] = [];
  const push = (scale: number, actions: Row) => {
    for (const [k, gas] of Object.entries(actions)) rows.push({ action: `disputes.${k}`, scale, gas });
  };

  // A claim in a running alliance: one whole claim first, by another pair on another agreement, so
  // that neither column pays the deployment's first claim and first dispute (the first writes of the
  // claim and dispute counters and of the history's length, 17,100 gas each). Its lifecycle is printed.
  const [c0, r0] = await Promise.all(
    ["warm-up claimant", "warm-up respondent"].map(async (label) => {
      const address = ethers.getAddress(ethers.id(label).slice(0, 42));
      await setBalance(address, ethers.parseEther("10"));
      return ethers.getImpersonatedSigner(address);
    }),
  );
  const first = await flow(s, c0, r0, 30n, await newPair(s, c0, r0, 30n));
  console.log(
    `disputes: the deployment's first claim: fileClaim ${first["fileClaim"]}, refer ${first["refer (createDispute)"]}, lifecycle ${first["lifecycle"]}`,
  );

  // Scale 1: a history of SMALL entries.
  await seed(SMALL);
  const lic1 = await newPair(s, c1, r1, 31n);
  const small = await flow(s, c1, r1, 31n, lic1);
  small["recordDefault"] = await gasOf(
    s.history
      .connect(s.projectsModule)
      .recordDefault(0, r1.address, 31n, CONFIDENTIALITY, 1n, 1n, u(10), u(1)),
  );
  push(SMALL, small);

  // Scale 2: a history of LARGE entries.
  await seed(LARGE);
  const lic2 = await newPair(s, c2, r2, 32n);
  const large = await flow(s, c2, r2, 32n, lic2);
  large["recordDefault"] = await gasOf(
    s.history
      .connect(s.projectsModule)
      .recordDefault(0, r2.address, 32n, CONFIDENTIALITY, 1n, 1n, u(10), u(1)),
  );
  push(LARGE, large);
  return rows;
}

runAlone(module, measure, RULES);
