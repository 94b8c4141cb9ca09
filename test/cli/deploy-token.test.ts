import http from "node:http";
import { expect } from "chai";
import { Wallet } from "ethers";
import { ExitCode } from "../../src/cli/exitCodes";
import { writeAddressBook } from "../../src/node/addressBook";
import { freePort, runCli, tempDir, type CliResult } from "./helpers";

/** Code at this address answers nothing (every eth_call reverts): not an ERC-20. */
const NOT_ERC20 = "0x00000000000000000000000000000000000000aa";
const NO_CODE = "0x00000000000000000000000000000000000000bb";

/**
 * A JSON-RPC node of a chain that is not a local development chain (chain id 1337): code at
 * {@link NOT_ERC20} only, every call reverts; records the methods it is asked, so a test can tell
 * that nothing was sent.
 */
async function realChainStandIn(): Promise<{ url: string; methods: string[]; close: () => Promise<void> }> {
  const methods: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      const reply = (msg: { id: unknown; method: string; params?: unknown[] }) => {
        methods.push(msg.method);
        const results: Record<string, unknown> = {
          eth_chainId: "0x539",
          net_version: "1337",
          eth_blockNumber: "0x10",
          eth_accounts: [],
          eth_getTransactionCount: "0x0",
          eth_getBalance: "0xde0b6b3a7640000",
          eth_gasPrice: "0x3b9aca00",
        };
        if (msg.method === "eth_getCode") {
          const at = String(msg.params?.[0]).toLowerCase();
          return { jsonrpc: "2.0", id: msg.id, result: at === NOT_ERC20 ? "0x6080604052" : "0x" };
        }
        if (msg.method === "eth_call")
          return {
            jsonrpc: "2.0",
            id: msg.id,
            error: { code: 3, message: "execution reverted", data: "0x" },
          };
        return msg.method in results
          ? { jsonrpc: "2.0", id: msg.id, result: results[msg.method] }
          : { jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "method not found" } };
      };
      const parsed = JSON.parse(body) as
        | { id: unknown; method: string; params?: unknown[] }
        | { id: unknown; method: string; params?: unknown[] }[];
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(Array.isArray(parsed) ? parsed.map(reply) : reply(parsed)));
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${port}`,
    methods,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

function expectRefused(r: CliResult, code: ExitCode, pattern: RegExp): void {
  const lines = r.stderr.split("\n").filter((l) => l.length > 0);
  expect(lines, `stderr: ${r.stderr}`).to.have.length(1);
  expect(lines[0]).to.match(/^error: /);
  expect(lines[0]).to.match(pattern);
  expect(r.stdout).to.equal("");
  expect(r.code, `stderr: ${r.stderr}`).to.equal(code);
}

describe("covenant deploy suite: the settlement token on a chain that is not a local development chain", function () {
  this.timeout(60_000);

  async function attempt(extra: string[]): Promise<{ r: CliResult; methods: string[] }> {
    const node = await realChainStandIn();
    const dir = tempDir("deploy-token");
    writeAddressBook({ chainId: 1337, contracts: {}, deployedAt: "" }, dir);
    try {
      const r = await runCli(["--rpc", node.url, "deploy", "suite", ...extra], {
        COVENANT_DEPLOYMENTS_DIR: dir,
        COVENANT_IGNITION_DIR: tempDir("deploy-token-ignition"),
        COVENANT_PRIVATE_KEY: Wallet.createRandom().privateKey,
      });
      return { r, methods: [...node.methods] };
    } finally {
      await node.close();
    }
  }

  it("refuses to run without --token (exit 2): the mintable test token is for development chains only; nothing sent", async function () {
    const { r, methods } = await attempt([]);
    expectRefused(
      r,
      ExitCode.INPUT,
      /chain 1337 is not a local development chain \(31337\): give the settlement ERC-20 with --token <address>.*nothing was sent/,
    );
    expect(methods).to.not.include("eth_sendRawTransaction");
    expect(methods).to.not.include("eth_sendTransaction");
  });

  it("refuses a --token with no code (exit 2, nothing sent)", async function () {
    const { r, methods } = await attempt(["--token", NO_CODE]);
    expectRefused(r, ExitCode.INPUT, /--token 0x0+bb: no contract there on chain 1337; nothing was sent/i);
    expect(methods).to.not.include("eth_sendRawTransaction");
  });

  it("refuses a --token that does not answer ERC-20 metadata (exit 2, nothing sent)", async function () {
    const { r, methods } = await attempt(["--token", NOT_ERC20]);
    expectRefused(
      r,
      ExitCode.INPUT,
      /--token 0x0+aa does not answer ERC-20 metadata \(decimals\(\), symbol\(\)\); nothing was sent/i,
    );
    expect(methods).to.include("eth_call");
    expect(methods).to.not.include("eth_sendRawTransaction");
  });
});
