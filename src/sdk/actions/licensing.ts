/**
 * Licensing actions and reads for co-owners, licensees and their staff (F5, F6, R4, Macro 3):
 * publish a public offer, accept it (approving exactly the upfront fee), pay a period's royalty
 * (approving exactly max(rate × revenue, minimum)), settle and claim income, read an income
 * statement, and set the tiered split of a co-owner's income among its staff (the article's
 * 4:4:2). Each action is `(client, params) => result` over the client's send path. A licence's
 * terms that storage does not keep (price class, sublicensable, upfront fee) and its grant time come
 * from its `LicenseGranted` event, which also lists the licences of an asset or a licensee.
 */
import { getAddress, ZeroAddress, type EventLog } from "ethers";
import { BlockTimes, scanEvents, scanStart } from "../claims";
import type { CovenantClient, TxResult } from "../client";
import { inputError } from "../errors";
import { allGrants, requireAsset, LICENSE_STATUS } from "./ip";
import { formatAmount, isoTime } from "../money";
import { approveIfShort, tokenInfo, type Approval } from "./token";
import { LicenseKind, PriceClass, ProposalKind, ProposalStatus } from "../generated/enums";

export const LICENSE_KINDS = LicenseKind;
export const PRICE_CLASSES = PriceClass;
export const PROPOSAL_KINDS = ProposalKind;
export const PROPOSAL_STATUS = ProposalStatus;

const BPS = 10_000n;

export function parseLicenseKind(text: string): number {
  const i = LICENSE_KINDS.findIndex((k) => k.toLowerCase() === text.trim().toLowerCase());
  if (i < 0) throw inputError(`unknown licence kind "${text}": use one of ${LICENSE_KINDS.join(", ")}`);
  return i;
}

export function parsePriceClass(text: string): number {
  const i = PRICE_CLASSES.findIndex((k) => k.toLowerCase() === text.trim().toLowerCase());
  if (i < 0) throw inputError(`unknown price class "${text}": use one of ${PRICE_CLASSES.join(", ")}`);
  return i;
}

/** The contract's `LicenseTerms`. */
export interface LicenseTermsInput {
  kind: number;
  priceClass: number;
  sublicensable: boolean;
  royaltyBps: number;
  fieldId: number;
  territoryId: number;
  /** Seconds per royalty period (0 = no running royalty). */
  periodLength: number;
  start: number;
  end: number;
  upfrontFee: bigint;
  minRoyalty: bigint;
}

/** Checks terms locally with messages naming the field (the contract checks them again). */
export function checkTerms(t: LicenseTermsInput, now: number): void {
  if (t.start >= t.end) throw inputError("the offer must end after it starts");
  if (t.end <= now) throw inputError("the offer's end is in the past");
  if (t.royaltyBps < 0 || t.royaltyBps > 10_000) throw inputError("the royalty rate must be 0-10000 bps");
  if (t.periodLength === 0 && (t.royaltyBps !== 0 || t.minRoyalty !== 0n)) {
    throw inputError("a running royalty (rate or minimum) needs a royalty period");
  }
  for (const [k, max] of [
    ["fieldId", 2 ** 32 - 1],
    ["territoryId", 2 ** 32 - 1],
    ["periodLength", 2 ** 32 - 1],
  ] as const) {
    if (!Number.isInteger(t[k]) || t[k] < 0 || t[k] > max) throw inputError(`${k} is out of range`);
  }
  if (t.upfrontFee >= 2n ** 128n || t.minRoyalty >= 2n ** 128n) throw inputError("an amount is too large");
}

/** A co-owner proposes a public offer; with enough co-owner approval it is published at once. */
export async function proposeOffer(
  client: CovenantClient,
  p: { assetId: bigint; terms: LicenseTermsInput },
): Promise<TxResult & { proposalId: bigint; status: string }> {
  await requireAsset(client, p.assetId);
  const lp = await client.writable(client.licenseProposals());
  const r = await client.send(lp.proposeOffer, [p.assetId, p.terms]);
  const ev = r.events.find((e) => e.name === "LicenseProposed");
  const proposalId = ev
    ? BigInt(ev.args.proposalId as bigint)
    : await client.licenseProposals().proposalCount();
  const q = await client.licenseProposals().proposalOf(proposalId);
  return { ...r, proposalId, status: PROPOSAL_STATUS[Number(q.status)] };
}

