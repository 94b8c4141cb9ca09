/**
 * 中国钢研's corporate wallet in the demo: a 2-of-3 `DemoMultisigWallet` (contracts/mocks). Two of its
 * three officers sign each action off-chain (EIP-191 `personal_sign`); one of them submits it. The
 * wallet is the member: it holds the seat, the bond, the IP share, and signs agreements by EIP-1271.
 */
import { concat, getBytes, type BaseContract, type ContractTransactionResponse, type Wallet } from "ethers";
import { DemoMultisigWallet__factory, type DemoMultisigWallet } from "../../typechain-types";

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
    const target = await contract.getAddress();
    const data = contract.interface.encodeFunctionData(method, args);
    const digest = await this.wallet.callDigest(target, 0, data);
    const signatures = await this.cosign(digest);
    return this.wallet.connect(this.signers[0]).execute(target, 0, data, signatures);
  }

  /** An EIP-1271 signature of `hash` (e.g. an EIP-712 agreement digest) for this wallet. */
  async sign1271(hash: string): Promise<string> {
    return this.cosign(await this.wallet.messageDigest(hash));
  }
}
