/**
 * Gas of signing an agreement, directly and by a relayed EIP-712 signature, for agreements of 3
 * and 300 parties (issue 3). Signing must cost the same at both sizes (no loop over parties), a
 * direct sign less than 80,000 gas and a relayed one less than 100,000. Measures a signature that
 * is not the last one and the last one (which makes the agreement Effective).
 *
 * Run: npx hardhat run scripts/gas/agreements.ts [--network <name>]
 * Uses only ordinary transactions from the first three accounts; the other parties are
 * deterministic keys that only sign typed data offline (they need no funds).
 */
import { ethers } from "hardhat";
import type { Signer, TransactionResponse } from "ethers";
import type { AgreementRegistry } from "../../typechain-types";
import { sha256Hex } from "../../src/sdk/hash";
import { charterParamsFromJson, termsHash, type CharterParamsJson } from "../../src/sdk/terms";
import { signAgreement } from "../../src/sdk/eip712";
import charterTerms from "../../docs/examples/charter.terms.json";

const SIZES = [3, Number(process.env.N ?? 300)];
const CAP_DIRECT = 80_000n;
const CAP_RELAYED = 100_000n;
const MAX_GROWTH = 0.02;

interface Row {
  action: string;
  parties: number;
  gasUsed: bigint;
  calldataGas: bigint;
}

/** Intrinsic cost of the transaction's data (4 gas a zero byte, 16 a non-zero byte). */
function calldataGas(data: string): bigint {
  let gas = 0n;
  for (const b of ethers.getBytes(data)) gas += b === 0 ? 4n : 16n;
  return gas;
}

async function gasOf(tx: Promise<TransactionResponse>): Promise<{ gasUsed: bigint; calldataGas: bigint }> {
  const sent = await tx;
  const receipt = await sent.wait();
  if (!receipt || receipt.status !== 1) throw new Error("transaction failed");
  return { gasUsed: receipt.gasUsed, calldataGas: calldataGas(sent.data) };
}

async function main() {
  const [deployer, directA, directB] = await ethers.getSigners();
  const manager = await ethers.deployContract("AgreementsAccessManager", [deployer.address]);
  const membership = await ethers.deployContract("AgreementsMembershipProbe");
  const genesis = charterParamsFromJson(charterTerms.parameters as CharterParamsJson);
  const registry = (await ethers.deployContract("AgreementRegistry", [
    await manager.getAddress(),
    genesis,
  ])) as unknown as AgreementRegistry;
  await registry.bindMembership(await membership.getAddress());
  const documentHash = sha256Hex("联合研发项目协议 — gas measurement\n");
  const terms = termsHash({ schema: "covenant/project-terms/v1", kind: "Project" });
  const keys = Array.from(
    { length: 300 },
    (_, i) => new ethers.Wallet(ethers.keccak256(ethers.toUtf8Bytes(`covenant-gas-party-${i}`))),
  );
  const deadline = BigInt((await ethers.provider.getBlock("latest"))!.timestamp + 86_400);
  const rows: Row[] = [];
  const creation: { parties: number; gasUsed: bigint }[] = [];

  async function create(creator: Signer, parties: string[]): Promise<bigint> {
    const { gasUsed } = await gasOf(
      registry.connect(creator).createAgreement({
        kind: 1,
        parentId: 0n,
        documentHash,
        termsHash: terms,
        uri: "ipfs://gas",
        parties,
        clauses: [{ clauseId: ethers.encodeBytes32String("8.1"), damagesCap: 1n, remedies: 1n }],
      }),
    );
    creation.push({ parties: parties.length, gasUsed });
    return registry.agreementCount();
  }

  async function relay(id: bigint, key: Signer) {
    const { signature } = await signAgreement(key, registry, id, deadline);
    return gasOf(
      registry
        .connect(deployer)
        .signWithSignature(id, documentHash, terms, await key.getAddress(), deadline, signature),
    );
  }

  for (const n of SIZES) {
    // Direct: directA signs first, n - 2 relayed signatures, directB signs last.
    const others = keys.slice(0, n - 2);
    const direct = await create(directA, [directA.address, directB.address, ...others.map((k) => k.address)]);
    rows.push({
      action: "direct sign (not last)",
      parties: n,
      ...(await gasOf(registry.connect(directA).sign(direct, documentHash, terms))),
    });
    for (const k of others) await relay(direct, k);
    rows.push({
      action: "direct sign (last -> Effective)",
      parties: n,
      ...(await gasOf(registry.connect(directB).sign(direct, documentHash, terms))),
    });

    // Relayed: keys[0] first, the other n - 2 keys, directA (an EOA signing offline too) last.
    const relayedParties = keys.slice(0, n - 1);
    const relayed = await create(directA, [directA.address, ...relayedParties.map((k) => k.address)]);
    rows.push({
      action: "relayed EIP-712 sign (not last)",
      parties: n,
      ...(await relay(relayed, relayedParties[0])),
    });
    for (const k of relayedParties.slice(1)) await relay(relayed, k);
    rows.push({
      action: "relayed EIP-712 sign (last -> Effective)",
      parties: n,
      ...(await relay(relayed, directA)),
    });
    if (!(await registry.isEffective(direct)) || !(await registry.isEffective(relayed))) {
      throw new Error("agreements did not become Effective");
    }
  }

  const failures: string[] = [];
  console.log(
    "| action | parties | gas used | of which calldata | execution (gas used - 21000 - calldata) |",
  );
  console.log("|---|---:|---:|---:|---:|");
  for (const r of rows) {
    const exec = r.gasUsed - 21_000n - r.calldataGas;
    console.log(`| ${r.action} | ${r.parties} | ${r.gasUsed} | ${r.calldataGas} | ${exec} |`);
    const cap = r.action.startsWith("direct") ? CAP_DIRECT : CAP_RELAYED;
    if (r.gasUsed >= cap) failures.push(`${r.action} at ${r.parties} parties: ${r.gasUsed} >= cap ${cap}`);
  }
  console.log("");
  console.log("| action | 3 parties | 300 parties | growth | execution equal |");
  console.log("|---|---:|---:|---:|---|");
  for (const action of [...new Set(rows.map((r) => r.action))]) {
    const [small, large] = SIZES.map((n) => rows.find((r) => r.action === action && r.parties === n)!);
    const growth = Number(large.gasUsed - small.gasUsed) / Number(small.gasUsed);
    const execSmall = small.gasUsed - small.calldataGas;
    const execLarge = large.gasUsed - large.calldataGas;
    console.log(
      `| ${action} | ${small.gasUsed} | ${large.gasUsed} | ${(growth * 100).toFixed(3)}% | ${execSmall === execLarge ? "yes" : `no (${execSmall} vs ${execLarge})`} |`,
    );
    if (growth > MAX_GROWTH)
      failures.push(`${action} grows by ${(growth * 100).toFixed(2)}% from 3 to 300 parties`);
    if (execSmall !== execLarge) failures.push(`${action}: execution gas differs between 3 and 300 parties`);
  }
  console.log("");
  console.log("| creation (informative, O(parties), first-time parties) | gas used |");
  console.log("|---|---:|");
  const seen = new Set<number>();
  for (const c of creation) {
    if (seen.has(c.parties)) continue;
    seen.add(c.parties);
    console.log(`| createAgreement, ${c.parties} parties | ${c.gasUsed} |`);
  }

  if (failures.length > 0) {
    for (const f of failures) console.error(`FAIL: ${f}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
