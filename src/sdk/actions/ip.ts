/**
 * IP actions and reads for members (F5, Macro 4, B4, B5): register a result or background IP from
 * its file (the SHA-256 of the file's bytes is the content hash: the first registration of a hash
 * is a timestamped proof of prior creation), register a result under a split its owners signed
 * (EIP-712 `SplitConsent`, B4), contest a background registration of a project's result (B4),
 * propose and approve a change of an asset's legal status as co-owners (B5), read an asset with its
 * owners, status and licences, and verify a local file against the chain. Each action is
 * `(client, params) => result` over the client's send path. Titles and external ids are text the
 * chain keeps in events only (`AssetRegistered`, and `StatusChangeProposed` of an applied status
 * change); an asset's licences are found from `LicenseGranted`'s indexed asset id.
 */
import { getAddress, ZeroAddress, type EventLog, type TypedDataDomain } from "ethers";
import { scanEvents, scanStart } from "../claims";
import type { CovenantClient, TxResult } from "../client";
import { inputError } from "../errors";
import { sha256Hex, utf8Length } from "../hash";
import { isoTime } from "../money";
import { SPLIT_CONSENT_TYPES, splitConsentDigest, type SplitConsentValue } from "../eip712";
import { requireProject } from "./projects";
import { AssetKind, AssetStatus, LicenseKind, LicenseStatus } from "../generated/enums";

export const ASSET_KINDS = AssetKind;
export const ASSET_STATUS = AssetStatus;
export const LICENSE_STATUS = LicenseStatus;

const PAGE = 100;

/** An asset kind by name (case-insensitive). */
export function parseAssetKind(text: string): number {
  const i = ASSET_KINDS.findIndex((k) => k.toLowerCase() === text.trim().toLowerCase());
  if (i < 0) throw inputError(`unknown IP kind "${text}": use one of ${ASSET_KINDS.join(", ")}`);
  return i;
}

/** Statuses co-owners may set (B5): Filed, Granted, Lapsed, Abandoned. */
export const SETTABLE_STATUSES = ["Filed", "Granted", "Lapsed", "Abandoned"] as const;

/** An asset status co-owners may set, by name (case-insensitive); an input error otherwise. */
export function parseAssetStatus(text: string): number {
  const name = SETTABLE_STATUSES.find((k) => k.toLowerCase() === text.trim().toLowerCase());
  if (!name) throw inputError(`unknown status "${text}": use one of ${SETTABLE_STATUSES.join(", ")}`);
  return ASSET_STATUS.indexOf(name);
}

/** What a registration states about the asset (`AssetInput`); the content hash comes from the file. */
export interface AssetDescription {
  kind: number;
  title: string;
  externalId?: string;
  standardEssential?: boolean;
}

/** What `registerIpAsset` registers. */
export interface IpRegistration extends AssetDescription {
  /** The file's bytes: their SHA-256 is the content hash. */
  content: Uint8Array;
  /** Foreground IP of this (Active) project, owned with the project's pre-agreed IP shares. */
  projectId?: bigint;
  /** Background IP owners and bps shares (default: the signer alone, 10000). */
  owners?: { accounts: string[]; bps: number[] };
}

/** Checks that asset `id` exists; an input error otherwise. */
export async function requireAsset(client: CovenantClient, id: bigint): Promise<void> {
  const count = await client.ipRegistry().assetCount();
  if (id < 1n || id > count) throw inputError(`no IP asset ${id} (there are ${count})`);
}

/** The contract's `AssetInput` for `content`, checked locally (title 1-200 bytes). */
function assetInput(d: AssetDescription, contentHash: string) {
  const title = d.title.trim();
  if (!title) throw inputError("the title is empty");
  if (utf8Length(title) > 200) throw inputError("the title is longer than 200 bytes");
  return {
    kind: d.kind,
    standardEssential: d.standardEssential === true,
    contentHash,
    title,
    externalId: d.externalId ?? "",
  };
}

