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
  admitMembers,
  applyAs,
  defaultCharterParams,
  deployFullSuite,
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

/** Five founders under a first charter they all signed, on the suite as Ignition deploys it. */
async function charteredFiveFixture() {
  const s = await deployFullSuite({ founders: 5 });
  const doc = ethers.sha256(ethers.toUtf8Bytes("联盟章程 / charter of five"));
  const terms = ethers.sha256(ethers.toUtf8Bytes('{"kind":"Charter"}'));
  await s.registry.connect(s.secretariat).createCharter(
    {
      kind: 0,
      parentId: 0,
      documentHash: doc,
      termsHash: terms,
      uri: "ipfs://charter-v1",
      parties: s.founders.map((f) => f.address),
      clauses: [],
    },
    defaultCharterParams(),
  );
  for (const f of s.founders) await s.registry.connect(f).sign(1n, doc, terms);
  await mine(1, { interval: 1 });
  return { ...s, doc, terms };
}

/** A harmless ordinary call: naming the secretariat's address (again). */
function ordinaryCall(s: Suite): Call {
  return memberCall(s, "setSecretariat", [s.secretariat.address]);
}

/** Founder i casts votes[i]. */
function byFounder(votes: number[]): [number, number][] {
  return votes.map((v, i) => [i, v]);
}

async function voteAll(s: Suite, id: bigint, votes: [HardhatEthersSigner, number][]) {
  for (const [v, support] of votes) await s.governor.connect(v).castVote(id, support);
}

