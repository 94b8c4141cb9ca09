import { isHexString, ZeroHash } from "ethers";
import * as z from "zod";
import {
  DEFAULT_GENESIS,
  DEFAULT_SETTINGS,
  DEFAULT_TEST_TOKEN,
  MODULE_ID,
  TEST_TOKEN_MODULE_ID,
} from "./deployment";
import { AmendmentRule, BudgetCategory, MemberKind } from "./generated/enums";
import { utf8Length } from "./hash";
import { address, bytes32, decimalString, nonNegativeInt } from "./schemaBase";

/**
 * One zod schema per input file format of the SDK (address book, signature file, terms JSON,
 * founders file, project proposal, suite parameters, split consent file); their TypeScript types
 * are `z.infer` of these. A file that does not fit gets one
 * line naming the field path and what was expected ({@link checkWith}). docs/terms-schema.md shows
 * the JSON Schema generated from {@link CharterTermsSchema} (`z.toJSONSchema`).
 */

// `fieldPath`, `checkWith`, the building blocks and the address book's schema live in
// ./schemaBase, which every command loads (the address book); the other schemas load with this
// module, only where a command reads such a file.
export { AddressBookSchema, checkWith, fieldPath } from "./schemaBase";

// ------------------------------------------------------------------ signature file

/** The `type` of a signature file. */
export const SIGNATURE_FILE_TYPE = "covenant/agreement-signature/v1";

/** What `covenant agreement sign --offline` writes and `covenant agreement submit` reads. */
export const SignatureFileSchema = z.object(
  {
    type: z.literal(SIGNATURE_FILE_TYPE, { error: `must be "${SIGNATURE_FILE_TYPE}"` }),
    /** "sign" (a party: `signWithSignature`) or "accede" (a member: `accedeWithSignature`). */
    action: z.enum(["sign", "accede"], { error: 'must be "sign" or "accede"' }),
    chainId: decimalString,
    registry: address,
    agreementId: decimalString,
    documentHash: bytes32,
    termsHash: bytes32,
    version: z
      .number({ error: "must be a positive integer" })
      .int({ error: "must be a positive integer" })
      .min(1, { error: "must be a positive integer" }),
    signer: address,
    /** Unix seconds; the signature is refused after it. */
    deadline: decimalString,
    signature: z
      .string({ error: "must be 0x-prefixed hex bytes" })
      .refine((v) => Boolean(isHexString(v)) && v.length > 2, { error: "must be 0x-prefixed hex bytes" }),
  },
  { error: "not a JSON object" },
);

/** The `type` of one Safe owner's signature file (S8). */
export const SAFE_OWNER_SIGNATURE_FILE_TYPE = "covenant/agreement-safe-owner-signature/v1";

/**
 * What `covenant agreement sign --offline --safe <address>` writes: one owner's signature of the
 * Safe's `SafeMessage` over the registry's digest (S8): the fields of {@link SignatureFileSchema},
 * with `signer` the Safe (the party). The owners' files are combined, in owner order, into a
 * signature file of {@link SignatureFileSchema} (`agreement combine`, or `agreement submit` given
 * several files).
 */
export const SafeOwnerSignatureFileSchema = SignatureFileSchema.extend({
  type: z.literal(SAFE_OWNER_SIGNATURE_FILE_TYPE, { error: `must be "${SAFE_OWNER_SIGNATURE_FILE_TYPE}"` }),
  /** The owner's 65-byte ECDSA signature of the Safe message hash. */
  signature: z
    .string({ error: "must be a 65-byte signature (0x + 130 hex digits)" })
    .regex(/^0x[0-9a-fA-F]{130}$/, { error: "must be a 65-byte signature (0x + 130 hex digits)" }),
  /** The registry's EIP-712 digest of the values above. */
  digest: bytes32,
  /** The owner who signed, and the Safe message hash it signed (`SafeMessage { message: digest }`). */
  owner: address,
  safeMessageHash: bytes32,
});

// ------------------------------------------------------------------ split consent file (B4)

/** The `type` of a split consent file. */
export const SPLIT_CONSENT_FILE_TYPE = "covenant/split-consent/v1";

