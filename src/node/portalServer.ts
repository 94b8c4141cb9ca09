import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressBook } from "../sdk/addressBook";

/**
 * The portal's server (`covenant portal`, `npm start`): the built web app (`portal/dist`), the address
 * book as `/api/deployment.json`, and a same-origin JSON-RPC pass-through at `/api/rpc` that lets the
 * page read the chain without a wallet. The pass-through forwards read methods only (an allow-list):
 * anything that sends, signs, unlocks or moves a dev node's clock is refused with a JSON-RPC error and
 * never reaches the node. The server receives no document: every hash is computed in the browser.
 */

/** The JSON-RPC methods the pass-through forwards: reads of the chain's state, nothing else. */
export const READ_METHODS: readonly string[] = [
  "eth_chainId",
  "net_version",
  "web3_clientVersion",
  "eth_blockNumber",
  "eth_call",
  "eth_estimateGas",
  "eth_getLogs",
  "eth_getBlockByNumber",
  "eth_getBlockByHash",
  "eth_getCode",
  "eth_getBalance",
  "eth_getStorageAt",
  "eth_getTransactionCount",
  "eth_getTransactionByHash",
  "eth_getTransactionReceipt",
  "eth_gasPrice",
  "eth_maxPriorityFeePerGas",
  "eth_feeHistory",
  "eth_syncing",
];

const READ_SET = new Set(READ_METHODS);

/** True when the pass-through forwards `method` (a read); every other method is refused. */
export function isReadMethod(method: unknown): boolean {
  return typeof method === "string" && READ_SET.has(method);
}

/**
 * The Content-Security-Policy the portal is served with: scripts, styles and connections from its
 * own origin only (no inline script, no eval, no third-party host), images from itself or data: URLs,
 * no frames, no plugins, no form posts.
 */
export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join("; ");

const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": PORTAL_CSP,
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Largest JSON-RPC request body the pass-through accepts (a batch of reads is far smaller). */
export const MAX_RPC_BODY = 256 * 1024;

export interface PortalServerOptions {
  /** The node the pass-through forwards reads to (http or https). */
  rpcUrl: string;
  /** The suite's address book, served as `/api/deployment.json`. */
  book: AddressBook;
  /** The built app (`portal/dist`). */
  staticDir: string;
  /** Interface to bind; default 127.0.0.1 (only this machine). */
  host?: string;
  /** Port; default 4173; 0 picks a free one. */
  port?: number;
  /** Milliseconds to wait for the node (default 30 s). */
  upstreamTimeoutMs?: number;
}

export interface PortalServer {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

type RpcRequest = { jsonrpc?: string; id?: unknown; method?: unknown; params?: unknown };

function refusal(req: RpcRequest) {
  const m = typeof req.method === "string" ? req.method : "(no method)";
  return {
    jsonrpc: "2.0",
    id: req.id ?? null,
    error: {
      code: -32601,
      message: `the portal's pass-through is read-only: ${m} is refused (send and sign with your own wallet)`,
    },
  };
}

async function forward(url: string, body: unknown, timeoutMs: number): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return res.json();
}

