/**
 * `npm run docs:walkthroughs`: writes docs/walkthroughs.md from a real run. A fresh in-process
 * Hardhat chain of its own (so that block numbers are those of any fresh run, whatever ran before in
 * the same process) gets the demo's story (`runDemo`, what `covenant demo` plays), then each command
 * of scripts/templates/walkthroughs.md runs in-process (`main(argv, { stdout, stderr, env,
 * provider })`) against the state it leaves, in the template's order. Addresses, hashes, times and
 * long ids in the output are replaced by placeholders of the same width, so that tables stay aligned
 * and test/docs/walkthroughs.test.ts can compare the committed page with a fresh run. With
 * DOCS_CHECK=1 it writes nothing and fails when the page differs.
 *
 * Template lines (each alone on a line; consecutive ones form one shell block):
 * - `{{covenant <args>}}`: runs the command and shows `$ covenant <args>` and its output; `out/demo/…`
 *   is the demo's folder, other relative files are in a work folder; `| grep <word>` keeps the lines
 *   with <word>; `# …` is a comment; `=> NAME /regex/` keeps the regex's first group as `$NAME`;
 * - `{{NAME=}}`: shows `$ NAME=<value>`;
 * - `{{advance <seconds>}}`, `{{copy <from> <to>}}` (a copy with its first figure changed),
 *   `{{keystore <demo actor> <file>}}`, `{{file <file> <text>}}`: set-up, not shown.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BrowserProvider, encryptKeystoreJsonSync, type Eip1193Provider } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { formatLike, writeOrCheck } from "./generatedDoc";

const ROOT = path.join(__dirname, "..");
export const WALKTHROUGHS = path.join(ROOT, "docs", "walkthroughs.md");
export const WALKTHROUGHS_TEMPLATE = path.join(ROOT, "scripts", "templates", "walkthroughs.md");
const KEYSTORE_PASSWORD = "walkthrough";

/** Splits a command line as a shell would for these lines: words, "double-quoted" words. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

/** Same-width placeholders for what differs from run to run (or says nothing to a reader). */
class Normaliser {
  private readonly ids = new Map<string, string>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly dirs: [string, string][]) {}

  private next(kind: string, key: string, make: (n: number) => string): string {
    const k = `${kind}:${key}`;
    let v = this.ids.get(k);
    if (!v) {
      const n = (this.counts.get(kind) ?? 0) + 1;
      this.counts.set(kind, n);
      v = make(n);
      this.ids.set(k, v);
    }
    return v;
  }

  text(s: string): string {
    let out = s;
    for (const [dir, shown] of this.dirs) out = out.split(dir).join(shown);
    const num = (n: number) => String(n).padStart(4, "0");
    return (
      out
        // signatures and other long data first, then hashes, then addresses
        .replace(/0x[0-9a-fA-F]{67,}/g, (m) =>
          this.next("data", m.toLowerCase(), (n) => `0xDATA${num(n)}`.padEnd(m.length, "0")),
        )
        .replace(/0x[0-9a-fA-F]{64}(?![0-9a-fA-F])/g, (m) =>
          this.next("hash", m.slice(2, 10).toLowerCase(), (n) => `0xHASH${num(n)}`).padEnd(66, "0"),
        )
        .replace(/0x[0-9a-fA-F]{8}…/g, (m) =>
          this.next("hash", m.slice(2, 10).toLowerCase(), (n) => `0xHASH${num(n)}`).concat("…"),
        )
        .replace(/0x[0-9a-fA-F]{40}(?![0-9a-fA-F])/g, (m) =>
          this.next("address", m.toLowerCase(), (n) => `0xADDR${num(n)}`.padEnd(42, "0")),
        )
        .replace(/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, (m) =>
          "YYYY-MM-DDThh:mm:ssZ".padEnd(m.length, " "),
        )
        .replace(/\b\d{4}-\d\d-\d\d\b/g, "YYYY-MM-DD")
        .replace(/\b\d{30,}\b/g, (m) => this.next("id", m, (n) => String(n).padStart(m.length, "0")))
    );
  }
}

