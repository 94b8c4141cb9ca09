import { expect } from "chai";
import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { DAY, TOKEN_UNIT, defaultCharterParams, deployFullSuite, type FullSuite } from "../helpers/suite";
import { memberHistoryOf } from "../contracts/disputes/invariants";

export const sha = (s: string): string => ethers.sha256(ethers.toUtf8Bytes(s));
export const tag = (s: string): string => ethers.encodeBytes32String(s);
export const u = (n: number | bigint): bigint => BigInt(n) * TOKEN_UNIT;

/** `Remedies` bit flags of IAgreementRegistry.sol. */
export const REMEDY = {
  DAMAGES: 1,
  LICENSE_SUSPENSION: 2,
  LICENSE_REVOCATION: 4,
  MEMBERSHIP_SUSPENSION: 8,
  EXPULSION_PROPOSAL: 16,
  ALL: 31,
} as const;
/** `EntryKind` of IDisputeResolution.sol (the ones these tests read). */
export const Entry = { DefaultRecorded: 11, PenaltyApplied: 12, ExpulsionProposed: 14 } as const;
/** `HistoryRole`: as claimant 0, as respondent 1. */
export const AS_RESPONDENT = 1 as const;
export const LicenseStatus = { None: 0n, Active: 1n, Suspended: 2n, Revoked: 3n, Expired: 4n } as const;

export const CHARTER_DOC = sha("产业技术创新战略联盟协议 / Alliance charter v1");
export const CHARTER_TERMS = sha('{"kind":"Charter","schema":"covenant/charter-terms/v1"}');
export const CONFIDENTIALITY = tag("7.1");
/** Clause 6.3 of the licence agreements `negotiatedLicence` makes: every remedy, damages up to 2,000. */
export const LICENCE_CLAUSE = tag("6.3");

/** The charter's parameters: one expert review suffices (the suite names one expert). */
export function charterParams() {
  return { ...defaultCharterParams(), minReviews: 1 };
}

/**
 * The whole suite deployed by the Ignition module with three founders (enterprise, university,
 * research institute), handed over to the council; the secretariat drafts the charter with a
 * confidentiality clause 7.1 that allows every remedy. Not signed yet.
 */
export async function draftedSuite(): Promise<FullSuite & { charterId: bigint }> {
  const s = await deployFullSuite({ founders: 3, panelSize: 1 });
  await s.registry.connect(s.secretariat).createCharter(
    {
      kind: 0,
      parentId: 0,
      documentHash: CHARTER_DOC,
      termsHash: CHARTER_TERMS,
      uri: "ipfs://charter-v1",
      parties: s.founders.map((f) => f.address),
      clauses: [{ clauseId: CONFIDENTIALITY, damagesCap: u(5_000), remedies: REMEDY.ALL }],
    },
    charterParams(),
  );
  return { ...s, charterId: await s.registry.agreementCount() };
}

/** Every founder signs the charter: it comes into force and the alliance is constituted. */
export async function charteredSuite(): Promise<FullSuite & { charterId: bigint }> {
  const s = await draftedSuite();
  for (const f of s.founders) await s.registry.connect(f).sign(s.charterId, CHARTER_DOC, CHARTER_TERMS);
  return s;
}

/** Mints `amount` to each account and approves the Treasury (and the IP registry) for it. */
export async function fund(s: FullSuite, accounts: HardhatEthersSigner[], amount = u(1_000_000)) {
  for (const a of accounts) {
    await s.token.mint(a.address, amount);
    await s.token.connect(a).approve(await s.treasury.getAddress(), ethers.MaxUint256);
  }
}

/** I2: the Treasury holds at least the sum of its sub-ledgers. */
export async function expectSolvent(s: FullSuite): Promise<void> {
  const balance = await s.token.balanceOf(await s.treasury.getAddress());
  expect(balance).to.be.gte(await s.treasury.totalLiabilities());
}

