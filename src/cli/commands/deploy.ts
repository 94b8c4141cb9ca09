import fs from "node:fs";
import { IERC20Metadata__factory } from "../../../typechain-types/factories/@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata__factory";
import path from "node:path";
import type { Command } from "commander";
import { JsonRpcSigner, type JsonRpcApiProvider } from "ethers";
import { CONTRACT_NAMES } from "../../sdk/addressBook";
import { addressBookPath, deploymentsDir, writeAddressBook } from "../../node/addressBook";
import { scanEvents } from "../../sdk/claims";
import type { CovenantClient } from "../../sdk/client";
import { bootstrapFounders, checkFounders, handover, handoverState } from "../../sdk/actions/deployment";
import { explain, inputError } from "../../sdk/errors";
import { parseFoundersFile } from "../../sdk/founders";
import type { SuiteParameters } from "../../node/ignition";
import { ROLES } from "../../sdk/roles";
import { readUserFile } from "../context";
import { act } from "../program";
import { NOUN_DESCRIPTIONS } from "../nouns";

const rel = (p: string): string => {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith("..") ? r : p;
};

/** The account the suite was deployed by: the address book's `deployer`, else the AccessManager's first ADMIN. */
async function deployerOf(client: CovenantClient): Promise<string | undefined> {
  if (client.book.deployer) return client.book.deployer;
  const manager = client.accessManager();
  const logs = await scanEvents(
    client,
    manager as never,
    manager.filters.RoleGranted(ROLES.ADMIN),
    client.book.deployedBlock ?? 0,
  );
  return logs.length ? (logs[0].args.account as string) : undefined;
}

/** The signer's address and, when it is a key (not an unlocked node account), the signer itself. */
async function deployerSigner(client: CovenantClient) {
  const signer = await client.signer();
  const address = await signer.getAddress();
  return { signer, address, local: !(signer instanceof JsonRpcSigner) };
}

