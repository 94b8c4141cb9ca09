import type { Command } from "commander";
import type { CovenantClient } from "../../sdk/client";
import { explain, inputError } from "../../sdk/errors";
import {
  parseProposalId,
  parseSupport,
  proposalDetails,
  proposalStateName,
  renderTimepoint,
  usesTimestamps,
  type GovernorContract,
} from "../../sdk/governor";
import { findMember } from "../../sdk/members";
import type { Context } from "../context";
import { act } from "../program";

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

export function registerCouncil(program: Command): void {
  const council = program
    .command("council")
    .description("council decisions through the AllianceGovernor: one member, one vote (F3)");

  council
    .command("propose-admission")
    .description("propose that the council admit an applicant (the signer must hold a seat)")
    .argument("<applicant>", "the applicant's address, entity id or name")
    .option("--description <text>", "proposal text (default: Admit <name> (<kind>, <address>))")
    .action(
      act(async (ctx, applicantQuery: string, opts: { description?: string }) => {
        const { client, governor } = await connectGovernor(ctx);
        await client.requireDeployed("Membership");
        const membership = client.membership();
        const applicant = await findMember(membership, applicantQuery);
        if (applicant.status !== "Applicant") {
          throw inputError(
            `${applicant.name} (${applicant.address}) is ${applicant.status}; only an Applicant can be admitted`,
          );
        }
        const description =
          opts.description?.trim() ||
          `Admit ${applicant.name} (${applicant.kind}, ${applicant.address}) as a member`;
        const target = client.address("Membership");
        const calldata = membership.interface.encodeFunctionData("admit", [applicant.address]);
        const g = await client.writable(governor);
        const r = await client.send(g.propose, [[target], [0n], [calldata], description]);
        const ev = r.events.find((e) => e.name === "ProposalCreated");
        const proposalId = ev ? (ev.args.proposalId as bigint) : undefined;
        ctx.out.result(
          { proposalId, applicant: applicant.address, description, tx: r.hash, block: r.blockNumber },
          `proposal ${proposalId?.toString() ?? "?"} created: ${description}; tx ${r.hash}`,
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
        const g = await client.writable(governor);
        const r = await client.send(g.castVoteWithReason, [id, support, opts.reason]);
        const ev = r.events.find((e) => e.name === "VoteCast");
        const weight = ev ? (ev.args.weight as bigint) : undefined;
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
          const d = await proposalDetails(governor, id);
          const g = await client.writable(governor);
          const fn = g.getFunction(`${step}(address[],uint256[],bytes[],bytes32)`);
          const value = d.values.reduce((a, b) => a + b, 0n);
          const args = [d.targets, d.values, d.calldatas, d.descriptionHash, { value }];
          const r = await client.send(
            {
              staticCall: (...a: unknown[]) => fn.staticCall(...a),
              estimateGas: (...a: unknown[]) => fn.estimateGas(...a),
              send: (...a: unknown[]) => fn.send(...a),
            },
            args,
          );
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
        const d = await proposalDetails(governor, id);
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
