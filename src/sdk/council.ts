/**
 * Council proposals beyond admission (docs/cli.md, `covenant council`): which functions the
 * council may call (every function `src/sdk/roles.ts` maps to a role its timelock holds — COUNCIL,
 * DISCIPLINE, ADMIN — plus the AccessManager's own admin functions, ADMIN being the council's after
 * the handover), parsing `Contract.function` and its arguments against the ABI, and the list of
 * proposals from `ProposalCreated` events in bounded scans.
 */
import { getAddress, Interface, isAddress, isHexString, type FunctionFragment, type ParamType } from "ethers";
import { CovenantClient } from "./client";
import type { ContractName } from "./addressBook";
import { LOG_CHUNK } from "./claims";
import { inputError } from "./errors";
import { PROPOSAL_CREATED_ABI, proposalStateName, type GovernorContract } from "./governor";
import { sha256Hex, type FileReader } from "./hash";
import { ROLE_TABLE, ROLES, TIMELOCK_HANDOVER_ROLES, TIMELOCK_ROLES, type RoleName } from "./roles";

/** Roles the council's timelock holds (after the handover). */
export const COUNCIL_HELD_ROLES: readonly RoleName[] = [...TIMELOCK_ROLES, ...TIMELOCK_HANDOVER_ROLES];

/** The AccessManager's own functions, callable only by an ADMIN (the council after the handover). */
export const ACCESS_MANAGER_ADMIN_FUNCTIONS = [
  "grantRole",
  "revokeRole",
  "labelRole",
  "setRoleAdmin",
  "setRoleGuardian",
  "setGrantDelay",
  "setTargetFunctionRole",
  "setTargetAdminDelay",
  "setTargetClosed",
  "updateAuthority",
] as const;

export interface CouncilPower {
  contract: ContractName;
  fn: string;
  role: RoleName;
}

/** Every function the council may propose, with the role it needs. */
export function councilPowers(): CouncilPower[] {
  const out: CouncilPower[] = [];
  for (const row of ROLE_TABLE) {
    if (!COUNCIL_HELD_ROLES.includes(row.role)) continue;
    for (const fn of row.functions) out.push({ contract: row.contract, fn, role: row.role });
  }
  for (const fn of ACCESS_MANAGER_ADMIN_FUNCTIONS) out.push({ contract: "AccessManager", fn, role: "ADMIN" });
  return out;
}

/** A council action chosen on the command line, resolved against the ABI. */
export interface CouncilFunction {
  contract: ContractName;
  role: RoleName;
  fragment: FunctionFragment;
  iface: Interface;
}

/**
 * Resolves `Contract.function` (or `Contract.function(type,…)` for an overloaded name). Refuses an
 * unknown contract, an unknown function and a function that is not a council power, naming the
 * council powers of that contract.
 */
export function resolveCouncilFunction(spec: string): CouncilFunction {
  const m = /^([A-Za-z][A-Za-z0-9]*)\.([A-Za-z_][A-Za-z0-9_]*)(\(.*\))?$/.exec(spec.trim());
  if (!m) throw inputError(`"${spec}" is not Contract.function (e.g. Membership.suspend)`);
  const [, contract, fn, sig] = m;
  const powers = councilPowers();
  const contracts = [...new Set(powers.map((p) => p.contract))];
  if (!contracts.includes(contract as ContractName))
    throw inputError(
      `${contract} has no council powers; contracts with council powers: ${contracts.join(", ")}`,
    );
  const iface = new Interface(CovenantClient.abiFor(contract as ContractName));
  const candidates = iface.fragments.filter(
    (f): f is FunctionFragment => f.type === "function" && (f as FunctionFragment).name === fn,
  );
  const own = powers.filter((p) => p.contract === contract).map((p) => p.fn);
  if (candidates.length === 0)
    throw inputError(`${contract} has no function ${fn}; its council powers: ${own.join(", ")}`);
  const power = powers.find((p) => p.contract === contract && p.fn === fn);
  if (!power)
    throw inputError(
      `${contract}.${fn} is not a council power (not mapped to ${COUNCIL_HELD_ROLES.join(", ")}); ${contract}'s council powers: ${own.join(", ")}`,
    );
  let fragment = candidates[0];
  if (sig) {
    const hit = candidates.find((f) => f.format("sighash") === `${fn}${sig.replace(/\s+/g, "")}`);
    if (!hit)
      throw inputError(
        `${contract} has no ${fn}${sig}; it has ${candidates.map((f) => f.format("sighash")).join(", ")}`,
      );
    fragment = hit;
  } else if (candidates.length > 1) {
    throw inputError(
      `${contract}.${fn} is overloaded: write one of ${candidates.map((f) => `${contract}.${f.format("sighash")}`).join(", ")}`,
    );
  }
  return { contract: contract as ContractName, role: power.role, fragment, iface };
}

/** Resolves an address argument that may be a member (name, entity id) or a suite contract name. */
export type AddressResolver = (text: string) => Promise<string>;

/** Integer parameters that hold a role id (AccessManager: roleId, admin, guardian): role names accepted. */
const ROLE_ID_PARAMS = /role|^admin$|^guardian$/i;

/** `name:type` of a parameter, for messages. */
const describeParam = (p: ParamType, i: number) => `argument ${i + 1} (${p.name || "arg"}: ${p.type})`;

