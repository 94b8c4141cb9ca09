import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import type { ChildProcess } from "node:child_process";
import { getAddress, HDNodeWallet, JsonRpcProvider, Wallet } from "ethers";
import { ExitCode } from "../../src/cli/exitCodes";
import { addGasHeadroom } from "../../src/sdk/client";
import {
  deployFullSuiteRpc,
  FULL_SUITE_ACCOUNTS as A,
  runCli,
  stopNode,
  tempDir,
  type CliResult,
} from "../cli/helpers";
import { startAnvil, startProxy, type RpcProxy } from "./chainTools";

/**
 * The CLI on a chain that behaves like a real one (anvil, with a proxy in front where a real node
 * misbehaves): interval mining, a node lost mid-command, a reorg, members sending at once (the node
 * that refuses wide log ranges: test/sdk/logRanges.test.ts). One anvil node for the file; each test starts from the same
 * snapshot (evm_snapshot / evm_revert), so no test depends on another's state.
 */

const MNEMONIC = "test test test test test test test test test test test junk";
const keyOf = (i: number) => HDNodeWallet.fromPhrase(MNEMONIC, undefined, `m/44'/60'/0'/0/${i}`).privateKey;

const CHARTER_TERMS = fs.readFileSync(
  path.join(__dirname, "..", "..", "docs", "examples", "charter.terms.json"),
  "utf8",
);

function ok(r: CliResult): CliResult {
  expect(r.code, `stderr: ${r.stderr}\nstdout: ${r.stdout}`).to.equal(0);
  return r;
}

/** One `error:` line on stderr, nothing on stdout, the exit code. */
function oneLine(r: CliResult, code: ExitCode, pattern: RegExp): void {
  const lines = r.stderr.split("\n").filter((l) => l.length > 0);
  expect(lines, `stderr: ${r.stderr}`).to.have.length(1);
  expect(lines[0]).to.match(pattern);
  expect(r.stdout).to.equal("");
  expect(r.code, `stderr: ${r.stderr}`).to.equal(code);
}

