import path from "node:path";
import type { Command } from "commander";
import { encodeBytes32String, formatUnits, getAddress, isAddress, parseUnits, ZeroHash } from "ethers";
import { isoTime, parseId, parseRemedyList } from "../../sdk/agreementInput";
import { agreementView } from "../../sdk/actions/agreements";
import {
  claimFacts,
  claimView,
  listClaims,
  parseChoice,
  requireClaim,
  type ClaimView,
} from "../../sdk/claims";
import {
  appointPanel,
  approvalAmount,
  claimPayout,
  closeUnresolved,
  executeClaim,
  fileClaim,
  liftSuspension,
  panelVote,
  recordClaimDocument,
  referClaim,
} from "../../sdk/actions/claims";
import type { CovenantClient, TxResult } from "../../sdk/client";
import { inputError } from "../../sdk/errors";
import { sha256Hex } from "../../sdk/hash";
import { findMember, memberView } from "../../sdk/members";
import { bitsToRemedies, REMEDIES } from "../../sdk/terms";
import { readUserFile, type Context } from "../context";
import { act } from "../program";
import { NOUN_DESCRIPTIONS } from "../nouns";

function txLine(r: { hash: string; blockNumber: number }): string {
  return `tx ${r.hash} (block ${r.blockNumber})`;
}

async function connect(ctx: Context): Promise<CovenantClient> {
  const client = await ctx.client();
  await client.requireDeployed("DisputeResolution", "AgreementRegistry");
  return client;
}

/** A local file's SHA-256 and the URI recorded with it (default: the file's name). */
function hashed(file: string, what: string, uri: string | undefined): { hash: string; uri: string } {
  const hash = sha256Hex(readUserFile(file, what));
  const u = uri ?? path.basename(file);
  if (!u.trim()) throw inputError(`the URI of the ${what} is empty`);
  return { hash, uri: u };
}

/** Connects and checks that claim `id` exists (an input error if not). */
async function openClaim(
  ctx: Context,
  id: bigint,
): Promise<{ id: bigint; client: CovenantClient; dr: ReturnType<CovenantClient["disputes"]> }> {
  const client = await connect(ctx);
  const dr = client.disputes();
  await requireClaim(dr, id);
  return { id, client, dr };
}

async function tokenFormat(client: CovenantClient): Promise<{ decimals: number; symbol: string }> {
  const t = client.token();
  const [decimals, symbol] = await Promise.all([t.decimals(), t.symbol()]);
  return { decimals: Number(decimals), symbol };
}

async function account(client: CovenantClient): Promise<string> {
  return getAddress(await (await client.signer()).getAddress());
}

