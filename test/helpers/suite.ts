import { ethers } from "hardhat";
import { time, mine } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { BaseContract, BigNumberish, ContractTransactionResponse, Interface } from "ethers";
import {
  AccessManager,
  AgreementRegistry,
  AllianceGovernor,
  Membership,
  MockCharter,
  TestToken,
  TimelockController,
  Treasury,
} from "../../typechain-types";
import type { CharterParamsStruct } from "../../typechain-types/contracts/mocks/MockCharter";

/** Role ids of `contracts/access/Roles.sol`. */
export const ROLES = {
  ADMIN: 0n,
  COUNCIL: 1n,
  SECRETARIAT: 2n,
  EXPERT: 3n,
  SUPERVISOR: 4n,
  ARBITRATOR: 5n,
  DISCIPLINE: 6n,
  MEMBERSHIP_MODULE: 10n,
  AGREEMENTS_MODULE: 11n,
  PROJECTS_MODULE: 12n,
  IP_MODULE: 13n,
  LICENSING_MODULE: 14n,
  DISPUTES_MODULE: 15n,
} as const;

/** `MemberKind` and `MemberStatus` of `IMembership.sol`. */
export const Kind = {
  Enterprise: 0,
  University: 1,
  ResearchInstitute: 2,
  Government: 3,
  Intermediary: 4,
  Financial: 5,
  Other: 6,
} as const;
export const Status = { None: 0, Applicant: 1, Active: 2, Suspended: 3, Withdrawn: 4, Expelled: 5 } as const;
/** `ReservedKind` of `IAllianceGovernor.sol`. */
export const Reserved = { None: 0, Reserved: 1, ReservedAboutMember: 2 } as const;
/** OpenZeppelin `IGovernor.ProposalState`. */
export const ProposalState = {
  Pending: 0,
  Active: 1,
  Canceled: 2,
  Defeated: 3,
  Succeeded: 4,
  Queued: 5,
  Expired: 6,
  Executed: 7,
} as const;
export const Vote = { Against: 0, For: 1, Abstain: 2 } as const;

export const DAY = 24 * 60 * 60;
export const TOKEN_UNIT = 10n ** 6n;

/** Charter parameters used unless a test overrides some. */
export function defaultCharterParams(): CharterParamsStruct {
  return {
    bondAmount: 1_000n * TOKEN_UNIT,
    maxMembers: 100,
    noticePeriod: 90 * DAY,
    supermajorityBps: 6667,
    quorumBps: 5000,
    duesAmount: 0,
    grantCapBps: 3000,
    secretariatBudgetLimit: 50_000n * TOKEN_UNIT,
    minReviews: 2,
    approvalShareBps: 5000,
    gracePeriod: 30 * DAY,
    latePenaltyBps: 500,
    vetoWindow: 7 * DAY,
    levyBps: 500,
    rofrWindow: 30 * DAY,
    transfersToNonMembers: false,
    royaltyGracePeriod: 30 * DAY,
    claimBond: 100n * TOKEN_UNIT,
    curePeriod: 14 * DAY,
    answerPeriod: 14 * DAY,
  };
}

export interface SuiteOptions {
  /** Founding members admitted by the bootstrap (kinds cycle Enterprise, University, ResearchInstitute). */
  founders?: number;
  /** Charter parameter overrides. */
  charter?: Partial<CharterParamsStruct>;
  /** Name founder 0 lead unit and the secretariat signer secretariat (default true when founders >= 2). */
  organise?: boolean;
  /**
   * Deploy the real `AgreementRegistry` as the charter instead of `MockCharter` (its address is
   * predicted, as it and `Membership` name each other in their constructors). Then `suite.charter`
   * is the registry seen through the mock's type: only the `ICharter` views work on it; use
   * `suite.registry` for everything else.
   */
  realCharter?: boolean;
  /**
   * Unit tests only: the deployer keeps COUNCIL and DISCIPLINE after the bootstrap (it still gives up
   * ADMIN), so Membership's council functions can be called directly. Never in a real deployment.
   */
  unitCouncil?: boolean;
  votingDelay?: number;
  votingPeriod?: number;
  timelockDelay?: number;
  queueWindow?: number;
}

export interface Call {
  target: string;
  data: string;
  value?: bigint;
}

export interface Suite {
  deployer: HardhatEthersSigner;
  secretariat: HardhatEthersSigner;
  expert: HardhatEthersSigner;
  supervisor: HardhatEthersSigner;
  arbitrator: HardhatEthersSigner;
  /** Stand-in for `AgreementRegistry` (holds AGREEMENTS_MODULE). */
  agreements: HardhatEthersSigner;
  /** Stand-in for `DisputeResolution` (holds DISPUTES_MODULE and DISCIPLINE). */
  disputes: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  founders: HardhatEthersSigner[];
  /** Signers not used by the bootstrap, for applicants. */
  others: HardhatEthersSigner[];
  token: TestToken;
  manager: AccessManager;
  charter: MockCharter;
  /** The real registry when deployed with `realCharter`. */
  registry?: AgreementRegistry;
  treasury: Treasury;
  membership: Membership;
  timelock: TimelockController;
  governor: AllianceGovernor;
  settings: { votingDelay: number; votingPeriod: number; timelockDelay: number; queueWindow: number };
}

