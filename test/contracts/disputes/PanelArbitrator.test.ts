import { expect } from "chai";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { ethers } from "hardhat";
import { INSTRUMENTED } from "../../helpers/coverage";
import {
  impersonateAccount,
  loadFixture,
  mine,
  setBalance,
  time,
} from "@nomicfoundation/hardhat-network-helpers";
import { appoint, castVote, partiesOf, recordOf } from "../../helpers/panel";
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
  disputeOf,
  file,
  recordOf as claimRecordOf,
  sha,
} from "./helpers";

enum Phase {
  None,
  Appointing,
  Voting,
  Appealable,
  Solved,
  Final,
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
  const rec = await claimRecordOf(s.disputes, claimId);
  await time.increaseTo(rec.answerEndsAt + 1n);
  await s.disputes.connect(s.alice).refer(rec);
  const disputeId = await disputeOf(s.disputes, claimId);
  const drAddress = await s.disputes.getAddress();
  return { ...s, claimId, rec, disputeId, drAddress };
}

type Suite = Awaited<ReturnType<typeof fixture>>;

const addrs = (xs: HardhatEthersSigner[]) => xs.map((x) => x.address);
/** The first round's panel of `appointed`. */
const FIRST = (s: Suite) => addrs(s.experts.slice(0, 3));
/** Alice's claim against Bob at the fixture's parameters: what `DisputeParties` gives back. */
const PARTIES = (s: Suite) => ({
  claimant: s.alice.address,
  respondent: s.bob.address,
  votingPeriod: VOTING,
  panelSize: 3,
});
/** Round `round`'s vote of the first `n` seats, the other seats of the 31 empty. */
const seats = (...votes: bigint[]) => [...votes, ...Array<bigint>(31 - votes.length).fill(0n)];

async function appointed(s: Suite) {
  await appoint(s.panel.connect(s.secretariat), s.disputeId, FIRST(s));
  return (await s.panel.disputeOf(s.disputeId)).votingEndsAt;
}

/** Expert `i` of `list` votes `choice`. */
function voteOf(s: Suite, list: string[], i: number, choice: number, reasons = REASONS) {
  return castVote(s.panel.connect(s.experts[i]), s.disputeId, list, choice, reasons);
}

/**
 * First round voted `choices` (one per expert 0..2); its vote ended (with its last vote, or by
 * time when some are missing). Returns the appeal window's end.
 */
