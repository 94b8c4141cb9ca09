import type { z } from "zod";
import { AddressBookSchema, checkWith } from "./schemaBase";

/**
 * The contracts of one alliance suite, by the name the SDK knows them. The settlement token is
 * stored under "SettlementToken" (on dev chains a `TestToken`).
 */
export const CONTRACT_NAMES = [
  "AccessManager",
  "SettlementToken",
  "Treasury",
  "Membership",
  "AllianceGovernor",
  "TimelockController",
  "AgreementRegistry",
  "ProjectRegistry",
  "ProjectFunding",
  "ProjectSpending",
  "IPRegistry",
  "LicenseManager",
  "LicenseProposals",
  "DisputeResolution",
  "RemedyExecution",
  "BreachHistory",
  "PanelArbitrator",
] as const;

export type ContractName = (typeof CONTRACT_NAMES)[number];

/** `deployments/<chainId>.json`: where one suite lives on one chain (type of `AddressBookSchema`). */
export type AddressBook = Omit<z.infer<typeof AddressBookSchema>, "contracts"> & {
  contracts: Partial<Record<ContractName, string>>;
};

/** Checks the shape of a parsed address book; throws an input error naming the first problem. */
export function parseAddressBook(raw: unknown, file: string): AddressBook {
  const book = checkWith(AddressBookSchema, raw, `malformed address book ${file}`);
  const out: AddressBook = { chainId: book.chainId, contracts: book.contracts, deployedAt: book.deployedAt };
  if (book.deployedBlock !== undefined) out.deployedBlock = book.deployedBlock;
  if (book.deployer !== undefined) out.deployer = book.deployer;
  if (book.confirmations !== undefined) out.confirmations = book.confirmations;
  return out;
}
