import { getAddress, isAddress, ZeroAddress, ZeroHash } from "ethers";
import type { IMembership } from "../../typechain-types";
import { inputError, MEMBER_KIND, MEMBER_STATUS } from "./errors";
import { sha256Hex } from "./hash";

export type MemberKindName = (typeof MEMBER_KIND)[number];
export type MemberStatusName = (typeof MEMBER_STATUS)[number];

/** Page size of the paged membership views the SDK walks. */
export const PAGE = 100;

/**
 * The on-chain entity id of a legal entity: SHA-256 of the UTF-8 bytes of its id (e.g. its
 * 18-character unified social credit code), trimmed and upper-cased so that the same code typed
 * in either case gives the same id. Anyone can recompute it with
 * `printf %s 91110000100000000X | sha256sum`.
 */
export function entityIdHash(code: string): string {
  const norm = code.trim().toUpperCase();
  if (norm.length === 0) throw inputError("the entity id is empty");
  if (norm.length > 64) throw inputError("the entity id is longer than 64 characters");
  if (!/^[\x21-\x7e]+$/.test(norm))
    throw inputError("the entity id may contain only printable ASCII without spaces");
  return sha256Hex(norm);
}

function parseEnum<T extends string>(names: readonly T[], what: string, text: string): number {
  const i = names.findIndex((n) => n.toLowerCase() === text.trim().toLowerCase());
  if (i < 0) throw inputError(`unknown ${what} "${text}": use one of ${names.join(", ")}`);
  return i;
}

export const parseKind = (text: string): number => parseEnum(MEMBER_KIND, "kind", text);
export const parseStatus = (text: string): number => parseEnum(MEMBER_STATUS, "status", text);

/** A member's record in plain values (names for enums, ISO times). */
export interface MemberView {
  address: string;
  name: string;
  kind: MemberKindName;
  status: MemberStatusName;
  entityId: string;
  profileHash: string;
  appliedAt: string | null;
  admittedAt: string | null;
  noticeAt: string | null;
  seatId: string;
}

const iso = (t: bigint): string | null =>
  t === 0n ? null : new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");

export async function memberView(membership: IMembership, address: string): Promise<MemberView> {
  const m = await membership.memberOf(address);
  return {
    address: getAddress(address),
    name: m.name,
    kind: MEMBER_KIND[Number(m.kind)] ?? "Other",
    status: MEMBER_STATUS[Number(m.status)] ?? "None",
    entityId: m.entityId,
    profileHash: m.profileHash,
    appliedAt: iso(m.appliedAt),
    admittedAt: iso(m.admittedAt),
    noticeAt: iso(m.noticeAt),
    seatId: m.seatId.toString(),
  };
}

async function pages(fetch: (offset: number) => Promise<string[]>): Promise<string[]> {
  const out: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await fetch(offset);
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

/**
 * Every member record with the given status and/or kind (all records that ever applied and were
 * not cancelled or rejected when neither is given), walking the paged views.
 */
export async function listMembers(
  membership: IMembership,
  filter: { status?: number; kind?: number } = {},
): Promise<MemberView[]> {
  let addresses: string[];
  if (filter.kind !== undefined) {
    const kind = filter.kind;
    addresses = await pages((o) => membership.membersByKind(kind, o, PAGE));
  } else {
    const statuses = filter.status !== undefined ? [filter.status] : [1, 2, 3, 4, 5];
    addresses = [];
    for (const s of statuses) addresses.push(...(await pages((o) => membership.membersByStatus(s, o, PAGE))));
  }
  const unique = [...new Set(addresses.map((a) => getAddress(a)))];
  const views = await Promise.all(unique.map((a) => memberView(membership, a)));
  return views.filter((v) => filter.status === undefined || v.status === MEMBER_STATUS[filter.status]);
}

/**
 * Finds a member by address, by entity id (the code, hashed as in {@link entityIdHash}, or the
 * 0x-hash itself) or by exact name. Throws an input error naming what was not found.
 */
export async function findMember(membership: IMembership, query: string): Promise<MemberView> {
  const q = query.trim();
  if (isAddress(q)) {
    const v = await memberView(membership, q);
    if (v.status === "None" && v.entityId === ZeroHash) {
      throw inputError(`${getAddress(q)} is not a member and never applied`);
    }
    return v;
  }
  const candidates: string[] = [];
  if (/^0x[0-9a-fA-F]{64}$/.test(q)) candidates.push(q);
  try {
    candidates.push(entityIdHash(q));
  } catch {
    // not shaped like an entity id: try it as a name only
  }
  for (const c of candidates) {
    const holder = await membership.accountOfEntity(c);
    if (holder !== ZeroAddress) return memberView(membership, holder);
  }
  const byName = (await listMembers(membership)).filter((m) => m.name === q);
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) throw inputError(`${byName.length} members are named "${q}": use the address`);
  throw inputError(`no member with address, entity id or name "${q}"`);
}
