import type { Command } from "commander";
import { Option } from "commander";
import type { ContractName } from "../../sdk/addressBook";
import { scanStart } from "../../sdk/claims";
import type { CovenantClient } from "../../sdk/client";
import {
  councilPowers,
  encodeCouncilCall,
  listProposals,
  resolveCouncilFunction,
  type CouncilFunction,
} from "../../sdk/council";
import { explain, inputError, PROPOSAL_STATE } from "../../sdk/errors";
import {
  parseProposalId,
  parseSupport,
  proposalDetails,
  proposalStateName,
  renderTimepoint,
  usesTimestamps,
  type GovernorContract,
} from "../../sdk/governor";
import { findMember, type MemberStatusName, type MemberView } from "../../sdk/members";
import { ROLES } from "../../sdk/roles";
import { sha256File, type Context } from "../context";
import { act } from "../program";
import { fileReader } from "../../node/files";
import { advanceProposal, castVote, proposeCall as proposeCallAction } from "../../sdk/actions/council";
import { NOUN_DESCRIPTIONS } from "../nouns";

async function connectGovernor(
  ctx: Context,
): Promise<{ client: CovenantClient; governor: GovernorContract }> {
  const client = await ctx.client();
  await client.requireDeployed("AllianceGovernor");
  return { client, governor: client.governor() };
}

/** Reads a proposal's state, or an input error if there is no such proposal (checked before anything is sent). */
async function stateOf(client: CovenantClient, governor: GovernorContract, id: bigint): Promise<string> {
  try {
    return proposalStateName(await governor.state(id));
  } catch (e) {
    throw explain(e, { rpc: client.rpcUrl });
  }
}

/** "Membership.admit(applicant=0x...)" for each action of a proposal, decoded with the suite's ABIs. */
function describeActions(client: CovenantClient, targets: string[], calldatas: string[]): string[] {
  const names = new Map(Object.entries(client.book.contracts).map(([n, a]) => [a!.toLowerCase(), n]));
  const ifaces = client.suiteInterfaces();
  return targets.map((t, i) => {
    const who = names.get(t.toLowerCase()) ?? t;
    for (const iface of ifaces) {
      const f = iface.parseTransaction({ data: calldatas[i] });
      if (f) {
        const args = f.fragment.inputs.map((p, j) => `${p.name}=${String(f.args[j])}`).join(", ");
        return `${who}.${f.name}(${args})`;
      }
    }
    return `${who} ${calldatas[i].slice(0, 10)}…`;
  });
}

/** The membership decisions offered as named commands (each a Membership function about one member). */
const MEMBER_DECISIONS: {
  command: string;
  fn: string;
  title: string;
  verb: string;
  summary: string;
  from: MemberStatusName[];
  reason: boolean;
}[] = [
  {
    command: "propose-suspension",
    fn: "suspend",
    title: "Suspend",
    verb: "suspended",
    summary:
      "propose suspending an active member (Membership.suspend; the reason file's SHA-256 goes on chain)",
    from: ["Active"],
    reason: true,
  },
  {
    command: "propose-reinstatement",
    fn: "reinstate",
    title: "Reinstate",
    verb: "reinstated",
    summary: "propose reinstating a suspended member (Membership.reinstate)",
    from: ["Suspended"],
    reason: false,
  },
  {
    command: "propose-expulsion",
    fn: "expel",
    title: "Expel",
    verb: "expelled",
    summary:
      "propose expelling an active or suspended member (Membership.expel; the reason file's SHA-256 goes on chain)",
    from: ["Active", "Suspended"],
    reason: true,
  },
  {
    command: "propose-rejection",
    fn: "rejectApplication",
    title: "Reject the application of",
    verb: "rejected",
    summary: "propose rejecting an application (Membership.rejectApplication; the bond goes back)",
    from: ["Applicant"],
    reason: true,
  },
];

/** Finds a member and checks its status before anything is sent. */
async function memberIn(
  client: CovenantClient,
  query: string,
  from: MemberStatusName[],
  verb: string,
): Promise<MemberView> {
  await client.requireDeployed("Membership");
  let m: MemberView;
  try {
    m = await findMember(client.membership(), query);
  } catch (e) {
    throw explain(e, { rpc: client.rpcUrl });
  }
  if (!from.includes(m.status)) {
    throw inputError(
      `${m.name} (${m.address}) is ${m.status}; only ${/^[AEIOU]/.test(from[0]) ? "an" : "a"} ${from.join(" or ")} member can be ${verb}`,
    );
  }
  return m;
}

/**
 * Builds, checks and sends a one-action proposal: the arguments against the ABI, the timelock's
 * role for the function, then the action simulated as the timelock would execute it (eth_call from
 * the timelock) — a refusal names the contract's error and sends nothing.
 */
