/**
 * Intellectual property for members (F5, Macro 4): register a result or background IP from its
 * file (the SHA-256 of the file's bytes is the content hash: the first registration of a hash is a
 * timestamped proof of prior creation), read an asset with its owners, status and licences, and
 * verify a local file against the chain.
 */
import { getAddress, ZeroAddress } from "ethers";
import type { CovenantClient } from "../client";
import { inputError } from "../errors";
import { sha256Hex, utf8Length } from "../hash";
import { isoTime, signerAddress } from "../money";
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

/** One asset: owners and shares, hash, registration time, status and its licences. */
export async function assetView(client: CovenantClient, assetId: bigint): Promise<AssetView> {
  await requireAsset(client, assetId);
  const ip = client.ipRegistry();
  const a = await ip.assetOf(assetId);
  const owners: { account: string; bps: number }[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const [accounts, shares] = await ip.ownersOf(assetId, offset, PAGE);
    accounts.forEach((acc, i) => owners.push({ account: getAddress(acc), bps: Number(shares[i]) }));
    if (accounts.length < PAGE) break;
  }
  const licenses: LicenseBrief[] = [];
  if (client.has("LicenseManager")) {
    const lm = client.licenses();
    for (let offset = 0; ; offset += PAGE) {
      const [ids] = await lm.licensesOfAsset(assetId, offset, PAGE);
      for (const id of ids) {
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
      if (ids.length < PAGE) break;
    }
  }
  return {
    id: assetId,
    title: a.title,
    kind: ASSET_KINDS[Number(a.kind)] ?? String(a.kind),
    status: ASSET_STATUS[Number(a.status)] ?? String(a.status),
    standardEssential: a.standardEssential,
    contentHash: a.contentHash,
    registeredAt: isoTime(a.registeredAt),
    registrant: a.registrant === ZeroAddress ? "" : a.registrant,
    projectId: a.projectId,
    amendmentId: a.amendmentId,
    externalId: a.externalId,
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
  return Promise.all(
    Array.from({ length: count }, (_, i) => BigInt(i + 1)).map(async (id) => {
      const a = await ip.assetOf(id);
      return {
        id,
        title: a.title,
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
