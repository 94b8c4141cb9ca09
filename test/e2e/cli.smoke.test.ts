import { expect } from "chai";
import { JsonRpcProvider, type Contract } from "ethers";
import type { ChildProcess } from "node:child_process";
import { writeAddressBook } from "../../src/node/addressBook";
import { deployArtifact, runCliProcess, startHardhatNode, stopNode, tempDir } from "../cli/helpers";

/**
 * Smoke tests of the real binary (`node bin/covenant.js` as a subprocess): the few things the
 * in-process CLI tests cannot show (the process's exit code, its streams, a live node over HTTP).
 * Every other CLI test runs in-process (test/cli).
 */
describe("covenant binary (subprocess smoke tests)", function () {
  this.timeout(120_000);

  it("prints its help with exit 0 and lists the nouns", async function () {
    const r = await runCliProcess(["--help"]);
    expect(r.code).to.equal(0);
    for (const noun of ["status", "member", "council", "agreement", "project", "claim", "deploy", "demo"])
      expect(r.stdout).to.include(noun);
    expect(r.stdout).to.match(/70 internal error/);
  });

  it("exits 2 with one error line on an unknown command", async function () {
    const r = await runCliProcess(["membr", "list"]);
    expect(r.code).to.equal(2);
    expect(r.stderr.trim().split("\n")).to.have.length(1);
    expect(r.stdout).to.equal("");
  });

  it("exits 3 with one error line when the RPC cannot be reached", async function () {
    const r = await runCliProcess(["status", "--rpc", "http://127.0.0.1:9"]);
    expect(r.code).to.equal(3);
    expect(r.stderr).to.match(/^error: cannot reach the RPC at http:\/\/127\.0\.0\.1:9/);
    expect(r.stderr).not.to.match(/\n\s+at /);
  });

  describe("against a hardhat node", function () {
    let node: ChildProcess | undefined;
    let url: string;
    let dir: string;
    let token: Contract;

    before(async function () {
      const started = await startHardhatNode();
      node = started.proc;
      url = started.url;
      const provider = new JsonRpcProvider(url, 31337, { staticNetwork: true });
      token = await deployArtifact("TestToken", await provider.getSigner(0), "Alliance Yuan", "AYN", 6);
      dir = tempDir("smoke");
      writeAddressBook(
        {
          chainId: 31337,
          contracts: { SettlementToken: await token.getAddress() },
          deployedAt: "2026-01-01T00:00:00Z",
        },
        dir,
      );
      provider.destroy();
    });

    after(async function () {
      await stopNode(node);
    });

    it("status --json prints one JSON document with the chain, the signer and the token, exit 0", async function () {
      const r = await runCliProcess(["--rpc", url, "status", "--json"], { COVENANT_DEPLOYMENTS_DIR: dir });
      expect(r.code, r.stderr).to.equal(0);
      const s = JSON.parse(r.stdout) as {
        chainId: string;
        devChain: boolean;
        settlementToken: { symbol: string };
      };
      expect(s.chainId).to.equal("31337");
      expect(s.devChain).to.equal(true);
      expect(s.settlementToken.symbol).to.equal("AYN");
      expect(r.stderr).to.equal("");
    });
  });
});
