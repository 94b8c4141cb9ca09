import { ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type {
  AccessManager,
  IPRegistry,
  LicenseManager,
  LicenseProposals,
  MockCharter,
  MockMembership,
  MockProjectRegistry,
  MockBreachRecorder,
  TestToken,
  Treasury,
} from "../../../typechain-types";
import type { CharterParamsStruct } from "../../../typechain-types/contracts/mocks/MockCharter";
import type { LicenseTermsStruct } from "../../../typechain-types/contracts/licensing/LicenseManager";

/** Role ids, as in contracts/access/Roles.sol. */
export const ROLE = { COUNCIL: 1n, IP_MODULE: 13n, LICENSING_MODULE: 14n, DISPUTES_MODULE: 15n } as const;
export const BPS = 10_000n;
export const DAY = 86_400;
export enum MemberKind {
  Enterprise,
  University,
  ResearchInstitute,
}
export enum MemberStatus {
  None,
  Applicant,
  Active,
  Suspended,
  Withdrawn,
  Expelled,
}
export enum ProjectStatus {
  None,
  Proposed,
  Approved,
  Rejected,
  Active,
  Completed,
  Cancelled,
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
export enum AssetKind {
  PatentApplication,
  Patent,
  Software,
  KnowHow,
  Standard,
  Design,
  Data,
  Other,
}
export enum AssetStatus {
  None,
  Filed,
  Granted,
  Lapsed,
  Abandoned,
  Contested,
}
export enum SaleStatus {
  None,
  Open,
  Completed,
  Preempted,
  Cancelled,
}
export enum LicenseKind {
  Exclusive,
  Sole,
  NonExclusive,
}
export enum PriceClass {
  Member,
  Outsider,
}
export enum LicenseStatus {
  None,
  Active,
  Suspended,
  Revoked,
  Expired,
}
export enum ProposalKind {
  Offer,
  Negotiated,
}
export enum ProposalStatus {
  None,
  Pending,
  Approved,
  Published,
  Executed,
  Cancelled,
}

export const sha256 = (text: string): string => ethers.sha256(ethers.toUtf8Bytes(text));

export function charterParams(overrides: Partial<CharterParamsStruct> = {}): CharterParamsStruct {
  return {
    bondAmount: 0n,
    maxMembers: 100,
    noticePeriod: 30 * DAY,
    noticeValidity: 30 * DAY,
    reapplicationCooloff: 180 * DAY,
    supermajorityBps: 6667,
    quorumBps: 5000,
    amendmentRule: 0,
    amendmentPeriod: 60 * DAY,
    grantCapBps: 3000,
    secretariatBudgetLimit: 0n,
    minReviews: 1,
    approvalShareBps: 6000,
    gracePeriod: 14 * DAY,
    latePenaltyBps: 100,
    vetoWindow: 7 * DAY,
    levyBps: 500,
    rofrWindow: 7 * DAY,
    transfersToNonMembers: false,
    royaltyGracePeriod: 30 * DAY,
    contestWindow: 30 * DAY,
    claimBond: 0n,
    curePeriod: 14 * DAY,
    answerPeriod: 14 * DAY,
    ...overrides,
  };
}

export interface Suite {
  manager: AccessManager;
  token: TestToken;
  membership: MockMembership;
  charter: MockCharter;
  projects: MockProjectRegistry;
  breach: MockBreachRecorder;
  treasury: Treasury;
  ip: IPRegistry;
  lm: LicenseManager;
  proposals: LicenseProposals;
}

const sel = (c: { interface: { getFunction(n: string): { selector: string } | null } }, n: string) =>
  c.interface.getFunction(n)!.selector;

/** Maps Treasury.receiveRoyalty/payRoyalty and LicenseManager.grantLicense to LICENSING_MODULE. */
export async function mapRoyaltyRoles(
  manager: AccessManager,
  treasury: Treasury,
  lm: LicenseManager,
): Promise<void> {
  await manager.setTargetFunctionRole(
    await treasury.getAddress(),
    [sel(treasury, "receiveRoyalty"), sel(treasury, "payRoyalty")],
    ROLE.LICENSING_MODULE,
  );
  await manager.setTargetFunctionRole(
    await lm.getAddress(),
    [sel(lm, "grantLicense")],
    ROLE.LICENSING_MODULE,
  );
}

export { expectZeroAddressRejected } from "../projects/fixture";

/**
 * Deploys the licensing suite on the real AccessManager and Treasury with test stand-ins for
 * membership, charter/agreements, projects and the breach recorder, wired like the deployment:
 * Treasury's royalty functions and LicenseManager.grantLicense -> LICENSING_MODULE (held by
 * LicenseManager and LicenseProposals), LicenseManager.onSharesMoved -> IP_MODULE (IPRegistry),
 * suspend/lift/revoke -> DISPUTES_MODULE (`disputes`), IPRegistry.setShareHook -> COUNCIL,
 * IPRegistry.applyStatusChange -> LICENSING_MODULE (LicenseProposals applies co-owners' status changes).
 */
export async function deploySuite(
  admin: HardhatEthersSigner,
  council: HardhatEthersSigner,
  disputes: HardhatEthersSigner,
  opts: { decimals?: number; token?: string; params?: Partial<CharterParamsStruct>; hook?: boolean } = {},
): Promise<Suite> {
  const manager = await ethers.deployContract("AccessManager", [admin.address]);
  const token = await ethers.deployContract("TestToken", ["Alliance USD", "AUSD", opts.decimals ?? 6]);
  const tokenAddress = opts.token ?? (await token.getAddress());
  const membership = await ethers.deployContract("MockMembership");
  const charter = await ethers.deployContract("MockCharter", [charterParams(opts.params)]);
  const projects = await ethers.deployContract("MockProjectRegistry");
  const breach = await ethers.deployContract("MockBreachRecorder");
  const m = await manager.getAddress();
  const treasury = await ethers.deployContract("Treasury", [m, tokenAddress]);
  const ip = await ethers.deployContract("IPRegistry", [
    m,
    await membership.getAddress(),
    await charter.getAddress(),
    await projects.getAddress(),
    tokenAddress,
    "https://covenant.example/ip/{id}.json",
  ]);
  const lm = await ethers.deployContract("LicenseManager", [
    m,
    await membership.getAddress(),
    await charter.getAddress(),
    await ip.getAddress(),
    await treasury.getAddress(),
    await breach.getAddress(),
  ]);
  const proposals = await ethers.deployContract("LicenseProposals", [
    await ip.getAddress(),
    await membership.getAddress(),
    await charter.getAddress(),
    await lm.getAddress(),
  ]);
  await mapRoyaltyRoles(manager, treasury, lm);
  await manager.setTargetFunctionRole(await lm.getAddress(), [sel(lm, "onSharesMoved")], ROLE.IP_MODULE);
  await manager.setTargetFunctionRole(
    await lm.getAddress(),
    [sel(lm, "suspendLicense"), sel(lm, "liftSuspension"), sel(lm, "revokeLicense")],
    ROLE.DISPUTES_MODULE,
  );
  await manager.setTargetFunctionRole(await ip.getAddress(), [sel(ip, "setShareHook")], ROLE.COUNCIL);
  await manager.setTargetFunctionRole(
    await ip.getAddress(),
    [sel(ip, "applyStatusChange")],
    ROLE.LICENSING_MODULE,
  );
  await manager.grantRole(ROLE.LICENSING_MODULE, await lm.getAddress(), 0);
  await manager.grantRole(ROLE.LICENSING_MODULE, await proposals.getAddress(), 0);
  await manager.grantRole(ROLE.IP_MODULE, await ip.getAddress(), 0);
  await manager.grantRole(ROLE.DISPUTES_MODULE, disputes.address, 0);
  await manager.grantRole(ROLE.COUNCIL, council.address, 0);
  if (opts.hook ?? true) await ip.connect(council).setShareHook(await lm.getAddress());
  return { manager, token, membership, charter, projects, breach, treasury, ip, lm, proposals };
}

export async function setMembers(membership: MockMembership, accounts: string[]): Promise<void> {
  for (const a of accounts) await membership.setMember(a, MemberKind.Enterprise, MemberStatus.Active);
}

export function input(title: string, opts: { kind?: AssetKind; sep?: boolean; externalId?: string } = {}) {
  return {
    kind: opts.kind ?? AssetKind.PatentApplication,
    standardEssential: opts.sep ?? false,
    contentHash: sha256(title),
    title,
    externalId: opts.externalId ?? "",
  };
}

export function terms(now: number, overrides: Partial<LicenseTermsStruct> = {}): LicenseTermsStruct {
  return {
    kind: LicenseKind.NonExclusive,
    priceClass: PriceClass.Outsider,
    sublicensable: false,
    royaltyBps: 300,
    fieldId: 1,
    territoryId: 86,
    periodLength: 90 * DAY,
    start: now,
    end: now + 720 * DAY,
    upfrontFee: 0n,
    minRoyalty: 0n,
    ...overrides,
  };
}

/** Random, unfunded addresses in ascending order (distinct). */
export function addresses(n: number, seed = 1): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      ethers.getAddress(ethers.dataSlice(ethers.keccak256(ethers.toBeHex(seed * 100_000 + i, 32)), 12)),
    );
  }
  return out;
}

/** `n` equal shares summing to 10000 (the first ones take the remainder). */
export function equalShares(n: number): number[] {
  const base = Math.floor(10_000 / n);
  const rest = 10_000 - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < rest ? 1 : 0));
}

/** I1: the asset's owners' shares sum to 10000, each > 0, no owner twice. */
export async function checkI1(ip: IPRegistry, assetId: bigint): Promise<void> {
  const [owners, shares] = await ip.ownersOf(assetId, 0, 1000);
  const seen = new Set<string>();
  let sum = 0n;
  for (let i = 0; i < owners.length; i++) {
    if (seen.has(owners[i])) throw new Error(`I1: duplicate owner ${owners[i]}`);
    seen.add(owners[i]);
    if (shares[i] === 0n) throw new Error(`I1: zero share for ${owners[i]}`);
    if ((await ip.balanceOf(owners[i], assetId)) !== shares[i])
      throw new Error("I1: ERC-1155 balance differs");
    sum += shares[i];
  }
  if (sum !== BPS) throw new Error(`I1: shares sum to ${sum}`);
  if ((await ip.assetOf(assetId)).ownerCount !== BigInt(owners.length)) throw new Error("I1: ownerCount");
}