async function coerce(
  p: ParamType,
  text: string,
  where: string,
  resolve: AddressResolver,
  readFile?: FileReader,
): Promise<unknown> {
  const t = p.baseType;
  if (t === "array") {
    let items: unknown[];
    const s = text.trim();
    if (s.startsWith("[")) {
      try {
        items = JSON.parse(s) as unknown[];
      } catch {
        throw inputError(`${where}: not a JSON array`);
      }
      if (!Array.isArray(items)) throw inputError(`${where}: not a JSON array`);
    } else {
      items = s === "" ? [] : s.split(",");
    }
    if (p.arrayLength !== null && p.arrayLength >= 0 && items.length !== p.arrayLength)
      throw inputError(`${where}: needs exactly ${p.arrayLength} items, got ${items.length}`);
    return Promise.all(
      items.map((x, i) => coerce(p.arrayChildren!, String(x), `${where}[${i}]`, resolve, readFile)),
    );
  }
  if (t === "tuple") {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw inputError(`${where}: a struct is written as a JSON array or object`);
    }
  }
  if (t === "address") {
    if (isAddress(text)) return getAddress(text);
    return resolve(text);
  }
  if (t === "bool") {
    if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
    throw inputError(`${where}: must be true or false, got "${text}"`);
  }
  if (t === "string") return text;
  if (/^u?int\d*$/.test(t)) {
    const upper = text.toUpperCase();
    if (ROLE_ID_PARAMS.test(p.name) && upper in ROLES) return ROLES[upper as RoleName];
    if (!/^(-?\d+|0x[0-9a-fA-F]+)$/.test(text))
      throw inputError(
        `${where}: must be a number${ROLE_ID_PARAMS.test(p.name) ? " or a role name (" + Object.keys(ROLES).join(", ") + ")" : ""}, got "${text}"`,
      );
    const v = BigInt(text);
    const bits = Number(/\d+$/.exec(t)?.[0] ?? 256);
    const signed = t.startsWith("int");
    const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
    const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
    if (v < min || v > max) throw inputError(`${where}: ${text} does not fit in ${t}`);
    return v;
  }
  if (/^bytes\d+$/.test(t)) {
    const size = Number(t.slice(5));
    if (text.startsWith("@")) {
      if (size !== 32) throw inputError(`${where}: @file (a SHA-256) fits only a bytes32`);
      const file = text.slice(1);
      if (!readFile) throw inputError(`${where}: @file is not available here`);
      return sha256Hex(readFile(file, `${where}: the file`));
    }
    if (size === 4 && /^[A-Za-z_][A-Za-z0-9_]*\(.*\)$/.test(text))
      return Interface.from([`function ${text}`]).getFunction(text.split("(")[0])!.selector;
    if (!isHexString(text, size))
      throw inputError(
        `${where}: must be 0x and ${size * 2} hex digits${size === 32 ? " or @<file> (its SHA-256)" : ""}`,
      );
    return text;
  }
  if (t === "bytes") {
    if (!isHexString(text)) throw inputError(`${where}: must be 0x-hex bytes`);
    return text;
  }
  throw inputError(`${where}: the type ${p.type} is not supported on the command line`);
}

/**
 * Checks the argument count and each argument's shape against the ABI and returns the calldata.
 * Addresses may be members (address, entity id, exact name) or suite contract names; bytes32 may be
 * `@<file>` (the SHA-256 of its bytes, e.g. a reason document); role ids may be role names.
 */
export async function encodeCouncilCall(
  f: CouncilFunction,
  args: string[],
  resolve: AddressResolver,
  readFile?: FileReader,
): Promise<{ calldata: string; values: unknown[] }> {
  const inputs = f.fragment.inputs;
  if (args.length !== inputs.length) {
    const usage = inputs.map((p) => `<${p.name || "arg"}:${p.type}>`).join(" ");
    throw inputError(
      `${f.contract}.${f.fragment.name} takes ${inputs.length} argument${inputs.length === 1 ? "" : "s"} (${usage || "none"}), got ${args.length}`,
    );
  }
  const values: unknown[] = [];
  for (const [i, p] of inputs.entries())
    values.push(await coerce(p, args[i], describeParam(p, i), resolve, readFile));
  try {
    return { calldata: f.iface.encodeFunctionData(f.fragment, values), values };
  } catch (e) {
    throw inputError(
      `${f.contract}.${f.fragment.name}: the arguments do not fit the ABI (${(e as Error).message.split(" (")[0]})`,
    );
  }
}

/** One proposal as `council list` shows it. */
export interface ProposalSummary {
  proposalId: bigint;
  state: string;
  proposer: string;
  description: string;
  actions: number;
  block: number;
}

const PROPOSAL_CREATED = new Interface([PROPOSAL_CREATED_ABI]);

/**
 * Every proposal of the governor, oldest first, from its `ProposalCreated` events, scanning from
 * `fromBlock` in chunks of {@link LOG_CHUNK} blocks.
 */
export async function listProposals(
  client: CovenantClient,
  governor: GovernorContract,
  fromBlock: number,
): Promise<ProposalSummary[]> {
  const latest = await client.provider.getBlockNumber();
  const address = await governor.getAddress();
  const topic = PROPOSAL_CREATED.getEvent("ProposalCreated")!.topicHash;
  const out: ProposalSummary[] = [];
  for (let from = fromBlock; from <= latest; from += LOG_CHUNK) {
    const logs = await client.provider.getLogs({
      address,
      topics: [topic],
      fromBlock: from,
      toBlock: Math.min(latest, from + LOG_CHUNK - 1),
    });
    for (const log of logs) {
      const p = PROPOSAL_CREATED.parseLog(log);
      if (!p) continue;
      const id = p.args.proposalId as bigint;
      out.push({
        proposalId: id,
        state: proposalStateName(await governor.state(id)),
        proposer: getAddress(p.args.proposer as string),
        description: p.args.description as string,
        actions: (p.args.targets as string[]).length,
        block: log.blockNumber,
      });
    }
  }
  return out;
}
