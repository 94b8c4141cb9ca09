import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { ContractTransactionResponse } from "ethers";
import {
  DAY,
  Kind,
  ROLES,
  Status,
  Suite,
  applyAs,
  defaultCharterParams,
  deploySuite,
  entityId,
  profileHash,
  selector,
  selectors,
} from "../../helpers/suite";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { EntryKind } from "../../../src/sdk/generated/enums";

const CHINESE_NAME = "中国钢研科技集团";
const REASON = ethers.id("council decision 2026-17");
const mask = (...statuses: number[]) => statuses.reduce((m, st) => m | (1 << st), 0);
const CAN_APPLY = mask(Status.None, Status.Withdrawn, Status.Expelled);

/** Three founders (Enterprise, University, ResearchInstitute), founder 0 lead unit, secretariat
 * named, the deployer kept as a unit-test council (COUNCIL + DISCIPLINE), no charter in force. */
/** `EntryKind` numbers by name. */
const Entry = Object.fromEntries(EntryKind.map((k, i) => [k, i])) as Record<EntryKind, number>;
const CLAUSE = ethers.id("clause 1");

/** A claim entry of kind `kind` against `respondent` (claim `claimId`, agreement 1, `CLAUSE`). */
function claimEntry(kind: number, respondent: string, claimId: bigint) {
  const claimant = "0x000000000000000000000000000000000000c1a1";
  return {
    kind,
    detailKind: 0,
    actor: claimant,
    claimId,
    claimant,
    respondent,
    agreementId: 1n,
    clauseId: CLAUSE,
    data: ethers.ZeroHash,
    amount: 0n,
  };
}

/** Appends that entry as the disputes module (the suite's `disputes` signer holds DISPUTES_MODULE). */
function record(s: Suite, kind: number, respondent: string, claimId: bigint) {
  return s.breachHistory.connect(s.disputes).recordClaimEntry(claimEntry(kind, respondent, claimId));
}

async function fixture(): Promise<Suite & { council: HardhatEthersSigner }> {
  const s = await deploySuite({ founders: 3, unitCouncil: true });
  return { ...s, council: s.deployer };
}

/** As `fixture`, with an applicant, a suspended member and an expelled member (for A1). */
async function actorsFixture() {
  const s = await fixture();
  const [applicant, suspended, expelled] = s.others;
  await applyAs(s, applicant);
  for (const m of [suspended, expelled]) {
    await applyAs(s, m);
    await s.membership.admit(m.address);
  }
  await s.membership.suspend(suspended.address, REASON);
  await s.membership.expel(expelled.address, REASON);
  return { ...s, applicant, suspended, expelled };
}

async function admitDirect(s: Suite, who: HardhatEthersSigner, kind: number = Kind.Enterprise) {
  await applyAs(s, who, { kind });
  await s.membership.admit(who.address);
}

/**
 * A status guard: `call(0)` reverts with MembershipZeroAddress, and `call(who)` with
 * MembershipUnexpectedStatus(who, status, expected) for each `[who, status]`.
 */
async function expectStatusGuard(
  s: Suite,
  call: (account: string) => Promise<unknown>,
  cases: [HardhatEthersSigner, number][],
  expected: number,
): Promise<void> {
  await expect(call(ethers.ZeroAddress)).to.be.revertedWithCustomError(s.membership, "MembershipZeroAddress");
  for (const [who, status] of cases)
    await expect(call(who.address))
      .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
      .withArgs(who.address, status, expected);
}

async function now(): Promise<bigint> {
  return BigInt(await time.latest());
}

/** The Membership events named `name` in the receipt of `tx`, by name (never by position). */
async function eventsOf(s: Suite, tx: Promise<ContractTransactionResponse>, name: string) {
  const receipt = await (await tx).wait();
  return receipt!.logs
    .filter((l) => l.address === s.membership.target)
    .map((l) => s.membership.interface.parseLog(l))
    .filter((l) => l?.name === name);
}

/** The agreements module tells Membership that `who` signed a version of charter line `line`. */
async function bind(s: Suite, who: HardhatEthersSigner, line = 1n) {
  return s.membership.connect(s.agreements).onAccession(who.address, line);
}

/** I6: active members == seats in existence (the seats' total voting units). */
async function expectI6(s: Suite) {
  await mine(1);
  const supply = await s.membership.getPastTotalSupply((await now()) - 1n);
  expect(await s.membership.activeCount()).to.equal(supply);
  expect(await s.membership.countByStatus(Status.Active)).to.equal(supply);
}