async function proposeCall(
  ctx: Context,
  client: CovenantClient,
  governor: GovernorContract,
  spec: string | CouncilFunction,
  args: string[],
  opts: { description?: string; extra?: Record<string, unknown> },
): Promise<void> {
  const f = typeof spec === "string" ? resolveCouncilFunction(spec) : spec;
  await client.requireDeployed(f.contract, "TimelockController", "AccessManager");
  const membership = client.has("Membership") ? client.membership() : undefined;
  const resolve = async (text: string): Promise<string> => {
    if (client.has(text as ContractName)) return client.address(text as ContractName);
    if (!membership) throw inputError(`"${text}" is not an address or a contract of the suite`);
    try {
      return (await findMember(membership, text)).address;
    } catch (e) {
      throw inputError(`"${text}" is not an address, a suite contract or a member: ${explain(e).message}`);
    }
  };
  const { calldata } = await encodeCouncilCall(f, args, resolve, fileReader());
  const target = client.address(f.contract);
  const timelock = client.address("TimelockController");
  const [label] = describeActions(client, [target], [calldata]);
  try {
    const [held] = await client.accessManager().hasRole(ROLES[f.role], timelock);
    if (!held)
      throw inputError(
        `the council's timelock does not hold ${f.role}, which ${f.contract}.${f.fragment.name} needs` +
          (f.role === "ADMIN" ? " (the handover has not happened: covenant deploy handover)" : ""),
      );
    await client.provider.call({ to: target, data: calldata, from: timelock }).catch((e: unknown) => {
      throw inputError(`${label} would fail if executed now: ${explain(e).message}; nothing sent`);
    });
  } catch (e) {
    throw explain(e, { rpc: client.rpcUrl });
  }
  const description = opts.description || `${label}`;
  const r = await proposeCallAction(client, { target, calldata, description });
  const proposalId = r.proposalId;
  ctx.out.result(
    { proposalId, action: label, description, ...opts.extra, tx: r.hash, block: r.blockNumber },
    `proposal ${proposalId?.toString() ?? "?"} created: ${description}; tx ${r.hash}`,
  );
}

