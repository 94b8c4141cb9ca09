/**
 * 中国钢研's corporate wallet in the demo: a 2-of-3 `DemoMultisigWallet` (contracts/mocks). Two of its
 * three officers sign each action off-chain (EIP-191 `personal_sign`); one of them submits it. The
 * wallet is the member: it holds the seat, the bond, the IP share, and signs agreements by EIP-1271.
 * {@link MultisigSigner} makes it an ethers signer, so the SDK's actions run through it unchanged:
 * they simulate from the wallet's address and send through `execute`.
 */
import {
  AbstractSigner,
  concat,
  getBytes,
  resolveAddress,
  type BaseContract,
  type ContractTransactionResponse,
  type Provider,
  type TransactionRequest,
  type TransactionResponse,
  type Wallet,
} from "ethers";
import type { DemoMultisigWallet } from "../../typechain-types";
import { DemoMultisigWallet__factory } from "../../typechain-types/factories/contracts/mocks/DemoMultisigWallet__factory";

export class Multisig {
  private constructor(
    readonly wallet: DemoMultisigWallet,
    readonly address: string,
    /** The officers who sign (two of the three), and the one who submits. */
    private readonly signers: [Wallet, Wallet],
  ) {}

  /** Deploys the wallet with three owners and threshold 2 (deployed by the first owner). */
  static async deploy(
    owners: [Wallet, Wallet, Wallet],
  ): Promise<{ msig: Multisig; tx: ContractTransactionResponse }> {
    const factory = new DemoMultisigWallet__factory(owners[0]);
    const wallet = await factory.deploy([owners[0].address, owners[1].address, owners[2].address], 2);
    await wallet.waitForDeployment();
    const tx = wallet.deploymentTransaction();
    if (!tx) throw new Error("the multisig has no deployment transaction");
    return { msig: new Multisig(wallet, await wallet.getAddress(), [owners[0], owners[1]]), tx };
  }

  /** Two owners' signatures of `digest`, in ascending signer order (as the wallet requires). */
  private async cosign(digest: string): Promise<string> {
    const sorted = [...this.signers].sort((a, b) =>
      BigInt(a.address) < BigInt(b.address) ? -1 : BigInt(a.address) > BigInt(b.address) ? 1 : 0,
    );
    const sigs: string[] = [];
    for (const s of sorted) sigs.push(await s.signMessage(getBytes(digest)));
    return concat(sigs);
  }

  /** Executes `contract.method(...args)` as the wallet, cosigned by two officers. */
  async call<C extends BaseContract>(
    contract: C,
    method: string,
    args: unknown[],
  ): Promise<ContractTransactionResponse> {
    return this.execute(await contract.getAddress(), contract.interface.encodeFunctionData(method, args), 0n);
  }

  /** Executes a call of `data` on `target` (with `value`) as the wallet, cosigned by two officers. */
  async execute(target: string, data: string, value: bigint): Promise<ContractTransactionResponse> {
    const digest = await this.wallet.callDigest(target, value, data);
    const signatures = await this.cosign(digest);
    return this.wallet.connect(this.signers[0]).execute(target, value, data, signatures, { value });
  }

  /** The wallet as an ethers signer over `provider` (what the SDK's client takes). */
  signer(provider: Provider): MultisigSigner {
    return new MultisigSigner(this, provider);
  }

  /** An EIP-1271 signature of `hash` (e.g. an EIP-712 agreement digest) for this wallet. */
  async sign1271(hash: string): Promise<string> {
    return this.cosign(await this.wallet.messageDigest(hash));
  }
}

/**
 * The multisig as an ethers signer: its address is the wallet's; calls and gas estimates are made
 * from it; a transaction is sent as the wallet's `execute`, cosigned by two officers and submitted
 * by the first. It signs no transaction or message itself (agreements: `Multisig.sign1271`).
 */
export class MultisigSigner extends AbstractSigner {
  constructor(
    readonly multisig: Multisig,
    provider: Provider,
  ) {
    super(provider);
  }

  async getAddress(): Promise<string> {
    return this.multisig.address;
  }

  connect(provider: Provider | null): MultisigSigner {
    if (!provider) throw new Error("the multisig signer needs a provider");
    return new MultisigSigner(this.multisig, provider);
  }

  async sendTransaction(tx: TransactionRequest): Promise<TransactionResponse> {
    if (!tx.to) throw new Error("the multisig executes calls only, it deploys nothing");
    const to = await resolveAddress(tx.to, this.provider);
    return this.multisig.execute(to, String(tx.data ?? "0x"), BigInt(tx.value ?? 0));
  }

  async signTransaction(): Promise<string> {
    throw new Error("a multisig does not sign transactions: its officers cosign calls it executes");
  }

  async signMessage(): Promise<string> {
    throw new Error("a multisig signs by EIP-1271 (Multisig.sign1271), not personal_sign");
  }

  async signTypedData(): Promise<string> {
    throw new Error("a multisig signs by EIP-1271 (Multisig.sign1271) over the digest");
  }
}
