import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { readFileSync } from "node:fs";
import type { Signer } from "ethers";
import type { AgreementRegistry } from "../../../typechain-types";
import { sha256Hex } from "../../../src/sdk/hash";
import {
  charterParamsFromJson,
  clausesFromJson,
  termsHash,
  type CharterParamsStruct,
  type CharterTerms,
  type ClauseStruct,
} from "../../../src/sdk/terms";

// `claimTermsOf`: what filing a claim checks, in one read of the agreement registry (the agreement's
// status and version, the clause, isBoundBy of both parties, the charter's claim parameters).

const ROLE = { SECRETARIAT: 2n };
enum Kind {
  Charter,
  Project,
  License,
  Amendment,
  Other,
}
enum Status {
  None,
  Pending,
  Effective,
  Superseded,
  Terminated,
}
enum MemberStatus {
  None,
  Applicant,
  Active,
}

const CHARTER_TERMS = JSON.parse(readFileSync("docs/examples/charter.terms.json", "utf8")) as CharterTerms;
const CHARTER_DOC = "联盟章程\n";
const PROJECT_TERMS = {
  schema: "covenant/project-terms/v1",
  kind: "Project",
  liability: { penaltySchedule: [{ id: "4.1", damagesCap: "1000", remedies: ["DAMAGES"] }] },
};

interface Input {
  kind: number;
  parentId: bigint;
  documentHash: string;
  termsHash: string;
  uri: string;
  parties: string[];
  clauses: ClauseStruct[];
}

async function fixture() {
  const [admin, secretariat, alice, bob, carol, dave, outsider] = await ethers.getSigners();
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
    ROLE.SECRETARIAT,
  );
  await manager.grantRole(ROLE.SECRETARIAT, secretariat.address, 0);
  // Alice, Bob and Carol are the founders (active members); Dave is an applicant, admitted later.
  for (const m of [alice, bob, carol]) await membership.setMember(m.address, 0, MemberStatus.Active);
  await membership.setMember(dave.address, 0, MemberStatus.Applicant);
  const params = charterParamsFromJson(CHARTER_TERMS.parameters);
  const clauses = clausesFromJson(CHARTER_TERMS.liability.penaltySchedule);
  const charterInput = (over: Partial<Input> = {}): Input => ({
    kind: Kind.Charter,
    parentId: 0n,
    documentHash: sha256Hex(CHARTER_DOC),
    termsHash: termsHash(CHARTER_TERMS),
    uri: "ipfs://charter-v1",
    parties: [alice.address, bob.address, carol.address],
    clauses,
    ...over,
  });
  const projectInput = (): Input => ({
    kind: Kind.Project,
    parentId: 0n,
    documentHash: sha256Hex("项目协议\n"),
    termsHash: termsHash(PROJECT_TERMS),
    uri: "ipfs://project-1",
    parties: [alice.address, bob.address],
    clauses: clausesFromJson(
      PROJECT_TERMS.liability.penaltySchedule as CharterTerms["liability"]["penaltySchedule"],
    ),
  });
  return {
    registry,
    membership,
    genesis,
    params,
    clauses,
    charterInput,
    projectInput,
    secretariat,
    alice,
    bob,
    carol,
    dave,
    outsider,
  };
}

type F = Awaited<ReturnType<typeof fixture>>;

async function signAll(registry: AgreementRegistry, id: bigint, signers: Signer[]) {
  const a = await registry.agreementOf(id);
  for (const s of signers) await registry.connect(s).sign(id, a.documentHash, a.termsHash);
}

/** Charter 1 in force, signed by alice, bob and carol. */
async function charterInForce(f: F): Promise<bigint> {
  await f.registry.connect(f.secretariat).createCharter(f.charterInput(), f.params);
  await signAll(f.registry, 1n, [f.alice, f.bob, f.carol]);
  return 1n;
}

/** Dave is admitted and accedes to charter `id` (the one in force). */
async function daveAccedes(f: F, id = 1n): Promise<void> {
  await f.membership.setMember(f.dave.address, 0, MemberStatus.Active);
  const a = await f.registry.agreementOf(id);
  await f.registry.connect(f.dave).accede(id, a.documentHash, a.termsHash);
}

/** The secretariat drafts an amendment of charter 1 listing `parties`, with `params` over the fixture's. */
async function draftCharterAmendment(
  f: F,
  parties: string[],
  params: Partial<CharterParamsStruct>,
): Promise<bigint> {
  const input = f.charterInput({
    kind: Kind.Amendment,
    parentId: 1n,
    parties,
    documentHash: sha256Hex(CHARTER_DOC + "修订 1\n"),
    uri: "ipfs://charter-amendment-1",
  });
  await f.registry.connect(f.secretariat).createCharter(input, { ...f.params, ...params });
  return f.registry.agreementCount();
}

/** Project 1 (alice, bob), created by alice: Pending. */
async function project(f: F): Promise<bigint> {
  await f.registry.connect(f.alice).createAgreement(f.projectInput());
  return f.registry.agreementCount();
}