describe("real chains: block times, lost nodes, reorgs, concurrent members (anvil)", function () {
  this.timeout(120_000);
  let node: ChildProcess | undefined;
  let url: string;
  let provider: JsonRpcProvider;
  let accounts: string[];
  let snapshot: string;
  let env: Record<string, string>;
  let proxy: RpcProxy;
  const work = tempDir("realchain");
  const file = (name: string) => path.join(work, name);
  const founder = (i: number) => getAddress(accounts[A.founders[i]]);
  const rpc = (name: string, ...args: unknown[]) => provider.send(name, args);
  const cli = (target: string, from: number | string, ...args: string[]) =>
    runCli(["--rpc", target, ...(typeof from === "number" ? ["--from", String(from)] : []), ...args], env);
  const nonceOf = async (a: string) => Number(await rpc("eth_getTransactionCount", a, "latest"));

  before(async function () {
    this.timeout(240_000);
    const started = await startAnvil(["--accounts", "20"]);
    node = started.proc;
    url = started.url;
    // as the CLI does: a transaction may run in a later block (a later timestamp) than its estimate
    provider = addGasHeadroom(new JsonRpcProvider(url, 31337, { staticNetwork: true, cacheTimeout: -1 }));
    accounts = (await provider.send("eth_accounts", [])) as string[];
    const dir = tempDir("realchain-deployments");
    await deployFullSuiteRpc(provider, dir);
    env = { COVENANT_DEPLOYMENTS_DIR: dir, COVENANT_STATE_DIR: tempDir("realchain-state") };
    fs.writeFileSync(
      file("charter.md"),
      "钢铁材料与汽车轻量化产业技术创新战略联盟 协议书\nAlliance charter.\n",
    );
    fs.writeFileSync(file("charter.terms.json"), CHARTER_TERMS);
    ok(
      await cli(
        url,
        A.secretariat,
        "agreement",
        "create",
        "--kind",
        "charter",
        "--document",
        file("charter.md"),
        "--terms",
        file("charter.terms.json"),
        ...[0, 1, 2, 3].flatMap((i) => ["--party", founder(i)]),
      ),
    );
    proxy = await startProxy(url);
    snapshot = (await rpc("evm_snapshot")) as string;
  });

  beforeEach(async function () {
    proxy.drop = false;
    proxy.dropAfter = undefined;
    proxy.maxLogRange = undefined;
    proxy.reset();
  });

  afterEach(async function () {
    await rpc("evm_setAutomine", true);
    await rpc("evm_revert", snapshot);
    snapshot = (await rpc("evm_snapshot")) as string;
  });

  after(async function () {
    await proxy?.close();
    provider?.destroy();
    await stopNode(node);
  });

  const sign = (target: string, who: number, ...extra: string[]) =>
    cli(target, A.founders[who], ...extra, "agreement", "sign", "1", "--document", file("charter.md"));

  describe("lost node", function () {
    it("a node lost mid-`agreement sign` (after the transaction is sent) exits 3 with one line naming it; once back, the re-run says it is already signed (exit 0, nothing sent)", async function () {
      proxy.dropAfter = "eth_sendTransaction";
      const lost = await sign(proxy.url, 0);
      oneLine(
        lost,
        ExitCode.CHAIN,
        /^error: transaction (0x[0-9a-f]{64}) \(AgreementRegistry\.sign\) was sent, but the node at http:\/\/127\.0\.0\.1:\d+ was lost before its receipt: run the same command again once the node is back/,
      );
      const hash = /transaction (0x[0-9a-f]{64})/.exec(lost.stderr)![1];
      proxy.drop = false; // the node is back
      const nonce = await nonceOf(founder(0));
      const again = ok(await sign(proxy.url, 0, "--json"));
      const out = JSON.parse(again.stdout) as { alreadyDone: boolean; signedCount: number; tx: null };
      expect(out).to.include({ alreadyDone: true, signedCount: 1, tx: null });
      expect(await nonceOf(founder(0))).to.equal(nonce);
      // the transaction of the first run is the one on chain
      const receipt = (await rpc("eth_getTransactionReceipt", hash)) as { status: string } | null;
      expect(receipt?.status).to.equal("0x1");
      // and the next command works with no cleanup
      ok(await sign(proxy.url, 1));
      const human = ok(await sign(proxy.url, 1));
      expect(human.stdout).to.match(/already signed agreement 1 \(Direct\); nothing was sent/);
    });

    it("a node lost before anything is sent exits 3 with one line saying so; once back, the same command signs", async function () {
      proxy.drop = true;
      const before = await nonceOf(founder(0));
      oneLine(
        await sign(proxy.url, 0),
        ExitCode.CHAIN,
        /^error: cannot reach the RPC at http:\/\/127\.0\.0\.1:\d+/,
      );
      expect(await nonceOf(founder(0))).to.equal(before);
      proxy.drop = false;
      const r = ok(await sign(proxy.url, 0));
      expect(r.stdout).to.match(/signed agreement 1; 1\/4 signed/);
    });
  });

  describe("block times: dropped and replaced transactions", function () {
    it("a transaction replaced by another with the same nonce exits 3 naming the call and the hash, never success", async function () {
      await rpc("evm_setAutomine", false);
      const key = keyOf(A.founders[0]);
      const pending = runCli(["--rpc", url, "agreement", "sign", "1", "--document", file("charter.md")], {
        ...env,
        COVENANT_PRIVATE_KEY: key,
      });
      // wait until the CLI's transaction is in the pool, then replace it and mine
      const wallet = new Wallet(key, provider);
      let sent: { nonce: string; hash: string } | undefined;
      for (let i = 0; i < 200 && !sent; i++) {
        const pool = (await rpc("txpool_content")) as {
          pending: Record<string, Record<string, { nonce: string; hash: string }>>;
        };
        const mine = Object.entries(pool.pending).find(([a]) => getAddress(a) === wallet.address)?.[1];
        sent = mine ? Object.values(mine)[0] : undefined;
        if (!sent) await new Promise((r) => setTimeout(r, 50));
      }
      expect(sent, "the CLI's transaction never reached the pool").to.not.equal(undefined);
      await rpc("anvil_dropTransaction", sent!.hash);
      const replacement = await wallet.sendTransaction({
        to: wallet.address,
        value: 0,
        nonce: Number(sent!.nonce),
        gasLimit: 21_000,
      });
      await rpc("evm_mine");
      const r = await pending;
      oneLine(
        r,
        ExitCode.CHAIN,
        new RegExp(
          `^error: transaction ${sent!.hash} \\(AgreementRegistry\\.sign\\) was replaced: another transaction of ${wallet.address} with nonce ${Number(sent!.nonce)} was mined instead`,
        ),
      );
      expect((await provider.getTransactionReceipt(replacement.hash))?.status).to.equal(1);
    });

    it("a transaction the node drops exits 3 after --timeout naming the call and the hash", async function () {
      await rpc("evm_setAutomine", false);
      const pending = cli(
        url,
        A.founders[0],
        "--timeout",
        "2",
        "agreement",
        "sign",
        "1",
        "--document",
        file("charter.md"),
      );
      let hash: string | undefined;
      for (let i = 0; i < 200 && !hash; i++) {
        const pool = (await rpc("txpool_content")) as {
          pending: Record<string, Record<string, { hash: string }>>;
        };
        const mine = Object.entries(pool.pending).find(([a]) => getAddress(a) === founder(0))?.[1];
        hash = mine ? Object.values(mine)[0].hash : undefined;
        if (!hash) await new Promise((r) => setTimeout(r, 50));
      }
      expect(hash).to.be.a("string");
      await rpc("anvil_dropTransaction", hash);
      oneLine(
        await pending,
        ExitCode.CHAIN,
        new RegExp(
          `^error: transaction ${hash} \\(AgreementRegistry\\.sign\\) was dropped: not mined within 2s and the node no longer knows it`,
        ),
      );
    });

    it("with --confirmations 3 on 1 s blocks a signature is reported once it is 3 blocks deep", async function () {
      await rpc("evm_setAutomine", false);
      await rpc("evm_setIntervalMining", 1);
      const r = ok(await sign(url, 0, "--confirmations", "3", "--json"));
      const out = JSON.parse(r.stdout) as { block: number };
      const latest = Number(await rpc("eth_blockNumber"));
      expect(latest - out.block + 1).to.be.at.least(3);
      await rpc("evm_setIntervalMining", 0);
    });
  });

  describe("reorgs", function () {
    it("after a depth-3 reorg that removes a signature, agreement show and history follow the canonical chain", async function () {
      ok(await sign(url, 0));
      const shown = JSON.parse(ok(await cli(url, A.stranger, "--json", "agreement", "show", "1")).stdout) as {
        signedCount: number;
      };
      expect(shown.signedCount).to.equal(1);
      const hist = ok(await cli(url, A.stranger, "--json", "history", founder(0))).stdout;
      expect(hist).to.match(/Signed|signed/);
      // the signature's block and the two after it are replaced by empty blocks
      await rpc("evm_mine");
      await rpc("evm_mine");
      await rpc("anvil_reorg", 3, []);
      const after = JSON.parse(ok(await cli(url, A.stranger, "--json", "agreement", "show", "1")).stdout) as {
        signedCount: number;
      };
      expect(after.signedCount).to.equal(0);
      const histAfter = ok(await cli(url, A.stranger, "--json", "history", founder(0))).stdout;
      expect(histAfter).not.to.equal(hist);
      expect((JSON.parse(histAfter) as { items: unknown[] }).items.length).to.be.below(
        (JSON.parse(hist) as { items: unknown[] }).items.length,
      );
    });

    it("history and agreement verify read confirmations − 1 blocks behind the latest on a dev chain, or at the --block named", async function () {
      ok(await sign(url, 0));
      const signedAt = Number(await rpc("eth_blockNumber"));
      const parties = (r: CliResult) =>
        (JSON.parse(r.stdout) as { parties: { signed: boolean }[] }).parties.filter((p) => p.signed).length;
      const verify = (...extra: string[]) =>
        cli(
          url,
          A.stranger,
          "--json",
          ...extra.filter((x, i) => x === "--confirmations" || extra[i - 1] === "--confirmations"),
          "agreement",
          "verify",
          "1",
          "--document",
          file("charter.md"),
          ...extra.filter((x, i) => x === "--block" || extra[i - 1] === "--block"),
        );
      expect(parties(ok(await verify()))).to.equal(1);
      expect(parties(ok(await verify("--confirmations", "2")))).to.equal(0);
      expect(parties(ok(await verify("--block", String(signedAt - 1))))).to.equal(0);
      expect(parties(ok(await verify("--block", String(signedAt))))).to.equal(1);
      oneLine(
        await verify("--block", String(signedAt + 100)),
        ExitCode.INPUT,
        /^error: block \d+ is beyond the latest block \d+/,
      );
      oneLine(
        await verify("--block", "yesterday"),
        ExitCode.INPUT,
        /^error: --block takes latest, finalized/,
      );
    });
  });

  describe("concurrent members", function () {
    it("several members sending at once on 1 s blocks all succeed", async function () {
      await rpc("evm_setAutomine", false);
      await rpc("evm_setIntervalMining", 1);
      const rs = await Promise.all([0, 1, 2].map((i) => sign(url, i, "--json")));
      for (const r of rs) ok(r);
      const counts = rs.map((r) => (JSON.parse(r.stdout) as { signedCount: number }).signedCount);
      expect(Math.max(...counts)).to.be.at.most(3);
      const shown = JSON.parse(ok(await cli(url, A.stranger, "--json", "agreement", "show", "1")).stdout) as {
        signedCount: number;
      };
      expect(shown.signedCount).to.equal(3);
      await rpc("evm_setIntervalMining", 0);
    });

    it("two commands with the same key at once do not collide on a nonce: the second waits for the first's lock", async function () {
      await rpc("evm_setAutomine", false);
      await rpc("evm_setIntervalMining", 1);
      const key = keyOf(A.founders[0]);
      const keyed = (...args: string[]) =>
        runCli(["--rpc", url, "--json", ...args], { ...env, COVENANT_PRIVATE_KEY: key });
      const before = await nonceOf(founder(0));
      const other = JSON.parse(CHARTER_TERMS) as Record<string, unknown>;
      other.kind = "Other";
      delete other.parameters;
      fs.writeFileSync(file("other.terms.json"), JSON.stringify(other));
      fs.writeFileSync(file("a.md"), "Agreement A\n");
      fs.writeFileSync(file("b.md"), "Agreement B\n");
      const create = (doc: string) =>
        keyed(
          "agreement",
          "create",
          "--kind",
          "other",
          "--document",
          file(doc),
          "--terms",
          file("other.terms.json"),
          "--party",
          founder(0),
          "--party",
          founder(1),
        );
      const [a, b] = await Promise.all([create("a.md"), create("b.md")]);
      const ids = [ok(a), ok(b)].map((r) => (JSON.parse(r.stdout) as { agreementId: string }).agreementId);
      expect(ids.sort()).to.deep.equal(["2", "3"]);
      expect(await nonceOf(founder(0))).to.equal(before + 2);
      await rpc("evm_setIntervalMining", 0);
    });
  });
});