/** Answers one JSON-RPC body (a request or a batch): reads go to the node, the rest are refused. */
export async function passThrough(url: string, body: unknown, timeoutMs = 30_000): Promise<unknown> {
  const batch = Array.isArray(body);
  const reqs = (batch ? body : [body]) as RpcRequest[];
  if (reqs.length === 0 || reqs.some((r) => r === null || typeof r !== "object")) {
    return { jsonrpc: "2.0", id: null, error: { code: -32600, message: "invalid JSON-RPC request" } };
  }
  const allowed = reqs.filter((r) => isReadMethod(r.method));
  const answers = new Map<RpcRequest, unknown>();
  if (allowed.length > 0) {
    let upstream: unknown;
    try {
      upstream = await forward(url, batch ? allowed : allowed[0], timeoutMs);
    } catch {
      upstream = undefined;
    }
    const list = Array.isArray(upstream) ? upstream : [upstream];
    allowed.forEach((r) => {
      const a = batch
        ? (list as { id?: unknown }[]).find((x) => x && x.id === r.id)
        : (list[0] as object | undefined);
      answers.set(
        r,
        a ?? {
          jsonrpc: "2.0",
          id: r.id ?? null,
          error: { code: -32603, message: "the node behind the portal did not answer" },
        },
      );
    });
  }
  const out = reqs.map((r) => (isReadMethod(r.method) ? answers.get(r) : refusal(r)));
  return batch ? out : out[0];
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": type, "Cache-Control": "no-store", ...extra });
  res.end(body);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The file under `root` that `urlPath` names, or undefined (no escaping `root`, no dot-files). */
export function staticFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0]);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const rel = path.normalize(decoded).replace(/^([/\\])+/, "");
  if (rel.split(/[/\\]/).some((s) => s.startsWith("."))) return undefined;
  const file = path.resolve(root, rel);
  if (file !== path.resolve(root) && !file.startsWith(path.resolve(root) + path.sep)) return undefined;
  try {
    return fs.statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** The id of the element of index.html that carries the address book (read by the page at start). */
export const BOOK_ELEMENT_ID = "covenant-book";

/**
 * index.html with the address book inlined as a JSON data block (`<script type="application/json">`,
 * which is never run, so the CSP's `script-src 'self'` holds): the page starts without waiting for
 * `/api/deployment.json`. Every `<` of the JSON is written `\u003c`, so no text in the book can end
 * the element.
 */
export function indexWithBook(html: string, bookJson: string): string {
  const safe = bookJson.replace(/</g, "\\u003c");
  const block = `<script type="application/json" id="${BOOK_ELEMENT_ID}">${safe}</script>`;
  // a module script runs after the whole page is parsed, so the block is there when it starts
  return html.includes("</head>") ? html.replace("</head>", `${block}\n  </head>`) : html + block;
}

/**
 * The page each permalink opens, as the app's source module (a key of the build's
 * `.vite/manifest.json`): the page of such a URL is its own chunk, which the served page preloads.
 */
export const PAGE_MODULES: readonly [RegExp, string][] = [
  [/^\/member\/[^/]+\/?$/, "src/pages/Member.tsx"],
  [/^\/members\/?$/, "src/pages/Members.tsx"],
  [/^\/agreements?(\/[^/]+)?\/?$/, "src/pages/Agreement.tsx"],
  [/^\/claims?(\/[^/]+)?\/?$/, "src/pages/Claim.tsx"],
  [/^\/projects?(\/[^/]+)?\/?$/, "src/pages/Project.tsx"],
  [/^\/treasury\/?$/, "src/pages/Treasury.tsx"],
  [/^\/(assets|asset\/[^/]+|license\/[^/]+)\/?$/, "src/pages/Ip.tsx"],
  [/^\/events\/?$/, "src/pages/Events.tsx"],
];

/** One chunk of the build's manifest (`vite build` with `build.manifest`). */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/**
 * The scripts `urlPath`'s page needs beyond the entry script: its page chunk and every chunk it
 * imports, as `/assets/…` paths, from the build's manifest (none for a URL of no page chunk, or
 * without a manifest).
 */
export function pageChunks(manifest: Record<string, ManifestChunk> | undefined, urlPath: string): string[] {
  const module = PAGE_MODULES.find(([re]) => re.test(urlPath))?.[1];
  if (!manifest || !module || !manifest[module]) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key) || chunk.isEntry) return;
    seen.add(key);
    if (/^assets\/[\w.-]+\.js$/.test(chunk.file)) out.push(`/${chunk.file}`);
    for (const i of chunk.imports ?? []) walk(i);
  };
  walk(module);
  return out;
}

/**
 * index.html with `<link rel="modulepreload">` for each of `chunks`: the browser fetches and
 * compiles a permalink's page chunk beside the entry script instead of after it has run.
 */
export function indexWithPreloads(html: string, chunks: string[]): string {
  if (chunks.length === 0) return html;
  const links = chunks.map((c) => `<link rel="modulepreload" crossorigin href="${c}" />`).join("\n    ");
  return html.includes("</head>") ? html.replace("</head>", `${links}\n  </head>`) : html + links;
}

