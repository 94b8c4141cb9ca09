import fs from "node:fs";
import type { Command } from "commander";
import { getAddress } from "ethers";
import type { CovenantClient } from "../../sdk/client";
import { checkError, inputError } from "../../sdk/errors";
import { sha256Hex } from "../../sdk/hash";
import {
  approveStatusChange,
  ASSET_KINDS,
  assetView,
  contestBackground,
  listAssets,
  parseAssetKind,
  parseAssetStatus,
  proposeStatusChange,
  registerForegroundAmended,
  registerIpAsset,
  SETTABLE_STATUSES,
  signSplitConsent,
  statusChangeView,
  verifyIp,
} from "../../sdk/actions/ip";
import { chainNow } from "../../sdk/actions/projects";
import { inTokenUnits, isoTime, parseId, parseShares } from "../../sdk/money";
import { parseDate } from "../../sdk/projectProposal";
import { parseSplitConsentFile, splitConsentFile, type SplitConsentFile } from "../../present/signatureFile";
import { readUserFile, sha256File, type Context } from "../context";
import { txFacts, txLine } from "../output";
import { act } from "../program";
import { NOUN_DESCRIPTIONS } from "../nouns";

async function connectIp(ctx: Context): Promise<CovenantClient> {
  const client = await ctx.client();
  await client.requireDeployed("IPRegistry", "LicenseManager");
  return client;
}

