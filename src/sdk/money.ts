/**
 * Token amounts and typed values of the member-business surfaces (projects, treasury, IP,
 * licensing), with no chain access: amounts are typed in token units ("1250.50") and converted with
 * the settlement token's decimals (read by `tokenInfo` of sdk/actions/token.ts); ids, addresses,
 * basis points and shares are checked with messages naming the field; JSON output writes amounts in
 * token units.
 */
import { formatUnits, getAddress, isAddress, parseUnits } from "ethers";
import { inputError } from "./errors";

/** The settlement token as the commands print it. */
export interface TokenInfo {
  address: string;
  symbol: string;
  decimals: number;
}

const AMOUNT_RE = /^\d+(\.\d+)?$/;

/**
 * Parses an amount typed in token units ("1250.50", "3") with the token's decimals. Refuses signs,
 * exponents, thousands separators, more fractional digits than the token has and, unless `allowZero`,
 * zero.
 */
export function parseAmount(text: string, decimals: number, what = "amount", allowZero = false): bigint {
  const t = String(text).trim();
  if (!AMOUNT_RE.test(t)) {
    throw inputError(`${what} must be a number of token units like 1250.50, got "${text}"`);
  }
  const frac = t.split(".")[1] ?? "";
  if (frac.length > decimals) {
    throw inputError(`${what} ${t} has ${frac.length} decimals; the settlement token has ${decimals}`);
  }
  const v = parseUnits(t, decimals);
  if (v === 0n && !allowZero) throw inputError(`${what} must be above zero`);
  return v;
}

/** `1250.5 tCNY`: base units in token units with the symbol. */
export function formatAmount(value: bigint, token: Pick<TokenInfo, "symbol" | "decimals">): string {
  return `${formatUnits(value, token.decimals)} ${token.symbol}`;
}

/** Token units as a plain decimal string (for JSON and CSV): `formatUnits` without a trailing ".0". */
export function units(value: bigint, decimals: number): string {
  const s = formatUnits(value, decimals);
  return s.endsWith(".0") ? s.slice(0, -2) : s;
}

/** A checksummed address, or an input error naming `what`. */
export function parseAddress(text: string, what: string): string {
  if (typeof text !== "string" || !isAddress(text.trim())) {
    throw inputError(`${what} must be an address (0x followed by 40 hex digits), got "${String(text)}"`);
  }
  return getAddress(text.trim());
}

/** A positive integer id (decimal), or an input error naming `what`. */
export function parseId(text: string, what: string, allowZero = false): bigint {
  const t = String(text).trim();
  if (!/^\d+$/.test(t)) throw inputError(`${what} must be a whole number, got "${text}"`);
  const v = BigInt(t);
  if (v === 0n && !allowZero) throw inputError(`${what} must be 1 or more`);
  return v;
}

/** A basis-point figure 0..10000 (or 1..10000 with `positive`). */
export function parseBps(text: string | number, what: string, positive = true): number {
  const t = String(text).trim();
  if (!/^\d+$/.test(t)) throw inputError(`${what} must be basis points (0-10000), got "${text}"`);
  const v = Number(t);
  if (v > 10_000 || (positive && v === 0)) {
    throw inputError(`${what} must be ${positive ? "1" : "0"}-10000 basis points, got ${v}`);
  }
  return v;
}

/** `addr:bps` pairs (owners, beneficiaries) -> addresses and shares; no address twice. */
export function parseShares(pairs: string[], what: string): { accounts: string[]; bps: number[] } {
  const accounts: string[] = [];
  const bps: number[] = [];
  for (const p of pairs) {
    const m = /^\s*(0x[0-9a-fA-F]{40})\s*:\s*(\d+)\s*$/.exec(p);
    if (!m) throw inputError(`${what} must be written address:bps (e.g. 0xAb…12:4000), got "${p}"`);
    const a = getAddress(m[1]);
    if (accounts.includes(a)) throw inputError(`${what} names ${a} twice`);
    accounts.push(a);
    bps.push(parseBps(m[2], `the share of ${a}`));
  }
  return { accounts, bps };
}

/** ISO time (seconds precision) of a unix timestamp; null for 0. */
export function isoTime(t: bigint | number): string | null {
  const n = Number(t);
  return n === 0 ? null : new Date(n * 1000).toISOString().replace(".000Z", "Z");
}

/** Field names whose bigint values are token amounts (in base units) in the business SDK's results. */
export const AMOUNT_FIELDS = new Set([
  "approved",
  "needed",
  "amount",
  "budget",
  "grantAmount",
  "costDue",
  "contributed",
  "arrears",
  "paid",
  "open",
  "budgeted",
  "spent",
  "remaining",
  "projectSpent",
  "grantSpent",
  "projectBalance",
  "grantBalance",
  "grantReceived",
  "balance",
  "refunded",
  "received",
  "returned",
  "allianceFund",
  "bonds",
  "claimBonds",
  "projectAccounts",
  "grantAccounts",
  "royaltyPools",
  "withdrawable",
  "totalLiabilities",
  "tokenBalance",
  "surplus",
  "bond",
  "wallet",
  "allowanceToTreasury",
  "fee",
  "due",
  "revenue",
  "accrued",
  "directed",
  "claimed",
  "claimable",
  "accumulated",
  "royaltyPool",
  "minRoyalty",
  "upfrontFee",
]);

/**
 * A copy of `value` with every bigint under an {@link AMOUNT_FIELDS} key written in token units
 * ("1250.5") and every other bigint (ids, periods) as a decimal string: the JSON the commands print.
 */
export function inTokenUnits(value: unknown, decimals: number, key = ""): unknown {
  if (typeof value === "bigint") return AMOUNT_FIELDS.has(key) ? units(value, decimals) : value.toString();
  if (Array.isArray(value)) return value.map((v) => inTokenUnits(v, decimals, key));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, inTokenUnits(v, decimals, k)]),
    );
  }
  return value;
}
