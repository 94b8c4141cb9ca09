/**
 * The founders bootstrap of a freshly deployed suite (docs/deployment.md): a founders file names
 * the founding members (as the founding agreement does), the lead unit, the secretariat and the
 * people who hold the other roles. Each founder applies itself (`covenant member apply`: its own
 * bond, its own key); then the deployer, still holding COUNCIL and ADMIN, checks every application
 * against the file, grants the roles, admits the founders and names the lead unit and the
 * secretariat. Every step is skipped when already done, so an interrupted bootstrap is finished by
 * running it again. Used by `covenant deploy founders` and the CLI tests.
 */
import { getAddress, isAddress, toUtf8Bytes, type ContractRunner, type Signer } from "ethers";
import { AccessManager__factory, Membership__factory } from "../../typechain-types";
import { grantRoles, admitFounders, type SuiteAddresses } from "./deployment";
import { inputError, MEMBER_KIND, MEMBER_STATUS } from "./errors";
import { entityIdHash } from "./members";
import { ROLES, type RoleName } from "./roles";

/** Roles a founders file may hand out (the others belong to the council or to module contracts). */
export const FOUNDER_FILE_ROLES = ["SECRETARIAT", "EXPERT", "SUPERVISOR", "ARBITRATOR"] as const;
export type FounderFileRole = (typeof FOUNDER_FILE_ROLES)[number];

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
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw bad("must be a JSON object");
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!["founders", "leadUnit", "secretariat", "roles"].includes(k))
      throw bad(`unknown field "${k}" (fields: founders, leadUnit, secretariat, roles)`);
  if (!Array.isArray(o.founders) || o.founders.length === 0)
    throw bad("founders must be a non-empty array of { name, kind, address[, entityId] }");
  const address = (v: unknown, where: string): string => {
    if (typeof v !== "string" || !isAddress(v))
      throw bad(`${where} must be an address, got ${JSON.stringify(v)}`);
    return getAddress(v);
  };
  const founders: Founder[] = o.founders.map((f: unknown, i: number) => {
    const at = `founders[${i}]`;
    if (!f || typeof f !== "object" || Array.isArray(f)) throw bad(`${at} must be an object`);
    const r = f as Record<string, unknown>;
    for (const k of Object.keys(r))
      if (!["name", "kind", "address", "entityId"].includes(k))
        throw bad(`${at} has an unknown field "${k}" (fields: name, kind, address, entityId)`);
    if (typeof r.name !== "string" || r.name.trim() === "")
      throw bad(`${at}.name must be a non-empty string`);
    if (toUtf8Bytes(r.name).length > 256) throw bad(`${at}.name is longer than 256 UTF-8 bytes`);
    const kind = MEMBER_KIND.find(
      (k) => typeof r.kind === "string" && k.toLowerCase() === r.kind.toLowerCase(),
    );
    if (!kind)
      throw bad(`${at}.kind must be one of ${MEMBER_KIND.join(", ")}, got ${JSON.stringify(r.kind)}`);
    let entityId: string | undefined;
    if (r.entityId !== undefined) {
      if (typeof r.entityId !== "string") throw bad(`${at}.entityId must be a string`);
      try {
        entityId = entityIdHash(r.entityId);
      } catch (e) {
        throw bad(`${at}.entityId: ${(e as Error).message}`);
      }
    }
    return { name: r.name, kind, address: address(r.address, `${at}.address`), entityId };
  });
  const seen = new Set<string>();
  for (const [i, f] of founders.entries()) {
    if (seen.has(f.address)) throw bad(`founders[${i}].address ${f.address} is listed twice`);
    seen.add(f.address);
  }
  let leadUnit: string;
  if (typeof o.leadUnit !== "string") throw bad("leadUnit must name one of the founders (address or name)");
  {
    const q = o.leadUnit;
    const hit = isAddress(q)
      ? founders.find((f) => f.address === getAddress(q))
      : founders.find((f) => f.name === q);
    if (!hit) throw bad(`leadUnit "${q}" is not one of the founders`);
    leadUnit = hit.address;
  }
  const secretariat = address(o.secretariat, "secretariat");
  const roles = Object.fromEntries(FOUNDER_FILE_ROLES.map((r) => [r, [] as string[]])) as Record<
    FounderFileRole,
    string[]
  >;
  if (o.roles !== undefined) {
    if (!o.roles || typeof o.roles !== "object" || Array.isArray(o.roles))
      throw bad("roles must be an object of role -> [addresses]");
    for (const [role, list] of Object.entries(o.roles as Record<string, unknown>)) {
      if (!(FOUNDER_FILE_ROLES as readonly string[]).includes(role))
        throw bad(`roles.${role}: only ${FOUNDER_FILE_ROLES.join(", ")} may be granted here`);
      if (!Array.isArray(list)) throw bad(`roles.${role} must be an array of addresses`);
      roles[role as FounderFileRole] = list.map((a, i) => address(a, `roles.${role}[${i}]`));
    }
  }
  if (!roles.SECRETARIAT.includes(secretariat)) roles.SECRETARIAT.unshift(secretariat);
  return { founders, leadUnit, secretariat, roles };
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
          "(after it, admissions are council decisions: covenant council propose-admission)",
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
        `founder ${f.name} (${f.address}) has not applied: it runs \`covenant member apply\` first (with its bond)`,
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
