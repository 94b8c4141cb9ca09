import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { NOUN_DESCRIPTIONS } from "../nouns";
import { act } from "../program";

/**
 * `covenant portal`: serves the web portal (docs/portal.md) for the suite on the chosen node: the
 * built app, the address book as /api/deployment.json and a read-only JSON-RPC pass-through, on
 * 127.0.0.1 unless --host says otherwise. Runs until Ctrl-C (SIGINT) or SIGTERM.
 */
export function registerPortal(program: Command): void {
  program
    .command("portal")
    .description(NOUN_DESCRIPTIONS.portal)
    .option("--port <port>", "port to listen on (0: any free port)", "4173")
    .option(
      "--host <host>",
      "interface to bind (another than 127.0.0.1 exposes the portal to the network)",
      "127.0.0.1",
    )
    .option("--dist <dir>", "the built app (default: portal/dist of this package; `npm run build:portal`)")
    .addHelpText(
      "after",
      "\nThe pass-through forwards read methods only (eth_call, eth_getLogs, ...); it refuses eth_sendTransaction,\n" +
        "eth_sendRawTransaction, eth_sign*, personal_*, evm_*, hardhat_*, anvil_*, debug_* and every other method.\n" +
        "Examples:\n  covenant portal --network localhost\n  covenant portal --rpc http://127.0.0.1:8545 --port 8080",
    )
    .action(
      act(async (ctx, opts: { port: string; host: string; dist?: string }) => {
        // loaded when the command runs: `covenant --help` and the other commands need none of them
        const [
          { deploymentsDir, readAddressBook },
          { probeChainId, resolveRpc },
          { defaultPortalDist, startPortalServer },
          { chainError, inputError },
        ] = await Promise.all([
          import("../../node/addressBook"),
          import("../../node/connect"),
          import("../../node/portalServer"),
          import("../../sdk/errors"),
        ]);
        if (!/^\d+$/.test(opts.port) || Number(opts.port) > 65535)
          throw inputError(`--port must be a number from 0 to 65535, got "${opts.port}"`);
        if (!opts.host.trim()) throw inputError("--host needs an interface address");
        const dist = path.resolve(opts.dist ?? defaultPortalDist());
        if (!fs.existsSync(path.join(dist, "index.html")))
          throw inputError(`no built portal in ${dist}: run \`npm run build:portal\` first`);
        const { url, expectedChainId } = resolveRpc(ctx.globals, ctx.env);
        const chainId = await probeChainId(url, Number(ctx.env.COVENANT_RPC_TIMEOUT_MS ?? 5000));
        if (expectedChainId !== undefined && expectedChainId !== chainId)
          throw chainError(
            `wrong chain: the node at ${url} reports chain id ${chainId}, expected ${expectedChainId}`,
          );
        const book = readAddressBook(chainId, deploymentsDir(ctx.env));
        const server = await startPortalServer({
          rpcUrl: url,
          book,
          staticDir: dist,
          host: opts.host,
          port: Number(opts.port),
        }).catch((e: NodeJS.ErrnoException) => {
          throw inputError(`cannot listen on ${opts.host}:${opts.port} (${e.code ?? e.message})`);
        });
        ctx.out.result(
          { url: server.url, rpc: url, chainId: chainId.toString(), host: server.host, port: server.port },
          `Covenant portal: ${server.url}  (chain ${chainId} at ${url}; Ctrl-C stops it)`,
        );
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off("SIGINT", stop);
            process.off("SIGTERM", stop);
            void server.close().then(resolve);
          };
          process.on("SIGINT", stop);
          process.on("SIGTERM", stop);
        });
      }),
    );
}
