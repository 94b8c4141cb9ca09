import fs from "node:fs";
import type { Command } from "commander";
import type { MemberHistory } from "../../sdk/history";
import { act } from "../program";
import { BLOCK_HELP, parseBlockOption } from "../blockOption";
import path from "node:path";

export function registerHistory(program: Command): void {
  program
    .command("history")
    .description(
      "a member's whole record in time order: membership changes, signatures, defaults, claims, evidence, rulings, penalties (table, --json, --csv, or an HTML dossier)",
    )
    .argument("<member>", "address, entity id (code or 0x-hash) or exact name")
    .option("--html <file>", "write one self-contained HTML dossier (inline CSS and SVG timeline) to <file>")
    .option("--block <tag|number>", BLOCK_HELP)
    .action(
      act(
        async (ctx, query: string, opts: { html?: string; block?: string }) => {
          // loaded when the command runs, so that `covenant --help` does not load them
          const { renderDossier } = await import("../../present/dossier");
          const { HISTORY_COLUMNS, historyRows } = await import("../../present/history");
          const { buildMemberHistory } = await import("../../sdk/history");
          const { checkError, inputError } = await import("../../sdk/errors");
          const { clientForReads } = await import("../../sdk/readBlock");
          const requireVerified = (h: MemberHistory) => checkVerified(h, checkError);
          const named = opts.block === undefined ? undefined : await parseBlockOption(opts.block);
          if (opts.html !== undefined) {
            if (!opts.html.trim()) throw inputError("--html needs a file name");
            const dir = path.dirname(path.resolve(opts.html));
            if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
              throw inputError(`cannot write ${opts.html}: the folder ${dir} does not exist`);
            if (fs.existsSync(opts.html) && fs.statSync(opts.html).isDirectory())
              throw inputError(`${opts.html} is a folder, not a file`);
            if (ctx.out.format === "csv") throw inputError("--html and --csv cannot be combined");
          }
          const live = await ctx.client();
          await live.requireDeployed("Membership");
          // R-reads: at a block no reorg can still replace (finalized, or confirmations deep)
          const { client } = await clientForReads(live, named);
          const h = await buildMemberHistory(client, query);
          if (opts.html !== undefined) {
            requireVerified(h);
            fs.writeFileSync(opts.html, renderDossier(h), "utf8");
            return ctx.out.result(
              {
                member: h.member.address,
                name: h.member.name,
                events: h.items.length,
                html: path.resolve(opts.html),
              },
              `dossier of ${h.member.name} (${h.items.length} events) written to ${opts.html}`,
            );
          }
          if (ctx.out.json) ctx.out.result(h, "");
          else {
            if (ctx.out.format === "table")
              ctx.out.note(
                `${h.member.name} (${h.member.address}), ${h.member.status}: ${h.items.length} events`,
              );
            ctx.out.rows(HISTORY_COLUMNS, historyRows(h));
            if (ctx.out.format === "table" && h.verification?.verified)
              ctx.out.result(null, `verified against the chain's head at block ${h.verification.block}`);
          }
          requireVerified(h);
        },
        { csvAllowed: true },
      ),
    );
}

/**
 * I8: fails (exit 1, a check failed) when an entry read from the node's events does not fold to its
 * chain's on-chain head: a node that dropped, added or altered an entry.
 */
function checkVerified(h: MemberHistory, checkError: (message: string) => Error): void {
  const bad = h.verification?.checks.filter((c) => !c.verified) ?? [];
  if (bad.length === 0) return;
  throw checkError(
    `the breach history the node returned does not match the chain's head at block ${h.verification!.block}: ` +
      bad
        .map(
          (c) =>
            `${c.member} has ${c.length} entries (head ${c.head}) but the events give ${c.computedLength} (head ${c.computedHead})`,
        )
        .join("; "),
  );
}
