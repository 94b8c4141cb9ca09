import { expect } from "chai";
import type { Command } from "commander";
import fs from "node:fs";
import { CLI_DOCS, renderCliDocs, renderCliDocsRaw } from "../../scripts/gen-cli-docs";
import { buildProgram } from "../../src/cli/main";
import { EXIT_CODE_MEANINGS, ExitCode } from "../../src/cli/exitCodes";

/**
 * docs/cli.md is generated from the commander tree (`npm run docs:cli`, scripts/gen-cli-docs.ts):
 * the committed file is what a fresh generation gives, and it names every command and exit code.
 */
describe("docs/cli.md: generated from the commander tree", function () {
  this.timeout(60_000);

  it("is what npm run docs:cli generates now (rerun it after changing a command)", async function () {
    const fresh = await renderCliDocs();
    expect(fs.readFileSync(CLI_DOCS, "utf8") === fresh, "docs/cli.md is stale: run `npm run docs:cli`").to.be
      .true;
  });

  it("gives every command with its usage and every exit code with its meaning", async function () {
    const text = await renderCliDocsRaw();
    const quiet = { write: () => true };
    const walk = (c: Command): string[] =>
      c.commands.length === 0 ? [c.createHelp().commandUsage(c)] : c.commands.flatMap(walk);
    const usages = walk(await buildProgram({ stdout: quiet, stderr: quiet, env: {} }));
    expect(usages.length).to.be.greaterThan(80);
    for (const usage of usages) expect(text, usage).to.include(`Usage: \`${usage}\``);
    for (const code of Object.values(ExitCode).filter((v): v is ExitCode => typeof v === "number"))
      expect(text).to.include(`| ${code} | ${ExitCode[code]} |`);
    expect(Object.keys(EXIT_CODE_MEANINGS)).to.have.length(6);
  });

  it("refuses a template that names a command covenant does not have", async function () {
    let err: unknown;
    await renderCliDocsRaw("{{command member fly}}\n").catch((e: unknown) => (err = e));
    expect(String(err)).to.match(/names "member fly"/);
  });
});
