/**
 * 中国钢研's corporate wallet in the demo: a real Safe 1.4.1 (`@safe-global/safe-contracts`, deployed
 * from the bytecode of the package's own build artifacts, never recompiled: TypeChain factories
 * generated from those artifacts, typechain-types/safe-global/) with three officers as owners and
 * threshold 2, and Safe's `CompatibilityFallbackHandler`, so that it answers EIP-1271 (S8). The Safe
 * is the member: it holds the seat, the bond, the IP share, and signs agreements. Two officers sign
 * each Safe transaction offline (EIP-712 `SafeTx`); the first submits it. {@link SafeWalletSigner}
 * makes the Safe an ethers signer, so the SDK's actions run through it unchanged: they simulate from
 * the Safe's address and send through `execTransaction`.
 */
import {
  AbstractSigner,
  resolveAddress,
  type ContractRunner,
  type Provider,
  type Signer,
  type TransactionRequest,
  type TransactionResponse,
  type Wallet,
} from "ethers";
import { CompatibilityFallbackHandler__factory } from "../../typechain-types/safe-global/factories/handler/CompatibilityFallbackHandler__factory";
import { SignMessageLib__factory } from "../../typechain-types/safe-global/factories/libraries/SignMessageLib__factory";
import { SafeProxyFactory__factory } from "../../typechain-types/safe-global/factories/proxies/SafeProxyFactory__factory";
import { Safe__factory } from "../../typechain-types/safe-global/factories/Safe__factory";
import {
  combineSafeSignatures,
  safeContract,
  safeMessageHash,
  safeTxHash,
  SAFE_TX_TYPES,
  safeDomain,
  signSafeMessage,
  type SafeTx,
} from "../sdk/safe";
import { ZeroAddress } from "ethers";

/** The Safe 1.4.1 contracts a chain needs before a Safe can be created and sign by SignMessageLib. */
export interface SafeInfrastructure {
  singleton: string;
  proxyFactory: string;
  fallbackHandler: string;
  signMessageLib: string;
}

/** Deploys Safe 1.4.1's singleton, proxy factory, CompatibilityFallbackHandler and SignMessageLib. */
export async function deploySafeInfrastructure(deployer: Signer): Promise<SafeInfrastructure> {
  const deploy = async (f: {
    deploy(): Promise<{ waitForDeployment(): Promise<unknown>; getAddress(): Promise<string> }>;
  }) => {
    const c = await f.deploy();
    await c.waitForDeployment();
    return c.getAddress();
  };
  return {
    singleton: await deploy(new Safe__factory(deployer)),
    proxyFactory: await deploy(new SafeProxyFactory__factory(deployer)),
    fallbackHandler: await deploy(new CompatibilityFallbackHandler__factory(deployer)),
    signMessageLib: await deploy(new SignMessageLib__factory(deployer)),
  };
}

/**
 * Creates a Safe of `owners` with `threshold` through the proxy factory (`createProxyWithNonce`,
 * `setup` with the CompatibilityFallbackHandler); sent by `creator`. Returns its address and the
 * creating transaction.
 */
export async function createSafe(
  creator: Signer,
  infra: SafeInfrastructure,
  owners: string[],
  threshold: number,
  saltNonce = 0n,
): Promise<{ address: string; tx: TransactionResponse }> {
  const initializer = Safe__factory.createInterface().encodeFunctionData("setup", [
    owners,
    threshold,
    ZeroAddress,
    "0x",
    infra.fallbackHandler,
    ZeroAddress,
    0,
    ZeroAddress,
  ]);
  const factory = SafeProxyFactory__factory.connect(infra.proxyFactory, creator);
  const tx = await factory.createProxyWithNonce(infra.singleton, initializer, saltNonce);
  const receipt = await tx.wait();
  if (!receipt || receipt.status !== 1) throw new Error(`creating the Safe failed (${tx.hash})`);
  for (const log of receipt.logs) {
    const parsed = factory.interface.parseLog(log);
    if (parsed?.name === "ProxyCreation") return { address: String(parsed.args.proxy), tx };
  }
  throw new Error(`the Safe factory created no proxy (${tx.hash})`);
}

/** A Safe whose officers' keys the demo holds: two of them sign each action, the first submits. */
export class DemoSafe {
  private constructor(
    readonly address: string,
    readonly infra: SafeInfrastructure,
    readonly owners: [Wallet, Wallet, Wallet],
    readonly threshold: number,
  ) {}

  /** Deploys Safe 1.4.1's contracts and a 2-of-3 Safe of `owners` (created by the first owner). */
  static async deploy(
    deployer: Signer,
    owners: [Wallet, Wallet, Wallet],
  ): Promise<{ safe: DemoSafe; tx: TransactionResponse }> {
    const infra = await deploySafeInfrastructure(deployer);
    const { address, tx } = await createSafe(
      owners[0],
      infra,
      owners.map((o) => o.address),
      2,
    );
    return { safe: new DemoSafe(address, infra, owners, 2), tx };
  }

