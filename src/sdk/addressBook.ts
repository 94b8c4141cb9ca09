import fs from "node:fs";
import path from "node:path";
import { getAddress, isAddress } from "ethers";
import { REPO_ROOT } from "./artifacts";
import { chainError, inputError } from "./errors";

/**
 * The contracts of one alliance suite, by the name the SDK knows them. The settlement token is
 * stored under "SettlementToken" (on dev chains a `TestToken`).
 */
export const CONTRACT_NAMES = [
  "AccessManager",
  "SettlementToken",
  "Treasury",
  "Membership",
  "AllianceGovernor",
  "TimelockController",
  "AgreementRegistry",
  "ProjectRegistry",
  "ProjectFunding",
  "ProjectSpending",
  "IPRegistry",
  "LicenseManager",
  "LicenseProposals",
  "DisputeResolution",
  "RemedyExecution",
  "BreachHistory",
  "PanelArbitrator",
] as const;

export type ContractName = (typeof CONTRACT_NAMES)[number];

/** `deployments/<chainId>.json`: where one suite lives on one chain. */
export interface AddressBook {
  chainId: number;
  contracts: Partial<Record<ContractName, string>>;
  /** ISO 8601 time of the deployment. */
  deployedAt: string;
  /** The block of the deployment's first transaction (event scans start there), when known. */
  deployedBlock?: number;
  /** The account that deployed the suite (`covenant deploy show` checks it kept no role), when known. */
  deployer?: string;
}

/** The folder holding the address books: `$COVENANT_DEPLOYMENTS_DIR`, else `<repo>/deployments`. */
export function deploymentsDir(): string {
  const env = process.env.COVENANT_DEPLOYMENTS_DIR;
  return env ? path.resolve(env) : path.join(REPO_ROOT, "deployments");
}

export function addressBookPath(chainId: number | bigint, dir = deploymentsDir()): string {
  return path.join(dir, `${chainId.toString()}.json`);
}

/** Checks the shape of a parsed address book; throws an input error naming the first problem. */
export function parseAddressBook(raw: unknown, file: string): AddressBook {
  const bad = (why: string) => inputError(`malformed address book ${file}: ${why}`);
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw bad("not a JSON object");
  const o = raw as Record<string, unknown>;
  if (typeof o.chainId !== "number" || !Number.isSafeInteger(o.chainId) || o.chainId <= 0) {
    throw bad("chainId must be a positive integer");
  }
  if (!o.contracts || typeof o.contracts !== "object" || Array.isArray(o.contracts)) {
    throw bad("contracts must be an object of name -> address");
  }
  const contracts: Partial<Record<ContractName, string>> = {};
  for (const [name, addr] of Object.entries(o.contracts as Record<string, unknown>)) {
    // names this SDK does not know yet are kept (a newer deployment may add contracts)
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw bad(`"${name}" is not a contract name`);
    if (typeof addr !== "string" || !isAddress(addr)) throw bad(`${name} is not an address`);
    contracts[name as ContractName] = getAddress(addr);
  }
  const deployedAt = typeof o.deployedAt === "string" ? o.deployedAt : "";
  const book: AddressBook = { chainId: o.chainId, contracts, deployedAt };
  if (o.deployedBlock !== undefined) {
    if (typeof o.deployedBlock !== "number" || !Number.isSafeInteger(o.deployedBlock) || o.deployedBlock < 0)
      throw bad("deployedBlock must be a block number");
    book.deployedBlock = o.deployedBlock;
  }
  if (o.deployer !== undefined) {
    if (typeof o.deployer !== "string" || !isAddress(o.deployer)) throw bad("deployer is not an address");
    book.deployer = getAddress(o.deployer);
  }
  return book;
}

/**
 * Reads the address book of `chainId`. A missing file means no suite is known on that chain
 * (usually the wrong network): a chain error.
 */
export function readAddressBook(chainId: number | bigint, dir = deploymentsDir()): AddressBook {
  const file = addressBookPath(chainId, dir);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw chainError(
      `no Covenant suite is known on chain ${chainId.toString()} (no ${file}); wrong network?`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw inputError(`malformed address book ${file}: not valid JSON`);
  }
  const book = parseAddressBook(raw, file);
  if (BigInt(book.chainId) !== BigInt(chainId)) {
    throw inputError(
      `malformed address book ${file}: it is for chain ${book.chainId}, not ${chainId.toString()}`,
    );
  }
  return book;
}

/** Writes (replacing) the address book of `book.chainId`; returns the file written. */
export function writeAddressBook(book: AddressBook, dir = deploymentsDir()): string {
  const checked = parseAddressBook(book, "(to write)");
  fs.mkdirSync(dir, { recursive: true });
  const file = addressBookPath(checked.chainId, dir);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(checked, null, 2) + "\n");
  fs.renameSync(tmp, file);
  return file;
}