/** docs/walkthroughs.md from a fresh run (see the file's comment). */
export async function renderWalkthroughs(hre: HardhatRuntimeEnvironment): Promise<string> {
  const { createProvider } = await import("hardhat/internal/core/providers/construction");
  const eip1193 = (await createProvider(hre.config, "hardhat", hre.artifacts)) as unknown as Eip1193Provider;
  const provider = new BrowserProvider(eip1193, 31337, { cacheTimeout: -1 });
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "covenant-walkthrough-out-"));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "covenant-walkthrough-work-"));
  const bookDir = fs.mkdtempSync(path.join(os.tmpdir(), "covenant-walkthrough-book-"));
  const { runDemo } = await import("../src/demo/story");
  const { demoWallet } = await import("../src/demo/cast");
  const { writeAddressBook } = await import("../src/node/addressBook");
  const { main } = await import("../src/cli/main");
  await runDemo({
    provider,
    rpc: eip1193 as never,
    deployer: await provider.getSigner(0),
    outDir,
    onDeployed: (chainId, contracts) =>
      writeAddressBook(
        { chainId: Number(chainId), contracts, deployedAt: new Date().toISOString() },
        bookDir,
      ),
  });
  const norm = new Normaliser([
    [outDir, "out/demo"],
    [workDir + path.sep, ""],
  ]);
  const vars = new Map<string, string>();
  const file = (p: string) =>
    p.startsWith("out/demo/") ? path.join(outDir, p.slice("out/demo/".length)) : path.join(workDir, p);
  const env = {
    COVENANT_DEPLOYMENTS_DIR: bookDir,
    COVENANT_KEYSTORE_PASSWORD: KEYSTORE_PASSWORD,
    NO_COLOR: "1",
  };

  /** Runs one template line; returns the lines it shows (none for set-up). */
  const run = async (line: string): Promise<string[]> => {
    const [head, ...rest] = words(line);
    if (head === "advance") {
      await provider.send("evm_increaseTime", [Number(rest[0])]);
      await provider.send("evm_mine", []);
      return [];
    }
    if (head === "copy") {
      const text = fs.readFileSync(file(rest[0]), "utf8");
      const i = text.search(/\d/);
      fs.writeFileSync(file(rest[1]), text.slice(0, i) + ((Number(text[i]) + 1) % 10) + text.slice(i + 1));
      return [];
    }
    if (head === "keystore") {
      const w = demoWallet(rest[0] as never, provider);
      const json = encryptKeystoreJsonSync(
        { address: w.address, privateKey: w.privateKey },
        KEYSTORE_PASSWORD,
        {
          scrypt: { N: 1024 },
        },
      );
      fs.writeFileSync(file(rest[1]), json);
      return [];
    }
    if (head === "file") {
      fs.writeFileSync(file(rest[0]), line.slice(line.indexOf(rest[0]) + rest[0].length).trim() + "\n");
      return [];
    }
    const assign = /^(\w+)=$/.exec(line.trim());
    if (assign) return [norm.text(`$ ${assign[1]}=${vars.get(assign[1]) ?? ""}`)];
    if (head !== "covenant") throw new Error(`scripts/templates/walkthroughs.md: unknown line {{${line}}}`);
    const capture = /\s=>\s(\w+)\s\/(.*)\/$/.exec(line);
    const shown = (capture ? line.slice(0, capture.index) : line).trim();
    const [command, grep] = shown.replace(/\s+#.*$/, "").split(/\s*\|\s*grep\s+/);
    const args = words(command)
      .slice(1)
      .map((w) => (w.startsWith("$") && vars.has(w.slice(1)) ? vars.get(w.slice(1))! : w))
      .map((w) => (/^out\/demo\//.test(w) || /\.(json|md|txt|html)$/.test(w) ? file(w) : w));
    // stdout and stderr in the order they were written, as a terminal shows them
    const written: string[] = [];
    const sink = { write: (s: string) => (written.push(String(s)), true) };
    await main([process.execPath, "covenant", ...args], {
      stdout: sink,
      stderr: sink,
      env,
      provider: eip1193,
    });
    let output = written.join("");
    if (capture) {
      const m = new RegExp(capture[2]).exec(output);
      if (!m) throw new Error(`{{${line}}}: no match for /${capture[2]}/ in: ${output}`);
      vars.set(capture[1], m[1]);
    }
    if (grep)
      output = output
        .split("\n")
        .filter((l) => l.includes(grep))
        .join("\n");
    return norm.text(`$ ${shown}\n${output}`).replace(/\n+$/, "").split("\n");
  };

  const template = fs.readFileSync(WALKTHROUGHS_TEMPLATE, "utf8").split("\n");
  const out: string[] = [];
  let block: string[] | undefined;
  for (const line of template) {
    const m = /^\{\{(.+)\}\}$/.exec(line.trim());
    if (!m) {
      if (block) {
        if (block.length) out.push("```", ...block, "```");
        block = undefined;
      }
      out.push(line);
      continue;
    }
    block ??= [];
    block.push(...(await run(m[1])));
  }
  if (block?.length) out.push("```", ...block, "```");
  const text = [
    "<!-- Generated by `npm run docs:walkthroughs` (scripts/gen-walkthroughs.ts) from a run of the demo and of " +
      "scripts/templates/walkthroughs.md: edit those, not this file. -->",
    "",
    ...out,
  ].join("\n");
  return formatLike(WALKTHROUGHS, text);
}

if (require.main === module) {
  void writeOrCheck(
    WALKTHROUGHS,
    async () => renderWalkthroughs((await import("hardhat")).default),
    "docs:walkthroughs",
  );
}
