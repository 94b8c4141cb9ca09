import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";

/** Bytes of `data`; a string is taken as UTF-8 text (as a file holding that text would be). */
export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data;
}

/** SHA-256 of `data` as a 0x-prefixed bytes32 hex string: the same digits `sha256sum` prints. */
export function sha256Hex(data: Uint8Array | string): string {
  return "0x" + createHash("sha256").update(toBytes(data)).digest("hex");
}

/** SHA-256 of a file's bytes (e.g. the signed PDF of an agreement), 0x-prefixed. */
export async function sha256File(path: string): Promise<string> {
  return sha256Hex(await readFile(path));
}
