import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { BrowserProvider, getAddress, type Eip1193Provider, type Signer } from "ethers";
import { createClient, type CovenantClient } from "../../src/sdk/client";
import { explain } from "../../src/sdk/errors";
import type { Chain } from "./chain";

/** An EIP-1193 provider with events (as EIP-6963 wallets announce them). */
export interface Eip1193 extends Eip1193Provider {
  on?(event: string, fn: (...a: unknown[]) => void): void;
  removeListener?(event: string, fn: (...a: unknown[]) => void): void;
}

/** A wallet announced by EIP-6963. */
export interface AnnouncedWallet {
  info: { uuid: string; name: string; icon: string; rdns: string };
  provider: Eip1193;
}

export interface WalletState {
  wallets: AnnouncedWallet[];
  wallet?: AnnouncedWallet;
  account?: string;
  chainId?: bigint;
  /** The wallet is on another chain than the portal's suite: nothing may be sent. */
  wrongNetwork: boolean;
  connect(uuid: string): Promise<void>;
  disconnect(): void;
  switchNetwork(): Promise<void>;
  /** A client that reads through the portal and signs and sends through the wallet. */
  writer(): CovenantClient;
  signer(): Promise<Signer>;
}

const WalletContext = createContext<WalletState | null>(null);

export function useWallet(): WalletState {
  const w = useContext(WalletContext);
  if (!w) throw new Error("no wallet context");
  return w;
}

/** True when `e` is the user saying no in the wallet (EIP-1193 code 4001, ethers ACTION_REJECTED). */
export function isRejection(e: unknown): boolean {
  for (
    let x = e as { code?: unknown; cause?: unknown; error?: unknown; info?: unknown } | undefined, i = 0;
    x && i < 6;
    i++
  ) {
    if (x.code === 4001 || x.code === "ACTION_REJECTED") return true;
    x = (x.cause ?? x.error ?? (x.info as { error?: unknown } | undefined)?.error) as typeof x;
  }
  return false;
}

/** A failure in plain words: the wallet's refusal, or the contract's reason decoded by the SDK. */
export function failureText(e: unknown, rejected: string): string {
  if (isRejection(e)) return rejected;
  return explain(e).message;
}

export function WalletProvider({ chain, children }: { chain: Chain; children: ReactNode }) {
  const [wallets, setWallets] = useState<AnnouncedWallet[]>([]);
  const [wallet, setWallet] = useState<AnnouncedWallet>();
  const [account, setAccount] = useState<string>();
  const [chainId, setChainId] = useState<bigint>();

  useEffect(() => {
    const onAnnounce = (ev: Event) => {
      const d = (ev as CustomEvent<AnnouncedWallet>).detail;
      if (!d?.info?.uuid || typeof d.provider?.request !== "function") return;
      setWallets((ws) => (ws.some((w) => w.info.uuid === d.info.uuid) ? ws : [...ws, d]));
    };
    window.addEventListener("eip6963:announceProvider", onAnnounce);
    window.dispatchEvent(new Event("eip6963:requestProvider"));
    return () => window.removeEventListener("eip6963:announceProvider", onAnnounce);
  }, []);

  useEffect(() => {
    const p = wallet?.provider;
    if (!p?.on) return;
    const onChain = (id: unknown) => setChainId(BigInt(String(id)));
    const onAccounts = (a: unknown) => {
      const list = a as string[];
      setAccount(list?.length ? getAddress(list[0]) : undefined);
    };
    p.on("chainChanged", onChain);
    p.on("accountsChanged", onAccounts);
    return () => {
      p.removeListener?.("chainChanged", onChain);
      p.removeListener?.("accountsChanged", onAccounts);
    };
  }, [wallet]);

  const connect = useCallback(
    async (uuid: string) => {
      const w = wallets.find((x) => x.info.uuid === uuid);
      if (!w) return;
      const accounts = (await w.provider.request({ method: "eth_requestAccounts" })) as string[];
      const id = (await w.provider.request({ method: "eth_chainId" })) as string;
      setWallet(w);
      setAccount(accounts.length ? getAddress(accounts[0]) : undefined);
      setChainId(BigInt(id));
    },
    [wallets],
  );

  const value = useMemo<WalletState>(() => {
    const wrongNetwork = chainId !== undefined && chainId !== BigInt(chain.book.chainId);
    const signer = async () => {
      if (!wallet || !account) throw new Error("no wallet connected");
      const id = BigInt((await wallet.provider.request({ method: "eth_chainId" })) as string);
      if (id !== BigInt(chain.book.chainId))
        throw new Error(`the wallet is on chain ${id}, the alliance on chain ${chain.book.chainId}`);
      return new BrowserProvider(wallet.provider, Number(id), { cacheTimeout: -1 }).getSigner(account);
    };
    return {
      wallets,
      wallet,
      account,
      chainId,
      wrongNetwork,
      connect,
      disconnect: () => {
        setWallet(undefined);
        setAccount(undefined);
        setChainId(undefined);
      },
      switchNetwork: async () => {
        if (!wallet) return;
        await wallet.provider.request({
          method: "wallet_switchEthereumChain",
          params: [{ chainId: "0x" + BigInt(chain.book.chainId).toString(16) }],
        });
        setChainId(BigInt((await wallet.provider.request({ method: "eth_chainId" })) as string));
      },
      writer: () =>
        createClient({ runner: chain.provider, book: chain.book, signer, label: "the portal's node" }),
      signer,
    };
  }, [wallets, wallet, account, chainId, chain, connect]);

  return <WalletContext.Provider value={value}>{children}</WalletContext.Provider>;
}
