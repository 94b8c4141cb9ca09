import { expect } from "chai";
import { ethers } from "hardhat";
import { INSTRUMENTED } from "../../helpers/coverage";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { IPRegistry, LicenseManager } from "../../../typechain-types";
import type { LicenseTermsStruct } from "../../../typechain-types/contracts/licensing/LicenseManager";
import {
  AgreementKind,
  AgreementStatus,
  BPS,
  DAY,
  LicenseKind,
  LicenseStatus,
  MemberKind,
  MemberStatus,
  PriceClass,
  ProjectStatus,
  ProposalKind,
  ProposalStatus,
  ROLE,
  AssetKind,
  AssetStatus,
  addresses,
  charterParams,
  checkI1,
  deploySuite,
  equalShares,
  expectZeroAddressRejected,
  input,
  mapRoyaltyRoles,
  setMembers,
  sha256,
  terms,
} from "./fixture";
import { LICENSE_AGREEMENT, type F, fixture, publish } from "./managerFixture";

/**
 * Steps of the mixed sequence of the I1/I4/I5 test: 24 under `npm test`; under `npm run coverage`, where
 * every call runs instrumented and many times slower, its first MIXED_STEPS_COVERAGE steps (the same
 * seed; measured: the file covers the same lines and branches of every contract as with all 24).
 */
const MIXED_STEPS_COVERAGE = 8;
const MIXED_STEPS = INSTRUMENTED ? MIXED_STEPS_COVERAGE : 24;

const PERIOD = 90 * DAY;

/** Alice proposes a status change of asset 1 (50%) and bob approves it (30%): 80% >= 60%, applied (B5). */
async function setStatus(f: F, assetId: bigint, status: AssetStatus): Promise<void> {
  await f.proposals.connect(f.alice).proposeStatusChange(assetId, status, "", sha256(`status ${status}`));
  await f.proposals.connect(f.bob).approveStatusChange(await f.proposals.statusChangeCount());
  expect((await f.ip.assetOf(assetId)).status).to.equal(status);
}

/** A published offer accepted by `who`; returns the licence id. */
async function license(
  f: F,
  who: HardhatEthersSigner,
  overrides: Partial<LicenseTermsStruct> = {},
  assetId = 1n,
): Promise<bigint> {
  const id = await publish(f, overrides, assetId);
  await f.proposals.connect(who).acceptOffer(id);
  return f.lm.licenseCount();
}

/** Σ claimed + Σ claimable + dust == net received (I4), dust <= owners - 1 (M4); returns dust. */
async function checkI4(
  lm: LicenseManager,
  ip: IPRegistry,
  assetId: bigint,
  extra: string[] = [],
  exited = 0,
): Promise<bigint> {
  const [owners] = await ip.ownersOf(assetId, 0, 1000);
  const accounts = [...new Set([...owners, ...extra])];
  let paid = 0n;
  let open = 0n;
  for (const a of accounts) {
    const s = await lm.incomeOf(assetId, a);
    paid += s.claimed;
    open += s.claimable;
    // I5: nobody ever claims more than it accrued.
    expect(s.claimed + s.claimable).to.equal(s.accrued);
  }
  const received = await lm.accumulatedOf(assetId);
  const dust = received - paid - open;
  expect(dust >= 0n).to.equal(true);
  // Every account that ever held a share loses < 1 wei in total: dust <= holders - 1.
  expect(dust <= BigInt(owners.length + exited - 1)).to.equal(true);
  return dust;
}

