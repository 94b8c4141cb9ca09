import { Interface, type Log } from "ethers";
import { CONTRACT_NAMES, type ContractName } from "./addressBook";
import { argsObject, CovenantClient } from "./client";
import { BlockTimes, LOG_CHUNK, scanStart } from "./claims";

/** One event of the suite, decoded by its contract's ABI, with where and when it happened. */
export interface SuiteEvent {
  block: number;
  /** Unix seconds of the block. */
  time: number;
  tx: string;
  logIndex: number;
  contract: ContractName;
  address: string;
  event: string;
  args: Record<string, unknown>;
}

/**
 * Every event the suite's contracts emitted in blocks `fromBlock`..`toBlock` (default: from the
 * deployment block to the latest), decoded by name with each contract's own ABI, oldest first.
 * Scans in bounded ranges (`LOG_CHUNK`); a log no suite ABI knows is left out. Reads only.
 */
export async function suiteEvents(
  client: CovenantClient,
  opts: { fromBlock?: number; toBlock?: number; contracts?: ContractName[] } = {},
): Promise<SuiteEvent[]> {
  const names = (opts.contracts ?? [...CONTRACT_NAMES]).filter((n) => client.has(n));
  const byAddress = new Map<string, { name: ContractName; iface: Interface }>();
  for (const n of names)
    byAddress.set(client.address(n).toLowerCase(), {
      name: n,
      iface: Interface.from(CovenantClient.abiFor(n)),
    });
  const to = opts.toBlock ?? (await client.provider.getBlockNumber());
  const from = Math.max(opts.fromBlock ?? scanStart(client), 0);
  const logs: Log[] = [];
  for (let a = from; a <= to; a += LOG_CHUNK) {
    logs.push(
      ...(await client.provider.getLogs({
        address: [...byAddress.keys()],
        fromBlock: a,
        toBlock: Math.min(to, a + LOG_CHUNK - 1),
      })),
    );
  }
  const times = new BlockTimes(client);
  const when = new Map<number, number>();
  await Promise.all(
    [...new Set(logs.map((l) => l.blockNumber))].map(async (b) => when.set(b, await times.of(b))),
  );
  const out: SuiteEvent[] = [];
  for (const log of logs) {
    const c = byAddress.get(log.address.toLowerCase());
    if (!c) continue;
    let parsed = null;
    try {
      parsed = c.iface.parseLog(log);
    } catch {
      parsed = null;
    }
    if (!parsed) continue;
    out.push({
      block: log.blockNumber,
      time: when.get(log.blockNumber) ?? 0,
      tx: log.transactionHash,
      logIndex: log.index,
      contract: c.name,
      address: log.address,
      event: parsed.name,
      args: argsObject(parsed),
    });
  }
  return out.sort((x, y) => x.block - y.block || x.logIndex - y.logIndex);
}
