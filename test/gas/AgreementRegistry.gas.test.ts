/**
 * Whole-transaction gas bounds of the AgreementRegistry (I8): an agreement of MAX_PARTIES parties
 * created in one transaction. `npm test` runs this folder; coverage does not (instrumented contracts
 * use several times the gas, so the bound means nothing there).
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { readFileSync } from "node:fs";
import type { AgreementRegistry } from "../../typechain-types";
import { sha256Hex } from "../../src/sdk/hash";
import { charterParamsFromJson, clausesFromJson, termsHash, type CharterTerms } from "../../src/sdk/terms";

const SECRETARIAT = 2n;
const ACTIVE = 2;
const CHARTER_TERMS = JSON.parse(readFileSync("docs/examples/charter.terms.json", "utf8")) as CharterTerms;

async function fixture() {
  const [admin, secretariat] = await ethers.getSigners();
  const manager = await ethers.deployContract("AccessManager", [admin.address]);
  const membership = await ethers.deployContract("AgreementsMembershipProbe");
  const genesis = charterParamsFromJson({ ...CHARTER_TERMS.parameters, levyBps: 0, claimBond: "1" });
  const registry = (await ethers.deployContract("AgreementRegistry", [
    await manager.getAddress(),
    genesis,
  ])) as unknown as AgreementRegistry;
  await registry.bindMembership(await membership.getAddress());
  await manager.setTargetFunctionRole(
    await registry.getAddress(),
    [registry.interface.getFunction("createCharter").selector],
    SECRETARIAT,
  );
  await manager.grantRole(SECRETARIAT, secretariat.address, 0);
  // MAX_PARTIES first-time parties, every one of them an active member, in descending address order:
  // the registry sorts them into its data contracts, the listed order is kept for reads.
  const parties = Array.from({ length: Number(await registry.MAX_PARTIES()) }, (_, i) =>
    ethers.getAddress(ethers.toBeHex(0x100000 - 7 * i, 20)),
  );
  for (const p of parties) await membership.setMember(p, 0, ACTIVE);
  return { registry, secretariat, parties };
}

describe("AgreementRegistry gas bounds (whole transactions)", function () {
  it("creates a first charter of MAX_PARTIES first-time members in one transaction under the 2^24 gas cap", async function () {
    const { registry, secretariat, parties } = await loadFixture(fixture);
    expect(parties).to.have.length(1000);
    const input = {
      kind: 0,
      parentId: 0n,
      documentHash: sha256Hex("产业技术创新战略联盟协议\n"),
      termsHash: termsHash(CHARTER_TERMS),
      uri: "ipfs://charter-v1",
      parties,
      clauses: clausesFromJson(CHARTER_TERMS.liability.penaltySchedule),
    };
    const receipt = await (
      await registry
        .connect(secretariat)
        .createCharter(input, charterParamsFromJson(CHARTER_TERMS.parameters))
    ).wait();
    expect(receipt!.gasUsed).to.be.lessThan(2n ** 24n);
    const page = await registry.partiesOf(1n, 950, 100);
    expect(page.map((p) => p.account)).to.deep.equal(parties.slice(950));
    expect(await registry.isParty(1n, parties[999])).to.equal(true);
    // An address between two listed ones is no party (the sorted search finds its gap).
    expect(
      await registry.isParty(1n, ethers.getAddress(ethers.toBeHex(0x100000 - 7 * 997 + 3, 20))),
    ).to.equal(false);
    const sorted = [...parties].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
    expect(await registry.partyIndexOf(1n, parties[3])).to.equal(BigInt(sorted.indexOf(parties[3])));
  });
});
