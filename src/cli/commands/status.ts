import type { Command } from "commander";
import { act } from "../program";

/** `covenant status`: which node, which chain, which suite, and whether each contract has code. */
export function registerStatus(program: Command): void {
  program
    .command("status")
    .description("show the node, chain id, block, signer and the suite's contracts on this chain")
    .option("--no-signer", "do not resolve the signer")
    .action(
      act(async (ctx, opts: { signer: boolean }) => {
        // loaded when the command runs, so that `covenant --help` does not load them
        const { formatUnits } = await import("../ethersParts");
        const { CONTRACT_NAMES } = await import("../../sdk/addressBook");
        const { explain } = await import("../../sdk/errors");
        const client = await ctx.client();
        const p = client.provider;
        let block: number;
        try {
          block = await p.getBlockNumber();
        } catch (e) {
          throw explain(e, { rpc: client.rpcUrl });
        }
        const signer = opts.signer ? await (await client.signer()).getAddress() : null;
        const contracts: { name: string; address: string | null; code: boolean }[] = [];
        for (const name of CONTRACT_NAMES) {
          const address = client.book.contracts[name] ?? null;
          const code = address ? (await p.getCode(address)) !== "0x" : false;
          contracts.push({ name, address, code });
        }
        let token: { symbol: string; decimals: number; balance: string | null } | null = null;
        if (client.has("SettlementToken") && contracts.find((c) => c.name === "SettlementToken")?.code) {
          const t = client.token();
          const decimals = Number(await t.decimals());
          const symbol = await t.symbol();
          const balance = signer ? formatUnits(await t.balanceOf(signer), decimals) : null;
          token = { symbol, decimals, balance };
        }
        const summary = {
          rpc: client.rpcUrl,
          chainId: client.chainId.toString(),
          devChain: client.isDevChain,
          block,
          signer,
          deployedAt: client.book.deployedAt,
          settlementToken: token,
          contracts,
        };
        if (ctx.out.json) {
          ctx.out.result(summary, "");
          return;
        }
        ctx.out.record({
          rpc: summary.rpc,
          "chain id": `${summary.chainId}${summary.devChain ? " (dev chain)" : ""}`,
          block,
          signer: signer ?? "(not resolved)",
          "deployed at": summary.deployedAt,
          "settlement token": token
            ? `${token.symbol} (${token.decimals} decimals)${token.balance !== null ? `, signer holds ${token.balance}` : ""}`
            : "(none)",
        });
        ctx.out.rows(
          ["contract", "address", "code"],
          contracts.filter((c) => c.address).map((c) => [c.name, c.address, c.code ? "yes" : "MISSING"]),
        );
      }),
    );
}
