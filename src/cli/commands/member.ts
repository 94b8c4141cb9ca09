import type { Command } from "commander";
import { CovenantClient } from "../../sdk/client";
import {
  applyForMembership,
  cancelApplication,
  cancelWithdrawalNotice,
  giveWithdrawalNotice,
  updateProfile,
  withdraw,
} from "../../sdk/actions/membership";
import { CovenantError, inputError, MEMBER_KIND, MEMBER_STATUS } from "../../sdk/errors";
import { utf8Length } from "../../sdk/hash";
import { formatAmount } from "../../sdk/money";
import {
  entityIdHash,
  findMember,
  listMembers,
  parseKind,
  parseStatus,
  type MemberView,
} from "../../sdk/members";
import { sha256File, type Context } from "../context";
import { act } from "../program";
import { NOUN_DESCRIPTIONS } from "../nouns";

const MAX_NAME_BYTES = 256;

function short(hash: string): string {
  return `${hash.slice(0, 10)}…`;
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : "";
}

function memberRow(m: MemberView): unknown[] {
  return [m.name, m.kind, m.status, m.address, short(m.entityId), day(m.admittedAt)];
}

async function connectMembership(ctx: Context): Promise<CovenantClient> {
  const client = await ctx.client();
  await client.requireDeployed("Membership");
  return client;
}

function txLine(r: { hash: string; blockNumber: number }): string {
  return `tx ${r.hash} (block ${r.blockNumber})`;
}

