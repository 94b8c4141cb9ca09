import type { Page } from "@playwright/test";
import { JsonRpcProvider, Network, Wallet, type TypedDataField } from "ethers";

/**
 * The project's own test wallet: an EIP-1193 provider injected into the page (`addInitScript`) and
 * announced by EIP-6963, whose every request crosses to Node (`exposeFunction`) where an ethers
 * `Wallet` on the test node answers it. `reject` makes it answer like a user saying no (4001);
 * `chainId` makes it report another chain (the wrong-network guard).
 */
export interface TestWallet {
  address: string;
  reject: boolean;
  chainId: number;
  /** Every method the page asked, in order. */
  calls: string[];
  /** Transactions and signatures it actually made. */
  sent: string[];
}

export async function injectWallet(
  page: Page,
  opts: { key: string; rpcUrl: string; chainId: number },
): Promise<TestWallet> {
  const provider = new JsonRpcProvider(opts.rpcUrl, Network.from(opts.chainId), {
    staticNetwork: true,
    cacheTimeout: -1,
  });
  const wallet = new Wallet(opts.key, provider);
  const control: TestWallet = {
    address: wallet.address,
    reject: false,
    chainId: opts.chainId,
    calls: [],
    sent: [],
  };
  const rejected = { error: { code: 4001, message: "User rejected the request." } };

  await page.exposeFunction("__covenantTestWallet", async (method: string, params: unknown[]) => {
    control.calls.push(method);
    try {
      switch (method) {
        case "eth_requestAccounts":
          if (control.reject) return rejected;
          return { result: [wallet.address] };
        case "eth_accounts":
          return { result: [wallet.address] };
        case "eth_chainId":
          return { result: "0x" + control.chainId.toString(16) };
        case "net_version":
          return { result: String(control.chainId) };
        case "wallet_switchEthereumChain": {
          if (control.reject) return rejected;
          control.chainId = Number(BigInt((params[0] as { chainId: string }).chainId));
          return { result: null };
        }
        case "eth_sendTransaction": {
          if (control.reject) return rejected;
          if (control.chainId !== opts.chainId) return { error: { code: 4901, message: "wrong chain" } };
          const tx = params[0] as Record<string, string>;
          const sent = await wallet.sendTransaction({
            to: tx.to,
            data: tx.data,
            value: tx.value ? BigInt(tx.value) : 0n,
            gasLimit: tx.gas ? BigInt(tx.gas) : undefined,
          });
          control.sent.push(sent.hash);
          return { result: sent.hash };
        }
        case "eth_signTypedData_v4": {
          if (control.reject) return rejected;
          const data = JSON.parse(params[1] as string) as {
            domain: Record<string, unknown>;
            types: Record<string, TypedDataField[]>;
            message: Record<string, unknown>;
          };
          const types = { ...data.types };
          delete types.EIP712Domain;
          const sig = await wallet.signTypedData(data.domain, types, data.message);
          control.sent.push(sig);
          return { result: sig };
        }
        case "personal_sign":
        case "eth_sign":
          if (control.reject) return rejected;
          return { error: { code: 4200, message: `${method} is not used by the portal` } };
        default:
          return { result: await provider.send(method, params ?? []) };
      }
    } catch (e) {
      const err = e as {
        info?: { error?: { code?: number; message?: string; data?: string } };
        error?: { code?: number; message?: string; data?: string };
        message?: string;
      };
      const inner = err.info?.error ?? err.error;
      return {
        error: {
          code: inner?.code ?? -32603,
          message: inner?.message ?? String(err.message),
          data: inner?.data,
        },
      };
    }
  });

  await page.addInitScript(() => {
    type Listener = (...a: unknown[]) => void;
    const listeners: Record<string, Listener[]> = {};
    const bridge = (
      window as unknown as {
        __covenantTestWallet: (
          m: string,
          p: unknown[],
        ) => Promise<{ result?: unknown; error?: { code: number; message: string; data?: string } }>;
      }
    ).__covenantTestWallet;
    const provider = {
      isCovenantTestWallet: true,
      async request({ method, params }: { method: string; params?: unknown[] }) {
        const r = await bridge(method, params ?? []);
        if (r.error) {
          const e = new Error(r.error.message) as Error & { code: number; data?: string };
          e.code = r.error.code;
          if (r.error.data) e.data = r.error.data;
          throw e;
        }
        if (method === "wallet_switchEthereumChain") {
          const id = (await bridge("eth_chainId", [])).result;
          (listeners.chainChanged ?? []).forEach((f) => f(id));
        }
        return r.result;
      },
      on(ev: string, fn: Listener) {
        (listeners[ev] ??= []).push(fn);
      },
      removeListener(ev: string, fn: Listener) {
        listeners[ev] = (listeners[ev] ?? []).filter((f) => f !== fn);
      },
    };
    const info = {
      uuid: "5b0e3f1c-6b9a-4f53-9b3e-c0ee0a17e2e1",
      name: "Covenant Test Wallet",
      icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' fill='%23047857'/%3E%3C/svg%3E",
      rdns: "org.covenant.testwallet",
    };
    Object.defineProperty(window, "ethereum", { value: provider, configurable: false, writable: false });
    const announce = () =>
      window.dispatchEvent(
        new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }),
      );
    window.addEventListener("eip6963:requestProvider", announce);
    announce();
  });
  return control;
}
