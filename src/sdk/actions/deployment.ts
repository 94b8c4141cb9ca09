import { getAddress } from "ethers";
import type { CovenantClient, TxResult } from "../client";
import { inputError, MEMBER_STATUS } from "../errors";
import type { FoundersPlan } from "../founders";
import { memberView } from "../members";
import { FOUNDER_FILE_ROLES } from "../schemas";
import { BOOTSTRAP_ROLES, ROLES, TIMELOCK_HANDOVER_ROLES, TIMELOCK_ROLES, type RoleName } from "../roles";

/**
 * Deployment actions of a suite's life before its council takes over (docs/deployment.md): the
 * deployer, still holding ADMIN and COUNCIL, grants roles, admits the founders that applied, names
 * the lead unit and the secretariat (checked against a founders file first), then hands the suite
 * to the council's timelock. Every step is skipped when already done, so an interrupted bootstrap
 * or handover is finished by running it again. Each action is `(client, params) => result` over the
 * client's send path; `covenant deploy founders|handover`, the demo and the test fixtures use them.
 */

/** Grants `role` to each account (the deployer, while it holds ADMIN); skips holders. */
export async function grantRoles(
  client: CovenantClient,
  p: { role: RoleName; accounts: string[] },
): Promise<{ granted: string[]; txs: TxResult[] }> {
  const manager = client.accessManager();
  const w = await client.writable(manager);
  const granted: string[] = [];
  const txs: TxResult[] = [];
  for (const a of p.accounts) {
    if ((await manager.hasRole(ROLES[p.role], a))[0]) continue;
    txs.push(await client.send(w.grantRole, [ROLES[p.role], a, 0]));
    granted.push(getAddress(a));
  }
  return { granted, txs };
}

/**
 * Admits the founders that applied (the deployer, while it holds COUNCIL), then names the lead
 * unit and the secretariat when given; skips what is done.
 */
export async function admitFounders(
  client: CovenantClient,
  p: { founders: string[]; leadUnit?: string; secretariat?: string },
): Promise<{ admitted: string[]; txs: TxResult[] }> {
  const membership = client.membership();
  const w = await client.writable(membership);
  const admitted: string[] = [];
  const txs: TxResult[] = [];
  for (const f of p.founders) {
    if (MEMBER_STATUS[Number(await membership.statusOf(f))] !== "Applicant") continue;
    txs.push(await client.send(w.admit, [f]));
    admitted.push(getAddress(f));
  }
  if (p.leadUnit && (await membership.leadUnit()) !== getAddress(p.leadUnit))
    txs.push(await client.send(w.setLeadUnit, [p.leadUnit]));
  if (p.secretariat && (await membership.secretariat()) !== getAddress(p.secretariat))
    txs.push(await client.send(w.setSecretariat, [p.secretariat]));
  return { admitted, txs };
}

/** Where a suite stands in its handover: the roles of the timelock and of `deployer`. */
export interface HandoverState {
  timelockRoles: RoleName[];
  deployerRoles: RoleName[];
  /** The timelock administers itself (no one else holds its DEFAULT_ADMIN_ROLE). */
  timelockAdminsItself: boolean;
}

/** Where a suite stands in its handover, read from the chain. */
export async function handoverState(client: CovenantClient, p: { deployer: string }): Promise<HandoverState> {
  const manager = client.accessManager();
  const timelock = client.timelock();
  const timelockAddress = client.address("TimelockController");
  const timelockRoles: RoleName[] = [];
  const deployerRoles: RoleName[] = [];
  for (const name of Object.keys(ROLES) as RoleName[]) {
    if ((await manager.hasRole(ROLES[name], timelockAddress))[0]) timelockRoles.push(name);
    if ((await manager.hasRole(ROLES[name], p.deployer))[0]) deployerRoles.push(name);
  }
  const adminRole = await timelock.DEFAULT_ADMIN_ROLE();
  const timelockAdminsItself =
    (await timelock.hasRole(adminRole, timelockAddress)) && !(await timelock.hasRole(adminRole, p.deployer));
  return { timelockRoles, deployerRoles, timelockAdminsItself };
}

/**
 * The handover: the council (its timelock) becomes the AccessManager's only ADMIN and the signer
 * (the deployer) renounces every role it holds (COUNCIL, SECRETARIAT or any other granted during
 * the bootstrap, ADMIN last). Each step is skipped when done; a finished handover sends nothing
 * (`alreadyDone`). Refused (nothing sent) while the alliance has no active member: nobody could
 * vote afterwards.
 */
