import type { EventLog, Log } from "ethers";
import type { AgreementRegistry, IAgreementRegistryFull } from "../../../typechain-types";

/**
 * Agreement reads from events (lean records): storage keeps what the registry checks (status,
 * signature methods, termination consents); when a signature was given and which agreements an
 * account is a party to are its events (`AgreementSigned`, `CharterAcceded`, `PartyListed`), read
 * here in bounded block ranges from `fromBlock` (the suite's deployment block where known).
 */

/** Largest block range asked in one `eth_getLogs`. */
const LOG_CHUNK = 50_000;

type Registry = AgreementRegistry | IAgreementRegistryFull;

/** Where and when one signature or accession was recorded. */
export interface SignatureTime {
  block: number;
  timestamp: number;
}

async function scan(registry: Registry, filter: unknown, fromBlock: number): Promise<EventLog[]> {
  const r = registry as IAgreementRegistryFull;
  const provider = r.runner?.provider;
  if (!provider) throw new Error("the registry has no provider to read events from");
  const latest = await provider.getBlockNumber();
  const out: EventLog[] = [];
  for (let from = Math.max(0, fromBlock); from <= latest; from += LOG_CHUNK) {
    const to = Math.min(latest, from + LOG_CHUNK - 1);
    const logs: (EventLog | Log)[] = await r.queryFilter(filter as never, from, to);
    for (const l of logs) if ("args" in l) out.push(l);
  }
  return out;
}

/**
 * Block and time of each party's signature and each acceder's first accession on agreement `id`,
 * by address (checksummed), from its `AgreementSigned` and `CharterAcceded` events.
 */
export async function signatureTimes(
  registry: Registry,
  id: bigint,
  fromBlock = 0,
): Promise<Map<string, SignatureTime>> {
  const r = registry as IAgreementRegistryFull;
  const [signed, acceded] = await Promise.all([
    scan(registry, r.filters.AgreementSigned(id), fromBlock),
    scan(registry, r.filters.CharterAcceded(id), fromBlock),
  ]);
  const logs = [...signed, ...acceded].sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
  const provider = r.runner!.provider!;
  const first = new Map<string, number>();
  for (const l of logs) {
    const who = String(l.args[1]);
    if (!first.has(who)) first.set(who, l.blockNumber); // an acceder's record is its first accession
  }
  // each block's time asked once, all at once (the provider sends them in JSON-RPC batches)
  const blocks = [...new Set(first.values())];
  const stamps = await Promise.all(blocks.map(async (b) => (await provider.getBlock(b))?.timestamp ?? 0));
  const times = new Map(blocks.map((b, i) => [b, stamps[i]]));
  const out = new Map<string, SignatureTime>();
  for (const [who, block] of first) out.set(who, { block, timestamp: times.get(block) ?? 0 });
  return out;
}

/**
 * Agreements `account` is a party to (`PartyListed`) or acceded to (`CharterAcceded`), newest first.
 */
export async function agreementIdsOf(registry: Registry, account: string, fromBlock = 0): Promise<bigint[]> {
  const r = registry as IAgreementRegistryFull;
  const [listed, acceded] = await Promise.all([
    scan(registry, r.filters.PartyListed(undefined, account), fromBlock),
    scan(registry, r.filters.CharterAcceded(undefined, account), fromBlock),
  ]);
  const ids = new Set<bigint>();
  for (const l of [...listed, ...acceded]) ids.add(BigInt(l.args[0] as bigint));
  return [...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
}