export function registerMember(program: Command): void {
  const member = program.command("member").description(NOUN_DESCRIPTIONS.member);

  member
    .command("list")
    .description("list members, optionally by status and/or kind")
    .option("--status <status>", `one of ${MEMBER_STATUS.slice(1).join(", ")}`)
    .option("--kind <kind>", `one of ${MEMBER_KIND.join(", ")}`)
    .action(
      act(async (ctx, opts: { status?: string; kind?: string }) => {
        const filter = {
          status: opts.status !== undefined ? parseStatus(opts.status) : undefined,
          kind: opts.kind !== undefined ? parseKind(opts.kind) : undefined,
        };
        if (filter.status === 0) throw inputError("status None lists nobody: pick another status");
        const client = await ctx.client();
        // the code check and the reads go out together (one JSON-RPC batch); a missing contract is
        // still the error reported
        const [deployed, listed] = await Promise.allSettled([
          client.requireDeployed("Membership"),
          listMembers(client, filter),
        ]);
        if (deployed.status === "rejected") throw deployed.reason;
        if (listed.status === "rejected") throw listed.reason;
        const members = listed.value;
        ctx.out.rows(
          ["name", "kind", "status", "address", "entity id", "admitted"],
          members.map(memberRow),
          members,
        );
      }),
    );

  member
    .command("show")
    .description("show one member by address, entity id (code or 0x-hash) or exact name")
    .argument("<member>", "address, entity id or name")
    .action(
      act(async (ctx, query: string) => {
        const client = await connectMembership(ctx);
        const m = await findMember(client, query);
        const membership = client.membership();
        const [lead, goodStanding] = await Promise.all([
          membership.leadUnit(),
          membership.isInGoodStanding(m.address),
        ]);
        const view = { ...m, leadUnit: lead === m.address, goodStanding };
        if (ctx.out.json) return ctx.out.result(view, "");
        ctx.out.record(
          {
            name: m.name,
            address: m.address,
            kind: m.kind,
            status: m.status,
            "good standing": goodStanding ? "yes" : "no",
            "lead unit": view.leadUnit ? "yes" : "no",
            "entity id (sha-256)": m.entityId,
            "profile (sha-256)": m.profileHash,
            applied: m.appliedAt ?? "",
            admitted: m.admittedAt ?? "",
            "withdrawal notice": m.noticeAt ?? "",
            seat: m.seatId === "0" ? "" : m.seatId,
          },
          m.name,
        );
      }),
    );

  member
    .command("apply")
    .description("apply for membership and post the charter's bond (the signer becomes the applicant)")
    .requiredOption(
      "--entity-id <code>",
      "legal entity id, e.g. the unified social credit code (stored as its SHA-256)",
    )
    .requiredOption("--name <name>", "display name, UTF-8 (e.g. 中国钢研科技集团)")
    .requiredOption("--kind <kind>", MEMBER_KIND.join(" | "))
    .requiredOption("--profile <file>", "profile document (stored as the SHA-256 of its bytes)")
    .option("--approve", "approve the bond to Treasury first if the allowance is short")
    .action(
      act(
        async (
          ctx,
          opts: { entityId: string; name: string; kind: string; profile: string; approve?: boolean },
        ) => {
          // everything local is checked before the chain is touched
          const entityId = entityIdHash(opts.entityId);
          const kind = parseKind(opts.kind);
          const name = opts.name.trim();
          if (!name) throw inputError("the name is empty");
          if (utf8Length(name) > MAX_NAME_BYTES) {
            throw inputError(`the name is longer than ${MAX_NAME_BYTES} bytes`);
          }
          const profileHash = sha256File(opts.profile, "profile file");
          const client = await connectMembership(ctx);
          const r = await applyForMembership(client, {
            entityId,
            name,
            kind,
            profileHash,
            approve: opts.approve === true,
          }).catch((e: unknown) => {
            if (e instanceof CovenantError && e.errorName === "AllowanceShort")
              throw inputError(`${e.shortMessage}; rerun with --approve`);
            throw e;
          });
          if (r.approval?.tx && r.approval.token)
            ctx.out.note(
              `approved ${formatAmount(r.approval.amount, r.approval.token)} to Treasury: ${txLine(r.approval.tx)}`,
            );
          const { account, bond } = r;
          ctx.out.result(
            {
              account,
              entityId,
              name,
              kind: MEMBER_KIND[kind],
              profileHash,
              bond,
              tx: r.hash,
              block: r.blockNumber,
            },
            `${name} (${account}) applied as ${MEMBER_KIND[kind]}; entity id ${entityId}; ${txLine(r)}`,
          );
        },
      ),
    );

  member
    .command("cancel")
    .description("withdraw the signer's pending application; its bond becomes withdrawable from Treasury")
    .action(
      act(async (ctx) => {
        const client = await connectMembership(ctx);
        const account = await client.signerAddress();
        const r = await cancelApplication(client);
        ctx.out.result(
          { account, tx: r.hash, block: r.blockNumber },
          `application of ${account} cancelled; ${txLine(r)}`,
        );
      }),
    );

  member
    .command("profile")
    .description("replace the signer's profile document hash")
    .requiredOption("--profile <file>", "the new profile document (stored as the SHA-256 of its bytes)")
    .action(
      act(async (ctx, opts: { profile: string }) => {
        const profileHash = sha256File(opts.profile, "profile file");
        const client = await connectMembership(ctx);
        const account = await client.signerAddress();
        const r = await updateProfile(client, { profileHash });
        ctx.out.result(
          { account, profileHash, tx: r.hash, block: r.blockNumber },
          `profile of ${account} is now ${profileHash}; ${txLine(r)}`,
        );
      }),
    );

  member
    .command("notice")
    .description("give notice of withdrawal (the signer must be an active member)")
    .option("--cancel", "cancel a pending notice instead")
    .action(
      act(async (ctx, opts: { cancel?: boolean }) => {
        const client = await connectMembership(ctx);
        const account = await client.signerAddress();
        if (opts.cancel) {
          const r = await cancelWithdrawalNotice(client);
          return ctx.out.result({ account, cancelled: true, tx: r.hash }, `notice cancelled; ${txLine(r)}`);
        }
        const r = await giveWithdrawalNotice(client);
        const earliest =
          r.earliestWithdrawal !== null ? new Date(Number(r.earliestWithdrawal) * 1000).toISOString() : null;
        ctx.out.result(
          { account, earliestWithdrawal: earliest, tx: r.hash, block: r.blockNumber },
          `notice given by ${account}; may withdraw from ${earliest ?? "(see chain)"}; ${txLine(r)}`,
        );
      }),
    );

  member
    .command("withdraw")
    .description("withdraw from the alliance after the notice period; the bond becomes withdrawable")
    .action(
      act(async (ctx) => {
        const client = await connectMembership(ctx);
        const account = await client.signerAddress();
        const r = await withdraw(client);
        ctx.out.result({ account, tx: r.hash, block: r.blockNumber }, `${account} withdrew; ${txLine(r)}`);
      }),
    );
}