/** Proposes `calls`, casts `votes`, and returns the state after the deadline. */
async function outcomeOf(
  s: Suite,
  calls: Call[],
  votes: [HardhatEthersSigner, number][],
  description = "Outcome of",
): Promise<bigint> {
  const id = await propose(s, s.founders[0], calls, description);
  await toVoting(s, id);
  await voteAll(s, id, votes);
  await toAfterDeadline(s, id);
  return s.governor.state(id);
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
      for (const fn of ["suspend", "reinstate", "expel", "setLeadUnit"]) {
        expect(await s.governor.reservedEntry(s.membership.target, sel(fn))).to.equal(
          Reserved.ReservedAboutMember,
        );
      }
      expect(await s.governor.reservedEntry(s.membership.target, sel("admit"))).to.equal(Reserved.Reserved);
      expect(await s.governor.reservedEntry(s.membership.target, sel("setSecretariat"))).to.equal(
        Reserved.None,
      );
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
      await expect(f.deploy(m, t, c, cfg, [{ target: z, selector: "0x00000000", kind: Reserved.Reserved }]))
        .to.be.revertedWithCustomError(f, "AllianceGovernorInvalidReservedCall")
        .withArgs(z, "0x00000000");
      await expect(f.deploy(m, t, c, cfg, [{ target: t, selector: "0x12345678", kind: Reserved.None }]))
        .to.be.revertedWithCustomError(f, "AllianceGovernorInvalidReservedCall")
        .withArgs(t, "0x12345678");
    });
  });

  describe("propose", function () {
    it("refuses a stranger and the secretariat, experts, supervisor, arbitrator (no seat)", async function () {
      const s = await loadFixture(fixture);
      for (const who of [s.stranger, s.secretariat, s.expert, s.supervisor, s.arbitrator, s.deployer]) {
        await expect(propose(s, who, [ordinaryCall(s)], "x"))
          .to.be.revertedWithCustomError(s.governor, "GovernorInsufficientProposerVotes")
          .withArgs(who.address, 0n, 1n);
      }
    });

    it("fixes an ordinary proposal's rules from the charter at creation", async function () {
      const s = await loadFixture(fixture);
      const calls = [ordinaryCall(s)];
      const tx = s.governor
        .connect(s.founders[0])
        .propose([calls[0].target], [0], [calls[0].data], "Name the secretariat");
      const id = await s.governor.hashProposal(
        [calls[0].target],
        [0],
        [calls[0].data],
        descriptionHash("Name the secretariat"),
      );
      await expect(tx).to.emit(s.governor, "ProposalRulesFixed").withArgs(id, false, 5000, 6667);
      const r = await s.governor.proposalRules(id);
      expect([r.reserved, r.quorumBps, r.supermajorityBps, r.subject, r.charterLine]).to.deep.equal([
        false,
        5000n,
        6667n,
        ethers.ZeroAddress,
        0n,
      ]);
    });

    it("marks a proposal reserved when any call is reserved, and recuses the member it is about", async function () {
      const s = await loadFixture(fixture);
      const subject = s.founders[4].address;
      const calls = [ordinaryCall(s), memberCall(s, "expel", [subject, REASON])];
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
      expect((await s.governor.proposalRules(await id)).subject).to.equal(subject);
      expect(await s.governor.isRecused(await id, subject)).to.equal(true);
      expect(await s.governor.isRecused(await id, s.founders[0].address)).to.equal(false);
      expect(await s.governor.isRecused(await id, ethers.ZeroAddress)).to.equal(false);
    });

    it("reverts when the charter's thresholds cannot be met", async function () {
      const s = await loadFixture(fixture);
      await s.charter.setParams({ ...defaultCharterParams(), supermajorityBps: 10_001 });
      await expect(propose(s, s.founders[0], [ordinaryCall(s)], "x"))
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
        Reserved.Reserved,
      );
      const lead = memberCall(s, "setLeadUnit", [s.stranger.address]).data;
      expect(await g.reservedKindOf(s.membership.target, lead)).to.equal(Reserved.ReservedAboutMember);
      expect(await g.reservedKindOf(s.membership.target, ordinaryCall(s).data)).to.equal(Reserved.None);
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
      const calls = [ordinaryCall(s)];
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
      const id = await propose(s, s.founders[0], [ordinaryCall(s)], "Ordinary");
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
      const calls = [ordinaryCall(s)];
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
        const calls = s.calls ?? [ordinaryCall(s)];
        expect(await outcome(s, calls, byFounder(c.votes))).to.equal(c.state);
      });
    }

    it("quorum: For + Abstain must reach ceil(50% of 5 seats) = 3; Against does not count", async function () {
      const s = await loadFixture(fixture);
      const call = [ordinaryCall(s)];
      expect(await outcome(s, call, byFounder([F, F]), "two")).to.equal(ProposalState.Defeated);
      expect(await outcome(s, call, byFounder([F, F, A, A]), "four")).to.equal(ProposalState.Defeated);
      expect(await outcome(s, call, byFounder([F, F, X]), "three")).to.equal(ProposalState.Succeeded);
    });

    it("keeps the thresholds fixed at creation when the charter changes later", async function () {
      const s = await loadFixture(fixture);
      const call = [ordinaryCall(s)];
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

  describe("one member's standing per proposal (B3)", function () {
    it("B3 refuses a proposal that changes the standing of two seated members", async function () {
      const s = await loadFixture(fixture);
      const [, f1, f2, f3, f4] = s.founders;
      const expelAll = [f2, f3, f4].map((f) => memberCall(s, "expel", [f.address, REASON]));
      await expect(propose(s, s.founders[0], expelAll, "Expel everyone else"))
        .to.be.revertedWithCustomError(s.governor, "AllianceGovernorSeveralSubjects")
        .withArgs(f2.address, f3.address);
      const mixed = [
        memberCall(s, "suspend", [f3.address, REASON]),
        memberCall(s, "setLeadUnit", [f1.address]),
      ];
      await expect(propose(s, s.founders[0], mixed, "Suspend one, name another"))
        .to.be.revertedWithCustomError(s.governor, "AllianceGovernorSeveralSubjects")
        .withArgs(f3.address, f1.address);
      // Several decisions about the same member are one standing change.
      const same = [
        memberCall(s, "suspend", [f4.address, REASON]),
        memberCall(s, "expel", [f4.address, REASON]),
      ];
      const id = await propose(s, s.founders[0], same, "Suspend and expel founder 4");
      expect((await s.governor.proposalRules(id)).subject).to.equal(f4.address);
    });

    it("B3 batches admissions of applicants, who hold no seat, with nobody recused", async function () {
      const s = await loadFixture(fixture);
      const [a, b] = s.others;
      for (const x of [a, b]) await applyAs(s, x);
      const calls = [admitCall(s, a.address), admitCall(s, b.address)];
      const { proposalId, tx } = await proposeAndExecute(s, calls);
      const r = await s.governor.proposalRules(proposalId);
      expect([r.reserved, r.subject]).to.deep.equal([true, ethers.ZeroAddress]);
      await expect(tx).to.emit(s.membership, "MemberAdmitted").withArgs(b.address, 7n);
      expect(await s.governor.isRecused(proposalId, a.address)).to.equal(false);
    });

    it("B3 leaves the recused member's seat out of the quorum base: 4 of 5 seats, quorum 2", async function () {
      const s = await loadFixture(fixture);
      const subject = s.founders[4];
      const call = [memberCall(s, "expel", [subject.address, REASON])];
      const lone = await propose(s, s.founders[0], call, "Expel founder 4, one vote");
      const pair = await propose(s, s.founders[0], call, "Expel founder 4, two votes");
      await toVoting(s, pair);
      expect(await s.governor.proposalQuorum(lone)).to.equal(2n);
      await s.governor.connect(s.founders[0]).castVote(lone, Vote.For);
      await voteAll(s, pair, [
        [s.founders[0], Vote.For],
        [s.founders[1], Vote.Abstain],
      ]);
      await toAfterDeadline(s, pair);
      expect(await s.governor.state(lone)).to.equal(ProposalState.Defeated);
      expect(await s.governor.state(pair)).to.equal(ProposalState.Succeeded);
    });

    it("B3 takes no seat out twice when the subject lost its seat before the snapshot", async function () {
      const s = await loadFixture(unitCouncilFixture);
      const subject = s.founders[4];
      const id = await propose(
        s,
        s.founders[0],
        [memberCall(s, "expel", [subject.address, REASON])],
        "Expel",
      );
      await s.membership.suspend(subject.address, REASON);
      await toVoting(s, id);
      // 4 seats at the snapshot, none of them the subject's: quorum ceil(4 * 50%) = 2.
      expect(await s.governor.proposalQuorum(id)).to.equal(2n);
    });

    it("B3 reads the subject's seat at the snapshot from the voting checkpoints: a seat without voting power stays in the base", async function () {
      const s = await loadFixture(unitCouncilFixture);
      // Admitted while a charter is in force and not bound by it: a seat (6 in all) without voting power.
      await s.charter.setCharter(1, true);
      const late = s.others[0];
      await applyAs(s, late);
      await s.membership.admit(late.address);
      expect(await s.membership.balanceOf(late.address)).to.equal(1n);
      expect(await s.membership.getVotes(late.address)).to.equal(0n);
      const quiet = await propose(s, s.founders[0], [memberCall(s, "suspend", [late.address, REASON])], "Q");
      const voting = await propose(
        s,
        s.founders[0],
        [memberCall(s, "suspend", [s.founders[4].address, REASON])],
        "V",
      );
      await toVoting(s, voting);
      // 6 seats at both snapshots: ceil(6 * 50%) = 3 with the powerless subject's seat, ceil(5 * 50%) = 3
      // without founder 4's voting seat; at quorum 40% the two differ: ceil(2.4) = 3 and ceil(2) = 2.
      expect(await s.governor.proposalQuorum(quiet)).to.equal(3n);
      expect(await s.governor.proposalQuorum(voting)).to.equal(3n);
      await s.charter.setParams({ ...defaultCharterParams(), quorumBps: 4000 });
      const quiet40 = await propose(
        s,
        s.founders[0],
        [memberCall(s, "suspend", [late.address, REASON])],
        "Q40",
      );
      const voting40 = await propose(
        s,
        s.founders[0],
        [memberCall(s, "suspend", [s.founders[4].address, REASON])],
        "V40",
      );
      await toVoting(s, voting40);
      expect(await s.governor.proposalQuorum(quiet40)).to.equal(3n);
      expect(await s.governor.proposalQuorum(voting40)).to.equal(2n);
    });

    it("B3 a bloc that reaches quorum alone cannot expel another member without the supermajority of votes cast", async function () {
      const s = await loadFixture(fixture);
      const [f0, f1, f2, f3, f4] = s.founders;
      const calls = [memberCall(s, "expel", [f4.address, REASON])];
      // The bloc (f0, f1) reaches the quorum of 2 alone; the two others vote Against: 50% of votes cast.
      expect(
        await outcomeOf(s, calls, [
          [f0, Vote.For],
          [f1, Vote.For],
          [f2, Vote.Against],
          [f3, Vote.Against],
        ]),
      ).to.equal(ProposalState.Defeated);
      await expect(
        propose(
          s,
          f0,
          [f2, f3, f4].map((f) => memberCall(s, "expel", [f.address, REASON])),
          "The bloc expels everyone else",
        ),
      ).to.be.revertedWithCustomError(s.governor, "AllianceGovernorSeveralSubjects");
      // Three of the four who may vote (75%) are the supermajority.
      expect(
        await outcomeOf(
          s,
          calls,
          [
            [f0, Vote.For],
            [f1, Vote.For],
            [f2, Vote.For],
            [f3, Vote.Against],
          ],
          "With the supermajority",
        ),
      ).to.equal(ProposalState.Succeeded);
    });
  });

  describe("votes follow the charter line", function () {
    it("holds no vote for a member not bound by the charter in force, though it holds a seat and power", async function () {
      const s = await loadFixture(fixture);
      await s.charter.setCharter(1, true);
      for (const f of s.founders.slice(0, 4))
        await s.membership.connect(s.agreements).onAccession(f.address, 1n);
      const unbound = s.founders[4];
      const id = await propose(s, s.founders[0], [ordinaryCall(s)], "Under the charter");
      expect((await s.governor.proposalRules(id)).charterLine).to.equal(1n);
      await toVoting(s, id);
      expect(await s.membership.getVotes(unbound.address)).to.equal(1n);
      await expect(s.governor.connect(unbound).castVote(id, Vote.Against))
        .to.be.revertedWithCustomError(s.governor, "AllianceGovernorNotBound")
        .withArgs(id, unbound.address, 1n);
      // Bound to another line (a first-charter draft): still no vote on this charter's proposals.
      await s.membership.connect(s.agreements).onAccession(unbound.address, 2n);
      await expect(s.governor.connect(unbound).castVote(id, Vote.Against))
        .to.be.revertedWithCustomError(s.governor, "AllianceGovernorNotBound")
        .withArgs(id, unbound.address, 1n);
      // Once it accedes to the charter in force, its seat votes.
      await s.membership.connect(s.agreements).onAccession(unbound.address, 1n);
      await s.governor.connect(unbound).castVote(id, Vote.Against);
      expect((await s.governor.proposalVotes(id)).againstVotes).to.equal(1n);
    });

    it("counts every seat's vote on a proposal made while no charter is in force (founders)", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, s.founders[0], [ordinaryCall(s)], "Before the charter");
      await s.charter.setCharter(1, true);
      await toVoting(s, id);
      for (const f of s.founders) await s.governor.connect(f).castVote(id, Vote.For);
      expect((await s.governor.proposalVotes(id)).forVotes).to.equal(5n);
    });

    it("keeps every bound member's vote through a charter amendment, and gives a later member one only once it accedes", async function () {
      const s = await loadFixture(charteredFiveFixture);
      const [newcomer] = await admitMembers(s, 1);
      const doc2 = ethers.sha256(ethers.toUtf8Bytes("charter v2"));
      await s.registry.connect(s.secretariat).createCharter(
        {
          kind: 3,
          parentId: 1n,
          documentHash: doc2,
          termsHash: s.terms,
          uri: "ipfs://charter-v2",
          parties: s.founders.map((f) => f.address),
          clauses: [],
        },
        { ...defaultCharterParams(), levyBps: 800 },
      );
      const v2 = await s.registry.charterDraftId();
      for (const f of s.founders) await s.registry.connect(f).sign(v2, doc2, s.terms);
      expect(await s.registry.currentCharterId()).to.equal(v2);
      await mine(1, { interval: 1 });
      const id = await propose(s, s.founders[0], [ordinaryCall(s)], "After the amendment");
      await toVoting(s, id);
      for (const f of s.founders) await s.governor.connect(f).castVote(id, Vote.For);
      await expect(s.governor.connect(newcomer).castVote(id, Vote.For))
        .to.be.revertedWithCustomError(s.governor, "AllianceGovernorNoVotingPower")
        .withArgs(id, newcomer.address, await s.governor.proposalSnapshot(id));
      await s.registry.connect(newcomer).accede(v2, doc2, s.terms);
      await mine(1, { interval: 1 });
      const later = await propose(s, s.founders[0], [ordinaryCall(s)], "After the accession");
      await toVoting(s, later);
      await s.governor.connect(newcomer).castVote(later, Vote.For);
    });
  });

  describe("who punishes members is reserved (B14)", function () {
    it("B14 a simple majority below the supermajority cannot change the arbitrator; the supermajority can", async function () {
      const s = await loadFixture(charteredFiveFixture);
      const dr = s.disputeResolution;
      const newArbitrator = s.stranger.address;
      const call: Call = {
        target: dr.target as string,
        data: dr.interface.encodeFunctionData("setArbitrator", [newArbitrator]),
      };
      const [f0, f1, f2, f3, f4] = s.founders;
      // 3 For, 2 Against: a majority, 60% of votes cast, below two thirds.
      const id = await propose(s, f0, [call], "Install another arbitrator");
      expect((await s.governor.proposalRules(id)).reserved).to.equal(true);
      await toVoting(s, id);
      await voteAll(s, id, [
        [f0, Vote.For],
        [f1, Vote.For],
        [f2, Vote.For],
        [f3, Vote.Against],
        [f4, Vote.Against],
      ]);
      await toAfterDeadline(s, id);
      expect(await s.governor.state(id)).to.equal(ProposalState.Defeated);
      await expect(queue(s, [call], "Install another arbitrator")).to.be.revertedWithCustomError(
        s.governor,
        "GovernorUnexpectedProposalState",
      );
      expect(await dr.arbitrator()).to.equal(s.panelArbitrator.target);
      // 4 For, 1 Against: 80%.
      const { tx } = await proposeAndExecute(s, [call], { voters: [f0, f1, f2, f3] });
      await expect(tx).to.emit(dr, "ArbitratorSet").withArgs(newArbitrator);
      expect(await dr.arbitrator()).to.equal(newArbitrator);
    });

    it("B14 reserves the panel's parameters and the licence manager that executes remedies", async function () {
      const s = await loadFixture(charteredFiveFixture);
      const panel = s.panelArbitrator.interface.encodeFunctionData("setPanelParams", [5, 86_400, 86_400]);
      const lm = s.disputeResolution.interface.encodeFunctionData("setLicenseManager", [s.stranger.address]);
      expect(await s.governor.reservedKindOf(s.panelArbitrator.target, panel)).to.equal(Reserved.Reserved);
      expect(await s.governor.reservedKindOf(s.disputeResolution.target, lm)).to.equal(Reserved.Reserved);
      const adopt = s.registry.interface.encodeFunctionData("adoptCharter", [1n]);
      expect(await s.governor.reservedKindOf(s.registry.target, adopt)).to.equal(Reserved.Reserved);
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

    it("refuses an entry for every selector of every target, and for the governor and the timelock (bubbled through execute)", async function () {
      const s = await loadFixture(fixture);
      const enc = (target: string, sel = "0x12345678") => ({
        target: s.governor.target as string,
        data: s.governor.interface.encodeFunctionData("setReservedCall", [target, sel, Reserved.None]),
      });
      await expect(proposeAndExecute(s, [enc(ethers.ZeroAddress, "0x00000000")]))
        .to.be.revertedWithCustomError(s.governor, "AllianceGovernorInvalidReservedCall")
        .withArgs(ethers.ZeroAddress, "0x00000000");
      await expect(proposeAndExecute(s, [enc(s.timelock.target as string)]))
        .to.be.revertedWithCustomError(s.governor, "AllianceGovernorInvalidReservedCall")
        .withArgs(s.timelock.target, "0x12345678");
    });

    it("B14 reserves a selector on every target with an ANY_TARGET entry; no entry lifts another", async function () {
      const s = await loadFixture(fixture);
      const transfer = s.token.interface.encodeFunctionData("transfer", [s.stranger.address, 1n]);
      const call = {
        target: s.governor.target as string,
        data: s.governor.interface.encodeFunctionData("setReservedCall", [
          await s.governor.ANY_TARGET(),
          transfer.slice(0, 10),
          Reserved.Reserved,
        ]),
      };
      await proposeAndExecute(s, [call]);
      expect(await s.governor.reservedKindOf(s.token.target, transfer)).to.equal(Reserved.Reserved);
      expect(await s.governor.reservedKindOf(s.stranger.address, transfer)).to.equal(Reserved.Reserved);
      expect(
        await s.governor.reservedKindOf(s.membership.target, admitCall(s, s.stranger.address).data),
      ).to.equal(Reserved.Reserved);
    });
  });

  describe("AccessManager role changes are reserved council decisions", function () {
    it("revoking the secretariat's role needs the supermajority and unconstitutes the alliance (F3)", async function () {
      const s = await loadFixture(fixture);
      await s.charter.setCharter(1, true);
      for (const f of s.founders) await s.membership.connect(s.agreements).onAccession(f.address, 1n);
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
