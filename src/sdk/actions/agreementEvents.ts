import { getAddress, toBeHex, toQuantity, zeroPadValue, type EventLog, type Log } from "ethers";
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

/** One `AgreementSigned` or `CharterAcceded` log: who, where, and the block time if the node gave it. */
interface SignatureLog {
  who: string;
  block: number;
  index: number;
  timestamp?: number;
}

const QUANTITY = /^0x[0-9a-fA-F]{1,16}$/;

/**
 * The `AgreementSigned` and `CharterAcceded` logs of agreement `id` in bounded block ranges: read
 * with the node's own `eth_getLogs` where the provider has `send` (the block times some nodes give
 * with each log are kept: no block read per signature), else decoded by ethers.
 */
async function signatureLogs(registry: Registry, id: bigint, fromBlock: number): Promise<SignatureLog[]> {
  const r = registry as IAgreementRegistryFull;
  const provider = r.runner?.provider as
    | (NonNullable<IAgreementRegistryFull["runner"]>["provider"] & {
        send?: (method: string, params: unknown[]) => Promise<unknown>;
      })
    | null
    | undefined;
  if (!provider) throw new Error("the registry has no provider to read events from");
  if (typeof provider.send !== "function") {
    const [signed, acceded] = await Promise.all([
      scan(registry, r.filters.AgreementSigned(id), fromBlock),
      scan(registry, r.filters.CharterAcceded(id), fromBlock),
    ]);
    return [...signed, ...acceded].map((l) => ({
      who: String(l.args[1]),
      block: l.blockNumber,
      index: l.index,
    }));
  }
  const address = await r.getAddress();
  const topics = [
    [r.interface.getEvent("AgreementSigned").topicHash, r.interface.getEvent("CharterAcceded").topicHash],
    zeroPadValue(toBeHex(id), 32),
  ];
  const latest = await provider.getBlockNumber();
  const out: SignatureLog[] = [];
  for (let from = Math.max(0, fromBlock); from <= latest; from += LOG_CHUNK) {
    const to = Math.min(latest, from + LOG_CHUNK - 1);
    const answer = await provider.send("eth_getLogs", [
      { address, topics, fromBlock: toQuantity(from), toBlock: toQuantity(to) },
    ]);
    if (!Array.isArray(answer)) throw new Error("the node's eth_getLogs answer is not a list");
    for (const x of answer as Record<string, unknown>[]) {
      const t = x?.topics;
      if (
        !Array.isArray(t) ||
        typeof t[2] !== "string" ||
        !/^0x0{24}[0-9a-fA-F]{40}$/.test(t[2]) ||
        typeof x.blockNumber !== "string" ||
        !QUANTITY.test(x.blockNumber) ||
        typeof x.logIndex !== "string" ||
        !QUANTITY.test(x.logIndex)
      )
        throw new Error(
          `the node's eth_getLogs answer holds a malformed log: ${JSON.stringify(x)?.slice(0, 200)}`,
        );
      if (x.removed === true) continue;
      out.push({
        who: getAddress("0x" + t[2].slice(26)),
        block: Number(BigInt(x.blockNumber)),
        index: Number(BigInt(x.logIndex)),
        ...(typeof x.blockTimestamp === "string" && QUANTITY.test(x.blockTimestamp)
          ? { timestamp: Number(BigInt(x.blockTimestamp)) }
          : {}),
      });
    }
  }
  return out;
}

/**
 * Block and time of each party's signature and each acceder's first accession on agreement `id`,
 * by address (checksummed), from its `AgreementSigned` and `CharterAcceded` events; the times the
 * node gave with the logs, else each block's time asked once, all at once (one JSON-RPC batch per
 * hundred blocks).
 */
export async function signatureTimes(
  registry: Registry,
  id: bigint,
  fromBlock = 0,
): Promise<Map<string, SignatureTime>> {
  const r = registry as IAgreementRegistryFull;
  const logs = (await signatureLogs(registry, id, fromBlock)).sort(
    (a, b) => a.block - b.block || a.index - b.index,
  );
  const first = new Map<string, SignatureLog>();
  for (const l of logs) if (!first.has(l.who)) first.set(l.who, l); // an acceder's record is its first accession
  const known = new Map<number, number>();
  for (const l of first.values()) if (l.timestamp !== undefined) known.set(l.block, l.timestamp);
  const provider = r.runner!.provider!;
  const asked = [...new Set([...first.values()].map((l) => l.block))].filter((b) => !known.has(b));
  const stamps = await Promise.all(asked.map(async (b) => (await provider.getBlock(b))?.timestamp ?? 0));
  asked.forEach((b, i) => known.set(b, stamps[i]));
  const out = new Map<string, SignatureTime>();
  for (const [who, l] of first) out.set(who, { block: l.block, timestamp: known.get(l.block) ?? 0 });
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