/** Refuses (nothing sent) content already registered, naming the asset that holds it. */
async function requireNewContent(client: CovenantClient, contentHash: string): Promise<void> {
  const existing = await client.ipRegistry().assetByContent(contentHash);
  if (existing !== 0n) {
    throw inputError(`this content (SHA-256 ${contentHash}) is already registered as IP asset ${existing}`);
  }
}

/** The result of a registration: the new asset and its content hash and time. */
export interface Registered extends TxResult {
  assetId: bigint;
  contentHash: string;
  registeredAt: string | null;
}

async function registered(client: CovenantClient, r: TxResult, contentHash: string): Promise<Registered> {
  const ip = client.ipRegistry();
  const ev = r.events.find((e) => e.name === "AssetRegistered");
  const assetId = ev ? BigInt(ev.args.assetId as bigint) : await ip.assetCount();
  const asset = await ip.assetOf(assetId);
  return { ...r, assetId, contentHash, registeredAt: isoTime(asset.registeredAt) };
}

/**
 * Registers IP from a file: background (the signer among the owners) or, with `projectId`,
 * foreground with the project's pre-agreed shares. Refuses (nothing sent) a content hash already
 * registered, naming the asset that holds it; the contract decides the B4 case of a background
 * registration made since the project became active (the result is registered all the same and
 * that background asset can be contested).
 */
export async function registerIpAsset(client: CovenantClient, reg: IpRegistration): Promise<Registered> {
  if (reg.projectId !== undefined && reg.owners !== undefined) {
    throw inputError(
      "foreground IP takes the project's pre-agreed shares: give either owners or a project, not both",
    );
  }
  const contentHash = sha256Hex(reg.content);
  const input = assetInput(reg, contentHash);
  const w = await client.writable(client.ipRegistry());
  let r: TxResult;
  if (reg.projectId !== undefined) {
    await requireProject(client, reg.projectId);
    const existing = await client.ipRegistry().assetByContent(contentHash);
    // B4: a background registration since activation does not block the result (the contract checks which)
    if (existing !== 0n && (await client.ipRegistry().assetOf(existing)).projectId !== 0n)
      await requireNewContent(client, contentHash);
    r = await client.send(w.registerForeground, [reg.projectId, input]);
  } else {
    await requireNewContent(client, contentHash);
    const owners = reg.owners ?? { accounts: [await client.signerAddress()], bps: [10_000] };
    const sum = owners.bps.reduce((a, b) => a + b, 0);
    if (sum !== 10_000) throw inputError(`the owners' shares sum to ${sum}, not 10000`);
    r = await client.send(w.registerBackground, [input, owners.accounts, owners.bps]);
  }
  return registered(client, r, contentHash);
}

// ------------------------------------------------------------------ a result's split, signed (B4)

