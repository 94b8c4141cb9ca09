import { sha256 } from "ethers";

/** Bytes of `data`; a string is taken as UTF-8 text (as a file holding that text would be). */
export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data;
}

/** SHA-256 of `data` as a 0x-prefixed bytes32 hex string: the same digits `sha256sum` prints. */
export function sha256Hex(data: Uint8Array | string): string {
  return sha256(toBytes(data));
}

/**
 * Reads a file the SDK was told about (a document named in a proposal, an `@file` argument) and
 * returns its bytes; the caller supplies it (Node: src/node/files.ts; a web page: a File it was given).
 * It throws an input error naming `what` when the file cannot be read.
 */
export type FileReader = (file: string, what: string) => Uint8Array;

/** Length in bytes of `text` as UTF-8. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