async function requireProposal(client: CovenantClient, proposalId: bigint) {
  const lp = client.licenseProposals();
  const count = await lp.proposalCount();
  if (proposalId < 1n || proposalId > count) throw inputError(`no licence offer or proposal ${proposalId}`);
  return lp.proposalOf(proposalId);
}

/** Another co-owner approves a pending proposal with its share. */
export async function approveProposal(
  client: CovenantClient,
  p: { proposalId: bigint },
): Promise<TxResult & { proposalId: bigint; status: string }> {
  const { proposalId } = p;
  await requireProposal(client, proposalId);
  const lp = await client.writable(client.licenseProposals());
  const r = await client.send(lp.approve, [proposalId]);
  const q = await client.licenseProposals().proposalOf(proposalId);
  return { ...r, proposalId, status: PROPOSAL_STATUS[Number(q.status)] };
}

/**
 * The signer takes a published offer: refuses (nothing sent) an offer that is not published or has
 * closed, a Member offer to a non-member, or a short balance; approves exactly the upfront fee to
 * the Treasury, then accepts. Returns the new licence id.
 */
export async function acceptOffer(
  client: CovenantClient,
  q: { proposalId: bigint },
): Promise<TxResult & { licenseId: bigint; fee: bigint; approval: Approval }> {
  const { proposalId } = q;
  const p = await requireProposal(client, proposalId);
  const status = PROPOSAL_STATUS[Number(p.status)];
  if (Number(p.kind) !== 0)
    throw inputError(`proposal ${proposalId} is a negotiated licence, not a public offer`);
  if (status !== "Published") {
    throw inputError(
      `offer ${proposalId} is ${status}; it can be accepted once Published (co-owners have approved ${p.approvedBps} bps)`,
    );
  }
  const block = await client.provider.getBlock("latest");
  if (block && BigInt(block.timestamp) >= p.terms.end) {
    throw inputError(`offer ${proposalId} closed at ${isoTime(p.terms.end)}`);
  }
  const me = await client.signerAddress();
  if (Number(p.terms.priceClass) === 0) {
    try {
      await client.membership().requireBusinessMember(me);
    } catch {
      throw inputError(`offer ${proposalId} is for members in good standing; ${me} is not one`);
    }
  }
  const fee = p.terms.upfrontFee;
  const approval = await approveIfShort(client, {
    spender: client.address("Treasury"),
    amount: fee,
    purpose: `the upfront fee of offer ${proposalId}`,
  });
  const lp = await client.writable(client.licenseProposals());
  const r = await client.send(lp.acceptOffer, [proposalId]);
  const ev = r.events.find((e) => e.name === "LicenseGranted");
  const licenseId = ev ? BigInt(ev.args.licenseId as bigint) : await client.licenses().licenseCount();
  return { ...r, licenseId, fee, approval };
}

async function requireLicense(client: CovenantClient, licenseId: bigint) {
  const lm = client.licenses();
  const count = await lm.licenseCount();
  if (licenseId < 1n || licenseId > count) throw inputError(`no licence ${licenseId} (there are ${count})`);
  return lm.licenseOf(licenseId);
}

/** What a period's royalty comes to: max(floor(revenue × rate / 10000), minimum). */
export function royaltyDue(revenue: bigint, royaltyBps: number | bigint, minRoyalty: bigint): bigint {
  const due = (revenue * BigInt(royaltyBps)) / BPS;
  return due < minRoyalty ? minRoyalty : due;
}

/**
 * The licensee pays the next period's royalty on `revenue`: computes what is due, refuses (nothing
 * sent) when the signer is not the licensee, the period has not ended or the balance is short,
 * approves exactly the due amount to the Treasury and pays it.
 */
export async function payRoyalty(
  client: CovenantClient,
  p: { licenseId: bigint; revenue: bigint },
): Promise<
  TxResult & {
    licenseId: bigint;
    period: bigint;
    revenue: bigint;
    due: bigint;
    approval: Approval;
  }