/** The 4-byte selector of function `name` of contract `c`. */
export function selector(c: BaseContract, name: string): string {
  const f = (c.interface as Interface).getFunction(name);
  if (!f) throw new Error(`no function ${name}`);
  return f.selector;
}

export function selectors(c: BaseContract, names: string[]): string[] {
  return names.map((n) => selector(c, n));
}

/** A deterministic legal entity id: SHA-256 of an 18-character unified social credit code. */
export function entityId(i: number | string): string {
  const code = typeof i === "number" ? `91110000MA${String(i).padStart(8, "0")}` : i;
  return ethers.sha256(ethers.toUtf8Bytes(code));
}

export function profileHash(label: string): string {
  return ethers.sha256(ethers.toUtf8Bytes(`profile:${label}`));
}

/** Mints the charter bond to `who`, approves the Treasury and applies. */
export async function applyAs(
  s: Suite,
  who: HardhatEthersSigner,
  opts: { id?: string; name?: string; kind?: number; profile?: string } = {},
): Promise<ContractTransactionResponse> {
  const bond = (await s.charter.charterParams()).bondAmount;
  if (bond > 0n) {
    await s.token.mint(who.address, bond);
    await s.token.connect(who).approve(await s.treasury.getAddress(), bond);
  }
  return s.membership
    .connect(who)
    .applyForMembership(
      opts.id ?? entityId(who.address),
      opts.name ?? `Member ${who.address.slice(0, 8)}`,
      opts.kind ?? Kind.Enterprise,
      opts.profile ?? profileHash(who.address),
    );
}

/**
 * Deploys a whole suite as the real deployment does, and optionally bootstraps founding members:
 * the deployer holds COUNCIL only while it admits them, then renounces COUNCIL and ADMIN, leaving
 * the timelock as the only ADMIN and COUNCIL.
 */
