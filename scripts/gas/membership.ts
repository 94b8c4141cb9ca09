/**
 * Gas of the membership and council hot paths, measured from receipts:
 *   applyForMembership (with its bond), propose, castVote, queue, and executing an admission proposal
 * at 5, 50 and 500 active members, and castVote once a charter is in force (the vote of a member
 * bound by the charter line, which the governor checks, B1). Each is O(1) in the member count: the run
 * fails if one grows by more than 2% from the smallest to any larger scale, or passes its cap (the
 * lean-records caps: applyForMembership 250,000, executing an admission through the Governor and the
 * Timelock 300,000; castVote 90,000). The two capped records are compared with their anchors (EAS
 * attest of one hash; OZ Governor execute through a Timelock writing 2 slots).
 *
 * The members are bootstrapped cheaply: all applications, then all admissions (by the deployer,
 * which keeps COUNCIL in this script only) are mined in one block each, and so are the bulk votes.
 * One block means one total-supply checkpoint; see the note printed at the end for what a long
 * admission history adds (OpenZeppelin's checkpoint lookups are O(log n) in history length).
 *
 * Run: npx hardhat run scripts/gas/membership.ts   (GAS_SCALES=5,50 to pick the scales)
 */
import { ethers, network } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { Wallet } from "ethers";
import {
  Kind,
  Vote,
  admitCall,
  defaultCharterParams,
  deploySuite,
  descriptionHash,
  entityId,
  profileHash,
  type Suite,
} from "../../test/helpers/suite";
import { gasOf, runAlone, type GasRow, type GasRule } from "./common";

export const SCALES = (process.env.GAS_SCALES ?? "5,50,500").split(",").map(Number);

export const RULES: GasRule[] = [
  {
    action: "membership.applyForMembership",
    unit: "members",
    o1: true,
    cap: 250_000,
    anchor: { gas: 200_000, label: "EAS attest of one hash" },
    note: "a fresh applicant with the charter's bond (pulled into Treasury), name 中国钢研科技集团; storage keeps entity id, kind and status, the name and profile hash are in MemberApplied",
  },
  { action: "governor.propose (admission)", unit: "members", o1: true, cap: 200_000 },
  { action: "governor.castVote", unit: "members", o1: true, cap: 90_000 },
  { action: "governor.castVote (charter in force)", unit: "members", o1: true, cap: 90_000 },
  { action: "governor.queue (admission)", unit: "members", o1: true, cap: 200_000 },
  {
    action: "governor.execute (admission)",
    unit: "members",
    o1: true,
    cap: 300_000,
    anchor: { gas: 134_000, label: "OZ Governor execute through a Timelock writing 2 slots" },
    note: "a founding member's admission (no charter in force): status and counts, the seat (ERC-721 owner and balance, the total-supply checkpoint) and its self-delegation (delegate and its first voting checkpoint)",
  },
];

/** Sends every transaction made by `send` into one block. */
async function inOneBlock(send: () => Promise<unknown>): Promise<void> {
  await network.provider.send("evm_setAutomine", [false]);
  try {
    await send();
  } finally {
    await network.provider.send("evm_mine", []);
    await network.provider.send("evm_setAutomine", [true]);
  }
}

/** Fixed transaction fields, so that sending into an unmined block queries nothing about it. */
async function txFields(nonce: number) {
  const fee = await ethers.provider.getFeeData();
  return {
    nonce,
    gasLimit: 600_000,
    maxFeePerGas: fee.maxFeePerGas! * 2n,
    maxPriorityFeePerGas: fee.maxPriorityFeePerGas!,
  };
}

async function wallets(n: number, offset: number): Promise<Wallet[]> {
  const out: Wallet[] = [];
  for (let i = 0; i < n; i++) {
    const w = new ethers.Wallet(ethers.id(`covenant gas member ${offset + i}`), ethers.provider);
    await network.provider.send("hardhat_setBalance", [w.address, "0x56BC75E2D63100000"]);
    out.push(w);
  }
  return out;
}