export function registerClaim(program: Command): void {
  const claim = program.command("claim").description(NOUN_DESCRIPTIONS.claim);

  claim
    .command("file")
    .description(
      "file a breach claim citing one clause of an agreement's penalty schedule; approves exactly the claim bond to Treasury",
    )
    .requiredOption("--respondent <member>", "the party in breach (address, entity id or member name)")
    .requiredOption("--agreement <id>", "the agreement breached")
    .requiredOption("--clause <id>", 'the clause of its penalty schedule, e.g. "4.2"')
    .requiredOption("--statement <file>", "the statement of claim (recorded as its SHA-256)")
    .requiredOption("--evidence <file>", "the first piece of evidence (recorded as its SHA-256)")
    .requiredOption(
      "--remedy <list>",
      `remedies asked, comma-separated: ${Object.keys(REMEDIES)
        .map((k) => k.toLowerCase().replace(/_/g, "-"))
        .join(", ")}`,
    )
    .option(
      "--damages <amount>",
      "liquidated damages asked, in tokens (e.g. 1500 or 1500.25); needed with damages",
    )
    .option("--license <id>", "the respondent's licence, for licence-suspension / licence-revocation")
    .option("--statement-uri <uri>", "where the statement can be fetched (default: its file name)")
    .option("--evidence-uri <uri>", "where the evidence can be fetched (default: its file name)")
    .action(
      act(
        async (
          ctx,
          opts: {
            respondent: string;
            agreement: string;
            clause: string;
            statement: string;
            evidence: string;
            remedy: string;
            damages?: string;
            license?: string;
            statementUri?: string;
            evidenceUri?: string;
          },
        ) => {
          // local input first
          const agreementId = parseId(opts.agreement, "--agreement");
          if (!opts.clause.trim() || Buffer.byteLength(opts.clause) > 31)
            throw inputError("--clause must be a clause id of 1 to 31 bytes");
          const clauseId = encodeBytes32String(opts.clause.trim());
          const remedies = parseRemedyList(opts.remedy);
          const wantsDamages = (remedies & BigInt(REMEDIES.DAMAGES)) !== 0n;
          if (wantsDamages && opts.damages === undefined)
            throw inputError("the damages remedy needs --damages <amount>");
          if (!wantsDamages && opts.damages !== undefined)
            throw inputError("--damages is only for the damages remedy");
          const licenceBits = BigInt(REMEDIES.LICENSE_SUSPENSION | REMEDIES.LICENSE_REVOCATION);
          if ((remedies & licenceBits) === licenceBits)
            throw inputError("ask for licence suspension or revocation, not both");
          if ((remedies & licenceBits) !== 0n && opts.license === undefined)
            throw inputError("a licence remedy needs --license <id>");
          if ((remedies & licenceBits) === 0n && opts.license !== undefined)
            throw inputError("--license is only for licence-suspension / licence-revocation");
          const licenseId = opts.license !== undefined ? parseId(opts.license, "--license") : 0n;
          const statement = hashed(opts.statement, "statement", opts.statementUri);
          const evidence = hashed(opts.evidence, "evidence file", opts.evidenceUri);

          const client = await connect(ctx);
          const registry = client.agreements();
          const tok = await tokenFormat(client);
          const fmt = (v: bigint) => `${formatUnits(v, tok.decimals)} ${tok.symbol}`;
          let damages = 0n;
          if (opts.damages !== undefined) {
            try {
              damages = parseUnits(opts.damages.trim(), tok.decimals);
            } catch {
              throw inputError(
                `--damages must be an amount of ${tok.symbol} with at most ${tok.decimals} decimals`,
              );
            }
            if (damages <= 0n) throw inputError("--damages must be above zero");
          }
          const a = await agreementView(client, { agreementId });
          const clause = a.clauses.find((c) => c.id === opts.clause.trim());
          if (!clause)
            throw inputError(
              `agreement ${agreementId} has no clause "${opts.clause}" in its penalty schedule (it has: ${
                a.clauses.map((c) => c.id).join(", ") || "none"
              })`,
            );
          const allowed = bitsToRemedies(
            BigInt(clause.remedies.reduce((b, r) => b | (REMEDIES[r as keyof typeof REMEDIES] ?? 0), 0)),
          );
          const notAllowed = bitsToRemedies(remedies).filter((r) => !clause.remedies.includes(r));
          if (notAllowed.length)
            throw inputError(
              `clause ${clause.id} of agreement ${agreementId} does not allow ${notAllowed.join(", ")} (it allows ${allowed.join(", ")})`,
            );
          if (damages > BigInt(clause.damagesCap))
            throw inputError(
              `damages ${fmt(damages)} exceed the cap of clause ${clause.id}: ${fmt(BigInt(clause.damagesCap))}`,
            );
          const respondent = isAddress(opts.respondent.trim())
            ? getAddress(opts.respondent.trim())
            : (await findMember(client, opts.respondent)).address;
          if (!(await registry.isParty(agreementId, respondent)))
            throw inputError(`${respondent} is not a party to agreement ${agreementId}`);

          const request = {
            respondent,
            agreementId,
            agreementVersion: a.version,
            clauseId,
            statementHash: statement.hash,
            statementURI: statement.uri,
            evidenceHash: evidence.hash,
            evidenceURI: evidence.uri,
            remedies,
            damages,
            licenseId,
          };
          // the claim bond: exactly it, approved to the Treasury when the allowance is short
          const me = await account(client);
          const r = await fileClaim(client, request);
          if (r.approval?.tx)
            ctx.out.note(
              `approved the claim bond ${approvalAmount(r.approval)} to Treasury: ${txLine(r.approval.tx)}`,
            );
          const bond = r.bond;
          const id = r.claimId !== null ? r.claimId.toString() : "?";
          ctx.out.result(
            {
              claimId: id,
              claimant: me,
              respondent,
              agreementId: agreementId.toString(),
              clause: clause.id,
              remedies: bitsToRemedies(remedies),
              damages,
              bond,
              statementHash: statement.hash,
              evidenceHash: evidence.hash,
              tx: r.hash,
              block: r.blockNumber,
            },
            `claim ${id} filed against ${respondent} under agreement ${agreementId} clause ${clause.id}; bond ${fmt(bond)}; ${txLine(r)}`,
          );
        },
      ),
    );

  claim
    .command("answer")
    .description("the respondent answers a claim with its response document (recorded as its SHA-256)")
    .argument("<id>", "claim id")
    .requiredOption("--evidence <file>", "the response / evidence document")
    .option("--uri <uri>", "where it can be fetched (default: its file name)")
    .action(
      act(async (ctx, idText: string, opts: { evidence: string; uri?: string }) =>
        sendClaimDocument(
          ctx,
          idText,
          "answer",
          opts.evidence,
          opts.uri,
          (id, hash) => `claim ${id} answered; response ${hash}`,
        ),
      ),
    );

  claim
    .command("evidence")
    .description("either party adds a piece of evidence (recorded as its SHA-256) until the claim is ruled")
    .argument("<id>", "claim id")
    .requiredOption("--file <file>", "the evidence document")
    .option("--uri <uri>", "where it can be fetched (default: its file name)")
    .action(
      act(async (ctx, idText: string, opts: { file: string; uri?: string }) =>
        sendClaimDocument(
          ctx,
          idText,
          "submitEvidence",
          opts.file,
          opts.uri,
          (id, hash) => `evidence ${hash} added to claim ${id}`,
        ),
      ),
    );

  claim
    .command("show")
    .description(
      "one claim: parties, status, windows, remedies, ruling, every piece of evidence (SHA-256, URI), panel",
    )
    .argument("<id>", "claim id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "the claim id");
        const client = await connect(ctx);
        const c = await claimView(client, id);
        if (ctx.out.json) return ctx.out.result(c, "");
        const tok = await tokenFormat(client);
        const fmt = (v: string) => `${formatUnits(BigInt(v), tok.decimals)} ${tok.symbol}`;
        const name = async (a: string) => {
          const n = (await memberView(client, a)).name;
          return n ? `${n} (${a})` : a;
        };
        ctx.out.record(
          {
            claim: c.id,
            status: c.status,
            claimant: (await name(c.claimant)) + (c.forAlliance ? " for the alliance" : ""),
            respondent: await name(c.respondent),
            agreement: `${c.agreementId} (v${c.agreementVersion})`,
            clause: c.clause,
            remedies: c.remedies.join(", "),
            damages: fmt(c.damages),
            licence: c.licenseId === "0" ? "" : c.licenseId,
            "statement (sha-256)": c.statementHash,
            "statement uri": c.statementURI,
            // One word, two meanings: for an Executed claim it holds what is owed, not the bond.
            [c.status === "Executed" ? "owed to claimant (unpaid)" : "claim bond"]: fmt(c.bond),
            "paid by respondent": fmt(c.paid),
            filed: isoTime(c.filedAt),
            "cure period ends": isoTime(c.cureEndsAt),
            "answer period ends": isoTime(c.answerEndsAt),
            arbitrator: c.arbitrator,
            dispute: c.disputeId,
            panel: c.panel
              ? `${c.panel.phase}, round ${c.panel.round}: ${c.panel.panel.join(", ") || "(not appointed)"}`
              : "",
            "voting ends": c.panel ? isoTime(c.panel.votingEndsAt) : "",
            "appeal window ends": c.panel ? isoTime(c.panel.appealEndsAt) : "",
            ruling: c.ruling,
          },
          `claim ${c.id}`,
        );
        ctx.out.rows(
          ["evidence (sha-256)", "uri", "by", "block", "time"],
          c.evidence.map((e) => [e.hash, e.uri, e.party, e.block, isoTime(e.timestamp)]),
        );
      }),
    );

  claim
    .command("list")
    .description("all claims, oldest first")
    .option("--member <member>", "only claims where this member is claimant or respondent")
    .action(
      act(async (ctx, opts: { member?: string }) => {
        const client = await connect(ctx);
        const member =
          opts.member !== undefined ? (await findMember(client, opts.member)).address : undefined;
        const claims = await listClaims(client, member);
        const tok = await tokenFormat(client);
        ctx.out.rows(
          [
            "id",
            "status",
            "claimant",
            "respondent",
            "agreement",
            "clause",
            "remedies",
            "damages",
            "filed",
            "ruling",
          ],
          claims.map((c: ClaimView) => [
            c.id,
            c.status,
            c.claimant,
            c.respondent,
            c.agreementId,
            c.clause,
            c.remedies.join(","),
            `${formatUnits(BigInt(c.damages), tok.decimals)} ${tok.symbol}`,
            isoTime(c.filedAt),
            c.ruling,
          ]),
          claims,
        );
      }),
    );

  claim
    .command("refer")
    .description(
      "a party sends the claim to arbitration (after the cure period if answered, else after the answer period)",
    )
    .argument("<id>", "claim id")
    .action(
      act(async (ctx, idText: string) => {
        const { id, client } = await openClaim(ctx, parseId(idText, "the claim id"));
        const r = await referClaim(client, { claimId: id });
        const c = { arbitrator: r.arbitrator };
        const cost = r.fee;
        const disputeId = r.disputeId;
        ctx.out.result(
          {
            claimId: id.toString(),
            arbitrator: c.arbitrator,
            disputeId,
            fee: cost,
            tx: r.hash,
            block: r.blockNumber,
          },
          `claim ${id} referred to arbitrator ${c.arbitrator} as dispute ${disputeId}${cost ? ` (fee ${cost} wei)` : ""}; ${txLine(r)}`,
        );
      }),
    );

  claim
    .command("appoint")
    .description(
      "the secretariat appoints the PanelArbitrator panel of a referred claim (EXPERT role holders, none a party or affiliate)",
    )
    .argument("<id>", "claim id")
    .requiredOption(
      "--expert <address>",
      "an expert; repeat for each panellist",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .action(
      act(async (ctx, idText: string, opts: { expert: string[] }) => {
        const id = parseId(idText, "the claim id");
        const experts = opts.expert.map((e) => {
          if (!isAddress(e.trim())) throw inputError(`--expert ${e} is not an address`);
          return getAddress(e.trim());
        });
        if (experts.length === 0) throw inputError("name the panel with --expert (repeat it for each)");
        await sendPanelAction(
          ctx,
          id,
          (client) => appointPanel(client, { claimId: id, experts }),
          { panel: experts },
          (disputeId) => `panel of claim ${id} (dispute ${disputeId}) appointed: ${experts.join(", ")}`,
        );
      }),
    );

  claim
    .command("vote")
    .description(
      "a panellist votes on a claim: upheld (the claimant wins) or rejected, with a reasons document",
    )
    .argument("<id>", "claim id")
    .argument("<choice>", "upheld | rejected")
    .requiredOption("--reasons <file>", "the reasoned opinion (recorded as its SHA-256)")
    .action(
      act(async (ctx, idText: string, choiceText: string, opts: { reasons: string }) => {
        const id = parseId(idText, "the claim id");
        const choice = parseChoice(choiceText);
        const reasons = sha256Hex(readUserFile(opts.reasons, "reasons file"));
        const chosen = choice === 1 ? "upheld" : "rejected";
        await sendPanelAction(
          ctx,
          id,
          (client) => panelVote(client, { claimId: id, choice, reasonsHash: reasons }),
          { choice: chosen, reasonsHash: reasons },
          () => `vote ${chosen} cast on claim ${id}; reasons ${reasons}`,
        );
      }),
    );

  claim
    .command("execute")
    .description(
      "move a claim on as far as it is due: pass the panel's ruling on once final (after the appeal window; its vote ends by itself), apply the ruling (anyone)",
    )
    .argument("<id>", "claim id")
    .action(
      act(async (ctx, idText: string) => {
        const { id, client } = await openClaim(ctx, parseId(idText, "the claim id"));
        const steps = await executeClaim(client, { claimId: id });
        const after = await claimView(client, id, { evidence: false });
        ctx.out.result(
          { claimId: id.toString(), status: after.status, ruling: after.ruling, steps },
          `${steps.map((s) => `${s.step}: ${txLine({ hash: s.tx, blockNumber: s.block })}`).join("\n")}\nclaim ${id} is ${after.status}${after.ruling ? `, ruling ${after.ruling}` : ""}`,
        );
      }),
    );

  claim
    .command("payout")
    .description(
      "pull an executed claim's money (the claim bond back and the slash) to its claimant (anyone; payouts are pulled)",
    )
    .argument("<id>", "claim id")
    .action(
      act(async (ctx, idText: string) => {
        const { id, client } = await openClaim(ctx, parseId(idText, "the claim id"));
        const r = await claimPayout(client, { claimId: id });
        const { decimals, symbol } = await tokenFormat(client);
        const amount = `${formatUnits(r.amount, decimals)} ${symbol}`;
        ctx.out.result(
          {
            claimId: id.toString(),
            payee: r.payee,
            amount: r.amount.toString(),
            tx: r.hash,
            block: r.blockNumber,
          },
          `claim ${id}: ${amount} paid to the claimant ${r.payee}; ${txLine(r)}`,
        );
      }),
    );

  claim
    .command("lift-suspension")
    .description(
      "the claimant of an executed claim lifts the licence suspension its ruling applied (a waiver; M9)",
    )
    .argument("<id>", "claim id")
    .option("--waiver <file>", "the waiver / settlement document, recorded as its SHA-256")
    .action(
      act(async (ctx, idText: string, opts: { waiver?: string }) => {
        const id = parseId(idText, "the claim id");
        const hash = opts.waiver ? sha256Hex(readUserFile(opts.waiver, "waiver file")) : ZeroHash;
        const client = await connect(ctx);
        await requireClaim(client.disputes(), id);
        const r = await liftSuspension(client, { claimId: id, waiverHash: hash });
        const licenseId = (await claimFacts(client, id)).record.licenseId.toString();
        ctx.out.result(
          { claimId: id.toString(), licenseId, waiverHash: hash, tx: r.hash, block: r.blockNumber },
          `licence ${licenseId}: suspension of claim ${id} lifted; ${txLine(r)}`,
        );
      }),
    );

  claim
    .command("close-unresolved")
    .description(
      "a party closes a claim the arbitrator did not rule on by its ruling deadline; the claim bond goes back to the claimant",
    )
    .argument("<id>", "claim id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "the claim id");
        const client = await connect(ctx);
        await requireClaim(client.disputes(), id);
        const r = await closeUnresolved(client, { claimId: id });
        ctx.out.result(
          { claimId: id.toString(), status: "Unresolved", tx: r.hash, block: r.blockNumber },
          `claim ${id} closed unresolved (no ruling by its deadline); claim bond back to the claimant; ${txLine(r)}`,
        );
      }),
    );
}