export async function deploySuite(opts: SuiteOptions = {}): Promise<Suite> {
  const signers = await ethers.getSigners();
  const [deployer, secretariat, expert, supervisor, arbitrator, agreements, disputes, stranger] = signers;
  const nFounders = opts.founders ?? 0;
  const founders = signers.slice(8, 8 + nFounders);
  const others = signers.slice(8 + nFounders);
  const settings = {
    votingDelay: opts.votingDelay ?? DAY,
    votingPeriod: opts.votingPeriod ?? 7 * DAY,
    timelockDelay: opts.timelockDelay ?? 2 * DAY,
    queueWindow: opts.queueWindow ?? 14 * DAY,
  };

  const token = await (await ethers.getContractFactory("TestToken")).deploy("Test Yuan", "TCNY", 6);
  const manager = await (await ethers.getContractFactory("AccessManager")).deploy(deployer.address);
  const treasury = await (
    await ethers.getContractFactory("Treasury")
  ).deploy(await manager.getAddress(), await token.getAddress());
  const genesis = { ...defaultCharterParams(), ...opts.charter };
  let charter: MockCharter;
  let registry: AgreementRegistry | undefined;
  if (opts.realCharter) {
    // The registry is deployed at the next nonce, Membership at the one after.
    const nonce = await deployer.getNonce();
    const predicted = ethers.getCreateAddress({ from: deployer.address, nonce: nonce + 1 });
    registry = await (
      await ethers.getContractFactory("AgreementRegistry")
    ).deploy(await manager.getAddress(), predicted, genesis);
    charter = registry as unknown as MockCharter;
  } else {
    charter = await (await ethers.getContractFactory("MockCharter")).deploy(genesis);
  }
  const membership = await (
    await ethers.getContractFactory("Membership")
  ).deploy(await manager.getAddress(), await charter.getAddress(), await treasury.getAddress());
  if (registry && (await registry.MEMBERSHIP()) !== (await membership.getAddress())) {
    throw new Error("predicted Membership address does not match");
  }
  const timelock = await (
    await ethers.getContractFactory("TimelockController")
  ).deploy(settings.timelockDelay, [], [ethers.ZeroAddress], deployer.address);

  const m = await membership.getAddress();
  const aboutMember = selectors(membership, ["admit", "suspend", "reinstate", "expel"]).map((selector) => ({
    target: m,
    selector,
    kind: Reserved.ReservedAboutMember,
  }));
  const reserved = [
    ...aboutMember,
    // Every AccessManager call (role grants, function mapping, execute, multicall) is reserved.
    { target: await manager.getAddress(), selector: "0x00000000", kind: Reserved.Reserved },
    // Charter-level changes: terminating the charter (the mock's setters stand in for it).
    ...(registry
      ? selectors(registry, ["terminateCharter"])
      : selectors(charter, ["setParams", "setCharter"])
    ).map((selector) => ({ target: charter.target as string, selector, kind: Reserved.Reserved })),
  ];
  const governor = await (
    await ethers.getContractFactory("AllianceGovernor")
  ).deploy(
    m,
    await timelock.getAddress(),
    await charter.getAddress(),
    {
      votingDelay: settings.votingDelay,
      votingPeriod: settings.votingPeriod,
      proposalThreshold: 1,
      queueWindow: settings.queueWindow,
    },
    reserved,
  );

  // Timelock: the governor proposes and cancels, anyone executes; the deployer gives up its admin.
  const g = await governor.getAddress();
  const t = await timelock.getAddress();
  await timelock.grantRole(await timelock.PROPOSER_ROLE(), g);
  await timelock.grantRole(await timelock.CANCELLER_ROLE(), g);
  await timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), deployer.address);

  // AccessManager: map every restricted function to its role.
  await manager.setTargetFunctionRole(
    m,
    selectors(membership, ["admit", "rejectApplication", "expel", "setLeadUnit", "setSecretariat"]),
    ROLES.COUNCIL,
  );
  await manager.setTargetFunctionRole(m, selectors(membership, ["suspend", "reinstate"]), ROLES.DISCIPLINE);
  await manager.setTargetFunctionRole(m, selectors(membership, ["onAccession"]), ROLES.AGREEMENTS_MODULE);
  // Treasury: each ledger to the module that owns it (see Treasury's NatSpec).
  const treasuryRoles: [string[], bigint][] = [
    [["postBond", "releaseBond", "payDues"], ROLES.MEMBERSHIP_MODULE],
    [["spendAllianceFund", "sweepSurplus"], ROLES.COUNCIL],
    [["setGrantFrozen"], ROLES.SUPERVISOR],
    [
      [
        "fundProject",
        "payFromProject",
        "refundFromProject",
        "depositGrant",
        "payFromGrant",
        "refundFromGrant",
      ],
      ROLES.PROJECTS_MODULE,
    ],
    [["receiveRoyalty", "payRoyalty"], ROLES.LICENSING_MODULE],
    [["postClaimBond", "releaseClaimBond", "slashBond", "receiveSettlement"], ROLES.DISPUTES_MODULE],
  ];
  for (const [fns, role] of treasuryRoles) {
    await manager.setTargetFunctionRole(await treasury.getAddress(), selectors(treasury, fns), role);
  }
  await manager.grantRole(ROLES.MEMBERSHIP_MODULE, m, 0);
  if (registry) {
    const r = await registry.getAddress();
    await manager.setTargetFunctionRole(r, selectors(registry, ["createCharter"]), ROLES.SECRETARIAT);
    await manager.setTargetFunctionRole(r, selectors(registry, ["terminateCharter"]), ROLES.COUNCIL);
    await manager.grantRole(ROLES.AGREEMENTS_MODULE, r, 0);
  }
  await manager.grantRole(ROLES.COUNCIL, t, 0);
  await manager.grantRole(ROLES.DISCIPLINE, t, 0);
  await manager.grantRole(ROLES.ADMIN, t, 0);
  await manager.grantRole(ROLES.SECRETARIAT, secretariat.address, 0);
  await manager.grantRole(ROLES.EXPERT, expert.address, 0);
  await manager.grantRole(ROLES.SUPERVISOR, supervisor.address, 0);
  await manager.grantRole(ROLES.ARBITRATOR, arbitrator.address, 0);
  await manager.grantRole(ROLES.AGREEMENTS_MODULE, agreements.address, 0);
  await manager.grantRole(ROLES.DISPUTES_MODULE, disputes.address, 0);
  await manager.grantRole(ROLES.DISCIPLINE, disputes.address, 0);

  const suite: Suite = {
    deployer,
    secretariat,
    expert,
    supervisor,
    arbitrator,
    agreements,
    disputes,
    stranger,
    founders,
    others,
    token,
    manager,
    charter,
    registry,
    treasury,
    membership,
    timelock,
    governor,
    settings,
  };

  // Bootstrap: the deployer holds COUNCIL while it admits the founders, then renounces it.
  await manager.grantRole(ROLES.COUNCIL, deployer.address, 0);
  const kinds = [Kind.Enterprise, Kind.University, Kind.ResearchInstitute];
  for (let i = 0; i < founders.length; i++) {
    await applyAs(suite, founders[i], { kind: kinds[i % kinds.length], name: `Founder ${i}` });
    await membership.admit(founders[i].address);
  }
  if (opts.organise ?? founders.length >= 2) {
    await membership.setLeadUnit(founders[0].address);
    await membership.setSecretariat(secretariat.address);
  }
  if (opts.unitCouncil) {
    await manager.grantRole(ROLES.DISCIPLINE, deployer.address, 0);
  } else {
    await manager.renounceRole(ROLES.COUNCIL, deployer.address);
  }
  await manager.renounceRole(ROLES.ADMIN, deployer.address);
  // Votes are read at `clock() - 1`: let one second pass so founders can propose at once.
  await mine(1, { interval: 1 });
  return suite;
}

