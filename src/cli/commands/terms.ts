import type { Command } from "commander";
import { readUserFile } from "../../node/files";
import { parseTerms } from "../../sdk/agreementInput";
import { canonicalJson } from "../../sdk/terms";
import { NOUN_DESCRIPTIONS } from "../nouns";
import { act } from "../program";

/**
 * `covenant terms`: the terms JSON by hand. `canonical` prints the RFC 8785 canonical form whose
 * SHA-256 is the terms hash an agreement binds, so `covenant terms canonical t.json | sha256sum`
 * recomputes it without trusting this tool's hashing (the portal's verification report cites it).
 */
export function registerTerms(program: Command): void {
  const terms = program.command("terms").description(NOUN_DESCRIPTIONS.terms);
  terms
    .command("canonical")
    .description("print the RFC 8785 canonical JSON of a terms file (no newline): pipe it to sha256sum")
    .argument("<file>", "the terms JSON")
    .action(
      act(async (ctx, file: string) => {
        const text = readUserFile(file, "terms file").toString("utf8");
        const { terms: parsed } = parseTerms(text, file);
        ctx.io.stdout.write(canonicalJson(parsed));
      }),
    );
  terms
    .command("hash")
    .description("the terms hash: SHA-256 of the canonical JSON (what `agreement create` binds)")
    .argument("<file>", "the terms JSON")
    .action(
      act(async (ctx, file: string) => {
        const text = readUserFile(file, "terms file").toString("utf8");
        const { hash } = parseTerms(text, file);
        ctx.out.result({ file, termsHash: hash }, hash);
      }),
    );
}
