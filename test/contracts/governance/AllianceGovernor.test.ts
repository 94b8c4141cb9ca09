import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import {
  Call,
  DAY,
  Kind,
  ProposalState,
  ROLES,
  Reserved,
  Status,
  Suite,
  Vote,
  admitCall,
  applyAs,
  defaultCharterParams,
  deploySuite,
  descriptionHash,
  execute,
  memberCall,
  propose,
  proposeAndExecute,
  queue,
  toAfterDeadline,
  toVoting,
  selector,
} from "../../helpers/suite";

const REASON = ethers.id("expulsion decision");
const bitmap = (...states: number[]) => states.reduce((m, st) => m | (1n << BigInt(st)), 0n);

/** Five founders (E, U, RI, E, U); the timelock is the only COUNCIL and ADMIN. */
async function fixture() {
  return deploySuite({ founders: 5 });
}

/** Five founders; the deployer keeps COUNCIL and DISCIPLINE, so it can admit, suspend and expel at once. */
async function unitCouncilFixture() {
  return deploySuite({ founders: 5, unitCouncil: true });
}

/** An applicant and a proposal to admit it, at the start of voting. */
async function admissionFixture() {
  const s = await fixture();
  const applicant = s.others[0];
  await applyAs(s, applicant, { kind: Kind.ResearchInstitute });
  const calls = [admitCall(s, applicant.address)];
  const description = "Admit a research institute";
  const id = await propose(s, s.founders[0], calls, description);
  return { ...s, applicant, calls, description, id };
}

/** A harmless ordinary call: naming the lead unit. */
function ordinaryCall(s: Suite, lead: string): Call {
  return memberCall(s, "setLeadUnit", [lead]);
}

/** Founder i casts votes[i]. */
function byFounder(votes: number[]): [number, number][] {
  return votes.map((v, i) => [i, v]);
}

async function voteAll(s: Suite, id: bigint, votes: [HardhatEthersSigner, number][]) {
  for (const [v, support] of votes) await s.governor.connect(v).castVote(id, support);
}