async function measureAt(n: number): Promise<Record<string, number>> {
  const s: Suite = await deploySuite({ founders: 0, unitCouncil: true, organise: false });
  await network.provider.send("evm_setBlockGasLimit", ["0x" + (2_000_000_000).toString(16)]);
  await s.charter.setParams({ ...defaultCharterParams(), maxMembers: 5000, bondAmount: 0 });
  const members = await wallets(n, n * 10_000);
  const kinds = [Kind.Enterprise, Kind.University, Kind.ResearchInstitute];
  await inOneBlock(async () => {
    for (let i = 0; i < n; i++) {
      await s.membership
        .connect(members[i])
        .applyForMembership(
          entityId(n * 10_000 + i),
          `Member ${i}`,
          kinds[i % 3],
          profileHash(`${i}`),
          await txFields(0),
        );
    }
  });
  let nonce = await s.deployer.getNonce();
  await inOneBlock(async () => {
    for (const m of members) await s.membership.admit(m.address, await txFields(nonce++));
  });
  if ((await s.membership.activeCount()) !== BigInt(n)) throw new Error(`bootstrap admitted the wrong count`);
  await s.charter.setParams({ ...defaultCharterParams(), maxMembers: 5000 });
  await time.increase(1);

  // applyForMembership with the charter's bond, by a fresh applicant.
  const [applicant] = await wallets(1, n * 10_000 + 9_999);
  const bond = defaultCharterParams().bondAmount as bigint;
  await s.token.mint(applicant.address, bond);
  await s.token.connect(applicant).approve(s.treasury.target, bond);
  const applyGas = await gasOf(
    s.membership
      .connect(applicant)
      .applyForMembership(entityId(`APPLICANT${n}`), "中国钢研科技集团", Kind.Enterprise, profileHash("a")),
  );

  // A proposal to admit it; one measured vote, the rest of a quorum in one block.
  const calls = [admitCall(s, applicant.address)];
  const description = `Admit the applicant at ${n}`;
  const proposeGas = await gasOf(
    s.governor.connect(members[0]).propose([calls[0].target], [0], [calls[0].data], description),
  );
  const id = await s.governor.hashProposal(
    [calls[0].target],
    [0],
    [calls[0].data],
    descriptionHash(description),
  );
  await time.increaseTo((await s.governor.proposalSnapshot(id)) + 1n);
  const voteGas = await gasOf(s.governor.connect(members[1]).castVote(id, Vote.For));
  const needed = Number(await s.governor.proposalQuorum(id));
  await inOneBlock(async () => {
    for (let i = 2; i <= needed; i++) {
      await s.governor
        .connect(members[i])
        .castVote(id, Vote.For, await txFields(await members[i].getNonce()));
    }
  });
  await time.increaseTo((await s.governor.proposalDeadline(id)) + 1n);
  const queueGas = await gasOf(
    s.governor.queue([calls[0].target], [0], [calls[0].data], descriptionHash(description)),
  );
  await time.increaseTo(await s.governor.proposalEta(id));
  const execGas = await gasOf(
    s.governor.execute([calls[0].target], [0], [calls[0].data], descriptionHash(description)),
  );
  if ((await s.membership.activeCount()) !== BigInt(n + 1)) throw new Error("admission did not execute");

  // A charter comes into force (MockCharter's line 1) and every member is bound by it; a vote on an
  // ordinary proposal then reads the voter's binding (one warm call into Membership).
  await s.charter.setCharter(1, true);
  nonce = await s.agreements.getNonce();
  await inOneBlock(async () => {
    for (const m of [...members, applicant]) {
      await s.membership.connect(s.agreements).onAccession(m.address, 1, await txFields(nonce++));
    }
  });
  const ordinary = s.membership.interface.encodeFunctionData("setSecretariat", [s.secretariat.address]);
  const ordinaryDescription = `Name the secretariat at ${n}`;
  await s.governor.connect(members[0]).propose([s.membership.target], [0], [ordinary], ordinaryDescription);
  const ordinaryId = await s.governor.hashProposal(
    [s.membership.target],
    [0],
    [ordinary],
    descriptionHash(ordinaryDescription),
  );
  await time.increaseTo((await s.governor.proposalSnapshot(ordinaryId)) + 1n);
  const boundVoteGas = await gasOf(s.governor.connect(members[1]).castVote(ordinaryId, Vote.For));
  return {
    "governor.castVote (charter in force)": boundVoteGas,
    "membership.applyForMembership": applyGas,
    "governor.propose (admission)": proposeGas,
    "governor.castVote": voteGas,
    "governor.queue (admission)": queueGas,
    "governor.execute (admission)": execGas,
  };
}

/** Rows for every action at every scale, each scale on a fresh chain state. */
export async function measure(scales: number[] = SCALES): Promise<GasRow[]> {
  const rows: GasRow[] = [];
  for (const n of scales) {
    // Each scale on a fresh chain state, so nothing of a previous scale leaks in.
    const snap = await network.provider.send("evm_snapshot", []);
    const out = await measureAt(n);
    await network.provider.send("evm_revert", [snap]);
    for (const [action, gas] of Object.entries(out)) rows.push({ action, scale: n, gas });
  }
  return rows;
}

runAlone(module, measure, RULES);
