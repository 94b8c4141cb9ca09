/**
 * The lines of the nouns with subcommands in `covenant --help`. The top-level help shows them
 * without loading the nouns' modules (src/cli/main.ts loads only the noun that runs); each module
 * gives its noun the same line.
 */
export const NOUN_DESCRIPTIONS = {
  member: "alliance members: list, show, apply, cancel, profile, notice, withdraw (F1, F6)",
  council: "council decisions through the AllianceGovernor: one member, one vote (F3)",
  agreement:
    "Ricardian agreements: show, list, create, sign (online or offline), submit, accede, verify (F2, F5)",
  project:
    "joint R&D projects: propose, review, show, activate, contribute, spend, milestones, close (R1, R2, P2)",
  treasury: "the alliance's vault: report (supervisors, auditors), balance, withdraw (F4, P2, I2)",
  ip: "intellectual property: register from a file (a result's split with its owners' consents), consent, contest, status, show, list, verify (F5, Macro 4, B4, B5)",
  license:
    "licences: public offers, accept, pay royalties, claim income, income statement, split (F5, F6, R4)",
  claim:
    "breach claims: file, answer, evidence, show, list; arbitration: refer, appoint, vote, execute, close-unresolved; lift-suspension (F5, P2)",
  deploy: "deploy an alliance suite with Ignition, bootstrap its founders, hand it to the council",
  terms: "terms JSON files: the RFC 8785 canonical form and its hash",
  portal:
    "serve the web portal for the suite on the node (reads through a read-only pass-through; wallets sign in the browser)",
} as const;

export type NounName = keyof typeof NOUN_DESCRIPTIONS;
