import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
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
import { charteredSuite, charterParams as suiteCharterParams } from "../../integration/helpers";
import {
  AGREEMENT_SIGNATURE_TYPES,
  agreementDigest,
  agreementsDomain,
  signAgreement,
  signAgreementTypedData,
  type AgreementSignatureValue,
} from "../../../src/sdk/eip712";

const ROLE = { COUNCIL: 1n, SECRETARIAT: 2n };
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
enum Method {
  None,
  Direct,
  EIP712,
  EIP1271,
}
enum MemberStatus {
  None,
  Applicant,
  Active,
  Suspended,
  Withdrawn,
  Expelled,
}
const mask = (...s: Status[]) => s.reduce((m, x) => m | (1n << BigInt(x)), 0n);
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const CHARTER_TERMS = JSON.parse(readFileSync("docs/examples/charter.terms.json", "utf8")) as CharterTerms;
const CHARTER_DOC =
  "产业技术创新战略联盟协议\n第一章 总则\n第一条 联盟名称：钢铁材料与汽车轻量化产业技术创新战略联盟。\n";
const PROJECT_DOC = "联合研发项目协议：先进高强钢热成形工艺\n";
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
  const [admin, secretariat, council, alice, bob, carol, dave, outsider, relayer] = await ethers.getSigners();
  const manager = await ethers.deployContract("AccessManager", [admin.address]);
  const membership = await ethers.deployContract("AgreementsMembershipProbe");
  const genesis = charterParamsFromJson({ ...CHARTER_TERMS.parameters, levyBps: 0, claimBond: "1" });
  const registry = (await ethers.deployContract("AgreementRegistry", [
    await manager.getAddress(),
    genesis,
  ])) as unknown as AgreementRegistry;
  await registry.bindMembership(await membership.getAddress());
  const target = await registry.getAddress();
  await manager.setTargetFunctionRole(
    target,
    [registry.interface.getFunction("createCharter").selector],
    ROLE.SECRETARIAT,
  );
  await manager.setTargetFunctionRole(
    target,
    [
      registry.interface.getFunction("terminateCharter").selector,
      registry.interface.getFunction("adoptCharter").selector,
    ],
    ROLE.COUNCIL,
  );
  await manager.grantRole(ROLE.SECRETARIAT, secretariat.address, 0);
  await manager.grantRole(ROLE.COUNCIL, council.address, 0);
  // Alice, Bob and Carol are the founders (active members); Dave is an applicant, admitted later.
  for (const [m, kind] of [
    [alice, 0],
    [bob, 1],
    [carol, 2],
  ] as const) {
    await membership.setMember(m.address, kind, MemberStatus.Active);
  }
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
  const projectInput = (over: Partial<Input> = {}): Input => ({
    kind: Kind.Project,
    parentId: 0n,
    documentHash: sha256Hex(PROJECT_DOC),
    termsHash: termsHash(PROJECT_TERMS),
    uri: "ipfs://project-1",
    parties: [alice.address, bob.address],
    clauses: clausesFromJson(
      PROJECT_TERMS.liability.penaltySchedule as CharterTerms["liability"]["penaltySchedule"],
    ),
    ...over,
  });
  return {
    registry,
    manager,
    membership,
    genesis,
    params,
    clauses,
    charterInput,
    projectInput,
    admin,
    secretariat,
    council,
    alice,
    bob,
    carol,
    dave,
    outsider,
    relayer,
  };
}

type F = Awaited<ReturnType<typeof fixture>>;

async function signAll(registry: AgreementRegistry, id: bigint, signers: Signer[]) {
  const a = await registry.agreementOf(id);
  for (const s of signers) await registry.connect(s).sign(id, a.documentHash, a.termsHash);
}

/** Charter 1 in force, signed by alice, bob and carol (with `params` over the fixture's). */
async function charterInForce(f: F, params: Partial<CharterParamsStruct> = {}): Promise<bigint> {
  await f.registry.connect(f.secretariat).createCharter(f.charterInput(), { ...f.params, ...params });
  await signAll(f.registry, 1n, [f.alice, f.bob, f.carol]);
  return 1n;
}

/** Dave, the applicant, is admitted (an active member not bound by any charter yet). */
async function admitDave(f: F): Promise<void> {
  await f.membership.setMember(f.dave.address, 0, MemberStatus.Active);
}

/** Dave is admitted and accedes to charter `id` (the one in force). */
async function daveAccedes(f: F, id = 1n): Promise<void> {
  await admitDave(f);
  const a = await f.registry.agreementOf(id);
  await f.registry.connect(f.dave).accede(id, a.documentHash, a.termsHash);
}

/** The secretariat's transaction drafting an amendment of charter `parentId` listing `parties`. */
function charterAmendmentTx(
  f: F,
  parties: string[] = [f.alice.address, f.bob.address, f.carol.address],
  params: Partial<CharterParamsStruct> = {},
  parentId = 1n,
) {
  const input = f.charterInput({
    kind: Kind.Amendment,
    parentId,
    parties,
    documentHash: sha256Hex(CHARTER_DOC + `修订 ${parentId}\n`),
    uri: `ipfs://charter-amendment-${parentId}`,
  });
  return f.registry.connect(f.secretariat).createCharter(input, { ...f.params, ...params });
}

/** The secretariat drafts an amendment of charter `parentId` listing `parties` (default: alice, bob, carol). */
async function draftCharterAmendment(
  f: F,
  parties?: string[],
  params: Partial<CharterParamsStruct> = {},
  parentId = 1n,
): Promise<bigint> {
  await charterAmendmentTx(f, parties, params, parentId);
  return f.registry.agreementCount();
}

/** Project 1 (alice, bob), created by alice. */
async function project(f: F, over: Partial<Input> = {}, creator?: Signer): Promise<bigint> {
  await f.registry.connect(creator ?? f.alice).createAgreement(f.projectInput(over));
  return f.registry.agreementCount();
}

/** Project 1 (alice, bob) signed by both: Effective. */
async function effectiveProject(f: F): Promise<bigint> {
  await project(f);
  await signAll(f.registry, 1n, [f.alice, f.bob]);
  return 1n;
}

/** An amendment of agreement 1 (`over` on the project input), created by `creator` (alice). */
async function proposeAmendment(f: F, over: Partial<Input> = {}, creator?: Signer): Promise<bigint> {
  return project(f, { kind: Kind.Amendment, parentId: 1n, ...over }, creator);
}

/** Every party in `parties` (alice and bob) consents to terminating agreement `id`. */
async function consentAll(f: F, id: bigint, parties: Signer[] = [f.alice, f.bob]): Promise<void> {
  for (const p of parties) await f.registry.connect(p).consentToTermination(id);
}

async function deadlineIn(seconds = 3600): Promise<bigint> {
  return BigInt((await time.latest()) + seconds);
}

/** I10: every signer is a party (or an acceder) and signedCount equals the parties that signed. */
async function expectSignerSetConsistent(registry: AgreementRegistry, id: bigint) {
  const a = await registry.agreementOf(id);
  const parties = await registry.partiesOf(id, 0, 1000);
  const signed = parties.filter((p) => p.signature.method !== 0n);
  expect(BigInt(signed.length)).to.equal(a.signedCount);
  for (const p of signed) expect(await registry.isParty(id, p.account)).to.equal(true);
}

