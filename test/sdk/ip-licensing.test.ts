import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { BrowserProvider, ethers, type Eip1193Provider } from "ethers";
import { createClient, type CovenantClient } from "../../src/sdk/client";
import { connect as connectNode } from "../../src/node/connect";
import { assetView, listAssets, registerIpAsset } from "../../src/sdk/actions/ip";
import { acceptOffer, licenseView, listLicenses } from "../../src/sdk/actions/licensing";
import { isoTime } from "../../src/sdk/money";
import { ACC, DAY, mint, sha, startBusinessNode, u, type BusinessNode } from "../cli/businessHelpers";

/**
 * Lean records: the IPRegistry keeps an asset's title and external id, and the LicenseManager a
 * licence's price class, sublicensable flag, upfront fee and grant time, in events only; the SDK reads
 * them back from the logs and checks the logs against what the chain stores.
 */
describe("sdk/ip and sdk/licensing: text and licences read from events", function () {
  let n: BusinessNode;
  let owner: CovenantClient;
  const [f0, f1] = ACC.founders;
  let assetId: bigint;
  let licenseId: bigint;

  before(async function () {
    this.timeout(240_000);
    n = await startBusinessNode();
    owner = await n.client(f0);
  });

  after(async function () {
    owner?.provider.destroy();
    await n?.stop();
  });

  it("license show reads the price class, sublicensable flag, upfront fee and grant time from the grant event", async function () {
    const reg = await registerIpAsset(owner, {
      content: new TextEncoder().encode("licensed know-how\n"),
      kind: 3,
      title: "Licensed know-how",
      owners: { accounts: [n.accounts[f0], n.accounts[f1]], bps: [6000, 4000] },
    });
    assetId = reg.assetId;
    const lp = await n.contract("LicenseProposals", f0);
    const now = (await n.provider.getBlock("latest"))!.timestamp;
    await (
      await lp.getFunction("proposeOffer")(assetId, {
        kind: 2,
        priceClass: 1,
        sublicensable: true,
        royaltyBps: 250,
        fieldId: 4,
        territoryId: 86,
        periodLength: 90 * DAY,
        start: now,
        end: now + 720 * DAY,
        upfrontFee: u(5),
        minRoyalty: 0n,
      })
    ).wait();
    await mint(n, ACC.licensee, u(100));
    const licensee = await n.client(ACC.licensee);
    const accepted = await acceptOffer(licensee, { proposalId: await lp.getFunction("proposalCount")() });
    licensee.provider.destroy();
    licenseId = accepted.licenseId;
    const v = await licenseView(owner, { licenseId: licenseId });
    const block = (await n.provider.getBlock(accepted.blockNumber))!;
    expect(v).to.deep.include({
      priceClass: "Outsider",
      sublicensable: true,
      upfrontFee: u(5),
      royaltyBps: 250,
      fieldId: 4,
      kind: "NonExclusive",
      grantedAt: isoTime(block.timestamp),
    });
    const ofAsset = await listLicenses(owner, { assetId });
    expect(ofAsset.map((l) => l.id)).to.deep.equal([licenseId]);
    expect((await listLicenses(owner, { licensee: n.accounts[ACC.licensee] })).map((l) => l.id)).to.include(
      licenseId,
    );
    expect((await assetView(owner, { assetId: assetId })).licenses.map((l) => l.id)).to.deep.equal([
      licenseId,
    ]);
  });

  it("ip show's external id is the one the last applied status change recorded, in the order applied; an empty one keeps it", async function () {
    const reg = await registerIpAsset(owner, {
      content: new TextEncoder().encode("a patent application\n"),
      kind: 0,
      title: "Hot-stamping die cooling",
      externalId: "CN-APP-1",
      owners: { accounts: [n.accounts[f0], n.accounts[f1]], bps: [6000, 4000] },
    });
    const lp = await n.contract("LicenseProposals", f0);
    // f0's 6000 bps reach the charter's approval share (5000): each change applies at once.
    await (await lp.getFunction("proposeStatusChange")(reg.assetId, 2, "CN-PAT-1", sha("grant"))).wait();
    let v = await assetView(owner, { assetId: reg.assetId });
    expect([v.status, v.kind, v.externalId, v.title]).to.deep.equal([
      "Granted",
      "Patent",
      "CN-PAT-1",
      "Hot-stamping die cooling",
    ]);
    // A proposal that is not applied records nothing: f1's 4000 bps are below the share.
    const lp1 = await n.contract("LicenseProposals", f1);
    await (await lp1.getFunction("proposeStatusChange")(reg.assetId, 3, "CN-LATE", sha("lapse?"))).wait();
    const late = await lp1.getFunction("statusChangeCount")();
    expect((await assetView(owner, { assetId: reg.assetId })).externalId).to.equal("CN-PAT-1");
    await (await lp.getFunction("proposeStatusChange")(reg.assetId, 3, "", sha("lapse"))).wait();
    v = await assetView(owner, { assetId: reg.assetId });
    expect([v.status, v.externalId]).to.deep.equal(["Lapsed", "CN-PAT-1"]);
    // Back to Granted, then f0 approves f1's older proposal: it applies last, so its id is the one.
    await (await lp.getFunction("proposeStatusChange")(reg.assetId, 2, "", sha("restored"))).wait();
    await (await lp.getFunction("approveStatusChange")(late)).wait();
    v = await assetView(owner, { assetId: reg.assetId });
    expect([v.status, v.externalId]).to.deep.equal(["Lapsed", "CN-LATE"]);
    const listed = (await listAssets(owner)).find((a) => a.id === reg.assetId)!;
    expect(listed.title).to.equal("Hot-stamping die cooling");
  });

  it("ip list reads each asset's record once, all at once, and every title from one scan; ip show reads its record once", async function () {
    // a node that counts the calls it answers: assetOf by selector, eth_getLogs in all
    const assetOf = owner.ipRegistry().interface.getFunction("assetOf")!.selector;
    const count = { assetOf: 0, logs: 0 };
    const node: Eip1193Provider = {
      request: async ({ method, params }) => {
        if (method === "eth_getLogs") count.logs += 1;
        const p = (params ?? []) as { data?: string; input?: string }[];
        if (method === "eth_call" && (p[0]?.data ?? p[0]?.input ?? "").startsWith(assetOf))
          count.assetOf += 1;
        return n.provider.send(method, (params ?? []) as unknown[]);
      },
    };
    // no cached block number: the second listing must see the two assets registered just before it
    const counted = createClient({
      runner: new BrowserProvider(node, undefined, { cacheTimeout: -1 }),
      book: owner.book,
    });
    const listed = await listAssets(counted);
    const assets = listed.length;
    expect(assets).to.be.greaterThan(0);
    expect(count.assetOf).to.equal(assets);
    const logs = count.logs;
    // two more assets: two more record reads, the same log queries
    for (const k of [1, 2])
      await registerIpAsset(owner, {
        content: new TextEncoder().encode(`listed asset ${k}\n`),
        kind: 1,
        title: `Listed asset ${k}`,
      });
    count.assetOf = 0;
    count.logs = 0;
    const again = await listAssets(counted);
    expect(again.map((a) => a.title).slice(-2)).to.deep.equal(["Listed asset 1", "Listed asset 2"]);
    expect([count.assetOf, count.logs]).to.deep.equal([assets + 2, logs]);
    count.assetOf = 0;
    const shown = await assetView(counted, { assetId: again[again.length - 1].id });
    expect(shown.title).to.equal("Listed asset 2");
    expect(count.assetOf).to.equal(1);
  });

  it("reports a node whose logs drop a licence grant or a status change proposal, or alter an asset's registration", async function () {
    const granted = owner.licenses().interface.getEvent("LicenseGranted")!.topicHash;
    const registered = owner.ipRegistry().interface.getEvent("AssetRegistered")!.topicHash;
    // A node in front of the real one that rewrites eth_getLogs answers.
    const proposedTopic = owner.licenseProposals().interface.getEvent("StatusChangeProposed")!.topicHash;
    let mode: "drop" | "alter" | "hide a status change" = "drop";
    const proxy = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", async () => {
        // The in-process chain answers; a JSON-RPC batch is answered call by call.
        const parsed = JSON.parse(body) as Rpc | Rpc[];
        const answers = await Promise.all((Array.isArray(parsed) ? parsed : [parsed]).map(answer));
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(Array.isArray(parsed) ? answers : answers[0]));
      });
    });
    type Rpc = { jsonrpc: string; id: number; method: string; params: unknown[] };
    const answer = async (call: Rpc) => {
      let reply: { jsonrpc: string; id: number; result?: unknown; error?: unknown };
      try {
        reply = {
          jsonrpc: "2.0",
          id: call.id,
          result: await n.provider.send(call.method, call.params ?? []),
        };
      } catch (e) {
        return { jsonrpc: "2.0", id: call.id, error: { code: -32000, message: (e as Error).message } };
      }
      if (call.method === "eth_getLogs" && Array.isArray(reply.result)) {
        const logs = reply.result as { topics: string[]; data: string }[];
        const licence = ethers.zeroPadValue(ethers.toBeHex(licenseId), 32);
        const asset = ethers.zeroPadValue(ethers.toBeHex(assetId), 32);
        if (mode === "drop") {
          reply.result = logs.filter((l) => !(l.topics[0] === granted && l.topics[1] === licence));
        } else if (mode === "hide a status change") {
          reply.result = logs.filter((l) => l.topics[0] !== proposedTopic);
        } else {
          for (const l of logs)
            if (l.topics[0] === registered && l.topics[1] === asset) l.topics[2] = sha("other content");
        }
      }
      return reply;
    };
    await new Promise<void>((ok) => proxy.listen(0, "127.0.0.1", ok));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    // A fresh client per mode: ethers caches an identical request for a moment.
    const connect = () =>
      connectNode({
        rpc: url,
        deploymentsDir: n.env.COVENANT_DEPLOYMENTS_DIR,
        env: n.env,
      });
    const dropping = await connect();
    try {
      await expect(listLicenses(dropping, { assetId })).to.be.rejectedWith(
        new RegExp(`no grant event for licence ${licenseId}`),
      );
      await expect(assetView(dropping, { assetId: assetId })).to.be.rejectedWith(
        /no grant event for licence/,
      );
      await expect(licenseView(dropping, { licenseId: licenseId })).to.be.rejectedWith(
        /no grant event for licence/,
      );
      mode = "alter";
      const altering = await connect();
      try {
        await expect(assetView(altering, { assetId: assetId })).to.be.rejectedWith(
          new RegExp(`registration event of IP asset ${assetId} does not match the chain's record`),
        );
        await expect(listAssets(altering)).to.be.rejectedWith(/does not match the chain's record/);
      } finally {
        altering.provider.destroy();
      }
      mode = "hide a status change";
      const hiding = await connect();
      try {
        await expect(assetView(hiding, { assetId: assetId })).to.be.rejectedWith(
          /the node's logs do not match the chain's \d+ status change proposals/,
        );
      } finally {
        hiding.provider.destroy();
      }
    } finally {
      dropping.provider.destroy();
      await new Promise<void>((ok) => proxy.close(() => ok()));
    }
  });
});