describe("LicenseManager and LicenseProposals", function () {
  describe("constructors", function () {
    it("revert on a zero address", async function () {
      const f = await loadFixture(fixture);
      const a = [
        await f.manager.getAddress(),
        await f.membership.getAddress(),
        await f.charter.getAddress(),
        await f.ip.getAddress(),
        await f.treasury.getAddress(),
        await f.breach.getAddress(),
      ];
      await expectZeroAddressRejected("LicenseManager", a, f.lm, "LicenseManagerZeroAddress");
      const p = [a[3], a[1], a[2], await f.lm.getAddress()];
      await expectZeroAddressRejected("LicenseProposals", p, f.proposals, "LicenseProposalsZeroAddress");
    });
  });

  describe("proposeOffer", function () {
    it("publishes once co-owners holding the charter's approval share approved (Macro 3)", async function () {
      const f = await loadFixture(fixture);
      const now = await time.latest();
      const t = terms(now);
      await expect(f.proposals.connect(f.alice).proposeOffer(1, t))
        .to.emit(f.proposals, "ProposalApproved")
        .withArgs(1, f.alice.address, 5000, 5000);
      expect((await f.proposals.proposalOf(1)).status).to.equal(ProposalStatus.Pending);
      expect(await f.proposals.hasApproved(1, f.alice.address)).to.equal(true);
      await expect(f.proposals.connect(f.bob).approve(1))
        .to.emit(f.proposals, "ProposalStatusChanged")
        .withArgs(1, ProposalStatus.Published);
      const p = await f.proposals.proposalOf(1);
      expect(p.kind).to.equal(ProposalKind.Offer);
      expect(p.approvedBps).to.equal(8000);
    });

    it("publishes at once when the proposer alone holds the approval share", async function () {
      const f = await loadFixture(fixture);
      await f.ip.connect(f.alice).registerBackground(input("solo"), [f.alice.address], [10000]);
      await expect(f.proposals.connect(f.alice).proposeOffer(3, terms(await time.latest())))
        .to.emit(f.proposals, "ProposalStatusChanged")
        .withArgs(1, ProposalStatus.Published);
    });

    it("reverts for a non-co-owner, an unknown or lapsed asset, and invalid terms", async function () {
      const f = await loadFixture(fixture);
      const now = await time.latest();
      const p = f.proposals;
      await expect(p.connect(f.dave).proposeOffer(1, terms(now)))
        .to.be.revertedWithCustomError(p, "LicenseProposalsNotCoOwner")
        .withArgs(1, f.dave.address);
      await expect(p.connect(f.alice).proposeOffer(9, terms(now)))
        .to.be.revertedWithCustomError(p, "LicenseProposalsUnknownAsset")
        .withArgs(9);
      const bad: [Partial<LicenseTermsStruct>, string][] = [
        [{ start: now + 10, end: now + 10 }, "start"],
        [{ start: now - 20, end: now - 10 }, "end"],
        [{ royaltyBps: 10001 }, "royaltyBps"],
        [{ periodLength: 0 }, "periodLength"],
        [{ periodLength: 0, royaltyBps: 0, minRoyalty: 1n }, "periodLength"],
      ];
      for (const [o, field] of bad) {
        await expect(p.connect(f.alice).proposeOffer(1, terms(now, o)))
          .to.be.revertedWithCustomError(p, "LicenseProposalsInvalidTerms")
          .withArgs(field);
      }
      await setStatus(f, 1n, AssetStatus.Lapsed);
      await expect(p.connect(f.alice).proposeOffer(1, terms(now)))
        .to.be.revertedWithCustomError(p, "LicenseProposalsAssetNotLicensable")
        .withArgs(1, AssetStatus.Lapsed);
    });
  });

  describe("FRAND offers for standard-essential IP (R4)", function () {
    it("rejects exclusive and sole offers and any negotiated licence", async function () {
      const f = await loadFixture(fixture);
      const now = await time.latest();
      for (const kind of [LicenseKind.Exclusive, LicenseKind.Sole]) {
        await expect(f.proposals.connect(f.alice).proposeOffer(2, terms(now, { kind })))
          .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsStandardEssential")
          .withArgs(2);
      }
      await expect(f.proposals.connect(f.eve).proposeLicense(2, LICENSE_AGREEMENT, terms(now)))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsStandardEssential")
        .withArgs(2);
    });

    it("rejects a discrimination attempt: other terms for the same price class (Outlook 6)", async function () {
      const f = await loadFixture(fixture);
      const now = await time.latest();
      const fair = terms(now, { upfrontFee: 1000n, royaltyBps: 200 });
      await expect(f.proposals.connect(f.alice).proposeOffer(2, fair)).to.emit(
        f.proposals,
        "FrandTermsFixed",
      );
      expect(await f.proposals.frandTermsOf(2, PriceClass.Outsider)).to.not.equal(ethers.ZeroHash);
      // A cheaper deal for a favoured licensee of the same class:
      for (const o of [{ upfrontFee: 500n }, { royaltyBps: 100 }, { minRoyalty: 1n }, { fieldId: 2 }]) {
        await expect(f.proposals.connect(f.alice).proposeOffer(2, { ...fair, ...o }))
          .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsFrandViolation")
          .withArgs(2, PriceClass.Outsider);
      }
      // The same terms with a later end (a renewal) are fine; members may have their own class terms.
      await f.proposals.connect(f.alice).proposeOffer(2, { ...fair, end: now + 1000 * DAY });
      await f.proposals
        .connect(f.alice)
        .proposeOffer(2, { ...fair, priceClass: PriceClass.Member, upfrontFee: 600n });
      expect((await f.proposals.proposalOf(3)).status).to.equal(ProposalStatus.Published);
    });

    it("rejects publishing a pending offer whose class terms were fixed by another offer meanwhile", async function () {
      const f = await loadFixture(fixture);
      await f.charter.setParams(charterParams({ approvalShareBps: 10000 }));
      const now = await time.latest();
      await f.proposals.connect(f.alice).proposeOffer(2, terms(now, { upfrontFee: 1n }));
      await f.proposals.connect(f.alice).proposeOffer(2, terms(now, { upfrontFee: 2n }));
      await f.proposals.connect(f.bob).approve(1);
      await expect(f.proposals.connect(f.bob).approve(2))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsFrandViolation")
        .withArgs(2, PriceClass.Outsider);
    });
  });

  describe("proposeLicense", function () {
    it("opens a negotiated licence under an Effective License agreement signed by the licensee", async function () {
      const f = await loadFixture(fixture);
      const t = terms(await time.latest(), { priceClass: PriceClass.Member });
      await expect(f.proposals.connect(f.eve).proposeLicense(1, LICENSE_AGREEMENT, t))
        .to.emit(f.proposals, "LicenseProposed")
        .withArgs(1, 1, ProposalKind.Negotiated, f.eve.address, f.eve.address, LICENSE_AGREEMENT, anyValue);
      const p = await f.proposals.proposalOf(1);
      expect(p.status).to.equal(ProposalStatus.Pending);
      expect(p.licensee).to.equal(f.eve.address);
    });

    it("reverts for an agreement that is not an Effective License agreement of the caller", async function () {
      const f = await loadFixture(fixture);
      const t = terms(await time.latest());
      const p = f.proposals;
      await expect(p.connect(f.outsider).proposeLicense(1, LICENSE_AGREEMENT, t))
        .to.be.revertedWithCustomError(p, "LicenseProposalsInvalidAgreement")
        .withArgs(LICENSE_AGREEMENT, f.outsider.address);
      await f.charter.setAgreement(
        21,
        AgreementKind.Project,
        AgreementStatus.Effective,
        sha256("x"),
        [f.eve.address],
        [],
      );
      await expect(p.connect(f.eve).proposeLicense(1, 21, t))
        .to.be.revertedWithCustomError(p, "LicenseProposalsInvalidAgreement")
        .withArgs(21, f.eve.address);
      await f.charter.setStatus(LICENSE_AGREEMENT, AgreementStatus.Pending);
      await expect(p.connect(f.eve).proposeLicense(1, LICENSE_AGREEMENT, t))
        .to.be.revertedWithCustomError(p, "LicenseProposalsInvalidAgreement")
        .withArgs(LICENSE_AGREEMENT, f.eve.address);
    });

    it("reverts a Member-class licence for a non-member (F6: outsiders get Outsider terms)", async function () {
      const f = await loadFixture(fixture);
      await f.charter.setAgreement(
        22,
        AgreementKind.License,
        AgreementStatus.Effective,
        sha256("o"),
        [f.outsider.address],
        [],
      );
      await expect(
        f.proposals
          .connect(f.outsider)
          .proposeLicense(1, 22, terms(await time.latest(), { priceClass: PriceClass.Member })),
      ).to.be.revertedWithCustomError(f.membership, "MembershipUnexpectedStatus");
      await f.proposals.connect(f.outsider).proposeLicense(1, 22, terms(await time.latest()));
    });

    it("is Approved at once when the charter's approval share is 0", async function () {
      const f = await loadFixture(fixture);
      await f.charter.setParams(charterParams({ approvalShareBps: 0 }));
      await f.proposals.connect(f.eve).proposeLicense(1, LICENSE_AGREEMENT, terms(await time.latest()));
      expect((await f.proposals.proposalOf(1)).status).to.equal(ProposalStatus.Approved);
    });
  });

  describe("approve", function () {
    it("needs every co-owner for an exclusive or sole licence (counted without a loop)", async function () {
      const f = await loadFixture(fixture);
      for (const kind of [LicenseKind.Exclusive, LicenseKind.Sole]) {
        await f.proposals
          .connect(f.eve)
          .proposeLicense(1, LICENSE_AGREEMENT, terms(await time.latest(), { kind }));
        const id = await f.proposals.proposalCount();
        await f.proposals.connect(f.alice).approve(id);
        await f.proposals.connect(f.bob).approve(id);
        expect((await f.proposals.proposalOf(id)).status).to.equal(ProposalStatus.Pending);
        await expect(f.proposals.connect(f.carol).approve(id))
          .to.emit(f.proposals, "ProposalStatusChanged")
          .withArgs(id, ProposalStatus.Approved);
      }
    });

    it("reverts twice, for a non-co-owner, an unknown or non-pending proposal", async function () {
      const f = await loadFixture(fixture);
      const id = await publish(f);
      const p = f.proposals;
      await expect(p.connect(f.carol).approve(id))
        .to.be.revertedWithCustomError(p, "LicenseProposalsUnexpectedStatus")
        .withArgs(id, ProposalStatus.Published, ProposalStatus.Pending);
      await p.connect(f.eve).proposeLicense(1, LICENSE_AGREEMENT, terms(await time.latest()));
      await p.connect(f.alice).approve(2);
      await expect(p.connect(f.alice).approve(2))
        .to.be.revertedWithCustomError(p, "LicenseProposalsAlreadyApproved")
        .withArgs(2, f.alice.address);
      await expect(p.connect(f.eve).approve(2))
        .to.be.revertedWithCustomError(p, "LicenseProposalsNotCoOwner")
        .withArgs(1, f.eve.address);
      await expect(p.connect(f.alice).approve(9))
        .to.be.revertedWithCustomError(p, "LicenseProposalsUnknownProposal")
        .withArgs(9);
    });

    it("voids approvals after a share sale (no share counted twice)", async function () {
      const f = await loadFixture(fixture);
      await f.proposals.connect(f.eve).proposeLicense(1, LICENSE_AGREEMENT, terms(await time.latest()));
      await f.proposals.connect(f.bob).approve(1);
      await f.ip.connect(f.bob).offerShares(1, 3000, f.dave.address, 0);
      await time.increase(7 * DAY);
      await f.ip.connect(f.dave).completeShareSale(1);
      await expect(f.proposals.connect(f.dave).approve(1))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsSharesChanged")
        .withArgs(1, 0, 1);
    });
  });

  describe("cancelProposal", function () {
    it("lets the proposer cancel a Pending or Approved proposal, nobody else, nothing else", async function () {
      const f = await loadFixture(fixture);
      await f.proposals.connect(f.eve).proposeLicense(1, LICENSE_AGREEMENT, terms(await time.latest()));
      await expect(f.proposals.connect(f.alice).cancelProposal(1))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsUnauthorized")
        .withArgs(f.alice.address);
      await f.proposals.connect(f.alice).approve(1);
      await f.proposals.connect(f.bob).approve(1);
      await expect(f.proposals.connect(f.eve).cancelProposal(1))
        .to.emit(f.proposals, "ProposalStatusChanged")
        .withArgs(1, ProposalStatus.Cancelled);
      await expect(f.proposals.connect(f.eve).cancelProposal(1))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsUnexpectedStatus")
        .withArgs(1, ProposalStatus.Cancelled, ProposalStatus.Pending);
      await f.proposals.connect(f.eve).proposeLicense(1, LICENSE_AGREEMENT, terms(await time.latest()));
      await f.proposals.connect(f.eve).cancelProposal(2);
      const offer = await publish(f);
      await expect(f.proposals.connect(f.alice).cancelProposal(offer))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsUnexpectedStatus")
        .withArgs(offer, ProposalStatus.Published, ProposalStatus.Pending);
    });
  });

  describe("acceptOffer", function () {
    it("lets an outsider take a licence by paying the upfront fee: levy to the fund, the rest to the owners (F6)", async function () {
      const f = await loadFixture(fixture);
      const id = await publish(f, { upfrontFee: 1_000_000n });
      const fund = await f.treasury.allianceFund();
      const tx = f.proposals.connect(f.outsider).acceptOffer(id);
      await expect(tx).to.emit(f.lm, "LicenseGranted");
      await expect(tx).to.emit(f.lm, "UpfrontFeePaid").withArgs(1, 1_000_000n, 50_000n);
      await expect(tx).to.emit(f.lm, "RoyaltyAccrued").withArgs(1, 950_000n, 950_000n);
      expect((await f.treasury.allianceFund()) - fund).to.equal(50_000n);
      expect(await f.treasury.royaltyPool(1)).to.equal(950_000n);
      expect(await f.lm.claimable(1, f.alice.address)).to.equal(475_000n);
      const l = await f.lm.licenseOf(1);
      expect(l.licensee).to.equal(f.outsider.address);
      expect(l.status).to.equal(LicenseStatus.Active);
      expect(l.levyBps).to.equal(500);
      expect(await f.lm.licenseSummary(1)).to.deep.equal([
        BigInt(LicenseStatus.Active),
        f.outsider.address,
        1n,
        0n,
      ]);
    });

    it("starts the licence at the offer's start when that is later", async function () {
      const f = await loadFixture(fixture);
      const now = await time.latest();
      const id = await publish(f, { start: now + 30 * DAY });
      await f.proposals.connect(f.eve).acceptOffer(id);
      expect((await f.lm.licenseOf(1)).start).to.equal(now + 30 * DAY);
    });

    it("reverts a Member-class offer for a non-member, a closed or unpublished offer, a lapsed asset", async function () {
      const f = await loadFixture(fixture);
      const member = await publish(f, { priceClass: PriceClass.Member });
      await expect(f.proposals.connect(f.outsider).acceptOffer(member)).to.be.revertedWithCustomError(
        f.membership,
        "MembershipUnexpectedStatus",
      );
      await f.proposals.connect(f.eve).acceptOffer(member);
      const now = await time.latest();
      const short = await publish(f, { end: now + 10 * DAY });
      await time.increaseTo(now + 10 * DAY);
      await expect(f.proposals.connect(f.eve).acceptOffer(short))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsOfferClosed")
        .withArgs(short);
      await f.proposals.connect(f.alice).proposeOffer(1, terms(await time.latest()));
      await expect(f.proposals.connect(f.eve).acceptOffer(short + 1n))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsUnexpectedStatus")
        .withArgs(short + 1n, ProposalStatus.Pending, ProposalStatus.Published);
      const open = await publish(f);
      await setStatus(f, 1n, AssetStatus.Abandoned);
      await expect(f.proposals.connect(f.eve).acceptOffer(open))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsAssetNotLicensable")
        .withArgs(1, AssetStatus.Abandoned);
    });
  });

  describe("executeLicense", function () {
    async function approved(f: F, o: Partial<LicenseTermsStruct> = {}) {
      await f.proposals.connect(f.eve).proposeLicense(1, LICENSE_AGREEMENT, terms(await time.latest(), o));
      const id = await f.proposals.proposalCount();
      await f.proposals.connect(f.alice).approve(id);
      await f.proposals.connect(f.bob).approve(id);
      return id;
    }

    it("grants the approved licence to the licensee under its agreement, paying the fee (F5)", async function () {
      const f = await loadFixture(fixture);
      const id = await approved(f, { upfrontFee: 200n });
      await expect(f.proposals.connect(f.eve).executeLicense(id))
        .to.emit(f.proposals, "ProposalStatusChanged")
        .withArgs(id, ProposalStatus.Executed);
      expect(await f.lm.licenseSummary(1)).to.deep.equal([
        BigInt(LicenseStatus.Active),
        f.eve.address,
        1n,
        BigInt(LICENSE_AGREEMENT),
      ]);
      expect(await f.treasury.royaltyPool(1)).to.equal(190n);
    });

    it("reverts for anyone but the licensee, an unapproved proposal, a terminated agreement or an ended term", async function () {
      const f = await loadFixture(fixture);
      const id = await approved(f);
      await expect(f.proposals.connect(f.alice).executeLicense(id))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsUnauthorized")
        .withArgs(f.alice.address);
      await f.proposals.connect(f.eve).proposeLicense(1, LICENSE_AGREEMENT, terms(await time.latest()));
      await expect(f.proposals.connect(f.eve).executeLicense(id + 1n))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsUnexpectedStatus")
        .withArgs(id + 1n, ProposalStatus.Pending, ProposalStatus.Approved);
      await f.charter.setStatus(LICENSE_AGREEMENT, AgreementStatus.Terminated);
      await expect(f.proposals.connect(f.eve).executeLicense(id))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsInvalidAgreement")
        .withArgs(LICENSE_AGREEMENT, f.eve.address);
      await f.charter.setStatus(LICENSE_AGREEMENT, AgreementStatus.Effective);
      await time.increase(800 * DAY);
      await expect(f.proposals.connect(f.eve).executeLicense(id))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsInvalidTerms")
        .withArgs("end");
    });
  });

  describe("grantLicense", function () {
    it("reverts for anyone without the LICENSING_MODULE role", async function () {
      const f = await loadFixture(fixture);
      await expect(
        f.lm.connect(f.stranger).grantLicense(1, f.stranger.address, 0, 0, terms(await time.latest()), 0),
      )
        .to.be.revertedWithCustomError(f.lm, "AccessManagedUnauthorized")
        .withArgs(f.stranger.address);
    });

    it("conflict matrix: every existing kind x new kind x overlap case", async function () {
      const f = await loadFixture(fixture);
      await f.manager.grantRole(ROLE.LICENSING_MODULE, f.stranger.address, 0);
      const g = f.lm.connect(f.stranger);
      const T = (await time.latest()) + 10 * DAY;
      const D = DAY;
      // [name, new start, new end, field offset, territory offset, overlaps]
      const cases: [string, number, number, number, number, boolean][] = [
        ["ends where it starts", T - 50 * D, T, 0, 0, false],
        ["starts where it ends", T + 100 * D, T + 150 * D, 0, 0, false],
        ["overlaps its start", T - 50 * D, T + 1, 0, 0, true],
        ["overlaps its end", T + 100 * D - 1, T + 200 * D, 0, 0, true],
        ["inside it", T + 10 * D, T + 20 * D, 0, 0, true],
        ["around it", T - 1, T + 100 * D + 1, 0, 0, true],
        ["identical", T, T + 100 * D, 0, 0, true],
        ["other field", T, T + 100 * D, 1, 0, false],
        ["other territory", T, T + 100 * D, 0, 1, false],
      ];
      const kinds = [LicenseKind.Exclusive, LicenseKind.Sole, LicenseKind.NonExclusive];
      let field = 100;
      for (const existing of kinds) {
        for (const added of kinds) {
          for (const [name, s, e, df, dt, overlaps] of cases) {
            field += 10;
            await g.grantLicense(
              1,
              f.eve.address,
              0,
              0,
              terms(T, { kind: existing, fieldId: field, start: T, end: T + 100 * D }),
              T,
            );
            const first = await f.lm.licenseCount();
            const t = terms(T, { kind: added, fieldId: field + df, territoryId: 86 + dt, start: s, end: e });
            const conflict =
              overlaps && (existing !== LicenseKind.NonExclusive || added !== LicenseKind.NonExclusive);
            const call = g.grantLicense(1, f.outsider.address, 0, 0, t, s);
            if (conflict) {
              await expect(call, `${existing} vs ${added}: ${name}`)
                .to.be.revertedWithCustomError(f.lm, "LicenseManagerConflict")
                .withArgs(first);
            } else {
              await expect(call, `${existing} vs ${added}: ${name}`).to.emit(f.lm, "LicenseGranted");
            }
          }
        }
      }
    });

    it("B8 caps live entries per asset x field x territory key at 100, each a licence approved on its own; expiry frees one", async function () {
      const f = await loadFixture(fixture);
      await f.manager.grantRole(ROLE.LICENSING_MODULE, f.stranger.address, 0);
      const now = await time.latest();
      const t = terms(now, { end: now + 30 * DAY });
      // Negotiated licences (each under its own agreement): one entry each.
      for (let i = 1; i <= 100; i++)
        await f.lm.connect(f.stranger).grantLicense(1, f.eve.address, i, 100 + i, t, now + 1);
      const key = ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["uint256", "uint32", "uint32"], [1, 1, 86]),
      );
      await expect(f.lm.connect(f.stranger).grantLicense(1, f.eve.address, 101, 201, t, now + 1))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerKeyFull")
        .withArgs(key, 100);
      // Another key is not affected.
      await f.lm
        .connect(f.stranger)
        .grantLicense(1, f.eve.address, 101, 201, terms(now, { fieldId: 2 }), now + 1);
      await time.increaseTo(now + 30 * DAY);
      await f.lm.expireLicense(7);
      expect((await f.lm.licensesOfKey(1, 1, 86)).length).to.equal(99);
      expect(await f.lm.keyEntryOf(7)).to.deep.equal([BigInt(now + 1), BigInt(now + 30 * DAY), 2n, 0n]);
      const later = terms(now + 30 * DAY, { end: now + 60 * DAY });
      await f.lm.connect(f.stranger).grantLicense(1, f.eve.address, 102, 202, later, now + 30 * DAY + 5);
    });
  });

  describe("payRoyalty", function () {
    it("takes max(rate x revenue, minimum) for an ended period: levy to the fund, the rest accrues", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve, { royaltyBps: 300, minRoyalty: 5_000n });
      const l = await f.lm.licenseOf(id);
      await time.increaseTo(l.start + BigInt(PERIOD));
      // 3% of 1,000,000 = 30,000 > minimum.
      await expect(f.lm.connect(f.eve).payRoyalty(id, 1_000_000n, 30_000n))
        .to.emit(f.lm, "RoyaltyPaid")
        .withArgs(id, 0, 1_000_000n, 30_000n, 30_000n, 1_500n);
      expect(await f.treasury.royaltyPool(1)).to.equal(28_500n);
      expect(await f.lm.accumulatedOf(1)).to.equal(28_500n);
      expect(await f.lm.claimable(1, f.alice.address)).to.equal(14_250n);
      expect(await f.lm.claimable(1, f.bob.address)).to.equal(8_550n);
      expect(await f.lm.claimable(1, f.carol.address)).to.equal(5_700n);
      // Low revenue: the minimum applies; paying less reverts.
      await time.increaseTo(l.start + BigInt(2 * PERIOD));
      await expect(f.lm.connect(f.eve).payRoyalty(id, 1_000n, 4_999n))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerRoyaltyBelowDue")
        .withArgs(id, 4_999n, 5_000n);
      await f.lm.connect(f.eve).payRoyalty(id, 1_000n, 5_000n);
      const [index, start] = await f.lm.nextPeriodOf(id);
      expect(index).to.equal(2);
      expect(start).to.equal(l.start + BigInt(2 * PERIOD));
    });

    it("reverts before the period ends (A5: end - 1 s) and accepts it at the end", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve);
      const end = (await f.lm.licenseOf(id)).start + BigInt(PERIOD);
      await time.setNextBlockTimestamp(end - 1n);
      await expect(f.lm.connect(f.eve).payRoyalty(id, 0, 0))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerPeriodNotEnded")
        .withArgs(id, end);
      await time.setNextBlockTimestamp(end);
      await f.lm.connect(f.eve).payRoyalty(id, 0, 0);
    });

    it("reverts for anyone but the licensee, an unknown licence, no running royalty, no period left", async function () {
      const f = await loadFixture(fixture);
      const now = await time.latest();
      const id = await license(f, f.eve, { end: now + 100 * DAY });
      await expect(f.lm.connect(f.alice).payRoyalty(id, 0, 0))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNotLicensee")
        .withArgs(id, f.alice.address);
      await expect(f.lm.connect(f.alice).payRoyalty(99, 0, 0))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerUnknownLicense")
        .withArgs(99);
      const flat = await license(f, f.outsider, { periodLength: 0, royaltyBps: 0, fieldId: 2 });
      await expect(f.lm.connect(f.outsider).payRoyalty(flat, 0, 0))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNoRunningRoyalty")
        .withArgs(flat);
      // 100 days = one 90-day period and a last one cut at the end.
      await time.increaseTo(now + 100 * DAY);
      await f.lm.connect(f.eve).payRoyalty(id, 0, 0);
      const [, , e] = await f.lm.nextPeriodOf(id);
      expect(e).to.equal(now + 100 * DAY);
      await f.lm.connect(f.eve).payRoyalty(id, 0, 0);
      await expect(f.lm.connect(f.eve).payRoyalty(id, 0, 0))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNoPeriodDue")
        .withArgs(id);
    });

    it("costs the same gas for 2 and 50 co-owners (accumulator)", async function () {
      const f = await loadFixture(fixture);
      const gas: bigint[] = [];
      for (const n of [2, 50]) {
        await f.projects.setProject(
          n,
          ProjectStatus.Active,
          [f.alice.address, ...addresses(n - 1, n)],
          equalShares(n),
          0,
        );
        await f.ip.connect(f.alice).registerForeground(n, input(`asset ${n}`));
        const asset = await f.ip.assetCount();
        await f.charter.setParams(charterParams({ approvalShareBps: 1 }));
        const now = await time.latest();
        await f.proposals.connect(f.alice).proposeOffer(asset, terms(now));
        const id = await f.proposals.proposalCount();
        await f.proposals.connect(f.eve).acceptOffer(id);
        const lic = await f.lm.licenseCount();
        await time.increase(PERIOD);
        await f.lm.connect(f.eve).payRoyalty(lic, 10n ** 9n, 3n * 10n ** 7n); // warm the pool
        await time.increase(PERIOD);
        const r = await (await f.lm.connect(f.eve).payRoyalty(lic, 10n ** 9n, 3n * 10n ** 7n)).wait();
        gas.push(r!.gasUsed);
      }
      expect(gas[0]).to.equal(gas[1]);
    });
  });

  describe("royalty rounding (M4, I4)", function () {
    it("1 wei and 10^k - 1: paid + claimable + dust == received, dust <= owners - 1", async function () {
      const f = await loadFixture(fixture);
      await f.charter.setParams(charterParams({ levyBps: 0 }));
      const id = await license(f, f.eve, {
        royaltyBps: 0,
        minRoyalty: 0n,
        periodLength: DAY,
        end: (await time.latest()) + 400 * DAY,
      });
      const amounts = [1n, 1n, 9n, 99n, 999n, 9_999n, 99_999n, 999_999n, 10n ** 14n - 1n];
      let received = 0n;
      let claimed = 0n;
      for (const a of amounts) {
        await time.increase(DAY);
        await f.lm.connect(f.eve).payRoyalty(id, 0, a);
        received += a;
        expect(await f.lm.accumulatedOf(1)).to.equal(received);
        const dust = await checkI4(f.lm, f.ip, 1n);
        // The dust stays in the asset's pool: pool == everything not yet claimed.
        expect(await f.treasury.royaltyPool(1)).to.equal(received - claimed);
        expect(dust <= 2n).to.equal(true);
        if (a === 99n) {
          claimed += await f.lm.claimable(1, f.bob.address);
          await f.lm.connect(f.bob).claim(1);
        }
      }
    });

    it("carries the dust into the next payment (documented rule)", async function () {
      const f = await loadFixture(fixture);
      await f.charter.setParams(charterParams({ levyBps: 0 }));
      await f.ip
        .connect(f.alice)
        .registerBackground(input("halves"), [f.alice.address, f.bob.address], [5000, 5000]);
      const id = await license(f, f.eve, { royaltyBps: 0, periodLength: DAY }, 3n);
      await time.increase(DAY);
      await f.lm.connect(f.eve).payRoyalty(id, 0, 1n);
      expect(await f.lm.claimable(3, f.alice.address)).to.equal(0n);
      expect(await checkI4(f.lm, f.ip, 3n)).to.equal(1n);
      await time.increase(DAY);
      await f.lm.connect(f.eve).payRoyalty(id, 0, 1n);
      expect(await f.lm.claimable(3, f.alice.address)).to.equal(1n);
      expect(await f.lm.claimable(3, f.bob.address)).to.equal(1n);
      expect(await checkI4(f.lm, f.ip, 3n)).to.equal(0n);
    });

    it("with a 1-decimal token and 7 co-owners, every claim paid out, the pool holds exactly the dust", async function () {
      const [admin, council, disputes, alice, ...rest] = await ethers.getSigners();
      const f = await deploySuite(admin, council, disputes, { decimals: 1, params: { levyBps: 333 } });
      const owners = [alice, ...rest.slice(0, 6)];
      await setMembers(
        f.membership,
        owners.map((o) => o.address),
      );
      await f.ip.connect(alice).registerBackground(
        input("one decimal"),
        owners.map((o) => o.address),
        [1429, 1429, 1429, 1429, 1428, 1428, 1428],
      );
      await f.charter.setParams(charterParams({ levyBps: 333, approvalShareBps: 1000 }));
      const payer = rest[10];
      await f.token.mint(payer.address, 10n ** 6n);
      await f.token.connect(payer).approve(await f.treasury.getAddress(), ethers.MaxUint256);
      await f.proposals
        .connect(alice)
        .proposeOffer(1, terms(await time.latest(), { periodLength: DAY, royaltyBps: 0 }));
      await f.proposals.connect(payer).acceptOffer(1);
      let received = 0n;
      for (const a of [1n, 9n, 99n, 7n, 12_345n]) {
        await time.increase(DAY);
        const levy = (a * 333n) / BPS;
        await f.lm.connect(payer).payRoyalty(1, 0, a);
        received += a - levy;
        await checkI4(f.lm, f.ip, 1n);
      }
      for (const o of owners) if ((await f.lm.claimable(1, o.address)) > 0n) await f.lm.connect(o).claim(1);
      const dust = await checkI4(f.lm, f.ip, 1n);
      expect(await f.treasury.royaltyPool(1)).to.equal(dust);
      expect(await f.lm.accumulatedOf(1)).to.equal(received);
    });
  });

  describe("claim", function () {
    it("pays the caller its income through Treasury and only once", async function () {
      const f = await loadFixture(fixture);
      await license(f, f.eve, { upfrontFee: 10_000n });
      const before = await f.token.balanceOf(f.carol.address);
      await expect(f.lm.connect(f.carol).claim(1))
        .to.emit(f.lm, "IncomeClaimed")
        .withArgs(1, f.carol.address, 1_900n);
      expect((await f.token.balanceOf(f.carol.address)) - before).to.equal(1_900n);
      await expect(f.lm.connect(f.carol).claim(1))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNothingToClaim")
        .withArgs(1, f.carol.address);
      const s = await f.lm.incomeOf(1, f.carol.address);
      expect([s.accrued, s.directed, s.claimed, s.claimable]).to.deep.equal([1_900n, 0n, 1_900n, 0n]);
    });

    it("M9: holds a suspended member's income and pays it all once reinstated", async function () {
      const f = await loadFixture(fixture);
      await license(f, f.eve, { upfrontFee: 10_000n });
      await f.membership.setMember(f.bob.address, MemberKind.Enterprise, MemberStatus.Suspended);
      await expect(f.lm.connect(f.bob).claim(1))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerIncomeHeld")
        .withArgs(f.bob.address);
      await f.lm.connect(f.alice).claim(1);
      expect(await f.lm.claimable(1, f.bob.address)).to.equal(2_850n);
      await f.membership.setMember(f.bob.address, MemberKind.Enterprise, MemberStatus.Active);
      await expect(f.lm.connect(f.bob).claim(1))
        .to.emit(f.lm, "IncomeClaimed")
        .withArgs(1, f.bob.address, 2_850n);
    });

    it("M1: a blacklisted co-owner cannot block the others; its income waits for it", async function () {
      const [admin, council, disputes, alice, bob, carol, eve] = await ethers.getSigners();
      const token = await ethers.deployContract("TreasuryBlacklistToken");
      const f = await deploySuite(admin, council, disputes, { token: await token.getAddress() });
      await setMembers(f.membership, [alice.address, bob.address, carol.address, eve.address]);
      await f.ip
        .connect(alice)
        .registerBackground(input("m1"), [alice.address, bob.address, carol.address], [5000, 3000, 2000]);
      await token.mint(eve.address, 10n ** 9n);
      await token.connect(eve).approve(await f.treasury.getAddress(), ethers.MaxUint256);
      await f.proposals.connect(alice).proposeOffer(1, terms(await time.latest(), { upfrontFee: 100_000n }));
      await f.proposals.connect(bob).approve(1);
      await f.proposals.connect(eve).acceptOffer(1);
      await token.setBlacklisted(bob.address, true);
      await expect(f.lm.connect(bob).claim(1)).to.be.revertedWithCustomError(
        token,
        "TreasuryBlacklistTokenBlocked",
      );
      await f.lm.connect(alice).claim(1);
      await f.lm.connect(carol).claim(1);
      expect(await token.balanceOf(carol.address)).to.equal(19_000n);
      expect(await f.lm.claimable(1, bob.address)).to.equal(28_500n);
      await token.setBlacklisted(bob.address, false);
      await f.lm.connect(bob).claim(1);
      expect(await token.balanceOf(bob.address)).to.equal(28_500n);
    });

    it("M2: a reentrant hook token gets nothing extra from claim", async function () {
      const [admin, council, disputes, alice, eve] = await ethers.getSigners();
      const token = await ethers.deployContract("LicenseManagerReentrantToken");
      const f = await deploySuite(admin, council, disputes, { token: await token.getAddress() });
      const evil = await token.getAddress();
      await setMembers(f.membership, [alice.address, evil, eve.address]);
      await f.ip.connect(alice).registerBackground(input("m2"), [alice.address, evil], [5000, 5000]);
      await token.mint(eve.address, 10n ** 9n);
      await token.connect(eve).approve(await f.treasury.getAddress(), ethers.MaxUint256);
      await f.charter.setParams(charterParams({ approvalShareBps: 5000 }));
      await f.proposals.connect(alice).proposeOffer(1, terms(await time.latest(), { upfrontFee: 100_000n }));
      await f.proposals.connect(eve).acceptOffer(1);
      const claimData = f.lm.interface.encodeFunctionData("claim", [1]);
      await token.arm(await f.lm.getAddress(), claimData);
      await token.callAs(await f.lm.getAddress(), claimData);
      expect(await token.reentryAttempts()).to.equal(1n);
      expect(await token.reentrySuccesses()).to.equal(0n);
      expect(await token.balanceOf(evil)).to.equal(47_500n);
      expect(await f.lm.claimable(1, alice.address)).to.equal(47_500n);
      expect(await f.treasury.royaltyPool(1)).to.equal(47_500n);
    });
  });

  describe("claim gas layout: cached share, one-word book (I5)", function () {
    it("M6 with cached shares: owners who claimed before a sale earn at their new shares after it (I4, I5)", async function () {
      const f = await loadFixture(fixture);
      await license(f, f.eve, { upfrontFee: 100_000n });
      // alice and bob claim first: their shares (5000, 3000) are now cached in their books.
      await f.lm.connect(f.alice).claim(1);
      await f.lm.connect(f.bob).claim(1);
      await f.ip.connect(f.alice).offerShares(1, 1000, f.dave.address, 1);
      await time.increase(7 * DAY);
      await f.ip.connect(f.dave).completeShareSale(await f.ip.saleCount());
      await license(f, f.outsider, { upfrontFee: 10_000n, fieldId: 5 });
      // 9,500 net: alice 40% 3,800, bob 30% 2,850, carol 20% (never claimed) 19,000 + 1,900, dave 10% 950.
      await expect(f.lm.connect(f.alice).claim(1))
        .to.emit(f.lm, "IncomeClaimed")
        .withArgs(1, f.alice.address, 3_800n);
      await expect(f.lm.connect(f.bob).claim(1))
        .to.emit(f.lm, "IncomeClaimed")
        .withArgs(1, f.bob.address, 2_850n);
      await expect(f.lm.connect(f.dave).claim(1))
        .to.emit(f.lm, "IncomeClaimed")
        .withArgs(1, f.dave.address, 950n);
      expect(await f.lm.claimable(1, f.carol.address)).to.equal(20_900n);
      const s = await f.lm.incomeOf(1, f.alice.address);
      expect([s.accrued, s.directed, s.claimed, s.claimable]).to.deep.equal([51_300n, 0n, 51_300n, 0n]);
      await checkI4(f.lm, f.ip, 1n, [f.dave.address]);
    });

    it("emits IncomeClaimed alone for an owner without a split, and IncomeSettled too when a claim credits beneficiaries", async function () {
      const f = await loadFixture(fixture);
      await license(f, f.eve, { upfrontFee: 100_000n });
      await expect(f.lm.connect(f.carol).claim(1))
        .to.emit(f.lm, "IncomeClaimed")
        .withArgs(1, f.carol.address, 19_000n)
        .and.not.to.emit(f.lm, "IncomeSettled");
      const staff = [f.staff1.address, f.staff2.address, f.staff3.address];
      await f.lm.connect(f.alice).setIncomeSplit(1, staff, [1600, 1600, 800]);
      await license(f, f.outsider, { upfrontFee: 10_000n, fieldId: 5 });
      // alice's 4,750 of the new 9,500: 1,900 to staff, 2,850 kept, plus the 47,500 settled before.
      await expect(f.lm.connect(f.alice).claim(1))
        .to.emit(f.lm, "IncomeSettled")
        .withArgs(1, f.alice.address, 2_850n, 1_900n)
        .and.to.emit(f.lm, "IncomeClaimed")
        .withArgs(1, f.alice.address, 50_350n);
      expect(await f.lm.claimable(1, f.staff1.address)).to.equal(760n);
      const s = await f.lm.incomeOf(1, f.alice.address);
      expect([s.accrued, s.directed, s.claimed, s.claimable]).to.deep.equal([50_350n, 1_900n, 50_350n, 0n]);
      // Clearing the split: the next claim credits nobody else and emits IncomeClaimed alone.
      await f.lm.connect(f.alice).setIncomeSplit(1, [], []);
      await license(f, f.outsider, { upfrontFee: 10_000n, fieldId: 6 });
      await expect(f.lm.connect(f.alice).claim(1))
        .to.emit(f.lm, "IncomeClaimed")
        .withArgs(1, f.alice.address, 4_750n)
        .and.not.to.emit(f.lm, "IncomeSettled");
      await checkI4(f.lm, f.ip, 1n, staff);
    });

    it("caps an asset's lifetime net income at 2^104 - 1 wei: the payment that would pass it reverts and moves nothing", async function () {
      const f = await loadFixture(fixture);
      const big = 2n ** 104n;
      await f.token.mint(f.eve.address, 2n * big);
      const id = await license(f, f.eve, { periodLength: PERIOD, royaltyBps: 0 });
      await time.increase(PERIOD);
      // 95% of 2^104 reaches the owners: under the cap.
      await f.lm.connect(f.eve).payRoyalty(id, 0, big);
      const acc = await f.lm.accumulatedOf(1);
      expect(acc).to.equal(big - (big * 500n) / BPS);
      await time.increase(PERIOD);
      const [liabilities, balance] = [
        await f.treasury.totalLiabilities(),
        await f.token.balanceOf(f.eve.address),
      ];
      const next = big / 2n;
      await expect(f.lm.connect(f.eve).payRoyalty(id, 0, next))
        .to.be.revertedWithCustomError(f.lm, "SafeCastOverflowedUintDowncast")
        .withArgs(104, acc + next - (next * 500n) / BPS);
      expect(await f.treasury.totalLiabilities()).to.equal(liabilities);
      expect(await f.token.balanceOf(f.eve.address)).to.equal(balance);
      expect(await f.lm.accumulatedOf(1)).to.equal(acc);
      // Below the cap the owners still claim exactly their shares.
      await f.lm.connect(f.alice).claim(1);
      await checkI4(f.lm, f.ip, 1n);
    });

    it("caches a share only while it is the registry's share hook, and then relies on the hook for every change", async function () {
      const [admin, granter, alice, eve] = await ethers.getSigners();
      const manager = await ethers.deployContract("AccessManager", [admin.address]);
      const token = await ethers.deployContract("TestToken", ["Alliance USD", "AUSD", 6]);
      const membership = await ethers.deployContract("MockMembership");
      const charter = await ethers.deployContract("MockCharter", [charterParams()]);
      const breach = await ethers.deployContract("MockBreachRecorder");
      const registry = await ethers.deployContract("LicenseManagerShareRegistry");
      const m = await manager.getAddress();
      const treasury = await ethers.deployContract("Treasury", [m, await token.getAddress()]);
      const lm = await ethers.deployContract("LicenseManager", [
        m,
        await membership.getAddress(),
        await charter.getAddress(),
        await registry.getAddress(),
        await treasury.getAddress(),
        await breach.getAddress(),
      ]);
      await mapRoyaltyRoles(manager, treasury, lm);
      await manager.grantRole(ROLE.LICENSING_MODULE, await lm.getAddress(), 0);
      await manager.grantRole(ROLE.LICENSING_MODULE, granter.address, 0);
      await token.mint(eve.address, 10n ** 12n);
      await token.connect(eve).approve(await treasury.getAddress(), ethers.MaxUint256);
      let field = 0;
      // Each grant brings 10,000 upfront, 9,500 net of the 5% levy, to asset 1.
      const grant = async () => {
        const now = await time.latest();
        await lm
          .connect(granter)
          .grantLicense(1, eve.address, 0, 0, terms(now, { upfrontFee: 10_000n, fieldId: ++field }), now);
      };
      await registry.setShare(1, alice.address, 5000);
      await grant();
      expect(await lm.connect(alice).claim.staticCall(1)).to.equal(4_750n);
      await lm.connect(alice).claim(1);
      // Not the hook: a change the LicenseManager is not told of is read from the registry.
      await registry.setShare(1, alice.address, 6000);
      await grant();
      // 6000 x 19,000 / 10000 - 4,750 settled before.
      await expect(lm.connect(alice).claim(1))
        .to.emit(lm, "IncomeClaimed")
        .withArgs(1, alice.address, 6_650n);
      // The hook: the share (6000) is cached on the next claim...
      await registry.setShareHook(await lm.getAddress());
      await grant();
      await expect(lm.connect(alice).claim(1))
        .to.emit(lm, "IncomeClaimed")
        .withArgs(1, alice.address, 5_700n);
      // ...and a change that bypassed the hook is not seen: the real IPRegistry moves shares only
      // through `_settleSale`, which always calls the hook (`onSharesMoved` rewrites the cache).
      await registry.setShare(1, alice.address, 1000);
      await grant();
      await expect(lm.connect(alice).claim(1))
        .to.emit(lm, "IncomeClaimed")
        .withArgs(1, alice.address, 5_700n);
      expect(await lm.claimable(1, alice.address)).to.equal(0n);
    });
  });

  describe("share sales and income (M6)", function () {
    it("keeps income accrued before a sale with the seller; the buyer earns only from then on", async function () {
      const f = await loadFixture(fixture);
      await license(f, f.eve, { upfrontFee: 100_000n });
      await f.ip.connect(f.bob).offerShares(1, 3000, f.dave.address, 1);
      await time.increase(7 * DAY);
      await f.ip.connect(f.dave).completeShareSale(1);
      await checkI1(f.ip, 1n);
      expect(await f.lm.claimable(1, f.dave.address)).to.equal(0n);
      expect(await f.lm.claimable(1, f.bob.address)).to.equal(28_500n);
      await expect(f.lm.connect(f.dave).claim(1))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNothingToClaim")
        .withArgs(1, f.dave.address);
      await license(f, f.outsider, { upfrontFee: 10_000n, fieldId: 5 });
      expect(await f.lm.claimable(1, f.dave.address)).to.equal(2_850n);
      expect(await f.lm.claimable(1, f.bob.address)).to.equal(28_500n);
      await f.lm.connect(f.bob).claim(1);
      await checkI4(f.lm, f.ip, 1n, [f.bob.address], 1);
    });

    it("settles both sides when a co-owner buys more through its right of first refusal", async function () {
      const f = await loadFixture(fixture);
      await license(f, f.eve, { upfrontFee: 100_000n });
      await f.ip.connect(f.carol).offerShares(1, 1000, f.dave.address, 0);
      await f.ip.connect(f.alice).exerciseRofr(1);
      expect(await f.lm.claimable(1, f.alice.address)).to.equal(47_500n);
      expect(await f.lm.claimable(1, f.carol.address)).to.equal(19_000n);
      await license(f, f.outsider, { upfrontFee: 10_000n, fieldId: 5 });
      expect(await f.lm.claimable(1, f.alice.address)).to.equal(47_500n + 5_700n);
      expect(await f.lm.claimable(1, f.carol.address)).to.equal(19_000n + 950n);
      await checkI4(f.lm, f.ip, 1n);
    });

    it("reverts onSharesMoved for anyone but the IPRegistry", async function () {
      const f = await loadFixture(fixture);
      await expect(f.lm.connect(f.stranger).onSharesMoved(1, f.alice.address, f.stranger.address, 1, 5000, 0))
        .to.be.revertedWithCustomError(f.lm, "AccessManagedUnauthorized")
        .withArgs(f.stranger.address);
    });
  });

  describe("setIncomeSplit and settle", function () {
    it("directs 40% of a co-owner's income to research, pilot and industrialisation staff 4:4:2, each pulling its part", async function () {
      const f = await loadFixture(fixture);
      const staff = [f.staff1.address, f.staff2.address, f.staff3.address];
      await expect(f.lm.connect(f.alice).setIncomeSplit(1, staff, [1600, 1600, 800]))
        .to.emit(f.lm, "IncomeSplitSet")
        .withArgs(1, f.alice.address, staff, [1600, 1600, 800]);
      await license(f, f.eve, { upfrontFee: 100_000n });
      // alice's 47,500: 7,600 + 7,600 + 3,800 to staff, 28,500 kept.
      expect(await f.lm.claimable(1, f.alice.address)).to.equal(28_500n);
      await expect(f.lm.connect(f.stranger).settle(1, f.alice.address))
        .to.emit(f.lm, "IncomeSettled")
        .withArgs(1, f.alice.address, 28_500n, 19_000n);
      await f.lm.connect(f.staff1).claim(1);
      await f.lm.connect(f.staff3).claim(1);
      expect(await f.token.balanceOf(f.staff1.address)).to.equal(7_600n);
      expect(await f.token.balanceOf(f.staff3.address)).to.equal(3_800n);
      expect(await f.lm.claimable(1, f.staff2.address)).to.equal(7_600n);
      const s = await f.lm.incomeOf(1, f.alice.address);
      expect([s.accrued, s.directed, s.claimed, s.claimable]).to.deep.equal([28_500n, 19_000n, 0n, 28_500n]);
      expect(await f.lm.incomeSplitOf(1, f.alice.address)).to.deep.equal([staff, [1600n, 1600n, 800n]]);
      await checkI4(f.lm, f.ip, 1n, staff);
      // A new split applies from now on only.
      await f.lm.connect(f.alice).setIncomeSplit(1, [], []);
      await license(f, f.outsider, { upfrontFee: 10_000n, fieldId: 9 });
      expect(await f.lm.claimable(1, f.alice.address)).to.equal(28_500n + 4_750n);
      expect(await f.lm.claimable(1, f.staff2.address)).to.equal(7_600n);
    });

    it("reverts for a non-co-owner and for invalid splits", async function () {
      const f = await loadFixture(fixture);
      const s = (b: string[], bps: number[]) => f.lm.connect(f.alice).setIncomeSplit(1, b, bps);
      await expect(f.lm.connect(f.dave).setIncomeSplit(1, [], []))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNotCoOwner")
        .withArgs(1, f.dave.address);
      const x = f.staff1.address;
      const cases: [string[], number[], string][] = [
        [[x], [1, 2], "length"],
        [addresses(9), Array(9).fill(1), "count"],
        [[ethers.ZeroAddress], [1], "zero address"],
        [[f.alice.address], [1], "self"],
        [[x], [0], "zero bps"],
        [[x, x], [1, 1], "duplicate"],
        [[x, f.staff2.address], [5000, 5001], "sum"],
      ];
      for (const [b, bps, reason] of cases) {
        await expect(s(b, bps))
          .to.be.revertedWithCustomError(f.lm, "LicenseManagerInvalidSplit")
          .withArgs(reason);
      }
      await s(addresses(8), Array(8).fill(1250));
    });
  });

  describe("suspendLicense, liftSuspension, revokeLicense (M9)", function () {
    it("reverts for anyone but the disputes module", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve);
      for (const fn of ["suspendLicense", "liftSuspension", "revokeLicense"] as const) {
        await expect(f.lm.connect(f.stranger)[fn](id, 1))
          .to.be.revertedWithCustomError(f.lm, "AccessManagedUnauthorized")
          .withArgs(f.stranger.address);
      }
    });

    it("a suspended licence cannot start a new period; owed periods stay payable; lifting restores and waives the gap", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve, { minRoyalty: 1_000n });
      const start = (await f.lm.licenseOf(id)).start;
      await time.increaseTo(start + BigInt(PERIOD) + 10n);
      await expect(f.lm.connect(f.disputes).suspendLicense(id, 7))
        .to.emit(f.lm, "LicenseSuspended")
        .withArgs(id, 7);
      const suspendedAt = (await f.lm.licenseOf(id)).suspendedAt;
      // Period 0 began before the suspension: still owed and payable.
      await f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n);
      // Period 1 began before the suspension too (at start + PERIOD): payable once it ends.
      await time.increaseTo(start + BigInt(2 * PERIOD));
      await f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n);
      // Period 2 begins after the suspension: cannot start.
      await time.increaseTo(start + BigInt(3 * PERIOD));
      await expect(f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerLicenseSuspended")
        .withArgs(id, suspendedAt);
      expect((await f.lm.nextPeriodOf(id)).payableNow).to.equal(false);
      await expect(f.lm.connect(f.disputes).liftSuspension(id, 7))
        .to.emit(f.lm, "SuspensionLifted")
        .withArgs(id, 7);
      const lifted = BigInt(await time.latest());
      expect(await f.lm.pauseOf(id, 0)).to.deep.equal([suspendedAt, lifted]);
      expect((await f.lm.licenseOf(id)).status).to.equal(LicenseStatus.Active);
      // The periods that began while suspended are waived: the next one starts at the lift.
      const next = await f.lm.nextPeriodOf(id);
      expect(next.start).to.equal(lifted);
      await time.setNextBlockTimestamp(lifted + BigInt(PERIOD) - 1n);
      await expect(f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerPeriodNotEnded")
        .withArgs(id, lifted + BigInt(PERIOD));
      await f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n);
      expect((await f.lm.nextPeriodOf(id)).index).to.equal(3);
    });

    it("reverts lifting a licence that is not suspended by a ruling, and suspending one that is revoked", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve);
      await expect(f.lm.connect(f.disputes).liftSuspension(id, 1))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNotSuspendedByRuling")
        .withArgs(id, 1);
      await f.lm.connect(f.disputes).revokeLicense(id, 1);
      await expect(f.lm.connect(f.disputes).suspendLicense(id, 1))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerUnexpectedStatus")
        .withArgs(id, LicenseStatus.Revoked, (1 << LicenseStatus.Active) | (1 << LicenseStatus.Suspended));
      await expect(f.lm.connect(f.disputes).suspendLicense(99, 1))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerUnknownLicense")
        .withArgs(99);
    });

    it("revocation cuts the licence at the revocation, frees its slot, keeps earlier periods owed", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve, { kind: LicenseKind.Exclusive, minRoyalty: 1_000n });
      const start = (await f.lm.licenseOf(id)).start;
      await time.increaseTo(start + BigInt(PERIOD / 2));
      await expect(f.lm.connect(f.disputes).revokeLicense(id, 3))
        .to.emit(f.lm, "LicenseRevoked")
        .withArgs(id, 3);
      const l = await f.lm.licenseOf(id);
      expect(l.status).to.equal(LicenseStatus.Revoked);
      expect(l.end).to.equal(BigInt(await time.latest()));
      expect((await f.lm.licensesOfKey(1, 1, 86)).length).to.equal(0);
      // The half period before revocation is still owed.
      await f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n);
      await expect(f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNoPeriodDue")
        .withArgs(id);
      // The field is free for a new exclusive licence.
      await license(f, f.outsider, { kind: LicenseKind.Exclusive });
    });
  });

  describe("recordRoyaltyDefault", function () {
    it("anyone records an unpaid period after the grace period (A5: at deadline reverts, +1 s records); the licence is suspended", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve, { minRoyalty: 1_000n });
      const start = (await f.lm.licenseOf(id)).start;
      const deadline = start + BigInt(PERIOD + 30 * DAY);
      await time.setNextBlockTimestamp(deadline);
      await expect(f.lm.connect(f.stranger).recordRoyaltyDefault(id))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNotOverdue")
        .withArgs(id, deadline);
      await time.setNextBlockTimestamp(deadline + 1n);
      const tx = f.lm.connect(f.stranger).recordRoyaltyDefault(id);
      await expect(tx)
        .to.emit(f.breach, "DefaultRecorded")
        .withArgs(1, 1, f.eve.address, 0, ethers.encodeBytes32String("6.4"), id, 0, 1_000n, 0);
      await expect(tx).to.emit(f.lm, "RoyaltyDefaultRecorded").withArgs(id, 0, 1, 1_000n);
      await expect(tx).to.emit(f.lm, "LicenseSuspended").withArgs(id, 0);
      expect((await f.lm.licenseOf(id)).status).to.equal(LicenseStatus.Suspended);
      await expect(f.lm.connect(f.stranger).recordRoyaltyDefault(id))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerDefaultAlreadyRecorded")
        .withArgs(id, 0);
      // Ruling-only lift is refused: this suspension is for non-payment.
      await expect(f.lm.connect(f.disputes).liftSuspension(id, 1))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNotSuspendedByRuling")
        .withArgs(id, 1);
      // Paying every period that began before the suspension lifts it (money due held, not lost).
      await f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n);
      expect((await f.lm.licenseOf(id)).status).to.equal(LicenseStatus.Suspended);
      await time.increaseTo(start + BigInt(2 * PERIOD));
      await expect(f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n))
        .to.emit(f.lm, "SuspensionLifted")
        .withArgs(id, 0);
      const l = await f.lm.licenseOf(id);
      expect(l.status).to.equal(LicenseStatus.Active);
      expect(l.periodStart).to.equal(BigInt(await time.latest()));
      expect(await f.lm.claimable(1, f.alice.address)).to.equal(950n);
    });

    it("stays suspended when a ruling suspension is lifted while royalties are unpaid", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve, { minRoyalty: 1_000n });
      await f.lm.connect(f.disputes).suspendLicense(id, 4);
      await time.increase(PERIOD + 31 * DAY);
      await f.lm.recordRoyaltyDefault(id);
      await f.lm.connect(f.disputes).liftSuspension(id, 4);
      expect((await f.lm.licenseOf(id)).status).to.equal(LicenseStatus.Suspended);
      // Period 0 began before the suspension: paying it lifts the non-payment suspension too.
      await expect(f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n))
        .to.emit(f.lm, "SuspensionLifted")
        .withArgs(id, 0);
      expect((await f.lm.licenseOf(id)).status).to.equal(LicenseStatus.Active);
    });

    it("reverts for an unknown licence or one without running royalty", async function () {
      const f = await loadFixture(fixture);
      await expect(f.lm.recordRoyaltyDefault(5)).to.be.revertedWithCustomError(
        f.lm,
        "LicenseManagerUnknownLicense",
      );
      const id = await license(f, f.eve, { periodLength: 0, royaltyBps: 0 });
      await expect(f.lm.recordRoyaltyDefault(id))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNoRunningRoyalty")
        .withArgs(id);
    });
  });

  describe("expireLicense", function () {
    it("marks a licence past its end Expired (A5: end - 1 s reverts) and frees its conflict slot", async function () {
      const f = await loadFixture(fixture);
      const now = await time.latest();
      const id = await license(f, f.eve, { kind: LicenseKind.Sole, end: now + 50 * DAY });
      await time.setNextBlockTimestamp(now + 50 * DAY - 1);
      await expect(f.lm.expireLicense(id))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNotEnded")
        .withArgs(id, now + 50 * DAY);
      await time.setNextBlockTimestamp(now + 50 * DAY);
      await expect(f.lm.expireLicense(id)).to.emit(f.lm, "LicenseExpired").withArgs(id);
      expect((await f.lm.licenseOf(id)).status).to.equal(LicenseStatus.Expired);
      expect((await f.lm.licensesOfKey(1, 1, 86)).length).to.equal(0);
      await expect(f.lm.expireLicense(id))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerUnexpectedStatus")
        .withArgs(id, LicenseStatus.Expired, (1 << LicenseStatus.Active) | (1 << LicenseStatus.Suspended));
    });
  });

  describe("proposeStatusChange and approveStatusChange (B5)", function () {
    const EVIDENCE = sha256("grant certificate CN123456");

    it("records a grant once co-owners holding the approval share approved; a granted application becomes a Patent with its number", async function () {
      const f = await loadFixture(fixture);
      const p = f.proposals;
      await expect(p.connect(f.alice).proposeStatusChange(1, AssetStatus.Granted, "CN123456B", EVIDENCE))
        .to.emit(p, "StatusChangeProposed")
        .withArgs(1, 1, f.alice.address, AssetStatus.Filed, AssetStatus.Granted, "CN123456B", EVIDENCE)
        .and.to.emit(p, "StatusChangeApproved")
        .withArgs(1, f.alice.address, 5000, 5000);
      expect((await f.ip.assetOf(1)).status).to.equal(AssetStatus.Filed);
      const tx = p.connect(f.bob).approveStatusChange(1);
      await expect(tx).to.emit(p, "StatusChangeApproved").withArgs(1, f.bob.address, 3000, 8000);
      await expect(tx).to.emit(p, "StatusChangeApplied").withArgs(1, 1);
      await expect(tx)
        .to.emit(f.ip, "AssetStatusChanged")
        .withArgs(1, AssetStatus.Filed, AssetStatus.Granted, EVIDENCE);
      const a = await f.ip.assetOf(1);
      expect(a.status).to.equal(AssetStatus.Granted);
      expect(a.kind).to.equal(AssetKind.Patent);
      // The number is text: the applied change's proposal event carries it (storage does not).
      const [proposed] = await p.queryFilter(p.filters.StatusChangeProposed(1));
      expect([proposed.args.assetId, proposed.args.to, proposed.args.externalId]).to.deep.equal([
        1n,
        BigInt(AssetStatus.Granted),
        "CN123456B",
      ]);
      const c = await p.statusChangeOf(1);
      expect([c.assetId, c.from, c.to, c.applied, c.approvedBps, c.shareVersion, c.proposer]).to.deep.equal([
        1n,
        BigInt(AssetStatus.Filed),
        BigInt(AssetStatus.Granted),
        true,
        8000n,
        0n,
        f.alice.address,
      ]);
      expect(await p.hasApprovedStatusChange(1, f.bob.address)).to.equal(true);
      expect(await p.hasApprovedStatusChange(1, f.carol.address)).to.equal(false);
      // A later change with an empty external id records none (the number stays the last one recorded).
      await setStatus(f, 1n, AssetStatus.Lapsed);
      const [later] = await p.queryFilter(p.filters.StatusChangeProposed(2));
      expect(later.args.externalId).to.equal("");
    });

    it("B5 refuses a status change by a 1 bps co-owner alone", async function () {
      const f = await loadFixture(fixture);
      await f.ip
        .connect(f.alice)
        .registerBackground(input("tiny"), [f.alice.address, f.bob.address], [9999, 1]);
      await expect(f.proposals.connect(f.bob).proposeStatusChange(3, AssetStatus.Abandoned, "", EVIDENCE))
        .to.emit(f.proposals, "StatusChangeApproved")
        .withArgs(1, f.bob.address, 1, 1)
        .and.not.to.emit(f.proposals, "StatusChangeApplied");
      expect((await f.ip.assetOf(3)).status).to.equal(AssetStatus.Filed);
      await expect(f.proposals.connect(f.bob).approveStatusChange(1))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsStatusChangeApproved")
        .withArgs(1, f.bob.address);
      // Nor can it act on the registry directly.
      await expect(
        f.ip.connect(f.bob).applyStatusChange(3, AssetStatus.Filed, AssetStatus.Abandoned, EVIDENCE),
      )
        .to.be.revertedWithCustomError(f.ip, "AccessManagedUnauthorized")
        .withArgs(f.bob.address);
      // The asset stays licensable.
      await f.proposals.connect(f.alice).proposeOffer(3, terms(await time.latest()));
    });

    it("B5 applies at exactly the charter's approval share and not one bps below", async function () {
      const f = await loadFixture(fixture);
      // approvalShareBps is 6000: alice holds 5999, bob 1, carol 4000.
      await f.ip
        .connect(f.alice)
        .registerBackground(
          input("edge"),
          [f.alice.address, f.bob.address, f.carol.address],
          [5999, 1, 4000],
        );
      await f.proposals.connect(f.alice).proposeStatusChange(3, AssetStatus.Lapsed, "", EVIDENCE);
      expect((await f.proposals.statusChangeOf(1)).approvedBps).to.equal(5999);
      expect((await f.ip.assetOf(3)).status).to.equal(AssetStatus.Filed);
      await expect(f.proposals.connect(f.bob).approveStatusChange(1))
        .to.emit(f.ip, "AssetStatusChanged")
        .withArgs(3, AssetStatus.Filed, AssetStatus.Lapsed, EVIDENCE);
      expect((await f.ip.assetOf(3)).status).to.equal(AssetStatus.Lapsed);
      await expect(f.proposals.connect(f.carol).approveStatusChange(1))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsStatusChangeApplied")
        .withArgs(1);
    });

    it("B5 corrects a wrong status the same way", async function () {
      const f = await loadFixture(fixture);
      await setStatus(f, 1n, AssetStatus.Abandoned);
      await expect(f.proposals.connect(f.alice).proposeOffer(1, terms(await time.latest())))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsAssetNotLicensable")
        .withArgs(1, AssetStatus.Abandoned);
      await setStatus(f, 1n, AssetStatus.Filed);
      await publish(f);
    });

    it("B5 voids status approvals after a share sale (approvals tied to the share version)", async function () {
      const f = await loadFixture(fixture);
      await f.proposals.connect(f.alice).proposeStatusChange(1, AssetStatus.Abandoned, "", EVIDENCE);
      await f.ip.connect(f.carol).offerShares(1, 2000, f.dave.address, 0);
      await time.increase(7 * DAY);
      await f.ip.connect(f.dave).completeShareSale(1);
      await expect(f.proposals.connect(f.bob).approveStatusChange(1))
        .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsStatusSharesChanged")
        .withArgs(1, 0, 1);
      // The buyer never approved: re-proposed at the new version, it needs the share again.
      await f.proposals.connect(f.alice).proposeStatusChange(1, AssetStatus.Abandoned, "", EVIDENCE);
      await f.proposals.connect(f.bob).approveStatusChange(2);
      expect((await f.ip.assetOf(1)).status).to.equal(AssetStatus.Abandoned);
    });

    it("B5 a status change proposed from a status the asset has left cannot apply", async function () {
      const f = await loadFixture(fixture);
      await f.proposals.connect(f.alice).proposeStatusChange(1, AssetStatus.Granted, "", EVIDENCE);
      await f.proposals.connect(f.alice).proposeStatusChange(1, AssetStatus.Abandoned, "", EVIDENCE);
      await f.proposals.connect(f.bob).approveStatusChange(1);
      await expect(f.proposals.connect(f.bob).approveStatusChange(2))
        .to.be.revertedWithCustomError(f.ip, "IPRegistryUnexpectedStatus")
        .withArgs(1, AssetStatus.Granted, 1 << AssetStatus.Filed);
      expect((await f.ip.assetOf(1)).status).to.equal(AssetStatus.Granted);
    });

    it("reverts for a non-co-owner, an unknown asset or change, a zero evidence hash, a too long id or the status it has", async function () {
      const f = await loadFixture(fixture);
      const p = f.proposals;
      await expect(p.connect(f.dave).proposeStatusChange(1, AssetStatus.Granted, "", EVIDENCE))
        .to.be.revertedWithCustomError(p, "LicenseProposalsNotCoOwner")
        .withArgs(1, f.dave.address);
      for (const id of [0, 9]) {
        await expect(p.connect(f.alice).proposeStatusChange(id, AssetStatus.Granted, "", EVIDENCE))
          .to.be.revertedWithCustomError(p, "LicenseProposalsUnknownAsset")
          .withArgs(id);
      }
      await expect(p.connect(f.alice).proposeStatusChange(1, AssetStatus.Granted, "", ethers.ZeroHash))
        .to.be.revertedWithCustomError(p, "LicenseProposalsInvalidStatusChange")
        .withArgs("evidenceHash");
      await expect(p.connect(f.alice).proposeStatusChange(1, AssetStatus.Granted, "x".repeat(65), EVIDENCE))
        .to.be.revertedWithCustomError(p, "LicenseProposalsInvalidStatusChange")
        .withArgs("externalId");
      await p.connect(f.alice).proposeStatusChange(1, AssetStatus.Granted, "x".repeat(64), EVIDENCE);
      for (const s of [AssetStatus.None, AssetStatus.Filed, AssetStatus.Contested]) {
        await expect(p.connect(f.alice).proposeStatusChange(1, s, "", EVIDENCE))
          .to.be.revertedWithCustomError(p, "LicenseProposalsStatusRefused")
          .withArgs(1, AssetStatus.Filed, s);
      }
      await expect(p.connect(f.carol).approveStatusChange(2))
        .to.be.revertedWithCustomError(p, "LicenseProposalsUnknownStatusChange")
        .withArgs(2);
      await expect(p.statusChangeOf(2))
        .to.be.revertedWithCustomError(p, "LicenseProposalsUnknownStatusChange")
        .withArgs(2);
      await expect(p.connect(f.dave).approveStatusChange(1))
        .to.be.revertedWithCustomError(p, "LicenseProposalsNotCoOwner")
        .withArgs(1, f.dave.address);
      expect(await p.statusChangeCount()).to.equal(1);
    });
  });

  describe("ruling suspensions per claim (B7)", function () {
    it("B7 a ruling suspends a licence already suspended for non-payment, and paying the arrears does not lift it", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve, { minRoyalty: 1_000n });
      await time.increase(PERIOD + 31 * DAY);
      await f.lm.recordRoyaltyDefault(id);
      const suspendedAt = (await f.lm.licenseOf(id)).suspendedAt;
      await expect(f.lm.connect(f.disputes).suspendLicense(id, 5))
        .to.emit(f.lm, "LicenseSuspended")
        .withArgs(id, 5);
      let l = await f.lm.licenseOf(id);
      expect([l.status, l.suspendedAt, l.rulingSuspensions, l.suspendedForNonPayment]).to.deep.equal([
        BigInt(LicenseStatus.Suspended),
        suspendedAt,
        1n,
        true,
      ]);
      expect(await f.lm.suspendedByClaim(id, 5)).to.equal(true);
      // Paying the arrears (the periods that began before the suspension) ends the non-payment
      // suspension only.
      await f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n);
      await time.increaseTo((await f.lm.licenseOf(id)).start + BigInt(2 * PERIOD));
      await expect(f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n))
        .to.emit(f.lm, "SuspensionLifted")
        .withArgs(id, 0);
      l = await f.lm.licenseOf(id);
      expect([l.status, l.suspendedForNonPayment, l.rulingSuspensions]).to.deep.equal([
        BigInt(LicenseStatus.Suspended),
        false,
        1n,
      ]);
      await expect(f.lm.connect(f.disputes).liftSuspension(id, 5))
        .to.emit(f.lm, "SuspensionLifted")
        .withArgs(id, 5);
      expect((await f.lm.licenseOf(id)).status).to.equal(LicenseStatus.Active);
      expect(await f.lm.pauseOf(id, 0)).to.deep.equal([suspendedAt, BigInt(await time.latest())]);
    });

    it("B7 each claim's waiver lifts only its own suspension; the licence is Active again after the last", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve, { minRoyalty: 1_000n });
      const start = (await f.lm.licenseOf(id)).start;
      await time.increaseTo(start + 10n * BigInt(DAY));
      await f.lm.connect(f.disputes).suspendLicense(id, 3);
      const suspendedAt = (await f.lm.licenseOf(id)).suspendedAt;
      await time.increase(10 * DAY);
      await f.lm.connect(f.disputes).suspendLicense(id, 4);
      expect((await f.lm.licenseOf(id)).suspendedAt).to.equal(suspendedAt);
      await f.lm.connect(f.disputes).liftSuspension(id, 3);
      expect((await f.lm.licenseOf(id)).status).to.equal(LicenseStatus.Suspended);
      await expect(f.lm.connect(f.disputes).liftSuspension(id, 3))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNotSuspendedByRuling")
        .withArgs(id, 3);
      // Periods that begin under any suspension are waived: none can start while claim 4's holds.
      await time.increaseTo(start + BigInt(2 * PERIOD));
      await f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n);
      await expect(f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerLicenseSuspended")
        .withArgs(id, suspendedAt);
      await expect(f.lm.connect(f.disputes).liftSuspension(id, 4))
        .to.emit(f.lm, "SuspensionLifted")
        .withArgs(id, 4);
      const lifted = BigInt(await time.latest());
      const l = await f.lm.licenseOf(id);
      expect([l.status, l.rulingSuspensions, l.periodStart]).to.deep.equal([
        BigInt(LicenseStatus.Active),
        0n,
        lifted,
      ]);
      expect(await f.lm.pauseOf(id, 0)).to.deep.equal([suspendedAt, lifted]);
    });

    it("B7 refuses a second suspension by the same claim and claim id 0; a lift on a revoked licence only clears the record", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve);
      await expect(f.lm.connect(f.disputes).suspendLicense(id, 0)).to.be.revertedWithCustomError(
        f.lm,
        "LicenseManagerZeroClaim",
      );
      await f.lm.connect(f.disputes).suspendLicense(id, 3);
      await expect(f.lm.connect(f.disputes).suspendLicense(id, 3))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerAlreadySuspendedByClaim")
        .withArgs(id, 3);
      await f.lm.connect(f.disputes).revokeLicense(id, 3);
      await expect(f.lm.connect(f.disputes).liftSuspension(id, 3))
        .to.emit(f.lm, "SuspensionLifted")
        .withArgs(id, 3);
      const l = await f.lm.licenseOf(id);
      expect([l.status, l.rulingSuspensions]).to.deep.equal([BigInt(LicenseStatus.Revoked), 0n]);
      expect(await f.lm.suspendedByClaim(id, 3)).to.equal(false);
    });
  });

  describe("licence capacity (B8)", function () {
    it("B8 an offer's acceptances share one entry, which leaves the key with its last live acceptance", async function () {
      const f = await loadFixture(fixture);
      const offer = await publish(f);
      for (const who of [f.eve, f.outsider, f.eve]) await f.proposals.connect(who).acceptOffer(offer);
      const [s, e, kind, live] = await f.lm.keyEntryOf(1);
      expect([kind, live]).to.deep.equal([BigInt(LicenseKind.NonExclusive), 3n]);
      expect(s).to.equal((await f.lm.licenseOf(1)).start);
      expect(e).to.equal((await f.lm.licenseOf(1)).end);
      await f.lm.connect(f.disputes).revokeLicense(1, 1);
      await f.lm.connect(f.disputes).revokeLicense(3, 1);
      expect((await f.lm.keyEntryOf(1)).live).to.equal(1n);
      expect(await f.lm.licensesOfKey(1, 1, 86)).to.deep.equal([1n]);
      await f.lm.connect(f.disputes).revokeLicense(2, 1);
      expect((await f.lm.keyEntryOf(1)).live).to.equal(0n);
      expect(await f.lm.licensesOfKey(1, 1, 86)).to.deep.equal([]);
      // The key is free for an exclusive licence; a later acceptance of the offer then conflicts.
      await license(f, f.dave, { kind: LicenseKind.Exclusive });
      await expect(f.proposals.connect(f.eve).acceptOffer(offer))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerConflict")
        .withArgs(4);
    });

    it("B8 reports for every acceptance of an offer the offer's one entry, led by its first licence, and nothing for an unknown licence", async function () {
      const f = await loadFixture(fixture);
      const offer = await publish(f);
      for (const who of [f.eve, f.outsider]) await f.proposals.connect(who).acceptOffer(offer);
      await license(f, f.dave, { kind: LicenseKind.Exclusive, fieldId: 2 });
      const first = await f.lm.keyEntryOf(1);
      expect(first.live).to.equal(2n);
      expect(await f.lm.keyEntryOf(2)).to.deep.equal(first);
      expect(await f.lm.licensesOfKey(1, 1, 86)).to.deep.equal([1n]);
      expect(await f.lm.licensesOfKey(1, 2, 86)).to.deep.equal([3n]);
      expect((await f.lm.keyEntryOf(3)).live).to.equal(1n);
      expect(await f.lm.keyEntryOf(99)).to.deep.equal([0n, 0n, 0n, 0n]);
      // A conflict names the entry's first licence, whichever acceptance widened it.
      const l = await f.lm.licenseOf(1);
      await expect(
        license(f, f.dave, { kind: LicenseKind.Sole, start: Number(l.end) - DAY, end: Number(l.end) + DAY }),
      )
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerConflict")
        .withArgs(1);
    });

    it("B8 a full key evicts an entry whose window has ended to make room", async function () {
      const f = await loadFixture(fixture);
      await f.manager.grantRole(ROLE.LICENSING_MODULE, f.stranger.address, 0);
      const g = f.lm.connect(f.stranger);
      const now = await time.latest();
      // Entry 1: an offer's two acceptances ending at now + 10 days; 99 negotiated licences to now + 90 days.
      const early = terms(now, { end: now + 10 * DAY });
      await g.grantLicense(1, f.eve.address, 7, 0, early, now + 1);
      await g.grantLicense(1, f.outsider.address, 7, 0, early, now + 1);
      const t = terms(now, { end: now + 90 * DAY });
      for (let i = 1; i <= 99; i++) await g.grantLicense(1, f.eve.address, 100 + i, 100 + i, t, now + 1);
      const key = ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["uint256", "uint32", "uint32"], [1, 1, 86]),
      );
      const late = terms(now, { end: now + 200 * DAY });
      await time.setNextBlockTimestamp(now + 10 * DAY - 1);
      await expect(g.grantLicense(1, f.dave.address, 300, 300, late, now + 10 * DAY - 1))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerKeyFull")
        .withArgs(key, 100);
      await time.setNextBlockTimestamp(now + 10 * DAY);
      await g.grantLicense(1, f.dave.address, 300, 300, late, now + 10 * DAY);
      const ids = await f.lm.licensesOfKey(1, 1, 86);
      expect(ids.length).to.equal(100);
      expect(ids).to.not.include(1n);
      expect((await f.lm.keyEntryOf(1)).live).to.equal(0n);
      // The evicted entry's licences still expire (nothing left to take off the key).
      await expect(f.lm.expireLicense(1)).to.emit(f.lm, "LicenseExpired").withArgs(1);
      await expect(f.lm.expireLicense(2)).to.emit(f.lm, "LicenseExpired").withArgs(2);
      expect((await f.lm.licensesOfKey(1, 1, 86)).length).to.equal(100);
      // A single licence's entry is evicted the same way, and its expiry is then a no-op on the key.
      await time.increaseTo(now + 90 * DAY);
      await g.grantLicense(1, f.dave.address, 301, 301, late, now + 90 * DAY + 1);
      const after = await f.lm.licensesOfKey(1, 1, 86);
      const evicted = ids.filter((id) => !after.includes(id));
      expect(evicted.length).to.equal(1);
      await f.lm.expireLicense(evicted[0]);
      expect((await f.lm.licensesOfKey(1, 1, 86)).length).to.equal(100);
      const kept = after.find((id) => id !== 102n && id !== 103n)!;
      await f.lm.expireLicense(kept);
      expect((await f.lm.licensesOfKey(1, 1, 86)).length).to.equal(99);
    });

    it("B8 an acceptance that widens its offer's entry is checked again against the key", async function () {
      const f = await loadFixture(fixture);
      await f.manager.grantRole(ROLE.LICENSING_MODULE, f.stranger.address, 0);
      const g = f.lm.connect(f.stranger);
      const T = (await time.latest()) + 10 * DAY;
      const ne = (start: number, end: number) => terms(T, { start, end });
      await g.grantLicense(1, f.eve.address, 7, 0, ne(T, T + 10 * DAY), T);
      await g.grantLicense(
        1,
        f.eve.address,
        8,
        30,
        terms(T, { kind: LicenseKind.Exclusive, start: T + 20 * DAY, end: T + 30 * DAY }),
        T + 20 * DAY,
      );
      // Inside the entry's window: joins without a check. Widening past the exclusive's start: refused.
      await g.grantLicense(1, f.outsider.address, 7, 0, ne(T, T + 5 * DAY), T + DAY);
      await expect(g.grantLicense(1, f.outsider.address, 7, 0, ne(T, T + 25 * DAY), T))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerConflict")
        .withArgs(2);
      await g.grantLicense(1, f.outsider.address, 7, 0, ne(T - 5 * DAY, T + 20 * DAY), T - 5 * DAY);
      const [s, e, , live] = await f.lm.keyEntryOf(1);
      expect([s, e, live]).to.deep.equal([BigInt(T - 5 * DAY), BigInt(T + 20 * DAY), 3n]);
    });
  });

  describe("suspension, expiry and licence start (B15)", function () {
    it("B15 a licence that expires still suspended ends at its suspension: the periods that began while suspended stay waived", async function () {
      const f = await loadFixture(fixture);
      const now = await time.latest();
      const id = await license(f, f.eve, { minRoyalty: 1_000n, end: now + 200 * DAY });
      const start = (await f.lm.licenseOf(id)).start;
      await time.increaseTo(start + BigInt(PERIOD));
      await f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n);
      // A ruling suspends it in period 1 and is never lifted.
      await time.increaseTo(start + BigInt(100 * DAY));
      await f.lm.connect(f.disputes).suspendLicense(id, 9);
      const suspendedAt = (await f.lm.licenseOf(id)).suspendedAt;
      await time.increaseTo((await f.lm.licenseOf(id)).end);
      await f.lm.expireLicense(id);
      const l = await f.lm.licenseOf(id);
      expect([l.status, l.end]).to.deep.equal([BigInt(LicenseStatus.Expired), suspendedAt]);
      // Period 1 began before the suspension: owed, cut at the suspension. Period 2 is never owed.
      expect(await f.lm.nextPeriodOf(id)).to.deep.equal([1n, start + BigInt(PERIOD), suspendedAt, true]);
      await time.increase(30 * DAY);
      await f.lm.recordRoyaltyDefault(id);
      await f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n);
      await time.increase(200 * DAY);
      await expect(f.lm.recordRoyaltyDefault(id))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNoPeriodDue")
        .withArgs(id);
    });

    it("B15 a period that would begin inside a second suspension window is waived once the arrears before both are paid", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve, { minRoyalty: 1_000n });
      const start = (await f.lm.licenseOf(id)).start;
      const at = (days: number) => start + BigInt(days * DAY);
      // Two rulings suspend and are lifted while period 0 [start, start + 90 d) is unpaid.
      await time.setNextBlockTimestamp(at(10));
      await f.lm.connect(f.disputes).suspendLicense(id, 1);
      await time.setNextBlockTimestamp(at(20));
      await f.lm.connect(f.disputes).liftSuspension(id, 1);
      await time.setNextBlockTimestamp(at(80));
      await f.lm.connect(f.disputes).suspendLicense(id, 2);
      await time.setNextBlockTimestamp(at(100));
      await f.lm.connect(f.disputes).liftSuspension(id, 2);
      expect(await f.lm.pauseOf(id, 1)).to.deep.equal([at(80), at(100)]);
      // Paying period 0 passes the first window; period 1 would begin at start + 90 d, inside the
      // second: it is waived and the next period starts at the second lift.
      await f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n);
      const [index, next] = await f.lm.nextPeriodOf(id);
      expect([index, next]).to.deep.equal([1n, at(100)]);
      const l = await f.lm.licenseOf(id);
      expect([l.pauseCursor, l.pauseCount, l.pauseAhead]).to.deep.equal([2n, 2n, false]);
      await time.increaseTo(at(190));
      await f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n);
      expect((await f.lm.nextPeriodOf(id)).start).to.equal(at(190));
    });

    it("B15 a period that begins at the end of a suspension window is owed; one that begins a second before it, or at its start, is waived", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve, { minRoyalty: 1_000n });
      const start = (await f.lm.licenseOf(id)).start;
      const at = (seconds: bigint) => start + seconds;
      const P = BigInt(PERIOD);
      // A ruling suspends in period 0 and is lifted exactly when period 1 would begin: [10 d, 90 d).
      await time.increaseTo(at(10n * BigInt(DAY)));
      await f.lm.connect(f.disputes).suspendLicense(id, 1);
      await time.setNextBlockTimestamp(at(P));
      await f.lm.connect(f.disputes).liftSuspension(id, 1);
      await f.lm.connect(f.eve).payRoyalty(id, 0, 1_000n);
      expect((await f.lm.nextPeriodOf(id)).start).to.equal(at(P));
      // Another licence whose window ends one second after period 1 would begin: period 1 is waived.
      const other = await license(f, f.outsider, { minRoyalty: 1_000n, fieldId: 2 });
      const s2 = (await f.lm.licenseOf(other)).start;
      await time.increaseTo(s2 + 10n * BigInt(DAY));
      await f.lm.connect(f.disputes).suspendLicense(other, 1);
      await time.setNextBlockTimestamp(s2 + P + 1n);
      await f.lm.connect(f.disputes).liftSuspension(other, 1);
      await f.lm.connect(f.outsider).payRoyalty(other, 0, 1_000n);
      expect((await f.lm.nextPeriodOf(other)).start).to.equal(s2 + P + 1n);
      // A window that begins exactly when period 1 would begin waives it too.
      const third = await license(f, f.dave, { minRoyalty: 1_000n, fieldId: 3 });
      const s3 = (await f.lm.licenseOf(third)).start;
      await time.setNextBlockTimestamp(s3 + P);
      await f.lm.connect(f.disputes).suspendLicense(third, 1);
      await time.setNextBlockTimestamp(s3 + P + 5n * BigInt(DAY));
      await f.lm.connect(f.disputes).liftSuspension(third, 1);
      await f.lm.connect(f.dave).payRoyalty(third, 0, 1_000n);
      expect((await f.lm.nextPeriodOf(third)).start).to.equal(s3 + P + 5n * BigInt(DAY));
    });

    it("B15 a negotiated licence starts when it is executed, never at an earlier start of its terms", async function () {
      const f = await loadFixture(fixture);
      const now = await time.latest();
      await f.proposals
        .connect(f.eve)
        .proposeLicense(1, LICENSE_AGREEMENT, terms(now, { minRoyalty: 1_000n }));
      await f.proposals.connect(f.alice).approve(1);
      await f.proposals.connect(f.bob).approve(1);
      // The licensee executes 200 days after the terms' start.
      await time.increase(200 * DAY);
      await f.proposals.connect(f.eve).executeLicense(1);
      const executed = BigInt(await time.latest());
      expect((await f.lm.licenseOf(1)).start).to.equal(executed);
      const deadline = executed + BigInt(PERIOD + 30 * DAY);
      await expect(f.lm.recordRoyaltyDefault(1))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNotOverdue")
        .withArgs(1, deadline);
      // A start still ahead is kept.
      const later = BigInt(await time.latest()) + BigInt(30 * DAY);
      await f.proposals
        .connect(f.eve)
        .proposeLicense(1, LICENSE_AGREEMENT, terms(now, { fieldId: 2, start: Number(later) }));
      await f.proposals.connect(f.alice).approve(2);
      await f.proposals.connect(f.bob).approve(2);
      await f.proposals.connect(f.eve).executeLicense(2);
      expect((await f.lm.licenseOf(2)).start).to.equal(later);
    });
  });

  describe("negotiated licences across a share sale (B5)", function () {
    it("B5 a negotiated licence approved before a share sale cannot be executed after it, exclusive included", async function () {
      const f = await loadFixture(fixture);
      const now = await time.latest();
      for (const kind of [LicenseKind.Exclusive, LicenseKind.NonExclusive]) {
        await f.proposals
          .connect(f.eve)
          .proposeLicense(1, LICENSE_AGREEMENT, terms(now, { kind, fieldId: 5 + kind }));
      }
      for (const o of [f.alice, f.bob, f.carol]) await f.proposals.connect(o).approve(1);
      for (const o of [f.alice, f.bob]) await f.proposals.connect(o).approve(2);
      expect((await f.proposals.proposalOf(1)).status).to.equal(ProposalStatus.Approved);
      // carol sells her share to dave, who never approved either licence.
      await f.ip.connect(f.carol).offerShares(1, 2000, f.dave.address, 0);
      await time.increase(7 * DAY);
      await f.ip.connect(f.dave).completeShareSale(1);
      for (const id of [1, 2]) {
        await expect(f.proposals.connect(f.eve).executeLicense(id))
          .to.be.revertedWithCustomError(f.proposals, "LicenseProposalsSharesChanged")
          .withArgs(id, 0, 1);
      }
      expect(await f.lm.licenseCount()).to.equal(0);
    });
  });

  describe("income of a suspended co-owner (M9)", function () {
    it("M9 a suspended co-owner cannot change its income split", async function () {
      const f = await loadFixture(fixture);
      await f.membership.setMember(f.alice.address, MemberKind.Enterprise, MemberStatus.Suspended);
      await expect(f.lm.connect(f.alice).setIncomeSplit(1, [f.stranger.address], [10000]))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerIncomeHeld")
        .withArgs(f.alice.address);
      await f.membership.setMember(f.alice.address, MemberKind.Enterprise, MemberStatus.Active);
      await f.lm.connect(f.alice).setIncomeSplit(1, [f.stranger.address], [10000]);
    });

    it("M9 income settled while a co-owner is suspended stays held for it, not directed to beneficiaries named before", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve, { minRoyalty: 0n });
      await f.lm.connect(f.alice).setIncomeSplit(1, [f.staff1.address], [10000]);
      await time.increase(PERIOD);
      await f.lm.connect(f.eve).payRoyalty(id, 1_000_000n, 30_000n);
      // 30,000 - 5% levy = 28,500; alice's 50% = 14,250.
      await f.membership.setMember(f.alice.address, MemberKind.Enterprise, MemberStatus.Suspended);
      expect((await f.lm.incomeOf(1, f.alice.address)).claimable).to.equal(14_250n);
      await expect(f.lm.connect(f.stranger).settle(1, f.alice.address))
        .to.emit(f.lm, "IncomeSettled")
        .withArgs(1, f.alice.address, 14_250n, 0);
      expect(await f.lm.claimable(1, f.staff1.address)).to.equal(0);
      await expect(f.lm.connect(f.alice).claim(1))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerIncomeHeld")
        .withArgs(f.alice.address);
      await expect(f.lm.connect(f.staff1).claim(1))
        .to.be.revertedWithCustomError(f.lm, "LicenseManagerNothingToClaim")
        .withArgs(1, f.staff1.address);
      // Reinstated, alice gets what was held; income after that follows her split again.
      await f.membership.setMember(f.alice.address, MemberKind.Enterprise, MemberStatus.Active);
      await expect(f.lm.connect(f.alice).claim(1))
        .to.emit(f.lm, "IncomeClaimed")
        .withArgs(1, f.alice.address, 14_250n);
      await time.increase(PERIOD);
      await f.lm.connect(f.eve).payRoyalty(id, 1_000_000n, 30_000n);
      await f.lm.settle(1, f.alice.address);
      expect(await f.lm.claimable(1, f.staff1.address)).to.equal(14_250n);
    });
  });

  describe("views", function () {
    it("lists licences per asset and per licensee from LicenseGranted's indexed topics, with every term", async function () {
      const f = await loadFixture(fixture);
      await license(f, f.eve);
      await license(f, f.outsider, { fieldId: 2 });
      await license(f, f.eve, {
        fieldId: 3,
        upfrontFee: 77n,
        priceClass: PriceClass.Member,
        sublicensable: true,
      });
      await license(f, f.eve, {}, 2n);
      const ids = async (filter: ReturnType<typeof f.lm.filters.LicenseGranted>) =>
        (await f.lm.queryFilter(filter)).map((e) => e.args.licenseId);
      expect(await ids(f.lm.filters.LicenseGranted(undefined, 1))).to.deep.equal([1n, 2n, 3n]);
      expect(await ids(f.lm.filters.LicenseGranted(undefined, undefined, f.eve.address))).to.deep.equal([
        1n,
        3n,
        4n,
      ]);
      expect(await ids(f.lm.filters.LicenseGranted(undefined, 2, f.outsider.address))).to.deep.equal([]);
      // The terms storage does not keep (class, sublicensable, fee) and the grant's block are in the event.
      const [granted] = await f.lm.queryFilter(f.lm.filters.LicenseGranted(3));
      const t = granted.args.terms;
      expect([t.priceClass, t.sublicensable, t.upfrontFee, t.fieldId]).to.deep.equal([
        BigInt(PriceClass.Member),
        true,
        77n,
        3n,
      ]);
      const l = await f.lm.licenseOf(3);
      expect([
        granted.args.proposalId,
        granted.args.agreementId,
        granted.args.start,
        granted.args.levyBps,
      ]).to.deep.equal([l.proposalId, 0n, l.start, l.levyBps]);
      await expect(f.lm.licenseOf(9)).to.be.revertedWithCustomError(f.lm, "LicenseManagerUnknownLicense");
      await expect(f.proposals.proposalOf(99)).to.be.revertedWithCustomError(
        f.proposals,
        "LicenseProposalsUnknownProposal",
      );
    });
  });

  describe("invariants I1, I4, I5 over a mixed sequence", function () {
    it("hold after every payment, claim, split and share sale", async function () {
      const f = await loadFixture(fixture);
      const id = await license(f, f.eve, { royaltyBps: 777, minRoyalty: 13n, periodLength: DAY });
      const extra = [f.staff1.address, f.staff2.address, f.dave.address, f.bob.address];
      let lastClaimable = new Map<string, bigint>();
      const snapshot = async () => {
        const m = new Map<string, bigint>();
        for (const a of [f.alice, f.bob, f.carol, f.dave, f.staff1, f.staff2])
          m.set(a.address, await f.lm.claimable(1, a.address));
        return m;
      };
      let seed = 7;
      const rnd = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      for (let step = 0; step < MIXED_STEPS; step++) {
        const action = rnd(4);
        const claimer = [f.alice, f.bob, f.carol, f.dave, f.staff1, f.staff2][rnd(6)];
        lastClaimable = await snapshot();
        if (action === 0 || action === 1) {
          await time.increase(DAY);
          await f.lm.connect(f.eve).payRoyalty(id, BigInt(rnd(1_000_000)), 10n ** 6n);
        } else if (action === 2 && (await f.lm.claimable(1, claimer.address)) > 0n) {
          await f.lm.connect(claimer).claim(1);
        } else if (action === 3 && step === 3) {
          await f.lm.connect(f.alice).setIncomeSplit(1, [f.staff1.address, f.staff2.address], [1600, 800]);
        } else if (action === 3 && (await f.ip.shareOf(1, f.carol.address)) > 1n) {
          await f.ip.connect(f.carol).offerShares(1, 1, f.dave.address, 0);
          await time.increase(7 * DAY);
          await f.ip.connect(f.dave).completeShareSale(await f.ip.saleCount());
        }
        await checkI1(f.ip, 1n);
        await checkI4(f.lm, f.ip, 1n, extra);
        // I5: claimable only falls by a claim (of that account).
        const now = await snapshot();
        for (const [a, v] of now) {
          if (v < (lastClaimable.get(a) ?? 0n)) expect(action === 2 && a === claimer.address).to.equal(true);
        }
      }
    });
  });
});