> {
  const { licenseId, revenue } = p;
  const l = await requireLicense(client, licenseId);
  const me = await client.signerAddress();
  if (getAddress(l.licensee) !== me) throw inputError(`${me} is not the licensee of licence ${licenseId}`);
  const lm = client.licenses();
  const [index, , end, payableNow] = await lm.nextPeriodOf(licenseId);
  if (!payableNow) {
    const status = LICENSE_STATUS[Number(l.status)];
    throw inputError(
      status === "Active"
        ? `no royalty period of licence ${licenseId} is payable now: period ${index} ends ${isoTime(end) ?? "never"}`
        : `licence ${licenseId} is ${status}: no period is payable now`,
    );
  }
  const due = royaltyDue(revenue, l.royaltyBps, l.minRoyalty);
  const approval = await approveIfShort(client, {
    spender: client.address("Treasury"),
    amount: due,
    purpose: `the royalty of period ${index} of licence ${licenseId}`,
  });
  const w = await client.writable(lm);
  const r = await client.send(w.payRoyalty, [licenseId, revenue, due]);
  return { ...r, licenseId, period: index, revenue, due, approval };
}

/** A co-owner or beneficiary pulls its income from an asset; refuses (nothing sent) when there is none. */
export async function claimIncome(
  client: CovenantClient,
  p: { assetId: bigint },
): Promise<TxResult & { assetId: bigint; account: string; amount: bigint }> {
  const { assetId } = p;
  await requireAsset(client, assetId);
  const me = await client.signerAddress();
  const lm = client.licenses();
  const amount = await lm.claimable(assetId, me);
  if (amount === 0n) {
    const info = await tokenInfo(client);
    const s = await lm.incomeOf(assetId, me);
    throw inputError(
      `${me} has nothing to claim from IP asset ${assetId} (accrued ${formatAmount(s.accrued, info)}, claimed ${formatAmount(s.claimed, info)})`,
    );
  }
  const w = await client.writable(lm);
  const r = await client.send(w.claim, [assetId]);
  const ev = r.events.find((e) => e.name === "IncomeClaimed");
  return { ...r, assetId, account: me, amount: ev ? BigInt(ev.args.amount as bigint) : amount };
}

/**
 * Anyone: moves a co-owner's unsettled income on an asset into its and its beneficiaries' claimable
 * balances, so beneficiaries need not wait for the owner (M9: held while the owner is suspended).
 */
export async function settleIncome(
  client: CovenantClient,
  p: { assetId: bigint; owner: string },
): Promise<TxResult> {
  await requireAsset(client, p.assetId);
  const w = await client.writable(client.licenses());
  return client.send(w.settle, [p.assetId, p.owner]);
}

export interface IncomeView {
  assetId: bigint;
  account: string;
  shareBps: number;
  accrued: bigint;
  directed: bigint;
  claimed: bigint;
  claimable: bigint;
  split: { beneficiary: string; bps: number }[];
  accumulated: bigint;
  royaltyPool: bigint;
}

/** An account's income statement on an asset (co-owner or beneficiary), with its split. */
export async function incomeStatement(
  client: CovenantClient,
  p: { assetId: bigint; account?: string },
): Promise<IncomeView> {
  const { assetId, account } = p;
  await requireAsset(client, assetId);
  const who = account ? getAddress(account) : await client.signerAddress();
  const lm = client.licenses();
  const [s, [beneficiaries, bps], share, acc, pool] = await Promise.all([
    lm.incomeOf(assetId, who),
    lm.incomeSplitOf(assetId, who),
    client.ipRegistry().shareOf(assetId, who),
    lm.accumulatedOf(assetId),
    client.treasury().royaltyPool(assetId),
  ]);
  return {
    assetId,
    account: who,
    shareBps: Number(share),
    accrued: s.accrued,
    directed: s.directed,
    claimed: s.claimed,
    claimable: s.claimable,
    split: beneficiaries.map((b, i) => ({ beneficiary: getAddress(b), bps: Number(bps[i]) })),
    accumulated: acc,
    royaltyPool: pool,
  };
}

/** A co-owner directs parts of its income to beneficiaries (≤ 8, fixed bps summing ≤ 10000). */
export async function setIncomeSplit(
  client: CovenantClient,
  p: { assetId: bigint; split: { accounts: string[]; bps: number[] } },
): Promise<TxResult & { assetId: bigint; owner: string }> {
  const { assetId, split } = p;
  await requireAsset(client, assetId);
  const sum = split.bps.reduce((s, b) => s + b, 0);
  if (sum > 10_000) throw inputError(`the beneficiaries' shares sum to ${sum}, above 10000`);
  if (split.accounts.length > 8) throw inputError("at most 8 beneficiaries");
  if (split.accounts.some((a) => a === ZeroAddress)) throw inputError("a beneficiary is the zero address");
  const me = await client.signerAddress();
  if ((await client.ipRegistry().shareOf(assetId, me)) === 0n) {
    throw inputError(`${me} is not a co-owner of IP asset ${assetId}`);
  }
  const w = await client.writable(client.licenses());
  const r = await client.send(w.setIncomeSplit, [assetId, split.accounts, split.bps]);
  return { ...r, assetId, owner: me };
}