describe("AgreementRegistry.claimTermsOf", function () {
  it("claimTermsOf reads an unknown agreement without reverting: status None, nobody bound, the genesis claim parameters", async function () {
    const f = await loadFixture(fixture);
    const clause = f.clauses[0].clauseId;
    const t = await f.registry.claimTermsOf(1n, clause, f.alice.address, f.bob.address);
    expect([
      t.status,
      t.version,
      t.clauseFound,
      t.remedies,
      t.damagesCap,
      t.claimantBound,
      t.respondentBound,
      t.claimBond,
      t.curePeriod,
      t.answerPeriod,
    ]).to.deep.equal([
      0n, // None
      0n,
      false,
      0n,
      0n,
      false,
      false,
      BigInt(f.genesis.claimBond),
      BigInt(f.genesis.curePeriod),
      BigInt(f.genesis.answerPeriod),
    ]);
    expect((await f.registry.claimTermsOf(0n, clause, f.alice.address, f.bob.address)).status).to.equal(0n);
  });

  it("claimTermsOf gives the clause when the schedule has it and isBoundBy of both parties", async function () {
    const f = await loadFixture(fixture);
    await project(f); // 1: alice and bob, Pending
    const clause = await f.registry.clauseOf(1n, f.projectInput().clauses[0].clauseId);
    const t = await f.registry.claimTermsOf(1n, clause.clauseId, f.alice.address, f.outsider.address);
    expect([t.status, t.version, t.clauseFound, t.remedies, t.damagesCap]).to.deep.equal([
      BigInt(Status.Pending),
      1n,
      true,
      clause.remedies,
      clause.damagesCap,
    ]);
    expect([t.claimantBound, t.respondentBound]).to.deep.equal([true, false]);
    // The genesis parameters apply while no charter is in force.
    expect([t.claimBond, t.curePeriod, t.answerPeriod]).to.deep.equal([
      BigInt(f.genesis.claimBond),
      BigInt(f.genesis.curePeriod),
      BigInt(f.genesis.answerPeriod),
    ]);
    for (const unknown of [ethers.encodeBytes32String("9.9"), ethers.ZeroHash]) {
      const u = await f.registry.claimTermsOf(1n, unknown, f.bob.address, f.alice.address);
      expect([u.clauseFound, u.remedies, u.damagesCap]).to.deep.equal([false, 0n, 0n]);
      expect([u.status, u.claimantBound, u.respondentBound]).to.deep.equal([
        BigInt(Status.Pending),
        true,
        true,
      ]);
    }
    // The zero address is never bound (as isBoundBy says).
    const z = await f.registry.claimTermsOf(1n, clause.clauseId, ethers.ZeroAddress, f.bob.address);
    expect([z.claimantBound, z.respondentBound]).to.deep.equal([false, true]);
    expect(await f.registry.isBoundBy(1n, ethers.ZeroAddress)).to.equal(false);
    await signAll(f.registry, 1n, [f.alice, f.bob]);
    expect(
      (await f.registry.claimTermsOf(1n, clause.clauseId, f.alice.address, f.bob.address)).status,
    ).to.equal(BigInt(Status.Effective));
  });

  it("claimTermsOf binds an acceded member under the charter and follows an amendment's claim parameters (B9)", async function () {
    const f = await loadFixture(fixture);
    await charterInForce(f);
    const clause = f.clauses[0];
    const terms = (id: bigint, claimant: Signer & { address: string }, respondent: { address: string }) =>
      f.registry.claimTermsOf(id, clause.clauseId, claimant.address, respondent.address);
    let t = await terms(1n, f.alice, f.dave);
    expect([t.status, t.version, t.clauseFound, t.remedies, t.damagesCap]).to.deep.equal([
      BigInt(Status.Effective),
      1n,
      true,
      BigInt(clause.remedies),
      BigInt(clause.damagesCap),
    ]);
    expect([t.claimantBound, t.respondentBound]).to.deep.equal([true, false]);
    expect([t.claimBond, t.curePeriod, t.answerPeriod]).to.deep.equal([
      BigInt(f.params.claimBond),
      BigInt(f.params.curePeriod),
      BigInt(f.params.answerPeriod),
    ]);
    await daveAccedes(f);
    t = await terms(1n, f.dave, f.alice);
    expect([t.claimantBound, t.respondentBound]).to.deep.equal([true, true]);
    expect((await terms(1n, f.outsider, f.dave)).claimantBound).to.equal(false);
    // An amendment changing the claim bond, cure and answer periods applies once in force.
    const changed = { claimBond: 777n, curePeriod: 2n * 86_400n, answerPeriod: 9n * 86_400n };
    const id = await draftCharterAmendment(
      f,
      [f.alice.address, f.bob.address, f.carol.address, f.dave.address],
      changed,
    );
    t = await terms(1n, f.dave, f.alice);
    expect([t.claimBond, t.curePeriod, t.answerPeriod]).to.deep.equal([
      BigInt(f.params.claimBond),
      BigInt(f.params.curePeriod),
      BigInt(f.params.answerPeriod),
    ]);
    await signAll(f.registry, id, [f.alice, f.bob, f.carol, f.dave]);
    for (const [agreement, status, version] of [
      [1n, Status.Superseded, 1n],
      [id, Status.Effective, 2n],
    ] as const) {
      t = await terms(agreement, f.dave, f.alice);
      expect([t.status, t.version]).to.deep.equal([BigInt(status), version]);
      expect([t.claimBond, t.curePeriod, t.answerPeriod]).to.deep.equal([777n, 2n * 86_400n, 9n * 86_400n]);
      expect([t.claimantBound, t.respondentBound]).to.deep.equal([
        await f.registry.isBoundBy(agreement, f.dave.address),
        await f.registry.isBoundBy(agreement, f.alice.address),
      ]);
    }
    // The version in force binds the whole line, acceder included.
    t = await terms(id, f.dave, f.alice);
    expect([t.claimantBound, t.respondentBound]).to.deep.equal([true, true]);
  });
});