const bpsShare = z
  .number({ error: "must be a share in bps (1-10000)" })
  .int({ error: "must be a share in bps (1-10000)" })
  .min(1, { error: "must be a share in bps (1-10000)" })
  .max(10_000, { error: "must be a share in bps (1-10000)" });

/**
 * What `covenant ip consent` writes and `covenant ip register --amendment --consent` reads: one
 * owner's (or participant's) EIP-712 `SplitConsent` signature over a result's split (B4).
 */
export const SplitConsentFileSchema = z.object(
  {
    type: z.literal(SPLIT_CONSENT_FILE_TYPE, { error: `must be "${SPLIT_CONSENT_FILE_TYPE}"` }),
    chainId: decimalString,
    /** The IPRegistry that verifies it. */
    registry: address,
    account: address,
    projectId: decimalString,
    amendmentId: decimalString,
    contentHash: bytes32,
    owners: z
      .array(address, { error: "must be a list of addresses" })
      .min(1, { error: "must name an owner" }),
    shares: z
      .array(bpsShare, { error: "must be a list of bps shares" })
      .min(1, { error: "must hold a share" }),
    /** Unix seconds; the consent is refused after it. */
    deadline: decimalString,
    /** The EIP-712 digest signed (for the signer's own check; recomputed before use). */
    digest: bytes32,
    signature: z
      .string({ error: "must be 0x-prefixed hex bytes" })
      .refine((v) => Boolean(isHexString(v)) && v.length > 2, { error: "must be 0x-prefixed hex bytes" }),
  },
  { error: "not a JSON object" },
);

// ------------------------------------------------------------------ terms JSON

/** Remedy names of the terms JSON, with their bit in `Clause.remedies` (Solidity library `Remedies`). */
export const REMEDIES = {
  DAMAGES: 1,
  LICENSE_SUSPENSION: 2,
  LICENSE_REVOCATION: 4,
  MEMBERSHIP_SUSPENSION: 8,
  EXPULSION_PROPOSAL: 16,
} as const;
type RemedyName = keyof typeof REMEDIES;
const REMEDY_NAMES = Object.keys(REMEDIES) as [RemedyName, ...RemedyName[]];

/** One clause of a penalty schedule (chapter 8). */
export const ClauseSchema = z.object({
  /** Clause id as printed in the document, e.g. "7.1"; on chain `encodeBytes32String(id)`. */
  id: z
    .string({ error: "must be a text of 1 to 31 bytes" })
    .refine((v) => v.length > 0 && utf8Length(v) <= 31, { error: "must be a text of 1 to 31 bytes" }),
  /** Most liquidated damages, settlement-token base units, decimal string. */
  damagesCap: z
    .string({ error: "must be a decimal string of base units" })
    .regex(/^\d+$/, { error: "must be a decimal string of base units" }),
  /** Allowed remedies (at least one). */
  remedies: z
    .array(
      z.enum(REMEDY_NAMES, {
        error: (iss) => `unknown remedy ${JSON.stringify(iss.input)} (use ${REMEDY_NAMES.join(", ")})`,
      }),
      {
        error: "must list at least one remedy",
      },
    )
    .min(1, { error: "must list at least one remedy" }),
});

// Charter parameters keep the words of `charterParamsFromJson`: "parameters.<name>: expected ...".
const pAmount = z
  .string({ error: "expected a decimal string" })
  .regex(/^[0-9]+$/, { error: "expected a decimal string" });
const pInt = z
  .number({ error: "expected a non-negative integer" })
  .int({ error: "expected a non-negative integer" })
  .min(0, { error: "expected a non-negative integer" })
  .max(Number.MAX_SAFE_INTEGER, { error: "expected a non-negative integer" });

/** `CharterParams` in the terms JSON: same names as the Solidity struct; token amounts as decimal strings. */
export const CharterParamsJsonSchema = z.object(
  {
    bondAmount: pAmount,
    maxMembers: pInt,
    noticePeriod: pInt,
    noticeValidity: pInt,
    reapplicationCooloff: pInt,
    supermajorityBps: pInt,
    quorumBps: pInt,
    amendmentRule: z.enum(AmendmentRule, { error: `expected one of ${AmendmentRule.join(", ")}` }),
    amendmentPeriod: pInt,
    grantCapBps: pInt,
    secretariatBudgetLimit: pAmount,
    minReviews: pInt,
    approvalShareBps: pInt,
    gracePeriod: pInt,
    latePenaltyBps: pInt,
    vetoWindow: pInt,
    levyBps: pInt,
    rofrWindow: pInt,
    transfersToNonMembers: z.boolean({ error: "expected a boolean" }),
    royaltyGracePeriod: pInt,
    contestWindow: pInt,
    claimBond: pAmount,
    curePeriod: pInt,
    answerPeriod: pInt,
  },
  { error: "expected an object of every CharterParams field" },
);

