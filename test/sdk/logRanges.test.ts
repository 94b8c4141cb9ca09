import { expect } from "chai";
import hre from "hardhat";
import { BrowserProvider, zeroPadValue, type Eip1193Provider } from "ethers";
import { createClient } from "../../src/sdk/client";
import { isRangeRefusal, LOG_GROW_AFTER, scanEvents, scanLogs } from "../../src/sdk/claims";
import { deployArtifact } from "../cli/helpers";

/**
 * Event scans through a node that refuses wide `eth_getLogs` ranges, as public and consortium nodes
 * do: an EIP-1193 proxy in front of Hardhat's in-process chain (hardhat_mine makes thousands of
 * blocks at once) that refuses any range wider than 1,000 blocks with the words real nodes use.
 */
describe("scanEvents through a node that refuses wide log ranges (in-process proxy)", function () {
  const inner = hre.network.provider as unknown as Eip1193Provider;
  const ranges: { from: number; to: number; refused: boolean }[] = [];
  let refusal = { code: -32005, message: "block range too large" };
  const proxy: Eip1193Provider = {
    async request(req: { method: string; params?: unknown[] | Record<string, unknown> }) {
      if (req.method === "eth_getLogs") {
        const f = (req.params as { fromBlock: string; toBlock: string }[])[0];
        const from = Number(f.fromBlock);
        const to = Number(f.toBlock);
        const refused = to - from + 1 > 1000;
        ranges.push({ from, to, refused });
        if (refused) throw Object.assign(new Error(refusal.message), { code: refusal.code });
      }
      return inner.request(req);
    },
  };
  let expected: number[];
  let start: number;
  let tokenAddress: string;
  let holder: string;

  before(async function () {
    const provider = new BrowserProvider(inner);
    const deployer = await provider.getSigner(0);
    holder = (await provider.getSigner(6)).address;
    const token = await deployArtifact("TestToken", deployer, "Alliance Yuan", "AYN", 6);
    tokenAddress = await token.getAddress();
    start = await provider.getBlockNumber();
    expected = [];
    // Transfers spread over 5,000 blocks
    for (let i = 0; i < 5; i++) {
      await inner.request({ method: "hardhat_mine", params: ["0x3e8"] });
      const r = await (await token.getFunction("mint")(holder, 1n + BigInt(i))).wait();
      expected.push(r!.blockNumber);
    }
  });

  beforeEach(function () {
    ranges.length = 0;
  });

  const scan = async () => {
    const client = createClient({
      runner: new BrowserProvider(proxy, undefined, { cacheTimeout: -1 }),
      book: { chainId: 31337, contracts: { SettlementToken: tokenAddress }, deployedAt: "" },
    });
    const t = client.token();
    return scanEvents(client, t, t.filters.Transfer(undefined, holder), start);
  };

  for (const [code, message] of [
    [-32005, "block range too large"],
    [-32000, "query returned more than 10000 results"],
    [-32000, "exceed maximum block range: 1000"],
    [-32602, "invalid params"],
  ] as const) {
    it(`halves the range when the node refuses it ("${message}", ${code}) and grows it back after accepted ones`, async function () {
      refusal = { code, message };
      const logs = await scan();
      expect(logs.map((l) => l.blockNumber)).to.deep.equal(expected);
      const spans = ranges.map((r) => r.to - r.from + 1);
      const firstRefused = ranges.findIndex((r) => r.refused);
      expect(firstRefused).to.equal(0);
      // after a refusal the next try is half as wide, from the same block
      expect(spans[1]).to.equal(Math.ceil(spans[0] / 2));
      expect(ranges[1].from).to.equal(ranges[0].from);
      // every accepted range fits the node's limit, and they cover the scan without gaps
      const accepted = ranges.filter((r) => !r.refused);
      expect(accepted.every((r) => r.to - r.from + 1 <= 1000)).to.equal(true);
      accepted.slice(1).forEach((r, i) => expect(r.from).to.equal(accepted[i].to + 1));
      // it grows back: after LOG_GROW_AFTER accepted ranges in a row the next one is twice as wide
      const k = ranges.findIndex(
        (r, i) => i >= LOG_GROW_AFTER && ranges.slice(i - LOG_GROW_AFTER, i).every((x) => !x.refused),
      );
      expect(k, "a range after accepted ones").to.be.above(0);
      expect(spans[k]).to.equal(2 * spans[k - 1]);
    });
  }

  it("newest first with a narrow first range: doubles after each accepted range, halves on a refusal, no gaps, logs oldest first", async function () {
    refusal = { code: -32005, message: "block range too large" };
    const client = createClient({
      runner: new BrowserProvider(proxy, undefined, { cacheTimeout: -1 }),
      book: { chainId: 31337, contracts: { SettlementToken: tokenAddress }, deployedAt: "" },
    });
    const t = client.token();
    const latest = await client.provider.getBlockNumber();
    const seen: { from: number; to: number; n: number }[] = [];
    const logs = await scanLogs(
      client,
      {
        address: tokenAddress,
        topics: [t.interface.getEvent("Transfer").topicHash, null, zeroPadValue(holder, 32)],
      },
      start,
      latest,
      {
        newestFirst: true,
        firstSpan: 1,
        onRange: (l, from, to) => void seen.push({ from, to, n: l.length }),
      },
    );
    expect(logs.map((l) => l.blockNumber)).to.deep.equal(expected);
    // the first range is the head block alone, then 2, 4, 8, ... blocks going back
    const accepted = ranges.filter((r) => !r.refused);
    expect(accepted[0]).to.deep.equal({ from: latest, to: latest, refused: false });
    expect(accepted.slice(0, 5).map((r) => r.to - r.from + 1)).to.deep.equal([1, 2, 4, 8, 16]);
    accepted.slice(1).forEach((r, i) => expect(r.to).to.equal(accepted[i].from - 1));
    expect(accepted.at(-1)!.from).to.equal(start);
    expect(accepted.every((r) => r.to - r.from + 1 <= 1000)).to.equal(true);
    // a range wider than the node allows was refused once, then halved
    const k = ranges.findIndex((r) => r.refused);
    expect(k).to.be.above(0);
    expect(ranges[k + 1].to).to.equal(ranges[k].to);
    expect(ranges[k + 1].to - ranges[k + 1].from + 1).to.equal(
      Math.ceil((ranges[k].to - ranges[k].from + 1) / 2),
    );
    // each range was handed on as read, newest first
    expect(seen.map((r) => [r.from, r.to])).to.deep.equal(accepted.map((r) => [r.from, r.to]));
    expect(seen.reduce((n, r) => n + r.n, 0)).to.equal(expected.length);
  });

  it("tells a refused range from other node errors", function () {
    expect(isRangeRefusal({ error: { code: -32005, message: "limit exceeded" } })).to.equal(true);
    expect(isRangeRefusal(new Error("query returned more than 10000 results"))).to.equal(true);
    expect(isRangeRefusal(new Error("execution reverted"))).to.equal(false);
    expect(isRangeRefusal({ code: "NETWORK_ERROR", message: "socket hang up" })).to.equal(false);
  });
});
