import { expect } from "chai";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import {
  BOOK_ELEMENT_ID,
  indexWithBook,
  indexWithPreloads,
  isReadMethod,
  pageChunks,
  PORTAL_CSP,
  startPortalServer,
  type PortalServer,
} from "../../src/node/portalServer";

/** A build's manifest as `vite build` writes it (`.vite/manifest.json`): the entry and two page chunks. */
const MANIFEST = {
  "index.html": { file: "assets/index-1.js", isEntry: true, imports: [] },
  "_historyLog-1.js": { file: "assets/historyLog-1.js", imports: ["index.html"] },
  "src/pages/Member.tsx": {
    file: "assets/Member-1.js",
    isDynamicEntry: true,
    imports: ["index.html", "_historyLog-1.js"],
  },
  "src/pages/Agreement.tsx": { file: "assets/Agreement-1.js", isDynamicEntry: true, imports: ["index.html"] },
};

/**
 * The portal's server (`covenant portal`): the address book, the static app with its CSP, and the
 * read-only JSON-RPC pass-through, against a stand-in node that records what reaches it.
 */
describe("covenant portal server", function () {
  this.timeout(20_000);
  let upstream: http.Server;
  let upstreamUrl: string;
  const seen: string[] = [];
  let portal: PortalServer;
  let dist: string;
  const book = {
    chainId: 31337,
    contracts: { Membership: "0x5FbDB2315678afecb367f032d93F642f64180aa3" },
    deployedAt: "2026-01-01T00:00:00.000Z",
  };

  before(async function () {
    upstream = http.createServer((req, res) => {
      let text = "";
      req.on("data", (c) => (text += c));
      req.on("end", () => {
        const body = JSON.parse(text);
        const one = (r: { id: unknown; method: string }) => {
          seen.push(r.method);
          return { jsonrpc: "2.0", id: r.id, result: r.method === "eth_chainId" ? "0x7a69" : "0x1" };
        };
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(Array.isArray(body) ? body.map(one) : one(body)));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", () => r()));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
    dist = fs.mkdtempSync(path.join(os.tmpdir(), "covenant-portal-"));
    fs.writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>portal</title>");
    fs.mkdirSync(path.join(dist, "assets"));
    fs.writeFileSync(path.join(dist, "assets", "app.js"), "console.log(1)");
    fs.mkdirSync(path.join(dist, ".vite"));
    fs.writeFileSync(path.join(dist, ".vite", "manifest.json"), JSON.stringify(MANIFEST));
    portal = await startPortalServer({ rpcUrl: upstreamUrl, book, staticDir: dist, port: 0 });
  });

  after(async function () {
    await portal?.close();
    await new Promise<void>((r) => upstream.close(() => r()));
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it("preloads a permalink's page chunk and the chunks it imports, never the entry", async function () {
    const member = await (
      await fetch(new URL("/member/0x5FbDB2315678afecb367f032d93F642f64180aa3", portal.url))
    ).text();
    const preloads = [...member.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)" \/>/g)].map(
      (m) => m[1],
    );
    expect(preloads).to.deep.equal(["/assets/Member-1.js", "/assets/historyLog-1.js"]);
    const head = indexWithPreloads("<html><head><title>t</title></head><body></body></html>", preloads);
    expect(head.indexOf("modulepreload")).to.be.within(0, head.indexOf("</head>"));
    for (const p of ["/", "/index.html", "/member/0x1/extra", "/nowhere"]) {
      const html = await (await fetch(new URL(p, portal.url))).text();
      expect(html, p).not.to.include("modulepreload");
    }
    const agreement = await (await fetch(new URL("/agreement/1", portal.url))).text();
    expect(agreement).to.include('href="/assets/Agreement-1.js"');
    expect(agreement).not.to.include("historyLog");
    // the manifest itself is not served
    expect((await fetch(new URL("/.vite/manifest.json", portal.url))).status).to.equal(404);
  });

  it("names no chunk without a manifest, for a URL of no page, or a file outside assets/", function () {
    expect(pageChunks(undefined, "/member/0x1")).to.deep.equal([]);
    expect(pageChunks(MANIFEST, "/")).to.deep.equal([]);
    expect(pageChunks(MANIFEST, "/member")).to.deep.equal([]);
    expect(pageChunks(MANIFEST, "/events")).to.deep.equal([]);
    expect(
      pageChunks({ "src/pages/Events.tsx": { file: "../outside.js", imports: ["index.html"] } }, "/events"),
    ).to.deep.equal([]);
    expect(pageChunks(MANIFEST, "/member/0x1/")).to.deep.equal([
      "/assets/Member-1.js",
      "/assets/historyLog-1.js",
    ]);
  });

  const rpc = async (body: unknown) => {
    const res = await fetch(new URL("/api/rpc", portal.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return res.json();
  };

  it("binds to 127.0.0.1 unless told otherwise", function () {
    expect(portal.host).to.equal("127.0.0.1");
    expect(portal.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("serves the address book as /api/deployment.json", async function () {
    const res = await fetch(new URL("/api/deployment.json", portal.url));
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal(book);
  });

  it("serves the app with a strict Content-Security-Policy, and permalinks route to the app", async function () {
    for (const p of ["/", "/member/0x5FbDB2315678afecb367f032d93F642f64180aa3"]) {
      const res = await fetch(new URL(p, portal.url));
      expect(res.status).to.equal(200);
      expect(await res.text()).to.include("<title>portal</title>");
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).to.equal(PORTAL_CSP);
      expect(csp).to.include("script-src 'self'");
      expect(csp).not.to.include("unsafe-inline");
      expect(csp).not.to.include("unsafe-eval");
      expect(res.headers.get("x-content-type-options")).to.equal("nosniff");
    }
    const js = await fetch(new URL("/assets/app.js", portal.url));
    expect(js.headers.get("content-type")).to.match(/^text\/javascript/);
  });

  it("inlines the address book in the app's page as a JSON data block (/, /index.html and permalinks)", async function () {
    for (const p of ["/", "/index.html", "/agreement/1"]) {
      const html = await (await fetch(new URL(p, portal.url))).text();
      const m = html.match(
        new RegExp(`<script type="application/json" id="${BOOK_ELEMENT_ID}">([^<]*)</script>`),
      );
      expect(m, p).to.not.equal(null);
      expect(JSON.parse(m![1])).to.deep.equal(book);
    }
  });

  it("writes every < of the inlined book as \\u003c, so no text in it can end the element", function () {
    const json = JSON.stringify({ name: "</script><script>alert(1)</script>" });
    const html = indexWithBook("<html><head><title>t</title></head><body></body></html>", json);
    expect(html.match(/<\/script>/g)).to.have.length(1);
    expect(html).to.include("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>");
    const inner = html.slice(html.indexOf('">') + 2, html.indexOf("</script>"));
    expect(JSON.parse(inner)).to.deep.equal({ name: "</script><script>alert(1)</script>" });
    expect(html.indexOf(BOOK_ELEMENT_ID)).to.be.below(html.indexOf("</head>"));
  });

  it("serves nothing outside the built app", async function () {
    for (const p of ["/../package.json", "/%2e%2e/package.json", "/.env", "/assets/missing.js"]) {
      const res = await fetch(new URL(p, portal.url));
      expect(res.status, p).to.equal(404);
    }
  });

  it("forwards read methods to the node (one request and a batch)", async function () {
    seen.length = 0;
    expect(await rpc({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] })).to.deep.equal({
      jsonrpc: "2.0",
      id: 1,
      result: "0x7a69",
    });
    const batch = (await rpc([
      { jsonrpc: "2.0", id: 2, method: "eth_blockNumber", params: [] },
      { jsonrpc: "2.0", id: 3, method: "eth_call", params: [{ to: book.contracts.Membership }, "latest"] },
    ])) as { id: number; result: string }[];
    expect(batch.map((b) => b.id)).to.deep.equal([2, 3]);
    expect(seen).to.deep.equal(["eth_chainId", "eth_blockNumber", "eth_call"]);
  });

  it("refuses every write, signing, account and dev-node method and never forwards it", async function () {
    const refused = [
      "eth_sendTransaction",
      "eth_sendRawTransaction",
      "eth_sign",
      "eth_signTypedData_v4",
      "eth_signTransaction",
      "eth_accounts",
      "personal_sign",
      "personal_unlockAccount",
      "evm_increaseTime",
      "evm_mine",
      "hardhat_setBalance",
      "hardhat_impersonateAccount",
      "anvil_setBalance",
      "anvil_impersonateAccount",
      "debug_traceTransaction",
      "eth_subscribe",
      "admin_peers",
    ];
    seen.length = 0;
    for (const [i, method] of refused.entries()) {
      expect(isReadMethod(method), method).to.equal(false);
      const r = (await rpc({ jsonrpc: "2.0", id: i, method, params: [] })) as {
        id: number;
        error: { code: number; message: string };
      };
      expect(r.id).to.equal(i);
      expect(r.error.code).to.equal(-32601);
      expect(r.error.message).to.include(`${method} is refused`);
    }
    // in a batch, the write is refused and the read beside it still answered
    const mixed = (await rpc([
      { jsonrpc: "2.0", id: 7, method: "eth_sendTransaction", params: [{}] },
      { jsonrpc: "2.0", id: 8, method: "eth_blockNumber", params: [] },
    ])) as { id: number; error?: unknown; result?: string }[];
    expect(mixed[0].error).to.not.equal(undefined);
    expect(mixed[1].result).to.equal("0x1");
    expect(seen).to.deep.equal(["eth_blockNumber"]);
  });

  it("refuses anything but POST on the pass-through and a body that is not JSON", async function () {
    expect((await fetch(new URL("/api/rpc", portal.url))).status).to.equal(405);
    const res = await fetch(new URL("/api/rpc", portal.url), { method: "POST", body: "{not json" });
    expect(((await res.json()) as { error: { code: number } }).error.code).to.equal(-32700);
  });
});
