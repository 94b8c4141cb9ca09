import hre, { ethers } from "hardhat";
import { time, mine } from "@nomicfoundation/hardhat-network-helpers";
import { HardhatArtifactResolver } from "@nomicfoundation/hardhat-ignition/helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { BaseContract, BigNumberish, ContractTransactionResponse, Interface } from "ethers";
import type {
  AccessManager,
  AgreementRegistry,
  AllianceGovernor,
  BreachHistory,
  DisputeResolution,
  IPRegistry,
  LicenseManager,
  LicenseProposals,
  Membership,
  MockCharter,
  PanelArbitrator,
  ProjectFunding,
  ProjectRegistry,
  ProjectSpending,
  RemedyExecution,
  TestToken,
  TimelockController,
  Treasury,
} from "../../typechain-types";
import type { CharterParamsStruct } from "../../typechain-types/contracts/mocks/MockCharter";
import CovenantModule from "../../ignition/modules/Covenant";
import {
  RESERVED_CALLS,
  RESERVED_KIND,
  ROLES,
  ROLE_TABLE,
  selectorsOf as tableSelectors,
} from "../../src/sdk/roles";
import {
  DEFAULT_GENESIS,
  DEFAULT_SETTINGS,
  MODULE_ID,
  TEST_TOKEN_MODULE_ID,
  handover,
} from "../../src/sdk/deployment";

/** Role ids of `contracts/access/Roles.sol` (from the one role table, `src/sdk/roles.ts`). */
export { ROLES };

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

/** Charter parameters used unless a test overrides some: the deployment's genesis defaults. */
export function defaultCharterParams(): CharterParamsStruct {
  return { ...DEFAULT_GENESIS };
}

