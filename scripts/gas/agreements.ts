/**
 * Gas of creating and signing an agreement, directly and by a relayed EIP-712 signature, for
 * agreements of 2, 10, 50, 200 and 1,000 parties (F2, I10). Signing must cost the same at every size
 * (no loop over parties: a search of fixed length), a direct sign at most 80,000 gas and a relayed one at most
 * 100,000. Measures a signature that is not the last one and the last one (which makes the agreement
 * Effective; not at 1,000 parties, which would take 2,000 relays). createAgreement is O(parties) by
 * design and may add at most 15,000 gas per party between neighbouring scales (lean records).
 *
 * Run: npx hardhat run scripts/gas/agreements.ts [--network <name>]   (AGREEMENT_SCALES=2,50)
 * Uses only ordinary transactions from the first three accounts; the other parties are
 * deterministic keys that only sign typed data offline (they need no funds).
 */
import { ethers } from "hardhat";
import type { Signer } from "ethers";
import type { AgreementRegistry } from "../../typechain-types";
import { sha256Hex } from "../../src/sdk/hash";
import { charterParamsFromJson, termsHash, type CharterParamsJson } from "../../src/sdk/terms";
import { signAgreement } from "../../src/sdk/eip712";
import charterTerms from "../../docs/examples/charter.terms.json";
import { gasOf, runAlone, type GasRow, type GasRule } from "./common";

export const SCALES = (process.env.AGREEMENT_SCALES ?? "2,10,50,200,1000").split(",").map(Number);

/** From this scale on, only the first signatures are measured (the rest would take thousands of relays). */
const FIRST_ONLY_FROM = 1000;

export const RULES: GasRule[] = [
  {
    action: "agreements.createAgreement",
    unit: "parties",
    o1: false,
    marginal: 15_000,
    anchor: { gas: 52_000, label: "~52k per first-time party (the former per-party records)" },
    note: "per party: 20 bytes of a data contract's code, 2 bytes of listed order, one PartyListed event and its share of the sort (lean records)",
  },
  { action: "agreements.sign (direct, not last)", unit: "parties", o1: true, cap: 80_000 },
  { action: "agreements.sign (direct, last -> Effective)", unit: "parties", o1: true, cap: 80_000 },
  { action: "agreements.signWithSignature (relayed, not last)", unit: "parties", o1: true, cap: 100_000 },
  {
    action: "agreements.signWithSignature (relayed, last -> Effective)",
    unit: "parties",
    o1: true,
    cap: 100_000,
  },
];

/** Rows for every action at every scale (one registry, two agreements per scale). */
export async function measure(scales: number[] = SCALES): Promise<GasRow[]> {
  const [deployer, directA, directB] = await ethers.getSigners();
  const manager = await ethers.deployContract("AccessManager", [deployer.address]);
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
    { length: Math.max(...scales) },
    (_, i) => new ethers.Wallet(ethers.keccak256(ethers.toUtf8Bytes(`covenant-gas-party-${i}`))),
  );
  const deadline = BigInt((await ethers.provider.getBlock("latest"))!.timestamp + 86_400);
  const rows: GasRow[] = [];

  async function create(creator: Signer, parties: string[], record: boolean): Promise<bigint> {
    const gas = await gasOf(
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
    if (record) rows.push({ action: "agreements.createAgreement", scale: parties.length, gas });
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

  for (const n of scales) {
    // Direct: directA signs first, n - 2 relayed signatures, directB signs last.
    const others = keys.slice(0, n - 2);
    const direct = await create(
      directA,
      [directA.address, directB.address, ...others.map((k) => k.address)],
      true,
    );
    rows.push({
      action: "agreements.sign (direct, not last)",
      scale: n,
      gas: await gasOf(registry.connect(directA).sign(direct, documentHash, terms)),
    });
    const relayedParties = keys.slice(0, n - 1);
    const relayed = await create(directA, [directA.address, ...relayedParties.map((k) => k.address)], false);
    rows.push({
      action: "agreements.signWithSignature (relayed, not last)",
      scale: n,
      gas: await relay(relayed, relayedParties[0]),
    });
    if (n >= FIRST_ONLY_FROM) continue;
    for (const k of others) await relay(direct, k);
    rows.push({
      action: "agreements.sign (direct, last -> Effective)",
      scale: n,
      gas: await gasOf(registry.connect(directB).sign(direct, documentHash, terms)),
    });

    // Relayed: keys[0] first (above), the other n - 2 keys, directA (an EOA signing offline too) last.
    for (const k of relayedParties.slice(1)) await relay(relayed, k);
    rows.push({
      action: "agreements.signWithSignature (relayed, last -> Effective)",
      scale: n,
      gas: await relay(relayed, directA),
    });
    if (!(await registry.isEffective(direct)) || !(await registry.isEffective(relayed))) {
      throw new Error("agreements did not become Effective");
    }
  }
  return rows;
}

runAlone(module, measure, RULES);
