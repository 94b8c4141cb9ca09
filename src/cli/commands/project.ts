import fs from "node:fs";
import type { Command } from "commander";
import type { CovenantClient } from "../../sdk/client";
import { inputError } from "../../sdk/errors";
import { readProposalFile } from "../../node/files";
import {
  formatAmount,
  inTokenUnits,
  parseAddress,
  parseAmount,
  parseId,
  type TokenInfo,
} from "../../sdk/money";
import { parseDate } from "../../sdk/projectProposal";
import {
  acceptMilestone,
  activateProject,
  approveSmallProject,
  approveSpend,
  chainNow,
  claimRefund,
  completeProject,
  contribute,
  executeSpend,
  installmentsOf,
  listProjects,
  projectView,
  proposeProject,
  recordDefault,
  reportMilestone,
  requestSpend,
  reviewProject,
  spendView,
  vetoSpend,
  type BudgetLineView,
} from "../../sdk/actions/projects";
import { tokenInfo, type Approval } from "../../sdk/actions/token";
import { sha256File, type Context } from "../context";
import { txFacts, txLine } from "../output";
import { act } from "../program";
import { NOUN_DESCRIPTIONS } from "../nouns";

/** Connects and checks that the project contracts (and the token) are deployed. */
export async function connectProjects(ctx: Context): Promise<CovenantClient> {
  const client = await ctx.client();
  await client.requireDeployed(
    "ProjectRegistry",
    "ProjectFunding",
    "ProjectSpending",
    "Treasury",
    "SettlementToken",
  );
  return client;
}

function approvalNote(ctx: Context, a: Approval, token: TokenInfo): void {
  if (a.tx)
    ctx.out.note(`approved exactly ${formatAmount(a.amount, token)} to the Treasury: tx ${a.tx.hash}`);
}

/** A project's budget lines as one table (`project show`, `treasury report --project`). */
export function printBudgetLines(ctx: Context, lines: BudgetLineView[], f: (x: bigint) => string): void {
  ctx.out.rows(
    ["line", "category", "budgeted", "spent", "remaining", "grant may pay"],
    lines.map((l) => [
      l.line,
      l.category,
      f(l.budgeted),
      f(l.spent),
      f(l.remaining),
      l.grantAllowed ? "yes" : "",
    ]),
  );
}

function parseIndex(text: string, what: string): number {
  if (!/^\d+$/.test(String(text).trim()))
    throw inputError(`${what} must be a whole number from 0, got "${text}"`);
  return Number(text);
}

/** Prints an action's result: JSON (amounts in token units) or one human line. */
function done(ctx: Context, json: Record<string, unknown>, human: string, decimals = 0): void {
  ctx.out.result(inTokenUnits(json, decimals), human);
}

