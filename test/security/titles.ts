import fs from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");

/** The `it(...)` and `describe(...)` titles of a test file. */
export function titlesOf(file: string): Set<string> {
  const src = fs.readFileSync(path.join(ROOT, file), "utf8");
  return new Set([...src.matchAll(/\b(?:it|describe)\(\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]));
}