/** Registers background IP owned wholly by `owner` and publishes an offer of `terms` to outsiders. */
export async function publishOffer(
  s: FullSuite,
  owner: HardhatEthersSigner,
  title: string,
  over: { priceClass?: number; minRoyalty?: bigint; periodLength?: number } = {},
): Promise<bigint> {
  await s.ipRegistry
    .connect(owner)
    .registerBackground(
      { kind: 1, standardEssential: false, contentHash: sha(title), title, externalId: "" },
      [owner.address],
      [10_000],
    );
  const assetId = await s.ipRegistry.assetCount();
  const now = await time.latest();
  await s.licenseProposals.connect(owner).proposeOffer(assetId, {
    kind: 2, // NonExclusive
    priceClass: over.priceClass ?? 1, // Outsider
    sublicensable: false,
    royaltyBps: 300,
    fieldId: 1,
    territoryId: 86,
    periodLength: over.periodLength ?? 90 * DAY,
    start: now,
    end: now + 720 * DAY,
    upfrontFee: 0n,
    minRoyalty: over.minRoyalty ?? u(10),
  });
  return s.licenseProposals.proposalCount();
}

/**
 * A negotiated licence on a new asset owned wholly by `owner`: `owner` and `licensee` sign a License
 * agreement (clause 6.3, every remedy), `licensee` proposes the licence under it, `owner` approves and
 * `licensee` executes it. The licence is granted under that agreement (a claim under it may suspend
 * or revoke it: B10). `licensee` must be funded (no upfront fee is asked, but royalties may be).
 */
export async function negotiatedLicence(
  s: FullSuite,
  owner: HardhatEthersSigner,
  licensee: HardhatEthersSigner,
  title: string,
): Promise<{ agreementId: bigint; licenseId: bigint; assetId: bigint }> {
  const doc = sha(`licence agreement: ${title}`);
  const terms = sha(`{"kind":"License","title":${JSON.stringify(title)}}`);
  await s.registry.connect(owner).createAgreement({
    kind: 2, // License
    parentId: 0,
    documentHash: doc,
    termsHash: terms,
    uri: `ipfs://licence/${encodeURIComponent(title)}`,
    parties: [owner.address, licensee.address],
    clauses: [{ clauseId: LICENCE_CLAUSE, damagesCap: u(2_000), remedies: REMEDY.ALL }],
  });
  const agreementId = await s.registry.agreementCount();
  for (const p of [owner, licensee]) await s.registry.connect(p).sign(agreementId, doc, terms);
  await s.ipRegistry
    .connect(owner)
    .registerBackground(
      { kind: 1, standardEssential: false, contentHash: sha(`negotiated: ${title}`), title, externalId: "" },
      [owner.address],
      [10_000],
    );
  const assetId = await s.ipRegistry.assetCount();
  const now = await time.latest();
  await s.licenseProposals.connect(licensee).proposeLicense(assetId, agreementId, {
    kind: 2, // NonExclusive
    priceClass: 1, // Outsider
    sublicensable: false,
    royaltyBps: 300,
    fieldId: 1,
    territoryId: 86,
    periodLength: 90 * DAY,
    start: now + 10,
    end: now + 720 * DAY,
    upfrontFee: 0n,
    minRoyalty: u(10),
  });
  const proposalId = await s.licenseProposals.proposalCount();
  await s.licenseProposals.connect(owner).approve(proposalId);
  await time.increaseTo(now + 10);
  await s.licenseProposals.connect(licensee).executeLicense(proposalId);
  return { agreementId, licenseId: await s.licenseManager.licenseCount(), assetId };
}

/** The respondent's breach-history entry kinds, in order. */
export async function historyKinds(s: FullSuite, member: string): Promise<number[]> {
  const [, entries] = await memberHistoryOf(s.breachHistory, member, AS_RESPONDENT);
  return entries.map((e) => Number(e.kind));
}