async function firstRuling(s: Suite, choices: number[]) {
  await appointed(s);
  for (let i = 0; i < choices.length; i++) await voteOf(s, FIRST(s), i, choices[i], sha(`reasons ${i}`));
  const d = await s.panel.disputeOf(s.disputeId);
  await time.increaseTo(d.votingEndsAt + 1n);
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
    it("records the arbitrable and the appeal window, and the parties and periods as a hash with their event", async function () {
      const s = await loadFixture(fixture);
      const d = await s.panel.disputeOf(s.disputeId);
      expect(d.arbitrable).to.equal(s.drAddress);
      expect(d.phase).to.equal(Phase.Appointing);
      expect([d.choices, d.appealWindow]).to.deep.equal([2n, BigInt(APPEAL)]);
      // Storage keeps a hash of the parties, the voting period and the panel's size with no panel yet.
      expect(d.record).to.equal(recordOf(PARTIES(s), []));
      const parties = await partiesOf(s.panel, s.disputeId);
      expect(parties).to.deep.equal(PARTIES(s));
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
      await s.panel.connect(s.council).setPanelParams(5, VOTING + 1, APPEAL);
      await expect(p.createDispute(2, ok))
        .to.emit(s.panel, "DisputeCreation")
        .withArgs(2n, s.stranger.address)
        .and.to.emit(s.panel, "DisputeParties")
        .withArgs(2n, s.alice.address, s.bob.address, VOTING + 1, 5);
      const five = { ...PARTIES(s), votingPeriod: VOTING + 1, panelSize: 5 };
      expect((await s.panel.disputeOf(2n)).record).to.equal(recordOf(five, []));
    });
  });

  describe("appointPanel", function () {
    it("appoints an odd panel of experts, keeps the hash of its list with the parties and opens the voting window", async function () {
      const s = await loadFixture(fixture);
      const panel = FIRST(s);
      expect((await s.panel.disputeOf(s.disputeId)).record).to.equal(recordOf(PARTIES(s), []));
      const tx = await appoint(s.panel.connect(s.secretariat), s.disputeId, panel);
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      await expect(tx)
        .to.emit(s.panel, "PanelAppointed")
        .withArgs(s.disputeId, 0, panel, at + BigInt(VOTING));
      // Storage keeps the hash of the list with the parties, not the list: the event is its record.
      const d = await s.panel.disputeOf(s.disputeId);
      expect(d.record).to.equal(recordOf(PARTIES(s), panel));
      expect([d.phase, d.votingEndsAt, d.appealStart, d.appealEndsAt]).to.deep.equal([
        BigInt(Phase.Voting),
        at + BigInt(VOTING),
        at + BigInt(VOTING) + 1n,
        at + BigInt(VOTING) + BigInt(APPEAL),
      ]);
      expect(await s.panel.votesOf(s.disputeId, 0)).to.deep.equal(seats());
      expect(await s.panel.votesOf(s.disputeId, 1)).to.deep.equal([]);
      expect(await s.panel.disputeStatus(s.disputeId)).to.equal(Status.Waiting);
    });

    it("reverts for anyone but the secretariat (A1)", async function () {
      const s = await loadFixture(fixture);
      for (const who of [s.stranger, s.experts[0], s.council]) {
        await expect(appoint(s.panel.connect(who), s.disputeId, addrs(s.experts.slice(0, 3))))
          .to.be.revertedWithCustomError(s.panel, "AccessManagedUnauthorized")
          .withArgs(who.address);
      }
    });

    it("reverts a panel of the wrong size, a non-expert, a duplicate, or twice", async function () {
      const s = await loadFixture(fixture);
      const sec = s.panel.connect(s.secretariat);
      await expect(appoint(sec, s.disputeId, addrs(s.experts.slice(0, 5))))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorWrongPanelSize")
        .withArgs(5, 3);
      await expect(
        appoint(sec, s.disputeId, [s.experts[0].address, s.experts[1].address, s.stranger.address]),
      )
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorNotExpert")
        .withArgs(s.stranger.address);
      await expect(
        appoint(sec, s.disputeId, [s.experts[0].address, s.experts[1].address, s.experts[0].address]),
      )
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorDuplicateExpert")
        .withArgs(s.experts[0].address);
      await expect(appoint(sec, 99n, addrs(s.experts.slice(0, 3))))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnknownDispute")
        .withArgs(99n);
      await appointed(s);
      await expect(appoint(sec, s.disputeId, addrs(s.experts.slice(3, 6))))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnexpectedPhase")
        .withArgs(s.disputeId, Phase.Voting, Phase.Appointing);
    });

    it("refuses parties of one field changed, or a sitting panel that is not the latest, and changes nothing", async function () {
      const s = await loadFixture(fixture);
      const sec = s.panel.connect(s.secretariat);
      const p = PARTIES(s);
      const recorded = recordOf(p, []);
      for (const wrong of [
        { ...p, claimant: s.stranger.address },
        { ...p, respondent: s.stranger.address },
        { ...p, votingPeriod: VOTING + 1 },
        { ...p, panelSize: 5 },
      ]) {
        await expect(sec.appointPanel(s.disputeId, wrong, [], FIRST(s)))
          .to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecordMismatch")
          .withArgs(s.disputeId, recorded, recordOf(wrong, []));
      }
      await expect(sec.appointPanel(s.disputeId, p, FIRST(s), FIRST(s)))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecordMismatch")
        .withArgs(s.disputeId, recorded, recordOf(p, FIRST(s)));
      const d = await s.panel.disputeOf(s.disputeId);
      expect([d.phase, d.record]).to.deep.equal([BigInt(Phase.Appointing), recorded]);
      await expect(sec.appointPanel(s.disputeId, p, [], FIRST(s))).to.emit(s.panel, "PanelAppointed");
    });

    it("recuses a party who is an expert", async function () {
      const s = await loadFixture(fixture);
      await s.manager.grantRole(ROLE.EXPERT, s.bob.address, 0);
      await expect(
        appoint(s.panel.connect(s.secretariat), s.disputeId, [
          s.experts[0].address,
          s.experts[1].address,
          s.bob.address,
        ]),
      )
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecused")
        .withArgs(s.bob.address, s.bob.address);
    });

    it("recuses an expert who declared an affiliation with a party", async function () {
      const s = await loadFixture(fixture);
      await s.panel.connect(s.experts[1]).declareAffiliation(s.alice.address);
      await expect(appoint(s.panel.connect(s.secretariat), s.disputeId, addrs(s.experts.slice(0, 3))))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecused")
        .withArgs(s.experts[1].address, s.alice.address);
    });

    it("recuses an expert the secretariat registered as affiliated with a party", async function () {
      const s = await loadFixture(fixture);
      await s.panel.connect(s.secretariat).registerAffiliation(s.experts[2].address, s.bob.address);
      await expect(appoint(s.panel.connect(s.secretariat), s.disputeId, addrs(s.experts.slice(0, 3))))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecused")
        .withArgs(s.experts[2].address, s.bob.address);
      await appoint(s.panel.connect(s.secretariat), s.disputeId, addrs(s.experts.slice(3, 6)));
    });
  });

  describe("vote", function () {
    it("records a panellist's vote in its seat with its reasons hash", async function () {
      const s = await loadFixture(fixture);
      await appointed(s);
      await expect(voteOf(s, FIRST(s), 1, 2))
        .to.emit(s.panel, "VoteCast")
        .withArgs(s.disputeId, 0, s.experts[1].address, 2, REASONS);
      expect(await s.panel.votesOf(s.disputeId, 0)).to.deep.equal(seats(0n, 2n));
      expect(await s.panel.votesFor(s.disputeId, 0, 2)).to.equal(1n);
      expect(await s.panel.votesFor(s.disputeId, 0, 1)).to.equal(0n);
      expect(await s.panel.votesFor(s.disputeId, 1, 2)).to.equal(0n);
      expect(await s.panel.votesFor(s.disputeId, 2, 2)).to.equal(0n);
      expect(await s.panel.currentRuling(s.disputeId)).to.equal(0n);
    });

    it("accepts a vote at the window's end - 1 s and at its end, not at end + 1 s (A5)", async function () {
      const s = await loadFixture(fixture);
      const end = await appointed(s);
      await time.setNextBlockTimestamp(end - 1n);
      await voteOf(s, FIRST(s), 0, 1);
      await time.setNextBlockTimestamp(end);
      await voteOf(s, FIRST(s), 1, 1);
      const late = () => voteOf(s, FIRST(s), 2, 2);
      await expectPanelRevertAt(s, end + 1n, late, "PanelArbitratorVotingClosed", s.disputeId, end);
    });

    it("reverts a vote off the panel, twice, out of range, without reasons, or before appointment", async function () {
      const s = await loadFixture(fixture);
      await expect(voteOf(s, FIRST(s), 0, 1))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnexpectedPhase")
        .withArgs(s.disputeId, Phase.Appointing, Phase.Voting);
      await appointed(s);
      await expect(voteOf(s, FIRST(s), 5, 1))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorNotOnPanel")
        .withArgs(s.disputeId, s.experts[5].address);
      for (const c of [0, 3]) {
        await expect(voteOf(s, FIRST(s), 0, c))
          .to.be.revertedWithCustomError(s.panel, "PanelArbitratorInvalidChoice")
          .withArgs(c);
      }
      await expect(voteOf(s, FIRST(s), 0, 1, ethers.ZeroHash)).to.be.revertedWithCustomError(
        s.panel,
        "PanelArbitratorZeroReasons",
      );
      await voteOf(s, FIRST(s), 0, 1);
      await expect(voteOf(s, FIRST(s), 0, 2))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorAlreadyVoted")
        .withArgs(s.disputeId, s.experts[0].address);
      expect(await s.panel.votesOf(s.disputeId, 0)).to.deep.equal(seats(1n));
    });

    it("refuses a list other than the appointed one: another order, a seat left out, an outsider added or swapped in", async function () {
      const s = await loadFixture(fixture);
      await appointed(s);
      const [a, b, c] = FIRST(s);
      const outsider = s.experts[5].address;
      for (const [i, list] of [
        [0, [b, a, c]],
        [0, [a, b]],
        [0, [a, b, c, outsider]],
        [5, [a, b, c, outsider]],
        [5, [a, b, outsider]],
        [0, []],
      ] as [number, string[]][]) {
        await expect(voteOf(s, list, i, 1))
          .to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecordMismatch")
          .withArgs(s.disputeId, recordOf(PARTIES(s), [a, b, c]), recordOf(PARTIES(s), list));
      }
      expect(await s.panel.votesOf(s.disputeId, 0)).to.deep.equal(seats());
    });

    it("refuses the appointed list with a parties tuple of one field changed, and counts no vote", async function () {
      const s = await loadFixture(fixture);
      await appointed(s);
      const recorded = recordOf(PARTIES(s), FIRST(s));
      const p = PARTIES(s);
      for (const wrong of [
        { ...p, claimant: s.stranger.address },
        { ...p, respondent: s.stranger.address },
        { ...p, votingPeriod: VOTING + 1 },
        { ...p, panelSize: 5 },
      ]) {
        await expect(s.panel.connect(s.experts[0]).vote(s.disputeId, wrong, FIRST(s), 1, REASONS))
          .to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecordMismatch")
          .withArgs(s.disputeId, recorded, recordOf(wrong, FIRST(s)));
      }
      expect(await s.panel.votesOf(s.disputeId, 0)).to.deep.equal(seats());
      await expect(s.panel.connect(s.experts[0]).vote(s.disputeId, p, FIRST(s), 1, REASONS)).to.emit(
        s.panel,
        "VoteCast",
      );
    });

    it("recuses a panellist affiliated with a party after its appointment", async function () {
      const s = await loadFixture(fixture);
      await appointed(s);
      await s.panel.connect(s.secretariat).registerAffiliation(s.experts[0].address, s.bob.address);
      await expect(voteOf(s, FIRST(s), 0, 2))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecused")
        .withArgs(s.experts[0].address, s.bob.address);
    });
  });

  describe("the ruling", function () {
    it("is fixed by the vote that gives a choice a majority of the whole panel, with that vote's reasons", async function () {
      const s = await loadFixture(fixture);
      await appointed(s);
      await expect(voteOf(s, FIRST(s), 0, 2, sha("dissent"))).not.to.emit(s.panel, "PanelRuled");
      await expect(voteOf(s, FIRST(s), 1, 1, sha("rapporteur"))).not.to.emit(s.panel, "PanelRuled");
      expect(await s.panel.currentRuling(s.disputeId)).to.equal(0n);
      await expect(voteOf(s, FIRST(s), 2, 1, sha("concurring")))
        .to.emit(s.panel, "PanelRuled")
        .withArgs(s.disputeId, 0, 1, sha("concurring"));
      expect(await s.panel.currentRuling(s.disputeId)).to.equal(1n);
      expect((await s.panel.disputeOf(s.disputeId)).ruling).to.equal(1n);
      expect(await s.panel.votesFor(s.disputeId, 0, 1)).to.equal(2n);
      expect(await s.panel.votesFor(s.disputeId, 0, 2)).to.equal(1n);
    });

    it("the last panellist's vote ends the vote at once; the appeal window follows from its time", async function () {
      const s = await loadFixture(fixture);
      const end = await appointed(s);
      await voteOf(s, FIRST(s), 0, 1);
      await voteOf(s, FIRST(s), 1, 1);
      const tx = await voteOf(s, FIRST(s), 2, 2);
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      expect(at).to.be.lessThan(end);
      await expect(tx).to.emit(s.panel, "VotingEnded").withArgs(s.disputeId, 0, at);
      const d = await s.panel.disputeOf(s.disputeId);
      expect([d.phase, d.votingEndsAt]).to.deep.equal([BigInt(Phase.Voting), at]);
      expect(await s.panel.disputeStatus(s.disputeId)).to.equal(Status.Waiting);
      await time.increase(1);
      const after = await s.panel.disputeOf(s.disputeId);
      expect([after.phase, after.appealStart, after.appealEndsAt]).to.deep.equal([
        BigInt(Phase.Appealable),
        at + 1n,
        at + BigInt(APPEAL),
      ]);
      expect(await s.panel.appealPeriod(s.disputeId)).to.deep.equal([at + 1n, at + BigInt(APPEAL)]);
      expect(await s.panel.disputeStatus(s.disputeId)).to.equal(Status.Appealable);
    });

    it("waits while votes are missing, also at the window's end; at end + 1 s the vote is over, refused without a majority (A5)", async function () {
      const s = await loadFixture(fixture);
      const end = await appointed(s);
      await voteOf(s, FIRST(s), 0, 1);
      const execute = () => s.panel.executeRuling(s.disputeId);
      for (const t of [end - 1n, end]) {
        await expectPanelRevertAt(s, t, execute, "PanelArbitratorVotingOpen", s.disputeId, end);
        expect((await s.panel.disputeOf(s.disputeId)).phase).to.equal(Phase.Voting);
        expect(await s.panel.disputeStatus(s.disputeId)).to.equal(Status.Waiting);
        // ERC-792's next appeal period: it follows the vote.
        expect(await s.panel.appealPeriod(s.disputeId)).to.deep.equal([end + 1n, end + BigInt(APPEAL)]);
      }
      // end + 1 s: one vote of three is no majority, so the panel refuses (0); the appeal window is open.
      await time.increaseTo(end + 1n);
      expect(await s.panel.disputeStatus(s.disputeId)).to.equal(Status.Appealable);
      expect(await s.panel.currentRuling(s.disputeId)).to.equal(0n);
      expect(await s.panel.appealPeriod(s.disputeId)).to.deep.equal([end + 1n, end + BigInt(APPEAL)]);
      await time.increaseTo(end + BigInt(APPEAL) + 1n);
      const tx = await execute();
      await expect(tx).to.emit(s.panel, "RulingGiven").withArgs(s.disputeId, 0);
      // The refusal waits with the dispute in DisputeResolution until the claim's ruling is executed.
      await expect(tx).to.emit(s.disputes, "ClaimRuled").withArgs(s.claimId, 0n);
      await s.disputes.executeRuling(s.rec, s.disputeId);
      expect((await s.disputes.claimStateOf(s.rec, 0n)).ruling).to.equal(0n);
    });
  });

  describe("appeal", function () {
    it("sends the dispute to an enlarged panel of 2n + 1 when a party appeals inside the window (end - 1 s)", async function () {
      const s = await loadFixture(fixture);
      const end = await firstRuling(s, [1, 1, 2]);
      await time.setNextBlockTimestamp(end - 1n);
      await expect(s.disputes.connect(s.bob).appeal(s.rec, s.disputeId))
        .to.emit(s.panel, "AppealDecision")
        .withArgs(s.disputeId, s.drAddress);
      const d = await s.panel.disputeOf(s.disputeId);
      expect([d.round, d.phase, d.ruling]).to.deep.equal([1n, BigInt(Phase.Appointing), 0n]);
      expect(await s.panel.appealPeriod(s.disputeId)).to.deep.equal([0n, 0n]);
      await expect(appoint(s.panel.connect(s.secretariat), s.disputeId, FIRST(s)))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorWrongPanelSize")
        .withArgs(3, 7);
      const seven = addrs(s.experts.slice(0, 7));
      // The appeal's appointment hands back the first round's panel, the latest appointed.
      await expect(s.panel.connect(s.secretariat).appointPanel(s.disputeId, PARTIES(s), [], seven))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecordMismatch")
        .withArgs(s.disputeId, recordOf(PARTIES(s), FIRST(s)), recordOf(PARTIES(s), []));
      await expect(appoint(s.panel.connect(s.secretariat), s.disputeId, seven))
        .to.emit(s.panel, "PanelAppointed")
        .withArgs(s.disputeId, 1, seven, anyValue);
      expect((await s.panel.disputeOf(s.disputeId)).record).to.equal(recordOf(PARTIES(s), seven));
      // The first round's votes stay readable; its list no longer votes.
      expect(await s.panel.votesOf(s.disputeId, 0)).to.deep.equal(seats(1n, 1n, 2n));
      expect(await s.panel.votesOf(s.disputeId, 1)).to.deep.equal(seats());
      await expect(voteOf(s, FIRST(s), 0, 1))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecordMismatch")
        .withArgs(s.disputeId, recordOf(PARTIES(s), seven), recordOf(PARTIES(s), FIRST(s)));
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

    it("refuses an appeal while the first round votes", async function () {
      const s = await loadFixture(fixture);
      const end = await appointed(s);
      const dr = await asDisputes(s);
      const early = () => s.panel.connect(dr).appeal(s.disputeId, "0x");
      await expectPanelRevertAt(
        s,
        end,
        early,
        "PanelArbitratorUnexpectedPhase",
        s.disputeId,
        Phase.Voting,
        Phase.Appealable,
      );
    });

    it("allows one appeal only: the appeal panel's ruling is final once its vote ended (end reverts, end + 1 s works)", async function () {
      const s = await loadFixture(fixture);
      await firstRuling(s, [2, 2, 1]);
      await s.disputes.connect(s.alice).appeal(s.rec, s.disputeId);
      const seven = addrs(s.experts.slice(0, 7));
      await appoint(s.panel.connect(s.secretariat), s.disputeId, seven);
      const end = (await s.panel.disputeOf(s.disputeId)).votingEndsAt;
      for (let i = 0; i < 6; i++) await voteOf(s, seven, i, i < 4 ? 1 : 2, sha(`appeal ${i}`));
      const execute = () => s.panel.executeRuling(s.disputeId);
      await expectPanelRevertAt(s, end, execute, "PanelArbitratorVotingOpen", s.disputeId, end);
      await time.setNextBlockTimestamp(end + 1n);
      await mine();
      expect((await s.panel.disputeOf(s.disputeId)).phase).to.equal(Phase.Final);
      expect(await s.panel.disputeStatus(s.disputeId)).to.equal(Status.Solved);
      expect(await s.panel.appealPeriod(s.disputeId)).to.deep.equal([0n, 0n]);
      const dr = await asDisputes(s);
      await expect(s.panel.connect(dr).appeal(s.disputeId, "0x"))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnexpectedPhase")
        .withArgs(s.disputeId, Phase.Final, Phase.Appealable);
      const tx = await execute();
      await expect(tx).to.emit(s.panel, "RulingGiven").withArgs(s.disputeId, 1);
      await expect(tx).to.emit(s.disputes, "ClaimRuled").withArgs(s.claimId, RULING.UPHELD);
      expect(await s.panel.disputeStatus(s.disputeId)).to.equal(Status.Solved);
      await expect(s.panel.connect(dr).appeal(s.disputeId, "0x"))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnexpectedPhase")
        .withArgs(s.disputeId, Phase.Solved, Phase.Appealable);
      await expect(execute())
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnexpectedPhase")
        .withArgs(s.disputeId, Phase.Solved, Phase.Final);
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

  describe("the largest panel", function () {
    it("takes a vote on a 31-seat appeal panel, the last seat's forming the majority, under the 100,000 gas cap", async function () {
      const s = await loadFixture(fixture);
      await s.panel.connect(s.council).setPanelParams(15, VOTING, APPEAL);
      await s.manager.grantRole(ROLE.DISPUTES_MODULE, s.stranger.address, 0);
      const data = ethers.AbiCoder.defaultAbiCoder().encode(
        ["address", "address"],
        [s.alice.address, s.bob.address],
      );
      await s.panel.connect(s.stranger).createDispute(2, data);
      const id = await s.panel.disputeCount();
      const experts = [];
      for (let i = 0; i < 31; i++) {
        const w = ethers.Wallet.createRandom().connect(ethers.provider);
        await setBalance(w.address, ethers.parseEther("1"));
        await s.manager.grantRole(ROLE.EXPERT, w.address, 0);
        experts.push(w);
      }
      const list = experts.map((e) => e.address);
      await appoint(s.panel.connect(s.secretariat), id, list.slice(0, 15));
      await time.increase(VOTING + 1);
      await s.panel.connect(s.stranger).appeal(id, "0x");
      await appoint(s.panel.connect(s.secretariat), id, list);
      // Seats 15..29 vote 1 (15 votes), seat 30 gives choice 1 its majority of 16.
      for (let i = 15; i < 30; i++) await castVote(s.panel.connect(experts[i]), id, list, 1, sha(`r${i}`));
      const tx = await castVote(s.panel.connect(experts[30]), id, list, 1, sha("r30"));
      await expect(tx).to.emit(s.panel, "PanelRuled").withArgs(id, 1, 1, sha("r30"));
      // The cap holds for the compiled contracts (`npm test`); instrumented for coverage, every
      // statement costs extra gas, so the figure means nothing there.
      if (!INSTRUMENTED) expect((await tx.wait())!.gasUsed).to.be.lessThan(100_000n);
      expect(await s.panel.votesFor(id, 1, 1)).to.equal(16n);
      expect(await s.panel.currentRuling(id)).to.equal(1n);
    });
  });

  describe("executeRuling", function () {
    it("sends the ruling to DisputeResolution only after the appeal window: end reverts, end + 1 s works (A5, C2)", async function () {
      const s = await loadFixture(fixture);
      await expect(s.panel.executeRuling(s.disputeId))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorUnexpectedPhase")
        .withArgs(s.disputeId, Phase.Appointing, Phase.Appealable);
      const end = await firstRuling(s, [1, 2, 1]);
      const execute = () => s.panel.executeRuling(s.disputeId);
      await expectPanelRevertAt(s, end, execute, "PanelArbitratorAppealOpen", s.disputeId, end);
      await time.setNextBlockTimestamp(end + 1n);
      const tx = await s.panel.executeRuling(s.disputeId);
      await expect(tx)
        .to.emit(s.disputes, "Ruling")
        .withArgs(await s.panel.getAddress(), s.disputeId, 1);
      await expect(tx).to.emit(s.disputes, "ClaimRuled").withArgs(s.claimId, RULING.UPHELD);
      // The ruling waits with the dispute: the claim stays in Arbitration until `executeRuling`.
      expect((await s.disputes.claimStateOf(s.rec, 0n)).status).to.equal(ClaimStatus.Arbitration);
      expect(await s.panel.disputeStatus(s.disputeId)).to.equal(Status.Solved);
      const d = await s.panel.disputeOf(s.disputeId);
      expect([d.phase, d.ruling, d.appealEndsAt]).to.deep.equal([BigInt(Phase.Solved), 1n, end]);
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
      // The dispute keeps its parameters: its record still commits to a panel of 3.
      expect((await s.panel.disputeOf(s.disputeId)).record).to.equal(recordOf(PARTIES(s), []));
      await expect(appoint(s.panel.connect(s.secretariat), s.disputeId, addrs(s.experts.slice(0, 5))))
        .to.be.revertedWithCustomError(s.panel, "PanelArbitratorWrongPanelSize")
        .withArgs(5, 3);
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