/** The penalty schedule's chapter, as any agreement's terms may carry it. */
const LiabilitySchema = z.looseObject({
  principles: z.string().optional(),
  penaltySchedule: z
    .array(ClauseSchema, { error: "must be an array" })
    .superRefine((clauses, ctx) => {
      const seen = new Set<string>();
      clauses.forEach((c, i) => {
        if (seen.has(c.id))
          ctx.addIssue({ code: "custom", path: [i, "id"], message: `"${c.id}" appears twice` });
        seen.add(c.id);
      });
    })
    .optional(),
});

/**
 * Terms every agreement's JSON carries: a schema name and a kind; chapter 8 (`liability`) may hold
 * a penalty schedule and a charter's terms carry `parameters`. Other chapters are free.
 */
export const AgreementTermsSchema = z.looseObject({
  schema: z.string({ error: "must name the terms schema" }).optional(),
  kind: z.string().optional(),
  liability: LiabilitySchema.optional(),
  parameters: CharterParamsJsonSchema.optional(),
});

const text = z.string({ error: "must be a text" });
const texts = z.array(text, { error: "must be a list of texts" });

/**
 * The machine-readable terms of an alliance charter, chapters in the order of a real 联盟协议
 * (DOMAIN.md); `parameters` carries every on-chain `CharterParams` field by the same name.
 */
export const CharterTermsSchema = z.object({
  schema: z.literal("covenant/charter-terms/v1", { error: 'must be "covenant/charter-terms/v1"' }),
  kind: z.enum(["Charter", "Amendment"], { error: 'must be "Charter" or "Amendment"' }),
  /** 1. General provisions (F2). */
  general: z.object({ name: text, purpose: text, technologyGoals: texts }),
  /** 2. Members (F1, F6). */
  members: z.object({
    qualifications: texts,
    admission: text,
    accession: text,
    withdrawal: text,
    expulsion: text,
    reapplication: text.optional(),
  }),
  /** 3. Organisation (F3). */
  organisation: z.object({
    council: text,
    expertCommittee: text,
    secretariat: text,
    leadUnit: z.object({ name: text, liability: text }),
  }),
  /** 4. Rights and obligations (F2, P2). */
  rightsAndObligations: z.object({ rights: texts, obligations: texts, reporting: text }),
  /** 5. Funds (F4). */
  funds: z.object({
    sources: texts,
    settlementToken: text,
    budgets: text,
    grantRules: text,
    supervision: text,
  }),
  /** 6. Intellectual property (F5, F6, R4). */
  intellectualProperty: z.object({
    background: text,
    foreground: text,
    licensing: text,
    incomeDistribution: text,
    standards: text,
  }),
  /** 7. Confidentiality. */
  confidentiality: z.object({ scope: text, years: nonNegativeInt }),
  /** 8. Liability for breach (F5): per-clause penalty schedule. */
  liability: z.object({ principles: text, penaltySchedule: z.array(ClauseSchema) }),
  /** 9. Dispute resolution (F5). */
  disputeResolution: z.object({ negotiation: text, arbitrationInstitution: text }),
  /** 10. Amendment, termination and supplementary provisions. */
  amendmentAndTermination: z.object({
    amendment: text,
    electronicSignatures: text,
    termination: text,
    supplementary: text,
  }),
  /** On-chain charter parameters (same names as `CharterParams`). */
  parameters: CharterParamsJsonSchema,
});

// ------------------------------------------------------------------ founders file

/** Roles a founders file may hand out (the others belong to the council or to module contracts). */
export const FOUNDER_FILE_ROLES = ["SECRETARIAT", "EXPERT", "SUPERVISOR", "ARBITRATOR"] as const;

