import fs from "node:fs";
import path from "node:path";
import type { InterfaceAbi } from "ethers";

/**
 * Tests and scripts only: Hardhat's `artifacts/` of the last compile. The CLI never reads them (a
 * deployment takes its bytecode from the build's TypeChain factories, `src/node/deployables.ts`).
 */

/** The repository root (this file lives in `src/node/`). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Hardhat's artifacts of this project (`npx hardhat compile`). */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, "artifacts");

/** The compiled OpenZeppelin contracts shipped in the npm package (Governor, AccessManager, ...). */
const OZ_BUILD_DIR = path.join(REPO_ROOT, "node_modules", "@openzeppelin", "contracts", "build", "contracts");

interface Artifact {
  contractName: string;
  sourceName?: string;
  abi: InterfaceAbi;
  bytecode?: string;
}

let projectIndex: Map<string, string> | undefined;

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "build-info") walk(p, out);
    } else if (e.name.endsWith(".json") && !e.name.endsWith(".dbg.json")) {
      out.push(p);
    }
  }
}

/**
 * Every artifact file of this project by contract name. Project contracts (`artifacts/contracts`)
 * win over dependencies of the same name (`artifacts/@openzeppelin`).
 */
function index(): Map<string, string> {
  if (projectIndex) return projectIndex;
  const files: string[] = [];
  walk(path.join(ARTIFACTS_DIR, "@openzeppelin"), files);
  walk(path.join(ARTIFACTS_DIR, "contracts"), files);
  projectIndex = new Map();
  for (const f of files) projectIndex.set(path.basename(f, ".json"), f);
  return projectIndex;
}

function readArtifact(file: string): Artifact {
  return JSON.parse(fs.readFileSync(file, "utf8")) as Artifact;
}

/** The artifact of contract `name` from this project, or else from OpenZeppelin's build; undefined if neither has it. */
export function findArtifact(name: string): Artifact | undefined {
  const own = index().get(name);
  if (own) return readArtifact(own);
  const oz = path.join(OZ_BUILD_DIR, `${name}.json`);
  if (fs.existsSync(oz)) return readArtifact(oz);
  return undefined;
}

/** The ABI of the first of `names` that has an artifact; undefined if none has. */
export function abiOf(...names: string[]): InterfaceAbi | undefined {
  for (const n of names) {
    const a = findArtifact(n);
    if (a) return a.abi;
  }
  return undefined;
}

/** The ABIs of every project artifact under `artifacts/contracts` and `artifacts/@openzeppelin`. */
export function projectAbis(): InterfaceAbi[] {
  return [...index().values()].map((f) => readArtifact(f).abi);
}

/** The ABIs of the OpenZeppelin contracts whose errors users meet (governance, access, tokens). */
export function openZeppelinAbis(): InterfaceAbi[] {
  let names: string[];
  try {
    names = fs.readdirSync(OZ_BUILD_DIR).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  return names.map((f) => readArtifact(path.join(OZ_BUILD_DIR, f)).abi);
}