export function registerProject(program: Command): void {
  const project = program.command("project").description(NOUN_DESCRIPTIONS.project);

  project
    .command("propose")
    .description(
      "propose a project from a proposal file (JSON; see docs/cli.md); prints its id and terms hash",
    )
    .requiredOption(
      "--file <proposal.json>",
      "the proposal: title, document, lead, participants, budget, schedule, grant",
    )
    .option(
      "--terms-out <file>",
      "write the canonical project terms JSON (what the project agreement must carry)",
    )
    .action(
      act(async (ctx, opts: { file: string; termsOut?: string }) => {
        // local check first (the token's decimals and the chain's clock are applied after connecting)
        readProposalFile(opts.file, { decimals: 36, now: 0 });
        const client = await connectProjects(ctx);
        const token = await tokenInfo(client);
        const proposal = readProposalFile(opts.file, {
          decimals: token.decimals,
          now: await chainNow(client),
        });
        const r = await proposeProject(client, { proposal });
        if (opts.termsOut) fs.writeFileSync(opts.termsOut, r.termsJson);
        done(
          ctx,
          {
            projectId: r.projectId,
            termsHash: r.termsHash,
            termsFile: opts.termsOut ?? null,
            ...txFacts(r),
          },
          `project ${r.projectId} proposed: "${proposal.title}"; terms hash ${r.termsHash}` +
            `${opts.termsOut ? ` (terms written to ${opts.termsOut})` : ""}; ${txLine(r)}`,
        );
      }),
    );

  project
    .command("review")
    .description("EXPERT: file your review of a proposed project")
    .argument("<id>", "project id")
    .requiredOption("--score <0-100>", "score from 0 to 100")
    .requiredOption("--opinion <file>", "the opinion document (stored as its SHA-256)")
    .action(
      act(async (ctx, idText: string, opts: { score: string; opinion: string }) => {
        const id = parseId(idText, "project id");
        if (!/^\d+$/.test(opts.score) || Number(opts.score) > 100) {
          throw inputError(`--score must be a whole number 0-100, got "${opts.score}"`);
        }
        const opinionHash = sha256File(opts.opinion, "opinion file");
        const client = await connectProjects(ctx);
        const r = await reviewProject(client, { projectId: id, score: Number(opts.score), opinionHash });
        done(
          ctx,
          { projectId: id, score: Number(opts.score), opinionHash, ...txFacts(r) },
          `review of project ${id} filed (score ${opts.score}, opinion ${opinionHash}); ${txLine(r)}`,
        );
      }),
    );

  project
    .command("show")
    .description(
      "a project: participants and shares, budget lines with spent, milestones, installments and arrears",
    )
    .argument("<id>", "project id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "project id");
        const client = await connectProjects(ctx);
        const v = await projectView(client, { projectId: id });
        const t = v.token;
        if (ctx.out.json)
          return ctx.out.result(inTokenUnits({ ...v, token: undefined, symbol: t.symbol }, t.decimals), "");
        const f = (x: bigint) => formatAmount(x, t);
        ctx.out.record(
          {
            status: v.status,
            lead: v.lead,
            budget: f(v.budget),
            grant: v.grantAmount ? `${f(v.grantAmount)} from ${v.grantFunder}` : "none",
            "project agreement": v.agreementId === 0n ? "(not active yet)" : String(v.agreementId),
            "document (sha-256)": v.documentHash,
            "terms (sha-256)": v.termsHash,
            "contribution clause": v.contributionClause,
            reviews: v.reviews,
            proposed: v.proposedAt ?? "",
            activated: v.activatedAt ?? "",
            closed: v.closedAt ?? "",
            "late penalty / grace": `${v.latePenaltyBps} bps / ${v.gracePeriodDays} days`,
            "project account": `${f(v.projectBalance)} (contributed ${f(v.contributed)}, spent ${f(v.projectSpent)})`,
            "grant account": `${f(v.grantBalance)} (received ${f(v.grantReceived)}, spent ${f(v.grantSpent)})`,
          },
          `project ${v.id}: ${v.title}`,
        );
        ctx.out.rows(
          ["participant", "lead", "cost share", "IP share", "cost due", "contributed", "arrears", "standing"],
          v.participants.map((p) => [
            p.account,
            p.lead ? "yes" : "",
            `${p.costShareBps / 100}%`,
            `${p.ipShareBps / 100}%`,
            f(p.costDue),
            f(p.contributed),
            f(p.arrears),
            // B13: what its spend approvals weigh, and whether they count
            p.unpaidDefault ? "unpaid default: approvals do not count" : `approves with ${f(p.paid)} paid`,
          ]),
        );
        printBudgetLines(ctx, v.budgetLines, f);
        ctx.out.rows(
          ["milestone", "due", "status", "deliverable (sha-256)", "accepted by"],
          v.milestones.map((m) => [
            m.index,
            m.dueDate ?? "",
            m.status,
            m.deliverableHash ?? "",
            m.acceptedBy ?? "",
          ]),
        );
        ctx.out.rows(
          ["installment", "participant", "due", "amount", "paid", "open", "state"],
          v.participants.flatMap((p) =>
            p.installments.map((i) => [
              i.index,
              p.account,
              i.dueDate ?? "",
              f(i.amount),
              f(i.paid),
              f(i.open),
              i.open === 0n ? "paid" : i.defaultRecorded ? "DEFAULT" : i.overdue ? "ARREARS" : "not due",
            ]),
          ),
        );
      }),
    );

  project
    .command("list")
    .description("every project: id, title, status, lead, budget, grant")
    .action(
      act(async (ctx) => {
        const client = await connectProjects(ctx);
        const [list, t] = await Promise.all([listProjects(client), tokenInfo(client)]);
        ctx.out.rows(
          ["id", "title", "status", "lead", "budget", "grant", "participants"],
          list.map((p) => [
            p.id,
            p.title,
            p.status,
            p.lead,
            formatAmount(p.budget, t),
            formatAmount(p.grantAmount, t),
            p.participants,
          ]),
          list.map((p) => inTokenUnits(p, t.decimals)),
        );
      }),
    );

  project
    .command("approve")
    .description(
      "SECRETARIAT: approve a screened project whose budget is within the charter's secretariat limit (R1)",
    )
    .argument("<id>", "project id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "project id");
        const client = await connectProjects(ctx);
        const r = await approveSmallProject(client, { projectId: id });
        done(ctx, { projectId: id, ...txFacts(r) }, `project ${id} approved; ${txLine(r)}`);
      }),
    );

  project
    .command("activate")
    .description("activate an approved project under its Effective project agreement (anyone)")
    .argument("<id>", "project id")
    .requiredOption("--agreement <id>", "the project agreement's id in the AgreementRegistry")
    .action(
      act(async (ctx, idText: string, opts: { agreement: string }) => {
        const id = parseId(idText, "project id");
        const agreementId = parseId(opts.agreement, "--agreement");
        const client = await connectProjects(ctx);
        const r = await activateProject(client, { projectId: id, agreementId });
        done(
          ctx,
          { projectId: id, agreementId, ...txFacts(r), booksTx: r.books.hash },
          `project ${id} is active under agreement ${agreementId}; ${txLine(r)}`,
        );
      }),
    );

  project
    .command("contribute")
    .description(
      "pay your installment (the earliest open one unless --installment): approves exactly what is due",
    )
    .argument("<id>", "project id")
    .option("--installment <n>", "installment index, from 0")
    .action(
      act(async (ctx, idText: string, opts: { installment?: string }) => {
        const id = parseId(idText, "project id");
        const n = opts.installment === undefined ? undefined : parseIndex(opts.installment, "--installment");
        const client = await connectProjects(ctx);
        const t = await tokenInfo(client);
        if (n !== undefined) {
          // a re-run after a lost node: an installment already paid in full is done (exit 0, nothing sent)
          const me = await client.signerAddress();
          const paid = await alreadyPaid(client, id, me, n);
          if (paid !== undefined)
            return done(
              ctx,
              { projectId: id, installment: n, amount: paid, alreadyDone: true, tx: null },
              `installment ${n} of project ${id} is already paid by ${me} (${formatAmount(paid, t)}); nothing was sent`,
              t.decimals,
            );
        }
        const r = await contribute(client, { projectId: id, installment: n });
        approvalNote(ctx, r.approval, t);
        done(
          ctx,
          {
            projectId: id,
            installment: r.installment,
            amount: r.amount,
            approvalTx: r.approval.tx?.hash ?? null,
            ...txFacts(r),
          },
          `paid ${formatAmount(r.amount, t)} on installment ${r.installment} of project ${id}; ${txLine(r)}`,
          t.decimals,
        );
      }),
    );

  project
    .command("record-default")
    .description("record a participant's contribution default once the grace period has passed (anyone)")
    .argument("<id>", "project id")
    .requiredOption("--participant <address>", "the participant in default")
    .requiredOption("--installment <n>", "installment index, from 0")
    .action(
      act(async (ctx, idText: string, opts: { participant: string; installment: string }) => {
        const id = parseId(idText, "project id");
        const participant = parseAddress(opts.participant, "--participant");
        const n = parseIndex(opts.installment, "--installment");
        const client = await connectProjects(ctx);
        const r = await recordDefault(client, { projectId: id, participant, installment: n });
        done(
          ctx,
          { projectId: id, participant, installment: n, ...txFacts(r), historyEntryId: r.historyEntryId },
          `default of ${participant} on installment ${n} of project ${id} recorded (history entry ${r.historyEntryId ?? "?"}); ${txLine(r)}`,
        );
      }),
    );

  const spend = project
    .command("spend")
    .description("project spends: request, approve, veto, execute (F4, Macro 2)");

  spend
    .command("request")
    .description("the lead or the secretariat requests a spend from a budget line")
    .argument("<id>", "project id")
    .requiredOption("--line <n>", "budget line index, from 0")
    .requiredOption("--amount <amount>", "amount in token units, e.g. 1250.50")
    .requiredOption("--payee <address>", "who is paid")
    .requiredOption("--invoice <file>", "the invoice (stored as its SHA-256)")
    .option("--grant", "pay from the grant account (the supervisor may veto within the veto window)")
    .option("--expires <date>", "last day it may be executed: 2026-06-30, unix seconds or +30d", "+30d")
    .action(
      act(
        async (
          ctx,
          idText: string,
          opts: {
            line: string;
            amount: string;
            payee: string;
            invoice: string;
            grant?: boolean;
            expires: string;
          },
        ) => {
          const id = parseId(idText, "project id");
          const line = parseIndex(opts.line, "--line");
          const payee = parseAddress(opts.payee, "--payee");
          const invoiceHash = sha256File(opts.invoice, "invoice file");
          const client = await connectProjects(ctx);
          const t = await tokenInfo(client);
          const amount = parseAmount(opts.amount, t.decimals, "--amount");
          const expiresAt = parseDate(opts.expires, "--expires", await chainNow(client));
          const r = await requestSpend(client, {
            projectId: id,
            line,
            amount,
            payee,
            invoiceHash,
            fromGrant: opts.grant === true,
            expiresAt,
          });
          done(
            ctx,
            {
              spendId: r.spendId,
              projectId: id,
              line,
              amount,
              payee,
              fromGrant: opts.grant === true,
              invoiceHash,
              vetoEndsAt: r.vetoEndsAt,
              ...txFacts(r),
            },
            `spend ${r.spendId} requested: ${formatAmount(amount, t)} to ${payee} from line ${line}` +
              `${opts.grant ? ` (grant money; veto window until ${r.vetoEndsAt})` : ""}; ${txLine(r)}`,
            t.decimals,
          );
        },
      ),
    );

  spend
    .command("approve")
    .description("a participant in good standing approves a spend with what it paid into the project (B13)")
    .argument("<spendId>", "spend id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "spend id");
        const client = await connectProjects(ctx);
        const t = await tokenInfo(client);
        const r = await approveSpend(client, { spendId: id });
        done(
          ctx,
          { spendId: id, approved: r.approved, needed: r.needed, ...txFacts(r) },
          `spend ${id} approved: the approvals hold ${formatAmount(r.approved, t)} of the ${formatAmount(r.needed, t)} paid in needed; ${txLine(r)}`,
          t.decimals,
        );
      }),
    );

  spend
    .command("veto")
    .description("SUPERVISOR: veto a grant spend inside its veto window")
    .argument("<spendId>", "spend id")
    .requiredOption("--reason <file>", "the reasons (stored as their SHA-256)")
    .action(
      act(async (ctx, idText: string, opts: { reason: string }) => {
        const id = parseId(idText, "spend id");
        const reasonHash = sha256File(opts.reason, "reason file");
        const client = await connectProjects(ctx);
        const r = await vetoSpend(client, { spendId: id, reasonHash });
        done(ctx, { spendId: id, reasonHash, ...txFacts(r) }, `spend ${id} vetoed; ${txLine(r)}`);
      }),
    );

  spend
    .command("execute")
    .description("execute a fully approved spend (anyone; grant spends after the veto window)")
    .argument("<spendId>", "spend id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "spend id");
        const client = await connectProjects(ctx);
        const t = await tokenInfo(client);
        const r = await executeSpend(client, { spendId: id });
        done(
          ctx,
          { spendId: id, payee: r.payee, amount: r.amount, ...txFacts(r) },
          `spend ${id} executed: ${formatAmount(r.amount, t)} paid to ${r.payee}; ${txLine(r)}`,
          t.decimals,
        );
      }),
    );

  spend
    .command("show")
    .description(
      "a spend: line, amount, payee, status, veto window, and its approvals as execution would count them now (B13)",
    )
    .argument("<spendId>", "spend id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "spend id");
        const client = await connectProjects(ctx);
        const v = await spendView(client, { spendId: id });
        const t = v.token;
        if (ctx.out.json)
          return ctx.out.result(inTokenUnits({ ...v, token: undefined, symbol: t.symbol }, t.decimals), "");
        const f = (x: bigint) => formatAmount(x, t);
        ctx.out.record(
          {
            project: String(v.projectId),
            status: v.status,
            line: `${v.line} ${v.category}`,
            amount: f(v.amount),
            payee: v.payee,
            requester: v.requester,
            money: v.fromGrant ? "grant account" : "project account",
            "invoice (sha-256)": v.invoiceHash,
            requested: v.requestedAt ?? "",
            expires: v.expiresAt ?? "",
            "veto window ends": v.fromGrant ? (v.vetoEndsAt ?? "") : "-",
            approvals: `${f(v.approved)} paid in of the ${f(v.needed)} needed (${v.requiredBps / 100}% of what the participants other than the payee paid)`,
            "approved by": v.approvers.join("\n") || "(nobody yet)",
          },
          `spend ${v.id}`,
        );
      }),
    );

  const milestone = project
    .command("milestone")
    .description("milestones: report (lead), accept (participant or expert)");

  milestone
    .command("report")
    .description("the lead reports a milestone's deliverable")
    .argument("<id>", "project id")
    .requiredOption("--index <n>", "milestone index, from 0")
    .requiredOption("--deliverable <file>", "the deliverable (stored as its SHA-256)")
    .action(
      act(async (ctx, idText: string, opts: { index: string; deliverable: string }) => {
        const id = parseId(idText, "project id");
        const index = parseIndex(opts.index, "--index");
        const hash = sha256File(opts.deliverable, "deliverable file");
        const client = await connectProjects(ctx);
        const r = await reportMilestone(client, { projectId: id, index, deliverableHash: hash });
        done(
          ctx,
          { projectId: id, index, deliverableHash: hash, ...txFacts(r) },
          `milestone ${index} of project ${id} reported (${hash}); ${txLine(r)}`,
        );
      }),
    );

  milestone
    .command("accept")
    .description("a participant other than the lead, or an expert, accepts a reported milestone")
    .argument("<id>", "project id")
    .requiredOption("--index <n>", "milestone index, from 0")
    .action(
      act(async (ctx, idText: string, opts: { index: string }) => {
        const id = parseId(idText, "project id");
        const index = parseIndex(opts.index, "--index");
        const client = await connectProjects(ctx);
        const r = await acceptMilestone(client, { projectId: id, index });
        done(
          ctx,
          { projectId: id, index, ...txFacts(r) },
          `milestone ${index} of project ${id} accepted; ${txLine(r)}`,
        );
      }),
    );

  project
    .command("complete")
    .description("the lead completes the project once every milestone is accepted")
    .argument("<id>", "project id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "project id");
        const client = await connectProjects(ctx);
        const r = await completeProject(client, { projectId: id });
        done(ctx, { projectId: id, ...txFacts(r) }, `project ${id} completed; ${txLine(r)}`);
      }),
    );

  project
    .command("refund")
    .description(
      "after close, claim your share of the project account (to your withdrawable Treasury balance)",
    )
    .argument("<id>", "project id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "project id");
        const client = await connectProjects(ctx);
        const t = await tokenInfo(client);
        const r = await claimRefund(client, { projectId: id });
        done(
          ctx,
          { projectId: id, amount: r.amount, ...txFacts(r) },
          `refund of ${formatAmount(r.amount, t)} from project ${id} credited; pull it with \`covenant treasury withdraw\`; ${txLine(r)}`,
          t.decimals,
        );
      }),
    );
}

/** What `participant` paid on installment `n` of project `id` when it is paid in full; else undefined. */
async function alreadyPaid(
  client: CovenantClient,
  id: bigint,
  participant: string,
  n: number,
): Promise<bigint | undefined> {
  const reg = client.projects();
  if ((await reg.projectCount()) < id || !(await reg.isParticipant(id, participant))) return undefined;
  const all = await installmentsOf(client, { projectId: id, participant });
  const i = all[n];
  return i && i.open === 0n && i.paid > 0n && i.paid >= i.amount ? i.paid : undefined;
}