async function connectStatus(ctx: Context): Promise<CovenantClient> {
  const client = await ctx.client();
  await client.requireDeployed("IPRegistry", "LicenseProposals", "AgreementRegistry");
  return client;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `--owner address:bps` pairs summing to 10000. */
function ownersOf(pairs: string[] | undefined, flag: string, required: boolean) {
  if (!pairs) {
    if (required) throw inputError(`${flag} address:bps is required: the split's owners and shares`);
    return undefined;
  }
  const owners = parseShares(pairs, flag);
  const sum = owners.bps.reduce((s, b) => s + b, 0);
  if (sum !== 10_000) throw inputError(`the ${flag} shares sum to ${sum}, not 10000`);
  return owners;
}

/** Why a consent file does not fit the split being registered, or null when it fits. */
function consentMismatch(
  c: SplitConsentFile,
  want: {
    chainId: bigint;
    registry: string;
    projectId: bigint;
    amendmentId: bigint;
    contentHash: string;
    owners: string[];
    shares: number[];
  },
): string | null {
  if (BigInt(c.chainId) !== want.chainId) return `it is for chain ${c.chainId}, not ${want.chainId}`;
  if (getAddress(c.registry) !== getAddress(want.registry))
    return `it is for the IPRegistry at ${c.registry}, not ${want.registry}`;
  if (BigInt(c.projectId) !== want.projectId)
    return `it is for project ${c.projectId}, not ${want.projectId}`;
  if (BigInt(c.amendmentId) !== want.amendmentId)
    return `it is for amendment ${c.amendmentId}, not ${want.amendmentId}`;
  if (c.contentHash.toLowerCase() !== want.contentHash.toLowerCase())
    return `it is for content ${c.contentHash}, not the file's ${want.contentHash}`;
  const split = (o: string[], s: number[]) => o.map((a, i) => `${getAddress(a)}:${s[i]}`).join(",");
  if (split(c.owners, c.shares) !== split(want.owners, want.shares))
    return `it consents to the split ${split(c.owners, c.shares)}, not ${split(want.owners, want.shares)}`;
  return null;
}

export function registerIp(program: Command): void {
  const ip = program.command("ip").description(NOUN_DESCRIPTIONS.ip);

  ip.command("register")
    .description(
      "register IP; the SHA-256 of the file is its content hash (timestamped proof of prior creation). Background by default (owners: you, or --owner), foreground with --project (the pre-agreed shares), or with --project --amendment --owner the split an amendment fixed, with every other owner's consent file (B4)",
    )
    .requiredOption("--file <content>", "the document, code archive or data set whose SHA-256 is registered")
    .requiredOption("--kind <kind>", ASSET_KINDS.join(" | "))
    .requiredOption("--title <title>", "title (UTF-8, at most 200 bytes)")
    .option("--background", "background IP you bring in (the default)")
    .option("--project <id>", "foreground IP of this active project, owned with its pre-agreed IP shares")
    .option(
      "--amendment <id>",
      "with --project: the Effective amendment of the project agreement that fixed another split (B4)",
    )
    .option(
      "--owner <address:bps>",
      "a co-owner and its share (background IP, or the amended split); repeat; shares sum to 10000",
      collect,
    )
    .option(
      "--consent <file>",
      "with --amendment: an owner's or participant's consent file (`covenant ip consent`); repeat",
      collect,
    )
    .option("--external-id <id>", "patent office number or other outside reference")
    .option("--standard-essential", "a standard-essential patent: licensed only on FRAND offers")
    .addHelpText(
      "after",
      "\nA result's split other than the pre-agreed one (B4): every owner and every participant with a\n" +
        "pre-agreed share who is not an owner signs the split offline (`covenant ip consent`); the\n" +
        "registrant's own consent is its call. Example:\n" +
        "  covenant ip consent --project 1 --amendment 7 --file result.pdf --owner 0xA…:6000 --owner 0xB…:4000 --out b.json\n" +
        "  covenant ip register --project 1 --amendment 7 --file result.pdf --kind Patent --title … \\\n" +
        "    --owner 0xA…:6000 --owner 0xB…:4000 --consent b.json --consent c.json",
    )
    .action(
      act(
        async (
          ctx,
          opts: {
            file: string;
            kind: string;
            title: string;
            background?: boolean;
            project?: string;
            amendment?: string;
            owner?: string[];
            consent?: string[];
            externalId?: string;
            standardEssential?: boolean;
          },
        ) => {
          if (opts.background && opts.project !== undefined) {
            throw inputError("give either --background or --project, not both");
          }
          const kind = parseAssetKind(opts.kind);
          const projectId = opts.project === undefined ? undefined : parseId(opts.project, "--project");
          const amendmentId =
            opts.amendment === undefined ? undefined : parseId(opts.amendment, "--amendment");
          if (amendmentId !== undefined && projectId === undefined)
            throw inputError("--amendment needs --project: it fixes the split of that project's result");
          if (amendmentId === undefined && opts.consent)
            throw inputError("--consent is for a result's amended split: give --project and --amendment");
          if (projectId !== undefined && amendmentId === undefined && opts.owner) {
            throw inputError(
              "foreground IP takes the project's pre-agreed shares: --owner is for background IP or, with --amendment, the amended split",
            );
          }
          const owners = ownersOf(opts.owner, "--owner", amendmentId !== undefined);
          const content = readUserFile(opts.file, "content file");
          const consents = (opts.consent ?? []).map((f) => ({
            file: f,
            c: parseSplitConsentFile(readUserFile(f, "consent file").toString("utf8"), f),
          }));
          const client = await connectIp(ctx);
          const description = {
            kind,
            title: opts.title,
            externalId: opts.externalId,
            standardEssential: opts.standardEssential,
          };
          if (amendmentId !== undefined) {
            const want = {
              chainId: client.chainId,
              registry: client.address("IPRegistry"),
              projectId: projectId!,
              amendmentId,
              contentHash: sha256Hex(content),
              owners: owners!.accounts,
              shares: owners!.bps,
            };
            for (const { file, c } of consents) {
              const why = consentMismatch(c, want);
              if (why) throw inputError(`the consent file ${file} does not fit this registration: ${why}`);
            }
            const deadlines = [...new Set(consents.map(({ c }) => c.deadline))];
            if (deadlines.length > 1)
              throw inputError(
                `the consent files carry different deadlines (${deadlines.join(", ")}): the owners sign one split with one deadline`,
              );
            const deadline = BigInt(deadlines[0] ?? (await chainNow(client)) + 3600);
            if (BigInt(await chainNow(client)) > deadline)
              throw inputError(`the consents expired at ${isoTime(deadline)}: the owners sign again`);
            const r = await registerForegroundAmended(client, {
              ...description,
              content,
              projectId: projectId!,
              amendmentId,
              owners: owners!.accounts,
              shares: owners!.bps,
              deadline,
              consents: consents.map(({ c }) => ({ account: c.account, signature: c.signature })),
            });
            return ctx.out.result(
              inTokenUnits(
                {
                  assetId: r.assetId,
                  contentHash: r.contentHash,
                  registeredAt: r.registeredAt,
                  kind: ASSET_KINDS[kind],
                  projectId,
                  amendmentId,
                  owners: owners!.accounts.map((a, i) => ({ account: a, bps: owners!.bps[i] })),
                  consenters: r.consenters,
                  ...txFacts(r),
                },
                0,
              ),
              `IP asset ${r.assetId} registered at ${r.registeredAt} with the split of amendment ${amendmentId} (consented by ${r.consenters.length}): content SHA-256 ${r.contentHash}; ${txLine(r)}`,
            );
          }
          const r = await registerIpAsset(client, { ...description, content, projectId, owners });
          ctx.out.result(
            inTokenUnits(
              {
                assetId: r.assetId,
                contentHash: r.contentHash,
                registeredAt: r.registeredAt,
                ...txFacts(r),
                kind: ASSET_KINDS[kind],
                projectId: projectId ?? null,
              },
              0,
            ),
            `IP asset ${r.assetId} registered at ${r.registeredAt}: content SHA-256 ${r.contentHash}; ${txLine(r)}`,
          );
        },
      ),
    );

  ip.command("consent")
    .description(
      "consent offline to a result's split (B4): an EIP-712 SplitConsent signature over the project, amendment, content hash, owners and shares, written to a file; nothing is sent",
    )
    .requiredOption("--project <id>", "the project whose result it is")
    .requiredOption(
      "--amendment <id>",
      "the Effective amendment of the project agreement that fixed the split",
    )
    .requiredOption("--file <content>", "the result (its SHA-256 is what you consent to)")
    .requiredOption(
      "--owner <address:bps>",
      "an owner of the split and its share; repeat; sum 10000",
      collect,
    )
    .requiredOption("--out <consent.json>", "where the consent file is written")
    .option("--deadline <date>", "valid until: 2026-06-30, unix seconds or +7d (default +7d)", "+7d")
    .action(
      act(
        async (
          ctx,
          opts: {
            project: string;
            amendment: string;
            file: string;
            owner: string[];
            out: string;
            deadline: string;
          },
        ) => {
          const projectId = parseId(opts.project, "--project");
          const amendmentId = parseId(opts.amendment, "--amendment");
          const owners = ownersOf(opts.owner, "--owner", true)!;
          const contentHash = sha256File(opts.file, "content file");
          if (fs.existsSync(opts.out)) throw inputError(`${opts.out} exists already; choose another --out`);
          const client = await connectIp(ctx);
          const deadline = BigInt(parseDate(opts.deadline, "--deadline", await chainNow(client)));
          const c = await signSplitConsent(client, {
            projectId,
            amendmentId,
            contentHash,
            owners: owners.accounts,
            shares: owners.bps,
            deadline,
          });
          const file = splitConsentFile(c.domain, c.value, c.digest, c.signature);
          fs.writeFileSync(opts.out, JSON.stringify(file, null, 2) + "\n");
          if (ctx.out.json) return ctx.out.result({ ...file, out: opts.out }, "");
          ctx.out.record(
            {
              account: file.account,
              project: file.projectId,
              amendment: file.amendmentId,
              "content (sha-256)": file.contentHash,
              split: file.owners.map((o, i) => `${o} ${file.shares[i] / 100}%`).join("\n"),
              "valid until": isoTime(deadline) ?? "",
              "domain (EIP-712)": `${c.domain.name} v${c.domain.version}, chain ${c.domain.chainId}, ${c.domain.verifyingContract}`,
              "digest signed": c.digest,
            },
            `consent to the split of project ${projectId}'s result written to ${opts.out}`,
          );
        },
      ),
    );

  ip.command("contest")
    .description(
      "a participant of a project contests a background registration of the same content as the project's result, made since the project became active (B4)",
    )
    .argument("<backgroundId>", "the background asset")
    .requiredOption("--result <assetId>", "the project's result (foreground asset) with the same content")
    .action(
      act(async (ctx, idText: string, opts: { result: string }) => {
        const backgroundId = parseId(idText, "background asset id");
        const foregroundId = parseId(opts.result, "--result");
        const client = await connectIp(ctx);
        const r = await contestBackground(client, { backgroundId, foregroundId });
        ctx.out.result(
          inTokenUnits({ backgroundId, foregroundId, status: r.status, ...txFacts(r) }, 0),
          `IP asset ${backgroundId} is ${r.status}: contested by the project's result ${foregroundId}; ${txLine(r)}`,
        );
      }),
    );

  const status = ip
    .command("status")
    .description(
      "an asset's legal status, changed by co-owners holding the charter's approval share (B5): propose, approve, show",
    );

  status
    .command("propose")
    .description(
      "a co-owner proposes a status change with the document proving it; its own share counts as approval",
    )
    .argument("<assetId>", "asset id")
    .requiredOption("--status <status>", SETTABLE_STATUSES.join(" | "))
    .requiredOption("--evidence <file>", "the document proving the new status (stored as its SHA-256)")
    .option(
      "--external-id <id>",
      "replaces the asset's external id (e.g. the patent number), at most 64 bytes",
    )
    .action(
      act(async (ctx, idText: string, opts: { status: string; evidence: string; externalId?: string }) => {
        const assetId = parseId(idText, "asset id");
        const to = parseAssetStatus(opts.status);
        const evidenceHash = sha256File(opts.evidence, "evidence file");
        const client = await connectStatus(ctx);
        const r = await proposeStatusChange(client, {
          assetId,
          status: to,
          evidenceHash,
          externalId: opts.externalId,
        });
        ctx.out.result(
          inTokenUnits(
            {
              changeId: r.changeId,
              assetId,
              status: opts.status,
              evidenceHash,
              applied: r.applied,
              ...txFacts(r),
            },
            0,
          ),
          `status change ${r.changeId} of IP asset ${assetId} to ${SETTABLE_STATUSES.find((x) => x.toLowerCase() === opts.status.toLowerCase())} ${r.applied ? "applied" : "proposed (other co-owners approve it with `covenant ip status approve`)"}; ${txLine(r)}`,
        );
      }),
    );

  status
    .command("approve")
    .description(
      "a co-owner approves a pending status change with its share; the approval that reaches the share applies it",
    )
    .argument("<changeId>", "status change id")
    .action(
      act(async (ctx, idText: string) => {
        const changeId = parseId(idText, "status change id");
        const client = await connectStatus(ctx);
        const r = await approveStatusChange(client, { changeId });
        ctx.out.result(
          inTokenUnits({ changeId, approvedBps: r.approvedBps, applied: r.applied, ...txFacts(r) }, 0),
          `status change ${changeId} approved: co-owners holding ${r.approvedBps / 100}% approved${r.applied ? "; applied" : ""}; ${txLine(r)}`,
        );
      }),
    );

  status
    .command("show")
    .description("a status change: from, to, evidence, approvals against the charter's share, who approved")
    .argument("<changeId>", "status change id")
    .action(
      act(async (ctx, idText: string) => {
        const changeId = parseId(idText, "status change id");
        const client = await connectStatus(ctx);
        const v = await statusChangeView(client, { changeId });
        if (ctx.out.json) return ctx.out.result(inTokenUnits(v, 0), "");
        ctx.out.record(
          {
            asset: `${v.assetId} (now ${v.assetStatus})`,
            change: `${v.from} -> ${v.to}`,
            state: v.applied
              ? "applied"
              : v.stale
                ? "void: a share sale changed the co-owners (propose again)"
                : "pending",
            proposer: v.proposer,
            "evidence (sha-256)": v.evidenceHash,
            "external id": v.externalId,
            approvals: `${v.approvedBps / 100}% of the ${v.neededBps / 100}% needed`,
          },
          `status change ${v.id}`,
        );
        ctx.out.rows(
          ["co-owner", "share", "approved"],
          v.owners.map((o) => [o.account, `${o.bps / 100}%`, o.approved ? "yes" : ""]),
        );
      }),
    );

  ip.command("show")
    .description("an asset: owners and shares, content hash, registration time, status, licences")
    .argument("<id>", "asset id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "asset id");
        const client = await connectIp(ctx);
        const a = await assetView(client, { assetId: id });
        if (ctx.out.json) return ctx.out.result(inTokenUnits(a, 0), "");
        ctx.out.record(
          {
            kind: a.kind,
            status: a.status,
            "standard-essential": a.standardEssential ? "yes (FRAND)" : "no",
            "content (sha-256)": a.contentHash,
            registered: `${a.registeredAt} by ${a.registrant}`,
            project: a.projectId === 0n ? "(background)" : String(a.projectId),
            "external id": a.externalId,
          },
          `IP asset ${a.id}: ${a.title}`,
        );
        ctx.out.rows(
          ["owner", "share"],
          a.owners.map((o) => [o.account, `${o.bps / 100}% (${o.bps} bps)`]),
        );
        ctx.out.rows(
          ["licence", "licensee", "kind", "status", "start", "end"],
          a.licenses.map((l) => [l.id, l.licensee, l.kind, l.status, l.start ?? "", l.end ?? ""]),
        );
      }),
    );

  ip.command("list")
    .description("every registered asset")
    .action(
      act(async (ctx) => {
        const client = await connectIp(ctx);
        const list = await listAssets(client);
        ctx.out.rows(
          ["id", "title", "kind", "status", "owners", "project", "registered"],
          list.map((a) => [
            a.id,
            a.title,
            a.kind,
            a.status,
            a.owners,
            a.projectId === 0n ? "" : a.projectId,
            a.registeredAt ?? "",
          ]),
          list.map((a) => inTokenUnits(a, 0)),
        );
      }),
    );

  ip.command("verify")
    .description("check a local file against an asset's content hash: exit 0 if equal, 1 if not")
    .argument("<id>", "asset id")
    .requiredOption("--file <content>", "the file to check")
    .action(
      act(async (ctx, idText: string, opts: { file: string }) => {
        const id = parseId(idText, "asset id");
        const content = readUserFile(opts.file, "content file", true);
        const client = await connectIp(ctx);
        const r = await verifyIp(client, { assetId: id, content });
        if (!r.ok) {
          // with --json the verdict is printed too, then the one error line and exit 1
          if (ctx.out.json) ctx.out.result(inTokenUnits(r, 0), "");
          throw checkError(
            `${opts.file} does not match IP asset ${id}: its SHA-256 is ${r.local}, the chain holds ${r.onChain}`,
          );
        }
        ctx.out.result(
          inTokenUnits(r, 0),
          `${opts.file} matches IP asset ${id} (SHA-256 ${r.local}, registered ${r.registeredAt})`,
        );
      }),
    );
}