/** `covenant deploy founders --file`: the founding members, the lead unit, the secretariat, role holders. */
export const FoundersFileSchema = z.strictObject(
  {
    founders: z
      .array(
        z.strictObject(
          {
            name: z
              .string({ error: "must be a non-empty string" })
              .refine((v) => v.trim() !== "", { error: "must be a non-empty string" })
              .refine((v) => utf8Length(v) <= 256, { error: "is longer than 256 UTF-8 bytes" }),
            kind: z.string({ error: `must be one of ${MemberKind.join(", ")}` }).transform((v, ctx) => {
              const k = MemberKind.find((m) => m.toLowerCase() === v.toLowerCase());
              if (!k) {
                ctx.addIssue({
                  code: "custom",
                  message: `must be one of ${MemberKind.join(", ")}, got ${JSON.stringify(v)}`,
                });
                return z.NEVER;
              }
              return k;
            }),
            address,
            /** The legal entity code (e.g. the unified social credit code); its SHA-256 is checked on chain. */
            entityId: z.string({ error: "must be a string" }).optional(),
          },
          {
            error: (iss) =>
              iss.code === "unrecognized_keys"
                ? `has an unknown field "${iss.keys[0]}" (fields: name, kind, address, entityId)`
                : "must be an object of { name, kind, address[, entityId] }",
          },
        ),
        { error: "must be a non-empty array of { name, kind, address[, entityId] }" },
      )
      .min(1, { error: "must be a non-empty array of { name, kind, address[, entityId] }" }),
    /** A founder's address or name. */
    leadUnit: z.string({ error: "must name one of the founders (address or name)" }),
    secretariat: address,
    roles: z
      .partialRecord(
        z.enum(FOUNDER_FILE_ROLES, { error: `only ${FOUNDER_FILE_ROLES.join(", ")} may be granted here` }),
        z.array(address, { error: "must be an array of addresses" }),
        {
          error: (iss) =>
            (iss.code as string) === "invalid_key" || (iss.code as string) === "unrecognized_keys"
              ? `may grant only ${FOUNDER_FILE_ROLES.join(", ")}`
              : "must be an object of role -> [addresses]",
        },
      )
      .optional(),
  },
  {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `unknown field "${iss.keys[0]}" (fields: founders, leadUnit, secretariat, roles)`
        : "must be a JSON object",
  },
);

// ------------------------------------------------------------------ project proposal file

const AMOUNT_TEXT = /^\d+(\.\d+)?$/;
const AMOUNT_WORDS = "must be an amount in token units like 1250.50";
/** A token amount as people write it: "1250.50" (or a JSON number); decimals are checked against the token later. */
const tokenAmount = z
  .union([z.string(), z.number()], { error: AMOUNT_WORDS })
  .transform((v) => String(v).trim())
  .refine((v) => AMOUNT_TEXT.test(v), { error: AMOUNT_WORDS });

const DATE_WORDS = "must be a date (2026-06-30, unix seconds or +30d)";
/** Whether `v` is a date as {@link ProjectProposalFileSchema} takes it (resolved by `parseDate`). */
export function isDateValue(v: unknown): boolean {
  if (typeof v === "number") return Number.isInteger(v) && v > 0;
  if (typeof v !== "string") return false;
  const t = v.trim();
  if (/^\+\d+[dhs]$/.test(t) || /^\d+$/.test(t)) return true;
  return /^\d{4}-\d{2}-\d{2}/.test(t) && !Number.isNaN(Date.parse(t));
}
const dateValue = z
  .union([z.string(), z.number()], { error: DATE_WORDS })
  .refine(isDateValue, { error: DATE_WORDS });

const DOC_WORDS = "must name a file (or give its 0x SHA-256)";
/** A document: a file path (hashed with SHA-256 when read) or a 0x SHA-256 that is not zero. */
const documentRef = z
  .string({ error: DOC_WORDS })
  .refine((v) => v.trim() !== "", { error: DOC_WORDS })
  .refine((v) => v.toLowerCase() !== ZeroHash, { error: "must not be the zero hash" });

const wholeBps = z
  .number({ error: "must be a whole number 1-10000" })
  .int({ error: "must be a whole number 1-10000" })
  .min(1, { error: "must be a whole number 1-10000" })
  .max(10_000, { error: "must be a whole number 1-10000" });