describe("AgreementRegistry", function () {
  describe("constructor", function () {
    it("reverts when the authority is the zero address", async function () {
      const { registry, genesis } = await loadFixture(fixture);
      const factory = await ethers.getContractFactory("AgreementRegistry");
      await expect(factory.deploy(ethers.ZeroAddress, genesis)).to.be.revertedWithCustomError(
        registry,
        "AgreementRegistryZeroAddress",
      );
    });

    it("reverts when a genesis parameter is out of range", async function () {
      const { registry, genesis } = await loadFixture(fixture);
      const factory = await ethers.getContractFactory("AgreementRegistry");
      await expect(
        factory.deploy(await registry.getAddress(), {
          ...genesis,
          quorumBps: 0n,
        }),
      )
        .to.be.revertedWithCustomError(registry, "AgreementRegistryInvalidCharterParam")
        .withArgs("quorumBps");
    });

    it("applies the genesis parameters while no charter is in force", async function () {
      const { registry, genesis, membership } = await loadFixture(fixture);
      expect(await registry.charterParams()).to.deep.equal(Object.values(genesis));
      expect(await registry.charterEffective()).to.equal(false);
      expect(await registry.currentCharterId()).to.equal(0n);
      expect(await registry.MEMBERSHIP()).to.equal(await membership.getAddress());
      expect(await registry.MAX_PARTIES()).to.equal(1000n);
      expect(await registry.MAX_URI_BYTES()).to.equal(1024n);
      expect(await registry.MAX_CLAUSES()).to.equal(64n);
    });
  });

  describe("bindMembership", function () {
    async function unbound() {
      const f = await loadFixture(fixture);
      const fresh = (await ethers.deployContract("AgreementRegistry", [
        await f.manager.getAddress(),
        f.genesis,
      ])) as unknown as AgreementRegistry;
      return { ...f, fresh };
    }

    it("binds the membership registry once and emits MembershipBound", async function () {
      const f = await unbound();
      const m = await f.membership.getAddress();
      expect(await f.fresh.MEMBERSHIP()).to.equal(ethers.ZeroAddress);
      await expect(f.fresh.bindMembership(m)).to.emit(f.fresh, "MembershipBound").withArgs(m);
      expect(await f.fresh.MEMBERSHIP()).to.equal(m);
    });

    it("reverts on a second call, even with the same address", async function () {
      const f = await unbound();
      const m = await f.membership.getAddress();
      await f.fresh.bindMembership(m);
      await expect(f.fresh.bindMembership(m))
        .to.be.revertedWithCustomError(f.fresh, "AgreementRegistryMembershipAlreadyBound")
        .withArgs(m);
    });

    it("reverts on the zero address", async function () {
      const f = await unbound();
      await expect(f.fresh.bindMembership(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        f.fresh,
        "AgreementRegistryZeroAddress",
      );
    });

    it("reverts when the caller is not ADMIN", async function () {
      const f = await unbound();
      await expect(f.fresh.connect(f.alice).bindMembership(await f.membership.getAddress()))
        .to.be.revertedWithCustomError(f.fresh, "AccessManagedUnauthorized")
        .withArgs(f.alice.address);
    });

    it("refuses charter drafts and signatures while no membership registry is bound", async function () {
      const f = await unbound();
      await f.manager.setTargetFunctionRole(
        await f.fresh.getAddress(),
        [f.fresh.interface.getFunction("createCharter").selector],
        ROLE.SECRETARIAT,
      );
      await expect(
        f.fresh.connect(f.secretariat).createCharter(f.charterInput(), f.params),
      ).to.be.revertedWithCustomError(f.fresh, "AgreementRegistryMembershipNotBound");
      const input = f.projectInput();
      await f.fresh.connect(f.alice).createAgreement(input);
      await expect(
        f.fresh.connect(f.alice).sign(1n, input.documentHash, input.termsHash),
      ).to.be.revertedWithCustomError(f.fresh, "AgreementRegistryMembershipNotBound");
      expect(await f.fresh.hasAcceded(f.alice.address)).to.equal(false);
    });
  });

  describe("createCharter", function () {
    it("stores the charter with its parties, clauses and parameters and emits MetaEvidence (F2, F5)", async function () {
      const f = await loadFixture(fixture);
      const input = f.charterInput();
      const tx = f.registry.connect(f.secretariat).createCharter(input, f.params);
      await expect(tx)
        .to.emit(f.registry, "AgreementCreated")
        .withArgs(
          1n,
          Kind.Charter,
          0n,
          1,
          f.secretariat.address,
          input.documentHash,
          input.termsHash,
          3n,
          input.uri,
        );
      await expect(tx).to.emit(f.registry, "MetaEvidence").withArgs(1n, input.uri);
      const receipt = await (await tx).wait();
      const logs = receipt!.logs.map((l) => f.registry.interface.parseLog(l)).filter((l) => l !== null);
      const schedule = logs.find((l) => l.name === "PenaltyScheduleSet")!;
      expect(schedule.args.clauses.map((c: ClauseStruct) => c.clauseId)).to.deep.equal(
        f.clauses.map((c) => c.clauseId),
      );
      const proposed = logs.find((l) => l.name === "CharterParamsProposed")!;
      expect(proposed.args.params.levyBps).to.equal(f.params.levyBps);

      const a = await f.registry.agreementOf(1n);
      expect(a.kind).to.equal(Kind.Charter);
      expect(a.status).to.equal(Status.Pending);
      expect(a.version).to.equal(1n);
      expect(a.partyCount).to.equal(3n);
      expect(a.creator).to.equal(f.secretariat.address);
      expect(a.documentHash).to.equal(input.documentHash);
      expect(a.lapsesAt).to.equal(a.createdAt + BigInt(f.genesis.amendmentPeriod));
      expect(await f.registry.charterDraftId()).to.equal(1n);
      expect(await f.registry.charterParamsOf(1n)).to.deep.equal(Object.values(f.params));
      expect(await f.registry.isParty(1n, f.alice.address)).to.equal(true);
      expect(await f.registry.isParty(1n, f.secretariat.address)).to.equal(false);
      expect(await f.registry.charterEffective()).to.equal(false);
    });

    it("reverts when the caller is not the secretariat", async function () {
      const f = await loadFixture(fixture);
      await expect(f.registry.connect(f.alice).createCharter(f.charterInput(), f.params))
        .to.be.revertedWithCustomError(f.registry, "AccessManagedUnauthorized")
        .withArgs(f.alice.address);
    });

    it("reverts when the kind does not match the parent", async function () {
      const f = await loadFixture(fixture);
      await expect(
        f.registry.connect(f.secretariat).createCharter(f.charterInput({ kind: Kind.Project }), f.params),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryKindNotAllowed")
        .withArgs(Kind.Project, 0n);
      await charterInForce(f);
      await expect(
        f.registry.connect(f.secretariat).createCharter(f.charterInput({ parentId: 1n }), f.params),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryKindNotAllowed")
        .withArgs(Kind.Charter, 1n);
    });

    it("reverts when an original charter is created while one is in force", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      await expect(f.registry.connect(f.secretariat).createCharter(f.charterInput(), f.params))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryCharterInForce")
        .withArgs(1n);
    });

    it("reverts when an amendment names another agreement than the charter in force", async function () {
      const f = await loadFixture(fixture);
      await expect(
        f.registry
          .connect(f.secretariat)
          .createCharter(f.charterInput({ kind: Kind.Amendment, parentId: 5n }), f.params),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotCurrentCharter")
        .withArgs(5n, 0n);
    });

    it("reverts when a charter draft is already pending", async function () {
      const f = await loadFixture(fixture);
      await f.registry.connect(f.secretariat).createCharter(f.charterInput(), f.params);
      await expect(f.registry.connect(f.secretariat).createCharter(f.charterInput(), f.params))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryCharterDraftPending")
        .withArgs(1n);
    });

    it("reverts when a charter parameter is out of range", async function () {
      const f = await loadFixture(fixture);
      const bad: [keyof CharterParamsStruct, bigint][] = [
        ["supermajorityBps", 5000n],
        ["supermajorityBps", 10001n],
        ["quorumBps", 0n],
        ["quorumBps", 10001n],
        ["approvalShareBps", 0n],
        ["approvalShareBps", 10001n],
        ["maxMembers", 1n],
        ["grantCapBps", 10001n],
        ["latePenaltyBps", 10001n],
        ["levyBps", 10001n],
        ["curePeriod", 0n],
        ["answerPeriod", 0n],
        ["minReviews", 0n],
        ["bondAmount", 2n ** 248n],
      ];
      for (const [field, value] of bad) {
        await expect(
          f.registry.connect(f.secretariat).createCharter(f.charterInput(), { ...f.params, [field]: value }),
        )
          .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidCharterParam")
          .withArgs(field);
      }
      await f.registry.connect(f.secretariat).createCharter(f.charterInput(), {
        ...f.params,
        supermajorityBps: 10000n,
        grantCapBps: 10000n,
        levyBps: 10000n,
        bondAmount: 2n ** 248n - 1n,
      });
      expect((await f.registry.charterParamsOf(1n)).bondAmount).to.equal(2n ** 248n - 1n);
    });

    it("B16 refuses every window and period one second below its one-day floor and takes it at the floor", async function () {
      const f = await loadFixture(fixture);
      const floor = 24n * 60n * 60n;
      const windows: (keyof CharterParamsStruct)[] = [
        "noticePeriod",
        "noticeValidity",
        "reapplicationCooloff",
        "amendmentPeriod",
        "gracePeriod",
        "vetoWindow",
        "rofrWindow",
        "royaltyGracePeriod",
        "contestWindow",
        "curePeriod",
        "answerPeriod",
      ];
      for (const field of windows) {
        await expect(
          f.registry
            .connect(f.secretariat)
            .createCharter.staticCall(f.charterInput(), { ...f.params, [field]: floor - 1n }),
        )
          .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidCharterParam")
          .withArgs(field);
      }
      const atFloor = Object.fromEntries(windows.map((w) => [w, floor]));
      await expect(
        f.registry.connect(f.secretariat).createCharter(f.charterInput(), { ...f.params, ...atFloor }),
      ).to.emit(f.registry, "CharterParamsProposed");
    });

    it("B1 caps maxMembers at MAX_PARTIES under the member-signature rule, not under the council-vote rule", async function () {
      const f = await loadFixture(fixture);
      const max = await f.registry.MAX_PARTIES();
      await expect(
        f.registry.connect(f.secretariat).createCharter.staticCall(f.charterInput(), {
          ...f.params,
          amendmentRule: 0n,
          maxMembers: max + 1n,
        }),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidCharterParam")
        .withArgs("maxMembers");
      await f.registry
        .connect(f.secretariat)
        .createCharter.staticCall(f.charterInput(), { ...f.params, amendmentRule: 0n, maxMembers: max });
      await f.registry
        .connect(f.secretariat)
        .createCharter.staticCall(f.charterInput(), { ...f.params, amendmentRule: 1n, maxMembers: max + 1n });
    });

    it("reverts when a hash is zero or the URI is empty", async function () {
      const f = await loadFixture(fixture);
      for (const [over, field] of [
        [{ documentHash: ethers.ZeroHash }, "documentHash"],
        [{ termsHash: ethers.ZeroHash }, "termsHash"],
        [{ uri: "" }, "uri"],
      ] as const) {
        await expect(f.registry.connect(f.secretariat).createCharter(f.charterInput(over), f.params))
          .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidInput")
          .withArgs(field);
      }
    });

    it("takes a URI of MAX_URI_BYTES bytes and refuses one byte more", async function () {
      const f = await loadFixture(fixture);
      const max = Number(await f.registry.MAX_URI_BYTES());
      const longest = "ipfs://" + "a".repeat(max - 7);
      await expect(f.registry.connect(f.alice).createAgreement(f.projectInput({ uri: longest + "a" })))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidInput")
        .withArgs("uri");
      await f.registry.connect(f.alice).createAgreement(f.projectInput({ uri: longest }));
      expect((await f.registry.agreementOf(1n)).uri).to.equal(longest);
    });

    it("lets only its registry use the agreement writer", async function () {
      const f = await loadFixture(fixture);
      const writerAddress = ethers.getCreateAddress({ from: await f.registry.getAddress(), nonce: 1 });
      const writer = await ethers.getContractAt("AgreementWriter", writerAddress);
      expect(await writer.REGISTRY()).to.equal(await f.registry.getAddress());
      await expect(writer.connect(f.alice).writeParams("0x"))
        .to.be.revertedWithCustomError(writer, "AgreementWriterNotRegistry")
        .withArgs(f.alice.address);
    });

    it("reverts when there are no parties or more than MAX_PARTIES", async function () {
      const f = await loadFixture(fixture);
      await expect(f.registry.connect(f.alice).createAgreement(f.projectInput({ parties: [] })))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidPartyCount")
        .withArgs(0n, 1000n);
      const many = Array.from({ length: 1001 }, (_, i) => ethers.getAddress(ethers.toBeHex(i + 1, 20)));
      await expect(f.registry.connect(f.alice).createAgreement(f.projectInput({ parties: many })))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidPartyCount")
        .withArgs(1001n, 1000n);
    });

    it("reverts when a party is the zero address or appears twice", async function () {
      const f = await loadFixture(fixture);
      await expect(
        f.registry
          .connect(f.secretariat)
          .createCharter(
            f.charterInput({ parties: [f.alice.address, f.bob.address, ethers.ZeroAddress] }),
            f.params,
          ),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidParty")
        .withArgs(ethers.ZeroAddress);
      await expect(
        f.registry
          .connect(f.secretariat)
          .createCharter(
            f.charterInput({ parties: [f.alice.address, f.bob.address, f.alice.address] }),
            f.params,
          ),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidParty")
        .withArgs(f.alice.address);
    });

    it("reverts when the penalty schedule is too long or a clause is invalid (F5)", async function () {
      const f = await loadFixture(fixture);
      const clause = (id: string, remedies: bigint): ClauseStruct => ({
        clauseId: id === "" ? ethers.ZeroHash : ethers.encodeBytes32String(id),
        damagesCap: 1n,
        remedies,
      });
      const many = Array.from({ length: 65 }, (_, i) => clause(`c${i}`, 1n));
      await expect(
        f.registry.connect(f.secretariat).createCharter(f.charterInput({ clauses: many }), f.params),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryTooManyClauses")
        .withArgs(65n, 64n);
      for (const bad of [
        [clause("", 1n)],
        [clause("8.1", 0n)],
        [clause("8.1", 32n)],
        [clause("8.1", 1n), clause("8.1", 2n)],
      ]) {
        const last = bad[bad.length - 1];
        await expect(
          f.registry.connect(f.secretariat).createCharter(f.charterInput({ clauses: bad }), f.params),
        )
          .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidClause")
          .withArgs(last.clauseId, last.remedies);
      }
      await f.registry
        .connect(f.secretariat)
        .createCharter(
          f.charterInput({ clauses: Array.from({ length: 64 }, (_, i) => clause(`c${i}`, 31n)) }),
          f.params,
        );
      expect((await f.registry.clausesOf(1n)).length).to.equal(64);
    });
  });

  describe("createAgreement", function () {
    it("lets a party create a project agreement, outsiders may be parties (F6)", async function () {
      const f = await loadFixture(fixture);
      const input = f.projectInput({ kind: Kind.License, parties: [f.alice.address, f.outsider.address] });
      await expect(f.registry.connect(f.outsider).createAgreement(input))
        .to.emit(f.registry, "MetaEvidence")
        .withArgs(1n, input.uri);
      const a = await f.registry.agreementOf(1n);
      expect(a.kind).to.equal(Kind.License);
      expect(a.creator).to.equal(f.outsider.address);
      expect(await f.registry.clauseOf(1n, ethers.encodeBytes32String("4.1"))).to.deep.equal([
        ethers.encodeBytes32String("4.1"),
        1000n,
        1n,
      ]);
    });

    it("reverts when the creator is not a party", async function () {
      const f = await loadFixture(fixture);
      await expect(f.registry.connect(f.carol).createAgreement(f.projectInput()))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryCreatorNotParty")
        .withArgs(f.carol.address);
    });

    it("reverts when the kind is Charter or does not match the parent", async function () {
      const f = await loadFixture(fixture);
      for (const [kind, parentId] of [
        [Kind.Charter, 0n],
        [Kind.Amendment, 0n],
        [Kind.Project, 1n],
      ] as const) {
        await expect(f.registry.connect(f.alice).createAgreement(f.projectInput({ kind, parentId })))
          .to.be.revertedWithCustomError(f.registry, "AgreementRegistryKindNotAllowed")
          .withArgs(kind, parentId);
      }
    });

    it("reverts when an amendment's parent is unknown or not Effective", async function () {
      const f = await loadFixture(fixture);
      await expect(
        f.registry.connect(f.alice).createAgreement(f.projectInput({ kind: Kind.Amendment, parentId: 9n })),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryUnknownAgreement")
        .withArgs(9n);
      await project(f);
      await expect(
        f.registry.connect(f.alice).createAgreement(f.projectInput({ kind: Kind.Amendment, parentId: 1n })),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryUnexpectedStatus")
        .withArgs(1n, Status.Pending, mask(Status.Effective));
    });

    it("reverts when an amendment names the charter (only the secretariat amends it)", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      await expect(
        f.registry.connect(f.alice).createAgreement(f.projectInput({ kind: Kind.Amendment, parentId: 1n })),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryKindNotAllowed")
        .withArgs(Kind.Amendment, 1n);
    });

    it("reverts when the creator of an amendment is not a party of the parent", async function () {
      const f = await loadFixture(fixture);
      await effectiveProject(f);
      const input = f.projectInput({
        kind: Kind.Amendment,
        parentId: 1n,
        parties: [f.alice.address, f.carol.address],
      });
      await expect(f.registry.connect(f.carol).createAgreement(input))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryCreatorNotParty")
        .withArgs(f.carol.address);
    });

    it("reverts when the parent already has a pending amendment", async function () {
      const f = await loadFixture(fixture);
      await effectiveProject(f);
      await proposeAmendment(f);
      expect(await f.registry.pendingAmendmentOf(1n)).to.equal(2n);
      await expect(
        f.registry.connect(f.bob).createAgreement(f.projectInput({ kind: Kind.Amendment, parentId: 1n })),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryAmendmentPending")
        .withArgs(1n, 2n);
    });

    it("supersedes the parent when the amendment takes effect and keeps the version chain (F2)", async function () {
      const f = await loadFixture(fixture);
      await effectiveProject(f);
      const doc2 = sha256Hex(PROJECT_DOC + "补充协议\n");
      await proposeAmendment(f, { documentHash: doc2 }, f.bob);
      const a2 = await f.registry.agreementOf(2n);
      expect(a2.version).to.equal(2n);
      expect(a2.parentId).to.equal(1n);
      await f.registry.connect(f.alice).sign(2n, doc2, a2.termsHash);
      await expect(f.registry.connect(f.bob).sign(2n, doc2, a2.termsHash))
        .to.emit(f.registry, "AgreementSuperseded")
        .withArgs(1n, 2n);
      expect((await f.registry.agreementOf(1n)).status).to.equal(Status.Superseded);
      expect(await f.registry.isEffective(2n)).to.equal(true);
      expect(await f.registry.isEffective(1n)).to.equal(false);
      expect(await f.registry.pendingAmendmentOf(1n)).to.equal(0n);
      expect(await f.registry.versionChain(2n, 0, 10)).to.deep.equal([1n, 2n]);
      expect(await f.registry.versionCount(1n)).to.equal(2n);
      expect(await f.registry.rootOf(2n)).to.equal(1n);
      expect((await f.registry.signatureOf(1n, f.alice.address)).method).to.equal(Method.Direct);
      expect((await f.registry.signatureOf(2n, f.alice.address)).method).to.equal(Method.Direct);
    });
  });

  describe("sign", function () {
    it("records the method, the block and time in its event; the last signature makes the agreement Effective", async function () {
      const f = await loadFixture(fixture);
      await f.registry.connect(f.secretariat).createCharter(f.charterInput(), f.params);
      const a = await f.registry.agreementOf(1n);
      await expect(f.registry.connect(f.alice).sign(1n, a.documentHash, a.termsHash))
        .to.emit(f.registry, "AgreementSigned")
        .withArgs(1n, f.alice.address, Method.Direct, 1, 1);
      const rec = await f.registry.signatureOf(1n, f.alice.address);
      expect(rec.method).to.equal(Method.Direct);
      expect(rec.accession).to.equal(false);
      // Lean records: the block and time of a signature are its event's.
      const [signed] = await f.registry.queryFilter(f.registry.filters.AgreementSigned(1n, f.alice.address));
      expect(signed.blockNumber).to.equal(await ethers.provider.getBlockNumber());
      expect((await signed.getBlock()).timestamp).to.equal(await time.latest());
      await f.registry.connect(f.bob).sign(1n, a.documentHash, a.termsHash);
      expect(await f.registry.isEffective(1n)).to.equal(false);
      const tx = f.registry.connect(f.carol).sign(1n, a.documentHash, a.termsHash);
      await expect(tx).to.emit(f.registry, "AgreementBecameEffective").withArgs(1n, 1);
      await expect(tx).to.emit(f.registry, "CharterInForce").withArgs(1n, 0n, 1);
      expect(await f.registry.currentCharterId()).to.equal(1n);
      expect(await f.registry.charterEffective()).to.equal(true);
      expect(await f.registry.charterParams()).to.deep.equal(Object.values(f.params));
      expect((await f.registry.agreementOf(1n)).effectiveAt).to.equal(BigInt(await time.latest()));
      await expectSignerSetConsistent(f.registry, 1n);
    });

    it("reverts when the agreement is unknown", async function () {
      const f = await loadFixture(fixture);
      await expect(f.registry.connect(f.alice).sign(7n, ethers.ZeroHash, ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryUnknownAgreement")
        .withArgs(7n);
    });

    it("reverts when the document or terms hash is not the stored one", async function () {
      const f = await loadFixture(fixture);
      await project(f);
      const a = await f.registry.agreementOf(1n);
      const other = sha256Hex("other");
      await expect(f.registry.connect(f.alice).sign(1n, other, a.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryHashMismatch")
        .withArgs(1n, other, a.termsHash);
      await expect(f.registry.connect(f.alice).sign(1n, a.documentHash, other))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryHashMismatch")
        .withArgs(1n, a.documentHash, other);
    });

    it("reverts when the signer is not a party (S6)", async function () {
      const f = await loadFixture(fixture);
      await project(f);
      const a = await f.registry.agreementOf(1n);
      await expect(f.registry.connect(f.carol).sign(1n, a.documentHash, a.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotParty")
        .withArgs(1n, f.carol.address);
    });

    it("reverts when the party is an expelled or withdrawn member (S6)", async function () {
      const f = await loadFixture(fixture);
      await f.registry.connect(f.secretariat).createCharter(f.charterInput(), f.params);
      const a = await f.registry.agreementOf(1n);
      await f.membership.setMember(f.bob.address, 0, MemberStatus.Expelled);
      await expect(f.registry.connect(f.bob).sign(1n, a.documentHash, a.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistrySignerExcluded")
        .withArgs(f.bob.address, MemberStatus.Expelled);
      await f.membership.setMember(f.carol.address, 0, MemberStatus.Withdrawn);
      await expect(f.registry.connect(f.carol).sign(1n, a.documentHash, a.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistrySignerExcluded")
        .withArgs(f.carol.address, MemberStatus.Withdrawn);
    });

    it("reverts when the party already signed (S3)", async function () {
      const f = await loadFixture(fixture);
      await project(f);
      const a = await f.registry.agreementOf(1n);
      await f.registry.connect(f.alice).sign(1n, a.documentHash, a.termsHash);
      await expect(f.registry.connect(f.alice).sign(1n, a.documentHash, a.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryAlreadySigned")
        .withArgs(1n, f.alice.address);
    });

    it("reverts when the agreement is no longer Pending", async function () {
      const f = await loadFixture(fixture);
      await project(f, { parties: [f.alice.address] });
      await signAll(f.registry, 1n, [f.alice]);
      const a = await f.registry.agreementOf(1n);
      await expect(f.registry.connect(f.alice).sign(1n, a.documentHash, a.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryUnexpectedStatus")
        .withArgs(1n, Status.Effective, mask(Status.Pending));
    });

    it("reverts when an amendment's parent was terminated meanwhile", async function () {
      const f = await loadFixture(fixture);
      await effectiveProject(f);
      await proposeAmendment(f);
      await consentAll(f, 1n);
      const a = await f.registry.agreementOf(2n);
      await expect(f.registry.connect(f.alice).sign(2n, a.documentHash, a.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryUnexpectedStatus")
        .withArgs(1n, Status.Terminated, mask(Status.Effective));
    });
  });

  describe("signWithSignature", function () {
    async function pending(f: F) {
      await f.registry.connect(f.secretariat).createCharter(f.charterInput(), f.params);
      const a = await f.registry.agreementOf(1n);
      return { id: 1n, a, deadline: await deadlineIn() };
    }

    it("accepts a relayed EIP-712 signature and records method EIP712", async function () {
      const f = await loadFixture(fixture);
      const { id, a, deadline } = await pending(f);
      const { signature } = await signAgreement(f.alice, f.registry, id, deadline);
      await expect(
        f.registry
          .connect(f.relayer)
          .signWithSignature(id, a.documentHash, a.termsHash, f.alice.address, deadline, signature),
      )
        .to.emit(f.registry, "AgreementSigned")
        .withArgs(id, f.alice.address, Method.EIP712, 1, 1);
      expect((await f.registry.signatureOf(id, f.alice.address)).method).to.equal(Method.EIP712);
    });

    it("reverts when the hashes given are not the stored ones", async function () {
      const f = await loadFixture(fixture);
      const { id, a, deadline } = await pending(f);
      const { signature } = await signAgreement(f.alice, f.registry, id, deadline);
      await expect(
        f.registry.signWithSignature(id, ethers.ZeroHash, a.termsHash, f.alice.address, deadline, signature),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryHashMismatch")
        .withArgs(id, ethers.ZeroHash, a.termsHash);
    });

    it("S1 rejects a signature made for another chain id", async function () {
      const f = await loadFixture(fixture);
      const { id, a, deadline } = await pending(f);
      const domain = { ...(await agreementsDomain(f.registry)), chainId: 1n };
      const { signature } = await signAgreement(f.alice, f.registry, id, deadline, { domain });
      await expect(
        f.registry.signWithSignature(id, a.documentHash, a.termsHash, f.alice.address, deadline, signature),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidSignature")
        .withArgs(f.alice.address);
    });

    it("S2 rejects a signature for another agreement, another registry, or other hashes or version", async function () {
      const f = await loadFixture(fixture);
      const { id, a, deadline } = await pending(f);
      await project(f); // id 2, alice is a party
      const p = await f.registry.agreementOf(2n);
      const forCharter = (await signAgreement(f.alice, f.registry, id, deadline)).signature;
      await expect(
        f.registry.signWithSignature(2n, p.documentHash, p.termsHash, f.alice.address, deadline, forCharter),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidSignature")
        .withArgs(f.alice.address);

      const other = (await ethers.deployContract("AgreementRegistry", [
        await f.manager.getAddress(),
        f.genesis,
      ])) as unknown as AgreementRegistry;
      await other.bindMembership(await f.membership.getAddress());
      await f.manager.setTargetFunctionRole(
        await other.getAddress(),
        [other.interface.getFunction("createCharter").selector],
        ROLE.SECRETARIAT,
      );
      await other.connect(f.secretariat).createCharter(f.charterInput(), f.params);
      await expect(
        other.signWithSignature(id, a.documentHash, a.termsHash, f.alice.address, deadline, forCharter),
      )
        .to.be.revertedWithCustomError(other, "AgreementRegistryInvalidSignature")
        .withArgs(f.alice.address);

      const domain = await agreementsDomain(f.registry);
      const base: AgreementSignatureValue = {
        agreementId: id,
        documentHash: a.documentHash,
        termsHash: a.termsHash,
        version: a.version,
        signer: f.alice.address,
        deadline,
      };
      for (const changed of [
        { documentHash: sha256Hex("另一份文件") },
        { termsHash: termsHash({ other: true }) },
        { version: 2n },
      ]) {
        const sig = await signAgreementTypedData(f.alice, domain, { ...base, ...changed });
        await expect(
          f.registry.signWithSignature(id, a.documentHash, a.termsHash, f.alice.address, deadline, sig),
        )
          .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidSignature")
          .withArgs(f.alice.address);
      }
      expect(
        await f.registry.signWithSignature(
          id,
          a.documentHash,
          a.termsHash,
          f.alice.address,
          deadline,
          forCharter,
        ),
      ).to.not.be.reverted;
    });

    it("S3 does not count the same signature twice", async function () {
      const f = await loadFixture(fixture);
      const { id, a, deadline } = await pending(f);
      const { signature } = await signAgreement(f.alice, f.registry, id, deadline);
      await f.registry.signWithSignature(
        id,
        a.documentHash,
        a.termsHash,
        f.alice.address,
        deadline,
        signature,
      );
      await expect(
        f.registry.signWithSignature(id, a.documentHash, a.termsHash, f.alice.address, deadline, signature),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryAlreadySigned")
        .withArgs(id, f.alice.address);
      expect((await f.registry.agreementOf(id)).signedCount).to.equal(1n);
    });

    it("S4 rejects the high-s twin, v outside {27, 28}, 64- and 66-byte blobs and signatures recovering to zero", async function () {
      const f = await loadFixture(fixture);
      const { id, a, deadline } = await pending(f);
      const { signature } = await signAgreement(f.alice, f.registry, id, deadline);
      const sig = ethers.Signature.from(signature);
      const r = sig.r;
      const s = BigInt(sig.s);
      const v = sig.v;
      const highS = ethers.concat([
        r,
        ethers.toBeHex(SECP256K1_N - s, 32),
        ethers.toBeHex(v === 27 ? 28 : 27, 1),
      ]);
      const vs = [0, 1, 29].map((bad) => ethers.concat([r, sig.s, ethers.toBeHex(bad, 1)]));
      const short = sig.compactSerialized; // EIP-2098, 64 bytes
      const long = ethers.concat([signature, "0x00"]);
      const zero = ethers.concat([ethers.ZeroHash, ethers.toBeHex(1, 32), "0x1b"]);
      expect(ethers.dataLength(short)).to.equal(64);
      expect(ethers.dataLength(long)).to.equal(66);
      for (const bad of [highS, ...vs, short, long, zero]) {
        await expect(
          f.registry.signWithSignature(id, a.documentHash, a.termsHash, f.alice.address, deadline, bad),
        )
          .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidSignature")
          .withArgs(f.alice.address);
      }
      await expect(
        f.registry.signWithSignature(id, a.documentHash, a.termsHash, ethers.ZeroAddress, deadline, zero),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidSignature")
        .withArgs(ethers.ZeroAddress);
      await f.registry.signWithSignature(
        id,
        a.documentHash,
        a.termsHash,
        f.alice.address,
        deadline,
        signature,
      );
    });

    it("S5 accepts a signature at its deadline and rejects it at deadline + 1 s", async function () {
      const f = await loadFixture(fixture);
      const { id, a, deadline } = await pending(f);
      const alice = await signAgreement(f.alice, f.registry, id, deadline);
      const bob = await signAgreement(f.bob, f.registry, id, deadline);
      await time.setNextBlockTimestamp(deadline);
      await f.registry.signWithSignature(
        id,
        a.documentHash,
        a.termsHash,
        f.alice.address,
        deadline,
        alice.signature,
      );
      await time.setNextBlockTimestamp(deadline + 1n);
      await expect(
        f.registry.signWithSignature(id, a.documentHash, a.termsHash, f.bob.address, deadline, bob.signature),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistrySignatureExpired")
        .withArgs(deadline, deadline + 1n);
    });

    it("S6 rejects a non-party and a member expelled before submission", async function () {
      const f = await loadFixture(fixture);
      const { id, a, deadline } = await pending(f);
      const dave = await signAgreement(f.dave, f.registry, id, deadline);
      await expect(
        f.registry.signWithSignature(
          id,
          a.documentHash,
          a.termsHash,
          f.dave.address,
          deadline,
          dave.signature,
        ),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotParty")
        .withArgs(id, f.dave.address);
      const bob = await signAgreement(f.bob, f.registry, id, deadline);
      await f.membership.setMember(f.bob.address, 0, MemberStatus.Expelled);
      await expect(
        f.registry.signWithSignature(id, a.documentHash, a.termsHash, f.bob.address, deadline, bob.signature),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistrySignerExcluded")
        .withArgs(f.bob.address, MemberStatus.Expelled);
    });

    it("S7 accepts an EIP-1271 wallet returning the magic value and rejects the four faulty wallets", async function () {
      const f = await loadFixture(fixture);
      const good = await ethers.deployContract("AgreementsEcdsaWallet", [f.dave.address]);
      const faulty = [
        await ethers.deployContract("AgreementsWrongValueWallet"),
        await ethers.deployContract("AgreementsRevertingWallet"),
        await ethers.deployContract("AgreementsShortDataWallet"),
        await ethers.deployContract("AgreementsGasBurnerWallet"),
      ];
      const wallets = [await good.getAddress(), ...(await Promise.all(faulty.map((w) => w.getAddress())))];
      await project(f, { parties: [f.alice.address, ...wallets] });
      const a = await f.registry.agreementOf(1n);
      const deadline = await deadlineIn();
      for (const w of wallets.slice(1)) {
        const { signature } = await signAgreement(f.dave, f.registry, 1n, deadline, { onBehalfOf: w });
        await expect(
          f.registry.signWithSignature(1n, a.documentHash, a.termsHash, w, deadline, signature, {
            gasLimit: 500_000,
          }),
        )
          .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidSignature")
          .withArgs(w);
      }
      const { signature } = await signAgreement(f.dave, f.registry, 1n, deadline, { onBehalfOf: wallets[0] });
      await expect(
        f.registry.signWithSignature(1n, a.documentHash, a.termsHash, wallets[0], deadline, signature),
      )
        .to.emit(f.registry, "AgreementSigned")
        .withArgs(1n, wallets[0], Method.EIP1271, 1, 1);
      expect((await f.registry.signatureOf(1n, wallets[0])).method).to.equal(Method.EIP1271);
      await f.registry.connect(f.alice).sign(1n, a.documentHash, a.termsHash);
      expect((await f.registry.agreementOf(1n)).signedCount).to.equal(2n);
    });

    it("S8 rejects for wallet W2 a signature valid for wallet W1 with the same owner key", async function () {
      const f = await loadFixture(fixture);
      const w1 = await (await ethers.deployContract("AgreementsEcdsaWallet", [f.dave.address])).getAddress();
      const w2 = await (await ethers.deployContract("AgreementsEcdsaWallet", [f.dave.address])).getAddress();
      await project(f, { parties: [f.alice.address, w1, w2] });
      const a = await f.registry.agreementOf(1n);
      const deadline = await deadlineIn();
      const { signature } = await signAgreement(f.dave, f.registry, 1n, deadline, { onBehalfOf: w1 });
      await expect(f.registry.signWithSignature(1n, a.documentHash, a.termsHash, w2, deadline, signature))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidSignature")
        .withArgs(w2);
      await f.registry.signWithSignature(1n, a.documentHash, a.termsHash, w1, deadline, signature);
      expect((await f.registry.signatureOf(1n, w2)).method).to.equal(Method.None);
    });

    it("S9 the contract's digest equals ethers' TypedDataEncoder.hash and eip712Domain() matches the SDK", async function () {
      const f = await loadFixture(fixture);
      const { id, a, deadline } = await pending(f);
      const d = await f.registry.eip712Domain();
      expect(d.fields).to.equal("0x0f");
      expect(d.name).to.equal("Covenant Agreements");
      expect(d.version).to.equal("1");
      expect(d.chainId).to.equal((await ethers.provider.getNetwork()).chainId);
      expect(d.verifyingContract).to.equal(await f.registry.getAddress());
      const domain = await agreementsDomain(f.registry);
      const value: AgreementSignatureValue = {
        agreementId: id,
        documentHash: a.documentHash,
        termsHash: a.termsHash,
        version: a.version,
        signer: f.alice.address,
        deadline,
      };
      const expected = ethers.TypedDataEncoder.hash(domain, AGREEMENT_SIGNATURE_TYPES, value);
      expect(agreementDigest(domain, value)).to.equal(expected);
      expect(
        await f.registry.hashAgreementSignature(
          id,
          a.documentHash,
          a.termsHash,
          a.version,
          f.alice.address,
          deadline,
        ),
      ).to.equal(expected);
      expect(await f.registry.SIGNATURE_TYPEHASH()).to.equal(
        ethers.id(ethers.TypedDataEncoder.from(AGREEMENT_SIGNATURE_TYPES).encodeType("AgreementSignature")),
      );
    });
  });

  describe("accede", function () {
    it("lets a member admitted later accede to the charter in force and tells Membership", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      await admitDave(f);
      const a = await f.registry.agreementOf(1n);
      expect(await f.registry.hasAcceded(f.dave.address)).to.equal(false);
      const tx = f.registry.connect(f.dave).accede(1n, a.documentHash, a.termsHash);
      await expect(tx).to.emit(f.registry, "CharterAcceded").withArgs(1n, f.dave.address, Method.Direct, 1);
      await expect(tx)
        .to.emit(f.membership, "AccessionNotified")
        .withArgs(f.dave.address, await f.registry.getAddress(), 1n);
      expect(await f.registry.hasAcceded(f.dave.address)).to.equal(true);
      expect(await f.membership.accessionCalls(f.dave.address)).to.equal(1n);
      const after = await f.registry.agreementOf(1n);
      expect([after.status, after.signedCount, after.partyCount]).to.deep.equal([
        a.status,
        a.signedCount,
        a.partyCount,
      ]);
      expect(await f.registry.isParty(1n, f.dave.address)).to.equal(false);
      const rec = await f.registry.signatureOf(1n, f.dave.address);
      expect(rec.accession).to.equal(true);
      expect(await f.registry.accederCount(1n)).to.equal(1n);
      expect((await f.registry.accedersOf(1n, 0, 10))[0].account).to.equal(f.dave.address);
      const acceded = await f.registry.queryFilter(
        f.registry.filters.CharterAcceded(undefined, f.dave.address),
      );
      expect(acceded.map((l) => l.args.charterId)).to.deep.equal([1n]);
    });

    it("B9 makes an acceder bound by the charter like a founding party, and nobody else", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      await admitDave(f);
      const a = await f.registry.agreementOf(1n);
      expect(await f.registry.isBoundBy(1n, f.alice.address)).to.equal(true);
      expect(await f.registry.isBoundBy(1n, f.dave.address)).to.equal(false);
      await f.registry.connect(f.dave).accede(1n, a.documentHash, a.termsHash);
      expect(await f.registry.isBoundBy(1n, f.dave.address)).to.equal(true);
      expect(await f.registry.isParty(1n, f.dave.address)).to.equal(false);
      expect(await f.registry.isBoundBy(1n, f.outsider.address)).to.equal(false);
      expect(await f.registry.isBoundBy(2n, f.dave.address)).to.equal(false);
    });

    it("reverts when no charter is in force or the id is not the one in force", async function () {
      const f = await loadFixture(fixture);
      await expect(f.registry.connect(f.dave).accede(0n, ethers.ZeroHash, ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotCurrentCharter")
        .withArgs(0n, 0n);
      await charterInForce(f);
      await project(f);
      const p = await f.registry.agreementOf(2n);
      await expect(f.registry.connect(f.dave).accede(2n, p.documentHash, p.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotCurrentCharter")
        .withArgs(2n, 1n);
    });

    it("reverts when the hashes are not the charter's", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      const a = await f.registry.agreementOf(1n);
      await expect(f.registry.connect(f.dave).accede(1n, a.documentHash, ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryHashMismatch")
        .withArgs(1n, a.documentHash, ethers.ZeroHash);
    });

    it("reverts when the member already signed or acceded", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      await admitDave(f);
      const a = await f.registry.agreementOf(1n);
      await expect(f.registry.connect(f.alice).accede(1n, a.documentHash, a.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryAlreadySigned")
        .withArgs(1n, f.alice.address);
      await f.registry.connect(f.dave).accede(1n, a.documentHash, a.termsHash);
      await expect(f.registry.connect(f.dave).accede(1n, a.documentHash, a.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryAlreadySigned")
        .withArgs(1n, f.dave.address);
    });

    it("reverts when the acceder is not an Active member (S6)", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      const a = await f.registry.agreementOf(1n);
      await expect(f.registry.connect(f.outsider).accede(1n, a.documentHash, a.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotActiveMember")
        .withArgs(f.outsider.address, MemberStatus.None);
      for (const st of [MemberStatus.Applicant, MemberStatus.Suspended, MemberStatus.Expelled]) {
        await f.membership.setMember(f.dave.address, 0, st);
        await expect(f.registry.connect(f.dave).accede(1n, a.documentHash, a.termsHash))
          .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotActiveMember")
          .withArgs(f.dave.address, st);
      }
    });

    it("B1 keeps an acceder bound by the amendment that supersedes its version, which every bound member signs", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      await daveAccedes(f);
      const v1 = await f.registry.agreementOf(1n);
      const bound = [f.alice, f.bob, f.carol, f.dave];
      const id = await draftCharterAmendment(
        f,
        bound.map((m) => m.address),
        { levyBps: 800n },
      );
      expect(await f.registry.charterParams()).to.deep.equal(Object.values(f.params));
      const a2 = await f.registry.agreementOf(id);
      for (const m of bound.slice(0, 3)) await f.registry.connect(m).sign(id, a2.documentHash, a2.termsHash);
      const tx = f.registry.connect(f.dave).sign(id, a2.documentHash, a2.termsHash);
      await expect(tx).to.emit(f.registry, "CharterInForce").withArgs(id, 1n, 2);
      await expect(tx).to.emit(f.registry, "AgreementSuperseded").withArgs(1n, id);
      expect(await f.registry.currentCharterId()).to.equal(id);
      expect(await f.registry.charterLine()).to.equal(1n);
      expect((await f.registry.charterParams()).levyBps).to.equal(800n);
      expect((await f.registry.agreementOf(1n)).status).to.equal(Status.Superseded);
      for (const m of bound) {
        expect(await f.registry.hasAcceded(m.address)).to.equal(true);
        expect(await f.registry.isBoundBy(id, m.address)).to.equal(true);
      }
      await expect(f.registry.connect(f.dave).accede(1n, v1.documentHash, v1.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotCurrentCharter")
        .withArgs(1n, id);
      await expect(f.registry.connect(f.dave).accede(id, a2.documentHash, a2.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryAlreadySigned")
        .withArgs(id, f.dave.address);
      expect(await f.registry.versionChain(1n, 0, 10)).to.deep.equal([1n, id]);
      expect((await f.registry.signatureOf(1n, f.dave.address)).accession).to.equal(true);
    });

    it("lets a re-admitted member accede again to the version it signed before, keeping its first record", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      await daveAccedes(f);
      const a = await f.registry.agreementOf(1n);
      const first = await f.registry.signatureOf(1n, f.dave.address);
      await f.membership.leave(f.dave.address, 0, MemberStatus.Expelled);
      expect(await f.registry.hasAcceded(f.dave.address)).to.equal(false);
      expect(await f.registry.isBoundBy(1n, f.dave.address)).to.equal(false);
      await admitDave(f);
      await expect(f.registry.connect(f.dave).accede(1n, a.documentHash, a.termsHash))
        .to.emit(f.registry, "CharterAcceded")
        .withArgs(1n, f.dave.address, Method.Direct, 1);
      expect(await f.registry.hasAcceded(f.dave.address)).to.equal(true);
      expect(await f.registry.signatureOf(1n, f.dave.address)).to.deep.equal(first);
      expect(await f.registry.accederCount(1n)).to.equal(1n);
      const acceded = await f.registry.queryFilter(
        f.registry.filters.CharterAcceded(undefined, f.dave.address),
      );
      expect(acceded.map((l) => l.args.charterId)).to.deep.equal([1n, 1n]);
    });
  });

  describe("accedeWithSignature", function () {
    it("accepts the member's EIP-712 signature submitted by a relayer", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      await admitDave(f);
      const a = await f.registry.agreementOf(1n);
      const deadline = await deadlineIn();
      const { signature } = await signAgreement(f.dave, f.registry, 1n, deadline);
      await expect(
        f.registry
          .connect(f.relayer)
          .accedeWithSignature(1n, a.documentHash, a.termsHash, f.dave.address, deadline, signature),
      )
        .to.emit(f.registry, "CharterAcceded")
        .withArgs(1n, f.dave.address, Method.EIP712, 1);
      expect(await f.registry.hasAcceded(f.dave.address)).to.equal(true);
    });

    it("reverts when expired, signed by someone else, or replayed", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      await admitDave(f);
      const a = await f.registry.agreementOf(1n);
      const deadline = await deadlineIn();
      const byOutsider = await signAgreement(f.outsider, f.registry, 1n, deadline, {
        onBehalfOf: f.dave.address,
      });
      await expect(
        f.registry.accedeWithSignature(
          1n,
          a.documentHash,
          a.termsHash,
          f.dave.address,
          deadline,
          byOutsider.signature,
        ),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryInvalidSignature")
        .withArgs(f.dave.address);
      const { signature } = await signAgreement(f.dave, f.registry, 1n, deadline);
      await f.registry.accedeWithSignature(
        1n,
        a.documentHash,
        a.termsHash,
        f.dave.address,
        deadline,
        signature,
      );
      await expect(
        f.registry.accedeWithSignature(1n, a.documentHash, a.termsHash, f.dave.address, deadline, signature),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryAlreadySigned")
        .withArgs(1n, f.dave.address);
      await time.increaseTo(deadline + 1n);
      await expect(
        f.registry.accedeWithSignature(1n, a.documentHash, a.termsHash, f.dave.address, deadline, signature),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistrySignatureExpired")
        .withArgs(deadline, deadline + 2n);
    });
  });

  describe("consentToTermination", function () {
    it("terminates when the last party consents", async function () {
      const f = await loadFixture(fixture);
      await effectiveProject(f);
      await expect(f.registry.connect(f.alice).consentToTermination(1n))
        .to.emit(f.registry, "TerminationConsented")
        .withArgs(1n, f.alice.address, 1);
      expect(await f.registry.terminationConsents(1n)).to.equal(1n);
      expect((await f.registry.signatureOf(1n, f.alice.address)).terminationConsent).to.equal(true);
      await expect(f.registry.connect(f.bob).consentToTermination(1n))
        .to.emit(f.registry, "AgreementTerminated")
        .withArgs(1n, false, ethers.ZeroHash);
      expect((await f.registry.agreementOf(1n)).status).to.equal(Status.Terminated);
    });

    it("abandons a pending amendment and frees its parent for a new one", async function () {
      const f = await loadFixture(fixture);
      await effectiveProject(f);
      await proposeAmendment(f);
      await consentAll(f, 2n);
      expect(await f.registry.pendingAmendmentOf(1n)).to.equal(0n);
      await proposeAmendment(f);
      expect(await f.registry.versionChain(1n, 0, 10)).to.deep.equal([1n, 2n, 3n]);
    });

    it("takes the charter out of force when all its parties consent", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      for (const s of [f.alice, f.bob, f.carol]) await f.registry.connect(s).consentToTermination(1n);
      expect(await f.registry.currentCharterId()).to.equal(0n);
      expect(await f.registry.charterEffective()).to.equal(false);
      expect(await f.registry.hasAcceded(f.alice.address)).to.equal(false);
      expect(await f.registry.charterParams()).to.deep.equal(Object.values(f.genesis));
    });

    it("reverts when the caller is not a party, already consented, or the agreement is closed", async function () {
      const f = await loadFixture(fixture);
      await project(f);
      await expect(f.registry.connect(f.carol).consentToTermination(1n))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotParty")
        .withArgs(1n, f.carol.address);
      await f.registry.connect(f.alice).consentToTermination(1n);
      await expect(f.registry.connect(f.alice).consentToTermination(1n))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryAlreadyConsented")
        .withArgs(1n, f.alice.address);
      await f.registry.connect(f.bob).consentToTermination(1n);
      await expect(f.registry.connect(f.bob).consentToTermination(1n))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryUnexpectedStatus")
        .withArgs(1n, Status.Terminated, mask(Status.Pending, Status.Effective));
      await expect(f.registry.connect(f.bob).consentToTermination(9n))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryUnknownAgreement")
        .withArgs(9n);
    });
  });

  describe("terminateCharter", function () {
    it("lets the council terminate the charter in force", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      const reason = sha256Hex("理事会决议");
      await expect(f.registry.connect(f.council).terminateCharter(1n, reason))
        .to.emit(f.registry, "AgreementTerminated")
        .withArgs(1n, true, reason);
      expect(await f.registry.currentCharterId()).to.equal(0n);
      await f.registry
        .connect(f.secretariat)
        .createCharter(f.charterInput({ uri: "ipfs://charter-new" }), f.params);
      expect(await f.registry.versionChain(2n, 0, 10)).to.deep.equal([2n]);
    });

    it("lets the council abandon a charter draft, freeing the draft slot", async function () {
      const f = await loadFixture(fixture);
      await f.registry.connect(f.secretariat).createCharter(f.charterInput(), f.params);
      await f.registry.connect(f.council).terminateCharter(1n, ethers.ZeroHash);
      await f.registry.connect(f.secretariat).createCharter(f.charterInput(), f.params);
      expect(await f.registry.agreementCount()).to.equal(2n);
    });

    it("reverts when the caller is not the council", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      await expect(f.registry.connect(f.secretariat).terminateCharter(1n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.registry, "AccessManagedUnauthorized")
        .withArgs(f.secretariat.address);
    });

    it("reverts when the agreement is not of the charter line or already closed", async function () {
      const f = await loadFixture(fixture);
      await project(f);
      await expect(f.registry.connect(f.council).terminateCharter(1n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotCharter")
        .withArgs(1n);
      await f.registry.connect(f.secretariat).createCharter(f.charterInput(), f.params);
      await f.registry.connect(f.council).terminateCharter(2n, ethers.ZeroHash);
      await expect(f.registry.connect(f.council).terminateCharter(2n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryUnexpectedStatus")
        .withArgs(2n, Status.Terminated, mask(Status.Pending, Status.Effective));
    });
  });

  describe("charter amendment rule (B1)", function () {
    const MEMBER_SIGNATURES = 0n;
    const COUNCIL_VOTE = 1n;
    const EVIL = { quorumBps: 1n, supermajorityBps: 5001n, levyBps: 10000n };

    it("B1 refuses a charter amendment listing only the secretariat, or any non-member, and keeps the charter", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      await expect(charterAmendmentTx(f, [f.secretariat.address], EVIL))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryCharterPartiesMismatch")
        .withArgs(1n, 3n);
      await expect(charterAmendmentTx(f, [f.secretariat.address, f.bob.address, f.carol.address], EVIL))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryPartyNotBound")
        .withArgs(f.secretariat.address);
      await admitDave(f); // an active member, not bound by the charter
      await expect(charterAmendmentTx(f, [f.alice.address, f.bob.address, f.dave.address], EVIL))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryPartyNotBound")
        .withArgs(f.dave.address);
      await expect(charterAmendmentTx(f, [f.alice.address, f.bob.address], EVIL))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryCharterPartiesMismatch")
        .withArgs(2n, 3n);
      expect(await f.registry.currentCharterId()).to.equal(1n);
      expect(await f.registry.charterParams()).to.deep.equal(Object.values(f.params));
      expect(await f.registry.agreementCount()).to.equal(1n);
    });

    it("B1 lists exactly the active and suspended members in a first charter, and a non-member can never sign it", async function () {
      const f = await loadFixture(fixture);
      await expect(
        f.registry
          .connect(f.secretariat)
          .createCharter(f.charterInput({ parties: [f.alice.address, f.bob.address] }), {
            ...f.params,
            ...EVIL,
          }),
      )
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryCharterPartiesMismatch")
        .withArgs(2n, 3n);
      // The secretariat lists itself in a member's place: the draft exists but can never take effect.
      const input = f.charterInput({ parties: [f.alice.address, f.bob.address, f.secretariat.address] });
      await f.registry.connect(f.secretariat).createCharter(input, { ...f.params, ...EVIL });
      await signAll(f.registry, 1n, [f.alice, f.bob]);
      await expect(f.registry.connect(f.secretariat).sign(1n, input.documentHash, input.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryCharterPartyNotMember")
        .withArgs(f.secretariat.address, MemberStatus.None);
      await f.membership.setMember(f.secretariat.address, 0, MemberStatus.Applicant);
      await expect(f.registry.connect(f.secretariat).sign(1n, input.documentHash, input.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryCharterPartyNotMember")
        .withArgs(f.secretariat.address, MemberStatus.Applicant);
      expect(await f.registry.charterEffective()).to.equal(false);
      // A suspended member counts and signs; the members' charter takes effect.
      await f.registry.connect(f.secretariat).withdrawAmendment(1n);
      await f.membership.setMember(f.carol.address, 2, MemberStatus.Suspended);
      await f.registry.connect(f.secretariat).createCharter(f.charterInput(), f.params);
      await signAll(f.registry, 2n, [f.alice, f.bob, f.carol]);
      expect(await f.registry.currentCharterId()).to.equal(2n);
      expect(await f.registry.charterLine()).to.equal(2n);
      expect(await f.membership.boundCountOf(2n)).to.equal(3n);
    });

    it("B1 binds the signers of a first charter to its line only once it takes effect", async function () {
      const f = await loadFixture(fixture);
      await f.registry.connect(f.secretariat).createCharter(f.charterInput(), f.params);
      const a = await f.registry.agreementOf(1n);
      await expect(f.registry.connect(f.alice).sign(1n, a.documentHash, a.termsHash))
        .to.emit(f.membership, "AccessionNotified")
        .withArgs(f.alice.address, await f.registry.getAddress(), 1n);
      expect(await f.registry.hasAcceded(f.alice.address)).to.equal(false);
      expect(await f.registry.charterLine()).to.equal(0n);
      await signAll(f.registry, 1n, [f.bob, f.carol]);
      for (const m of [f.alice, f.bob, f.carol])
        expect(await f.registry.hasAcceded(m.address)).to.equal(true);
      expect(await f.registry.hasAcceded(f.dave.address)).to.equal(false);
    });

    it("B1 makes a charter amendment stale when the bound set changes after drafting: an accession, a withdrawal", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      const id = await draftCharterAmendment(f);
      const a = await f.registry.agreementOf(id);
      const epoch = await f.membership.bindingEpoch();
      await f.registry.connect(f.alice).sign(id, a.documentHash, a.termsHash);
      await daveAccedes(f);
      await expect(f.registry.connect(f.bob).sign(id, a.documentHash, a.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryDraftStale")
        .withArgs(id, epoch, epoch + 1n);
      // Withdrawn and drafted anew with Dave; then Carol withdraws from the alliance: stale again.
      await f.registry.connect(f.secretariat).withdrawAmendment(id);
      const all = [f.alice, f.bob, f.carol, f.dave].map((m) => m.address);
      const id2 = await draftCharterAmendment(f, all);
      const a2 = await f.registry.agreementOf(id2);
      await signAll(f.registry, id2, [f.alice, f.bob, f.dave]);
      await f.membership.leave(f.carol.address, 2, MemberStatus.Withdrawn);
      await expect(f.registry.connect(f.carol).sign(id2, a2.documentHash, a2.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistrySignerExcluded")
        .withArgs(f.carol.address, MemberStatus.Withdrawn);
      // With the bound set unchanged since drafting, the last bound member's signature takes effect.
      await f.registry.connect(f.secretariat).withdrawAmendment(id2);
      const id3 = await draftCharterAmendment(f, [f.alice.address, f.bob.address, f.dave.address]);
      const a3 = await f.registry.agreementOf(id3);
      await signAll(f.registry, id3, [f.alice, f.bob]);
      await expect(f.registry.connect(f.dave).sign(id3, a3.documentHash, a3.termsHash))
        .to.emit(f.registry, "CharterInForce")
        .withArgs(id3, 1n, 2);
    });

    it("B1 lets the council adopt a draft only under the council-vote rule, before it lapses, and nobody sign it", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f, { amendmentRule: COUNCIL_VOTE });
      await daveAccedes(f);
      await expect(charterAmendmentTx(f, [f.alice.address], { levyBps: 800n }))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryCharterPartiesMismatch")
        .withArgs(1n, 0n);
      const id = await draftCharterAmendment(f, [], { levyBps: 800n });
      const a = await f.registry.agreementOf(id);
      expect(a.partyCount).to.equal(0n);
      await expect(f.registry.connect(f.alice).sign(id, a.documentHash, a.termsHash))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotParty")
        .withArgs(id, f.alice.address);
      for (const caller of [f.secretariat, f.alice, f.admin]) {
        await expect(f.registry.connect(caller).adoptCharter(id))
          .to.be.revertedWithCustomError(f.registry, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
      await expect(f.registry.connect(f.council).adoptCharter(1n))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotCharterDraft")
        .withArgs(1n, id);
      await time.setNextBlockTimestamp(a.lapsesAt - 1n);
      const tx = f.registry.connect(f.council).adoptCharter(id);
      await expect(tx).to.emit(f.registry, "CharterAdopted").withArgs(id, 2);
      await expect(tx).to.emit(f.registry, "CharterInForce").withArgs(id, 1n, 2);
      await expect(tx).to.emit(f.registry, "AgreementSuperseded").withArgs(1n, id);
      expect((await f.registry.charterParams()).levyBps).to.equal(800n);
      expect(await f.registry.charterDraftId()).to.equal(0n);
      // Line binding: the founders and Dave (who acceded to version 1) stay bound by version 2.
      for (const m of [f.alice, f.bob, f.carol, f.dave]) {
        expect(await f.registry.hasAcceded(m.address)).to.equal(true);
        expect(await f.registry.isBoundBy(id, m.address)).to.equal(true);
      }
      await expect(f.registry.connect(f.council).adoptCharter(id))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotCharterDraft")
        .withArgs(id, 0n);
    });

    it("B1 refuses the council's adoption under the member-signature rule and of a lapsed draft", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f, { amendmentRule: MEMBER_SIGNATURES });
      const id = await draftCharterAmendment(f, undefined, { amendmentRule: COUNCIL_VOTE });
      await expect(f.registry.connect(f.council).adoptCharter(id))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryWrongAmendmentRule")
        .withArgs(id, MEMBER_SIGNATURES);
      // Version 2 (signed by every bound member) says the council amends from now on.
      await signAll(f.registry, id, [f.alice, f.bob, f.carol]);
      const id2 = await draftCharterAmendment(f, [], {}, id);
      const a2 = await f.registry.agreementOf(id2);
      await time.setNextBlockTimestamp(a2.lapsesAt);
      await expect(f.registry.connect(f.council).adoptCharter(id2))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryAmendmentLapsed")
        .withArgs(id2, a2.lapsesAt);
      expect(await f.registry.currentCharterId()).to.equal(id);
    });

    it("B1 adopts a first charter by the council's vote under a council-vote genesis; it binds nobody until members accede", async function () {
      const f = await loadFixture(fixture);
      const registry = (await ethers.deployContract("AgreementRegistry", [
        await f.manager.getAddress(),
        { ...f.genesis, amendmentRule: COUNCIL_VOTE },
      ])) as unknown as AgreementRegistry;
      await registry.bindMembership(await f.membership.getAddress());
      const target = await registry.getAddress();
      await f.manager.setTargetFunctionRole(
        target,
        [registry.interface.getFunction("createCharter").selector],
        ROLE.SECRETARIAT,
      );
      await f.manager.setTargetFunctionRole(
        target,
        [registry.interface.getFunction("adoptCharter").selector],
        ROLE.COUNCIL,
      );
      await expect(registry.connect(f.secretariat).createCharter(f.charterInput(), f.params))
        .to.be.revertedWithCustomError(registry, "AgreementRegistryCharterPartiesMismatch")
        .withArgs(3n, 0n);
      await registry.connect(f.secretariat).createCharter(f.charterInput({ parties: [] }), f.params);
      await expect(registry.connect(f.council).adoptCharter(1n))
        .to.emit(registry, "CharterInForce")
        .withArgs(1n, 0n, 1);
      expect(await registry.charterLine()).to.equal(1n);
      expect(await registry.hasAcceded(f.alice.address)).to.equal(false);
      const a = await registry.agreementOf(1n);
      await registry.connect(f.alice).accede(1n, a.documentHash, a.termsHash);
      expect(await registry.hasAcceded(f.alice.address)).to.equal(true);
      expect(await registry.isBoundBy(1n, f.alice.address)).to.equal(true);
    });

    it("B9 keeps isBoundBy true for exactly the members bound by the charter line", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      await daveAccedes(f);
      expect(await f.registry.isBoundBy(1n, f.dave.address)).to.equal(true);
      await f.membership.leave(f.bob.address, 1, MemberStatus.Expelled);
      expect(await f.registry.isBoundBy(1n, f.bob.address)).to.equal(false);
      expect(await f.registry.isParty(1n, f.bob.address)).to.equal(true);
      await admitDave(f);
      for (const who of [f.outsider, f.secretariat]) {
        expect(await f.registry.isBoundBy(1n, who.address)).to.equal(false);
      }
    });
  });

  describe("amendments (B2)", function () {
    const PERIOD = BigInt(CHARTER_TERMS.parameters.amendmentPeriod);

    /** Project 1 of alice, bob and carol, Effective. */
    async function threeParty(f: F): Promise<bigint> {
      await project(f, { parties: [f.alice.address, f.bob.address, f.carol.address] });
      await signAll(f.registry, 1n, [f.alice, f.bob, f.carol]);
      return 1n;
    }

    it("B2 refuses an amendment that leaves out a party of its parent, and takes one that adds a party", async function () {
      const f = await loadFixture(fixture);
      await threeParty(f);
      const amend = (parties: string[]) => proposeAmendment(f, { parties });
      await expect(amend([f.alice.address]))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryParentPartiesMissing")
        .withArgs(1n, 1n, 3n);
      await expect(amend([f.alice.address, f.bob.address, f.outsider.address]))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryParentPartiesMissing")
        .withArgs(1n, 2n, 3n);
      const id = await amend([f.alice.address, f.bob.address, f.carol.address, f.outsider.address]);
      expect((await f.registry.agreementOf(id)).partyCount).to.equal(4n);
    });

    it("B2 re-runs the exploits: a self-only amendment never supersedes a 3-party agreement, a phantom party's amendment stops blocking", async function () {
      const f = await loadFixture(fixture);
      await threeParty(f);
      await expect(proposeAmendment(f, { parties: [f.alice.address] })).to.be.revertedWithCustomError(
        f.registry,
        "AgreementRegistryParentPartiesMissing",
      );
      const phantom = ethers.Wallet.createRandom().address;
      const id = await proposeAmendment(f, {
        parties: [f.alice.address, f.bob.address, f.carol.address, phantom],
      });
      await signAll(f.registry, id, [f.alice, f.bob, f.carol]);
      expect((await f.registry.agreementOf(1n)).status).to.equal(Status.Effective);
      await time.increaseTo((await f.registry.agreementOf(id)).lapsesAt);
      const next = await proposeAmendment(f, { parties: [f.alice.address, f.bob.address, f.carol.address] });
      expect(await f.registry.pendingAmendmentOf(1n)).to.equal(next);
      expect((await f.registry.agreementOf(id)).status).to.equal(Status.Terminated);
    });

    it("B2 signs an amendment at creation + period - 1 s and refuses it at + period and + period + 1 s", async function () {
      const f = await loadFixture(fixture);
      await threeParty(f);
      const id = await proposeAmendment(f, { parties: [f.alice.address, f.bob.address, f.carol.address] });
      const a = await f.registry.agreementOf(id);
      expect(a.lapsesAt).to.equal(a.createdAt + PERIOD);
      await time.setNextBlockTimestamp(a.createdAt + PERIOD - 1n);
      await f.registry.connect(f.alice).sign(id, a.documentHash, a.termsHash);
      for (const at of [a.createdAt + PERIOD, a.createdAt + PERIOD + 1n]) {
        await time.setNextBlockTimestamp(at);
        await expect(f.registry.connect(f.bob).sign(id, a.documentHash, a.termsHash))
          .to.be.revertedWithCustomError(f.registry, "AgreementRegistryAmendmentLapsed")
          .withArgs(id, a.lapsesAt);
      }
    });

    it("B2 keeps a pending amendment blocking a new one until creation + period, and sets it aside at + period", async function () {
      const f = await loadFixture(fixture);
      await threeParty(f);
      const parties = [f.alice.address, f.bob.address, f.carol.address];
      const id = await proposeAmendment(f, { parties });
      const a = await f.registry.agreementOf(id);
      await time.setNextBlockTimestamp(a.createdAt + PERIOD - 1n);
      await expect(proposeAmendment(f, { parties }, f.bob))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryAmendmentPending")
        .withArgs(1n, id);
      await time.setNextBlockTimestamp(a.createdAt + PERIOD);
      await expect(
        f.registry
          .connect(f.bob)
          .createAgreement(f.projectInput({ kind: Kind.Amendment, parentId: 1n, parties })),
      )
        .to.emit(f.registry, "AmendmentWithdrawn")
        .withArgs(id, f.bob.address, true);
      expect((await f.registry.agreementOf(id)).status).to.equal(Status.Terminated);
      expect(await f.registry.pendingAmendmentOf(1n)).to.equal(id + 1n);
    });

    it("B2 lets a party of the parent withdraw a lapsed amendment from creation + period, its creator at any time, nobody else", async function () {
      const f = await loadFixture(fixture);
      await threeParty(f);
      const parties = [f.alice.address, f.bob.address, f.carol.address, f.outsider.address];
      const id = await proposeAmendment(f, { parties });
      const a = await f.registry.agreementOf(id);
      await time.setNextBlockTimestamp(a.createdAt + PERIOD - 1n);
      await expect(f.registry.connect(f.bob).withdrawAmendment(id))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotWithdrawable")
        .withArgs(id, f.bob.address, a.lapsesAt);
      await time.setNextBlockTimestamp(a.createdAt + PERIOD);
      // The outsider is a party of the amendment but not of its parent.
      await expect(f.registry.connect(f.outsider).withdrawAmendment(id))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotWithdrawable")
        .withArgs(id, f.outsider.address, a.lapsesAt);
      await expect(f.registry.connect(f.bob).withdrawAmendment(id))
        .to.emit(f.registry, "AmendmentWithdrawn")
        .withArgs(id, f.bob.address, true);
      expect((await f.registry.agreementOf(id)).status).to.equal(Status.Terminated);
      expect(await f.registry.pendingAmendmentOf(1n)).to.equal(0n);
      await expect(f.registry.connect(f.alice).withdrawAmendment(id))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryUnexpectedStatus")
        .withArgs(id, Status.Terminated, mask(Status.Pending));
      // Its creator withdraws a new one at once; a party after + period + 1 s.
      const id2 = await proposeAmendment(f, { parties });
      await expect(f.registry.connect(f.alice).withdrawAmendment(id2))
        .to.emit(f.registry, "AmendmentWithdrawn")
        .withArgs(id2, f.alice.address, false);
      const id3 = await proposeAmendment(f, { parties });
      await time.setNextBlockTimestamp((await f.registry.agreementOf(id3)).lapsesAt + 1n);
      await expect(f.registry.connect(f.carol).withdrawAmendment(id3))
        .to.emit(f.registry, "AmendmentWithdrawn")
        .withArgs(id3, f.carol.address, true);
    });

    it("B2 refuses to withdraw an original agreement", async function () {
      const f = await loadFixture(fixture);
      await project(f);
      await expect(f.registry.connect(f.alice).withdrawAmendment(1n))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotAmendment")
        .withArgs(1n);
    });

    it("B2 lets the secretariat withdraw its charter draft at any time, a bound member once it lapsed, and sets a lapsed one aside", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f);
      const id = await draftCharterAmendment(f);
      const a = await f.registry.agreementOf(id);
      await expect(f.registry.connect(f.alice).withdrawAmendment(id))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotWithdrawable")
        .withArgs(id, f.alice.address, a.lapsesAt);
      await expect(f.registry.connect(f.secretariat).withdrawAmendment(id))
        .to.emit(f.registry, "AmendmentWithdrawn")
        .withArgs(id, f.secretariat.address, false);
      expect(await f.registry.charterDraftId()).to.equal(0n);
      const id2 = await draftCharterAmendment(f);
      const a2 = await f.registry.agreementOf(id2);
      await time.setNextBlockTimestamp(a2.lapsesAt - 1n);
      await expect(charterAmendmentTx(f))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryCharterDraftPending")
        .withArgs(id2);
      await time.setNextBlockTimestamp(a2.lapsesAt);
      await expect(charterAmendmentTx(f))
        .to.emit(f.registry, "AmendmentWithdrawn")
        .withArgs(id2, f.secretariat.address, true);
      const id3 = await f.registry.charterDraftId();
      await time.increaseTo((await f.registry.agreementOf(id3)).lapsesAt);
      await expect(f.registry.connect(f.outsider).withdrawAmendment(id3))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotWithdrawable")
        .withArgs(id3, f.outsider.address, (await f.registry.agreementOf(id3)).lapsesAt);
      await expect(f.registry.connect(f.carol).withdrawAmendment(id3))
        .to.emit(f.registry, "AmendmentWithdrawn")
        .withArgs(id3, f.carol.address, true);
    });
  });

  describe("views", function () {
    it("agreementOf, clauseOf, clausesOf, charterParamsOf, rootOf revert for an unknown agreement", async function () {
      const f = await loadFixture(fixture);
      const calls = [
        () => f.registry.agreementOf(1n),
        () => f.registry.clauseOf(1n, ethers.ZeroHash),
        () => f.registry.clausesOf(1n),
        () => f.registry.charterParamsOf(1n),
        () => f.registry.rootOf(1n),
        () => f.registry.partiesOf(1n, 0, 1),
        () => f.registry.accedersOf(1n, 0, 1),
        () => f.registry.versionChain(1n, 0, 1),
        () => f.registry.versionCount(1n),
      ];
      for (const call of calls) {
        await expect(call())
          .to.be.revertedWithCustomError(f.registry, "AgreementRegistryUnknownAgreement")
          .withArgs(1n);
      }
      expect(await f.registry.isEffective(1n)).to.equal(false);
      expect(await f.registry.isParty(1n, f.alice.address)).to.equal(false);
    });

    it("clauseOf reverts for a clause outside the schedule; charterParamsOf for a non-charter", async function () {
      const f = await loadFixture(fixture);
      await project(f);
      const id = ethers.encodeBytes32String("9.9");
      await expect(f.registry.clauseOf(1n, id))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryUnknownClause")
        .withArgs(1n, id);
      await expect(f.registry.charterParamsOf(1n))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotCharter")
        .withArgs(1n);
    });

    it("partiesOf pages the parties with their signature records", async function () {
      const f = await loadFixture(fixture);
      await f.registry.connect(f.secretariat).createCharter(f.charterInput(), f.params);
      const a = await f.registry.agreementOf(1n);
      await f.registry.connect(f.bob).sign(1n, a.documentHash, a.termsHash);
      const all = await f.registry.partiesOf(1n, 0, 10);
      expect(all.map((p) => p.account)).to.deep.equal([f.alice.address, f.bob.address, f.carol.address]);
      expect(all.map((p) => p.signature.method)).to.deep.equal([0n, 1n, 0n]);
      expect((await f.registry.partiesOf(1n, 1, 1)).map((p) => p.account)).to.deep.equal([f.bob.address]);
      expect(await f.registry.partiesOf(1n, 3, 5)).to.deep.equal([]);
      expect(await f.registry.accedersOf(1n, 0, 5)).to.deep.equal([]);
    });

    it("PartyListed names each party of each agreement once with its index in address order", async function () {
      const f = await loadFixture(fixture);
      await charterInForce(f); // 1
      await project(f); // 2
      await project(f, { parties: [f.bob.address, f.carol.address] }, f.bob); // 3 (alice not a party)
      await project(f, { kind: Kind.License }); // 4
      const listed = await f.registry.queryFilter(f.registry.filters.PartyListed(undefined, f.alice.address));
      expect(listed.map((l) => l.args.agreementId)).to.deep.equal([1n, 2n, 4n]);
      for (const l of listed) {
        expect(l.args.partyIndex).to.equal(
          await f.registry.partyIndexOf(l.args.agreementId, f.alice.address),
        );
      }
      expect(
        await f.registry.queryFilter(f.registry.filters.PartyListed(undefined, f.outsider.address)),
      ).to.deep.equal([]);
      await expect(f.registry.partyIndexOf(3n, f.alice.address))
        .to.be.revertedWithCustomError(f.registry, "AgreementRegistryNotParty")
        .withArgs(3n, f.alice.address);
      expect(await f.registry.agreementCount()).to.equal(4n);
    });

    it("I10 keeps the signer set growing and made only of parties through a whole lifecycle", async function () {
      const f = await loadFixture(fixture);
      await f.registry.connect(f.secretariat).createCharter(f.charterInput(), f.params);
      const a = await f.registry.agreementOf(1n);
      const deadline = await deadlineIn();
      let previous = 0n;
      for (const s of [f.alice, f.bob, f.carol]) {
        const { signature } = await signAgreement(s, f.registry, 1n, deadline);
        await f.registry.signWithSignature(
          1n,
          a.documentHash,
          a.termsHash,
          await s.getAddress(),
          deadline,
          signature,
        );
        await expectSignerSetConsistent(f.registry, 1n);
        const now = (await f.registry.agreementOf(1n)).signedCount;
        expect(now).to.equal(previous + 1n);
        previous = now;
      }
    });
  });

  describe("on the suite as Ignition deploys it", function () {
    it("B1 re-runs the charter-capture exploit: the secretariat's self-only amendment is refused and the charter stays in force", async function () {
      const s = await loadFixture(charteredSuite);
      const params = suiteCharterParams();
      const evil = {
        ...params,
        quorumBps: 1n,
        supermajorityBps: 5001n,
        secretariatBudgetLimit: ethers.MaxUint256,
        levyBps: 10000n,
      };
      const amendment = (parties: string[]) => ({
        kind: Kind.Amendment,
        parentId: s.charterId,
        documentHash: sha256Hex("charter, secretariat edition"),
        termsHash: sha256Hex("{}"),
        uri: "ipfs://captured",
        parties,
        clauses: [],
      });
      const founders = s.founders.map((f) => f.address);
      await expect(s.registry.connect(s.secretariat).createCharter(amendment([s.secretariat.address]), evil))
        .to.be.revertedWithCustomError(s.registry, "AgreementRegistryCharterPartiesMismatch")
        .withArgs(1n, 3n);
      await expect(
        s.registry
          .connect(s.secretariat)
          .createCharter(amendment([s.secretariat.address, ...founders.slice(1)]), evil),
      )
        .to.be.revertedWithCustomError(s.registry, "AgreementRegistryPartyNotBound")
        .withArgs(s.secretariat.address);
      // Listing the bound members, the secretariat still cannot sign for them or sign itself.
      await s.registry.connect(s.secretariat).createCharter(amendment(founders), evil);
      const draft = await s.registry.charterDraftId();
      await expect(
        s.registry
          .connect(s.secretariat)
          .sign(draft, sha256Hex("charter, secretariat edition"), sha256Hex("{}")),
      )
        .to.be.revertedWithCustomError(s.registry, "AgreementRegistryNotParty")
        .withArgs(draft, s.secretariat.address);
      expect(await s.registry.currentCharterId()).to.equal(s.charterId);
      expect((await s.registry.charterParams()).quorumBps).to.equal(params.quorumBps);
      for (const f of s.founders) {
        expect(await s.registry.hasAcceded(f.address)).to.equal(true);
        await s.membership.requireBusinessMember(f.address);
      }
    });
  });
});
