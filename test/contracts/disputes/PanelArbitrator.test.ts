import { expect } from "chai";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { ethers } from "hardhat";
import { impersonateAccount, loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import {
  APPEAL,
  ClaimStatus,
  DAY,
  ROLE,
  RULING,
  VOTING,
  claimRequest,
  deploySuite,
  file,
  sha,
} from "./helpers";

enum Phase {
  None,
  Appointing,
  Voting,
  Appealable,
  Solved,
}
enum Status {
  Waiting,
  Appealable,
  Solved,
}

const REASONS = sha("reasons of the panel");

/** The suite with Alice's claim against Bob referred to the PanelArbitrator (dispute 1). */
async function fixture() {
  const s = await deploySuite();
  const claimId = await file(s.disputes, s.alice, claimRequest(s.bob.address));
  await time.increaseTo((await s.disputes.claimOf(claimId)).answerEndsAt + 1n);
  await s.disputes.connect(s.alice).refer(claimId);
  const disputeId = (await s.disputes.claimOf(claimId)).disputeId;
  const drAddress = await s.disputes.getAddress();
  return { ...s, claimId, disputeId, drAddress };
}

type Suite = Awaited<ReturnType<typeof fixture>>;

const addrs = (xs: HardhatEthersSigner[]) => xs.map((x) => x.address);

async function appointed(s: Suite) {
  await s.panel.connect(s.secretariat).appointPanel(s.disputeId, addrs(s.experts.slice(0, 3)));
  return (await s.panel.disputeOf(s.disputeId)).votingEndsAt;
}

/** First round voted `choices` (one per expert 0..2) and closed; returns the appeal window's end. */
async function firstRuling(s: Suite, choices: number[]) {
  await appointed(s);
  for (let i = 0; i < choices.length; i++) {
    await s.panel.connect(s.experts[i]).vote(s.disputeId, choices[i], sha(`reasons ${i}`));
  }
  if (choices.length < 3) await time.increase(VOTING + 1);
  await s.panel.closeVoting(s.disputeId);
  return (await s.panel.disputeOf(s.disputeId)).appealEndsAt;
}

async function asDisputes(s: Suite): Promise<HardhatEthersSigner> {
  await impersonateAccount(s.drAddress);
  await setBalance(s.drAddress, ethers.parseEther("1"));
  return ethers.getSigner(s.drAddress);
}

/** A5 window edges: at `when`, `send()` reverts with the panel's `error` and its arguments. */
async function expectPanelRevertAt(
  s: Suite,
  when: bigint,
  send: () => Promise<unknown>,
  error: string,
  ...args: unknown[]
): Promise<void> {
  await time.setNextBlockTimestamp(when);
  await expect(send())
    .to.be.revertedWithCustomError(s.panel, error)
    .withArgs(...args);
}

describe("PanelArbitrator", function () {
  describe("constructor", function () {
    it("reverts an even, zero or too large panel, a zero period and a zero authority", async function () {
      const s = await loadFixture(fixture);
      const f = await ethers.getContractFactory("PanelArbitrator");
      const auth = await s.manager.getAddress();
      for (const [size, voting, appeal] of [
        [2, VOTING, APPEAL],
        [0, VOTING, APPEAL],
        [17, VOTING, APPEAL],
        [3, 0, APPEAL],
        [3, VOTING, 0],
      ]) {
        await expect(f.deploy(auth, size, voting, appeal))
          .to.be.revertedWithCustomError(s.panel, "PanelArbitratorInvalidParams")
          .withArgs(size, voting, appeal);
      }
      await expect(f.deploy(ethers.ZeroAddress, 3, VOTING, APPEAL)).to.be.revertedWithCustomError(
        s.panel,
        "PanelArbitratorZeroAddress",
      );
      expect(await s.panel.panelParams()).to.deep.equal([3n, BigInt(VOTING), BigInt(APPEAL)]);
    });
  });

  describe("createDispute", function () {
    it("records the arbitrable, the parties and the periods of the dispute", async function () {
      const s = await loadFixture(fixture);
      const d = await s.panel.disputeOf(s.disputeId);
      expect(d.arbitrable).to.equal(s.drAddress);
      expect(d.phase).to.equal(Phase.Appointing);
      expect([d.claimant, d.respondent]).to.deep.equal([s.alice.address, s.bob.address]);
      expect([d.choices, d.panelSize, d.votingPeriod, d.appealWindow]).to.deep.equal([
        2n,
        3n,
        BigInt(VOTING),
        BigInt(APPEAL),
      ]);
      expect(await s.panel.disputeCount()).to.equal(1n);
      expect(await s.panel.disputeStatus(s.disputeId)).to.equal(Status.Waiting);
      expect(await s.panel.arbitrationCost("0x")).to.equal(0n);
      expect(await s.panel.appealCost(s.disputeId, "0x")).to.equal(0n);
    });

    it("reverts for a caller without DISPUTES_MODULE (A1)", async function () {
      const s = await loadFixture(fixture);
      const data = ethers.AbiCoder.defaultAbiCoder().encode(
        ["address", "address"],
        [s.alice.address, s.bob.address],
      );
      await expect(s.panel.connect(s.stranger).createDispute(2, data))
        .to.be.revertedWithCustomError(s.panel, "AccessManagedUnauthorized")
        .withArgs(s.stranger.address);
    });

    it("reverts a fee, bad choices and extraData that does not name two distinct parties", async function () {
      const s = await loadFixture(fixture);
      await s.manager.grantRole(ROLE.DISPUTES_MODULE, s.stranger.address, 0);
      const enc = (a: string, b: string) =>
        ethers.AbiCoder.defaultAbiCoder().encode(["address", "address"], [a, b]);
      const ok = enc(s.alice.address, s.bob.address);
      const p = s.panel.connect(s.stranger);
      await expect(p.createDispute(2, ok, { value: 1 }))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorNoFees")
        .withArgs(1);
      for (const c of [0, 256]) {
        await expect(p.createDispute(c, ok))
          .to.be.revertedWithCustomError(s.panel, "PanelArbitratorInvalidChoices")
          .withArgs(c);
      }
      for (const data of [
        "0x",
        enc(s.alice.address, s.alice.address),
        enc(ethers.ZeroAddress, s.bob.address),
        enc(s.alice.address, ethers.ZeroAddress),
      ]) {
        await expect(p.createDispute(2, data)).to.be.revertedWithCustomError(
          s.panel,
          "PanelArbitratorInvalidExtraData",
        );
      }
      await expect(p.createDispute(2, ok))
        .to.emit(s.panel, "DisputeCreation")
        .withArgs(2n, s.stranger.address);
    });
  });

  describe("appointPanel", function () {
    it("appoints an odd panel of experts and opens the voting window", async function () {
      const s = await loadFixture(fixture);
      const panel = addrs(s.experts.slice(0, 3));
      const tx = await s.panel.connect(s.secretariat).appointPanel(s.disputeId, panel);
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      await expect(tx)
        .to.emit(s.panel, "PanelAppointed")
        .withArgs(s.disputeId, 0, panel, at + BigInt(VOTING));
      // Storage keeps each expert's seat, not the list: on the panel iff appointed, in this round only.
      for (const e of panel) expect(await s.panel.isOnPanel(s.disputeId, 0, e)).to.equal(true);
      expect(await s.panel.isOnPanel(s.disputeId, 0, s.experts[3].address)).to.equal(false);
      expect(await s.panel.isOnPanel(s.disputeId, 1, panel[0])).to.equal(false);
      expect(await s.panel.voteOf(s.disputeId, 0, panel[0])).to.equal(0n);
      expect((await s.panel.disputeOf(s.disputeId)).phase).to.equal(Phase.Voting);
    });

    it("reverts for anyone but the secretariat (A1)", async function () {
      const s = await loadFixture(fixture);
      for (const who of [s.stranger, s.experts[0], s.council]) {
        await expect(s.panel.connect(who).appointPanel(s.disputeId, addrs(s.experts.slice(0, 3))))
          .to.be.revertedWithCustomError(s.panel, "AccessManagedUnauthorized")
          .withArgs(who.address);
      }
    });

    it("reverts a panel of the wrong size, a non-expert, a duplicate, or twice", async function () {
      const s = await loadFixture(fixture);
      const sec = s.panel.connect(s.secretariat);
      await expect(sec.appointPanel(s.disputeId, addrs(s.experts.slice(0, 5))))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorWrongPanelSize")
        .withArgs(5, 3);
      await expect(
        sec.appointPanel(s.disputeId, [s.experts[0].address, s.experts[1].address, s.stranger.address]),
      )
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorNotExpert")
        .withArgs(s.stranger.address);
      await expect(
        sec.appointPanel(s.disputeId, [s.experts[0].address, s.experts[1].address, s.experts[0].address]),
      )
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorDuplicateExpert")
        .withArgs(s.experts[0].address);
      await expect(sec.appointPanel(99n, addrs(s.experts.slice(0, 3))))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnknownDispute")
        .withArgs(99n);
      await appointed(s);
      await expect(sec.appointPanel(s.disputeId, addrs(s.experts.slice(3, 6))))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnexpectedPhase")
        .withArgs(s.disputeId, Phase.Voting, Phase.Appointing);
    });

    it("recuses a party who is an expert", async function () {
      const s = await loadFixture(fixture);
      await s.manager.grantRole(ROLE.EXPERT, s.bob.address, 0);
      await expect(
        s.panel
          .connect(s.secretariat)
          .appointPanel(s.disputeId, [s.experts[0].address, s.experts[1].address, s.bob.address]),
      )
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecused")
        .withArgs(s.bob.address, s.bob.address);
    });

    it("recuses an expert who declared an affiliation with a party", async function () {
      const s = await loadFixture(fixture);
      await s.panel.connect(s.experts[1]).declareAffiliation(s.alice.address);
      await expect(s.panel.connect(s.secretariat).appointPanel(s.disputeId, addrs(s.experts.slice(0, 3))))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecused")
        .withArgs(s.experts[1].address, s.alice.address);
    });

    it("recuses an expert the secretariat registered as affiliated with a party", async function () {
      const s = await loadFixture(fixture);
      await s.panel.connect(s.secretariat).registerAffiliation(s.experts[2].address, s.bob.address);
      await expect(s.panel.connect(s.secretariat).appointPanel(s.disputeId, addrs(s.experts.slice(0, 3))))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecused")
        .withArgs(s.experts[2].address, s.bob.address);
      await s.panel.connect(s.secretariat).appointPanel(s.disputeId, addrs(s.experts.slice(3, 6)));
    });
  });

  describe("vote", function () {
    it("records a panellist's vote with its reasons hash", async function () {
      const s = await loadFixture(fixture);
      await appointed(s);
      await expect(s.panel.connect(s.experts[0]).vote(s.disputeId, 1, REASONS))
        .to.emit(s.panel, "VoteCast")
        .withArgs(s.disputeId, 0, s.experts[0].address, 1, REASONS);
      expect(await s.panel.voteOf(s.disputeId, 0, s.experts[0].address)).to.equal(1n);
      expect(await s.panel.votesFor(s.disputeId, 0, 1)).to.equal(1n);
    });

    it("accepts a vote at the window's end - 1 s and at its end, not at end + 1 s (A5)", async function () {
      const s = await loadFixture(fixture);
      const end = await appointed(s);
      await time.setNextBlockTimestamp(end - 1n);
      await s.panel.connect(s.experts[0]).vote(s.disputeId, 1, REASONS);
      await time.setNextBlockTimestamp(end);
      await s.panel.connect(s.experts[1]).vote(s.disputeId, 1, REASONS);
      const late = () => s.panel.connect(s.experts[2]).vote(s.disputeId, 2, REASONS);
      await expectPanelRevertAt(s, end + 1n, late, "PanelArbitratorVotingClosed", s.disputeId, end);
    });

    it("reverts a vote off the panel, twice, out of range, without reasons, or before appointment", async function () {
      const s = await loadFixture(fixture);
      await expect(s.panel.connect(s.experts[0]).vote(s.disputeId, 1, REASONS))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnexpectedPhase")
        .withArgs(s.disputeId, Phase.Appointing, Phase.Voting);
      await appointed(s);
      await expect(s.panel.connect(s.experts[5]).vote(s.disputeId, 1, REASONS))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorNotOnPanel")
        .withArgs(s.disputeId, s.experts[5].address);
      for (const c of [0, 3]) {
        await expect(s.panel.connect(s.experts[0]).vote(s.disputeId, c, REASONS))
          .to.be.revertedWithCustomError(s.panel, "PanelArbitratorInvalidChoice")
          .withArgs(c);
      }
      await expect(
        s.panel.connect(s.experts[0]).vote(s.disputeId, 1, ethers.ZeroHash),
      ).to.be.revertedWithCustomError(s.panel, "PanelArbitratorZeroReasons");
      await s.panel.connect(s.experts[0]).vote(s.disputeId, 1, REASONS);
      await expect(s.panel.connect(s.experts[0]).vote(s.disputeId, 2, REASONS))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorAlreadyVoted")
        .withArgs(s.disputeId, s.experts[0].address);
    });

    it("recuses a panellist affiliated with a party after its appointment", async function () {
      const s = await loadFixture(fixture);
      await appointed(s);
      await s.panel.connect(s.secretariat).registerAffiliation(s.experts[0].address, s.bob.address);
      await expect(s.panel.connect(s.experts[0]).vote(s.disputeId, 2, REASONS))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecused")
        .withArgs(s.experts[0].address, s.bob.address);
    });
  });

  describe("closeVoting", function () {
    it("rules by majority with the reasons of the vote that formed the majority and opens the appeal window", async function () {
      const s = await loadFixture(fixture);
      await appointed(s);
      await s.panel.connect(s.experts[0]).vote(s.disputeId, 2, sha("dissent"));
      await s.panel.connect(s.experts[1]).vote(s.disputeId, 1, sha("rapporteur"));
      await s.panel.connect(s.experts[2]).vote(s.disputeId, 1, sha("concurring"));
      const tx = await s.panel.closeVoting(s.disputeId);
      await expect(tx).to.emit(s.panel, "PanelRuled").withArgs(s.disputeId, 0, 1, sha("concurring"), 2);
      await expect(tx).to.emit(s.panel, "AppealPossible").withArgs(s.disputeId, s.drAddress);
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      expect(await s.panel.appealPeriod(s.disputeId)).to.deep.equal([at, at + BigInt(APPEAL)]);
      expect(await s.panel.disputeStatus(s.disputeId)).to.equal(Status.Appealable);
      expect(await s.panel.currentRuling(s.disputeId)).to.equal(1n);
    });

    it("stays open while votes are missing, also at the window's end; closes at end + 1 s (A5)", async function () {
      const s = await loadFixture(fixture);
      const end = await appointed(s);
      await s.panel.connect(s.experts[0]).vote(s.disputeId, 1, REASONS);
      for (const t of [end - 1n, end]) {
        const close = () => s.panel.closeVoting(s.disputeId);
        await expectPanelRevertAt(s, t, close, "PanelArbitratorVotingOpen", s.disputeId, end);
      }
      await time.setNextBlockTimestamp(end + 1n);
      // One vote of three is no majority: the panel refuses (0).
      await expect(s.panel.closeVoting(s.disputeId))
        .to.emit(s.panel, "PanelRuled")
        .withArgs(s.disputeId, 0, 0, ethers.ZeroHash, 0);
    });

    it("reverts before appointment and after closing", async function () {
      const s = await loadFixture(fixture);
      await expect(s.panel.closeVoting(s.disputeId))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnexpectedPhase")
        .withArgs(s.disputeId, Phase.Appointing, Phase.Voting);
      await firstRuling(s, [1, 1, 1]);
      await expect(s.panel.closeVoting(s.disputeId))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnexpectedPhase")
        .withArgs(s.disputeId, Phase.Appealable, Phase.Voting);
    });
  });

  describe("appeal", function () {
    it("sends the dispute to an enlarged panel of 2n + 1 when a party appeals inside the window (end - 1 s)", async function () {
      const s = await loadFixture(fixture);
      const end = await firstRuling(s, [1, 1, 2]);
      await time.setNextBlockTimestamp(end - 1n);
      await expect(s.disputes.connect(s.bob).appeal(s.claimId))
        .to.emit(s.panel, "AppealDecision")
        .withArgs(s.disputeId, s.drAddress);
      const d = await s.panel.disputeOf(s.disputeId);
      expect([d.round, d.phase, d.ruling]).to.deep.equal([1n, BigInt(Phase.Appointing), 0n]);
      expect(await s.panel.appealPeriod(s.disputeId)).to.deep.equal([0n, 0n]);
      await expect(s.panel.connect(s.secretariat).appointPanel(s.disputeId, addrs(s.experts.slice(0, 3))))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorWrongPanelSize")
        .withArgs(3, 7);
      await expect(s.panel.connect(s.secretariat).appointPanel(s.disputeId, addrs(s.experts.slice(0, 7))))
        .to.emit(s.panel, "PanelAppointed")
        .withArgs(s.disputeId, 1, addrs(s.experts.slice(0, 7)), anyValue);
      for (const e of s.experts.slice(0, 7))
        expect(await s.panel.isOnPanel(s.disputeId, 1, e.address)).to.equal(true);
    });

    it("accepts an appeal at the window's end and refuses it at end + 1 s (A5)", async function () {
      const s = await loadFixture(fixture);
      const end = await firstRuling(s, [1, 1, 1]);
      const dr = await asDisputes(s);
      const snap = await ethers.provider.send("evm_snapshot", []);
      await time.setNextBlockTimestamp(end);
      await s.panel.connect(dr).appeal(s.disputeId, "0x");
      await ethers.provider.send("evm_revert", [snap]);
      const late = () => s.panel.connect(dr).appeal(s.disputeId, "0x");
      await expectPanelRevertAt(s, end + 1n, late, "PanelArbitratorAppealClosed", s.disputeId, end);
    });

    it("allows one appeal only: the appeal panel's ruling is final", async function () {
      const s = await loadFixture(fixture);
      await firstRuling(s, [2, 2, 1]);
      await s.disputes.connect(s.alice).appeal(s.claimId);
      await s.panel.connect(s.secretariat).appointPanel(s.disputeId, addrs(s.experts.slice(0, 7)));
      for (let i = 0; i < 7; i++) {
        await s.panel.connect(s.experts[i]).vote(s.disputeId, i < 4 ? 1 : 2, sha(`appeal ${i}`));
      }
      const tx = await s.panel.closeVoting(s.disputeId);
      await expect(tx).to.emit(s.panel, "RulingGiven").withArgs(s.disputeId, 1);
      await expect(tx).to.emit(s.disputes, "ClaimRuled").withArgs(s.claimId, RULING.UPHELD);
      expect(await s.panel.disputeStatus(s.disputeId)).to.equal(Status.Solved);
      const dr = await asDisputes(s);
      await expect(s.panel.connect(dr).appeal(s.disputeId, "0x"))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnexpectedPhase")
        .withArgs(s.disputeId, Phase.Solved, Phase.Appealable);
    });

    it("reverts an appeal by anyone but the arbitrable, or with a fee", async function () {
      const s = await loadFixture(fixture);
      await firstRuling(s, [1, 1, 1]);
      await expect(s.panel.connect(s.bob).appeal(s.disputeId, "0x"))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorNotArbitrable")
        .withArgs(s.disputeId, s.bob.address);
      const dr = await asDisputes(s);
      await expect(s.panel.connect(dr).appeal(s.disputeId, "0x", { value: 1 }))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorNoFees")
        .withArgs(1);
    });
  });

  describe("executeRuling", function () {
    it("sends the ruling to DisputeResolution only after the appeal window: end reverts, end + 1 s works (A5, C2)", async function () {
      const s = await loadFixture(fixture);
      const end = await firstRuling(s, [1, 2, 1]);
      const execute = () => s.panel.executeRuling(s.disputeId);
      await expectPanelRevertAt(s, end, execute, "PanelArbitratorAppealOpen", s.disputeId, end);
      await time.setNextBlockTimestamp(end + 1n);
      await expect(s.panel.executeRuling(s.disputeId))
        .to.emit(s.disputes, "Ruling")
        .withArgs(await s.panel.getAddress(), s.disputeId, 1);
      expect((await s.disputes.claimOf(s.claimId)).status).to.equal(ClaimStatus.Ruled);
      expect(await s.panel.disputeStatus(s.disputeId)).to.equal(Status.Solved);
      await expect(s.panel.executeRuling(s.disputeId))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnexpectedPhase")
        .withArgs(s.disputeId, Phase.Solved, Phase.Appealable);
    });
  });

  describe("declareAffiliation", function () {
    it("records an expert's affiliation once", async function () {
      const s = await loadFixture(fixture);
      await expect(s.panel.connect(s.experts[0]).declareAffiliation(s.alice.address))
        .to.emit(s.panel, "AffiliationDeclared")
        .withArgs(s.experts[0].address, s.alice.address, s.experts[0].address);
      expect(await s.panel.isAffiliated(s.experts[0].address, s.alice.address)).to.equal(true);
      expect(await s.panel.affiliationsOf(s.experts[0].address)).to.deep.equal([s.alice.address]);
      await expect(s.panel.connect(s.experts[0]).declareAffiliation(s.alice.address))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorAffiliationExists")
        .withArgs(s.experts[0].address, s.alice.address);
      await expect(
        s.panel.connect(s.experts[0]).declareAffiliation(ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(s.panel, "PanelArbitratorZeroAddress");
    });
  });

  describe("registerAffiliation", function () {
    it("lets the secretariat register an affiliation and nobody else (A1)", async function () {
      const s = await loadFixture(fixture);
      await expect(s.panel.connect(s.secretariat).registerAffiliation(s.experts[0].address, s.bob.address))
        .to.emit(s.panel, "AffiliationDeclared")
        .withArgs(s.experts[0].address, s.bob.address, s.secretariat.address);
      await expect(s.panel.connect(s.experts[1]).registerAffiliation(s.experts[0].address, s.alice.address))
        .to.be.revertedWithCustomError(s.panel, "AccessManagedUnauthorized")
        .withArgs(s.experts[1].address);
      await expect(
        s.panel.connect(s.secretariat).registerAffiliation(ethers.ZeroAddress, s.bob.address),
      ).to.be.revertedWithCustomError(s.panel, "PanelArbitratorZeroAddress");
    });
  });

  describe("setPanelParams", function () {
    it("lets the council change the parameters of future disputes only", async function () {
      const s = await loadFixture(fixture);
      await expect(s.panel.connect(s.council).setPanelParams(5, 2 * VOTING, 2 * APPEAL))
        .to.emit(s.panel, "PanelParamsSet")
        .withArgs(5, 2 * VOTING, 2 * APPEAL);
      expect((await s.panel.disputeOf(s.disputeId)).panelSize).to.equal(3n);
      await expect(s.panel.connect(s.council).setPanelParams(4, VOTING, APPEAL))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorInvalidParams")
        .withArgs(4, VOTING, APPEAL);
      await expect(s.panel.connect(s.secretariat).setPanelParams(5, VOTING, APPEAL))
        .to.be.revertedWithCustomError(s.panel, "AccessManagedUnauthorized")
        .withArgs(s.secretariat.address);
    });

    it("B16 refuses a voting period or an appeal window below the one-day floor: floor - 1 s reverts, the floor works", async function () {
      const s = await loadFixture(fixture);
      const floor = Number(await s.panel.MIN_WINDOW());
      expect(floor).to.equal(DAY);
      for (const [voting, appeal] of [
        [floor - 1, APPEAL],
        [VOTING, floor - 1],
        [0, APPEAL],
        [VOTING, 0],
      ]) {
        await expect(s.panel.connect(s.council).setPanelParams(3, voting, appeal))
          .to.be.revertedWithCustomError(s.panel, "PanelArbitratorInvalidParams")
          .withArgs(3, voting, appeal);
        await expect(
          (await ethers.getContractFactory("PanelArbitrator")).deploy(
            await s.manager.getAddress(),
            3,
            voting,
            appeal,
          ),
        )
          .to.be.revertedWithCustomError(s.panel, "PanelArbitratorInvalidParams")
          .withArgs(3, voting, appeal);
      }
      expect(await s.panel.panelParams()).to.deep.equal([3n, BigInt(VOTING), BigInt(APPEAL)]);
      await expect(s.panel.connect(s.council).setPanelParams(3, floor, floor))
        .to.emit(s.panel, "PanelParamsSet")
        .withArgs(3, floor, floor);
    });
  });

  describe("views", function () {
    it("revert for an unknown dispute and report none for its appeal period", async function () {
      const s = await loadFixture(fixture);
      for (const fn of ["disputeStatus", "currentRuling", "disputeOf"] as const) {
        await expect(s.panel[fn](42n))
          .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnknownDispute")
          .withArgs(42n);
      }
      expect(await s.panel.appealPeriod(42n)).to.deep.equal([0n, 0n]);
      expect(await s.panel.MAX_PANEL_SIZE()).to.equal(15n);
    });
  });
});