const nonEmptyText = (max: number) =>
  z
    .string({ error: "must be a non-empty text" })
    .refine((v) => v.trim() !== "", { error: "must be a non-empty text" })
    .refine((v) => utf8Length(v) <= max, { error: `is longer than ${max} bytes` });

const budgetCategory = z
  .string({ error: `must be one of ${BudgetCategory.join(", ")}` })
  .transform((v, ctx) => {
    const c = BudgetCategory.find((k) => k.toLowerCase() === v.toLowerCase());
    if (!c) {
      ctx.addIssue({
        code: "custom",
        message: `must be one of ${BudgetCategory.join(", ")}, got ${JSON.stringify(v)}`,
      });
      return z.NEVER;
    }
    return c;
  });

/** Either `a` or its alias `b` (the older field name) must be present; the issue names `a`. */
function oneOf<T extends Record<string, unknown>>(a: keyof T & string, b: keyof T & string, words: string) {
  return (o: T, ctx: z.RefinementCtx) => {
    if (o[a] === undefined && o[b] === undefined) ctx.addIssue({ code: "custom", path: [a], message: words });
  };
}

/**
 * `covenant project propose --file`: a project proposal as people write it. Amounts in token units,
 * dates as ISO dates, unix seconds or "+<n>d" / "+<n>h" / "+<n>s" after the chain's latest block,
 * documents as file paths (relative to the proposal file; hashed with SHA-256) or 0x-hashes.
 * `document`, `task`, `due` and `spec` may also be written `documentHash`, `taskHash`, `dueDate`
 * and `specHash`. `parseProposal` (sdk/projectProposal.ts) resolves it into the SDK's proposal input.
 */
export const ProjectProposalFileSchema = z
  .object(
    {
      title: nonEmptyText(200),
      document: documentRef.optional(),
      documentHash: documentRef.optional(),
      lead: address,
      participants: z
        .array(
          z
            .object(
              {
                account: address,
                costShareBps: wholeBps,
                ipShareBps: wholeBps,
                task: documentRef.optional(),
                taskHash: documentRef.optional(),
              },
              { error: "must be an object of { account, costShareBps, ipShareBps, task }" },
            )
            .superRefine(oneOf("task", "taskHash", DOC_WORDS)),
          { error: "must be a list" },
        )
        .min(2, { error: "needs at least 2 entries" }),
      budgetLines: z
        .array(
          z.object(
            { category: budgetCategory, amount: tokenAmount },
            { error: "must be an object of { category, amount }" },
          ),
          { error: "must be a list" },
        )
        .min(1, { error: "needs at least 1 entry" }),
      milestones: z
        .array(
          z
            .object(
              {
                due: dateValue.optional(),
                dueDate: dateValue.optional(),
                spec: documentRef.optional(),
                specHash: documentRef.optional(),
              },
              { error: "must be an object of { due, spec }" },
            )
            .superRefine(oneOf("due", "dueDate", DATE_WORDS))
            .superRefine(oneOf("spec", "specHash", DOC_WORDS)),
          { error: "must be a list" },
        )
        .min(1, { error: "needs at least 1 entry" }),
      installments: z
        .array(dateValue, { error: "must be a list" })
        .min(1, { error: "needs at least 1 entry" }),
      grant: z
        .object(
          {
            amount: tokenAmount.optional(),
            funder: address.nullable().optional(),
            lines: z
              .array(
                z
                  .number({ error: "must be a budget line index" })
                  .int({ error: "must be a budget line index" })
                  .min(0, { error: "must be a budget line index" }),
                { error: "must be a list" },
              )
              .optional(),
          },
          { error: "must be an object of { amount, funder, lines }" },
        )
        .nullable()
        .optional(),
      contributionClause: z
        .string({ error: "must be a clause id of 1 to 31 bytes" })
        .refine((v) => v.trim() !== "" && utf8Length(v) <= 31, {
          error: "must be a clause id of 1 to 31 bytes",
        })
        .optional(),
      penaltySchedule: z
        .array(
          z.object(
            {
              id: z
                .string({ error: "must be a text of 1 to 31 bytes" })
                .refine((v) => v.trim() !== "" && utf8Length(v) <= 31, {
                  error: "must be a text of 1 to 31 bytes",
                }),
              damagesCap: tokenAmount,
              remedies: z
                .array(
                  z.enum(REMEDY_NAMES, {
                    error: (iss) =>
                      `unknown remedy ${JSON.stringify(iss.input)} (use ${REMEDY_NAMES.join(", ")})`,
                  }),
                  { error: "must list at least one remedy" },
                )
                .min(1, { error: "must list at least one remedy" }),
            },
            { error: "must be an object of { id, damagesCap, remedies }" },
          ),
          { error: "must be a list" },
        )
        .optional(),
    },
    { error: "must be a JSON object" },
  )
  .superRefine(oneOf("document", "documentHash", DOC_WORDS))
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.participants.forEach((x, i) => {
      if (seen.has(x.account))
        ctx.addIssue({
          code: "custom",
          path: ["participants", i, "account"],
          message: `lists ${x.account} twice`,
        });
      seen.add(x.account);
    });
    for (const key of ["costShareBps", "ipShareBps"] as const) {
      const sum = p.participants.reduce((a, x) => a + x[key], 0);
      if (sum !== 10_000)
        ctx.addIssue({ code: "custom", path: ["participants"], message: `${key} sum to ${sum}, not 10000` });
    }
    if (!seen.has(p.lead))
      ctx.addIssue({ code: "custom", path: ["lead"], message: `${p.lead} is not one of the participants` });
    (p.grant?.lines ?? []).forEach((l, i) => {
      if (l >= p.budgetLines.length)
        ctx.addIssue({
          code: "custom",
          path: ["grant", "lines", i],
          message: `must be a budget line index 0-${p.budgetLines.length - 1}`,
        });
    });
  });

