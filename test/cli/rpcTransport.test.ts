import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { Network } from "ethers";
import { NodeRpcProvider } from "../../src/node/connect";

/**
 * A JSON-RPC node in a process of its own that keeps connections alive, as nodes do, and whose
 * keep-alive timer runs out exactly as the client's next request on an idle connection arrives: it
 * closes that connection without answering (what a node does when the request reaches a connection
 * it has just closed). A first request on a new connection is answered: every call "0x1", or with
 * `big` a string of `BIG` bytes; with "every-later" only the very first request of all is. It prints one line per request: "<methods> on connection <n>", and
 * "(closed unanswered)" after the ones it did not answer.
 */
const BIG = 5_000_000;
const NODE = `
const net = require("node:net");
let connections = 0;
let answered = 0;
// "every-later": only the very first request is answered (a node that resets every connection)
const everyLater = process.argv[1] === "every-later";
const server = net.createServer((socket) => {
  const id = ++connections;
  let requests = 0;
  let buf = Buffer.alloc(0);
  socket.on("data", (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const end = buf.indexOf("\\r\\n\\r\\n");
      if (end < 0) return;
      const head = buf.subarray(0, end).toString();
      const length = Number(/content-length: *(\\d+)/i.exec(head)?.[1] ?? 0);
      if (buf.length < end + 4 + length) return;
      const body = JSON.parse(buf.subarray(end + 4, end + 4 + length).toString());
      buf = buf.subarray(end + 4 + length);
      const calls = Array.isArray(body) ? body : [body];
      const line = calls.map((c) => c.method).join(",") + " on connection " + id;
      if (++requests > 1 || (everyLater && answered > 0)) {
        console.log(line + " (closed unanswered)");
        socket.destroy();
        return;
      }
      console.log(line);
      answered += 1;
      const answers = calls.map((c) => ({
        jsonrpc: "2.0",
        id: c.id,
        result: c.method === "big" ? "x".repeat(${BIG}) : "0x1",
      }));
      const text = JSON.stringify(Array.isArray(body) ? answers : answers[0]);
      socket.write("HTTP/1.1 200 OK\\r\\ncontent-type: application/json\\r\\ncontent-length: " +
        Buffer.byteLength(text) + "\\r\\nconnection: keep-alive\\r\\n\\r\\n" + text);
    }
  });
  socket.on("error", () => undefined);
});
server.listen(0, "127.0.0.1", () => console.log("port " + server.address().port));
`;

describe("the CLI's JSON-RPC transport (a node that closes a kept-alive connection under a request)", function () {
  let node: ChildProcess;
  let lines: string[];
  let provider: NodeRpcProvider;

  beforeEach(async function () {
    lines = [];
    const mode = this.currentTest?.title.includes("only once more") ? ["every-later"] : [];
    node = spawn(process.execPath, ["-e", NODE, ...mode], { stdio: ["ignore", "pipe", "inherit"] });
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      node.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        let i: number;
        while ((i = out.indexOf("\n")) >= 0) {
          const line = out.slice(0, i);
          out = out.slice(i + 1);
          if (line.startsWith("port ")) resolve(Number(line.slice(5)));
          else lines.push(line);
        }
      });
      node.once("exit", (c) => reject(new Error(`the test node exited (${c})`)));
    });
    provider = new NodeRpcProvider(`http://127.0.0.1:${port}`, Network.from(31337n), {
      staticNetwork: true,
      batchMaxCount: 100,
      batchStallTime: 0,
      cacheTimeout: -1,
    });
  });

  afterEach(function () {
    provider.destroy();
    node.kill("SIGTERM");
  });

  /** The node's lines once it has printed `n` of them. */
  async function printed(n: number): Promise<string[]> {
    for (let i = 0; i < 200 && lines.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    return lines;
  }

  it("asks a read once more, on a new connection, when the node closed the kept-alive one under it", async function () {
    expect(await provider.send("eth_blockNumber", [])).to.equal("0x1");
    expect(await provider.send("eth_getBalance", ["0x" + "11".repeat(20), "latest"])).to.equal("0x1");
    expect(await printed(3)).to.deep.equal([
      "eth_blockNumber on connection 1",
      "eth_getBalance on connection 1 (closed unanswered)",
      "eth_getBalance on connection 2",
    ]);
  });

  it("asks a batch of reads once more as one batch", async function () {
    await provider.send("eth_blockNumber", []);
    const answers = await Promise.all([
      provider.send("eth_call", [{ to: "0x" + "22".repeat(20), data: "0x" }, "latest"]),
      provider.send("eth_getLogs", [{ fromBlock: "0x0", toBlock: "0x1" }]),
    ]);
    expect(answers).to.deep.equal(["0x1", "0x1"]);
    expect(await printed(3)).to.deep.equal([
      "eth_blockNumber on connection 1",
      "eth_call,eth_getLogs on connection 1 (closed unanswered)",
      "eth_call,eth_getLogs on connection 2",
    ]);
  });

  it("never sends a transaction twice: a reset under eth_sendRawTransaction is the error, nothing asked again", async function () {
    await provider.send("eth_blockNumber", []);
    let failure: unknown;
    try {
      await provider.send("eth_sendRawTransaction", ["0x02"]);
    } catch (e) {
      failure = e;
    }
    expect((failure as { code?: string } | undefined)?.code).to.be.oneOf(["ECONNRESET", "EPIPE"]);
    await new Promise((r) => setTimeout(r, 200));
    expect(lines).to.deep.equal([
      "eth_blockNumber on connection 1",
      "eth_sendRawTransaction on connection 1 (closed unanswered)",
    ]);
  });

  it("asks a read only once more: a second reset is the error", async function () {
    await provider.send("eth_blockNumber", []);
    let failure: unknown;
    try {
      await provider.send("eth_blockNumber", []);
    } catch (e) {
      failure = e;
    }
    expect((failure as { code?: string } | undefined)?.code).to.be.oneOf(["ECONNRESET", "EPIPE"]);
    expect(await printed(3)).to.deep.equal([
      "eth_blockNumber on connection 1",
      "eth_blockNumber on connection 1 (closed unanswered)",
      "eth_blockNumber on connection 2 (closed unanswered)",
    ]);
  });

  it("reads a large answer whole (its chunks joined once)", async function () {
    const answer = (await provider.send("big", [])) as string;
    expect(answer.length).to.equal(BIG);
    expect(answer).to.equal("x".repeat(BIG));
  });
});
