import path from "node:path";
import type { Eip1193Provider, JsonRpcApiProvider } from "ethers";
import type { Command } from "commander";
import type { ContractName } from "../../sdk/addressBook";
import { act } from "../program";

/**
 * `covenant demo`: the demo story (docs/demo.md) against a running dev node. Deploys a fresh suite
 * there with the Ignition module, writes the address book the other commands read
 * (`deployments/<chainId>.json`), runs every step and leaves the state on the node. The narration
 * goes to stdout; with `--json` only the summary is printed.
 */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "the whole alliance story on a running dev node (chain id 31337): deploys a fresh suite, leaves the state there",
    )
    .option("--out <dir>", "folder for the documents the demo writes", "out/demo")
    .addHelpText(
      "after",
      "\nThe demo moves the node's clock (evm_increaseTime, evm_mine) and mints test tokens, so it refuses any\n" +
        "chain id but 31337. --from picks the node's unlocked account that deploys (default 0).\n" +
        "Examples:\n  covenant demo --network localhost\n  covenant demo --network anvil --json",
    )
    .action(
      act(async (ctx, opts: { out: string }) => {
        // the story (and Ignition under it) is loaded only when the demo runs
        const { runDemo, TOTAL_STEPS } = await import("../../demo/story");
        const { BrowserProvider, getAddress, isAddress, JsonRpcProvider, Network } =
          await import("../ethersParts");
        const { deploymentsDir, writeAddressBook } = await import("../../node/addressBook");
        const { probeChainId, resolveRpc } = await import("../../node/connect");
        const { chainError, explain, inputError } = await import("../../sdk/errors");
        const { DEV_CHAIN_ID } = await import("../../demo/chain");
        const { addGasHeadroom } = await import("../../sdk/client");
        if (ctx.globals.keystore)
          throw inputError(
            "the demo deploys with an unlocked account of the dev node: use --from <index>, not --keystore",
          );
        const injected = ctx.io.provider;
        const url = injected ? "the in-process chain" : resolveRpc(ctx.globals, ctx.env).url;
        const timeout = Number(ctx.env.COVENANT_RPC_TIMEOUT_MS ?? 5000);
        const chainId = injected
          ? (await new BrowserProvider(injected as Eip1193Provider).getNetwork()).chainId
          : await probeChainId(url, timeout);
        if (chainId !== DEV_CHAIN_ID) {
          throw chainError(
            `the demo runs only on a dev chain (chain id ${DEV_CHAIN_ID}); the node at ${url} reports chain id ${chainId}, so nothing was done`,
          );
        }
        const provider: JsonRpcApiProvider = injected
          ? new BrowserProvider(injected as Eip1193Provider, Network.from(chainId), { cacheTimeout: -1 })
          : new JsonRpcProvider(url, Network.from(chainId), {
              staticNetwork: true,
              batchMaxCount: 1,
              // no 250 ms answer cache: a key sending twice in a row must see its new nonce
              cacheTimeout: -1,
            });
        if (provider instanceof JsonRpcProvider) {
          provider.pollingInterval = 50;
          // with block times a transaction runs in a later block than its gas estimate
          addGasHeadroom(provider);
        }
        try {
          const accounts = (await provider.send("eth_accounts", [])) as string[];
          const pick = ctx.globals.from ?? "0";
          let index: number;
          if (/^\d+$/.test(pick)) index = Number(pick);
          else if (isAddress(pick)) index = accounts.findIndex((a) => getAddress(a) === getAddress(pick));
          else throw inputError(`--from must be an account index or an address, got "${pick}"`);
          if (index < 0 || index >= accounts.length)
            throw inputError(`--from ${pick} is not one of the node's ${accounts.length} unlocked accounts`);
          const deployer = await provider.getSigner(index);
          const progress = ctx.out.spinner(`demo: deploying the suite (${TOTAL_STEPS} steps)`);
          let book = "";
          const summary = await runDemo({
            provider,
            rpc: { request: ({ method, params }) => provider.send(method, params ?? []) },
            deployer,
            outDir: path.resolve(opts.out),
            narrate: ctx.out.json ? undefined : (ctx.io.stdout as NodeJS.WritableStream),
            onDeployed: (id, contracts) => {
              progress.stop();
              book = writeAddressBook(
                {
                  chainId: Number(id),
                  contracts: contracts as Record<ContractName, string>,
                  deployedAt: new Date().toISOString(),
                },
                deploymentsDir(ctx.env),
              );
            },
          }).catch((e: unknown) => {
            progress.stop();
            throw e;
          });
          const rel = (p: string) => {
            const r = path.relative(process.cwd(), p);
            return r && !r.startsWith("..") ? r : p;
          };
          if (ctx.out.json) {
            ctx.out.result(
              {
                ...summary,
                addressBook: book,
                charter: {
                  ...summary.charter,
                  document: rel(summary.charter.document),
                  terms: rel(summary.charter.terms),
                },
              },
              "",
            );
          } else {
            ctx.io.stdout.write(
              `\naddress book: ${rel(book)}  (try: covenant member list --network ${ctx.globals.network ?? "localhost"})\n`,
            );
          }
        } catch (e) {
          if (e instanceof Error && e.name === "CovenantError") throw e;
          const decoded = explain(e, { rpc: url });
          throw chainError(`demo failed: ${decoded.message}`);
        } finally {
          provider.destroy();
        }
      }),
    );
}
