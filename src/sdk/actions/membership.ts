import { Contract, getAddress, Interface } from "ethers";
import type { CovenantClient, TxResult } from "../client";
import { chainError } from "../errors";
import { approveIfShort, type Approval } from "./token";

/**
 * Membership actions (F1, F6): each is `(client, params) => result`, sends through the client's
 * one send path (simulate, send, wait, decode) and returns the transaction's facts and events.
 */

const WIRING = new Interface([
  "function CHARTER() view returns (address)",
  "function TREASURY() view returns (address)",
  "function charterParams() view returns ((uint256 bondAmount))",
  "function bondOf(address) view returns (uint256)",
  "function token() view returns (address)",
]);

/** `fn()` on `address` if it answers, else undefined (older or interface-only deployments). */
async function tryRead(client: CovenantClient, address: string, fn: string, args: unknown[] = []) {
  try {
    return (await new Contract(address, WIRING, client.provider).getFunction(fn)(...args)) as unknown;
  } catch {
    return undefined;
  }
}

/** The bond an applicant still owes, and where it goes: the charter's bond less what Treasury holds for it. */
export interface BondDue {
  due: bigint;
  treasury: string | null;
  token: string | null;
}

/**
 * The bond `account` must post to apply: the charter's bond less what Treasury already holds for
 * it. The charter and Treasury are the ones Membership was deployed with (its CHARTER() and
 * TREASURY()), else the address book's.
 */
export async function bondDue(client: CovenantClient, account: string): Promise<BondDue> {
  const membership = client.address("Membership");
  const charter =
    ((await tryRead(client, membership, "CHARTER")) as string | undefined) ??
    client.book.contracts.AgreementRegistry;
  const treasury =
    ((await tryRead(client, membership, "TREASURY")) as string | undefined) ?? client.book.contracts.Treasury;
  if (!charter || !treasury) return { due: 0n, treasury: null, token: null };
  const params = (await tryRead(client, charter, "charterParams")) as { bondAmount: bigint } | undefined;
  if (!params) throw chainError(`the charter at ${charter} does not answer charterParams()`);
  const held = ((await tryRead(client, treasury, "bondOf", [account])) as bigint | undefined) ?? 0n;
  const due = params.bondAmount > held ? params.bondAmount - held : 0n;
  const token =
    ((await tryRead(client, treasury, "token")) as string | undefined) ??
    client.book.contracts.SettlementToken ??
    null;
  return { due, treasury: getAddress(treasury), token };
}

export interface ApplyParams {
  /** SHA-256 of the legal entity id (`entityIdHash`). */
  entityId: string;
  name: string;
  /** Index into the MemberKind enum. */
  kind: number;
  /** SHA-256 of the profile document. */
  profileHash: string;
  /** Approve the bond to Treasury first when the allowance is short (else refuse with `AllowanceShort`). */
  approve?: boolean;
}

export interface ApplyResult extends TxResult {
  account: string;
  /** The bond posted with the application. */
  bond: bigint;
  /** The approval sent first, if one was needed. */
  approval: Approval | null;
}

/** Applies for membership with the charter's bond (the signer becomes the applicant). */
export async function applyForMembership(client: CovenantClient, p: ApplyParams): Promise<ApplyResult> {
  const account = getAddress(await (await client.signer()).getAddress());
  const bond = await bondDue(client, account);
  let approval: Approval | null = null;
  if (bond.due > 0n && bond.treasury) {
    approval = await approveIfShort(client, {
      spender: bond.treasury,
      amount: bond.due,
      purpose: "the bond",
      approve: p.approve ?? true,
      token: bond.token ?? undefined,
      wording: {
        balanceShort: (need, have, owner) => `the bond due is ${need} but ${owner} holds only ${have}`,
        allowanceShort: (have, need) =>
          `insufficient allowance: Treasury may take ${have} of the ${need} bond due`,
      },
    });
  }
  const m = await client.writable(client.membership());
  const r = await client.send(m.applyForMembership, [p.entityId, p.name, p.kind, p.profileHash]);
  return { ...r, account, bond: bond.due, approval: approval?.tx ? approval : null };
}

/** Withdraws the signer's pending application; its bond becomes withdrawable from Treasury. */
export async function cancelApplication(client: CovenantClient): Promise<TxResult> {
  const m = await client.writable(client.membership());
  return client.send(m.cancelApplication, []);
}

/** Replaces the signer's profile document hash. */
export async function updateProfile(client: CovenantClient, p: { profileHash: string }): Promise<TxResult> {
  const m = await client.writable(client.membership());
  return client.send(m.updateProfile, [p.profileHash]);
}

/** Gives notice of withdrawal; `earliestWithdrawal` is when the member may leave (unix seconds). */
export async function giveWithdrawalNotice(
  client: CovenantClient,
): Promise<TxResult & { earliestWithdrawal: bigint | null }> {
  const m = await client.writable(client.membership());
  const r = await client.send(m.giveWithdrawalNotice, []);
  const ev = r.events.find((e) => e.name === "WithdrawalNoticeGiven");
  return { ...r, earliestWithdrawal: ev ? BigInt(ev.args.earliestWithdrawal as bigint) : null };
}

/** Cancels the signer's pending withdrawal notice. */
export async function cancelWithdrawalNotice(client: CovenantClient): Promise<TxResult> {
  const m = await client.writable(client.membership());
  return client.send(m.cancelWithdrawalNotice, []);
}

/** Leaves the alliance after the notice period; the bond becomes withdrawable. */
export async function withdraw(client: CovenantClient): Promise<TxResult> {
  const m = await client.writable(client.membership());
  return client.send(m.withdraw, []);
}
