import type { Command } from "commander";
import type { CovenantClient } from "../../sdk/client";
import { inputError } from "../../sdk/errors";
import {
  acceptOffer,
  approveProposal,
  checkTerms,
  claimIncome,
  incomeStatement,
  LICENSE_KINDS,
  licenseView,
  listLicenses,
  parseLicenseKind,
  parsePriceClass,
  payRoyalty,
  PRICE_CLASSES,
  proposeOffer,
  setIncomeSplit,
} from "../../sdk/actions/licensing";
import {
  formatAmount,
  inTokenUnits,
  parseAddress,
  parseAmount,
  parseBps,
  parseId,
  parseShares,
} from "../../sdk/money";
import { chainNow } from "../../sdk/actions/projects";
import { tokenInfo } from "../../sdk/actions/token";
import { parseDate } from "../../sdk/projectProposal";
import type { Context } from "../context";
import { txFacts, txLine } from "../output";
import { act } from "../program";
import { NOUN_DESCRIPTIONS } from "../nouns";

async function connectLicensing(ctx: Context): Promise<CovenantClient> {
  const client = await ctx.client();
  await client.requireDeployed(
    "IPRegistry",
    "LicenseManager",
    "LicenseProposals",
    "Treasury",
    "SettlementToken",
  );
  return client;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

function parseUint(text: string, what: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) > 2 ** 32 - 1)
    throw inputError(`${what} must be a whole number, got "${text}"`);
  return Number(text);
}

/** A period: "90d", "12h" or seconds. */
function parsePeriod(text: string): number {
  const m = /^(\d+)([dhs]?)$/.exec(text.trim());
  if (!m) throw inputError(`--period must be like 90d, 12h or a number of seconds, got "${text}"`);
  return Number(m[1]) * ({ d: 86_400, h: 3_600, s: 1, "": 1 } as Record<string, number>)[m[2]];
}