/** Starts the portal's server; resolves once it listens. */
export function startPortalServer(opts: PortalServerOptions): Promise<PortalServer> {
  const host = opts.host ?? "127.0.0.1";
  const root = path.resolve(opts.staticDir);
  const index = path.join(root, "index.html");
  const bookJson = JSON.stringify(opts.book, null, 2);
  const bookInline = JSON.stringify(opts.book);
  // index.html with the book inlined and the build's manifest, read once per change of the built file
  let page:
    | { mtimeMs: number; html: string; manifest?: Record<string, ManifestChunk>; byPage: Map<string, string> }
    | undefined;
  const indexHtml = (urlPath: string): string => {
    const mtimeMs = fs.statSync(index).mtimeMs;
    if (!page || page.mtimeMs !== mtimeMs) {
      let manifest: Record<string, ManifestChunk> | undefined;
      try {
        manifest = JSON.parse(fs.readFileSync(path.join(root, ".vite", "manifest.json"), "utf8")) as Record<
          string,
          ManifestChunk
        >;
      } catch {
        manifest = undefined; // a build without a manifest: no page is preloaded
      }
      page = {
        mtimeMs,
        html: indexWithBook(fs.readFileSync(index, "utf8"), bookInline),
        manifest,
        byPage: new Map(),
      };
    }
    const chunks = pageChunks(page.manifest, urlPath);
    const key = chunks.join(" ");
    let html = page.byPage.get(key);
    if (html === undefined) {
      html = indexWithPreloads(page.html, chunks);
      page.byPage.set(key, html);
    }
    return html;
  };
  const timeout = opts.upstreamTimeoutMs ?? 30_000;

  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    const pathname = url.split("?")[0];
    void (async () => {
      if (pathname === "/api/rpc") {
        if (req.method !== "POST")
          return send(res, 405, "text/plain", "POST JSON-RPC here\n", { Allow: "POST" });
        const text = await readBody(req, MAX_RPC_BODY);
        if (text === null) return send(res, 413, "text/plain", "request too large\n");
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          return send(
            res,
            200,
            "application/json",
            JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } }),
          );
        }
        return send(
          res,
          200,
          "application/json",
          JSON.stringify(await passThrough(opts.rpcUrl, body, timeout)),
        );
      }
      if (req.method !== "GET" && req.method !== "HEAD")
        return send(res, 405, "text/plain", "method not allowed\n", { Allow: "GET, HEAD" });
      if (pathname === "/api/deployment.json")
        return send(res, 200, "application/json; charset=utf-8", bookJson);
      if (pathname.startsWith("/api/")) return send(res, 404, "text/plain", "not found\n");
      const file = staticFile(root, pathname);
      if (file === index) return send(res, 200, TYPES[".html"], indexHtml(pathname));
      if (file) {
        const type = TYPES[path.extname(file)] ?? "application/octet-stream";
        const immutable = pathname.startsWith("/assets/");
        return send(res, 200, type, fs.readFileSync(file), {
          "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-store",
        });
      }
      // a permalink of the single-page app (/member/0x…): the app routes it
      if (!path.extname(pathname) && !/\/\./.test(pathname) && fs.existsSync(index))
        return send(res, 200, TYPES[".html"], indexHtml(pathname));
      return send(res, 404, "text/plain", "not found\n");
    })().catch(() => {
      if (!res.headersSent) send(res, 500, "text/plain", "internal error\n");
      else res.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 4173, host, () => {
      const addr = server.address();
      const port = typeof addr === "object" && addr ? addr.port : (opts.port ?? 4173);
      const shown = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shown === "0.0.0.0" ? "127.0.0.1" : shown}:${port}/`,
        host,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

/** The built app: `portal/dist` of the package this file belongs to (source or compiled). */
export function defaultPortalDist(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "portal")))
      return path.join(dir, "portal", "dist");
    dir = path.dirname(dir);
  }
  return path.resolve("portal", "dist");
}
