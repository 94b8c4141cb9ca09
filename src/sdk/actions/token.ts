import { Contract } from "ethers";
import type { TestToken } from "../../../typechain-types";
import { CovenantClient, type TxResult } from "../client";
import { CovenantError } from "../errors";
import { formatAmount, type TokenInfo } from "../money";

/**
 * Settlement-token actions: the token's symbol and decimals, the one "approve only if the
 * allowance is short" step before a payment the Treasury pulls, a plain approval, and minting the
 * development chain's test token. Each is `(client, params) => result` over the client's send path.
 */

/** Symbol and decimals of the settlement token, read from the token itself. */
export async function tokenInfo(client: CovenantClient): Promise<TokenInfo> {
  const token = client.token();
  const [symbol, decimals] = await Promise.all([token.symbol(), token.decimals()]);
  return { address: client.address("SettlementToken"), symbol, decimals: Number(decimals) };
}

/** The outcome of {@link approveIfShort}: the approval sent, if one was needed. */
export interface Approval {
  spender: string;
  amount: bigint;
  tx: TxResult | null;
  /** The token, for words (absent when nothing was due). */
  token?: TokenInfo;
}

export interface AllowanceRequest {
  /** Who pulls the tokens (the Treasury). */
  spender: string;
  /** Exactly what the payment pulls; 0 needs nothing. */
  amount: bigint;
  /** What the payment is for, in the default words ("the bond", "installment 0 of project 3"). */
  purpose: string;
  /** When the allowance is short: approve `amount` (default), or refuse (`AllowanceShort`, nothing sent). */
  approve?: boolean;
  /** The token (default the suite's settlement token). */
  token?: string;
  /** Runs before an approval is sent, e.g. the payment's own simulation, so a refused payment approves nothing. */
  beforeApprove?: () => Promise<void>;
  /** Words of the two refusals, when a caller has its own. */
  wording?: {
    balanceShort?: (need: string, have: string, owner: string) => string;
    allowanceShort?: (have: string, need: string) => string;
  };
}

/**
 * The one "approve only if the allowance is short" step before a payment that `spender` pulls
 * from the signer: refuses when the signer's balance is short (`BalanceShort`, nothing sent);
 * approves exactly `amount` when the allowance is below it (or refuses with `AllowanceShort` when
 * `approve` is false). Both refusals are input errors whose `errorArgs` hold the amounts.
 */
export async function approveIfShort(client: CovenantClient, req: AllowanceRequest): Promise<Approval> {
  const { spender, amount } = req;
  if (amount === 0n) return { spender, amount, tx: null };
  const owner = await client.signerAddress();
  const token = (
    req.token
      ? new Contract(req.token, CovenantClient.abiFor("SettlementToken"), client.provider)
      : client.token()
  ) as TestToken;
  const [balance, allowance, info] = await Promise.all([
    token.balanceOf(owner),
    token.allowance(owner, spender),
    req.token ? tokenInfoAt(token) : tokenInfo(client),
  ]);
  const fmt = (v: bigint) => formatAmount(v, info);
  if (balance < amount) {
    const words =
      req.wording?.balanceShort?.(fmt(amount), fmt(balance), owner) ??
      `balance too low: ${req.purpose} needs ${fmt(amount)} but ${owner} holds ${fmt(balance)}`;
    throw new CovenantError(words, {
      kind: "input",
      errorName: "BalanceShort",
      errorArgs: { owner, need: amount, have: balance },
    });
  }
  if (allowance >= amount) return { spender, amount, tx: null, token: info };
  if (req.approve === false) {
    const words =
      req.wording?.allowanceShort?.(fmt(allowance), fmt(amount)) ??
      `insufficient allowance: ${spender} may take ${fmt(allowance)} of the ${fmt(amount)} ${req.purpose} needs`;
    throw new CovenantError(words, {
      kind: "input",
      errorName: "AllowanceShort",
      errorArgs: { owner, spender, need: amount, have: allowance },
    });
  }
  await req.beforeApprove?.();
  const w = await client.writable(token);
  const tx = await client.send(w.approve, [spender, amount]);
  return { spender, amount, tx, token: info };
}

async function tokenInfoAt(token: TestToken): Promise<TokenInfo> {
  const [decimals, symbol] = await Promise.all([token.decimals(), token.symbol()]);
  return { address: await token.getAddress(), decimals: Number(decimals), symbol } as TokenInfo;
}

/** The signer allows `spender` to take up to `amount` of the settlement token (an ERC-20 `approve`). */
export async function approveToken(
  client: CovenantClient,
  p: { spender: string; amount: bigint },
): Promise<TxResult> {
  const w = await client.writable(client.token());
  return client.send(w.approve, [p.spender, p.amount]);
}

/**
 * Development chains only: mints `amount` of the test settlement token (`TestToken.mint`, which
 * anyone may call there) to `to`. A real settlement token has no such function.
 */
export async function mintTestToken(
  client: CovenantClient,
  p: { to: string; amount: bigint },
): Promise<TxResult> {
  const w = await client.writable(client.testToken());
  return client.send(w.mint, [p.to, p.amount]);
}