/**
 * `claim answer` / `claim evidence`: records document `file` (its SHA-256 and URI) on claim `idText`
 * through DisputeResolution's `method`, then reports it with `line(id, hash)`.
 */
async function sendClaimDocument(
  ctx: Context,
  idText: string,
  method: "answer" | "submitEvidence",
  file: string,
  uri: string | undefined,
  line: (id: bigint, hash: string) => string,
): Promise<void> {
  const id = parseId(idText, "the claim id");
  const doc = hashed(file, "evidence file", uri);
  const { client } = await openClaim(ctx, id);
  const r = await recordClaimDocument(client, {
    claimId: id,
    kind: method === "answer" ? "answer" : "evidence",
    hash: doc.hash,
    uri: doc.uri,
  });
  ctx.out.result(
    { claimId: id.toString(), hash: doc.hash, uri: doc.uri, tx: r.hash, block: r.blockNumber },
    `${line(id, doc.hash)}; ${txLine(r)}`,
  );
}

/**
 * `claim appoint` / `claim vote`: sends the PanelArbitrator call of `send` for the
 * panel dispute of claim `id`, then reports `fields` and `line(disputeId)` with the transaction.
 */
async function sendPanelAction(
  ctx: Context,
  id: bigint,
  send: (client: CovenantClient) => Promise<TxResult & { disputeId: bigint }>,
  fields: Record<string, unknown>,
  line: (disputeId: bigint) => string,
): Promise<void> {
  const client = await connect(ctx);
  const r = await send(client);
  const disputeId = r.disputeId;
  ctx.out.result(
    { claimId: id.toString(), disputeId: disputeId.toString(), ...fields, tx: r.hash, block: r.blockNumber },
    `${line(disputeId)}; ${txLine(r)}`,
  );
}