/** The EIP-712 domain of the IPRegistry's `SplitConsent` (as the registry reports it, EIP-5267). */
export async function splitConsentDomain(client: CovenantClient): Promise<TypedDataDomain> {
  const d = await client.ipRegistry().eip712Domain();
  return { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
}

/** A split as owners consent to it: the result, its amendment, owners and bps shares, and a deadline. */
export interface SplitTerms {
  projectId: bigint;
  /** The Effective amendment of the project agreement that fixed this split. */
  amendmentId: bigint;
  /** SHA-256 of the result's content. */
  contentHash: string;
  owners: string[];
  shares: number[];
  /** Unix seconds: the last second the consents are valid (part of what is signed). */
  deadline: bigint;
}

function checkSplit(t: SplitTerms): void {
  if (t.owners.length === 0) throw inputError("the split names no owner");
  if (t.owners.length !== t.shares.length) throw inputError("the split has as many shares as owners");
  const sum = t.shares.reduce((a, b) => a + b, 0);
  if (sum !== 10_000) throw inputError(`the split's shares sum to ${sum}, not 10000`);
}

/**
 * What `account` signs to consent to a split (B4): the typed data and its digest, the same values
 * a careful signer compares with `covenant ip consent` and a web page shows.
 */
export async function splitConsentOf(
  client: CovenantClient,
  p: SplitTerms & { account: string },
): Promise<{ domain: TypedDataDomain; value: SplitConsentValue; digest: string }> {
  checkSplit(p);
  const domain = await splitConsentDomain(client);
  const value: SplitConsentValue = {
    account: getAddress(p.account),
    projectId: p.projectId,
    amendmentId: p.amendmentId,
    contentHash: p.contentHash,
    owners: p.owners.map((o) => getAddress(o)),
    shares: p.shares,
    deadline: p.deadline,
  };
  return { domain, value, digest: splitConsentDigest(domain, value) };
}

/**
 * The signer consents to a split offline (B4): an EIP-712 `SplitConsent` signature over exactly
 * this project, amendment, content hash, owners, shares and deadline. Nothing is sent; the result
 * goes into a consent file that {@link registerForegroundAmended} combines with the others.
 */
export async function signSplitConsent(
  client: CovenantClient,
  p: SplitTerms,
): Promise<{ domain: TypedDataDomain; value: SplitConsentValue; digest: string; signature: string }> {
  await requireProject(client, p.projectId);
  const signer = await client.signer();
  const c = await splitConsentOf(client, { ...p, account: await client.signerAddress() });
  const signature = await signer.signTypedData(c.domain, SPLIT_CONSENT_TYPES, c.value);
  return { ...c, signature };
}

/** Who must consent to a split, in the order `registerForegroundAmended` takes their signatures. */
export async function splitConsenters(
  client: CovenantClient,
  p: { projectId: bigint; owners: string[] },
): Promise<string[]> {
  const owners = p.owners.map((o) => getAddress(o));
  const [participants, shares] = await client.projects().ipSharesOf(p.projectId);
  const others = participants
    .map((a, i) => ({ a: getAddress(a), s: Number(shares[i]) }))
    .filter((x) => x.s !== 0 && !owners.includes(x.a))
    .map((x) => x.a);
  return [...owners, ...others];
}

/**
 * Registers a project's result with a split other than the pre-agreed one (B4): the split fixed by
 * Effective amendment `amendmentId` of the project agreement, with the `SplitConsent` signature of
 * every owner and of every participant with a pre-agreed share who is not an owner (the signer's
 * own call is its consent). Refuses (nothing sent) a missing consent, naming who has not signed.
 */
export async function registerForegroundAmended(
  client: CovenantClient,
  p: AssetDescription &
    Omit<SplitTerms, "contentHash"> & {
      content: Uint8Array;
      /** Consents by account: the signature each wrote into its consent file. */
      consents: { account: string; signature: string }[];
    },
): Promise<Registered & { consenters: string[] }> {
  const contentHash = sha256Hex(p.content);
  checkSplit({ ...p, contentHash });
  const input = assetInput(p, contentHash);
  await requireProject(client, p.projectId);
  const me = await client.signerAddress();
  const order = await splitConsenters(client, p);
  const byAccount = new Map(p.consents.map((c) => [getAddress(c.account), c.signature]));
  const missing = order.filter((a) => a !== me && !byAccount.has(a));
  if (missing.length)
    throw inputError(
      `the split needs the consent of ${missing.join(", ")} (each signs with \`covenant ip consent\`)`,
    );
  const signatures = order.map((a) => (a === me ? "0x" : byAccount.get(a)!));
  const w = await client.writable(client.ipRegistry());
  const r = await client.send(w.registerForegroundAmended, [
    p.projectId,
    p.amendmentId,
    input,
    p.owners,
    p.shares,
    p.deadline,
    signatures,
  ]);
  return { ...(await registered(client, r, contentHash)), consenters: order };
}

/**
 * B4: a participant of result `foregroundId`'s project contests background asset `backgroundId`, a
 * registration of the same content made since the project became active; allowed within the
 * charter's contest window from the result's registration. The background asset becomes Contested.
 */
export async function contestBackground(
  client: CovenantClient,
  p: { backgroundId: bigint; foregroundId: bigint },
): Promise<TxResult & { status: string }> {
  await requireAsset(client, p.backgroundId);
  await requireAsset(client, p.foregroundId);
  const w = await client.writable(client.ipRegistry());
  const r = await client.send(w.contestBackground, [p.backgroundId, p.foregroundId]);
  const a = await client.ipRegistry().assetOf(p.backgroundId);
  return { ...r, status: ASSET_STATUS[Number(a.status)] ?? String(a.status) };
}

// ------------------------------------------------------------------ an asset's status, by co-owners (B5)

async function requireStatusChange(client: CovenantClient, changeId: bigint) {
  const lp = client.licenseProposals();
  const count = await lp.statusChangeCount();
  if (changeId < 1n || changeId > count)
    throw inputError(`no status change ${changeId} (there are ${count})`);
  return lp.statusChangeOf(changeId);
}

/** A status change as co-owners read it (B5). */
export interface StatusChangeView {
  id: bigint;
  assetId: bigint;
  from: string;
  to: string;
  applied: boolean;
  proposer: string;
  evidenceHash: string;
  externalId: string;
  /** Sum of the approving co-owners' shares (bps). */
  approvedBps: number;
  /** The charter's approval share (bps) the approvals must reach. */
  neededBps: number;
  /** The asset's share version the approvals count at, and whether a share sale has voided them since. */
  shareVersion: number;
  stale: boolean;
  /** Each co-owner now, its share and whether it approved. */
  owners: { account: string; bps: number; approved: boolean }[];
  /** The asset's status now. */
  assetStatus: string;
}

/** One status change with the co-owners' approvals (`statusChangeOf`, `hasApprovedStatusChange`). */
export async function statusChangeView(
  client: CovenantClient,
  p: { changeId: bigint },
): Promise<StatusChangeView> {
  const c = await requireStatusChange(client, p.changeId);
  const lp = client.licenseProposals();
  const ip = client.ipRegistry();
  const [params, asset, owners, [proposed]] = await Promise.all([
    client.charter().charterParams(),
    ip.assetOf(c.assetId),
    ownersOf(client, c.assetId),
    // the external id is text the chain keeps in the proposal's event only
    scanEvents(client, lp, lp.filters.StatusChangeProposed(p.changeId), scanStart(client)),
  ]);
  if (!proposed) throw new Error(`the node's logs have no event for status change ${p.changeId}`);
  const approved = await Promise.all(owners.map((o) => lp.hasApprovedStatusChange(p.changeId, o.account)));
  return {
    id: p.changeId,
    assetId: c.assetId,
    from: ASSET_STATUS[Number(c.from)] ?? String(c.from),
    to: ASSET_STATUS[Number(c.to)] ?? String(c.to),
    applied: c.applied,
    proposer: c.proposer,
    evidenceHash: c.evidenceHash,
    externalId: proposed.args.externalId as string,
    approvedBps: Number(c.approvedBps),
    neededBps: Number(params.approvalShareBps),
    shareVersion: Number(c.shareVersion),
    stale: !c.applied && Number(asset.shareVersion) !== Number(c.shareVersion),
    owners: owners.map((o, i) => ({ ...o, approved: approved[i] })),
    assetStatus: ASSET_STATUS[Number(asset.status)] ?? String(asset.status),
  };
}

/**
 * A co-owner proposes a change of the asset's legal status (B5) with the SHA-256 of the document
 * proving it; its own share counts as approval, and the change applies once co-owners holding the
 * charter's approval share approved. Returns the change and whether it already applied.
 */
export async function proposeStatusChange(
  client: CovenantClient,
  p: { assetId: bigint; status: number; evidenceHash: string; externalId?: string },
): Promise<TxResult & { changeId: bigint; applied: boolean }> {
  await requireAsset(client, p.assetId);
  const lp = await client.writable(client.licenseProposals());
  const r = await client.send(lp.proposeStatusChange, [
    p.assetId,
    p.status,
    p.externalId ?? "",
    p.evidenceHash,
  ]);
  const ev = r.events.find((e) => e.name === "StatusChangeProposed");
  const changeId = ev
    ? BigInt(ev.args.changeId as bigint)
    : await client.licenseProposals().statusChangeCount();
  return { ...r, changeId, applied: r.events.some((e) => e.name === "StatusChangeApplied") };
}

/** A co-owner approves a pending status change with its share (B5); the approval that reaches the share applies it. */
export async function approveStatusChange(
  client: CovenantClient,
  p: { changeId: bigint },
): Promise<TxResult & { approvedBps: number; applied: boolean }> {
  await requireStatusChange(client, p.changeId);
  const lp = await client.writable(client.licenseProposals());
  const r = await client.send(lp.approveStatusChange, [p.changeId]);
  const c = await client.licenseProposals().statusChangeOf(p.changeId);
  return { ...r, approvedBps: Number(c.approvedBps), applied: c.applied };
}

// ------------------------------------------------------------------ views

/**
 * Every co-owner of an asset and its share, from the paged view: with `ownerCount` (the asset's
 * record) every page is asked at once (one JSON-RPC batch), else the pages are walked {@link PAGE}
 * at a time until a short one.
 */
export async function ownersOf(
  client: CovenantClient,
  assetId: bigint,
  ownerCount?: bigint | number,
): Promise<{ account: string; bps: number }[]> {
  const ip = client.ipRegistry();
  const owners: { account: string; bps: number }[] = [];
  const add = ([accounts, shares]: [string[], bigint[]]) =>
    accounts.forEach((acc, i) => owners.push({ account: getAddress(acc), bps: Number(shares[i]) }));
  if (ownerCount !== undefined) {
    const offsets: number[] = [];
    for (let offset = 0; offset < Number(ownerCount); offset += PAGE) offsets.push(offset);
    const pages = await Promise.all(offsets.map((o) => ip.ownersOf(assetId, o, PAGE)));
    for (const p of pages) add([[...p[0]], [...p[1]]]);
    return owners;
  }
  for (let offset = 0; ; offset += PAGE) {
    const [accounts, shares] = await ip.ownersOf(assetId, offset, PAGE);
    add([[...accounts], [...shares]]);
    if (accounts.length < PAGE) return owners;
  }
}

export interface LicenseBrief {
  id: bigint;
  licensee: string;
  status: string;
  kind: string;
  start: string | null;
  end: string | null;
}

export interface AssetView {
  id: bigint;
  title: string;
  kind: string;
  status: string;
  standardEssential: boolean;
  contentHash: string;
  registeredAt: string | null;
  registrant: string;
  projectId: bigint;
  amendmentId: bigint;
  externalId: string;
  owners: { account: string; bps: number }[];
  licenses: LicenseBrief[];
}

const LICENSE_KINDS = LicenseKind;

/** An asset's text, read from events: its title and its external id (the last one recorded). */
export interface AssetText {
  title: string;
  externalId: string;
}

/** An asset's stored record (`assetOf`). */
export type AssetRecord = Awaited<ReturnType<ReturnType<CovenantClient["ipRegistry"]>["assetOf"]>>;

/** The stored records of the assets `ids`, all asked at once (one JSON-RPC batch per hundred). */
export async function assetRecords(client: CovenantClient, ids: bigint[]): Promise<Map<bigint, AssetRecord>> {
  const ip = client.ipRegistry();
  const records = await Promise.all(ids.map((id) => ip.assetOf(id)));
  return new Map(ids.map((id, i) => [id, records[i]]));
}

/**
 * The titles and external ids of the assets in `ids` from the chain's events: `AssetRegistered` (one
 * bounded scan for all of them), then the `StatusChangeProposed` of each status change applied with
 * a non-empty external id, in order (applied and asset read from storage). Each registration event
 * must match the asset's stored content hash, registrant and project (`records`, or read at once
 * here), or a node that altered it is reported. `toBlock` ends the scan (default: the latest block).
 */
export async function assetTexts(
  client: CovenantClient,
  ids: bigint[],
  records?: Map<bigint, AssetRecord>,
  toBlock?: number,
): Promise<Map<bigint, AssetText>> {
  const ip = client.ipRegistry();
  const from = scanStart(client);
  const wanted = new Set(ids);
  const out = new Map<bigint, AssetText>();
  const registered = await scanEvents(
    client,
    ip,
    ip.filters.AssetRegistered(ids.length === 1 ? ids[0] : undefined),
    from,
    toBlock,
  );
  // each wanted asset's first registration event
  const firsts = new Map<bigint, EventLog>();
  for (const e of registered) {
    const id = BigInt(e.args.assetId as bigint);
    if (wanted.has(id) && !firsts.has(id)) firsts.set(id, e);
  }
  const unread = [...firsts.keys()].filter((id) => !records?.has(id));
  const read = await assetRecords(client, unread);
  for (const [id, e] of firsts) {
    const a = records?.get(id) ?? read.get(id)!;
    if (
      e.args.contentHash !== a.contentHash ||
      getAddress(e.args.registrant as string) !== getAddress(a.registrant) ||
      BigInt(e.args.projectId as bigint) !== a.projectId
    ) {
      throw new Error(`the node's registration event of IP asset ${id} does not match the chain's record`);
    }
    out.set(id, { title: e.args.title as string, externalId: e.args.externalId as string });
  }
  for (const id of ids) {
    if (!out.has(id)) throw new Error(`the node returned no registration event for IP asset ${id}`);
  }
  if (client.has("LicenseProposals")) {
    // Every status change proposal, checked complete against the chain's count; whether a change with
    // an external id was applied, and to which asset, is read from storage (all at once), not from the logs.
    const lp = client.licenseProposals();
    const at = await client.provider.getBlockNumber();
    const [proposed, count] = await Promise.all([
      scanEvents(client, lp, lp.filters.StatusChangeProposed(), from, at),
      lp.statusChangeCount({ blockTag: at }),
    ]);
    if (BigInt(proposed.length) !== count || proposed.some((e, i) => e.args.changeId !== BigInt(i + 1))) {
      throw new Error(`the node's logs do not match the chain's ${count} status change proposals`);
    }
    const named = proposed.filter((e) => (e.args.externalId as string) !== "");
    const stored = await Promise.all(
      named.map((e) => lp.statusChangeOf(BigInt(e.args.changeId as bigint), { blockTag: at })),
    );
    const applied = named
      .map((e, i) => ({ e, c: stored[i] }))
      .filter(({ c }) => c.applied && out.has(c.assetId));
    const changes: { assetId: bigint; externalId: string; when: [number, number] }[] = [];
    if (applied.length > 0) {
      // Changes apply in the order of their StatusChangeApplied events (not of their proposals).
      const appliedAt = new Map(
        (await scanEvents(client, lp, lp.filters.StatusChangeApplied(), from, at)).map((a) => [
          BigInt(a.args.changeId as bigint),
          [a.blockNumber, a.index] as [number, number],
        ]),
      );
      for (const { e, c } of applied) {
        const id = BigInt(e.args.changeId as bigint);
        const when = appliedAt.get(id);
        if (!when) throw new Error(`the node's logs have no event for the applied status change ${id}`);
        changes.push({ assetId: c.assetId, externalId: e.args.externalId as string, when });
      }
    }
    changes.sort((x, y) => x.when[0] - y.when[0] || x.when[1] - y.when[1]);
    for (const c of changes) out.get(c.assetId)!.externalId = c.externalId;
  }
  return out;
}

/**
 * Every `LicenseGranted` event, oldest first, checked complete against the chain's licence count: a
 * node that drops a grant from its logs (or adds one) is reported, not believed.
 */
export async function allGrants(client: CovenantClient): Promise<EventLog[]> {
  const lm = client.licenses();
  const at = await client.provider.getBlockNumber();
  const [logs, count] = await Promise.all([
    scanEvents(client, lm, lm.filters.LicenseGranted(), scanStart(client), at),
    lm.licenseCount({ blockTag: at }),
  ]);
  const ids = logs.map((e) => BigInt(e.args.licenseId as bigint));
  if (BigInt(ids.length) !== count || ids.some((id, i) => id !== BigInt(i + 1))) {
    const missing = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1)).filter(
      (id) => !ids.includes(id),
    );
    throw new Error(
      `the node's logs do not match the chain's ${count} licences` +
        (missing.length ? `: no grant event for licence ${missing.join(", ")}` : ""),
    );
  }
  return logs;
}