export async function handover(client: CovenantClient): Promise<{ alreadyDone: boolean; txs: TxResult[] }> {
  const me = await client.signerAddress();
  const manager = client.accessManager();
  const timelock = client.address("TimelockController");
  const before = await handoverState(client, { deployer: me });
  if (before.timelockRoles.includes("ADMIN") && before.deployerRoles.length === 0)
    return { alreadyDone: true, txs: [] };
  if ((await client.membership().activeCount()) === 0n)
    throw inputError("no active member yet: admit the founders first (covenant deploy founders <file>)");
  if (!before.timelockRoles.includes("ADMIN") && !before.deployerRoles.includes("ADMIN"))
    throw inputError(`${me} holds no ADMIN role: the handover is run by the deployer`);
  const w = await client.writable(manager);
  const txs: TxResult[] = [];
  for (const role of [...TIMELOCK_ROLES, ...TIMELOCK_HANDOVER_ROLES]) {
    if (!(await manager.hasRole(ROLES[role], timelock))[0])
      txs.push(await client.send(w.grantRole, [ROLES[role], timelock, 0]));
  }
  const others = (Object.keys(ROLES) as RoleName[]).filter((r) => !BOOTSTRAP_ROLES.includes(r));
  for (const role of [...others, ...BOOTSTRAP_ROLES]) {
    if ((await manager.hasRole(ROLES[role], me))[0])
      txs.push(await client.send(w.renounceRole, [ROLES[role], me]));
  }
  return { alreadyDone: false, txs };
}

/**
 * Checks the chain against a founders plan before anything is sent: the signer must still hold
 * COUNCIL and ADMIN (before the handover); each founder must have applied (or already be Active)
 * with the file's name, kind and, when given, entity id. Returns the founders still to admit.
 */
export async function checkFounders(
  client: CovenantClient,
  p: { plan: FoundersPlan; signer?: string },
): Promise<{ toAdmit: string[]; active: string[] }> {
  const signer = p.signer ?? (await client.signerAddress());
  const manager = client.accessManager();
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
  for (const f of p.plan.founders) {
    const m = await memberView(client, f.address);
    const status = m.status;
    if (status === "None")
      throw inputError(
        `founder ${f.name} (${f.address}) has not applied: it applies itself first (with its bond)`,
      );
    if (status !== "Applicant" && status !== "Active")
      throw inputError(`founder ${f.name} (${f.address}) is ${status}; a founder must be an Applicant`);
    const diffs: string[] = [];
    if (m.name !== f.name) diffs.push(`name on chain "${m.name}"`);
    if (m.kind !== f.kind) diffs.push(`kind on chain ${m.kind}`);
    if (f.entityId && m.entityId.toLowerCase() !== f.entityId.toLowerCase()) diffs.push("another entity id");
    if (diffs.length)
      throw inputError(
        `founder ${f.address}'s application differs from the file ("${f.name}", ${f.kind}): ${diffs.join(", ")}`,
      );
    (status === "Applicant" ? toAdmit : active).push(f.address);
  }
  return { toAdmit, active };
}

/** What {@link bootstrapFounders} did (or found done). */
export interface BootstrapReport {
  admitted: string[];
  alreadyActive: string[];
  granted: { role: RoleName; account: string }[];
  leadUnit: string;
  secretariat: string;
  txs: TxResult[];
}

/**
 * The bootstrap (the deployer, before the handover): checks the plan ({@link checkFounders}), grants
 * the file's roles, admits the founders and names the lead unit and the secretariat. Idempotent.
 */
export async function bootstrapFounders(
  client: CovenantClient,
  p: { plan: FoundersPlan },
): Promise<BootstrapReport> {
  const { plan } = p;
  const { toAdmit, active } = await checkFounders(client, { plan });
  const granted: BootstrapReport["granted"] = [];
  const txs: TxResult[] = [];
  for (const role of FOUNDER_FILE_ROLES) {
    const r = await grantRoles(client, { role, accounts: plan.roles[role] });
    granted.push(...r.granted.map((account) => ({ role, account })));
    txs.push(...r.txs);
  }
  const admitted = await admitFounders(client, {
    founders: plan.founders.map((f) => f.address),
    leadUnit: plan.leadUnit,
    secretariat: plan.secretariat,
  });
  txs.push(...admitted.txs);
  return {
    admitted: toAdmit,
    alreadyActive: active,
    granted,
    leadUnit: plan.leadUnit,
    secretariat: plan.secretariat,
    txs,
  };
}
