import type { Command } from "commander";
import type { CovenantClient } from "../../sdk/client";
import { checkError, inputError } from "../../sdk/errors";
import { ASSET_KINDS, assetView, listAssets, parseAssetKind, registerIpAsset, verifyIp } from "../../sdk/actions/ip";
import { inTokenUnits, parseId, parseShares } from "../../sdk/money";
import { readUserFile, type Context } from "../context";
import { act } from "../program";

async function connectIp(ctx: Context): Promise<CovenantClient> {
  const client = await ctx.client();
  await client.requireDeployed("IPRegistry", "LicenseManager");
  return client;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerIp(program: Command): void {
  const ip = program
    .command("ip")
    .description("intellectual property: register from a file, show, list, verify a file (F5, Macro 4)");

  ip.command("register")
    .description(
      "register IP; the SHA-256 of the file is its content hash (timestamped proof of prior creation). Background by default (owners: you, or --owner), foreground with --project",
    )
    .requiredOption("--file <content>", "the document, code archive or data set whose SHA-256 is registered")
    .requiredOption("--kind <kind>", ASSET_KINDS.join(" | "))
    .requiredOption("--title <title>", "title (UTF-8, at most 200 bytes)")
    .option("--background", "background IP you bring in (the default)")
    .option("--project <id>", "foreground IP of this active project, owned with its pre-agreed IP shares")
    .option(
      "--owner <address:bps>",
      "a background co-owner and its share; repeat; shares sum to 10000",
      collect,
    )
    .option("--external-id <id>", "patent office number or other outside reference")
    .option("--standard-essential", "a standard-essential patent: licensed only on FRAND offers")
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
            owner?: string[];
            externalId?: string;
            standardEssential?: boolean;
          },
        ) => {
          if (opts.background && opts.project !== undefined) {
            throw inputError("give either --background or --project, not both");
          }
          const kind = parseAssetKind(opts.kind);
          const projectId = opts.project === undefined ? undefined : parseId(opts.project, "--project");
          if (projectId !== undefined && opts.owner) {
            throw inputError(
              "foreground IP takes the project's pre-agreed shares: --owner is for background IP",
            );
          }
          const owners = opts.owner ? parseShares(opts.owner, "--owner") : undefined;
          if (owners) {
            const sum = owners.bps.reduce((s, b) => s + b, 0);
            if (sum !== 10_000) throw inputError(`the --owner shares sum to ${sum}, not 10000`);
          }
          const content = readUserFile(opts.file, "content file");
          const client = await connectIp(ctx);
          const r = await registerIpAsset(client, {
            content,
            kind,
            title: opts.title,
            externalId: opts.externalId,
            standardEssential: opts.standardEssential,
            projectId,
            owners,
          });
          ctx.out.result(
            inTokenUnits({ ...r, kind: ASSET_KINDS[kind], projectId: projectId ?? null }, 0),
            `IP asset ${r.assetId} registered at ${r.registeredAt}: content SHA-256 ${r.contentHash}; tx ${r.tx} (block ${r.block})`,
          );
        },
      ),
    );

  ip.command("show")
    .description("an asset: owners and shares, content hash, registration time, status, licences")
    .argument("<id>", "asset id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "asset id");
        const client = await connectIp(ctx);
        const a = await assetView(client, id);
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
        const r = await verifyIp(client, id, content);
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
