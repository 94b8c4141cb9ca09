/**
 * Intellectual property for members (F5, Macro 4): register a result or background IP from its
 * file (the SHA-256 of the file's bytes is the content hash: the first registration of a hash is a
 * timestamped proof of prior creation), read an asset with its owners, status and licences, and
 * verify a local file against the chain. Titles and external ids are text the chain keeps in events
 * only (`AssetRegistered`, and `StatusChangeProposed` of an applied status change); an asset's
 * licences are found from `LicenseGranted`'s indexed asset id.
 */
import { getAddress, ZeroAddress, type EventLog, type Log } from "ethers";
import { LOG_CHUNK, scanEvents, scanStart } from "./claims";
import type { CovenantClient } from "./client";
import { inputError } from "./errors";
import { sha256Hex, utf8Length } from "./hash";
import { isoTime, signerAddress } from "./money";
import { requireProject } from "./projects";
import { AssetKind, AssetStatus, LicenseKind, LicenseStatus } from "./generated/enums";

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

/** What `registerIp` registers. */
export interface IpRegistration {
  /** The file's bytes: their SHA-256 is the content hash. */
  content: Uint8Array;
  kind: number;
  title: string;
  externalId?: string;
  standardEssential?: boolean;
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

/**
 * Registers IP from a file: background (the signer among the owners) or, with `projectId`,
 * foreground with the project's pre-agreed shares. Refuses (nothing sent) a content hash already
 * registered, naming the asset that holds it.
 */
export async function registerIpAsset(
  client: CovenantClient,
  reg: IpRegistration,
): Promise<{ assetId: bigint; contentHash: string; registeredAt: string | null; tx: string; block: number }> {
  const title = reg.title.trim();
  if (!title) throw inputError("the title is empty");
  if (utf8Length(title) > 200) throw inputError("the title is longer than 200 bytes");
  if (reg.projectId !== undefined && reg.owners !== undefined) {
    throw inputError(
      "foreground IP takes the project's pre-agreed shares: give either owners or a project, not both",
    );
  }
  const contentHash = sha256Hex(reg.content);
  const ip = client.ipRegistry();
  const existing = await ip.assetByContent(contentHash);
  if (existing !== 0n) {
    throw inputError(`this content (SHA-256 ${contentHash}) is already registered as IP asset ${existing}`);
  }
  const input = {
    kind: reg.kind,
    standardEssential: reg.standardEssential === true,
    contentHash,
    title,
    externalId: reg.externalId ?? "",
  };
  const w = await client.writable(ip);
  let r;
  if (reg.projectId !== undefined) {
    await requireProject(client, reg.projectId);
    r = await client.send(w.registerForeground, [reg.projectId, input]);
  } else {
    const owners = reg.owners ?? { accounts: [await signerAddress(client)], bps: [10_000] };
    const sum = owners.bps.reduce((s, b) => s + b, 0);
    if (sum !== 10_000) throw inputError(`the owners' shares sum to ${sum}, not 10000`);
    r = await client.send(w.registerBackground, [input, owners.accounts, owners.bps]);
  }
  const ev = r.events.find((e) => e.name === "AssetRegistered");
  const assetId = ev ? BigInt(ev.args.assetId as bigint) : await ip.assetCount();
  const asset = await ip.assetOf(assetId);
  return {
    assetId,
    contentHash,
    registeredAt: isoTime(asset.registeredAt),
    tx: r.hash,
    block: r.blockNumber,
  };
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

/**
 * Logs of `filter` from `fromBlock` to `toBlock` in bounded chunks: a count read at `toBlock` is then
 * comparable with them (the node's latest block may move during a scan).
 */
async function eventsUpTo(
  contract: { queryFilter: (f: never, from: number, to: number) => Promise<(EventLog | Log)[]> },
  filter: unknown,
  fromBlock: number,
  toBlock: number,
): Promise<EventLog[]> {
  const out: EventLog[] = [];
  for (let from = fromBlock; from <= toBlock; from += LOG_CHUNK) {
    const logs = await contract.queryFilter(filter as never, from, Math.min(toBlock, from + LOG_CHUNK - 1));
    for (const l of logs) if ("args" in l) out.push(l);
  }
  return out;
}

/** An asset's text, read from events: its title and its external id (the last one recorded). */
export interface AssetText {
  title: string;
  externalId: string;
}

/**
 * The titles and external ids of the assets in `ids` from the chain's events: `AssetRegistered`, then
 * the `StatusChangeProposed` of each status change applied with a non-empty external id, in order
 * (applied and asset read from storage). Each registration event must match the asset's stored content hash,
 * registrant and project, or a node that altered it is reported.
 */
export async function assetTexts(client: CovenantClient, ids: bigint[]): Promise<Map<bigint, AssetText>> {
  const ip = client.ipRegistry();
  const from = scanStart(client);
  const wanted = new Set(ids);
  const out = new Map<bigint, AssetText>();
  const registered = await scanEvents(
    client,
    ip,
    ip.filters.AssetRegistered(ids.length === 1 ? ids[0] : undefined),
    from,
  );
  for (const e of registered) {
    const id = BigInt(e.args.assetId as bigint);
    if (!wanted.has(id) || out.has(id)) continue;
    const a = await ip.assetOf(id);
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
    // an external id was applied, and to which asset, is read from storage, not from the logs.
    const lp = client.licenseProposals();
    const at = await client.provider.getBlockNumber();
    const [proposed, count] = await Promise.all([
      eventsUpTo(lp, lp.filters.StatusChangeProposed(), from, at),
      lp.statusChangeCount({ blockTag: at }),
    ]);
    if (BigInt(proposed.length) !== count || proposed.some((e, i) => e.args.changeId !== BigInt(i + 1))) {
      throw new Error(`the node's logs do not match the chain's ${count} status change proposals`);
    }
    const changes: { assetId: bigint; externalId: string; when: [number, number] }[] = [];
    let appliedAt: Map<bigint, [number, number]> | undefined;
    for (const e of proposed) {
      const externalId = e.args.externalId as string;
      if (!externalId) continue;
      const id = BigInt(e.args.changeId as bigint);
      const c = await lp.statusChangeOf(id, { blockTag: at });
      if (!c.applied || !out.has(c.assetId)) continue;
      // Changes apply in the order of their StatusChangeApplied events (not of their proposals).
      appliedAt ??= new Map(
        (await eventsUpTo(lp, lp.filters.StatusChangeApplied(), from, at)).map((a) => [
          BigInt(a.args.changeId as bigint),
          [a.blockNumber, a.index] as [number, number],
        ]),
      );
      const when = appliedAt.get(id);
      if (!when) throw new Error(`the node's logs have no event for the applied status change ${id}`);
      changes.push({ assetId: c.assetId, externalId, when });
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
    eventsUpTo(lm, lm.filters.LicenseGranted(), scanStart(client), at),
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
export async function assetView(client: CovenantClient, assetId: bigint): Promise<AssetView> {
  await requireAsset(client, assetId);
  const ip = client.ipRegistry();
  const [a, texts] = await Promise.all([ip.assetOf(assetId), assetTexts(client, [assetId])]);
  const text = texts.get(assetId)!;
  const owners: { account: string; bps: number }[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const [accounts, shares] = await ip.ownersOf(assetId, offset, PAGE);
    accounts.forEach((acc, i) => owners.push({ account: getAddress(acc), bps: Number(shares[i]) }));
    if (accounts.length < PAGE) break;
  }
  const licenses: LicenseBrief[] = [];
  if (client.has("LicenseManager")) {
    const lm = client.licenses();
    for (const id of await licenseIdsOfAsset(client, assetId)) {
      const l = await lm.licenseOf(id);
      licenses.push({
        id,
        licensee: l.licensee,
        status: LICENSE_STATUS[Number(l.status)] ?? String(l.status),
        kind: LICENSE_KINDS[Number(l.kind)] ?? String(l.kind),
        start: isoTime(l.start),
        end: isoTime(l.end),
      });
    }
  }
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

/** Every registered asset. */
export async function listAssets(client: CovenantClient): Promise<AssetSummary[]> {
  const ip = client.ipRegistry();
  const count = Number(await ip.assetCount());
  const ids = Array.from({ length: count }, (_, i) => BigInt(i + 1));
  const texts = count > 0 ? await assetTexts(client, ids) : new Map<bigint, AssetText>();
  return Promise.all(
    ids.map(async (id) => {
      const a = await ip.assetOf(id);
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
    }),
  );
}

/** Compares a local file's SHA-256 with the asset's content hash. */
export async function verifyIp(
  client: CovenantClient,
  assetId: bigint,
  content: Uint8Array,
): Promise<{ ok: boolean; assetId: bigint; onChain: string; local: string; registeredAt: string | null }> {
  await requireAsset(client, assetId);
  const a = await client.ipRegistry().assetOf(assetId);
  const local = sha256Hex(content);
  return {
    ok: local.toLowerCase() === a.contentHash.toLowerCase(),
    assetId,
    onChain: a.contentHash,
    local,
    registeredAt: isoTime(a.registeredAt),
  };
}