export interface SuiteOptions {
  /** Founding members admitted by the bootstrap (kinds cycle Enterprise, University, ResearchInstitute). */
  founders?: number;
  /** Charter parameter overrides. */
  charter?: Partial<CharterParamsStruct>;
  /** Name founder 0 lead unit and the secretariat signer secretariat (default true when founders >= 2). */
  organise?: boolean;
  /**
   * Deploy the whole real suite through the Ignition module (`ignition/modules/Covenant.ts`), as a
   * real deployment does, instead of Membership + governor over `MockCharter` (see `deployFullSuite`).
   * Then `suite.charter` is the registry seen through the mock's type: only the `ICharter` views work
   * on it; use `suite.registry` for everything else.
   */
  realCharter?: boolean;
  /**
   * The governor's proposal threshold. Default: 1 seat over MockCharter (the unit tests of the
   * governor), the deployment's 0 for the full suite (DisputeResolution, which has no seat, puts
   * expulsions to the council).
   */
  proposalThreshold?: number;
  /** Full suite only: the PanelArbitrator's default panel size (module parameter; default 3). */
  panelSize?: number;
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
  /** Stand-in for `AgreementRegistry` (holds AGREEMENTS_MODULE over MockCharter; no role in the full suite). */
  agreements: HardhatEthersSigner;
  /** Stand-in for the disputes module (holds DISPUTES_MODULE and DISCIPLINE over MockCharter; no role in the full suite). */
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
  /** The breach history: Membership reads the open claims against a member from it (B6). */
  breachHistory: BreachHistory;
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

/** The whole suite as the Ignition module deploys it. */
export interface FullSuite extends Suite {
  registry: AgreementRegistry;
  projectRegistry: ProjectRegistry;
  projectFunding: ProjectFunding;
  projectSpending: ProjectSpending;
  ipRegistry: IPRegistry;
  licenseManager: LicenseManager;
  licenseProposals: LicenseProposals;
  disputeResolution: DisputeResolution;
  remedyExecution: RemedyExecution;
  panelArbitrator: PanelArbitrator;
  /** Address book names (as in `deployments/<chainId>.json`) -> addresses. */
  addresses: Record<string, string>;
}

function settingsOf(opts: SuiteOptions) {
  return {
    votingDelay: opts.votingDelay ?? DAY,
    votingPeriod: opts.votingPeriod ?? 7 * DAY,
    timelockDelay: opts.timelockDelay ?? 2 * DAY,
    queueWindow: opts.queueWindow ?? 14 * DAY,
  };
}

/**
 * The bootstrap of a real alliance: the deployer (still ADMIN and COUNCIL) names the people holding
 * the SECRETARIAT, EXPERT, SUPERVISOR and ARBITRATOR roles, admits the founders that applied, names
 * the lead unit and the secretariat; then either hands over to the council (`handover()` of the
 * SDK: the timelock becomes the only ADMIN, the deployer renounces every role) or, for unit tests
 * (`unitCouncil`), keeps COUNCIL and DISCIPLINE and gives up ADMIN only.
 */
async function bootstrap(s: Suite, opts: SuiteOptions, handoverTo?: Record<string, string>): Promise<void> {
  const { manager, membership, deployer } = s;
  const kinds = [Kind.Enterprise, Kind.University, Kind.ResearchInstitute];
  for (let i = 0; i < s.founders.length; i++) {
    await applyAs(s, s.founders[i], { kind: kinds[i % kinds.length], name: `Founder ${i}` });
    await membership.admit(s.founders[i].address);
  }
  if (opts.organise ?? s.founders.length >= 2) {
    await membership.setLeadUnit(s.founders[0].address);
    await membership.setSecretariat(s.secretariat.address);
  }
  if (opts.unitCouncil) {
    if (!(await manager.hasRole(ROLES.ADMIN, s.timelock.target))[0])
      await manager.grantRole(ROLES.ADMIN, s.timelock.target, 0);
    await manager.grantRole(ROLES.DISCIPLINE, deployer.address, 0);
    await manager.renounceRole(ROLES.ADMIN, deployer.address);
  } else if (handoverTo) {
    await handover(deployer, {
      AccessManager: handoverTo.AccessManager,
      TimelockController: handoverTo.TimelockController,
      Membership: handoverTo.Membership,
    });
  } else {
    await manager.renounceRole(ROLES.COUNCIL, deployer.address);
    await manager.renounceRole(ROLES.ADMIN, deployer.address);
  }
  // Votes are read at `clock() - 1`: let one second pass so founders can propose at once.
  await mine(1, { interval: 1 });
}

let fastArtifacts = false;

/**
 * Deploys the whole suite through `ignition/modules/Covenant.ts` (the deployment's own wiring: the
 * role table of `src/sdk/roles.ts`, module roles, timelock, one-time bindings), then bootstraps it
 * like a real alliance (see `bootstrap`). Genesis charter parameters and council settings are
 * passed as the module's parameters.
 */
export async function deployFullSuite(opts: SuiteOptions = {}): Promise<FullSuite> {
  if (!fastArtifacts) {
    // In-memory test deployments are never verified: skip Ignition's copy of the (30 MB) build info
    // per contract, which would make each deployment ~5x slower.
    (HardhatArtifactResolver.prototype as { getBuildInfo: (n: string) => Promise<undefined> }).getBuildInfo =
      async () => undefined;
    fastArtifacts = true;
  }
  const signers = await ethers.getSigners();
  const [deployer, secretariat, expert, supervisor, arbitrator, agreements, disputes, stranger] = signers;
  const nFounders = opts.founders ?? 0;
  const founders = signers.slice(8, 8 + nFounders);
  const others = signers.slice(8 + nFounders);
  const settings = settingsOf(opts);
  const genesis = { ...DEFAULT_GENESIS, ...opts.charter };

  const deployed = await hre.ignition.deploy(CovenantModule, {
    parameters: {
      [TEST_TOKEN_MODULE_ID]: { name: "Test Yuan", symbol: "TCNY", decimals: 6 },
      [MODULE_ID]: {
        ...(genesis as Record<string, bigint | number | boolean>),
        ...settings,
        proposalThreshold: opts.proposalThreshold ?? DEFAULT_SETTINGS.proposalThreshold,
        panelSize: opts.panelSize ?? DEFAULT_SETTINGS.panelSize,
      },
    },
    config: { blockPollingInterval: 1 },
  });
  const at = async <T>(name: keyof typeof deployed): Promise<T> =>
    ethers.getContractAt(
      name === "SettlementToken" ? "TestToken" : name,
      await deployed[name].getAddress(),
    ) as Promise<T>;
  const addresses: Record<string, string> = {};
  for (const [name, c] of Object.entries(deployed)) addresses[name] = await c.getAddress();
  const registry = await at<AgreementRegistry>("AgreementRegistry");
  const suite: FullSuite = {
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
    token: await at<TestToken>("SettlementToken"),
    manager: await at<AccessManager>("AccessManager"),
    charter: registry as unknown as MockCharter,
    registry,
    treasury: await at<Treasury>("Treasury"),
    membership: await at<Membership>("Membership"),
    timelock: await at<TimelockController>("TimelockController"),
    governor: await at<AllianceGovernor>("AllianceGovernor"),
    projectRegistry: await at<ProjectRegistry>("ProjectRegistry"),
    projectFunding: await at<ProjectFunding>("ProjectFunding"),
    projectSpending: await at<ProjectSpending>("ProjectSpending"),
    ipRegistry: await at<IPRegistry>("IPRegistry"),
    licenseManager: await at<LicenseManager>("LicenseManager"),
    licenseProposals: await at<LicenseProposals>("LicenseProposals"),
    disputeResolution: await at<DisputeResolution>("DisputeResolution"),
    remedyExecution: await at<RemedyExecution>("RemedyExecution"),
    breachHistory: await at<BreachHistory>("BreachHistory"),
    panelArbitrator: await at<PanelArbitrator>("PanelArbitrator"),
    settings,
    addresses,
  };
  // The people holding the executive, advisory and supervisory roles (bootstrap, by ADMIN).
  await suite.manager.grantRole(ROLES.SECRETARIAT, secretariat.address, 0);
  await suite.manager.grantRole(ROLES.EXPERT, expert.address, 0);
  await suite.manager.grantRole(ROLES.SUPERVISOR, supervisor.address, 0);
  await suite.manager.grantRole(ROLES.ARBITRATOR, arbitrator.address, 0);
  await bootstrap(suite, opts, addresses);
  return suite;
}

/**
 * Deploys a suite and optionally bootstraps founding members: the deployer holds COUNCIL only while
 * it admits them, then renounces COUNCIL and ADMIN, leaving the timelock as the only ADMIN and
 * COUNCIL. With `realCharter` this is `deployFullSuite` (the Ignition module); otherwise Membership,
 * Treasury and the governor over `MockCharter`, mapped from the same role table, for unit tests.
 */
export async function deploySuite(opts: SuiteOptions = {}): Promise<Suite> {
  if (opts.realCharter) return deployFullSuite(opts);
  const signers = await ethers.getSigners();
  const [deployer, secretariat, expert, supervisor, arbitrator, agreements, disputes, stranger] = signers;
  const nFounders = opts.founders ?? 0;
  const founders = signers.slice(8, 8 + nFounders);
  const others = signers.slice(8 + nFounders);
  const settings = settingsOf(opts);

  const token = await (await ethers.getContractFactory("TestToken")).deploy("Test Yuan", "TCNY", 6);
  const manager = await (await ethers.getContractFactory("AccessManager")).deploy(deployer.address);
  const treasury = await (
    await ethers.getContractFactory("Treasury")
  ).deploy(await manager.getAddress(), await token.getAddress());
  const genesis = { ...defaultCharterParams(), ...opts.charter };
  const charter = await (await ethers.getContractFactory("MockCharter")).deploy(genesis);
  const breachHistory = await (
    await ethers.getContractFactory("BreachHistory")
  ).deploy(await manager.getAddress());
  const membership = await (
    await ethers.getContractFactory("Membership")
  ).deploy(
    await manager.getAddress(),
    await charter.getAddress(),
    await treasury.getAddress(),
    await breachHistory.getAddress(),
  );
  const timelock = await (
    await ethers.getContractFactory("TimelockController")
  ).deploy(settings.timelockDelay, [], [ethers.ZeroAddress], deployer.address);

  const m = await membership.getAddress();
  // The Membership rows of the deployment's reserved set (src/sdk/roles.ts RESERVED_CALLS).
  const aboutMember = RESERVED_CALLS.filter((row) => row.contract === "Membership").flatMap((row) =>
    tableSelectors(row.contract, row.functions).map((selector) => ({
      target: m,
      selector,
      kind: RESERVED_KIND[row.kind],
    })),
  );
  const reserved = [
    ...aboutMember,
    // Every AccessManager call (role grants, function mapping, execute, multicall) is reserved.
    { target: await manager.getAddress(), selector: "0x00000000", kind: Reserved.Reserved },
    // Charter-level changes: the mock's setters stand in for terminating the charter.
    ...selectors(charter, ["setParams", "setCharter"]).map((selector) => ({
      target: charter.target as string,
      selector,
      kind: Reserved.Reserved,
    })),
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
      proposalThreshold: opts.proposalThreshold ?? 1,
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

  // AccessManager: the Treasury, Membership and BreachHistory rows of the one role table
  // (src/sdk/roles.ts); the `disputes` signer, holding DISPUTES_MODULE, writes the breach history.
  const targets = {
    Treasury: await treasury.getAddress(),
    Membership: m,
    BreachHistory: await breachHistory.getAddress(),
  } as Record<string, string>;
  for (const row of ROLE_TABLE) {
    if (!(row.contract in targets)) continue;
    await manager.setTargetFunctionRole(
      targets[row.contract],
      tableSelectors(row.contract, row.functions),
      ROLES[row.role],
    );
  }
  await manager.grantRole(ROLES.MEMBERSHIP_MODULE, m, 0);
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
    treasury,
    membership,
    breachHistory,
    timelock,
    governor,
    settings,
  };

  // Bootstrap: the deployer holds COUNCIL while it admits the founders, then renounces it.
  await manager.grantRole(ROLES.COUNCIL, deployer.address, 0);
  await bootstrap(suite, opts);
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
  const fresh: HardhatEthersSigner[] = [];
  for (const o of s.others) {
    if (fresh.length === n) break;
    if ((await s.membership.statusOf(o.address)) === BigInt(Status.None)) fresh.push(o);
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