export function registerDeploy(program: Command): void {
  const deploy = program.command("deploy").description(NOUN_DESCRIPTIONS.deploy);

  deploy
    .command("suite")
    .description(
      "deploy (or resume, or confirm) the whole suite through the Ignition module; writes the address book",
    )
    .option(
      "--token <address>",
      "the settlement ERC-20 (code and decimals()/symbol() checked); required on any chain but a local development chain (31337), where the mintable test token tCNY is the default",
    )
    .option(
      "--parameters <file>",
      'Ignition parameters ({ "Covenant": { "grantCapBps": 2500, … } }; bigints as "…n")',
    )
    .option(
      "--deployment-id <id>",
      "Ignition deployment id: its journal makes an interrupted deployment resume (default chain-<chainId>)",
    )
    .option("--reset", "forget the journal of this deployment id and deploy a new suite")
    .addHelpText(
      "after",
      "\nThe journal lives in ignition/deployments/<id>/ ($COVENANT_IGNITION_DIR moves it), as `npm run deploy`\n" +
        "writes it: run the same command again after an interruption and it carries on. The address book\n" +
        "goes to deployments/<chainId>.json ($COVENANT_DEPLOYMENTS_DIR).\n" +
        "Next: the founders apply (covenant member apply), then `covenant deploy founders <file>` and\n" +
        "`covenant deploy handover`.\n" +
        "Examples:\n  covenant --network localhost deploy suite\n" +
        "  COVENANT_PRIVATE_KEY=… covenant --network consortium deploy suite --token 0x… --parameters params.json",
    )
    .action(
      act(
        async (
          ctx,
          opts: { token?: string; parameters?: string; deploymentId?: string; reset?: boolean },
        ) => {
          // Ignition is loaded only when a suite is deployed: other commands start without it
          const {
            countFutures,
            defaultDeploymentId,
            deploySuite,
            ignitionDeploymentsDir,
            parseSuiteParameters,
            readJournalAddresses,
          } = await import("../../node/ignition");
          let parameters: SuiteParameters = {};
          if (opts.parameters) {
            const text = readUserFile(opts.parameters, "parameters file").toString("utf8");
            parameters = parseSuiteParameters(text, opts.parameters);
          }
          if (opts.token !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(opts.token))
            throw inputError(`--token must be an address, got "${opts.token}"`);
          if (opts.deploymentId !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(opts.deploymentId))
            throw inputError("--deployment-id may use letters, digits, _ and - (at most 64)");
          const client = await ctx.client({ allowMissingBook: true });
          const id = opts.deploymentId ?? defaultDeploymentId(client.chainId);
          const journal = path.join(ignitionDeploymentsDir(ctx.env), id);
          const token = opts.token ?? (parameters.Covenant?.token as string | undefined);
          // Safe defaults: the mintable test token never settles a suite on a chain that is not a
          // local development chain (Hardhat's or anvil's 31337).
          if (!client.isDevChain && !token)
            throw inputError(
              `chain ${client.chainId} is not a local development chain (31337): give the settlement ERC-20 with --token <address>; the mintable test token is for development only; nothing was sent`,
            );
          let previous: Record<string, string> = {};
          try {
            if (token) {
              if ((await client.provider.getCode(token)) === "0x")
                throw inputError(
                  `--token ${token}: no contract there on chain ${client.chainId}; nothing was sent`,
                );
              const erc20 = IERC20Metadata__factory.connect(token, client.provider);
              await Promise.all([erc20.decimals(), erc20.symbol()]).catch(() => {
                throw inputError(
                  `--token ${token} does not answer ERC-20 metadata (decimals(), symbol()); nothing was sent`,
                );
              });
            }
            if (opts.reset && fs.existsSync(journal)) {
              if (!fs.existsSync(path.join(journal, "journal.jsonl")))
                throw inputError(`--reset: ${journal} is not an Ignition journal; nothing removed`);
              fs.rmSync(journal, { recursive: true, force: true });
            }
            previous = readJournalAddresses(journal) ?? {};
            for (const [future, address] of Object.entries(previous)) {
              if ((await client.provider.getCode(address)) === "0x") {
                throw inputError(
                  `the journal ${rel(journal)} records ${future} at ${address}, which has no code on chain ${client.chainId} ` +
                    "(a restarted dev node?): start over with --reset or another --deployment-id",
                );
              }
            }
          } catch (e) {
            throw explain(e, { rpc: client.rpcUrl });
          }
          const who = await deployerSigner(client);
          const total = countFutures(token !== undefined);
          let done = 0;
          ctx.out.note(
            `deploying the Covenant suite to chain ${client.chainId} as ${who.address}; journal ${rel(journal)}` +
              (Object.keys(previous).length ? " (resuming)" : ""),
          );
          const progress = ctx.out.spinner(`deploy: 0/${total} steps`);
          let result;
          try {
            result = await deploySuite({
              provider: {
                request: ({ method, params }) =>
                  (client.provider as JsonRpcApiProvider).send(method, (params as unknown[]) ?? []),
              },
              chainId: client.chainId,
              deployer: who.address,
              signer: who.local ? who.signer : undefined,
              token,
              parameters,
              journalDir: journal,
              fast: client.isDevChain,
              onStep: (future) => {
                done += 1;
                progress.text = `deploy: ${done}/${total} steps (${future})`;
              },
            });
          } catch (e) {
            progress.fail("deploy: stopped (run the same command again to resume)");
            throw e;
          }
          progress.succeed(`deploy: suite complete (${done} steps in this run)`);
          const file = writeAddressBook(result.book, deploymentsDir(ctx.env));
          const view = {
            chainId: client.chainId,
            deploymentId: id,
            journal: rel(journal),
            addressBook: rel(file),
            deployer: result.book.deployer,
            deployedBlock: result.book.deployedBlock ?? null,
            stepsThisRun: done,
            resumed: result.resumed > 0,
            contractsFromEarlierRuns: result.resumed,
            contracts: result.book.contracts,
          };
          if (ctx.out.json) return ctx.out.result(view, "");
          ctx.out.record(
            {
              chain: client.chainId,
              deployment: `${id} (${result.resumed > 0 ? `resumed: ${result.resumed} contracts were already deployed` : "new"})`,
              journal: view.journal,
              "address book": view.addressBook,
              deployer: view.deployer,
              "first block": view.deployedBlock ?? "",
              ...result.book.contracts,
            },
            "Covenant suite deployed",
          );
          ctx.out.note(
            "next: founders apply (covenant member apply), then covenant deploy founders <file> and covenant deploy handover",
          );
        },
      ),
    );

  deploy
    .command("founders")
    .description(
      "the deployer checks the founders' applications against a founders file, grants roles, admits them",
    )
    .argument(
      "<file>",
      "founders file (JSON): founders [{name, kind, address, entityId?}], leadUnit, secretariat, roles",
    )
    .option("--handover", "hand the suite to the council right after (as `deploy handover`)")
    .addHelpText(
      "after",
      "\nFounders file:\n" +
        '  { "founders": [ { "name": "中国第一汽车集团", "kind": "Enterprise", "address": "0x…", "entityId": "91220101…" } ],\n' +
        '    "leadUnit": "<a founder: address or name>", "secretariat": "0x…",\n' +
        '    "roles": { "EXPERT": ["0x…"], "SUPERVISOR": ["0x…"], "ARBITRATOR": ["0x…"] } }\n' +
        "Each founder must have applied first (covenant member apply, its own bond); its name, kind and\n" +
        "entity id on chain must be the file's. The signer must be the deployer, before the handover.\n" +
        "Done steps are skipped, so running it again finishes an interrupted bootstrap.",
    )
    .action(
      act(async (ctx, file: string, opts: { handover?: boolean }) => {
        const plan = parseFoundersFile(readUserFile(file, "founders file").toString("utf8"), file);
        const client = await ctx.client();
        await client.requireDeployed("AccessManager", "Membership", "TimelockController");
        const me = await client.signerAddress();
        try {
          // every check before the first transaction
          await checkFounders(client, { plan, signer: me });
        } catch (e) {
          throw explain(e, { rpc: client.rpcUrl });
        }
        const progress = ctx.out.spinner(`founders: admitting ${plan.founders.length} founders`);
        let report;
        try {
          report = await bootstrapFounders(client, { plan });
          if (opts.handover) {
            progress.text = "founders: handing the suite to the council";
            await handover(client);
          }
        } catch (e) {
          progress.fail("founders: stopped (run the same command again to finish)");
          throw explain(e, { rpc: client.rpcUrl });
        }
        progress.succeed("founders: done");
        const state = opts.handover ? await handoverState(client, { deployer: me }) : undefined;
        const view = {
          admitted: report.admitted,
          alreadyActive: report.alreadyActive,
          granted: report.granted,
          leadUnit: report.leadUnit,
          secretariat: report.secretariat,
          handover: state ? { timelockRoles: state.timelockRoles, deployerRoles: state.deployerRoles } : null,
        };
        if (ctx.out.json) return ctx.out.result(view, "");
        ctx.out.record(
          {
            admitted: report.admitted.join("\n") || "(none: all already active)",
            "already active": report.alreadyActive.join("\n"),
            "roles granted": report.granted.map((g) => `${g.role} ${g.account}`).join("\n"),
            "lead unit": report.leadUnit,
            secretariat: report.secretariat,
            ...(state
              ? {
                  "timelock roles": state.timelockRoles.join(", "),
                  "deployer roles": state.deployerRoles.join(", ") || "none",
                }
              : {}),
          },
          `founders of ${plan.founders.map((f) => f.name).join(", ")}`,
        );
        if (!opts.handover) ctx.out.note("next: covenant deploy handover (the deployer gives up every role)");
      }),
    );

  deploy
    .command("handover")
    .description("the council's timelock becomes ADMIN and the deployer (the signer) renounces every role")
    .addHelpText(
      "after",
      "\nRefused while no member is active (nobody could vote afterwards). Each step is skipped when done,\n" +
        "so an interrupted handover is finished by running it again; a finished one is only reported.",
    )
    .action(
      act(async (ctx) => {
        const client = await ctx.client();
        await client.requireDeployed("AccessManager", "Membership", "TimelockController");
        const me = await client.signerAddress();
        const progress = ctx.out.spinner(
          "handover: granting ADMIN to the timelock, renouncing the deployer's roles",
        );
        let result;
        try {
          // refused before anything is sent: no active member yet, or a signer that is not the deployer
          result = await handover(client);
        } catch (e) {
          const err = explain(e, { rpc: client.rpcUrl });
          if (err.kind === "input") progress.stop();
          else progress.fail("handover: stopped (run it again to finish)");
          throw err;
        }
        progress.succeed("handover: done");
        const state = await handoverState(client, { deployer: me });
        const timelock = client.address("TimelockController");
        const view = {
          done: state.timelockRoles.includes("ADMIN") && state.deployerRoles.length === 0,
          alreadyDone: result.alreadyDone,
          timelock,
          timelockRoles: state.timelockRoles,
          deployer: me,
          deployerRoles: state.deployerRoles,
        };
        ctx.out.result(
          view,
          `${view.alreadyDone ? "handover was already complete" : "handover complete"}: the timelock ${timelock} holds ${state.timelockRoles.join(", ")}; ${me} holds ${state.deployerRoles.join(", ") || "no role"}`,
        );
      }),
    );

  deploy
    .command("show")
    .description(
      "the address book of the selected network, which contracts have code, and whether the handover happened",
    )
    .action(
      act(async (ctx) => {
        const client = await ctx.client();
        let view;
        try {
          const contracts = await Promise.all(
            CONTRACT_NAMES.filter((n) => client.has(n)).map(async (name) => ({
              name,
              address: client.address(name),
              code: (await client.provider.getCode(client.address(name))) !== "0x",
            })),
          );
          const ready = ["AccessManager", "TimelockController", "Membership"].every((n) =>
            contracts.some((c) => c.name === n && c.code),
          );
          let handoverView = null;
          let activeMembers = null;
          if (ready) {
            const deployer = await deployerOf(client);
            const s = await handoverState(client, {
              deployer: deployer ?? client.address("TimelockController"),
            });
            handoverView = {
              done:
                s.timelockRoles.includes("ADMIN") &&
                s.timelockAdminsItself &&
                deployer !== undefined &&
                s.deployerRoles.length === 0,
              timelockRoles: s.timelockRoles,
              deployer: deployer ?? null,
              deployerRoles: deployer ? s.deployerRoles : [],
            };
            activeMembers = Number(await client.membership().activeCount());
          }
          view = {
            chainId: client.chainId,
            addressBook: rel(addressBookPath(client.chainId, deploymentsDir(ctx.env))),
            deployedAt: client.book.deployedAt || null,
            deployedBlock: client.book.deployedBlock ?? null,
            contracts,
            activeMembers,
            handover: handoverView,
          };
        } catch (e) {
          throw explain(e, { rpc: client.rpcUrl });
        }
        if (ctx.out.json) return ctx.out.result(view, "");
        const h = view.handover;
        ctx.out.record(
          {
            chain: view.chainId,
            "address book": view.addressBook,
            "deployed at": view.deployedAt ?? "",
            "first block": view.deployedBlock ?? "",
            "active members": view.activeMembers ?? "",
            handover: h
              ? h.done
                ? "done: the council's timelock is the only ADMIN; the deployer holds no role"
                : `not yet: the deployer ${h.deployer ?? "?"} holds ${h.deployerRoles.join(", ") || "no role"}`
              : "unknown (core contracts missing)",
            "timelock roles": h?.timelockRoles.join(", ") ?? "",
          },
          "Covenant suite",
        );
        ctx.out.rows(
          ["contract", "address", "code"],
          view.contracts.map((c) => [c.name, c.address, c.code ? "yes" : "NO (stale address book?)"]),
        );
      }),
    );
}
