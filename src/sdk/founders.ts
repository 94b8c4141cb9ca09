/**
 * The founders file of a freshly deployed suite (docs/deployment.md): it names the founding members
 * (as the founding agreement does), the lead unit, the secretariat and the people who hold the other
 * roles. Each founder applies itself (`covenant member apply`: its own bond, its own key); then the
 * deployer, still holding COUNCIL and ADMIN, runs the bootstrap (`checkFounders`,
 * `bootstrapFounders` of sdk/actions/deployment.ts) against the plan parsed here.
 */
import { getAddress, isAddress } from "ethers";
import { inputError, MEMBER_KIND } from "./errors";
import { entityIdHash } from "./members";
import type { z } from "zod";
import { checkWith, FOUNDER_FILE_ROLES, FoundersFileSchema } from "./schemas";

export { FOUNDER_FILE_ROLES };
export type FounderFileRole = (typeof FOUNDER_FILE_ROLES)[number];

/** A founders file as written (type of `FoundersFileSchema`). */
export type FoundersFile = z.infer<typeof FoundersFileSchema>;

export interface Founder {
  name: string;
  kind: (typeof MEMBER_KIND)[number];
  address: string;
  /** The entity id's hash when the file gives the code (checked against the application). */
  entityId?: string;
}

/** A checked founders file. */
export interface FoundersPlan {
  founders: Founder[];
  leadUnit: string;
  secretariat: string;
  roles: Record<FounderFileRole, string[]>;
}

/**
 * Parses and checks a founders file:
 *
 * ```json
 * { "founders": [ { "name": "中国第一汽车集团", "kind": "Enterprise", "address": "0x…", "entityId": "91220101…" }, … ],
 *   "leadUnit": "0x… or a founder's name", "secretariat": "0x…",
 *   "roles": { "EXPERT": ["0x…"], "SUPERVISOR": ["0x…"], "ARBITRATOR": ["0x…"] } }
 * ```
 * Every problem is an input error naming the field (`founders[2].kind`, ...).
 */
export function parseFoundersFile(text: string, file: string): FoundersPlan {
  const bad = (why: string) => inputError(`founders file ${file}: ${why}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw bad("not valid JSON");
  }
  const f: FoundersFile = checkWith(FoundersFileSchema, raw, `founders file ${file}`);
  const founders: Founder[] = f.founders.map((r, i) => {
    let entityId: string | undefined;
    if (r.entityId !== undefined) {
      try {
        entityId = entityIdHash(r.entityId);
      } catch (e) {
        throw bad(`founders[${i}].entityId: ${(e as Error).message}`);
      }
    }
    return { name: r.name, kind: r.kind, address: r.address, entityId };
  });
  const seen = new Set<string>();
  for (const [i, x] of founders.entries()) {
    if (seen.has(x.address)) throw bad(`founders[${i}].address ${x.address} is listed twice`);
    seen.add(x.address);
  }
  const q = f.leadUnit;
  const hit = isAddress(q)
    ? founders.find((x) => x.address === getAddress(q))
    : founders.find((x) => x.name === q);
  if (!hit) throw bad(`leadUnit "${q}" is not one of the founders`);
  const roles = Object.fromEntries(FOUNDER_FILE_ROLES.map((r) => [r, [...(f.roles?.[r] ?? [])]])) as Record<
    FounderFileRole,
    string[]
  >;
  if (!roles.SECRETARIAT.includes(f.secretariat)) roles.SECRETARIAT.unshift(f.secretariat);
  return { founders, leadUnit: hit.address, secretariat: f.secretariat, roles };
}