export function registerCouncil(program: Command): void {
  const council = program.command("council").description(NOUN_DESCRIPTIONS.council);

  council
    .command("propose-admission")
    .description("propose that the council admit an applicant (Membership.admit)")
    .argument("<applicant>", "the applicant's address, entity id or name")
    .option("--description <text>", "proposal text (default: Admit <name> (<kind>, <address>) as a member)")
    .action(
      act(async (ctx, applicantQuery: string, opts: { description?: string }) => {
        const { client, governor } = await connectGovernor(ctx);
        const applicant = await memberIn(client, applicantQuery, ["Applicant"], "admitted");
        await proposeCall(ctx, client, governor, "Membership.admit", [applicant.address], {
          description:
            opts.description?.trim() ||
            `Admit ${applicant.name} (${applicant.kind}, ${applicant.address}) as a member`,
          extra: { applicant: applicant.address },
        });
      }),
    );

  for (const d of MEMBER_DECISIONS) {
    const cmd = council
      .command(d.command)
      .description(d.summary)
      .argument("<member>", "the member's address, entity id or name");
    if (d.reason) cmd.requiredOption("--reason <file>", "the reason document; its SHA-256 goes on chain");
    cmd.option("--description <text>", "proposal text (default: from the member and the reason)").action(
      act(async (ctx, query: string, opts: { reason?: string; description?: string }) => {
        const reasonHash = opts.reason ? sha256File(opts.reason, "reason file") : undefined;
        const { client, governor } = await connectGovernor(ctx);
        const m = await memberIn(client, query, d.from, d.verb);
        const args = reasonHash ? [m.address, reasonHash] : [m.address];
        await proposeCall(ctx, client, governor, `Membership.${d.fn}`, args, {
          description:
            opts.description?.trim() ||
            `${d.title} ${m.name} (${m.kind}, ${m.address})${reasonHash ? `; reason sha256 ${reasonHash}` : ""}`,
          extra: { member: m.address, ...(reasonHash ? { reasonHash } : {}) },
        });
      }),
    );
  }

  council
    .command("propose-lead-unit")
    .description(
      "propose naming the lead unit, the active member bearing the alliance's external liability (Membership.setLeadUnit)",
    )
    .argument("<member>", "an active member: address, entity id or name")
    .option("--description <text>", "proposal text")
    .action(
      act(async (ctx, query: string, opts: { description?: string }) => {
        const { client, governor } = await connectGovernor(ctx);
        const m = await memberIn(client, query, ["Active"], "named lead unit");
        await proposeCall(ctx, client, governor, "Membership.setLeadUnit", [m.address], {
          description: opts.description?.trim() || `Name ${m.name} (${m.address}) the lead unit`,
          extra: { member: m.address },
        });
      }),
    );

  council
    .command("propose-secretariat")
    .description(
      "propose naming the secretariat's address; it must already hold the SECRETARIAT role (Membership.setSecretariat)",
    )
    .argument("<address>", "the secretariat's address")
    .option("--description <text>", "proposal text")
    .action(
      act(async (ctx, who: string, opts: { description?: string }) => {
        if (!/^0x[0-9a-fA-F]{40}$/.test(who))
          throw inputError(`the secretariat must be an address, got "${who}"`);
        const { client, governor } = await connectGovernor(ctx);
        await client.requireDeployed("AccessManager");
        const [holds] = await client.accessManager().hasRole(ROLES.SECRETARIAT, who);
        if (!holds)
          throw inputError(
            `${who} does not hold the SECRETARIAT role: propose AccessManager.grantRole SECRETARIAT ${who} 0 first`,
          );
        await proposeCall(ctx, client, governor, "Membership.setSecretariat", [who], {
          description: opts.description?.trim() || `Name ${who} the secretariat`,
        });
      }),
    );

  council
    .command("propose-charter-termination")
    .description(
      "propose terminating the charter in force (AgreementRegistry.terminateCharter; a reserved decision)",
    )
    .argument("<agreementId>", "the charter's agreement id")
    .requiredOption("--reason <file>", "the reason document; its SHA-256 goes on chain")
    .option("--description <text>", "proposal text")
    .action(
      act(async (ctx, idText: string, opts: { reason: string; description?: string }) => {
        if (!/^\d+$/.test(idText)) throw inputError(`agreement id must be a number, got "${idText}"`);
        const reasonHash = sha256File(opts.reason, "reason file");
        const { client, governor } = await connectGovernor(ctx);
        await proposeCall(ctx, client, governor, "AgreementRegistry.terminateCharter", [idText, reasonHash], {
          description:
            opts.description?.trim() ||
            `Terminate the charter (agreement ${idText}); reason sha256 ${reasonHash}`,
          extra: { agreementId: idText, reasonHash },
        });
      }),
    );

  council
    .command("propose-charter-adoption")
    .description(
      "propose adopting the pending charter draft (AgreementRegistry.adoptCharter; a reserved decision, only when the charter in force's amendment rule is CouncilVote, before the draft lapses) (B1)",
    )
    .argument("<draftId>", "the pending charter draft's agreement id (`agreement show` names it)")
    .option("--description <text>", "proposal text")
    .action(
      act(async (ctx, idText: string, opts: { description?: string }) => {
        if (!/^\d+$/.test(idText)) throw inputError(`draft id must be a number, got "${idText}"`);
        const { client, governor } = await connectGovernor(ctx);
        await proposeCall(ctx, client, governor, "AgreementRegistry.adoptCharter", [idText], {
          description: opts.description?.trim() || `Adopt the charter draft (agreement ${idText})`,
          extra: { draftId: idText },
        });
      }),
    );

  council
    .command("propose")
    .description("propose any council power: a function the role table maps to COUNCIL, DISCIPLINE or ADMIN")
    .argument(
      "<function>",
      "Contract.function, e.g. PanelArbitrator.setPanelParams (`council powers` lists them)",
    )
    .argument("[args...]", "the function's arguments, in ABI order")
    .option("--description <text>", "proposal text (default: the decoded call)")
    .addHelpText(
      "after",
      "\nArguments are checked against the ABI before anything is sent: addresses may be members (address,\n" +
        "entity id, exact name) or suite contract names (LicenseManager); a bytes32 may be @<file> (the SHA-256\n" +
        "of its bytes, e.g. a reason document); role ids may be role names (EXPERT); arrays are comma-separated\n" +
        "or JSON; structs JSON. The action is simulated as the timelock would execute it; if it would fail\n" +
        "now, nothing is sent.\n" +
        "Examples:\n  covenant council propose PanelArbitrator.setPanelParams 5 432000 604800\n" +
        "  covenant council propose AccessManager.grantRole EXPERT 0xAb…Cd 0\n" +
        "  covenant council propose Membership.rejectApplication 通威股份 @rejection.md",
    )
    .action(
      act(async (ctx, spec: string, args: string[], opts: { description?: string }) => {
        const f = resolveCouncilFunction(spec);
        const { client, governor } = await connectGovernor(ctx);
        await proposeCall(ctx, client, governor, f, args, { description: opts.description?.trim() });
      }),
    );

  council
    .command("powers")
    .description("every function the council may propose, with the role its timelock holds for it")
    .action(
      act(async (ctx) => {
        const rows = councilPowers().map((p) => {
          const f = resolveCouncilFunction(`${p.contract}.${p.fn}`);
          return [
            `${p.contract}.${p.fn}`,
            p.role,
            f.fragment.inputs.map((i) => `${i.name}:${i.type}`).join(" "),
          ];
        });
        ctx.out.rows(["function", "role", "arguments"], rows);
      }),
    );

  council
    .command("list")
    .description(
      "every proposal (ProposalCreated events, scanned from the deployment block in bounded chunks)",
    )
    .addOption(new Option("--state <state>", "only proposals in this state").choices([...PROPOSAL_STATE]))
    .action(
      act(async (ctx, opts: { state?: string }) => {
        const { client, governor } = await connectGovernor(ctx);
        let list;
        try {
          list = await listProposals(client, governor, scanStart(client));
        } catch (e) {
          throw explain(e, { rpc: client.rpcUrl });
        }
        if (opts.state) list = list.filter((p) => p.state === opts.state);
        ctx.out.rows(
          ["proposalId", "state", "proposer", "actions", "block", "description"],
          list.map((p) => {
            const d = p.description.split("\n")[0];
            return [
              p.proposalId,
              p.state,
              p.proposer,
              p.actions,
              p.block,
              d.length > 60 ? `${d.slice(0, 59)}…` : d,
            ];
          }),
          list,
        );
      }),
    );

  council
    .command("vote")
    .description("vote on a proposal with the signer's seat")
    .argument("<proposalId>", "the proposal id")
    .argument("<support>", "for | against | abstain")
    .option("--reason <text>", "reason recorded with the vote", "")
    .action(
      act(async (ctx, idText: string, supportText: string, opts: { reason: string }) => {
        const id = parseProposalId(idText);
        const support = parseSupport(supportText);
        const { client, governor } = await connectGovernor(ctx);
        await stateOf(client, governor, id);
        const r = await castVote(client, { proposalId: id, support, reason: opts.reason });
        const weight = r.weight;
        ctx.out.result(
          { proposalId: id, support: supportText.toLowerCase(), weight, tx: r.hash, block: r.blockNumber },
          `voted ${supportText.toLowerCase()} on proposal ${id} (weight ${weight?.toString() ?? "?"}); tx ${r.hash}`,
        );
      }),
    );

  for (const step of ["queue", "execute"] as const) {
    council
      .command(step)
      .description(
        step === "queue"
          ? "queue a succeeded proposal in the timelock"
          : "execute a queued proposal once its timelock delay has passed",
      )
      .argument("<proposalId>", "the proposal id")
      .action(
        act(async (ctx, idText: string) => {
          const id = parseProposalId(idText);
          const { client, governor } = await connectGovernor(ctx);
          await stateOf(client, governor, id);
          const r = await advanceProposal(client, { proposalId: id, step });
          const state = await stateOf(client, governor, id);
          ctx.out.result(
            { proposalId: id, state, tx: r.hash, block: r.blockNumber, events: r.events.map((e) => e.name) },
            `proposal ${id} ${step === "queue" ? "queued" : "executed"} (now ${state}); tx ${r.hash}`,
          );
        }),
      );
  }

  council
    .command("show")
    .description("show a proposal: state, votes, quorum, timing and decoded actions")
    .argument("<proposalId>", "the proposal id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseProposalId(idText);
        const { client, governor } = await connectGovernor(ctx);
        const state = await stateOf(client, governor, id);
        const d = await proposalDetails(governor, id, scanStart(client));
        const [snapshot, deadline, eta, votes, timestamps] = await Promise.all([
          governor.proposalSnapshot(id),
          governor.proposalDeadline(id),
          governor.proposalEta(id),
          governor.proposalVotes(id),
          usesTimestamps(governor),
        ]);
        const quorum = await governor.quorum(snapshot).catch(() => undefined);
        const actions = describeActions(client, d.targets, d.calldatas);
        const view = {
          proposalId: id,
          state,
          proposer: d.proposer,
          description: d.description,
          snapshot: renderTimepoint(snapshot, timestamps),
          deadline: renderTimepoint(deadline, timestamps),
          eta: eta === 0n ? null : new Date(Number(eta) * 1000).toISOString(),
          votes: { for: votes.forVotes, against: votes.againstVotes, abstain: votes.abstainVotes },
          quorum: quorum ?? null,
          actions,
        };
        if (ctx.out.json) return ctx.out.result(view, "");
        ctx.out.record(
          {
            state,
            proposer: d.proposer,
            description: d.description,
            "voting from / until": `${view.snapshot} / ${view.deadline}`,
            "executable from": view.eta ?? "",
            "for / against / abstain": `${votes.forVotes} / ${votes.againstVotes} / ${votes.abstainVotes}`,
            quorum: quorum?.toString() ?? "",
            actions: actions.join("\n"),
          },
          `proposal ${id}`,
        );
      }),
    );
}
