import type { Command } from "commander";
import type { CovenantClient } from "../../sdk/client";
import { formatAmount, inTokenUnits, parseAddress, parseId, units } from "../../sdk/money";
import { txFacts, txLine } from "../output";
import { treasuryBalance, treasuryReport, withdraw, type TreasuryReport } from "../../sdk/actions/treasury";
import type { Context } from "../context";
import { printBudgetLines } from "./project";
import { act } from "../program";
import { NOUN_DESCRIPTIONS } from "../nouns";
import { BLOCK_HELP, parseBlockOption } from "../blockOption";
import { clientForReads } from "../../sdk/readBlock";

async function connectTreasury(ctx: Context, withProjects = false): Promise<CovenantClient> {
  const client = await ctx.client();
  await client.requireDeployed(
    "Treasury",
    "SettlementToken",
    ...(withProjects ? (["ProjectRegistry", "ProjectFunding", "ProjectSpending"] as const) : []),
  );
  return client;
}

/** Columns of `treasury report --csv`. */
export const REPORT_CSV_HEADERS = [
  "section",
  "project",
  "item",
  "budgeted",
  "spent",
  "remaining",
  "amount",
  "detail",
];

/** The report as CSV rows: section, project, item, then the figures of that section (token units). */
export function reportCsvRows(r: TreasuryReport): string[][] {
  const u = (v: bigint) => units(v, r.token.decimals);
  const rows: unknown[][] = [];
  for (const [k, v] of Object.entries(r.ledgers)) rows.push(["ledger", "", k, "", "", "", u(v), ""]);
  rows.push(["ledger", "", "totalLiabilities", "", "", "", u(r.totalLiabilities), ""]);
  rows.push([
    "ledger",
    "",
    "tokenBalance",
    "",
    "",
    "",
    u(r.tokenBalance),
    r.solvent ? "I2 holds" : "I2 BROKEN",
  ]);
  for (const p of r.projects) {
    for (const l of p.lines) {
      rows.push([
        "line",
        p.id,
        `${l.line} ${l.category}`,
        u(l.budgeted),
        u(l.spent),
        u(l.remaining),
        "",
        l.grantAllowed ? "grant may pay" : "",
      ]);
    }
    for (const g of p.grantSpendingByCategory)
      rows.push(["grant-spending", p.id, g.category, "", "", "", u(g.amount), ""]);
    for (const a of p.arrears) {
      rows.push([
        "arrears",
        p.id,
        a.participant,
        "",
        "",
        "",
        u(a.arrears),
        `${a.defaultsRecorded} default(s) recorded`,
      ]);
    }
    for (const s of p.pendingSpends) {
      rows.push([
        "pending-spend",
        p.id,
        `spend ${s.id}`,
        "",
        "",
        "",
        u(s.amount),
        `${s.fromGrant ? "grant" : "project"} money, line ${s.line} ${s.category}, to ${s.payee}, veto until ${s.vetoEndsAt ?? "-"}, approved by payers of ${u(s.approvedPaid)}, ${s.requiredBps} bps of paid in needed`,
      ]);
    }
  }
  return rows.map((row) => row.map((c) => (c === null || c === undefined ? "" : String(c))));
}