export function descriptionHash(description: string): string {
  return ethers.id(description);
}

/** Proposes `calls`; returns the proposal id. */
export async function propose(
  s: Suite,
  proposer: HardhatEthersSigner,
  calls: Call[],
  description: string,
): Promise<bigint> {
  const targets = calls.map((c) => c.target);
  const values = calls.map((c) => c.value ?? 0n);
  const datas = calls.map((c) => c.data);
  await s.governor.connect(proposer).propose(targets, values, datas, description);
  return s.governor.hashProposal(targets, values, datas, descriptionHash(description));
}

/** Moves time to just after the voting starts. */
export async function toVoting(s: Suite, proposalId: bigint): Promise<void> {
  await time.increaseTo((await s.governor.proposalSnapshot(proposalId)) + 1n);
}

/** Moves time to just after the voting deadline. */
export async function toAfterDeadline(s: Suite, proposalId: bigint): Promise<void> {
  await time.increaseTo((await s.governor.proposalDeadline(proposalId)) + 1n);
}

export async function queue(s: Suite, calls: Call[], description: string) {
  return s.governor.queue(
    calls.map((c) => c.target),
    calls.map((c) => c.value ?? 0n),
    calls.map((c) => c.data),
    descriptionHash(description),
  );
}

export async function execute(s: Suite, calls: Call[], description: string) {
  return s.governor.execute(
    calls.map((c) => c.target),
    calls.map((c) => c.value ?? 0n),
    calls.map((c) => c.data),
    descriptionHash(description),
  );
}

let proposalCounter = 0;

/**
 * Runs `calls` through the whole council procedure: propose, every voter votes For, queue, wait for
 * the timelock, execute. Voters default to every founder. Returns the proposal id and the execute
 * transaction.
 */
export async function proposeAndExecute(
  s: Suite,
  calls: Call[],
  opts: { description?: string; voters?: HardhatEthersSigner[]; proposer?: HardhatEthersSigner } = {},
): Promise<{ proposalId: bigint; tx: ContractTransactionResponse }> {
  const description = opts.description ?? `Proposal #${++proposalCounter}`;
  const voters = opts.voters ?? s.founders;
  const proposalId = await propose(s, opts.proposer ?? voters[0], calls, description);
  await toVoting(s, proposalId);
  for (const v of voters) await s.governor.connect(v).castVote(proposalId, Vote.For);
  await toAfterDeadline(s, proposalId);
  await queue(s, calls, description);
  await time.increaseTo(await s.governor.proposalEta(proposalId));
  const tx = await execute(s, calls, description);
  return { proposalId, tx };
}

/** The council call admitting `account`. */
export function admitCall(s: Suite, account: string): Call {
  return {
    target: s.membership.target as string,
    data: s.membership.interface.encodeFunctionData("admit", [account]),
  };
}

/** A Membership call for any function (e.g. `memberCall(s, "expel", [x, reason])`). */
export function memberCall(s: Suite, fn: string, args: unknown[]): Call {
  return {
    target: s.membership.target as string,
    data: (s.membership.interface as Interface).encodeFunctionData(fn, args),
  };
}

/**
 * Has `n` unused signers apply and admits them all in one council proposal (founders vote).
 * Returns the new members.
 */
export async function admitMembers(
  s: Suite,
  n: number,
  opts: { kind?: number; voters?: HardhatEthersSigner[] } = {},
): Promise<HardhatEthersSigner[]> {
  const used = new Set<string>();
  for (const a of await s.membership.membersByStatus(Status.Active, 0, 10_000)) used.add(a);
  const fresh: HardhatEthersSigner[] = [];
  for (const o of s.others) {
    if (fresh.length === n) break;
    if ((await s.membership.statusOf(o.address)) === BigInt(Status.None) && !used.has(o.address))
      fresh.push(o);
  }
  if (fresh.length < n) throw new Error(`only ${fresh.length} unused signers`);
  for (const f of fresh) await applyAs(s, f, { kind: opts.kind });
  await proposeAndExecute(
    s,
    fresh.map((f) => admitCall(s, f.address)),
    { voters: opts.voters },
  );
  return fresh;
}

export type { BigNumberish };
