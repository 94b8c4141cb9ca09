import fs from "node:fs";

/** What the global set-up prepared on the test node, for the tests (written to PORTAL_E2E_STATE). */
export interface E2EState {
  portalUrl: string;
  rpcUrl: string;
  chainId: number;
  deploymentsDir: string;
  demo: {
    charter: {
      agreementId: string;
      document: string;
      terms: string;
      documentHash: string;
      termsHash: string;
    };
    members: { key: string; name: string; nameEn: string; address: string }[];
    projectId: string;
    claimIds: string[];
    assetIds: string[];
    licenseIds: string[];
    defaultingMember: string;
    multisig: { address: string; owners: string[]; threshold: number };
    licensee: { name: string; nameEn: string; address: string };
  };
  /** Agreements created for the wallet tests: the signer is a party that has not signed. */
  toSign: { typed: string; rejected: string; wrongNetwork: string; direct: string };
  /** The party the wallet tests sign as (a demo key on the dev chain). */
  signerKey: string;
  signer: string;
  /** A member whose on-chain name is markup, and a claim whose evidence URI is `javascript:`. */
  xss: { member: string; name: string; claimId: string; uri: string };
  /** Agreements the demo's company Safe has still to sign, and a SignMessageLib on the test node. */
  safe: { agreements: { files: string; approvals: string; rejected: string }; signMessageLib: string };
  /** For the other wallet actions: a claim to add evidence to, the public offer, an outside company's key. */
  acting: { evidenceClaimId: string; offerId: string; acceptorKey: string };
}

export function state(): E2EState {
  const file = process.env.PORTAL_E2E_STATE;
  if (!file) throw new Error("PORTAL_E2E_STATE is not set: run the tests through `npm run test:portal`");
  return JSON.parse(fs.readFileSync(file, "utf8")) as E2EState;
}