/**
 * The ids of the licences granted on `assetId`, from every `LicenseGranted` event (checked complete
 * against the chain's licence count, so a node cannot hide one of the asset's licences).
 */
export async function licenseIdsOfAsset(client: CovenantClient, assetId: bigint): Promise<bigint[]> {
  return (await allGrants(client))
    .filter((e) => e.args.assetId === assetId)
    .map((e) => BigInt(e.args.licenseId as bigint));
}

/** One asset: owners and shares, hash, registration time, status and its licences. */
export async function assetView(client: CovenantClient, p: { assetId: bigint }): Promise<AssetView> {
  const { assetId } = p;
  await requireAsset(client, assetId);
  const ip = client.ipRegistry();
  const a = await ip.assetOf(assetId);
  // the texts, the owner pages and the licences at once
  const [texts, owners, licenses] = await Promise.all([
    assetTexts(client, [assetId], new Map([[assetId, a]])),
    ownersOf(client, assetId, a.ownerCount),
    (async (): Promise<LicenseBrief[]> => {
      if (!client.has("LicenseManager")) return [];
      const lm = client.licenses();
      const ids = await licenseIdsOfAsset(client, assetId);
      const records = await Promise.all(ids.map((id) => lm.licenseOf(id)));
      return records.map((l, i) => ({
        id: ids[i],
        licensee: l.licensee,
        status: LICENSE_STATUS[Number(l.status)] ?? String(l.status),
        kind: LICENSE_KINDS[Number(l.kind)] ?? String(l.kind),
        start: isoTime(l.start),
        end: isoTime(l.end),
      }));
    })(),
  ]);
  const text = texts.get(assetId)!;
  return {
    id: assetId,
    title: text.title,
    kind: ASSET_KINDS[Number(a.kind)] ?? String(a.kind),
    status: ASSET_STATUS[Number(a.status)] ?? String(a.status),
    standardEssential: a.standardEssential,
    contentHash: a.contentHash,
    registeredAt: isoTime(a.registeredAt),
    registrant: a.registrant === ZeroAddress ? "" : a.registrant,
    projectId: a.projectId,
    amendmentId: a.amendmentId,
    externalId: text.externalId,
    owners,
    licenses,
  };
}