export function registerTreasury(program: Command): void {
  const treasury = program.command("treasury").description(NOUN_DESCRIPTIONS.treasury);

  treasury
    .command("report")
    .description(
      "ledger totals and I2 solvency; per project: budget lines (budgeted, spent, remaining), grant spending by category, arrears, spends awaiting veto (--json, --csv)",
    )
    .option("--project <id>", "only this project")
    .option("--block <tag|number>", BLOCK_HELP)
    .action(
      act(
        async (ctx, opts: { project?: string; block?: string }) => {
          const projectId = opts.project === undefined ? undefined : parseId(opts.project, "--project");
          const named = opts.block === undefined ? undefined : await parseBlockOption(opts.block);
          const { client } = await clientForReads(await connectTreasury(ctx, true), named);
          const r = await treasuryReport(client, { projectId });
          const t = r.token;
          if (ctx.out.format === "csv") {
            ctx.out.rows(REPORT_CSV_HEADERS, reportCsvRows(r));
            return;
          }
          if (ctx.out.json) {
            ctx.out.result(inTokenUnits({ ...r, symbol: t.symbol }, t.decimals), "");
            return;
          }
          const f = (v: bigint) => formatAmount(v, t);
          ctx.out.record(
            {
              treasury: r.treasury,
              "as of": `${r.at ?? ""} (block ${r.block})`,
              "alliance fund": f(r.ledgers.allianceFund),
              "performance bonds": f(r.ledgers.bonds),
              "claim bonds": f(r.ledgers.claimBonds),
              "project accounts": f(r.ledgers.projectAccounts),
              "grant accounts": f(r.ledgers.grantAccounts),
              "royalty pools": f(r.ledgers.royaltyPools),
              withdrawable: f(r.ledgers.withdrawable),
              "total liabilities": f(r.totalLiabilities),
              "token balance": f(r.tokenBalance),
              "I2 solvency": r.solvent
                ? `holds (surplus ${f(r.surplus)})`
                : "BROKEN: balance below liabilities",
            },
            "Treasury",
          );
          for (const p of r.projects) {
            ctx.out.record(
              {
                status: p.status,
                budget: f(p.budget),
                "project account": `${f(p.projectAccount.balance)} (contributed ${f(p.projectAccount.contributed)}, spent ${f(p.projectAccount.spent)}, refunded ${f(p.projectAccount.refunded)})`,
                "grant account": `${f(p.grantAccount.balance)} (received ${f(p.grantAccount.received)}, spent ${f(p.grantAccount.spent)}, returned ${f(p.grantAccount.returned)})${p.grantAccount.frozen ? " FROZEN" : ""}`,
                I3: p.i3Holds ? "holds" : "BROKEN",
              },
              `project ${p.id}: ${p.title}`,
            );
            printBudgetLines(ctx, p.lines, f);
            ctx.out.rows(
              ["grant spending: category", "amount"],
              p.grantSpendingByCategory.map((g) => [g.category, f(g.amount)]),
            );
            ctx.out.rows(
              ["participant", "arrears", "defaults recorded"],
              p.arrears.map((a) => [a.participant, f(a.arrears), a.defaultsRecorded]),
            );
            ctx.out.rows(
              ["pending spend", "line", "amount", "payee", "money", "approved", "veto deadline"],
              p.pendingSpends.map((s) => [
                s.id,
                `${s.line} ${s.category}`,
                f(s.amount),
                s.payee,
                s.fromGrant ? "grant" : "project",
                `${f(s.approvedPaid)} paid in (${s.requiredBps / 100}% needed)`,
                s.fromGrant ? `${s.vetoEndsAt}${s.vetoOpen ? " (open)" : " (passed)"}` : "-",
              ]),
            );
          }
        },
        { csvAllowed: true },
      ),
    );

  treasury
    .command("balance")
    .description(
      "what the Treasury holds for an account (default: the signer): withdrawable, bond; and its wallet",
    )
    .argument("[account]", "address")
    .option("--block <tag|number>", BLOCK_HELP)
    .action(
      act(async (ctx, account: string | undefined, opts: { block?: string }) => {
        const who = account === undefined ? undefined : parseAddress(account, "the account");
        const named = opts.block === undefined ? undefined : await parseBlockOption(opts.block);
        const live = await connectTreasury(ctx);
        const { client } = await clientForReads(live, named);
        const b = await treasuryBalance(client, { account: who ?? (await live.signerAddress()) });
        const t = b.token;
        if (ctx.out.json)
          return ctx.out.result(inTokenUnits({ ...b, token: undefined, symbol: t.symbol }, t.decimals), "");
        ctx.out.record({
          account: b.account,
          "withdrawable from the Treasury": formatAmount(b.withdrawable, t),
          "performance bond held": formatAmount(b.bond, t),
          wallet: formatAmount(b.wallet, t),
          "allowance to the Treasury": formatAmount(b.allowanceToTreasury, t),
        });
      }),
    );

  treasury
    .command("withdraw")
    .description("pull your whole withdrawable balance from the Treasury")
    .action(
      act(async (ctx) => {
        const client = await connectTreasury(ctx);
        const r = await withdraw(client);
        const b = await treasuryBalance(client, { account: r.account });
        ctx.out.result(
          inTokenUnits({ account: r.account, amount: r.amount, ...txFacts(r) }, b.token.decimals),
          `${r.account} withdrew ${formatAmount(r.amount, b.token)}; ${txLine(r)}`,
        );
      }),
    );
}