  /** The officers who sign (the first `threshold` owners). */
  private get signers(): Wallet[] {
    return this.owners.slice(0, this.threshold);
  }

  private async chainId(): Promise<bigint> {
    return (await this.owners[0].provider!.getNetwork()).chainId;
  }

  /** Executes a call of `data` on `to` (with `value`) as the Safe: two officers sign the SafeTx, the first submits. */
  async execute(to: string, data: string, value: bigint): Promise<TransactionResponse> {
    const submitter = this.owners[0];
    const safe = safeContract(this.address, submitter);
    const nonce = (await safe.nonce()) as bigint;
    const chainId = await this.chainId();
    const tx: SafeTx = {
      to,
      value,
      data,
      operation: 0,
      safeTxGas: 0n,
      baseGas: 0n,
      gasPrice: 0n,
      gasToken: ZeroAddress,
      refundReceiver: ZeroAddress,
      nonce,
    };
    const hash = safeTxHash(chainId, this.address, tx);
    const parts = await Promise.all(
      this.signers.map(async (o) => ({
        owner: o.address,
        signature: await o.signTypedData(safeDomain(chainId, this.address), SAFE_TX_TYPES, tx),
      })),
    );
    const signatures = combineSafeSignatures(
      { address: this.address, owners: this.owners.map((o) => o.address), threshold: this.threshold },
      hash,
      parts,
    );
    return (await safe.execTransaction(
      tx.to,
      tx.value,
      tx.data,
      tx.operation,
      tx.safeTxGas,
      tx.baseGas,
      tx.gasPrice,
      tx.gasToken,
      tx.refundReceiver,
      signatures,
    )) as TransactionResponse;
  }

  /**
   * The Safe's EIP-1271 signature of `digest` (e.g. an agreement's EIP-712 digest): two officers
   * sign the SafeMessage over it (what `covenant agreement sign --offline --safe` makes each do),
   * combined in owner order (what `covenant agreement combine` does).
   */
  async sign1271(digest: string): Promise<string> {
    const chainId = await this.chainId();
    const parts = await Promise.all(
      this.signers.map(async (o) => ({
        owner: o.address,
        signature: await signSafeMessage(o, chainId, this.address, digest),
      })),
    );
    return combineSafeSignatures(
      { address: this.address, owners: this.owners.map((o) => o.address), threshold: this.threshold },
      safeMessageHash(chainId, this.address, digest),
      parts,
    );
  }

  /** Executes `contract.method(...args)` as the Safe (two officers sign the Safe transaction). */
  async call(
    contract: {
      getAddress(): Promise<string>;
      interface: { encodeFunctionData(m: string, a: unknown[]): string };
    },
    method: string,
    args: unknown[],
  ): Promise<TransactionResponse> {
    return this.execute(await contract.getAddress(), contract.interface.encodeFunctionData(method, args), 0n);
  }

  /** The Safe as an ethers signer over `provider` (what the SDK's client takes). */
  signer(provider: Provider): SafeWalletSigner {
    return new SafeWalletSigner(this, provider);
  }
}

/**
 * The Safe as an ethers signer: its address is the Safe's; calls and gas estimates are made from
 * it; a transaction is sent as the Safe's `execTransaction`, signed by two officers and submitted by
 * the first. It signs no transaction or message itself (agreements: `DemoSafe.sign1271`).
 */
export class SafeWalletSigner extends AbstractSigner {
  constructor(
    readonly safe: DemoSafe,
    provider: Provider,
  ) {
    super(provider);
  }

  async getAddress(): Promise<string> {
    return this.safe.address;
  }

  connect(runner: ContractRunner | null): SafeWalletSigner {
    const provider = runner?.provider ?? (runner as Provider | null);
    if (!provider) throw new Error("the Safe signer needs a provider");
    return new SafeWalletSigner(this.safe, provider);
  }

  async sendTransaction(tx: TransactionRequest): Promise<TransactionResponse> {
    if (!tx.to) throw new Error("the Safe executes calls only, it deploys nothing here");
    const to = await resolveAddress(tx.to, this.provider);
    return this.safe.execute(to, String(tx.data ?? "0x"), BigInt(tx.value ?? 0));
  }

  async signTransaction(): Promise<string> {
    throw new Error("a Safe does not sign transactions: its owners sign Safe transactions it executes");
  }

  async signMessage(): Promise<string> {
    throw new Error("a Safe signs by EIP-1271 (DemoSafe.sign1271), not personal_sign");
  }

  async signTypedData(): Promise<string> {
    throw new Error("a Safe signs by EIP-1271 (DemoSafe.sign1271) over the digest");
  }
}
