import { ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { BaseContract, ContractTransactionResponse } from "ethers";
import type {
  AccessManager,
  BreachHistory,
  DisputeResolution,
  DisputesGovernorProbe,
  DisputesLicenseProbe,
  DisputesMembershipProbe,
  MockArbitrator,
  MockCharter,
  PanelArbitrator,
  RemedyExecution,
  TestToken,
  Treasury,
} from "../../../typechain-types";
import type { ClaimRequestStruct } from "../../../typechain-types/contracts/disputes/DisputeResolution";
import type { ClaimRecord } from "../../../src/sdk/claims";

// Role ids, as in contracts/access/Roles.sol.
export const ROLE = {
  COUNCIL: 1n,
  SECRETARIAT: 2n,
  EXPERT: 3n,
  MEMBERSHIP_MODULE: 10n,
  PROJECTS_MODULE: 12n,
  LICENSING_MODULE: 14n,
  DISPUTES_MODULE: 15n,
} as const;

// Remedies bit flags (IAgreementRegistry.sol).
export const REMEDY = {
  DAMAGES: 1,
  LICENSE_SUSPENSION: 2,
  LICENSE_REVOCATION: 4,
  MEMBERSHIP_SUSPENSION: 8,
  EXPULSION_PROPOSAL: 16,
  ALL: 31,
} as const;

export enum ClaimStatus {
  None,
  Filed,
  Answered,
  Arbitration,
  Ruled,
  Executed,
  Dismissed,
  Settled,
  Cured,
  Withdrawn,
  Unresolved,
}

export enum EntryKind {
  Filed,
  Cured,
  Settled,
  Answered,
  Evidence,
  Referred,
  Ruled,
  Appealed,
  Executed,
  Dismissed,
  Withdrawn,
  DefaultRecorded,
  PenaltyApplied,
  SettlementPaid,
  ExpulsionProposed,
  SuspensionLifted,
  ClosedUnresolved,
}

export enum MemberStatus {
  None,
  Applicant,
  Active,
  Suspended,
  Withdrawn,
  Expelled,
}

export enum LicenseStatus {
  None,
  Active,
  Suspended,
  Revoked,
  Expired,
}

export enum AgreementKind {
  Charter,
  Project,
  License,
  Amendment,
  Other,
}

export enum AgreementStatus {
  None,
  Pending,
  Effective,
  Superseded,
  Terminated,
}

export const RULING = { REFUSED: 0n, UPHELD: 1n, REJECTED: 2n } as const;

export const DAY = 24 * 60 * 60;
export const CURE = 7 * DAY;
export const ANSWER = 14 * DAY;
export const VOTING = 5 * DAY;
export const APPEAL = 7 * DAY;
export const MAX = ethers.MaxUint256;

export const u = (n: string | number): bigint => ethers.parseUnits(String(n), 6);
export const tag = (s: string): string => ethers.encodeBytes32String(s);
export const sha = (s: string): string => ethers.sha256(ethers.toUtf8Bytes(s));
export const mask = (...s: number[]): bigint => s.reduce((m, x) => m | (1n << BigInt(x)), 0n);

export const CLAIM_BOND = u(100);
export const MEMBER_BOND = u(1000);

// Agreements in the MockCharter.
export const CHARTER_ID = 1n;
export const LICENSE_AGREEMENT_ID = 2n;
export const PENDING_ID = 3n;
// Clauses.
export const CONFIDENTIALITY = tag("7.1"); // all remedies, cap 5000
export const CONTRIBUTION = tag("4.2"); // damages only, cap 1000
export const ROYALTY = tag("6.3"); // licence agreement: damages + licence remedies, cap 2000
export const CONFIDENTIALITY_CAP = u(5000);
// Licences in the probe.
export const BOB_LICENSE = 11n;
export const CAROL_LICENSE = 12n;

export function charterParams(claimBond: bigint) {
  return {
    bondAmount: MEMBER_BOND,
    maxMembers: 50,
    noticePeriod: 30 * DAY,
    noticeValidity: 30 * DAY,
    reapplicationCooloff: 180 * DAY,
    supermajorityBps: 6667,
    quorumBps: 5000,
    amendmentRule: 0,
    amendmentPeriod: 60 * DAY,
    grantCapBps: 3000,
    secretariatBudgetLimit: u(10000),
    minReviews: 2,
    approvalShareBps: 5000,
    gracePeriod: 7 * DAY,
    latePenaltyBps: 500,
    vetoWindow: 3 * DAY,
    levyBps: 500,
    rofrWindow: 14 * DAY,
    transfersToNonMembers: false,
    royaltyGracePeriod: 14 * DAY,
    contestWindow: 30 * DAY,
    claimBond,
    curePeriod: CURE,
    answerPeriod: ANSWER,
  };
}

async function mapRoles(
  manager: AccessManager,
  target: BaseContract,
  map: Record<string, keyof typeof ROLE>,
): Promise<void> {
  for (const [fn, role] of Object.entries(map)) {
    const selector = target.interface.getFunction(fn)!.selector;
    await manager.setTargetFunctionRole(await target.getAddress(), [selector], ROLE[role]);
  }
}

export interface Suite {
  manager: AccessManager;
  token: TestToken;
  treasury: Treasury;
  charter: MockCharter;
  membership: DisputesMembershipProbe;
  licenses: DisputesLicenseProbe;
  governor: DisputesGovernorProbe;
  panel: PanelArbitrator;
  outside: MockArbitrator;
  disputes: DisputeResolution;
  history: BreachHistory;
  remedies: RemedyExecution;
  admin: HardhatEthersSigner;
  council: HardhatEthersSigner;
  secretariat: HardhatEthersSigner;
  membershipModule: HardhatEthersSigner;
  projectsModule: HardhatEthersSigner;
  licensingModule: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  carol: HardhatEthersSigner;
  dave: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  experts: HardhatEthersSigner[];
}

/**
 * The disputes module (DisputeResolution, RemedyExecution, BreachHistory, wired as the Ignition module
 * wires them) over the real Treasury, with probes for the charter/agreements, membership, licensing
 * and the council's governor. Alice and Bob are active members (bonds of 1000), Carol a
 * licensee who is not a member, Dave an active member not in good standing, the secretariat holds
 * SECRETARIAT; seven experts hold EXPERT. The default arbitrator is the PanelArbitrator (3 experts).
 * `blacklistToken` settles in `TreasuryBlacklistToken` (it can refuse an account) instead.
 */
export async function deploySuite(opts: { blacklistToken?: boolean } = {}): Promise<Suite> {
  const signers = await ethers.getSigners();
  const [
    admin,
    council,
    secretariat,
    membershipModule,
    projectsModule,
    licensingModule,
    alice,
    bob,
    carol,
    dave,
    stranger,
  ] = signers;
  const experts = signers.slice(11, 18);
  const manager = await ethers.deployContract("AccessManager", [admin.address]);
  const authority = await manager.getAddress();
  await manager.grantRole(ROLE.COUNCIL, council.address, 0);
  await manager.grantRole(ROLE.SECRETARIAT, secretariat.address, 0);
  await manager.grantRole(ROLE.MEMBERSHIP_MODULE, membershipModule.address, 0);
  await manager.grantRole(ROLE.PROJECTS_MODULE, projectsModule.address, 0);
  await manager.grantRole(ROLE.LICENSING_MODULE, licensingModule.address, 0);
  for (const e of experts) await manager.grantRole(ROLE.EXPERT, e.address, 0);

  // A token that can refuse an account (`setBlacklisted`), for the pulls a payee cannot receive.
  const token = (opts.blacklistToken
    ? await ethers.deployContract("TreasuryBlacklistToken")
    : await ethers.deployContract("TestToken", ["Test USD", "TUSD", 6])) as unknown as TestToken;
  const treasury = await ethers.deployContract("Treasury", [authority, await token.getAddress()]);
  await mapRoles(manager, treasury, {
    postBond: "MEMBERSHIP_MODULE",
    releaseBond: "MEMBERSHIP_MODULE",
    fundProject: "PROJECTS_MODULE",
    postClaimBond: "DISPUTES_MODULE",
    releaseClaimBond: "DISPUTES_MODULE",
    slashToClaim: "DISPUTES_MODULE",
    payClaim: "DISPUTES_MODULE",
    receiveSettlement: "DISPUTES_MODULE",
  });

  const charter = await ethers.deployContract("MockCharter", [charterParams(CLAIM_BOND)]);
  const clauses = [
    { clauseId: CONFIDENTIALITY, damagesCap: CONFIDENTIALITY_CAP, remedies: REMEDY.ALL },
    { clauseId: CONTRIBUTION, damagesCap: u(1000), remedies: REMEDY.DAMAGES },
  ];
  await charter.setAgreement(
    CHARTER_ID,
    AgreementKind.Charter,
    AgreementStatus.Effective,
    sha("charter terms"),
    [alice.address, bob.address, dave.address],
    clauses,
  );
  await charter.setAgreement(
    LICENSE_AGREEMENT_ID,
    AgreementKind.License,
    AgreementStatus.Effective,
    sha("licence terms"),
    [bob.address, carol.address],
    [
      {
        clauseId: ROYALTY,
        damagesCap: u(2000),
        remedies: REMEDY.DAMAGES | REMEDY.LICENSE_SUSPENSION | REMEDY.LICENSE_REVOCATION,
      },
    ],
  );
  await charter.setAgreement(
    PENDING_ID,
    AgreementKind.Project,
    AgreementStatus.Pending,
    sha("project terms"),
    [alice.address, bob.address],
    clauses,
  );

  const membership = await ethers.deployContract("DisputesMembershipProbe");
  await membership.setMember(alice.address, MemberStatus.Active);
  await membership.setMember(bob.address, MemberStatus.Active);
  await membership.setMember(dave.address, MemberStatus.Active);
  await membership.setGoodStanding(dave.address, false);

  const licenses = await ethers.deployContract("DisputesLicenseProbe");
  await licenses.setLicense(BOB_LICENSE, LicenseStatus.Active, bob.address, 1, CHARTER_ID);
  await licenses.setLicense(CAROL_LICENSE, LicenseStatus.Active, carol.address, 1, LICENSE_AGREEMENT_ID);

  const governor = await ethers.deployContract("DisputesGovernorProbe");
  const panel = await ethers.deployContract("PanelArbitrator", [authority, 3, VOTING, APPEAL]);
  await mapRoles(manager, panel, {
    createDispute: "DISPUTES_MODULE",
    appointPanel: "SECRETARIAT",
    registerAffiliation: "SECRETARIAT",
    setPanelParams: "COUNCIL",
  });
  const outside = await ethers.deployContract("MockArbitrator");

  const history = await ethers.deployContract("BreachHistory", [authority]);
  const remedies = await ethers.deployContract("RemedyExecution", [
    authority,
    await treasury.getAddress(),
    await membership.getAddress(),
    await governor.getAddress(),
    await history.getAddress(),
  ]);
  const validation = await ethers.deployContract("ClaimValidation");
  const disputes = (await ethers.deployContract(
    "DisputeResolution",
    [
      authority,
      await charter.getAddress(),
      await membership.getAddress(),
      await treasury.getAddress(),
      await history.getAddress(),
      await remedies.getAddress(),
      await panel.getAddress(),
    ],
    { libraries: { ClaimValidation: await validation.getAddress() } },
  )) as unknown as DisputeResolution;
  await manager.grantRole(ROLE.DISPUTES_MODULE, await disputes.getAddress(), 0);
  await manager.grantRole(ROLE.DISPUTES_MODULE, await remedies.getAddress(), 0);
  await mapRoles(manager, disputes, {
    setArbitrator: "COUNCIL",
    setLicenseManager: "COUNCIL",
    liftSuspensionByCouncil: "COUNCIL",
  });
  await mapRoles(manager, remedies, { execute: "DISPUTES_MODULE", liftSuspension: "DISPUTES_MODULE" });
  await mapRoles(manager, history, {
    recordClaimEntry: "DISPUTES_MODULE",
    recordClaimEntries: "DISPUTES_MODULE",
  });
  await disputes.connect(council).setLicenseManager(await licenses.getAddress());

  for (const who of [alice, bob, carol, dave, secretariat, stranger]) {
    await token.mint(who.address, u(1_000_000));
    await token.connect(who).approve(await treasury.getAddress(), MAX);
  }
  await treasury.connect(membershipModule).postBond(alice.address, alice.address, MEMBER_BOND);
  await treasury.connect(membershipModule).postBond(bob.address, bob.address, MEMBER_BOND);

  return {
    manager,
    token,
    treasury,
    charter,
    membership,
    licenses,
    governor,
    panel,
    outside,
    disputes,
    history,
    remedies,
    admin,
    council,
    secretariat,
    membershipModule,
    projectsModule,
    licensingModule,
    alice,
    bob,
    carol,
    dave,
    stranger,
    experts,
  };
}

/** A confidentiality claim against `respondent` on the charter, overridable field by field. */
export function claimRequest(respondent: string, over: Partial<ClaimRequestStruct> = {}): ClaimRequestStruct {
  return {
    respondent,
    agreementId: CHARTER_ID,
    agreementVersion: 1,
    clauseId: CONFIDENTIALITY,
    statementHash: sha("statement of claim"),
    statementURI: "ipfs://statement",
    evidenceHash: sha("evidence bundle 1"),
    evidenceURI: "ipfs://evidence-1",
    remedies: REMEDY.DAMAGES,
    damages: u(300),
    licenseId: 0,
    ...over,
  };
}

/** Files `request` as `from` and returns the new claim id. */
export async function file(
  disputes: DisputeResolution,
  from: HardhatEthersSigner,
  request: ClaimRequestStruct,
): Promise<bigint> {
  await disputes.connect(from).fileClaim(request);
  return disputes.claimCount();
}

/** Parses the named events `contract` emitted in `tx`. */
export async function eventsOf(contract: BaseContract, tx: ContractTransactionResponse, name: string) {
  const receipt = await tx.wait();
  const out = [];
  for (const log of receipt!.logs) {
    if (log.address.toLowerCase() !== (await contract.getAddress()).toLowerCase()) continue;
    const parsed = contract.interface.parseLog(log);
    if (parsed && parsed.name === name) out.push(parsed);
  }
  return out;
}

/** A claim's record as `ClaimFiled` gave it (what every later call supplies back): the SDK's type. */
export type { ClaimRecord };

/** Claim `claimId`'s record, read from its `ClaimFiled` event. */
export async function recordOf(disputes: DisputeResolution, claimId: bigint): Promise<ClaimRecord> {
  const [log] = await disputes.queryFilter(disputes.filters.ClaimFiled(claimId));
  if (!log) throw new Error(`no ClaimFiled for claim ${claimId}`);
  const r = log.args.record;
  return {
    claimId: r.claimId,
    claimant: r.claimant,
    respondent: r.respondent,
    arbitrator: r.arbitrator,
    agreementId: r.agreementId,
    clauseId: r.clauseId,
    statementHash: r.statementHash,
    remedies: r.remedies,
    forAlliance: r.forAlliance,
    cureEndsAt: r.cureEndsAt,
    answerEndsAt: r.answerEndsAt,
    damages: r.damages,
    licenseId: r.licenseId,
    bond: r.bond,
  };
}

/** The dispute claim `claimId` was referred to (its latest `ClaimReferred`). */
export async function disputeOf(disputes: DisputeResolution, claimId: bigint): Promise<bigint> {
  const logs = await disputes.queryFilter(disputes.filters.ClaimReferred(claimId));
  if (logs.length === 0) throw new Error(`claim ${claimId} was never referred`);
  return logs[logs.length - 1].args.disputeId;
}

/** What Executed claim `claimId` owes and has not paid (0 when nothing is owed or it was pulled). */
export async function owedOf(disputes: DisputeResolution, claimId: bigint): Promise<bigint> {
  const owed = await disputes.queryFilter(disputes.filters.ClaimPayoutOwed(claimId));
  const pulled = await disputes.queryFilter(disputes.filters.ClaimPayoutPulled(claimId));
  return owed.length === 0 || pulled.length > 0 ? 0n : owed[owed.length - 1].args.amount;
}
