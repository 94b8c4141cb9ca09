/**
 * Whole-transaction gas bounds of the AgreementRegistry (I8): an agreement of MAX_PARTIES parties
 * created in one transaction, and one of a thousand parties whose longest URI and 64 clauses push
 * parties past the data contract into party chunks. `npm test` runs this folder; coverage does not (instrumented contracts
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
const PROJECT = 1;
/** Signature methods: none yet, a direct signature. */
const NONE = 0;
const DIRECT = 1;
const CHARTER_TERMS = JSON.parse(readFileSync("docs/examples/charter.terms.json", "utf8")) as CharterTerms;

/** The registry (genesis terms of the example charter) bound to a membership probe; createCharter by the secretariat. */
async function registryFixture() {
  const [admin, secretariat, alice, bob, carol] = await ethers.getSigners();
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
  return { registry, membership, secretariat, alice, bob, carol };
}

/** Alice, bob and carol are active members (carol is never a party below). */
async function foundersFixture() {
  const f = await loadFixture(registryFixture);
  for (const [m, kind] of [
    [f.alice, 0],
    [f.bob, 1],
    [f.carol, 2],
  ] as const) {
    await f.membership.setMember(m.address, kind, ACTIVE);
  }
  return f;
}

async function fixture() {
  const { registry, membership, secretariat } = await loadFixture(registryFixture);
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

  it("keeps parties past the data contract's size in party chunks: every party found, listed and signing", async function () {
    const f = await loadFixture(foundersFixture);
    // The longest URI and 64 clauses leave room for fewer than 1,000 parties in the data contract;
    // the synthetic addresses are low, so alice and bob (high addresses) sort into a party chunk.
    const synthetic = Array.from({ length: 998 }, (_, i) =>
      ethers.getAddress(ethers.toBeHex(0x5000 + 3 * i, 20)),
    );
    const parties = [f.alice.address, ...synthetic, f.bob.address];
    const clauses = Array.from({ length: 64 }, (_, i) => ({
      clauseId: ethers.encodeBytes32String(`c${i}`),
      damagesCap: BigInt(i + 1),
      remedies: 1n,
    }));
    const uri = "ipfs://" + "b".repeat(1024 - 7);
    const receipt = await (
      await f.registry.connect(f.alice).createAgreement({
        kind: PROJECT,
        parentId: 0n,
        documentHash: sha256Hex("联合研发项目协议：先进高强钢热成形工艺\n"),
        termsHash: sha256Hex("project terms"),
        uri,
        parties,
        clauses,
      })
    ).wait();
    expect(receipt!.gasUsed).to.be.lessThan(2n ** 24n);
    const sorted = [...parties].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
    for (const who of [f.alice.address, f.bob.address, synthetic[0], synthetic[500], synthetic[997]]) {
      expect(await f.registry.isParty(1n, who)).to.equal(true);
      expect(await f.registry.partyIndexOf(1n, who)).to.equal(BigInt(sorted.indexOf(who)));
    }
    expect(await f.registry.isParty(1n, ethers.getAddress(ethers.toBeHex(0x5001, 20)))).to.equal(false);
    expect(await f.registry.isParty(1n, f.carol.address)).to.equal(false);
    const page = await f.registry.partiesOf(1n, 990, 20);
    expect(page.map((p) => p.account)).to.deep.equal(parties.slice(990));
    expect(await f.registry.clausesOf(1n)).to.deep.equal(
      clauses.map((c) => [c.clauseId, c.damagesCap, c.remedies]),
    );
    expect((await f.registry.agreementOf(1n)).uri).to.equal(uri);
    const a = await f.registry.agreementOf(1n);
    await expect(f.registry.connect(f.bob).sign(1n, a.documentHash, a.termsHash))
      .to.emit(f.registry, "AgreementSigned")
      .withArgs(1n, f.bob.address, DIRECT, 1, 1);
    await expect(f.registry.connect(f.bob).sign(1n, a.documentHash, a.termsHash))
      .to.be.revertedWithCustomError(f.registry, "AgreementRegistryAlreadySigned")
      .withArgs(1n, f.bob.address);
    await expect(f.registry.connect(f.carol).sign(1n, a.documentHash, a.termsHash))
      .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotParty")
      .withArgs(1n, f.carol.address);
    expect((await f.registry.signatureOf(1n, f.bob.address)).method).to.equal(DIRECT);
    expect((await f.registry.signatureOf(1n, f.alice.address)).method).to.equal(NONE);
    expect((await f.registry.partiesOf(1n, 999, 1))[0].signature.method).to.equal(DIRECT);
  });
});
