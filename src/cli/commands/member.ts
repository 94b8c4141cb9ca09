import type { Command } from "commander";
import { Contract, formatUnits, getAddress, Interface } from "ethers";
import type { TestToken } from "../../../typechain-types";
import { CovenantClient } from "../../sdk/client";
import { chainError, inputError, MEMBER_KIND, MEMBER_STATUS } from "../../sdk/errors";
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

const WIRING = new Interface([
  "function CHARTER() view returns (address)",
  "function TREASURY() view returns (address)",
  "function charterParams() view returns ((uint256 bondAmount))",
  "function bondOf(address) view returns (uint256)",
  "function token() view returns (address)",
]);

/** `fn()` on `address` if it answers, else undefined (older or interface-only deployments). */
async function tryRead(
  client: CovenantClient,
  address: string,
  fn: string,
  args: unknown[] = [],
): Promise<unknown> {
  try {
    return (await new Contract(address, WIRING, client.provider)
      .getFunction(fn)
      .staticCall(...args)) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Before an application: the part of the charter's bond not already held for the signer must be
 * approved to Treasury and covered by the signer's balance. The charter and Treasury are the ones
 * Membership was deployed with (its CHARTER() / TREASURY()), else the address book's. With
 * `approve`, sends the approval (simulated first) when it is short. Returns the amount due.
 */
async function ensureBond(
  ctx: Context,
  client: CovenantClient,
  account: string,
  approve: boolean,
): Promise<bigint> {
  const membership = client.address("Membership");
  const charter =
    ((await tryRead(client, membership, "CHARTER")) as string | undefined) ??
    client.book.contracts.AgreementRegistry;
  const treasury =
    ((await tryRead(client, membership, "TREASURY")) as string | undefined) ?? client.book.contracts.Treasury;
  if (!charter || !treasury) return 0n;
  const params = (await tryRead(client, charter, "charterParams")) as { bondAmount: bigint } | undefined;
  if (!params) throw chainError(`the charter at ${charter} does not answer charterParams()`);
  const held = ((await tryRead(client, treasury, "bondOf", [account])) as bigint | undefined) ?? 0n;
  const due = params.bondAmount > held ? params.bondAmount - held : 0n;
  if (due === 0n) return 0n;
  const tokenAddress =
    ((await tryRead(client, treasury, "token")) as string | undefined) ?? client.address("SettlementToken");
  const token = new Contract(
    tokenAddress,
    CovenantClient.abiFor("SettlementToken"),
    client.provider,
  ) as unknown as TestToken;
  const [decimals, symbol, balance, allowance] = await Promise.all([
    token.decimals(),
    token.symbol(),
    token.balanceOf(account),
    token.allowance(account, treasury),
  ]);
  const fmt = (v: bigint) => `${formatUnits(v, decimals)} ${symbol}`;
  if (balance < due)
    throw inputError(`the bond due is ${fmt(due)} but ${account} holds only ${fmt(balance)}`);
  if (allowance < due) {
    if (!approve) {
      throw inputError(
        `insufficient allowance: Treasury may take ${fmt(allowance)} of the ${fmt(due)} bond due; rerun with --approve`,
      );
    }
    const w = await client.writable(token);
    const r = await client.send(w.approve, [treasury, due]);
    ctx.out.note(`approved ${fmt(due)} to Treasury: ${txLine(r)}`);
  }
  return due;
}

export function registerMember(program: Command): void {
  const member = program
    .command("member")
    .description("alliance members: list, show, apply, cancel, profile, notice, withdraw (F1, F6)");

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
        const client = await connectMembership(ctx);
        const members = await listMembers(client.membership(), filter);
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
        const m = await findMember(client.membership(), query);
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
          if (Buffer.byteLength(name, "utf8") > MAX_NAME_BYTES) {
            throw inputError(`the name is longer than ${MAX_NAME_BYTES} bytes`);
          }
          const profileHash = sha256File(opts.profile, "profile file");
          const client = await connectMembership(ctx);
          const signer = await client.signer();
          const account = getAddress(await signer.getAddress());
          const bond = await ensureBond(ctx, client, account, opts.approve === true);
          const m = await client.writable(client.membership());
          const r = await client.send(m.applyForMembership, [entityId, name, kind, profileHash]);
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
        const account = await (await client.signer()).getAddress();
        const m = await client.writable(client.membership());
        const r = await client.send(m.cancelApplication, []);
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
        const account = await (await client.signer()).getAddress();
        const m = await client.writable(client.membership());
        const r = await client.send(m.updateProfile, [profileHash]);
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
        const account = await (await client.signer()).getAddress();
        const m = await client.writable(client.membership());
        if (opts.cancel) {
          const r = await client.send(m.cancelWithdrawalNotice, []);
          return ctx.out.result({ account, cancelled: true, tx: r.hash }, `notice cancelled; ${txLine(r)}`);
        }
        const r = await client.send(m.giveWithdrawalNotice, []);
        const ev = r.events.find((e) => e.name === "WithdrawalNoticeGiven");
        const earliest = ev ? new Date(Number(ev.args.earliestWithdrawal) * 1000).toISOString() : null;
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
        const account = await (await client.signer()).getAddress();
        const m = await client.writable(client.membership());
        const r = await client.send(m.withdraw, []);
        ctx.out.result({ account, tx: r.hash, block: r.blockNumber }, `${account} withdrew; ${txLine(r)}`);
      }),
    );
}
