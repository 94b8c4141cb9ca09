/**
 * Gas of the membership and council hot paths, measured from receipts:
 *   applyForMembership (with its bond), castVote, and executing an admission proposal
 * at 5, 50 and 500 active members. Each is O(1) in the member count: the script exits non-zero if
 * one grows by more than 2% from the smallest to any larger scale, or passes its cap.
 *
 * The members are bootstrapped cheaply: all applications, then all admissions (by the deployer,
 * which keeps COUNCIL in this script only) are mined in one block each, and so are the bulk votes.
 * One block means one total-supply checkpoint; see the note printed at the end for what a long
 * admission history adds (OpenZeppelin's checkpoint lookups are O(log n) in history length).
 *
 * Run: npx hardhat run scripts/gas/membership.ts
 */
import { ethers, network } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse, Wallet } from "ethers";
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

const SCALES = (process.env.GAS_SCALES ?? "5,50,500").split(",").map(Number);
const MAX_GROWTH = 0.02;
const CAPS: Record<string, number> = {
  applyForMembership: 450_000,
  castVote: 100_000,
  executeAdmission: 450_000,
};

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("no receipt");
  return Number(receipt.gasUsed);
}

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

async function measure(n: number): Promise<Record<string, number>> {
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
  await s.governor.connect(members[0]).propose([calls[0].target], [0], [calls[0].data], description);
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
  await s.governor.queue([calls[0].target], [0], [calls[0].data], descriptionHash(description));
  await time.increaseTo(await s.governor.proposalEta(id));
  const execGas = await gasOf(
    s.governor.execute([calls[0].target], [0], [calls[0].data], descriptionHash(description)),
  );
  if ((await s.membership.activeCount()) !== BigInt(n + 1)) throw new Error("admission did not execute");
  return { applyForMembership: applyGas, castVote: voteGas, executeAdmission: execGas };
}

async function main() {
  const results: Record<number, Record<string, number>> = {};
  for (const n of SCALES) {
    // Each scale on a fresh chain state, so nothing of a previous scale leaks in.
    const snap = await network.provider.send("evm_snapshot", []);
    results[n] = await measure(n);
    await network.provider.send("evm_revert", [snap]);
  }
  const actions = Object.keys(CAPS);
  const failures: string[] = [];
  console.log(`| action | ${SCALES.map((n) => `${n} members`).join(" | ")} | growth | cap |`);
  console.log(`|---|${SCALES.map(() => "---:").join("|")}|---:|---:|`);
  for (const a of actions) {
    const base = results[SCALES[0]][a];
    const worst = Math.max(...SCALES.map((n) => results[n][a]));
    const growth = (worst - base) / base;
    console.log(
      `| ${a} | ${SCALES.map((n) => results[n][a].toLocaleString("en-US")).join(" | ")} | ${(growth * 100).toFixed(2)}% | ${CAPS[a].toLocaleString("en-US")} |`,
    );
    if (growth > MAX_GROWTH) failures.push(`${a} grows ${(growth * 100).toFixed(2)}% with scale`);
    if (worst > CAPS[a]) failures.push(`${a} uses ${worst} gas, above its cap ${CAPS[a]}`);
  }
  if (failures.length) {
    for (const f of failures) console.error(`FAIL: ${f}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