export interface LicenseView {
  id: bigint;
  assetId: bigint;
  licensee: string;
  status: string;
  kind: string;
  priceClass: string;
  sublicensable: boolean;
  royaltyBps: number;
  levyBps: number;
  minRoyalty: bigint;
  upfrontFee: bigint;
  fieldId: number;
  territoryId: number;
  periodLengthDays: number;
  start: string | null;
  end: string | null;
  grantedAt: string | null;
  proposalId: bigint;
  agreementId: bigint;
  nextPeriod: { index: bigint; start: string | null; end: string | null; payableNow: boolean };
  suspendedAt: string | null;
}

/** The licence's view from its stored record and its `LicenseGranted` event. */
async function viewOf(client: CovenantClient, granted: EventLog, times: BlockTimes): Promise<LicenseView> {
  const lm = client.licenses();
  const id = BigInt(granted.args.licenseId as bigint);
  const [l, [index, start, end, payableNow], grantedAt] = await Promise.all([
    lm.licenseOf(id),
    lm.nextPeriodOf(id),
    times.of(granted.blockNumber),
  ]);
  if (
    getAddress(granted.args.licensee as string) !== getAddress(l.licensee) ||
    granted.args.assetId !== l.assetId
  ) {
    throw new Error(`the node's grant event of licence ${id} does not match the chain's record`);
  }
  const t = granted.args.terms as { priceClass: bigint; sublicensable: boolean; upfrontFee: bigint };
  return {
    id,
    assetId: l.assetId,
    licensee: l.licensee,
    status: LICENSE_STATUS[Number(l.status)] ?? String(l.status),
    kind: LICENSE_KINDS[Number(l.kind)] ?? String(l.kind),
    priceClass: PRICE_CLASSES[Number(t.priceClass)] ?? String(t.priceClass),
    sublicensable: t.sublicensable,
    royaltyBps: Number(l.royaltyBps),
    levyBps: Number(l.levyBps),
    minRoyalty: l.minRoyalty,
    upfrontFee: t.upfrontFee,
    fieldId: Number(l.fieldId),
    territoryId: Number(l.territoryId),
    periodLengthDays: Number(l.periodLength) / 86_400,
    start: isoTime(l.start),
    end: isoTime(l.end),
    grantedAt: isoTime(grantedAt),
    proposalId: l.proposalId,
    agreementId: l.agreementId,
    nextPeriod: { index, start: isoTime(start), end: isoTime(end), payableNow },
    suspendedAt: isoTime(l.suspendedAt),
  };
}

/** One licence: its stored record with the terms and grant time of its `LicenseGranted` event. */
export async function licenseView(client: CovenantClient, p: { licenseId: bigint }): Promise<LicenseView> {
  const { licenseId } = p;
  await requireLicense(client, licenseId);
  const lm = client.licenses();
  const [granted] = await scanEvents(client, lm, lm.filters.LicenseGranted(licenseId), scanStart(client));
  if (!granted) throw new Error(`the node's logs have no grant event for licence ${licenseId}`);
  return viewOf(client, granted, new BlockTimes(client));
}

/** Licences of an asset, of a licensee, or all (from every grant event, checked complete). */
export async function listLicenses(
  client: CovenantClient,
  filter: { assetId?: bigint; licensee?: string } = {},
): Promise<LicenseView[]> {
  if (filter.assetId !== undefined) await requireAsset(client, filter.assetId);
  const licensee = filter.licensee !== undefined ? getAddress(filter.licensee) : undefined;
  const logs = (await allGrants(client)).filter(
    (e) =>
      (filter.assetId === undefined || e.args.assetId === filter.assetId) &&
      (licensee === undefined || getAddress(e.args.licensee as string) === licensee),
  );
  const times = new BlockTimes(client);
  return Promise.all(logs.map((e) => viewOf(client, e, times)));
}
