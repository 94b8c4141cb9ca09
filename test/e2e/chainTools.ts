import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { freePort } from "../cli/helpers";

const REPO_ROOT = path.join(__dirname, "..", "..");

/** An anvil node (npm package @foundry-rs/anvil) on a free port; `args` e.g. ["--block-time", "1"]. */
export async function startAnvil(
  args: string[] = [],
): Promise<{ url: string; port: number; proc: ChildProcess }> {
  const port = await freePort();
  return { ...(await startAnvilOn(port, args)), port };
}

/** An anvil node on `port` (a restart on the same port keeps the URL). */
export async function startAnvilOn(
  port: number,
  args: string[] = [],
): Promise<{ url: string; proc: ChildProcess }> {
  const bin = path.join(REPO_ROOT, "node_modules", "@foundry-rs", "anvil", "bin.mjs");
  const proc = spawn(process.execPath, [bin, "--host", "127.0.0.1", "--port", String(port), ...args], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // anvil prints a line per request and transaction: only the start is read, and only the tail of
  // its output is kept (appending every line to one string and searching it for the start line copies
  // the whole output per chunk, seconds of this process's CPU per command on a seeded node)
  let tail = "";
  const keep = (d: Buffer) => {
    tail = (tail + d.toString()).slice(-1000);
  };
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      keep(d);
      if (tail.includes("Listening on")) {
        proc.stdout!.off("data", onData);
        proc.off("exit", onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => reject(new Error(`anvil exited (${code}): ${tail.slice(-500)}`));
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", keep);
    proc.once("exit", onExit);
  });
  proc.stderr!.off("data", keep);
  proc.stdout!.resume();
  proc.stderr!.resume();
  return { url: `http://127.0.0.1:${port}`, proc };
}

interface RpcCall {
  id: unknown;
  method: string;
  params?: unknown[];
}

/**
 * A small JSON-RPC proxy in front of a node, for what real nodes do and dev nodes do not:
 * - `drop = true` drops every connection (the node is lost) until set back to false;
 * - `dropAfter = "eth_sendTransaction"` forwards the next such request, then drops everything after
 *   it (the node is lost right after a transaction was sent);
 * - `maxLogRange = 1000` refuses `eth_getLogs` wider than that many blocks, as public nodes do,
 *   with `refusal` (a JSON-RPC error) as the answer.
 * Counts the JSON-RPC calls it forwards by method (`calls`), the HTTP requests (`requests`) and
 * every `eth_getLogs` range it was asked (`logRanges`, with whether it was refused).
 */
export interface RpcProxy {
  url: string;
  drop: boolean;
  dropAfter?: string;
  maxLogRange?: number;
  refusal: { code: number; message: string };
  calls: Map<string, number>;
  requests: number;
  logRanges: { from: number; to: number; refused: boolean }[];
  /**
   * Each HTTP request forwarded: when it was sent to the node (ms since the proxy started or was
   * last reset), the node's answer time (ms), its calls by method, the answer's size.
   */
  timings: { start: number; ms: number; methods: Record<string, number>; bytes: number }[];
  /**
   * What failed in the proxy itself (a request it could not forward, a client connection that broke),
   * with the error as Node gave it: a connection the proxy closes is otherwise only an ECONNRESET on
   * the client's side.
   */
  failures: { at: number; where: string; methods: Record<string, number>; error: string }[];
  reset(): void;
  close(): Promise<void>;
}

const blockNumber = (tag: unknown, latest: number): number =>
  typeof tag === "string" && tag.startsWith("0x") ? Number(tag) : latest;

/** An error with its code and the codes and messages of its causes, on one line. */
function describeError(e: unknown): string {
  const parts: string[] = [];
  for (let x: unknown = e, depth = 0; x && depth < 4; depth++) {
    const o = x as { name?: string; code?: unknown; message?: string; cause?: unknown };
    parts.push(
      `${o.name ?? "Error"}${o.code !== undefined ? ` ${String(o.code)}` : ""}: ${o.message ?? String(x)}`,
    );
    x = o.cause;
  }
  return parts.join(" <- ");
}

/** The calls of a JSON-RPC body by method ({} when it is not JSON). */
function methodsOf(body: string): Record<string, number> {
  const methods: Record<string, number> = {};
  try {
    for (const c of [JSON.parse(body) as RpcCall | RpcCall[]].flat())
      methods[c.method] = (methods[c.method] ?? 0) + 1;
  } catch {
    /* not JSON */
  }
  return methods;
}

export async function startProxy(target: string): Promise<RpcProxy> {
  let epoch = performance.now();
  const state: RpcProxy = {
    url: "",
    drop: false,
    refusal: { code: -32005, message: "block range too large" },
    calls: new Map(),
    requests: 0,
    logRanges: [],
    timings: [],
    failures: [],
    reset() {
      state.calls = new Map();
      state.requests = 0;
      state.logRanges = [];
      state.timings = [];
      state.failures = [];
      epoch = performance.now();
    },
    close: async () => undefined,
  };
  const forward = async (body: string): Promise<string> => {
    const t0 = performance.now();
    let text: string;
    try {
      const res = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      text = await res.text();
    } catch (e) {
      state.failures.push({
        at: t0 - epoch,
        where: "asking the node",
        methods: methodsOf(body),
        error: describeError(e),
      });
      throw e;
    }
    state.timings.push({
      start: t0 - epoch,
      ms: performance.now() - t0,
      methods: methodsOf(body),
      bytes: text.length,
    });
    return text;
  };
  let latest = 0;
  const server = http.createServer((req, res) => {
    if (state.drop) {
      req.socket.destroy();
      return;
    }
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      void (async () => {
        if (state.drop) return req.socket.destroy();
        state.requests += 1;
        const parsed = JSON.parse(body) as RpcCall | RpcCall[];
        const calls = Array.isArray(parsed) ? parsed : [parsed];
        for (const c of calls) state.calls.set(c.method, (state.calls.get(c.method) ?? 0) + 1);
        // refuse wide log ranges, call by call
        const refused = new Map<unknown, unknown>();
        if (state.maxLogRange !== undefined) {
          for (const c of calls) {
            if (c.method !== "eth_getLogs") continue;
            const f = (c.params?.[0] ?? {}) as { fromBlock?: unknown; toBlock?: unknown };
            if (typeof f.toBlock !== "string" || !f.toBlock.startsWith("0x")) {
              latest = Number(
                JSON.parse(
                  await forward(
                    JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
                  ),
                ).result,
              );
            }
            const from = blockNumber(f.fromBlock, 0);
            const to = blockNumber(f.toBlock, latest);
            const wide = to - from + 1 > state.maxLogRange;
            state.logRanges.push({ from, to, refused: wide });
            if (wide) refused.set(c.id, { jsonrpc: "2.0", id: c.id, error: state.refusal });
          }
        } else {
          for (const c of calls) {
            if (c.method !== "eth_getLogs") continue;
            const f = (c.params?.[0] ?? {}) as { fromBlock?: unknown; toBlock?: unknown };
            state.logRanges.push({
              from: blockNumber(f.fromBlock, 0),
              to: blockNumber(f.toBlock, -1),
              refused: false,
            });
          }
        }
        let answer: string;
        const rest = calls.filter((c) => !refused.has(c.id));
        if (refused.size === 0) answer = await forward(body);
        else {
          const forwarded = rest.length
            ? (JSON.parse(await forward(JSON.stringify(rest))) as { id: unknown }[])
            : [];
          const byId = new Map(forwarded.map((r) => [r.id, r]));
          const all = calls.map((c) => refused.get(c.id) ?? byId.get(c.id));
          answer = JSON.stringify(Array.isArray(parsed) ? all : all[0]);
        }
        if (state.drop) return req.socket.destroy();
        res.writeHead(200, { "content-type": "application/json" });
        res.end(answer);
        if (state.dropAfter && calls.some((c) => c.method === state.dropAfter)) {
          state.dropAfter = undefined;
          state.drop = true;
        }
      })().catch((e: unknown) => {
        if (!state.failures.some((f) => f.where === "asking the node" && f.error === describeError(e)))
          state.failures.push({
            at: performance.now() - epoch,
            where: "answering the client",
            methods: methodsOf(body),
            error: describeError(e),
          });
        req.socket.destroy();
      });
    });
    req.on("error", (e) =>
      state.failures.push({
        at: performance.now() - epoch,
        where: "reading the client's request",
        methods: methodsOf(body),
        error: describeError(e),
      }),
    );
    res.on("error", (e) =>
      state.failures.push({
        at: performance.now() - epoch,
        where: "writing the answer",
        methods: methodsOf(body),
        error: describeError(e),
      }),
    );
  });
  // a client connection that broke outside a request (Node answers 400 or closes it)
  server.on("clientError", (e: Error & { code?: string }, socket) => {
    state.failures.push({
      at: performance.now() - epoch,
      where: "a client connection",
      methods: {},
      error: describeError(e),
    });
    socket.destroy();
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  state.url = `http://127.0.0.1:${port}`;
  state.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}