describe("Membership", function () {
  describe("constructor", function () {
    it("reverts when the authority, charter, treasury or breach history is the zero address", async function () {
      const s = await loadFixture(fixture);
      const f = await ethers.getContractFactory("Membership");
      const a = [s.manager.target, s.charter.target, s.treasury.target, s.breachHistory.target] as string[];
      for (let i = 0; i < 4; i++) {
        const args = [...a];
        args[i] = ethers.ZeroAddress;
        await expect(f.deploy(args[0], args[1], args[2], args[3])).to.be.revertedWithCustomError(
          f,
          "MembershipZeroAddress",
        );
      }
    });

    it("names the seat token, its EIP-712 domain and a timestamp clock", async function () {
      const s = await loadFixture(fixture);
      expect(await s.membership.name()).to.equal("Covenant Seat");
      expect(await s.membership.symbol()).to.equal("SEAT");
      expect((await s.membership.eip712Domain()).name).to.equal("Covenant Seat");
      expect(await s.membership.CLOCK_MODE()).to.equal("mode=timestamp");
      await mine(1);
      expect(await s.membership.clock()).to.equal(await now());
      expect(await s.membership.CHARTER()).to.equal(s.charter.target);
      expect(await s.membership.TREASURY()).to.equal(s.treasury.target);
      expect(await s.membership.HISTORY()).to.equal(s.breachHistory.target);
    });

    it("documents a hard member cap that the charter may only lower", async function () {
      const s = await loadFixture(fixture);
      expect(await s.membership.MEMBER_CAP()).to.equal(5000n);
      expect(await s.membership.memberCap()).to.equal(100n);
      await s.charter.setParams({ ...defaultCharterParams(), maxMembers: 100_000 });
      expect(await s.membership.memberCap()).to.equal(5000n);
    });
  });

  describe("applyForMembership", function () {
    it("records the applicant, posts the bond and emits MemberApplied (F1, F6)", async function () {
      const s = await loadFixture(fixture);
      const [a] = s.others;
      const bond = defaultCharterParams().bondAmount as bigint;
      const id = entityId(77);
      await expect(applyAs(s, a, { id, name: "Ansteel", kind: Kind.Enterprise, profile: profileHash("a") }))
        .to.emit(s.membership, "MemberApplied")
        .withArgs(a.address, id, Kind.Enterprise, "Ansteel", profileHash("a"));
      const m = await s.membership.memberOf(a.address);
      expect(m.status).to.equal(Status.Applicant);
      expect(m.entityId).to.equal(id);
      expect(m.kind).to.equal(Kind.Enterprise);
      expect(m.previousStatus).to.equal(Status.None);
      expect(m.seatId).to.equal(0n);
      expect(await s.membership.accountOfEntity(id)).to.equal(a.address);
      expect(await s.treasury.bondOf(a.address)).to.equal(bond);
      expect(await s.token.balanceOf(s.treasury.target)).to.equal(bond * 4n);
      expect(await s.membership.countByStatus(Status.Applicant)).to.equal(1n);
      expect(await s.membership.countByStatus(Status.Active)).to.equal(3n);
    });

    it("emits the UTF-8 name 中国钢研科技集团 byte for byte in MemberApplied, its only record", async function () {
      const s = await loadFixture(fixture);
      const [a] = s.others;
      const [log] = await eventsOf(s, applyAs(s, a, { name: CHINESE_NAME }), "MemberApplied");
      expect(ethers.toUtf8Bytes(log!.args.name as string)).to.deep.equal(ethers.toUtf8Bytes(CHINESE_NAME));
      expect(ethers.toUtf8Bytes(CHINESE_NAME).length).to.equal(24);
    });

    it("needs no Treasury transfer when the charter's bond is zero", async function () {
      const s = await loadFixture(fixture);
      await s.charter.setParams({ ...defaultCharterParams(), bondAmount: 0 });
      const [a] = s.others;
      await expect(
        s.membership.connect(a).applyForMembership(entityId(1), "X", Kind.Other, profileHash("x")),
      ).to.not.emit(s.treasury, "BondPosted");
      expect(await s.membership.statusOf(a.address)).to.equal(Status.Applicant);
    });

    const bad: [string, (a: string) => [string, string, number, string]][] = [
      ["entityId", () => [ethers.ZeroHash, "X", Kind.Enterprise, profileHash("x")]],
      ["name", () => [entityId(5), "", Kind.Enterprise, profileHash("x")]],
      ["name", () => [entityId(5), "x".repeat(257), Kind.Enterprise, profileHash("x")]],
      ["kind", () => [entityId(5), "X", 7, profileHash("x")]],
      ["kind", () => [entityId(5), "X", 255, profileHash("x")]],
      ["profileHash", () => [entityId(5), "X", Kind.Enterprise, ethers.ZeroHash]],
    ];
    for (const [field, args] of bad) {
      it(`reverts with MembershipInvalidInput("${field}") on a bad ${field} and changes nothing`, async function () {
        const s = await loadFixture(fixture);
        const [a] = s.others;
        await s.token.mint(a.address, 10n ** 12n);
        await s.token.connect(a).approve(s.treasury.target, 10n ** 12n);
        const [id, name, kind, profile] = args(a.address);
        await expect(s.membership.connect(a).applyForMembership(id, name, kind, profile))
          .to.be.revertedWithCustomError(s.membership, "MembershipInvalidInput")
          .withArgs(field);
        expect(await s.membership.statusOf(a.address)).to.equal(Status.None);
        expect(await s.membership.countByStatus(Status.Applicant)).to.equal(0n);
        expect(await s.treasury.bondOf(a.address)).to.equal(0n);
      });
    }

    it("accepts a 256-byte name, the documented maximum", async function () {
      const s = await loadFixture(fixture);
      const name = "中".repeat(85) + "x";
      expect(ethers.toUtf8Bytes(name).length).to.equal(256);
      const [log] = await eventsOf(s, applyAs(s, s.others[0], { name }), "MemberApplied");
      expect(log!.args.name).to.equal(name);
      expect(await s.membership.statusOf(s.others[0].address)).to.equal(Status.Applicant);
    });

    it("reverts with MembershipInvalidInput(kind) for an unknown kind sent as raw calldata", async function () {
      const s = await loadFixture(fixture);
      const [a] = s.others;
      const data = s.membership.interface.encodeFunctionData("applyForMembership", [
        entityId(9),
        "X",
        Kind.Other,
        profileHash("x"),
      ]);
      // Patch the kind word (third argument) to 7, one past MemberKind.Other.
      const words = data.slice(10).match(/.{64}/g)!;
      words[2] = (7).toString(16).padStart(64, "0");
      const raw = data.slice(0, 10) + words.join("");
      await expect(a.sendTransaction({ to: s.membership.target, data: raw }))
        .to.be.revertedWithCustomError(s.membership, "MembershipInvalidInput")
        .withArgs("kind");
      // A value that does not even fit the ABI's uint8 is refused by the decoder.
      words[2] = (256).toString(16).padStart(64, "0");
      await expect(a.sendTransaction({ to: s.membership.target, data: data.slice(0, 10) + words.join("") }))
        .to.be.reverted;
      expect(await s.membership.statusOf(a.address)).to.equal(Status.None);
    });

    it("reverts with MembershipDuplicateEntity when another account holds the entity id", async function () {
      const s = await loadFixture(fixture);
      const [a, b] = s.others;
      await applyAs(s, a, { id: entityId(42) });
      await expect(applyAs(s, b, { id: entityId(42) }))
        .to.be.revertedWithCustomError(s.membership, "MembershipDuplicateEntity")
        .withArgs(entityId(42), a.address);
      const founderId = (await s.membership.memberOf(s.founders[0].address)).entityId;
      await expect(applyAs(s, b, { id: founderId }))
        .to.be.revertedWithCustomError(s.membership, "MembershipDuplicateEntity")
        .withArgs(founderId, s.founders[0].address);
      expect(await s.membership.statusOf(b.address)).to.equal(Status.None);
    });

    it("reverts when re-applying while the application is pending, and changes nothing", async function () {
      const s = await loadFixture(fixture);
      const [a] = s.others;
      await applyAs(s, a, { name: "First" });
      const before = await s.membership.memberOf(a.address);
      await expect(applyAs(s, a, { name: "Second", kind: Kind.Other }))
        .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
        .withArgs(a.address, Status.Applicant, CAN_APPLY);
      expect(await s.membership.memberOf(a.address)).to.deep.equal(before);
      expect(await s.membership.countByStatus(Status.Applicant)).to.equal(1n);
      expect(await s.treasury.bondOf(a.address)).to.equal(defaultCharterParams().bondAmount);
    });

    it("reverts for an active or suspended member", async function () {
      const s = await loadFixture(actorsFixture);
      await expect(applyAs(s, s.founders[0]))
        .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
        .withArgs(s.founders[0].address, Status.Active, CAN_APPLY);
      await expect(applyAs(s, s.suspended))
        .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
        .withArgs(s.suspended.address, Status.Suspended, CAN_APPLY);
    });

    it("reverts and changes nothing when the bond is not approved", async function () {
      const s = await loadFixture(fixture);
      const [a] = s.others;
      await expect(
        s.membership.connect(a).applyForMembership(entityId(3), "X", Kind.Enterprise, profileHash("x")),
      ).to.be.reverted;
      expect(await s.membership.statusOf(a.address)).to.equal(Status.None);
      expect(await s.membership.accountOfEntity(entityId(3))).to.equal(ethers.ZeroAddress);
    });

    it("lets a withdrawn member re-apply under the same entity id, with a new kind, and a new bond", async function () {
      const s = await loadFixture(fixture);
      const m = s.founders[2];
      const id = (await s.membership.memberOf(m.address)).entityId;
      await s.membership.connect(m).giveWithdrawalNotice();
      await time.increase(90 * DAY);
      await s.membership.connect(m).withdraw();
      await expect(applyAs(s, m, { id: entityId(1234) }))
        .to.be.revertedWithCustomError(s.membership, "MembershipEntityMismatch")
        .withArgs(id, entityId(1234));
      await expect(applyAs(s, m, { id, kind: Kind.University, name: "Renamed" }))
        .to.emit(s.membership, "MemberApplied")
        .withArgs(m.address, id, Kind.University, "Renamed", profileHash(m.address));
      const rec = await s.membership.memberOf(m.address);
      expect(rec.status).to.equal(Status.Applicant);
      expect(rec.previousStatus).to.equal(Status.Withdrawn);
      expect(rec.kind).to.equal(Kind.University);
      expect(rec.entityId).to.equal(id);
      expect(await s.membership.countByStatus(Status.Withdrawn)).to.equal(0n);
      expect(await s.membership.countByStatus(Status.Applicant)).to.equal(1n);
      expect(await s.membership.activeCountByKind(Kind.ResearchInstitute)).to.equal(0n);
      expect(await s.treasury.bondOf(m.address)).to.equal(defaultCharterParams().bondAmount);
    });

    it("brings an expelled member's held bond up to the charter's bond, pulling only the difference", async function () {
      const s = await loadFixture(fixture);
      const m = s.founders[2];
      const bond = defaultCharterParams().bondAmount as bigint;
      await s.membership.expel(m.address, REASON);
      const before = await s.token.balanceOf(s.treasury.target);
      await s.membership
        .connect(m)
        .applyForMembership(
          (await s.membership.memberOf(m.address)).entityId,
          "Again",
          Kind.Other,
          profileHash("m"),
        );
      expect(await s.token.balanceOf(s.treasury.target)).to.equal(before);
      await s.charter.setParams({ ...defaultCharterParams(), bondAmount: bond * 2n });
      await s.membership.connect(m).cancelApplication();
      await s.token.mint(m.address, bond);
      await s.token.connect(m).approve(s.treasury.target, bond);
      await s.membership
        .connect(m)
        .applyForMembership(
          (await s.membership.memberOf(m.address)).entityId,
          "Again",
          Kind.Other,
          profileHash("m"),
        );
      expect(await s.treasury.bondOf(m.address)).to.equal(bond * 2n);
    });
    it("reverts with MembershipBondShortfall when a fee-on-transfer token delivers less than the bond (M3)", async function () {
      const [admin, applicant] = await ethers.getSigners();
      const manager = await ethers.deployContract("AccessManager", [admin.address]);
      const fee = await ethers.deployContract("TreasuryFeeToken", [100]);
      const charter = await ethers.deployContract("MockCharter", [defaultCharterParams()]);
      const treasury = await ethers.deployContract("Treasury", [manager.target, fee.target]);
      const history = await ethers.deployContract("BreachHistory", [manager.target]);
      const membership = await ethers.deployContract("Membership", [
        manager.target,
        charter.target,
        treasury.target,
        history.target,
      ]);
      await manager.setTargetFunctionRole(
        treasury.target,
        selectors(treasury, ["postBond", "releaseBond"]),
        ROLES.MEMBERSHIP_MODULE,
      );
      await manager.grantRole(ROLES.MEMBERSHIP_MODULE, membership.target, 0);
      const bond = defaultCharterParams().bondAmount as bigint;
      await fee.mint(applicant.address, bond);
      await fee.connect(applicant).approve(treasury.target, bond);
      await expect(
        membership.connect(applicant).applyForMembership(entityId(1), "X", Kind.Enterprise, profileHash("x")),
      )
        .to.be.revertedWithCustomError(membership, "MembershipBondShortfall")
        .withArgs(bond, bond - bond / 100n);
      expect(await membership.statusOf(applicant.address)).to.equal(Status.None);
    });
  });

  describe("re-application cooling-off (B8)", function () {
    /** Funds `who`'s bond first, so that the application itself is the next transaction. */
    async function funded(s: Suite, who: HardhatEthersSigner) {
      const bond = (await s.charter.charterParams()).bondAmount;
      await s.token.mint(who.address, bond);
      await s.token.connect(who).approve(await s.treasury.getAddress(), bond);
      return (id: string) =>
        s.membership.connect(who).applyForMembership(id, "Squatter", Kind.Enterprise, profileHash("x"));
    }

    async function rejected() {
      const s = await fixture();
      const [a, b] = s.others;
      await applyAs(s, a, { id: entityId("SQUATTED") });
      await s.membership.rejectApplication(a.address, REASON);
      const mayApplyAt = (await now()) + BigInt(defaultCharterParams().reapplicationCooloff);
      return { ...s, a, b, mayApplyAt };
    }

    it("B8 refuses a rejected applicant's re-application until rejection + cooling-off - 1 s and takes it at the end", async function () {
      const s = await loadFixture(rejected);
      const apply = await funded(s, s.a);
      await time.setNextBlockTimestamp(s.mayApplyAt - 1n);
      await expect(apply(entityId("SQUATTED")))
        .to.be.revertedWithCustomError(s.membership, "MembershipCoolingOff")
        .withArgs(s.a.address, entityId("SQUATTED"), s.mayApplyAt);
      await time.setNextBlockTimestamp(s.mayApplyAt);
      await apply(entityId("SQUATTED"));
      expect(await s.membership.statusOf(s.a.address)).to.equal(Status.Applicant);
    });

    it("B8 refuses the same entity id under another account, and the same account under another entity id, until the end", async function () {
      const s = await loadFixture(rejected);
      await expect(applyAs(s, s.b, { id: entityId("SQUATTED") }))
        .to.be.revertedWithCustomError(s.membership, "MembershipCoolingOff")
        .withArgs(s.b.address, entityId("SQUATTED"), s.mayApplyAt);
      await expect(applyAs(s, s.a, { id: entityId("OTHER") }))
        .to.be.revertedWithCustomError(s.membership, "MembershipCoolingOff")
        .withArgs(s.a.address, entityId("OTHER"), s.mayApplyAt);
      expect(await s.membership.accountOfEntity(entityId("SQUATTED"))).to.equal(ethers.ZeroAddress);
      const apply = await funded(s, s.b);
      await time.setNextBlockTimestamp(s.mayApplyAt + 1n);
      await apply(entityId("SQUATTED"));
      expect(await s.membership.accountOfEntity(entityId("SQUATTED"))).to.equal(s.b.address);
    });

    it("B8 starts no cooling-off when an applicant cancels its own application", async function () {
      const s = await loadFixture(fixture);
      const [a] = s.others;
      await applyAs(s, a);
      await s.membership.connect(a).cancelApplication();
      await applyAs(s, a);
      expect(await s.membership.statusOf(a.address)).to.equal(Status.Applicant);
    });

    it("B8 applies the cooling-off of the charter in force at the rejection, whatever it says later", async function () {
      const s = await loadFixture(rejected);
      await s.charter.setParams({ ...defaultCharterParams(), reapplicationCooloff: DAY });
      await expect(applyAs(s, s.a, { id: entityId("SQUATTED") }))
        .to.be.revertedWithCustomError(s.membership, "MembershipCoolingOff")
        .withArgs(s.a.address, entityId("SQUATTED"), s.mayApplyAt);
    });
  });

  describe("cancelApplication", function () {
    it("erases a first application, frees the entity id and makes the bond withdrawable", async function () {
      const s = await loadFixture(fixture);
      const [a] = s.others;
      const bond = defaultCharterParams().bondAmount as bigint;
      await applyAs(s, a, { id: entityId(8) });
      await expect(s.membership.connect(a).cancelApplication())
        .to.emit(s.membership, "ApplicationCancelled")
        .withArgs(a.address)
        .and.to.emit(s.treasury, "BondReleased")
        .withArgs(a.address, a.address, bond);
      const m = await s.membership.memberOf(a.address);
      expect(m.status).to.equal(Status.None);
      expect(m.entityId).to.equal(ethers.ZeroHash);
      expect(await s.membership.accountOfEntity(entityId(8))).to.equal(ethers.ZeroAddress);
      expect(m.kind).to.equal(Kind.Enterprise);
      expect(await s.membership.countByStatus(Status.Applicant)).to.equal(0n);
      expect(await s.treasury.withdrawableOf(a.address)).to.equal(bond);
      await expect(s.treasury.connect(a).withdraw()).to.changeTokenBalance(s.token, a, bond);
      await applyAs(s, s.others[1], { id: entityId(8) });
    });

    it("returns a re-application to the Withdrawn record it came from (kind as last applied)", async function () {
      const s = await loadFixture(fixture);
      const m = s.founders[2];
      await s.membership.connect(m).giveWithdrawalNotice();
      await time.increase(90 * DAY);
      await s.membership.connect(m).withdraw();
      const id = (await s.membership.memberOf(m.address)).entityId;
      await applyAs(s, m, { id, name: "Renamed", kind: Kind.Government });
      await s.membership.connect(m).cancelApplication();
      const rec = await s.membership.memberOf(m.address);
      expect(rec.status).to.equal(Status.Withdrawn);
      expect(rec.previousStatus).to.equal(Status.None);
      expect(rec.kind).to.equal(Kind.Government);
      expect(rec.entityId).to.equal(id);
      expect(await s.membership.accountOfEntity(rec.entityId)).to.equal(m.address);
      expect(await s.membership.countByStatus(Status.Withdrawn)).to.equal(1n);
      expect(await s.membership.countByStatus(Status.Applicant)).to.equal(0n);
    });

    it("reverts when the caller has no pending application", async function () {
      const s = await loadFixture(fixture);
      await expect(s.membership.connect(s.stranger).cancelApplication())
        .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
        .withArgs(s.stranger.address, Status.None, mask(Status.Applicant));
      await expect(s.membership.connect(s.founders[0]).cancelApplication())
        .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
        .withArgs(s.founders[0].address, Status.Active, mask(Status.Applicant));
    });
  });

  describe("rejectApplication", function () {
    it("rejects, emits ApplicationRejected with the end of the cooling-off, and releases the bond", async function () {
      const s = await loadFixture(fixture);
      const [a] = s.others;
      await applyAs(s, a);
      const cooloff = BigInt(defaultCharterParams().reapplicationCooloff);
      const at = (await now()) + 10n;
      await time.setNextBlockTimestamp(at);
      await expect(s.membership.rejectApplication(a.address, REASON))
        .to.emit(s.membership, "ApplicationRejected")
        .withArgs(a.address, REASON, at + cooloff);
      expect(await s.membership.statusOf(a.address)).to.equal(Status.None);
      expect(await s.treasury.withdrawableOf(a.address)).to.equal(defaultCharterParams().bondAmount);
    });

    it("returns a rejected re-application of an expelled member to Expelled with its bond still held", async function () {
      const s = await loadFixture(fixture);
      const m = s.founders[2];
      await s.membership.expel(m.address, REASON);
      await applyAs(s, m, { id: (await s.membership.memberOf(m.address)).entityId });
      await expect(s.membership.rejectApplication(m.address, REASON)).to.not.emit(s.treasury, "BondReleased");
      expect(await s.membership.statusOf(m.address)).to.equal(Status.Expelled);
      expect(await s.treasury.bondOf(m.address)).to.equal(defaultCharterParams().bondAmount);
      expect(await s.treasury.withdrawableOf(m.address)).to.equal(0n);
    });

    it("reverts on the zero address and on a non-applicant", async function () {
      const s = await loadFixture(fixture);
      await expectStatusGuard(
        s,
        (a) => s.membership.rejectApplication(a, REASON),
        [[s.stranger, Status.None]],
        mask(Status.Applicant),
      );
    });
  });

  describe("A1: every privileged function refuses a stranger, a non-member, a suspended and an expelled member", function () {
    const calls: [string, (s: Suite, target: string) => unknown[]][] = [
      ["rejectApplication", (_s, t) => [t, REASON]],
      ["admit", (_s, t) => [t]],
      ["suspend", (_s, t) => [t, REASON]],
      ["reinstate", (_s, t) => [t]],
      ["expel", (_s, t) => [t, REASON]],
      ["setLeadUnit", (_s, t) => [t]],
      ["setSecretariat", (s) => [s.secretariat.address]],
      ["onAccession", (_s, t) => [t, 1n]],
    ];
    for (const [fn, args] of calls) {
      it(`${fn} reverts with AccessManagedUnauthorized`, async function () {
        const s = await loadFixture(actorsFixture);
        for (const caller of [s.stranger, s.applicant, s.suspended, s.expelled, s.founders[1]]) {
          const c = s.membership.connect(caller) as unknown as Record<
            string,
            (...a: unknown[]) => Promise<unknown>
          >;
          await expect(c[fn](...args(s, s.applicant.address)))
            .to.be.revertedWithCustomError(s.membership, "AccessManagedUnauthorized")
            .withArgs(caller.address);
        }
      });
    }

    it("the secretariat, experts, supervisor and arbitrator cannot admit, suspend or expel either", async function () {
      const s = await loadFixture(actorsFixture);
      for (const caller of [s.secretariat, s.expert, s.supervisor, s.arbitrator]) {
        await expect(s.membership.connect(caller).admit(s.applicant.address))
          .to.be.revertedWithCustomError(s.membership, "AccessManagedUnauthorized")
          .withArgs(caller.address);
        await expect(s.membership.connect(caller).expel(s.founders[1].address, REASON))
          .to.be.revertedWithCustomError(s.membership, "AccessManagedUnauthorized")
          .withArgs(caller.address);
        await expect(s.membership.connect(caller).suspend(s.founders[1].address, REASON))
          .to.be.revertedWithCustomError(s.membership, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });
  });

  describe("admit", function () {
    it("activates a founding member with a self-delegated seat while no charter is in force", async function () {
      const s = await loadFixture(fixture);
      const [a] = s.others;
      await applyAs(s, a, { kind: Kind.University });
      await expect(s.membership.admit(a.address))
        .to.emit(s.membership, "MemberAdmitted")
        .withArgs(a.address, 4n)
        .and.to.emit(s.membership, "VotingActivated")
        .withArgs(a.address, 4n);
      const m = await s.membership.memberOf(a.address);
      expect(m.status).to.equal(Status.Active);
      expect(m.seatId).to.equal(4n);
      expect(await s.membership.ownerOf(4n)).to.equal(a.address);
      expect(await s.membership.balanceOf(a.address)).to.equal(1n);
      expect(await s.membership.getVotes(a.address)).to.equal(1n);
      expect(await s.membership.delegates(a.address)).to.equal(a.address);
      expect(await s.membership.activeCountByKind(Kind.University)).to.equal(2n);
      await expectI6(s);
    });

    it("gives a member admitted under a charter in force no vote until it is bound by it", async function () {
      const s = await loadFixture(fixture);
      await s.charter.setCharter(1, true);
      const [a] = s.others;
      await applyAs(s, a);
      await expect(s.membership.admit(a.address)).to.not.emit(s.membership, "VotingActivated");
      expect(await s.membership.balanceOf(a.address)).to.equal(1n);
      expect(await s.membership.getVotes(a.address)).to.equal(0n);
      expect(await s.membership.isInGoodStanding(a.address)).to.equal(false);
      await expectI6(s);
    });

    it("gives a re-admitted member that was bound before no vote until it accedes again", async function () {
      const s = await loadFixture(fixture);
      await s.charter.setCharter(1, true);
      const [a] = s.others;
      await admitDirect(s, a);
      await bind(s, a);
      await s.membership.expel(a.address, REASON);
      expect(await s.membership.boundLineOf(a.address)).to.equal(0n);
      await applyAs(s, a, { id: (await s.membership.memberOf(a.address)).entityId });
      await expect(s.membership.admit(a.address)).to.not.emit(s.membership, "VotingActivated");
      expect(await s.membership.isInGoodStanding(a.address)).to.equal(false);
      await expect(bind(s, a)).to.emit(s.membership, "VotingActivated");
      expect(await s.membership.getVotes(a.address)).to.equal(1n);
    });

    it("reverts with MembershipCapReached at the charter's maxMembers (active + suspended)", async function () {
      const s = await loadFixture(fixture);
      await s.charter.setParams({ ...defaultCharterParams(), maxMembers: 4 });
      const [a, b] = s.others;
      await admitDirect(s, a);
      await s.membership.suspend(a.address, REASON);
      await applyAs(s, b);
      await expect(s.membership.admit(b.address))
        .to.be.revertedWithCustomError(s.membership, "MembershipCapReached")
        .withArgs(4n);
      expect(await s.membership.statusOf(b.address)).to.equal(Status.Applicant);
      await s.membership.expel(a.address, REASON);
      await s.membership.admit(b.address);
    });

    it("reverts on the zero address and on a non-applicant", async function () {
      const s = await loadFixture(fixture);
      await expectStatusGuard(
        s,
        (a) => s.membership.admit(a),
        [
          [s.stranger, Status.None],
          [s.founders[0], Status.Active],
        ],
        mask(Status.Applicant),
      );
    });
  });

  describe("suspend", function () {
    it("burns the seat, keeps the bond and the delegation, emits MemberSuspended", async function () {
      const s = await loadFixture(fixture);
      const m = s.founders[1];
      const seat = (await s.membership.memberOf(m.address)).seatId;
      await expect(s.membership.suspend(m.address, REASON))
        .to.emit(s.membership, "MemberSuspended")
        .withArgs(m.address, REASON);
      expect(await s.membership.statusOf(m.address)).to.equal(Status.Suspended);
      expect(await s.membership.balanceOf(m.address)).to.equal(0n);
      await expect(s.membership.ownerOf(seat))
        .to.be.revertedWithCustomError(s.membership, "ERC721NonexistentToken")
        .withArgs(seat);
      expect(await s.membership.getVotes(m.address)).to.equal(0n);
      expect(await s.membership.delegates(m.address)).to.equal(m.address);
      expect(await s.treasury.bondOf(m.address)).to.equal(defaultCharterParams().bondAmount);
      await expectI6(s);
    });

    it("may be called by the disputes module (DISCIPLINE role)", async function () {
      const s = await loadFixture(fixture);
      await s.membership.connect(s.disputes).suspend(s.founders[1].address, REASON);
      await s.membership.connect(s.disputes).reinstate(s.founders[1].address);
    });

    it("cancels a pending withdrawal notice, so a member under sanction cannot run out the clock", async function () {
      const s = await loadFixture(fixture);
      const m = s.founders[1];
      await s.membership.connect(m).giveWithdrawalNotice();
      await expect(s.membership.suspend(m.address, REASON))
        .to.emit(s.membership, "WithdrawalNoticeCancelled")
        .withArgs(m.address);
      const rec = await s.membership.memberOf(m.address);
      expect(rec.noticeAt).to.equal(0n);
      expect(rec.withdrawableAt).to.equal(0n);
    });

    it("vacates the lead unit post (F3), so the alliance is not constituted until a new one is named", async function () {
      const s = await loadFixture(fixture);
      await s.charter.setCharter(1, true);
      expect(await s.membership.isConstituted()).to.equal(true);
      await expect(s.membership.suspend(s.founders[0].address, REASON))
        .to.emit(s.membership, "LeadUnitVacated")
        .withArgs(s.founders[0].address);
      expect(await s.membership.leadUnit()).to.equal(ethers.ZeroAddress);
      expect(await s.membership.isConstituted()).to.equal(false);
      await s.membership.reinstate(s.founders[0].address);
      expect(await s.membership.isConstituted()).to.equal(false);
      await s.membership.setLeadUnit(s.founders[1].address);
      expect(await s.membership.isConstituted()).to.equal(true);
    });

    it("reverts on the zero address and on a member that is not active", async function () {
      const s = await loadFixture(actorsFixture);
      await expectStatusGuard(
        s,
        (a) => s.membership.suspend(a, REASON),
        [
          [s.stranger, Status.None],
          [s.applicant, Status.Applicant],
          [s.suspended, Status.Suspended],
          [s.expelled, Status.Expelled],
        ],
        mask(Status.Active),
      );
    });
  });

  describe("reinstate", function () {
    it("mints a new seat and restores the vote", async function () {
      const s = await loadFixture(fixture);
      const m = s.founders[1];
      const old = (await s.membership.memberOf(m.address)).seatId;
      await s.membership.suspend(m.address, REASON);
      await expect(s.membership.reinstate(m.address))
        .to.emit(s.membership, "MemberReinstated")
        .withArgs(m.address, 4n)
        .and.not.to.emit(s.membership, "VotingActivated");
      expect(old).to.not.equal(4n);
      expect(await s.membership.ownerOf(4n)).to.equal(m.address);
      expect(await s.membership.balanceOf(m.address)).to.equal(1n);
      expect(await s.membership.getVotes(m.address)).to.equal(1n);
      await expectI6(s);
    });

    it("activates the vote of a member bound while suspended", async function () {
      const s = await loadFixture(fixture);
      await s.charter.setCharter(1, true);
      const [a] = s.others;
      await admitDirect(s, a);
      await s.membership.suspend(a.address, REASON);
      await expect(bind(s, a)).to.not.emit(s.membership, "VotingActivated");
      expect(await s.membership.delegates(a.address)).to.equal(ethers.ZeroAddress);
      await expect(s.membership.reinstate(a.address))
        .to.emit(s.membership, "VotingActivated")
        .withArgs(a.address, 5n);
      expect(await s.membership.getVotes(a.address)).to.equal(1n);
    });

    it("reverts on the zero address and on a member that is not suspended", async function () {
      const s = await loadFixture(actorsFixture);
      await expectStatusGuard(
        s,
        (a) => s.membership.reinstate(a),
        [
          [s.stranger, Status.None],
          [s.founders[0], Status.Active],
          [s.expelled, Status.Expelled],
        ],
        mask(Status.Suspended),
      );
    });
  });

  describe("expel", function () {
    it("burns the seat, resets voting power, keeps the record and the bond", async function () {
      const s = await loadFixture(fixture);
      const m = s.founders[1];
      await expect(s.membership.expel(m.address, REASON))
        .to.emit(s.membership, "MemberExpelled")
        .withArgs(m.address, REASON);
      const rec = await s.membership.memberOf(m.address);
      expect(rec.status).to.equal(Status.Expelled);
      expect(rec.entityId).to.equal(entityId(m.address));
      expect(rec.kind).to.equal(Kind.University);
      expect(await s.membership.accountOfEntity(rec.entityId)).to.equal(m.address);
      expect(await s.membership.balanceOf(m.address)).to.equal(0n);
      expect(await s.membership.delegates(m.address)).to.equal(ethers.ZeroAddress);
      expect(await s.treasury.bondOf(m.address)).to.equal(defaultCharterParams().bondAmount);
      expect(await s.treasury.withdrawableOf(m.address)).to.equal(0n);
      await expectI6(s);
    });

    it("expels a suspended member and resets its kept delegation", async function () {
      const s = await loadFixture(fixture);
      const m = s.founders[1];
      await s.membership.suspend(m.address, REASON);
      await s.membership.expel(m.address, REASON);
      expect(await s.membership.statusOf(m.address)).to.equal(Status.Expelled);
      expect(await s.membership.delegates(m.address)).to.equal(ethers.ZeroAddress);
    });

    it("may not be called by the disputes module", async function () {
      const s = await loadFixture(fixture);
      await expect(s.membership.connect(s.disputes).expel(s.founders[1].address, REASON))
        .to.be.revertedWithCustomError(s.membership, "AccessManagedUnauthorized")
        .withArgs(s.disputes.address);
    });

    it("reverts on the zero address and on a non-member", async function () {
      const s = await loadFixture(actorsFixture);
      await expectStatusGuard(
        s,
        (a) => s.membership.expel(a, REASON),
        [
          [s.stranger, Status.None],
          [s.applicant, Status.Applicant],
          [s.expelled, Status.Expelled],
        ],
        mask(Status.Active, Status.Suspended),
      );
    });
  });

  describe("giveWithdrawalNotice", function () {
    it("records the notice and the earliest withdrawal under the charter's notice period", async function () {
      const s = await loadFixture(fixture);
      const m = s.founders[1];
      const tx = s.membership.connect(m).giveWithdrawalNotice();
      await expect(tx).to.emit(s.membership, "WithdrawalNoticeGiven");
      const t = await now();
      const rec = await s.membership.memberOf(m.address);
      expect(rec.noticeAt).to.equal(t);
      expect(rec.withdrawableAt).to.equal(t + BigInt(90 * DAY));
      expect(rec.noticeExpiresAt).to.equal(t + BigInt(120 * DAY));
      await expect(tx)
        .to.emit(s.membership, "WithdrawalNoticeGiven")
        .withArgs(m.address, t + BigInt(90 * DAY), t + BigInt(120 * DAY));
    });

    it("reverts when notice was already given", async function () {
      const s = await loadFixture(fixture);
      const m = s.founders[1];
      await s.membership.connect(m).giveWithdrawalNotice();
      const t = await now();
      await expect(s.membership.connect(m).giveWithdrawalNotice())
        .to.be.revertedWithCustomError(s.membership, "MembershipNoticeAlreadyGiven")
        .withArgs(m.address, t);
    });

    it("B6 takes a new notice once the last one expired, not at its expiry - 1 s", async function () {
      const s = await loadFixture(fixture);
      const m = s.founders[1];
      await s.membership.connect(m).giveWithdrawalNotice();
      const first = await s.membership.memberOf(m.address);
      await time.setNextBlockTimestamp(first.noticeExpiresAt - 1n);
      await expect(s.membership.connect(m).giveWithdrawalNotice())
        .to.be.revertedWithCustomError(s.membership, "MembershipNoticeAlreadyGiven")
        .withArgs(m.address, first.noticeAt);
      await time.setNextBlockTimestamp(first.noticeExpiresAt);
      const p = defaultCharterParams();
      const t = first.noticeExpiresAt;
      await expect(s.membership.connect(m).giveWithdrawalNotice())
        .to.emit(s.membership, "WithdrawalNoticeGiven")
        .withArgs(
          m.address,
          t + BigInt(p.noticePeriod),
          t + BigInt(p.noticePeriod) + BigInt(p.noticeValidity),
        );
      expect((await s.membership.memberOf(m.address)).noticeAt).to.equal(t);
    });

    it("reverts for a caller that is not an active member", async function () {
      const s = await loadFixture(actorsFixture);
      for (const [who, st] of [
        [s.stranger, Status.None],
        [s.applicant, Status.Applicant],
        [s.suspended, Status.Suspended],
        [s.expelled, Status.Expelled],
      ] as const) {
        await expect(s.membership.connect(who).giveWithdrawalNotice())
          .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
          .withArgs(who.address, st, mask(Status.Active));
      }
    });
  });

  describe("cancelWithdrawalNotice", function () {
    it("clears the pending notice", async function () {
      const s = await loadFixture(fixture);
      const m = s.founders[1];
      await s.membership.connect(m).giveWithdrawalNotice();
      await expect(s.membership.connect(m).cancelWithdrawalNotice())
        .to.emit(s.membership, "WithdrawalNoticeCancelled")
        .withArgs(m.address);
      expect((await s.membership.memberOf(m.address)).noticeAt).to.equal(0n);
      await expect(s.membership.connect(m).withdraw())
        .to.be.revertedWithCustomError(s.membership, "MembershipNoNoticePending")
        .withArgs(m.address);
    });

    it("reverts without a pending notice, and for a non-member", async function () {
      const s = await loadFixture(fixture);
      await expect(s.membership.connect(s.founders[1]).cancelWithdrawalNotice())
        .to.be.revertedWithCustomError(s.membership, "MembershipNoNoticePending")
        .withArgs(s.founders[1].address);
      await expect(s.membership.connect(s.stranger).cancelWithdrawalNotice())
        .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
        .withArgs(s.stranger.address, Status.None, mask(Status.Active));
    });
  });

  describe("withdraw", function () {
    async function noticed() {
      const s = await fixture();
      const m = s.founders[0];
      await s.membership.connect(m).giveWithdrawalNotice();
      const earliest = (await s.membership.memberOf(m.address)).withdrawableAt;
      return { ...s, m, earliest };
    }

    it("A5: reverts at the end of the notice - 1 s", async function () {
      const s = await loadFixture(noticed);
      await time.setNextBlockTimestamp(s.earliest - 1n);
      await expect(s.membership.connect(s.m).withdraw())
        .to.be.revertedWithCustomError(s.membership, "MembershipNoticePending")
        .withArgs(s.m.address, s.earliest);
    });

    it("A5: withdraws at the end of the notice: seat burnt, vote reset, bond withdrawable, lead vacated", async function () {
      const s = await loadFixture(noticed);
      const bond = defaultCharterParams().bondAmount as bigint;
      await time.setNextBlockTimestamp(s.earliest);
      await expect(s.membership.connect(s.m).withdraw())
        .to.emit(s.membership, "MemberWithdrew")
        .withArgs(s.m.address)
        .and.to.emit(s.membership, "LeadUnitVacated")
        .withArgs(s.m.address)
        .and.to.emit(s.treasury, "BondReleased")
        .withArgs(s.m.address, s.m.address, bond);
      const rec = await s.membership.memberOf(s.m.address);
      expect(rec.status).to.equal(Status.Withdrawn);
      expect(rec.noticeAt).to.equal(0n);
      expect(await s.membership.balanceOf(s.m.address)).to.equal(0n);
      expect(await s.membership.delegates(s.m.address)).to.equal(ethers.ZeroAddress);
      expect(await s.treasury.withdrawableOf(s.m.address)).to.equal(bond);
      await expectI6(s);
    });

    it("A5: withdraws at the end of the notice + 1 s", async function () {
      const s = await loadFixture(noticed);
      await time.setNextBlockTimestamp(s.earliest + 1n);
      await s.membership.connect(s.m).withdraw();
      expect(await s.membership.statusOf(s.m.address)).to.equal(Status.Withdrawn);
    });

    it("keeps the notice period in force when notice was given, whatever the charter says later", async function () {
      const s = await loadFixture(noticed);
      await s.charter.setParams({ ...defaultCharterParams(), noticePeriod: 365 * DAY });
      await time.setNextBlockTimestamp(s.earliest);
      await s.membership.connect(s.m).withdraw();
    });

    it("B6 withdraws at the notice's expiry - 1 s and refuses it at the expiry and the expiry + 1 s", async function () {
      const s = await loadFixture(noticed);
      const expiresAt = (await s.membership.memberOf(s.m.address)).noticeExpiresAt;
      expect(expiresAt).to.equal(s.earliest + BigInt(defaultCharterParams().noticeValidity));
      for (const at of [expiresAt, expiresAt + 1n]) {
        await time.setNextBlockTimestamp(at);
        await expect(s.membership.connect(s.m).withdraw())
          .to.be.revertedWithCustomError(s.membership, "MembershipNoticeExpired")
          .withArgs(s.m.address, expiresAt);
      }
      expect(await s.membership.statusOf(s.m.address)).to.equal(Status.Active);
      const again = await loadFixture(noticed);
      await time.setNextBlockTimestamp(expiresAt - 1n);
      await again.membership.connect(again.m).withdraw();
      expect(await again.membership.statusOf(again.m.address)).to.equal(Status.Withdrawn);
      expect((await again.membership.memberOf(again.m.address)).noticeExpiresAt).to.equal(0n);
    });

    it("B6 keeps the notice's validity in force when notice was given, whatever the charter says later", async function () {
      const s = await loadFixture(noticed);
      const expiresAt = (await s.membership.memberOf(s.m.address)).noticeExpiresAt;
      await s.charter.setParams({ ...defaultCharterParams(), noticeValidity: 365 * DAY });
      await time.setNextBlockTimestamp(expiresAt);
      await expect(s.membership.connect(s.m).withdraw())
        .to.be.revertedWithCustomError(s.membership, "MembershipNoticeExpired")
        .withArgs(s.m.address, expiresAt);
    });

    it("B6 keeps a ripe notice from outliving its validity to escape a later claim", async function () {
      const s = await loadFixture(noticed);
      const expiresAt = (await s.membership.memberOf(s.m.address)).noticeExpiresAt;
      await time.increaseTo(expiresAt + BigInt(365 * DAY));
      await record(s, Entry.Filed, s.m.address, 1n);
      await expect(s.membership.connect(s.m).withdraw())
        .to.be.revertedWithCustomError(s.membership, "MembershipNoticeExpired")
        .withArgs(s.m.address, expiresAt);
      // A new notice must run out first; the open claim still blocks it then.
      await s.membership.connect(s.m).giveWithdrawalNotice();
      await time.increaseTo((await s.membership.memberOf(s.m.address)).withdrawableAt);
      await expect(s.membership.connect(s.m).withdraw())
        .to.be.revertedWithCustomError(s.membership, "MembershipOpenClaims")
        .withArgs(s.m.address, 1n);
      expect(await s.treasury.bondOf(s.m.address)).to.equal(defaultCharterParams().bondAmount);
    });

    it("B1 ends the charter binding on withdrawal: the line's count falls and the binding epoch moves", async function () {
      const s = await loadFixture(noticed);
      await bind(s, s.m);
      const epoch = await s.membership.bindingEpoch();
      expect(await s.membership.boundCountOf(1n)).to.equal(1n);
      await time.setNextBlockTimestamp(s.earliest);
      await s.membership.connect(s.m).withdraw();
      expect(await s.membership.boundLineOf(s.m.address)).to.equal(0n);
      expect(await s.membership.boundCountOf(1n)).to.equal(0n);
      expect(await s.membership.bindingEpoch()).to.equal(epoch + 1n);
    });

    it("B6 refuses withdrawal while the member is respondent to an open claim, and allows it once the claim closes", async function () {
      const s = await loadFixture(noticed);
      await expect(record(s, Entry.Filed, s.m.address, 1n))
        .to.emit(s.breachHistory, "HistoryAppended")
        .withArgs(1n, Entry.Filed, 1n, s.m.address, anyValue);
      await record(s, Entry.Filed, s.m.address, 2n);
      await record(s, Entry.Answered, s.m.address, 1n);
      expect(await s.breachHistory.openClaimsAgainst(s.m.address)).to.equal(2n);
      await time.setNextBlockTimestamp(s.earliest);
      await expect(s.membership.connect(s.m).withdraw())
        .to.be.revertedWithCustomError(s.membership, "MembershipOpenClaims")
        .withArgs(s.m.address, 2n);
      await record(s, Entry.Withdrawn, s.m.address, 1n);
      await expect(s.membership.connect(s.m).withdraw())
        .to.be.revertedWithCustomError(s.membership, "MembershipOpenClaims")
        .withArgs(s.m.address, 1n);
      expect(await s.treasury.bondOf(s.m.address)).to.equal(defaultCharterParams().bondAmount);
      await record(s, Entry.ClosedUnresolved, s.m.address, 2n);
      expect(await s.breachHistory.openClaimsAgainst(s.m.address)).to.equal(0n);
      await s.membership.connect(s.m).withdraw();
      expect(await s.membership.statusOf(s.m.address)).to.equal(Status.Withdrawn);
      expect(await s.treasury.bondOf(s.m.address)).to.equal(0n);
    });

    it("B6 counts open claims in the respondent's history head: Filed opens, each closing kind closes, no other kind moves it", async function () {
      const s = await loadFixture(fixture);
      const m = s.founders[1].address;
      const closing = [
        Entry.Cured,
        Entry.Settled,
        Entry.Executed,
        Entry.Dismissed,
        Entry.Withdrawn,
        Entry.ClosedUnresolved,
      ];
      const neutral = [
        Entry.Answered,
        Entry.Evidence,
        Entry.Referred,
        Entry.Ruled,
        Entry.Appealed,
        Entry.DefaultRecorded,
        Entry.PenaltyApplied,
        Entry.SettlementPaid,
        Entry.ExpulsionProposed,
        Entry.SuspensionLifted,
      ];
      for (const kind of closing) {
        await expect(record(s, kind, m, 7n))
          .to.be.revertedWithCustomError(s.breachHistory, "BreachHistoryNoOpenClaim")
          .withArgs(7n, m);
      }
      for (let i = 0; i < closing.length; i++) await record(s, Entry.Filed, m, BigInt(i + 1));
      for (const kind of neutral) await record(s, kind, m, 1n);
      let head = await s.breachHistory.memberHead(m);
      expect([head.count, head.openClaims]).to.deep.equal([BigInt(closing.length + neutral.length), 6n]);
      for (let i = 0; i < closing.length; i++) {
        await record(s, closing[i], m, BigInt(i + 1));
        expect(await s.breachHistory.openClaimsAgainst(m), String(closing[i])).to.equal(BigInt(5 - i));
      }
      head = await s.breachHistory.memberHead(m);
      expect([head.count, head.openClaims]).to.deep.equal([BigInt(2 * closing.length + neutral.length), 0n]);
      // A clause's head counts its entries only.
      expect((await s.breachHistory.clauseHead(1n, CLAUSE)).openClaims).to.equal(0n);
      // Only the disputes module appends claim entries.
      for (const caller of [s.stranger, s.founders[1], s.deployer, s.agreements]) {
        await expect(s.breachHistory.connect(caller).recordClaimEntry(claimEntry(Entry.Filed, m, 1n)))
          .to.be.revertedWithCustomError(s.breachHistory, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
      expect(await s.breachHistory.openClaimsAgainst(m)).to.equal(0n);
    });

    it("reverts without notice and for a non-member", async function () {
      const s = await loadFixture(fixture);
      await expect(s.membership.connect(s.founders[1]).withdraw())
        .to.be.revertedWithCustomError(s.membership, "MembershipNoNoticePending")
        .withArgs(s.founders[1].address);
      await expect(s.membership.connect(s.stranger).withdraw())
        .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
        .withArgs(s.stranger.address, Status.None, mask(Status.Active));
    });
  });

  describe("updateProfile", function () {
    it("updates the caller's profile hash", async function () {
      const s = await loadFixture(fixture);
      const h = profileHash("v2");
      await expect(s.membership.connect(s.founders[1]).updateProfile(h))
        .to.emit(s.membership, "ProfileUpdated")
        .withArgs(s.founders[1].address, h);
      expect((await s.membership.memberOf(s.founders[1].address)).status).to.equal(Status.Active);
    });

    it("reverts on a zero hash and for a non-member", async function () {
      const s = await loadFixture(actorsFixture);
      await expect(s.membership.connect(s.founders[1]).updateProfile(ethers.ZeroHash))
        .to.be.revertedWithCustomError(s.membership, "MembershipInvalidInput")
        .withArgs("profileHash");
      const allowed = mask(Status.Applicant, Status.Active, Status.Suspended);
      await expect(s.membership.connect(s.stranger).updateProfile(profileHash("x")))
        .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
        .withArgs(s.stranger.address, Status.None, allowed);
      await expect(s.membership.connect(s.expelled).updateProfile(profileHash("x")))
        .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
        .withArgs(s.expelled.address, Status.Expelled, allowed);
    });
  });

  describe("setLeadUnit", function () {
    it("names an active member lead unit (F3)", async function () {
      const s = await loadFixture(fixture);
      await expect(s.membership.setLeadUnit(s.founders[2].address))
        .to.emit(s.membership, "LeadUnitSet")
        .withArgs(s.founders[2].address);
      expect(await s.membership.leadUnit()).to.equal(s.founders[2].address);
    });

    it("reverts on the zero address and on an account that is not active", async function () {
      const s = await loadFixture(actorsFixture);
      await expectStatusGuard(
        s,
        (a) => s.membership.setLeadUnit(a),
        [[s.suspended, Status.Suspended]],
        mask(Status.Active),
      );
      expect(await s.membership.leadUnit()).to.equal(s.founders[0].address);
    });
  });

  describe("setSecretariat", function () {
    it("names an address holding the SECRETARIAT role", async function () {
      const s = await loadFixture(fixture);
      await expect(s.membership.setSecretariat(s.secretariat.address))
        .to.emit(s.membership, "SecretariatSet")
        .withArgs(s.secretariat.address);
      expect(await s.membership.secretariat()).to.equal(s.secretariat.address);
    });

    it("reverts on the zero address and on an address without the role", async function () {
      const s = await loadFixture(fixture);
      await expect(s.membership.setSecretariat(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        s.membership,
        "MembershipZeroAddress",
      );
      await expect(s.membership.setSecretariat(s.expert.address))
        .to.be.revertedWithCustomError(s.membership, "MembershipNotSecretariat")
        .withArgs(s.expert.address);
    });
  });

  describe("onAccession", function () {
    async function postCharter() {
      const s = await fixture();
      await s.charter.setCharter(1, true);
      const [a] = s.others;
      await admitDirect(s, a);
      return { ...s, a };
    }

    it("binds an active member to the charter line in force and activates its vote", async function () {
      const s = await loadFixture(postCharter);
      const epoch = await s.membership.bindingEpoch();
      const tx = bind(s, s.a);
      await expect(tx).to.emit(s.membership, "MemberBound").withArgs(s.a.address, 1n, 1n);
      await expect(tx).to.emit(s.membership, "VotingActivated").withArgs(s.a.address, 4n);
      expect(await s.membership.boundLineOf(s.a.address)).to.equal(1n);
      expect((await s.membership.memberOf(s.a.address)).boundLine).to.equal(1n);
      expect(await s.membership.boundCountOf(1n)).to.equal(1n);
      expect(await s.membership.bindingEpoch()).to.equal(epoch + 1n);
      expect(await s.membership.getVotes(s.a.address)).to.equal(1n);
      expect(await s.membership.isInGoodStanding(s.a.address)).to.equal(true);
    });

    it("binds without a vote to a line not in force (a first-charter signature) and moves the per-line counts", async function () {
      const s = await loadFixture(postCharter);
      await expect(bind(s, s.a, 7n)).to.not.emit(s.membership, "VotingActivated");
      expect(await s.membership.getVotes(s.a.address)).to.equal(0n);
      expect(await s.membership.boundCountOf(7n)).to.equal(1n);
      await expect(bind(s, s.a, 1n))
        .to.emit(s.membership, "MemberBound")
        .withArgs(s.a.address, 1n, 1n);
      expect(await s.membership.boundCountOf(7n)).to.equal(0n);
      expect(await s.membership.getVotes(s.a.address)).to.equal(1n);
    });

    it("reverts for a second binding to the same line, an applicant, line 0 or above 2^40 - 1, the zero address", async function () {
      const s = await loadFixture(postCharter);
      await bind(s, s.a);
      await expect(bind(s, s.a))
        .to.be.revertedWithCustomError(s.membership, "MembershipAlreadyBound")
        .withArgs(s.a.address, 1n);
      const b = s.others[1];
      await applyAs(s, b);
      await expect(bind(s, b))
        .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
        .withArgs(b.address, Status.Applicant, mask(Status.Active, Status.Suspended));
      for (const line of [0n, 2n ** 40n]) {
        await expect(s.membership.connect(s.agreements).onAccession(s.a.address, line))
          .to.be.revertedWithCustomError(s.membership, "MembershipInvalidInput")
          .withArgs("line");
      }
      await s.membership.connect(s.agreements).onAccession(s.others[0].address, 2n ** 40n - 1n);
      await expect(
        s.membership.connect(s.agreements).onAccession(ethers.ZeroAddress, 1n),
      ).to.be.revertedWithCustomError(s.membership, "MembershipZeroAddress");
    });

    it("B1 ends the binding on expulsion, of an active or a suspended member", async function () {
      const s = await loadFixture(postCharter);
      const [, b] = s.others;
      await admitDirect(s, b);
      await bind(s, s.a);
      await bind(s, b);
      await s.membership.suspend(b.address, REASON);
      expect(await s.membership.boundCountOf(1n)).to.equal(2n);
      const epoch = await s.membership.bindingEpoch();
      await s.membership.expel(s.a.address, REASON);
      await s.membership.expel(b.address, REASON);
      expect(await s.membership.boundCountOf(1n)).to.equal(0n);
      expect(await s.membership.bindingEpoch()).to.equal(epoch + 2n);
      expect(await s.membership.boundLineOf(b.address)).to.equal(0n);
    });
  });

  describe("status history (events)", function () {
    it("emits one event per status change, each in the block of the change, and keeps no history in storage", async function () {
      const s = await loadFixture(fixture);
      const [a] = s.others;
      const steps: [string, () => Promise<ContractTransactionResponse>, number][] = [
        ["MemberApplied", () => applyAs(s, a), Status.Applicant],
        ["MemberAdmitted", () => s.membership.admit(a.address), Status.Active],
        ["MemberSuspended", () => s.membership.suspend(a.address, REASON), Status.Suspended],
        ["MemberReinstated", () => s.membership.reinstate(a.address), Status.Active],
        ["MemberExpelled", () => s.membership.expel(a.address, REASON), Status.Expelled],
        ["MemberApplied", () => applyAs(s, a, { id: entityId(a.address) }), Status.Applicant],
        ["ApplicationRejected", () => s.membership.rejectApplication(a.address, REASON), Status.Expelled],
      ];
      const statusEvents = [
        "MemberApplied",
        "ApplicationCancelled",
        "ApplicationRejected",
        "MemberAdmitted",
        "MemberSuspended",
        "MemberReinstated",
        "MemberWithdrew",
        "MemberExpelled",
      ];
      for (const [event, send, status] of steps) {
        const tx = send();
        const receipt = await (await tx).wait();
        const names = receipt!.logs
          .filter((l) => l.address === s.membership.target)
          .map((l) => s.membership.interface.parseLog(l)?.name)
          .filter((n) => statusEvents.includes(n!));
        expect(names, event).to.deep.equal([event]);
        expect(await s.membership.statusOf(a.address), event).to.equal(status);
        await time.increase(10);
      }
      expect(s.membership.interface.fragments.some((f) => "name" in f && f.name === "statusAt")).to.equal(
        false,
      );
    });
  });

  describe("views", function () {
    it("counts members by status and active members by kind", async function () {
      const s = await loadFixture(fixture);
      expect(await s.membership.countByStatus(Status.None)).to.equal(0n);
      expect(await s.membership.countByStatus(Status.Active)).to.equal(3n);
      expect(await s.membership.activeCountByKind(Kind.Enterprise)).to.equal(1n);
      expect(await s.membership.activeCountByKind(Kind.Government)).to.equal(0n);
      expect(await s.membership.activeCount()).to.equal(3n);
      expect(await s.membership.activeCountByKind(Kind.ResearchInstitute)).to.equal(1n);
      expect(await s.membership.isActive(s.founders[0].address)).to.equal(true);
      expect(await s.membership.isActive(s.stranger.address)).to.equal(false);
    });

    it("counts every status and every active kind in its own packed field", async function () {
      const s = await loadFixture(actorsFixture);
      const w = s.founders[2];
      await s.membership.connect(w).giveWithdrawalNotice();
      await time.increase(90 * DAY);
      await s.membership.connect(w).withdraw();
      const counts = await Promise.all(
        [
          Status.None,
          Status.Applicant,
          Status.Active,
          Status.Suspended,
          Status.Withdrawn,
          Status.Expelled,
        ].map((st) => s.membership.countByStatus(st)),
      );
      expect(counts).to.deep.equal([0n, 1n, 2n, 1n, 1n, 1n]);
      expect(await s.membership.activeCount()).to.equal(2n);
      const kinds = await Promise.all([0, 1, 2, 3, 4, 5, 6].map((k) => s.membership.activeCountByKind(k)));
      expect(kinds).to.deep.equal([1n, 1n, 0n, 0n, 0n, 0n, 0n]);
      await s.membership.reinstate(s.suspended.address);
      expect(await s.membership.countByStatus(Status.Suspended)).to.equal(0n);
      expect(await s.membership.countByStatus(Status.Active)).to.equal(3n);
      expect(await s.membership.activeCountByKind(Kind.Enterprise)).to.equal(2n);
      // The seat counter shares the kinds' word: the next seat follows the last one minted.
      expect((await s.membership.memberOf(s.suspended.address)).seatId).to.equal(6n);
      await expectI6(s);
    });

    it("isInGoodStanding: active, and bound by the charter line once a charter is in force", async function () {
      const s = await loadFixture(fixture);
      const f = s.founders[0];
      expect(await s.membership.isInGoodStanding(f.address)).to.equal(true);
      expect(await s.membership.isInGoodStanding(s.stranger.address)).to.equal(false);
      await s.charter.setCharter(1, true);
      expect(await s.membership.isInGoodStanding(f.address)).to.equal(false);
      await bind(s, f, 2n);
      expect(await s.membership.isInGoodStanding(f.address)).to.equal(false);
      await bind(s, f, 1n);
      expect(await s.membership.isInGoodStanding(f.address)).to.equal(true);
    });

    it("requireBusinessMember: refuses until constituted, then non-members and un-acceded members", async function () {
      const s = await loadFixture(fixture);
      const f = s.founders[0];
      await expect(s.membership.requireBusinessMember(f.address)).to.be.revertedWithCustomError(
        s.membership,
        "MembershipNotConstituted",
      );
      await s.charter.setCharter(1, true);
      for (const x of s.founders.slice(1)) await bind(s, x);
      await expect(s.membership.requireBusinessMember(f.address))
        .to.be.revertedWithCustomError(s.membership, "MembershipNotAcceded")
        .withArgs(f.address);
      await bind(s, f);
      await s.membership.requireBusinessMember(f.address);
      await expect(s.membership.requireBusinessMember(s.stranger.address))
        .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
        .withArgs(s.stranger.address, Status.None, mask(Status.Active));
    });
  });

  describe("isConstituted (F1, F3)", function () {
    /** No founders; the deployer council admits what each case needs. */
    async function bare() {
      const s = await deploySuite({ founders: 0, unitCouncil: true, organise: false });
      await s.charter.setCharter(1, true);
      return s;
    }

    const cases: [string, number[], { lead?: boolean; secretariat?: boolean; charter?: boolean }, boolean][] =
      [
        [
          "an enterprise and a university, lead, secretariat, charter",
          [Kind.Enterprise, Kind.University],
          {},
          true,
        ],
        ["an enterprise and a research institute", [Kind.Enterprise, Kind.ResearchInstitute], {}, true],
        ["only one active member", [Kind.Enterprise], {}, false],
        ["two enterprises, no university or institute", [Kind.Enterprise, Kind.Enterprise], {}, false],
        [
          "a university and an institute, no enterprise",
          [Kind.University, Kind.ResearchInstitute],
          {},
          false,
        ],
        ["no lead unit", [Kind.Enterprise, Kind.University], { lead: false }, false],
        ["no secretariat", [Kind.Enterprise, Kind.University], { secretariat: false }, false],
        ["no charter in force", [Kind.Enterprise, Kind.University], { charter: false }, false],
        [
          "government and financial members do not count as the required kinds",
          [Kind.Government, Kind.Financial],
          {},
          false,
        ],
      ];
    for (const [title, kinds, o, expected] of cases) {
      it(`is ${expected} with ${title}`, async function () {
        const s = await loadFixture(bare);
        for (let i = 0; i < kinds.length; i++) await admitDirect(s, s.others[i], kinds[i]);
        if (o.lead ?? true) await s.membership.setLeadUnit(s.others[0].address);
        if (o.secretariat ?? true) await s.membership.setSecretariat(s.secretariat.address);
        if (o.charter === false) await s.charter.setCharter(0, false);
        expect(await s.membership.isConstituted()).to.equal(expected);
      });
    }

    it("is false once the required university leaves, and true again when another is admitted", async function () {
      const s = await loadFixture(bare);
      await admitDirect(s, s.others[0], Kind.Enterprise);
      await admitDirect(s, s.others[1], Kind.University);
      await s.membership.setLeadUnit(s.others[0].address);
      await s.membership.setSecretariat(s.secretariat.address);
      expect(await s.membership.isConstituted()).to.equal(true);
      await s.membership.expel(s.others[1].address, REASON);
      expect(await s.membership.isConstituted()).to.equal(false);
      await admitDirect(s, s.others[2], Kind.ResearchInstitute);
      expect(await s.membership.isConstituted()).to.equal(true);
    });
  });

  describe("A6: seats cannot be transferred, approved or held twice", function () {
    it("reverts transfers, approvals and delegation with MembershipSeatNotTransferable", async function () {
      const s = await loadFixture(fixture);
      const [f, g] = s.founders;
      const seat = (await s.membership.memberOf(f.address)).seatId;
      const m = s.membership.connect(f);
      const err = "MembershipSeatNotTransferable";
      await expect(m.transferFrom(f.address, g.address, seat)).to.be.revertedWithCustomError(m, err);
      await expect(m.transferFrom(f.address, s.stranger.address, seat)).to.be.revertedWithCustomError(m, err);
      await expect(
        m["safeTransferFrom(address,address,uint256)"](f.address, s.stranger.address, seat),
      ).to.be.revertedWithCustomError(m, err);
      await expect(m.approve(s.stranger.address, seat)).to.be.revertedWithCustomError(m, err);
      await expect(m.setApprovalForAll(s.stranger.address, true)).to.be.revertedWithCustomError(m, err);
      await expect(m.delegate(g.address)).to.be.revertedWithCustomError(m, err);
      await expect(m.delegate(f.address)).to.be.revertedWithCustomError(m, err);
      await expect(
        m.delegateBySig(g.address, 0, 2n ** 40n, 27, ethers.ZeroHash, ethers.ZeroHash),
      ).to.be.revertedWithCustomError(m, err);
      expect(await s.membership.ownerOf(seat)).to.equal(f.address);
      expect(await s.membership.getVotes(g.address)).to.equal(1n);
    });

    it("never lets an account hold two seats, also across suspension and reinstatement", async function () {
      const s = await loadFixture(fixture);
      const f = s.founders[1];
      await expect(applyAs(s, f)).to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus");
      await s.membership.suspend(f.address, REASON);
      await s.membership.reinstate(f.address);
      expect(await s.membership.balanceOf(f.address)).to.equal(1n);
      expect(await s.membership.getVotes(f.address)).to.equal(1n);
      await expectI6(s);
    });
  });

  describe("with the real AgreementRegistry (line binding, B1)", function () {
    const DOC = ethers.sha256(ethers.toUtf8Bytes("联盟章程 / Alliance charter v1"));
    const TERMS = ethers.sha256(ethers.toUtf8Bytes('{"kind":"Charter"}'));

    async function chartered() {
      const s = await deploySuite({ founders: 3, unitCouncil: true, realCharter: true });
      const r = s.registry!;
      await r.connect(s.secretariat).createCharter(
        {
          kind: 0,
          parentId: 0,
          documentHash: DOC,
          termsHash: TERMS,
          uri: "ipfs://charter-v1",
          parties: s.founders.map((f) => f.address),
          clauses: [],
        },
        defaultCharterParams(),
      );
      const id = 1n;
      return { ...s, r, id };
    }

    it("constitutes the alliance once every founder signed the charter (F1, F2, F3)", async function () {
      const s = await loadFixture(chartered);
      expect(await s.membership.isConstituted()).to.equal(false);
      for (const f of s.founders) await s.r.connect(f).sign(s.id, DOC, TERMS);
      expect(await s.r.charterEffective()).to.equal(true);
      expect(await s.membership.isConstituted()).to.equal(true);
      for (const f of s.founders) await s.membership.requireBusinessMember(f.address);
    });

    it("gives a member admitted after the charter its vote only when it accedes", async function () {
      const s = await loadFixture(chartered);
      for (const f of s.founders) await s.r.connect(f).sign(s.id, DOC, TERMS);
      const [a] = s.others;
      await admitDirect(s, a, Kind.University);
      expect(await s.membership.getVotes(a.address)).to.equal(0n);
      await expect(s.membership.requireBusinessMember(a.address))
        .to.be.revertedWithCustomError(s.membership, "MembershipNotAcceded")
        .withArgs(a.address);
      await expect(s.r.connect(a).accede(s.id, DOC, TERMS))
        .to.emit(s.membership, "VotingActivated")
        .withArgs(a.address, 4n);
      expect(await s.membership.getVotes(a.address)).to.equal(1n);
      await s.membership.requireBusinessMember(a.address);
    });
  });

  describe("roles", function () {
    it("maps council functions to COUNCIL, suspend/reinstate to DISCIPLINE, onAccession to AGREEMENTS_MODULE", async function () {
      const s = await loadFixture(fixture);
      const role = (fn: string) =>
        s.manager.getTargetFunctionRole(s.membership.target, selector(s.membership, fn));
      for (const fn of ["admit", "rejectApplication", "expel", "setLeadUnit", "setSecretariat"]) {
        expect(await role(fn)).to.equal(ROLES.COUNCIL);
      }
      expect(await role("suspend")).to.equal(ROLES.DISCIPLINE);
      expect(await role("reinstate")).to.equal(ROLES.DISCIPLINE);
      expect(await role("onAccession")).to.equal(ROLES.AGREEMENTS_MODULE);
      const [isDisc] = await s.manager.hasRole(ROLES.DISCIPLINE, s.timelock.target);
      expect(isDisc).to.equal(true);
    });
  });
});
