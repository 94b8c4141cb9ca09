import fs from "node:fs";
import path from "node:path";
import { parseAddressBook, type AddressBook } from "../sdk/addressBook";
import { chainError, inputError } from "../sdk/errors";
import { processEnv, type Env } from "./env";

/** The folder holding the address books: `$COVENANT_DEPLOYMENTS_DIR`, else `./deployments` of the current folder. */
export function deploymentsDir(env: Env = processEnv()): string {
  const dir = env.COVENANT_DEPLOYMENTS_DIR;
  return path.resolve(dir ?? "deployments");
}

export function addressBookPath(chainId: number | bigint, dir = deploymentsDir()): string {
  return path.join(dir, `${chainId.toString()}.json`);
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