export type ProjectProposalFile = z.infer<typeof ProjectProposalFileSchema>;

// ------------------------------------------------------------------ suite parameters file

/** A bigint parameter as Ignition's parameters files write it: "5000000000n", or a whole JSON number. */
const bigintParam = z
  .union([z.string(), z.number()], { error: 'must be a whole number or a bigint string like "5000000000n"' })
  .transform((v, ctx) => {
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
    if (typeof v === "string" && /^\d+n$/.test(v)) return BigInt(v.slice(0, -1));
    ctx.addIssue({ code: "custom", message: 'must be a whole number or a bigint string like "5000000000n"' });
    return z.NEVER;
  });
const intParam = z
  .number({ error: "must be a non-negative whole number" })
  .int({ error: "must be a non-negative whole number" })
  .min(0, { error: "must be a non-negative whole number" });

/** The schema of one parameter, from the type of its default. */
function paramSchema(value: unknown): z.ZodType {
  if (typeof value === "bigint") return bigintParam;
  if (typeof value === "number") return intParam;
  if (typeof value === "boolean") return z.boolean({ error: "must be true or false" });
  return z.string({ error: "must be a text" });
}

/** A module's parameters: every key optional, unknown keys refused with the key named. */
function moduleSchema(defaults: Record<string, unknown>, extra: Record<string, z.ZodType> = {}) {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(defaults)) shape[k] = paramSchema(v).optional();
  for (const [k, v] of Object.entries(extra)) shape[k] = v.optional();
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `has no parameter "${iss.keys[0]}"`
        : "must be an object of parameters",
  });
}

/**
 * `covenant deploy suite --parameters` (and `COVENANT_PARAMETERS` of `npm run deploy`): Ignition
 * parameters per module id, `{ "Covenant": { "grantCapBps": 2500, "bondAmount": "5000000000n" } }`.
 * Bigints are strings ending in `n`, as `hardhat ignition deploy --parameters` reads them; every
 * name is one the module reads (a typo would otherwise silently keep a default).
 */
export const SuiteParametersSchema = z.strictObject(
  {
    [MODULE_ID]: moduleSchema({ ...DEFAULT_GENESIS, ...DEFAULT_SETTINGS }, { token: address }).optional(),
    [TEST_TOKEN_MODULE_ID]: moduleSchema(DEFAULT_TEST_TOKEN).optional(),
  },
  {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `names module "${iss.keys[0]}": use ${MODULE_ID} or ${TEST_TOKEN_MODULE_ID}`
        : "must be an object of module id -> parameters",
  },
);

export type SuiteParametersFile = z.infer<typeof SuiteParametersSchema>;