describe("AllianceGovernor", function () {
  describe("constructor", function () {
    it("sets name, timestamp clock, counting mode and settings", async function () {
      const s = await loadFixture(fixture);
      expect(await s.governor.name()).to.equal("Covenant Council");
      expect(await s.governor.CLOCK_MODE()).to.equal("mode=timestamp");
      await mine(1);
      expect(await s.governor.clock()).to.equal(BigInt(await time.latest()));
      expect(await s.governor.COUNTING_MODE()).to.equal("support=bravo&quorum=for,abstain");
      expect(await s.governor.votingDelay()).to.equal(BigInt(DAY));
      expect(await s.governor.votingPeriod()).to.equal(BigInt(7 * DAY));
      expect(await s.governor.proposalThreshold()).to.equal(1n);
      expect(await s.governor.QUEUE_WINDOW()).to.equal(BigInt(14 * DAY));
      expect(await s.governor.timelock()).to.equal(s.timelock.target);
      expect(await s.governor.CHARTER()).to.equal(s.charter.target);
      expect(await s.governor.token()).to.equal(s.membership.target);
    });

    it("wires the timelock: governor proposes and cancels, anyone executes, nobody else administers", async function () {
      const s = await loadFixture(fixture);
      const t = s.timelock;
      expect(await t.hasRole(await t.PROPOSER_ROLE(), s.governor.target)).to.equal(true);
      expect(await t.hasRole(await t.CANCELLER_ROLE(), s.governor.target)).to.equal(true);
      expect(await t.hasRole(await t.EXECUTOR_ROLE(), ethers.ZeroAddress)).to.equal(true);
      expect(await t.hasRole(await t.DEFAULT_ADMIN_ROLE(), s.deployer.address)).to.equal(false);
      expect(await t.hasRole(await t.DEFAULT_ADMIN_ROLE(), t.target)).to.equal(true);
      for (const role of [ROLES.ADMIN, ROLES.COUNCIL, ROLES.DISCIPLINE]) {
        expect((await s.manager.hasRole(role, t.target))[0]).to.equal(true);
        expect((await s.manager.hasRole(role, s.deployer.address))[0]).to.equal(false);
      }
    });

    it("stores the reserved set given at construction", async function () {
      const s = await loadFixture(fixture);
      const sel = (fn: string) => selector(s.membership, fn);
      for (const fn of ["admit", "suspend", "reinstate", "expel"]) {
        expect(await s.governor.reservedEntry(s.membership.target, sel(fn))).to.equal(
          Reserved.ReservedAboutMember,
        );
      }
      expect(await s.governor.reservedEntry(s.membership.target, sel("setLeadUnit"))).to.equal(Reserved.None);
      expect(await s.governor.reservedEntry(s.manager.target, "0x00000000")).to.equal(Reserved.Reserved);
    });

    it("reverts on zero addresses, a zero queue window and a reserved entry for the timelock", async function () {
      const s = await loadFixture(fixture);
      const f = await ethers.getContractFactory("AllianceGovernor");
      const cfg = { votingDelay: DAY, votingPeriod: DAY, proposalThreshold: 1, queueWindow: DAY };
      const [m, t, c] = [s.membership.target, s.timelock.target, s.charter.target] as string[];
      const z = ethers.ZeroAddress;
      for (const args of [
        [z, t, c],
        [m, z, c],
        [m, t, z],
      ]) {
        await expect(f.deploy(args[0], args[1], args[2], cfg, [])).to.be.revertedWithCustomError(
          f,
          "AllianceGovernorZeroAddress",
        );
      }
      await expect(f.deploy(m, t, c, { ...cfg, queueWindow: 0 }, [])).to.be.revertedWithCustomError(
        f,
        "AllianceGovernorZeroQueueWindow",
      );
      await expect(
        f.deploy(m, t, c, cfg, [{ target: z, selector: "0x12345678", kind: Reserved.Reserved }]),
      ).to.be.revertedWithCustomError(f, "AllianceGovernorZeroAddress");
      await expect(f.deploy(m, t, c, cfg, [{ target: t, selector: "0x12345678", kind: Reserved.None }]))
        .to.be.revertedWithCustomError(f, "AllianceGovernorInvalidReservedCall")
        .withArgs(t, "0x12345678");
    });
  });

  describe("propose", function () {
    it("refuses a stranger and the secretariat, experts, supervisor, arbitrator (no seat)", async function () {
      const s = await loadFixture(fixture);
      for (const who of [s.stranger, s.secretariat, s.expert, s.supervisor, s.arbitrator, s.deployer]) {
        await expect(propose(s, who, [ordinaryCall(s, s.founders[1].address)], "x"))
          .to.be.revertedWithCustomError(s.governor, "GovernorInsufficientProposerVotes")
          .withArgs(who.address, 0n, 1n);
      }
    });

    it("fixes an ordinary proposal's rules from the charter at creation", async function () {
      const s = await loadFixture(fixture);
      const calls = [ordinaryCall(s, s.founders[1].address)];
      const tx = s.governor
        .connect(s.founders[0])
        .propose([calls[0].target], [0], [calls[0].data], "Name founder 1 lead unit");
      const id = await s.governor.hashProposal(
        [calls[0].target],
        [0],
        [calls[0].data],
        descriptionHash("Name founder 1 lead unit"),
      );
      await expect(tx).to.emit(s.governor, "ProposalRulesFixed").withArgs(id, false, 5000, 6667);
      const r = await s.governor.proposalRules(id);
      expect([r.reserved, r.quorumBps, r.supermajorityBps]).to.deep.equal([false, 5000n, 6667n]);
    });

    it("marks a proposal reserved when any call is reserved, and recuses the member it is about", async function () {
      const s = await loadFixture(fixture);
      const subject = s.founders[4].address;
      const calls = [ordinaryCall(s, s.founders[1].address), memberCall(s, "expel", [subject, REASON])];
      const desc = "Expel founder 4";
      const id = s.governor.hashProposal(
        calls.map((c) => c.target),
        [0, 0],
        calls.map((c) => c.data),
        descriptionHash(desc),
      );
      await expect(
        s.governor.connect(s.founders[0]).propose(
          calls.map((c) => c.target),
          [0, 0],
          calls.map((c) => c.data),
          desc,
        ),
      )
        .to.emit(s.governor, "VoterRecused")
        .withArgs(await id, subject);
      expect((await s.governor.proposalRules(await id)).reserved).to.equal(true);
      expect(await s.governor.isRecused(await id, subject)).to.equal(true);
      expect(await s.governor.isRecused(await id, s.founders[0].address)).to.equal(false);
    });

    it("reverts when the charter's thresholds cannot be met", async function () {
      const s = await loadFixture(fixture);
      await s.charter.setParams({ ...defaultCharterParams(), supermajorityBps: 10_001 });
      await expect(propose(s, s.founders[0], [ordinaryCall(s, s.founders[1].address)], "x"))
        .to.be.revertedWithCustomError(s.governor, "AllianceGovernorInvalidThreshold")
        .withArgs(5000, 10_001);
    });
  });

  describe("reservedKindOf", function () {
    it("reserves every call to the governor and to its timelock, and applies selector over ANY entries", async function () {
      const s = await loadFixture(fixture);
      const g = s.governor;
      const setDelay = g.interface.encodeFunctionData("setVotingDelay", [1]);
      expect(await g.reservedKindOf(g.target, setDelay)).to.equal(Reserved.Reserved);
      expect(await g.reservedKindOf(s.timelock.target, "0x")).to.equal(Reserved.Reserved);
      const grant = s.manager.interface.encodeFunctionData("grantRole", [
        ROLES.COUNCIL,
        s.stranger.address,
        0,
      ]);
      expect(await g.reservedKindOf(s.manager.target, grant)).to.equal(Reserved.Reserved);
      expect(await g.reservedKindOf(s.manager.target, "0x")).to.equal(Reserved.Reserved);
      expect(await g.reservedKindOf(s.membership.target, admitCall(s, s.stranger.address).data)).to.equal(
        Reserved.ReservedAboutMember,
      );
      expect(await g.reservedKindOf(s.membership.target, ordinaryCall(s, s.stranger.address).data)).to.equal(
        Reserved.None,
      );
      expect(await g.reservedKindOf(s.token.target, "0x")).to.equal(Reserved.None);
    });
  });

  describe("castVote", function () {
    it("refuses a vote before the voting starts, also at the snapshot (A5: start)", async function () {
      const s = await loadFixture(admissionFixture);
      const snapshot = await s.governor.proposalSnapshot(s.id);
      await time.setNextBlockTimestamp(snapshot);
      await expect(s.governor.connect(s.founders[0]).castVote(s.id, Vote.For))
        .to.be.revertedWithCustomError(s.governor, "GovernorUnexpectedProposalState")
        .withArgs(s.id, ProposalState.Pending, bitmap(ProposalState.Active));
      await time.setNextBlockTimestamp(snapshot + 1n);
      await s.governor.connect(s.founders[0]).castVote(s.id, Vote.For);
    });

    it("A5: accepts a vote at the deadline - 1 s and at the deadline, refuses it at the deadline + 1 s", async function () {
      const s = await loadFixture(admissionFixture);
      const deadline = await s.governor.proposalDeadline(s.id);
      await time.setNextBlockTimestamp(deadline - 1n);
      await s.governor.connect(s.founders[0]).castVote(s.id, Vote.For);
      await time.setNextBlockTimestamp(deadline);
      await s.governor.connect(s.founders[1]).castVote(s.id, Vote.For);
      await time.setNextBlockTimestamp(deadline + 1n);
      await expect(s.governor.connect(s.founders[2]).castVote(s.id, Vote.For))
        .to.be.revertedWithCustomError(s.governor, "GovernorUnexpectedProposalState")
        .withArgs(s.id, ProposalState.Defeated, bitmap(ProposalState.Active));
    });

    it("refuses a stranger and every non-member role (no voting power at the snapshot)", async function () {
      const s = await loadFixture(admissionFixture);
      await toVoting(s, s.id);
      const snapshot = await s.governor.proposalSnapshot(s.id);
      for (const who of [s.stranger, s.secretariat, s.expert, s.supervisor, s.arbitrator, s.applicant]) {
        await expect(s.governor.connect(who).castVote(s.id, Vote.For))
          .to.be.revertedWithCustomError(s.governor, "AllianceGovernorNoVotingPower")
          .withArgs(s.id, who.address, snapshot);
      }
    });

    it("A2: a member admitted after the snapshot cannot vote, and quorum uses the seats at the snapshot", async function () {
      // The deployer keeps COUNCIL here so the admission can land inside the voting period.
      const s = await loadFixture(unitCouncilFixture);
      const calls = [ordinaryCall(s, s.founders[1].address)];
      const id = await propose(s, s.founders[0], calls, "Ordinary");
      await toVoting(s, id);
      const snapshot = await s.governor.proposalSnapshot(id);
      const late = s.others.slice(0, 2);
      for (const l of late) {
        await applyAs(s, l);
        await s.membership.admit(l.address);
      }
      expect(await s.membership.getVotes(late[0].address)).to.equal(1n);
      await expect(s.governor.connect(late[0]).castVote(id, Vote.For))
        .to.be.revertedWithCustomError(s.governor, "AllianceGovernorNoVotingPower")
        .withArgs(id, late[0].address, snapshot);
      // 5 seats at the snapshot: quorum 3, although 7 seats exist now (ceil(3.5) = 4).
      expect(await s.governor.proposalQuorum(id)).to.equal(3n);
      await mine(1);
      expect(await s.governor.quorum((await time.latest()) - 1)).to.equal(4n);
      await voteAll(s, id, [
        [s.founders[0], Vote.For],
        [s.founders[1], Vote.For],
        [s.founders[2], Vote.For],
      ]);
      await toAfterDeadline(s, id);
      expect(await s.governor.state(id)).to.equal(ProposalState.Succeeded);
    });

    it("A2: a member suspended after the snapshot keeps its vote on that proposal (power at the snapshot)", async function () {
      const s = await loadFixture(unitCouncilFixture);
      const id = await propose(s, s.founders[0], [ordinaryCall(s, s.founders[1].address)], "Ordinary");
      await toVoting(s, id);
      await s.membership.suspend(s.founders[3].address, REASON);
      await s.governor.connect(s.founders[3]).castVote(id, Vote.Against);
      const [against] = await s.governor.proposalVotes(id);
      expect(against).to.equal(1n);
    });

    it("A3: refuses a second vote", async function () {
      const s = await loadFixture(admissionFixture);
      await toVoting(s, s.id);
      await s.governor.connect(s.founders[0]).castVote(s.id, Vote.For);
      await expect(s.governor.connect(s.founders[0]).castVote(s.id, Vote.Against))
        .to.be.revertedWithCustomError(s.governor, "GovernorAlreadyCastVote")
        .withArgs(s.founders[0].address);
    });

    it("A3: refuses a second vote after the voter was expelled and re-admitted", async function () {
      const s = await loadFixture(unitCouncilFixture);
      const v = s.founders[3];
      const calls = [ordinaryCall(s, s.founders[1].address)];
      const id = await propose(s, s.founders[0], calls, "Ordinary");
      await toVoting(s, id);
      await s.governor.connect(v).castVote(id, Vote.For);
      const entity = (await s.membership.memberOf(v.address)).entityId;
      await s.membership.expel(v.address, REASON);
      await applyAs(s, v, { id: entity });
      await s.membership.admit(v.address);
      expect(await s.membership.balanceOf(v.address)).to.equal(1n);
      await expect(s.governor.connect(v).castVote(id, Vote.For))
        .to.be.revertedWithCustomError(s.governor, "GovernorAlreadyCastVote")
        .withArgs(v.address);
      const [, forVotes] = await s.governor.proposalVotes(id);
      expect(forVotes).to.equal(1n);
    });

    it("refuses the vote of the member a reserved proposal is about (recusal)", async function () {
      const s = await loadFixture(fixture);
      const subject = s.founders[4];
      const calls = [memberCall(s, "expel", [subject.address, REASON])];
      const id = await propose(s, s.founders[0], calls, "Expel");
      await toVoting(s, id);
      await expect(s.governor.connect(subject).castVote(id, Vote.Against))
        .to.be.revertedWithCustomError(s.governor, "AllianceGovernorVoterRecused")
        .withArgs(id, subject.address);
    });
  });

  describe("counting (votes cast = For + Against; abstentions count for quorum only)", function () {
    async function outcome(
      s: Suite,
      calls: Call[],
      votes: [number, number][],
      description = "Outcome",
    ): Promise<bigint> {
      const id = await propose(s, s.founders[0], calls, description);
      await toVoting(s, id);
      await voteAll(
        s,
        id,
        votes.map(([i, v]) => [s.founders[i], v]),
      );
      await toAfterDeadline(s, id);
      return s.governor.state(id);
    }

    const { For: F, Against: A, Abstain: X } = Vote;
    const cases = [
      {
        title: "ordinary: passes with For > Against (3 For, 2 Against)",
        reserved: false,
        votes: [F, F, F, A, A],
        state: ProposalState.Succeeded,
      },
      {
        title: "ordinary: a tie fails (2 For, 2 Against, 1 Abstain)",
        reserved: false,
        votes: [F, F, A, A, X],
        state: ProposalState.Defeated,
      },
      {
        title: "reserved: 3 For of 5 cast (60%) is not two thirds and fails",
        reserved: true,
        votes: [F, F, F, A, A],
        state: ProposalState.Defeated,
      },
      {
        title: "reserved: exactly two thirds of votes cast passes (2 For, 1 Against, 2 Abstain)",
        reserved: true,
        votes: [F, F, A, X, X],
        state: ProposalState.Succeeded,
      },
      {
        title: "reserved: 4 For, 1 Against passes",
        reserved: true,
        votes: [F, F, F, F, A],
        state: ProposalState.Succeeded,
      },
    ];
    for (const c of cases) {
      it(c.title, async function () {
        // A reserved proposal (admission) or an ordinary one (naming the lead unit).
        const s: Suite & { calls?: Call[] } = await loadFixture(c.reserved ? admissionFixture : fixture);
        const calls = s.calls ?? [ordinaryCall(s, s.founders[1].address)];
        expect(await outcome(s, calls, byFounder(c.votes))).to.equal(c.state);
      });
    }

    it("quorum: For + Abstain must reach ceil(50% of 5 seats) = 3; Against does not count", async function () {
      const s = await loadFixture(fixture);
      const call = [ordinaryCall(s, s.founders[1].address)];
      expect(await outcome(s, call, byFounder([F, F]), "two")).to.equal(ProposalState.Defeated);
      expect(await outcome(s, call, byFounder([F, F, A, A]), "four")).to.equal(ProposalState.Defeated);
      expect(await outcome(s, call, byFounder([F, F, X]), "three")).to.equal(ProposalState.Succeeded);
    });

    it("keeps the thresholds fixed at creation when the charter changes later", async function () {
      const s = await loadFixture(fixture);
      const call = [ordinaryCall(s, s.founders[1].address)];
      const id = await propose(s, s.founders[0], call, "Fixed");
      await s.charter.setParams({ ...defaultCharterParams(), quorumBps: 10_000, supermajorityBps: 10_000 });
      await toVoting(s, id);
      await voteAll(s, id, [
        [s.founders[0], Vote.For],
        [s.founders[1], Vote.For],
        [s.founders[2], Vote.For],
      ]);
      await toAfterDeadline(s, id);
      expect(await s.governor.state(id)).to.equal(ProposalState.Succeeded);
      expect(await s.governor.proposalQuorum(id)).to.equal(3n);
      expect(await s.governor.quorum(await s.governor.proposalSnapshot(id))).to.equal(5n);
    });

    it("recusal: the others decide an expulsion (4 For of the 4 who may vote)", async function () {
      const s = await loadFixture(fixture);
      const subject = s.founders[4];
      const calls = [memberCall(s, "expel", [subject.address, REASON])];
      const { tx } = await proposeAndExecute(s, calls, { voters: s.founders.slice(0, 4) });
      await expect(tx).to.emit(s.membership, "MemberExpelled").withArgs(subject.address, REASON);
      expect(await s.membership.statusOf(subject.address)).to.equal(Status.Expelled);
    });
  });

  describe("end to end: admission through propose -> vote -> queue -> execute (F6)", function () {
    it("admits the applicant and gives it a seat", async function () {
      const s = await loadFixture(admissionFixture);
      expect(await s.governor.state(s.id)).to.equal(ProposalState.Pending);
      await toVoting(s, s.id);
      expect(await s.governor.state(s.id)).to.equal(ProposalState.Active);
      await voteAll(s, s.id, [
        [s.founders[0], Vote.For],
        [s.founders[1], Vote.For],
        [s.founders[2], Vote.For],
        [s.founders[3], Vote.Abstain],
      ]);
      await toAfterDeadline(s, s.id);
      expect(await s.governor.state(s.id)).to.equal(ProposalState.Succeeded);
      await expect(queue(s, s.calls, s.description)).to.emit(s.governor, "ProposalQueued");
      expect(await s.governor.state(s.id)).to.equal(ProposalState.Queued);
      await time.increaseTo(await s.governor.proposalEta(s.id));
      const tx = execute(s, s.calls, s.description);
      await expect(tx).to.emit(s.governor, "ProposalExecuted").withArgs(s.id);
      await expect(tx).to.emit(s.membership, "MemberAdmitted").withArgs(s.applicant.address, 6n);
      expect(await s.governor.state(s.id)).to.equal(ProposalState.Executed);
      expect(await s.membership.statusOf(s.applicant.address)).to.equal(Status.Active);
      expect(await s.membership.getVotes(s.applicant.address)).to.equal(1n);
    });
  });

  describe("queue and execute (A4, A5)", function () {
    async function passed() {
      const s = await admissionFixture();
      await toVoting(s, s.id);
      await voteAll(s, s.id, [
        [s.founders[0], Vote.For],
        [s.founders[1], Vote.For],
        [s.founders[2], Vote.For],
      ]);
      return s;
    }
    // OpenZeppelin 5.7 executes a proposal that needs queuing only from Queued.
    const EXEC = bitmap(ProposalState.Queued);

    it("A5: cannot be queued at the deadline - 1 s", async function () {
      const s = await loadFixture(passed);
      await time.setNextBlockTimestamp((await s.governor.proposalDeadline(s.id)) - 1n);
      await expect(queue(s, s.calls, s.description))
        .to.be.revertedWithCustomError(s.governor, "GovernorUnexpectedProposalState")
        .withArgs(s.id, ProposalState.Active, bitmap(ProposalState.Succeeded));
    });

    it("A5: is queued at the deadline + 1 s", async function () {
      const s = await loadFixture(passed);
      await time.setNextBlockTimestamp((await s.governor.proposalDeadline(s.id)) + 1n);
      await expect(queue(s, s.calls, s.description)).to.emit(s.governor, "ProposalQueued");
    });

    it("A4: cannot be queued before the voting ends (A5: at the deadline)", async function () {
      const s = await loadFixture(passed);
      const deadline = await s.governor.proposalDeadline(s.id);
      await time.setNextBlockTimestamp(deadline);
      await expect(queue(s, s.calls, s.description))
        .to.be.revertedWithCustomError(s.governor, "GovernorUnexpectedProposalState")
        .withArgs(s.id, ProposalState.Active, bitmap(ProposalState.Succeeded));
    });

    it("A4: cannot be executed before the voting ends (A5: at the deadline)", async function () {
      const s = await loadFixture(passed);
      await time.setNextBlockTimestamp(await s.governor.proposalDeadline(s.id));
      await expect(execute(s, s.calls, s.description))
        .to.be.revertedWithCustomError(s.governor, "GovernorUnexpectedProposalState")
        .withArgs(s.id, ProposalState.Active, EXEC);
    });

    it("A4: cannot be executed without queueing", async function () {
      const s = await loadFixture(passed);
      await toAfterDeadline(s, s.id);
      await expect(execute(s, s.calls, s.description))
        .to.be.revertedWithCustomError(s.governor, "GovernorUnexpectedProposalState")
        .withArgs(s.id, ProposalState.Succeeded, EXEC);
    });

    it("A5: the queue window: queues at deadline + window, expires at deadline + window + 1 s (A4)", async function () {
      const s = await loadFixture(passed);
      const deadline = await s.governor.proposalDeadline(s.id);
      const window = await s.governor.QUEUE_WINDOW();
      await time.setNextBlockTimestamp(deadline + window);
      await queue(s, s.calls, s.description);
      expect(await s.governor.state(s.id)).to.equal(ProposalState.Queued);
    });

    it("A4: an expired proposal can never be queued or executed", async function () {
      const s = await loadFixture(passed);
      const deadline = await s.governor.proposalDeadline(s.id);
      await time.increaseTo(deadline + (await s.governor.QUEUE_WINDOW()) + 1n);
      expect(await s.governor.state(s.id)).to.equal(ProposalState.Expired);
      await expect(queue(s, s.calls, s.description))
        .to.be.revertedWithCustomError(s.governor, "GovernorUnexpectedProposalState")
        .withArgs(s.id, ProposalState.Expired, bitmap(ProposalState.Succeeded));
      await expect(execute(s, s.calls, s.description))
        .to.be.revertedWithCustomError(s.governor, "GovernorUnexpectedProposalState")
        .withArgs(s.id, ProposalState.Expired, EXEC);
    });

    it("A5: execution at eta - 1 s reverts; at eta it executes; it cannot execute twice (A4)", async function () {
      const s = await loadFixture(passed);
      await toAfterDeadline(s, s.id);
      await queue(s, s.calls, s.description);
      const eta = await s.governor.proposalEta(s.id);
      await time.setNextBlockTimestamp(eta - 1n);
      await expect(execute(s, s.calls, s.description)).to.be.revertedWithCustomError(
        s.timelock,
        "TimelockUnexpectedOperationState",
      );
      await time.setNextBlockTimestamp(eta);
      await execute(s, s.calls, s.description);
      await expect(execute(s, s.calls, s.description))
        .to.be.revertedWithCustomError(s.governor, "GovernorUnexpectedProposalState")
        .withArgs(s.id, ProposalState.Executed, EXEC);
    });

    it("A5: executes at eta + 1 s; anyone may execute through the open timelock executor", async function () {
      const s = await loadFixture(passed);
      await toAfterDeadline(s, s.id);
      await queue(s, s.calls, s.description);
      const eta = await s.governor.proposalEta(s.id);
      await time.setNextBlockTimestamp(eta + 1n);
      // GovernorTimelockControl's salt: bytes20(governor) ^ descriptionHash.
      const salt = ethers.toBeHex(
        (BigInt(s.governor.target as string) << 96n) ^ BigInt(descriptionHash(s.description)),
        32,
      );
      await s.timelock.connect(s.stranger).executeBatch(
        s.calls.map((c) => c.target),
        [0],
        s.calls.map((c) => c.data),
        ethers.ZeroHash,
        salt,
      );
      expect(await s.governor.state(s.id)).to.equal(ProposalState.Executed);
      expect(await s.membership.statusOf(s.applicant.address)).to.equal(Status.Active);
    });
  });

  describe("A1: governance-only functions refuse a stranger, a non-member, a suspended and an expelled member", function () {
    it("reverts with GovernorOnlyExecutor", async function () {
      const s = await loadFixture(unitCouncilFixture);
      const [applicant, suspended, expelled] = s.others;
      await applyAs(s, applicant);
      for (const m of [suspended, expelled]) {
        await applyAs(s, m);
        await s.membership.admit(m.address);
      }
      await s.membership.suspend(suspended.address, REASON);
      await s.membership.expel(expelled.address, REASON);
      const g = s.governor;
      for (const who of [s.stranger, applicant, suspended, expelled, s.founders[0]]) {
        const c = g.connect(who);
        for (const tx of [
          c.setReservedCall(s.token.target, "0xa9059cbb", Reserved.Reserved),
          c.setVotingDelay(1),
          c.setVotingPeriod(1),
          c.setProposalThreshold(0),
          c.updateTimelock(s.stranger.address),
          c.relay(s.membership.target, 0, admitCall(s, applicant.address).data),
        ]) {
          await expect(tx).to.be.revertedWithCustomError(g, "GovernorOnlyExecutor").withArgs(who.address);
        }
      }
    });
  });

  describe("setReservedCall", function () {
    it("reverts unless called by governance (the timelock)", async function () {
      const s = await loadFixture(fixture);
      for (const who of [s.founders[0], s.stranger, s.deployer]) {
        await expect(s.governor.connect(who).setReservedCall(s.token.target, "0xa9059cbb", Reserved.Reserved))
          .to.be.revertedWithCustomError(s.governor, "GovernorOnlyExecutor")
          .withArgs(who.address);
      }
    });

    it("changes the reserved set through a reserved proposal", async function () {
      const s = await loadFixture(fixture);
      const sel = s.membership.interface.getFunction("setLeadUnit")!.selector;
      const call = {
        target: s.governor.target as string,
        data: s.governor.interface.encodeFunctionData("setReservedCall", [
          s.membership.target,
          sel,
          Reserved.Reserved,
        ]),
      };
      const { proposalId, tx } = await proposeAndExecute(s, [call]);
      expect((await s.governor.proposalRules(proposalId)).reserved).to.equal(true);
      await expect(tx)
        .to.emit(s.governor, "ReservedCallSet")
        .withArgs(s.membership.target, sel, Reserved.Reserved);
      expect(await s.governor.reservedEntry(s.membership.target, sel)).to.equal(Reserved.Reserved);
    });

    it("refuses entries for the zero address, the governor and the timelock (bubbled through execute)", async function () {
      const s = await loadFixture(fixture);
      const enc = (target: string) => ({
        target: s.governor.target as string,
        data: s.governor.interface.encodeFunctionData("setReservedCall", [
          target,
          "0x12345678",
          Reserved.None,
        ]),
      });
      await expect(proposeAndExecute(s, [enc(ethers.ZeroAddress)])).to.be.revertedWithCustomError(
        s.governor,
        "AllianceGovernorZeroAddress",
      );
      await expect(proposeAndExecute(s, [enc(s.timelock.target as string)]))
        .to.be.revertedWithCustomError(s.governor, "AllianceGovernorInvalidReservedCall")
        .withArgs(s.timelock.target, "0x12345678");
    });
  });

  describe("AccessManager role changes are reserved council decisions", function () {
    it("revoking the secretariat's role needs the supermajority and unconstitutes the alliance (F3)", async function () {
      const s = await loadFixture(fixture);
      await s.charter.setCharter(1, true);
      expect(await s.membership.isConstituted()).to.equal(true);
      const call = {
        target: s.manager.target as string,
        data: s.manager.interface.encodeFunctionData("revokeRole", [
          ROLES.SECRETARIAT,
          s.secretariat.address,
        ]),
      };
      const { proposalId } = await proposeAndExecute(s, [call]);
      expect((await s.governor.proposalRules(proposalId)).reserved).to.equal(true);
      expect(await s.membership.isConstituted()).to.equal(false);
    });
  });
});