export interface AssetSummary {
  id: bigint;
  title: string;
  kind: string;
  status: string;
  owners: number;
  projectId: bigint;
  registeredAt: string | null;
  contentHash: string;
}

/**
 * Every registered asset: the records all asked at once (one JSON-RPC batch per hundred) and the
 * titles from one scan of the registration events ({@link assetTexts}), checked against them.
 */
export async function listAssets(client: CovenantClient): Promise<AssetSummary[]> {
  const ip = client.ipRegistry();
  // The count and the scan at one block: the count read at a newer block than the scan's end (a
  // provider caches the block number briefly) would report the newest assets' events as missing.
  const at = await client.provider.getBlockNumber();
  const count = Number(await ip.assetCount({ blockTag: at }));
  const ids = Array.from({ length: count }, (_, i) => BigInt(i + 1));
  const records = await assetRecords(client, ids);
  const texts = count > 0 ? await assetTexts(client, ids, records, at) : new Map<bigint, AssetText>();
  return ids.map((id) => {
    const a = records.get(id)!;
    return {
      id,
      title: texts.get(id)!.title,
      kind: ASSET_KINDS[Number(a.kind)] ?? String(a.kind),
      status: ASSET_STATUS[Number(a.status)] ?? String(a.status),
      owners: Number(a.ownerCount),
      projectId: a.projectId,
      registeredAt: isoTime(a.registeredAt),
      contentHash: a.contentHash,
    };
  });
}

/** Compares a local file's SHA-256 with the asset's content hash. */
export async function verifyIp(
  client: CovenantClient,
  p: { assetId: bigint; content: Uint8Array },
): Promise<{ ok: boolean; assetId: bigint; onChain: string; local: string; registeredAt: string | null }> {
  const { assetId } = p;
  await requireAsset(client, assetId);
  const a = await client.ipRegistry().assetOf(assetId);
  const local = sha256Hex(p.content);
  return {
    ok: local.toLowerCase() === a.contentHash.toLowerCase(),
    assetId,
    onChain: a.contentHash,
    local,
    registeredAt: isoTime(a.registeredAt),
  };
}