export function registerLicense(program: Command): void {
  const license = program.command("license").description(NOUN_DESCRIPTIONS.license);

  license
    .command("offer")
    .description(
      "a co-owner proposes a public offer of an asset (published once co-owners holding the approval share agree)",
    )
    .argument("<assetId>", "asset id")
    .requiredOption("--end <date>", "the offer and its licences end: 2028-12-31, unix seconds or +720d")
    .option("--kind <kind>", LICENSE_KINDS.join(" | "), "NonExclusive")
    .option(
      "--class <class>",
      `who may accept: ${PRICE_CLASSES.join(" (members in good standing) | ")} (anyone)`,
      "Outsider",
    )
    .option("--royalty-bps <bps>", "running royalty rate in basis points of reported revenue", "0")
    .option("--min-royalty <amount>", "minimum royalty per period, token units", "0")
    .option("--fee <amount>", "upfront fee, token units", "0")
    .option("--period <length>", "royalty period: 90d, 12h or seconds (needed with a royalty)", "0")
    .option("--field <id>", "field-of-use id", "0")
    .option("--territory <id>", "territory id", "0")
    .option("--start <date>", "start (default: now)")
    .option("--sublicensable", "licensees may sublicense")
    .action(
      act(
        async (
          ctx,
          assetText: string,
          o: {
            end: string;
            kind: string;
            class: string;
            royaltyBps: string;
            minRoyalty: string;
            fee: string;
            period: string;
            field: string;
            territory: string;
            start?: string;
            sublicensable?: boolean;
          },
        ) => {
          const assetId = parseId(assetText, "asset id");
          const kind = parseLicenseKind(o.kind);
          const priceClass = parsePriceClass(o.class);
          const royaltyBps = parseBps(o.royaltyBps, "--royalty-bps", false);
          const periodLength = parsePeriod(o.period);
          const fieldId = parseUint(o.field, "--field");
          const territoryId = parseUint(o.territory, "--territory");
          const client = await connectLicensing(ctx);
          const t = await tokenInfo(client);
          const now = await chainNow(client);
          const terms = {
            kind,
            priceClass,
            sublicensable: o.sublicensable === true,
            royaltyBps,
            fieldId,
            territoryId,
            periodLength,
            start: o.start === undefined ? now : parseDate(o.start, "--start", now),
            end: parseDate(o.end, "--end", now),
            upfrontFee: parseAmount(o.fee, t.decimals, "--fee", true),
            minRoyalty: parseAmount(o.minRoyalty, t.decimals, "--min-royalty", true),
          };
          checkTerms(terms, now);
          const r = await proposeOffer(client, { assetId, terms });
          ctx.out.result(
            inTokenUnits({ offerId: r.proposalId, assetId, status: r.status, ...txFacts(r) }, t.decimals),
            `offer ${r.proposalId} on IP asset ${assetId} is ${r.status}` +
              `${r.status === "Pending" ? " (other co-owners approve it with `covenant license approve`)" : ""}; ${txLine(r)}`,
          );
        },
      ),
    );

  license
    .command("approve")
    .description("a co-owner approves a pending offer or licence proposal with its share")
    .argument("<offerId>", "offer / proposal id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "offer id");
        const client = await connectLicensing(ctx);
        const r = await approveProposal(client, { proposalId: id });
        ctx.out.result(
          inTokenUnits({ offerId: id, status: r.status, ...txFacts(r) }, 0),
          `offer ${id} approved: now ${r.status}; ${txLine(r)}`,
        );
      }),
    );

  license
    .command("accept")
    .description("take a published offer: approves exactly its upfront fee to the Treasury, then accepts")
    .argument("<offerId>", "offer id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "offer id");
        const client = await connectLicensing(ctx);
        const t = await tokenInfo(client);
        const r = await acceptOffer(client, { proposalId: id });
        if (r.approval.tx)
          ctx.out.note(
            `approved exactly ${formatAmount(r.fee, t)} to the Treasury: tx ${r.approval.tx.hash}`,
          );
        ctx.out.result(
          inTokenUnits(
            {
              licenseId: r.licenseId,
              offerId: id,
              fee: r.fee,
              approvalTx: r.approval.tx?.hash ?? null,
              ...txFacts(r),
            },
            t.decimals,
          ),
          `licence ${r.licenseId} granted on offer ${id} (upfront fee ${formatAmount(r.fee, t)}); ${txLine(r)}`,
        );
      }),
    );

  license
    .command("show")
    .description("a licence: licensee, terms, status, next royalty period")
    .argument("<id>", "licence id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "licence id");
        const client = await connectLicensing(ctx);
        const [v, t] = await Promise.all([licenseView(client, { licenseId: id }), tokenInfo(client)]);
        if (ctx.out.json) return ctx.out.result(inTokenUnits(v, t.decimals), "");
        const f = (x: bigint) => formatAmount(x, t);
        ctx.out.record(
          {
            asset: String(v.assetId),
            licensee: v.licensee,
            status: v.status + (v.suspendedAt ? ` since ${v.suspendedAt}` : ""),
            kind: `${v.kind}${v.sublicensable ? ", sublicensable" : ""}`,
            "price class": v.priceClass,
            royalty: `${v.royaltyBps / 100}% of revenue, at least ${f(v.minRoyalty)} per ${v.periodLengthDays}-day period`,
            "alliance levy": `${v.levyBps / 100}%`,
            "upfront fee": f(v.upfrontFee),
            "field / territory": `${v.fieldId} / ${v.territoryId}`,
            term: `${v.start} to ${v.end}`,
            granted: v.grantedAt ?? "",
            "offer / agreement": `${v.proposalId} / ${v.agreementId === 0n ? "-" : v.agreementId}`,
            "next period": `${v.nextPeriod.index}: ${v.nextPeriod.start} to ${v.nextPeriod.end}${v.nextPeriod.payableNow ? " (payable now)" : ""}`,
          },
          `licence ${v.id}`,
        );
      }),
    );

  license
    .command("list")
    .description("licences, of an asset and/or a licensee (default: all)")
    .option("--asset <id>", "asset id")
    .option("--licensee <address>", "licensee address")
    .action(
      act(async (ctx, o: { asset?: string; licensee?: string }) => {
        const assetId = o.asset === undefined ? undefined : parseId(o.asset, "--asset");
        const licensee = o.licensee === undefined ? undefined : parseAddress(o.licensee, "--licensee");
        const client = await connectLicensing(ctx);
        const [list, t] = await Promise.all([listLicenses(client, { assetId, licensee }), tokenInfo(client)]);
        ctx.out.rows(
          ["id", "asset", "licensee", "kind", "class", "status", "royalty", "end"],
          list.map((l) => [
            l.id,
            l.assetId,
            l.licensee,
            l.kind,
            l.priceClass,
            l.status,
            `${l.royaltyBps / 100}%`,
            l.end ?? "",
          ]),
          list.map((l) => inTokenUnits(l, t.decimals)),
        );
      }),
    );

  license
    .command("pay")
    .description(
      "the licensee pays the next period's royalty: max(rate x revenue, minimum); approves exactly that",
    )
    .argument("<id>", "licence id")
    .requiredOption("--revenue <amount>", "revenue of the period, token units (0 allowed)")
    .action(
      act(async (ctx, idText: string, o: { revenue: string }) => {
        const id = parseId(idText, "licence id");
        const client = await connectLicensing(ctx);
        const t = await tokenInfo(client);
        const revenue = parseAmount(o.revenue, t.decimals, "--revenue", true);
        const r = await payRoyalty(client, { licenseId: id, revenue });
        if (r.approval.tx)
          ctx.out.note(
            `approved exactly ${formatAmount(r.due, t)} to the Treasury: tx ${r.approval.tx.hash}`,
          );
        ctx.out.result(
          inTokenUnits(
            {
              licenseId: id,
              period: r.period,
              revenue,
              due: r.due,
              approvalTx: r.approval.tx?.hash ?? null,
              ...txFacts(r),
            },
            t.decimals,
          ),
          `royalty of period ${r.period} of licence ${id} paid: ${formatAmount(r.due, t)} on revenue ${formatAmount(revenue, t)}; ${txLine(r)}`,
        );
      }),
    );

  license
    .command("claim")
    .description("a co-owner or beneficiary pulls its royalty income from an asset")
    .argument("<assetId>", "asset id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "asset id");
        const client = await connectLicensing(ctx);
        const t = await tokenInfo(client);
        const r = await claimIncome(client, { assetId: id });
        ctx.out.result(
          inTokenUnits(
            { assetId: r.assetId, account: r.account, amount: r.amount, ...txFacts(r) },
            t.decimals,
          ),
          `${r.account} claimed ${formatAmount(r.amount, t)} of income from IP asset ${id}; ${txLine(r)}`,
        );
      }),
    );

  license
    .command("income")
    .description(
      "income statement of an account on an asset (default: the signer): accrued, directed, claimed, claimable",
    )
    .argument("<assetId>", "asset id")
    .argument("[account]", "address")
    .action(
      act(async (ctx, idText: string, account?: string) => {
        const id = parseId(idText, "asset id");
        const who = account === undefined ? undefined : parseAddress(account, "the account");
        const client = await connectLicensing(ctx);
        const [s, t] = await Promise.all([
          incomeStatement(client, { assetId: id, account: who }),
          tokenInfo(client),
        ]);
        if (ctx.out.json) return ctx.out.result(inTokenUnits(s, t.decimals), "");
        const f = (x: bigint) => formatAmount(x, t);
        ctx.out.record(
          {
            account: s.account,
            share: `${s.shareBps / 100}%`,
            accrued: f(s.accrued),
            "directed to beneficiaries": f(s.directed),
            claimed: f(s.claimed),
            claimable: f(s.claimable),
            "asset income to date": f(s.accumulated),
            "royalty pool": f(s.royaltyPool),
          },
          `income on IP asset ${id}`,
        );
        if (s.split.length)
          ctx.out.rows(
            ["beneficiary", "share of income"],
            s.split.map((b) => [b.beneficiary, `${b.bps / 100}%`]),
          );
      }),
    );

  license
    .command("split")
    .description(
      "a co-owner directs parts of its income to beneficiaries (e.g. 4:4:2 of 40%: 1600, 1600, 800 bps)",
    )
    .argument("<assetId>", "asset id")
    .requiredOption(
      "--beneficiary <address:bps>",
      "a beneficiary and its bps of your income; repeat (at most 8)",
      collect,
    )
    .action(
      act(async (ctx, idText: string, o: { beneficiary: string[] }) => {
        const id = parseId(idText, "asset id");
        const split = parseShares(o.beneficiary, "--beneficiary");
        const client = await connectLicensing(ctx);
        const r = await setIncomeSplit(client, { assetId: id, split });
        ctx.out.result(
          inTokenUnits(
            {
              assetId: r.assetId,
              owner: r.owner,
              ...txFacts(r),
              beneficiaries: split.accounts.map((a, i) => ({ beneficiary: a, bps: split.bps[i] })),
            },
            0,
          ),
          `income split of ${r.owner} on IP asset ${id} set: ${split.accounts.map((a, i) => `${a} ${split.bps[i]} bps`).join(", ")}; ${txLine(r)}`,
        );
      }),
    );
}
