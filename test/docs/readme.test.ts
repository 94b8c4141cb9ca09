import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { buildProgram } from "../../src/cli/main";

/**
 * The README is the front door: at most 200 lines, every link it gives leads to a file of the
 * repository, and every `covenant` command line it shows names a command the CLI has, with options
 * that command takes.
 */
const ROOT = path.join(__dirname, "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The subcommand reached by `words` (noun, verb, ...), and the words left over. */
function resolve(program: Command, words: string[]): { cmd: Command; rest: string[] } {
  let cmd = program;
  let i = 0;
  for (; i < words.length; i++) {
    const next = cmd.commands.find((c) => c.name() === words[i] || c.aliases().includes(words[i]));
    if (!next) break;
    cmd = next;
  }
  return { cmd, rest: words.slice(i) };
}

/** The `covenant ...` lines of the README's shell blocks, comments stripped. */
function commandLines(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .flatMap((b) => b.split("\n"))
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l.startsWith("covenant "));
}

describe("README: the front door", function () {
  it("has at most 200 lines", function () {
    expect(README.split("\n").length).to.be.at.most(200);
  });

  it("links only to files that exist", function () {
    const links = [...README.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]);
    expect(links.length).to.be.greaterThan(10);
    const missing = links.filter((l) => !/^https?:/.test(l) && !fs.existsSync(path.join(ROOT, l)));
    expect(missing).to.deep.equal([]);
  });

  it("shows only commands the CLI has, with options each command takes", async function () {
    const program = await buildProgram();
    const lines = commandLines(README);
    expect(lines.length).to.be.greaterThan(20);
    const problems: string[] = [];
    for (const line of lines) {
      const words = line.split(/\s+/).slice(1);
      const globals = new Set(program.options.flatMap((o) => [o.long, o.short].filter(Boolean) as string[]));
      const { cmd, rest } = resolve(
        program,
        words.filter((w, i) => !w.startsWith("-") && !(i > 0 && globals.has(words[i - 1]))),
      );
      if (cmd === program || cmd.commands.length > 0) {
        problems.push(`${line}: no such command`);
        continue;
      }
      const known = new Set(
        [...program.options, ...cmd.options].flatMap((o) => [o.long, o.short].filter(Boolean) as string[]),
      );
      for (const w of words.filter((x) => x.startsWith("-"))) {
        if (!known.has(w)) problems.push(`${line}: ${cmd.name()} takes no option ${w}`);
      }
      void rest;
    }
    expect(problems, problems.join("\n")).to.deep.equal([]);
  });
});
