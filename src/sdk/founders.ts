/**
 * The founders bootstrap of a freshly deployed suite (docs/deployment.md): a founders file names
 * the founding members (as the founding agreement does), the lead unit, the secretariat and the
 * people who hold the other roles. Each founder applies itself (`covenant member apply`: its own
 * bond, its own key); then the deployer, still holding COUNCIL and ADMIN, checks every application
 * against the file, grants the roles, admits the founders and names the lead unit and the
 * secretariat. Every step is skipped when already done, so an interrupted bootstrap is finished by
 * running it again. Used by `covenant deploy founders` and the CLI tests.
 */
import { getAddress, isAddress, type ContractRunner, type Signer } from "ethers";
import { AccessManager__factory, Membership__factory } from "../../typechain-types";
import { grantRoles, admitFounders, type SuiteAddresses } from "./deployment";
import { inputError, MEMBER_KIND, MEMBER_STATUS } from "./errors";
import { entityIdHash } from "./members";
import { ROLES, type RoleName } from "./roles";
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

/** What {@link bootstrapFounders} did (or found done). */
export interface BootstrapReport {
  admitted: string[];
  alreadyActive: string[];
  granted: { role: RoleName; account: string }[];
  leadUnit: string;
  secretariat: string;
}

/**
 * Checks the chain against the plan before anything is sent: the signer must still hold COUNCIL
 * and ADMIN (before the handover); each founder must have applied (or already be Active) with the
 * file's name, kind and, when given, entity id. Returns the founders still to admit.
 */
export async function checkFounders(
  runner: ContractRunner,
  book: SuiteAddresses,
  plan: FoundersPlan,
  signer: string,
): Promise<{ toAdmit: string[]; active: string[] }> {
  const manager = AccessManager__factory.connect(book.AccessManager, runner);
  const membership = Membership__factory.connect(book.Membership, runner);
  for (const role of ["COUNCIL", "ADMIN"] as const) {
    if (!(await manager.hasRole(ROLES[role], signer))[0]) {
      throw inputError(
        `${signer} does not hold ${role}: the founders are admitted by the deployer before the handover ` +
          "(after it, admissions are council decisions)",
      );
    }
  }
  const toAdmit: string[] = [];
  const active: string[] = [];
  for (const f of plan.founders) {
    const m = await membership.memberOf(f.address);
    const status = MEMBER_STATUS[Number(m.status)] ?? "None";
    if (status === "None")
      throw inputError(
        `founder ${f.name} (${f.address}) has not applied: it applies itself first (with its bond)`,
      );
    if (status !== "Applicant" && status !== "Active")
      throw inputError(`founder ${f.name} (${f.address}) is ${status}; a founder must be an Applicant`);
    const diffs: string[] = [];
    if (m.name !== f.name) diffs.push(`name on chain "${m.name}"`);
    if (MEMBER_KIND[Number(m.kind)] !== f.kind) diffs.push(`kind on chain ${MEMBER_KIND[Number(m.kind)]}`);
    if (f.entityId && m.entityId.toLowerCase() !== f.entityId.toLowerCase()) diffs.push("another entity id");
    if (diffs.length)
      throw inputError(
        `founder ${f.address}'s application differs from the file ("${f.name}", ${f.kind}): ${diffs.join(", ")}`,
      );
    (status === "Applicant" ? toAdmit : active).push(f.address);
  }
  return { toAdmit, active };
}

/**
 * The bootstrap (deployer, before the handover): grants the file's roles, admits the founders and
 * names the lead unit and the secretariat. Idempotent.
 */
export async function bootstrapFounders(
  deployer: Signer,
  book: SuiteAddresses,
  plan: FoundersPlan,
): Promise<BootstrapReport> {
  const me = await deployer.getAddress();
  const { toAdmit, active } = await checkFounders(deployer, book, plan, me);
  const manager = AccessManager__factory.connect(book.AccessManager, deployer);
  const granted: BootstrapReport["granted"] = [];
  for (const role of FOUNDER_FILE_ROLES) {
    for (const a of plan.roles[role]) {
      if (!(await manager.hasRole(ROLES[role], a))[0]) granted.push({ role, account: a });
    }
    await grantRoles(deployer, book, role, plan.roles[role]);
  }
  await admitFounders(
    deployer,
    book,
    plan.founders.map((f) => f.address),
    { leadUnit: plan.leadUnit, secretariat: plan.secretariat },
  );
  return {
    admitted: toAdmit,
    alreadyActive: active,
    granted,
    leadUnit: plan.leadUnit,
    secretariat: plan.secretariat,
  };
}
