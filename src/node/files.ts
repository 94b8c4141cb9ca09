import fs from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { inputError } from "../sdk/errors";
import { sha256Hex, type FileReader } from "../sdk/hash";
import { parseProposal, type ProposalContext } from "../sdk/projectProposal";
import type { ProjectProposalInput } from "../sdk/projectTerms";

/** Reads a local file the user named; an input error if it is missing, a folder or (unless allowed) empty. */
export function readUserFile(file: string, what: string, allowEmpty = false): Buffer {
  let data: Buffer;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw inputError(`the ${what} ${file} is a folder, not a file`);
    data = fs.readFileSync(file);
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") throw inputError(`the ${what} ${file} does not exist`);
    if (e instanceof Error && e.name === "CovenantError") throw e;
    throw inputError(`cannot read the ${what} ${file}`);
  }
  if (!allowEmpty && data.length === 0) throw inputError(`the ${what} ${file} is empty`);
  return data;
}

/** SHA-256 of a local file's bytes named by the user, 0x-hex (equal to `sha256sum <file>`). */
export function sha256UserFile(file: string, what: string): string {
  return sha256Hex(readUserFile(file, what));
}

/** SHA-256 of a file's bytes (e.g. the signed PDF of an agreement), 0x-prefixed. */
export async function sha256File(path: string): Promise<string> {
  return sha256Hex(await readFile(path));
}

/**
 * The Node {@link FileReader} the SDK takes: reads `file` (relative paths from `baseDir`, default
 * the working folder); an input error naming `what` and the file as given when it is missing,
 * unreadable or empty.
 */
export function fileReader(baseDir?: string): FileReader {
  return (file: string, what: string) => {
    const full = baseDir === undefined ? file : path.resolve(baseDir, file);
    let data: Buffer;
    try {
      data = fs.readFileSync(full);
    } catch {
      throw inputError(`${what} ${file} does not exist or cannot be read`);
    }
    if (data.length === 0) throw inputError(`${what} ${file} is empty`);
    return data;
  };
}

/** Reads and parses a project proposal file; relative document paths are resolved from its folder. */
export function readProposalFile(file: string, ctx: ProposalContext): ProjectProposalInput {
  let body: string;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw inputError(`the proposal file ${file} is a folder, not a file`);
    body = fs.readFileSync(file, "utf8");
  } catch (e) {
    if (e instanceof Error && e.name === "CovenantError") throw e;
    throw inputError(`the proposal file ${file} does not exist or cannot be read`);
  }
  return parseProposal(body, ctx, fileReader(path.dirname(path.resolve(file))));
}
