import fs from "node:fs";
import path from "node:path";
import { AgreementStatus, SignatureMethod } from "../../sdk/generated/enums";
import {
  agreementIds,
  agreementView,
  agreementViews,
  createAgreement,
  partiesOf,
  signAgreementOnChain,
  submitSignature,
  withdrawAmendment,
  type AgreementView,
} from "../../sdk/actions/agreements";
import type { Command } from "commander";
import { getAddress, isAddress } from "ethers";
import type { AgreementRegistry } from "../../../typechain-types";
import {
  charterParamsOfTerms,
  clausesOfTerms,
  isoTime,
  parseAgreementKind,
  parseId,
  parseTerms,
} from "../../sdk/agreementInput";
import {
  combineSafeOwnerFiles,
  describeLines,
  parseAnySignatureFile,
  safeOwnerSignatureFile,
  signatureFile,
  type SafeOwnerSignatureFile,
  type SignatureFile,
} from "../../present/signatureFile";
import { approveSafeMessage } from "../../sdk/actions/safe";
import { readSafe, SAFE_141_CANONICAL, signSafeMessage } from "../../sdk/safe";
import type { CovenantClient } from "../../sdk/client";
import { sha256Hex } from "../../sdk/hash";
import { checkError, inputError } from "../../sdk/errors";
import { scanStart } from "../../sdk/claims";
import {
  AGREEMENT_SIGNATURE_TYPES,
  agreementsDomain,
  describeTypedData,
  signAgreementTypedData,
} from "../../sdk/eip712";
import { findMember, memberNames } from "../../sdk/members";
import type { AgreementTerms } from "../../sdk/terms";
import { AGREEMENT_KINDS, verifyAgreement } from "../../sdk/verify";
import { BLOCK_HELP, parseBlockOption } from "../blockOption";
import { clientForReads } from "../../sdk/readBlock";
import { readUserFile, type Context } from "../context";
import { act } from "../program";
import { NOUN_DESCRIPTIONS } from "../nouns";

const DEFAULT_VALIDITY = 7 * 24 * 60 * 60;

function short(hash: string): string {
  return `${hash.slice(0, 10)}…`;
}

function txLine(r: { hash: string; blockNumber: number }): string {
  return `tx ${r.hash} (block ${r.blockNumber})`;
}

async function connect(ctx: Context): Promise<{ client: CovenantClient; registry: AgreementRegistry }> {
  const client = await ctx.client();
  await client.requireDeployed("AgreementRegistry");
  return { client, registry: client.agreements() };
}

/**
 * A name for an address: the member's name when it ever applied, else "". The names of all members
 * come from one scan of the Membership events, made at the first call (not one read per address).
 */
function namer(client: CovenantClient): (a: string) => Promise<string> {
  let names: Promise<Map<string, string>> | undefined;
  return async (a: string) => {
    if (!client.has("Membership")) return "";
    names ??= memberNames(client).catch(() => new Map<string, string>());
    return (await names).get(getAddress(a)) ?? "";
  };
}

/** A party given as an address or as a member (entity id or exact name). */
async function resolveParty(client: CovenantClient, text: string): Promise<string> {
  if (isAddress(text.trim())) return getAddress(text.trim());
  if (!client.has("Membership")) throw inputError(`--party ${text} is not an address`);
  return (await findMember(client, text)).address;
}

/** Local document (and terms) hashes compared with the chain's; exits 1 (nothing sent) on a difference. */
function requireSameHashes(
  a: AgreementView,
  documentHash: string,
  termsHash: string | undefined,
  files: { document: string; terms?: string },
): void {
  const diffs: string[] = [];
  if (documentHash !== a.documentHash)
    diffs.push(
      `the document ${files.document} has SHA-256 ${documentHash}, the chain binds ${a.documentHash}`,
    );
  if (termsHash !== undefined && termsHash !== a.termsHash)
    diffs.push(`the terms ${files.terms} hash to ${termsHash}, the chain binds ${a.termsHash}`);
  if (diffs.length)
    throw checkError(`refusing to sign agreement ${a.id}: ${diffs.join("; ")}; nothing was sent`);
}

function agreementRow(a: AgreementView): unknown[] {
  return [
    a.id,
    a.kind,
    a.status + (a.inForce ? " (in force)" : ""),
    `v${a.version}`,
    `${a.signedCount}/${a.partyCount}`,
    isoTime(a.createdAt),
    short(a.documentHash),
    a.uri,
  ];
}

/** The deadline of an offline signature: `--deadline` (unix seconds or ISO time) or the chain's now + 7 days. */
async function deadlineOf(client: CovenantClient, text: string | undefined): Promise<bigint> {
  if (text !== undefined) {
    if (/^\d+$/.test(text)) return BigInt(text);
    const ms = Date.parse(text);
    if (Number.isNaN(ms))
      throw inputError(`--deadline must be unix seconds or an ISO 8601 time, got "${text}"`);
    return BigInt(Math.floor(ms / 1000));
  }
  const block = await client.provider.getBlock("latest");
  return BigInt((block?.timestamp ?? Math.floor(Date.now() / 1000)) + DEFAULT_VALIDITY);
}

interface SignOpts {
  document?: string;
  terms?: string;
  offline?: boolean;
  out?: string;
  deadline?: string;
  /** S8: sign for this Safe (one owner's part offline, or the on-chain approval route). */
  safe?: string;
  approve?: boolean;
  signMessageLib?: string;
}

/** Checks the local options of sign / accede before the chain is touched. */
function localHashes(
  opts: SignOpts,
  documentRequired: boolean,
): { documentHash?: string; termsHash?: string } {
  if (opts.approve && !opts.safe) throw inputError("--approve is only for --safe <address>");
  if (opts.signMessageLib !== undefined && !opts.approve)
    throw inputError("--sign-message-lib is only for --approve");
  if (opts.safe !== undefined) {
    if (!isAddress(opts.safe)) throw inputError(`--safe must be an address, got "${opts.safe}"`);
    if (opts.offline && opts.approve) throw inputError("give either --offline or --approve, not both");
    if (!opts.offline && !opts.approve)
      throw inputError(
        "--safe needs --offline (each owner signs into its own file) or --approve (the owners approve on chain)",
      );
    if (opts.approve && opts.deadline === undefined)
      throw inputError(
        "--approve needs --deadline: every owner approves the same signature, deadline included",
      );
  }
  if (opts.signMessageLib !== undefined && !isAddress(opts.signMessageLib))
    throw inputError(`--sign-message-lib must be an address, got "${opts.signMessageLib}"`);
  if (opts.offline && !opts.out)
    throw inputError("--offline needs --out <sig.json> (where to write the signature)");
  if (!opts.offline && opts.out) throw inputError("--out is only for --offline signatures");
  if (opts.out && fs.existsSync(opts.out))
    throw inputError(`${opts.out} exists already; choose another --out`);
  if (documentRequired && !opts.document)
    throw inputError("--document <file> is required: the text you sign");
  const documentHash = opts.document ? sha256Hex(readUserFile(opts.document, "document")) : undefined;
  const termsHash = opts.terms
    ? parseTerms(readUserFile(opts.terms, "terms file").toString("utf8"), opts.terms).hash
    : undefined;
  return { documentHash, termsHash };
}

async function signOrAccede(
  ctx: Context,
  action: "sign" | "accede",
  idText: string | undefined,
  opts: SignOpts,
): Promise<void> {
  const local = localHashes(opts, action === "sign");
  let id = idText !== undefined ? parseId(idText, "the agreement id") : 0n;
  const { client, registry } = await connect(ctx);
  if (action === "accede") {
    id = await registry.currentCharterId();
    if (id === 0n) throw inputError("no charter is in force: there is nothing to accede to");
  }
  const a = await agreementView(client, { agreementId: id });
  if (local.documentHash)
    requireSameHashes(a, local.documentHash, local.termsHash, {
      document: opts.document!,
      terms: opts.terms,
    });
  const signer = await client.signer();
  const account = getAddress(await signer.getAddress());
  if (opts.safe !== undefined) return signForSafe(ctx, client, action, a, account, opts);
  if (opts.offline) {
    const domain = await agreementsDomain(registry);
    const value = {
      agreementId: id,
      documentHash: a.documentHash,
      termsHash: a.termsHash,
      version: BigInt(a.version),
      signer: account,
      deadline: await deadlineOf(client, opts.deadline),
    };
    const described = describeTypedData(domain, AGREEMENT_SIGNATURE_TYPES, { ...value });
    const signature = await signAgreementTypedData(signer, domain, value);
    const file = signatureFile(action, domain, value, signature);
    fs.writeFileSync(opts.out!, JSON.stringify(file, null, 2) + "\n");
    return ctx.out.result(
      { ...file, out: opts.out, typedData: described },
      [
        `${account} signed agreement ${id} (v${a.version}) offline; valid until ${isoTime(value.deadline)}; written to ${opts.out}`,
        ...describeLines(described),
      ].join("\n"),
    );
  }
  // a re-run after a lost node: a signature already on chain is done (exit 0, nothing sent)
  const mine = await registry.signatureOf(id, account);
  if (Number(mine.method) !== 0 && mine.accession === (action === "accede")) {
    const after = await registry.agreementOf(id);
    const how = SignatureMethod[Number(mine.method)] ?? String(mine.method);
    return ctx.out.result(
      {
        agreementId: id.toString(),
        signer: account,
        action,
        status: AGREEMENT_STATUS_NAME(after.status),
        signedCount: Number(after.signedCount),
        partyCount: Number(after.partyCount),
        alreadyDone: true,
        method: how,
        tx: null,
        block: null,
      },
      `${account} ${mine.accession ? "already acceded to" : "already signed"} agreement ${id} (${how}); nothing was sent`,
    );
  }
  const r = await signAgreementOnChain(client, {
    agreementId: id,
    documentHash: a.documentHash,
    termsHash: a.termsHash,
    action,
  });
  const after = await registry.agreementOf(id);
  ctx.out.result(
    {
      agreementId: id.toString(),
      signer: account,
      action,
      status: AGREEMENT_STATUS_NAME(after.status),
      signedCount: Number(after.signedCount),
      partyCount: Number(after.partyCount),
      tx: r.hash,
      block: r.blockNumber,
    },
    action === "sign"
      ? `${account} signed agreement ${id}; ${after.signedCount}/${after.partyCount} signed, ${AGREEMENT_STATUS_NAME(after.status)}; ${txLine(r)}`
      : `${account} acceded to charter ${id}; ${txLine(r)}`,
  );
}

/**
 * Signing for a Safe (S8): `--offline` writes this owner's signature of the Safe's SafeMessage over
 * the registry's digest (the owners' files are combined later); `--approve` is this owner's step of
 * the on-chain approval route, and the step that executes it also relays the Safe's (empty)
 * signature to the registry, where it is checked by EIP-1271.
 */
async function signForSafe(
  ctx: Context,
  client: CovenantClient,
  action: "sign" | "accede",
  a: AgreementView,
  account: string,
  opts: SignOpts,
): Promise<void> {
  const safe = await readSafe(client.provider, opts.safe!);
  if (!safe.owners.includes(account))
    throw inputError(
      `${account} is not an owner of the Safe ${safe.address} (owners: ${safe.owners.join(", ")}); nothing was ${opts.offline ? "written" : "sent"}`,
    );
  const registry = client.agreements();
  const domain = await agreementsDomain(registry);
  const value = {
    agreementId: BigInt(a.id),
    documentHash: a.documentHash,
    termsHash: a.termsHash,
    version: BigInt(a.version),
    signer: safe.address,
    deadline: await deadlineOf(client, opts.deadline),
  };
  const described = describeTypedData(
    domain,
    AGREEMENT_SIGNATURE_TYPES,
    { ...value },
    { safe: safe.address },
  );
  const who = `${safe.owners.length > 0 ? `${safe.threshold}-of-${safe.owners.length} ` : ""}Safe ${safe.address}`;
  if (opts.offline) {
    const signature = await signSafeMessage(
      await client.signer(),
      client.chainId,
      safe.address,
      described.digest,
    );
    const file = safeOwnerSignatureFile(
      action,
      domain,
      value,
      { owner: account, digest: described.digest, safeMessageHash: described.safe!.safeMessageHash },
      signature,
    );
    fs.writeFileSync(opts.out!, JSON.stringify(file, null, 2) + "\n");
    return ctx.out.result(
      { ...file, out: opts.out, threshold: safe.threshold, owners: safe.owners, typedData: described },
      [
        `${account} signed agreement ${a.id} (v${a.version}) for the ${who} offline; valid until ${isoTime(value.deadline)}; written to ${opts.out}`,
        `the Safe needs ${safe.threshold} owners' files: the other owners sign with --safe ${safe.address} --deadline ${value.deadline}; then \`covenant agreement combine\` or \`covenant agreement submit\` with the files`,
        ...describeLines(described),
      ].join("\n"),
    );
  }
  const lib = getAddress(opts.signMessageLib ?? SAFE_141_CANONICAL.signMessageLib);
  const step = await approveSafeMessage(client, {
    safe: safe.address,
    digest: described.digest,
    signMessageLib: lib,
  });
  const base = {
    agreementId: a.id,
    safe: safe.address,
    owner: account,
    action,
    state: step.state,
    threshold: safe.threshold,
    deadline: value.deadline.toString(),
    messageHash: step.messageHash,
    typedData: described,
  };
  if (step.state === "approved" || step.state === "waiting") {
    const left = safe.threshold - step.approvals.length;
    return ctx.out.result(
      {
        ...base,
        safeTxHash: step.safeTxHash,
        approvals: step.approvals,
        ...(step.state === "approved" ? { tx: step.hash, block: step.blockNumber } : {}),
      },
      `${step.state === "approved" ? `${account} approved` : `${account} had approved already (nothing sent)`} the Safe transaction ${step.safeTxHash} signing agreement ${a.id} for the ${who}: ${step.approvals.length} of ${safe.threshold}; ${left} more owner(s) run the same command (--deadline ${value.deadline})${step.state === "approved" ? `; ${txLine(step)}` : ""}`,
    );
  }
  const r = await submitSignature(client, {
    action,
    agreementId: BigInt(a.id),
    documentHash: a.documentHash,
    termsHash: a.termsHash,
    signer: safe.address,
    deadline: value.deadline,
    signature: "0x",
  });
  ctx.out.result(
    {
      ...base,
      ...(step.state === "executed" ? { safeTx: step.hash, safeTxBlock: step.blockNumber } : {}),
      method: r.method,
      tx: r.hash,
      block: r.blockNumber,
    },
    `${step.state === "executed" ? `${account} executed the Safe transaction (${txLine(step)}): the Safe signed the message by SignMessageLib` : "the Safe had signed the message already"}; the Safe's signature of agreement ${a.id} submitted (${r.method}); ${txLine(r)}`,
  );
}

type ParsedFiles = ({ name: string } & ReturnType<typeof parseAnySignatureFile>)[];

/** Reads and checks the shape of signature files (before the chain is touched). */
function parseFiles(files: string[]): ParsedFiles {
  return files.map((f) => ({
    name: f,
    ...parseAnySignatureFile(readUserFile(f, "signature file").toString("utf8"), f),
  }));
}

/** One signature to relay, or Safe owners' files combined into one (S8). */
async function signatureOf(client: CovenantClient, parsed: ParsedFiles): Promise<SignatureFile> {
  const owners = parsed.filter((p) => p.kind === "safe-owner");
  if (owners.length === 0) {
    if (parsed.length > 1)
      throw inputError("give one signature file, or Safe owners' files (several) to combine");
    return parsed[0].file as SignatureFile;
  }
  if (owners.length !== parsed.length)
    throw inputError("Safe owners' files cannot be mixed with a signature file of another kind");
  const ownerFiles = owners.map((p) => ({ name: p.name, file: p.file as SafeOwnerSignatureFile }));
  if (BigInt(ownerFiles[0].file.chainId) !== client.chainId)
    throw inputError(
      `the signature in ${ownerFiles[0].name} is for chain ${ownerFiles[0].file.chainId}, but this node is chain ${client.chainId}`,
    );
  const safe = await readSafe(client.provider, ownerFiles[0].file.signer);
  return combineSafeOwnerFiles(ownerFiles, safe);
}

function AGREEMENT_STATUS_NAME(s: bigint): string {
  return AgreementStatus[Number(s)] ?? String(s);
}

export function registerAgreement(program: Command): void {
  const agreement = program.command("agreement").description(NOUN_DESCRIPTIONS.agreement);

  agreement
    .command("show")
    .description(
      "one agreement: kind, status, version, hashes, parties and their signatures, penalty schedule",
    )
    .argument("<id>", "agreement id")
    .action(
      act(async (ctx, idText: string) => {
        const id = parseId(idText, "the agreement id");
        const { client } = await connect(ctx);
        const a = await agreementView(client, { agreementId: id });
        const parties = await partiesOf(client, { agreementId: id, nameOf: namer(client) });
        if (ctx.out.json) return ctx.out.result({ ...a, parties }, "");
        ctx.out.record(
          {
            id: a.id,
            kind: a.kind,
            status: a.status + (a.inForce ? " (charter in force)" : ""),
            version: a.version,
            parent: a.parentId === "0" ? "" : a.parentId,
            creator: a.creator,
            created: isoTime(a.createdAt),
            effective: isoTime(a.effectiveAt),
            "document (sha-256)": a.documentHash,
            "terms (sha-256 of RFC 8785 JSON)": a.termsHash,
            uri: a.uri,
            signed: `${a.signedCount}/${a.partyCount}`,
          },
          `agreement ${a.id}`,
        );
        ctx.out.rows(
          ["party", "address", "signed by", "block", "time"],
          parties.map((p) => [
            p.name,
            p.address,
            p.method === "None" ? "(not signed)" : p.method,
            p.block || "",
            isoTime(p.timestamp),
          ]),
        );
        if (a.clauses.length)
          ctx.out.rows(
            ["clause", "damages cap (base units)", "remedies"],
            a.clauses.map((c) => [c.id, c.damagesCap, c.remedies.join(", ")]),
          );
      }),
    );

  agreement
    .command("list")
    .description("all agreements, or those an account is party to (newest first)")
    .option("--party <member>", "only agreements of this party (address, entity id or member name)")
    .action(
      act(async (ctx, opts: { party?: string }) => {
        const { client } = await connect(ctx);
        const party = opts.party !== undefined ? await resolveParty(client, opts.party) : undefined;
        const ids = await agreementIds(client, { account: party });
        const views = await agreementViews(client, ids);
        ctx.out.rows(
          ["id", "kind", "status", "version", "signed", "created", "document", "uri"],
          views.map(agreementRow),
          views,
        );
      }),
    );

  agreement
    .command("create")
    .description(
      "create an agreement: a charter (or charter amendment) by the secretariat, a project / licence / other agreement by a party",
    )
    .requiredOption("--kind <kind>", `${AGREEMENT_KINDS.join(" | ")} (case-insensitive)`)
    .requiredOption("--document <file>", "the legal text (bound as the SHA-256 of its bytes)")
    .requiredOption(
      "--terms <file.json>",
      "the terms JSON (bound as SHA-256 of its RFC 8785 form); its liability.penaltySchedule gives the clauses, its parameters a charter's CharterParams",
    )
    .option(
      "--party <member>",
      "a party (address, entity id or member name); repeat for each",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option("--parent <id>", "the agreement an Amendment amends")
    .option("--uri <uri>", "where the document can be fetched (default: the document's file name)")
    .action(
      act(
        async (
          ctx,
          opts: {
            kind: string;
            document: string;
            terms: string;
            party: string[];
            parent?: string;
            uri?: string;
          },
        ) => {
          const kind = parseAgreementKind(opts.kind);
          const kindName = AGREEMENT_KINDS[kind];
          const parentId = opts.parent !== undefined ? parseId(opts.parent, "--parent") : 0n;
          if (kindName === "Amendment" && parentId === 0n)
            throw inputError("an Amendment needs --parent <id>");
          if (kindName !== "Amendment" && parentId !== 0n)
            throw inputError("--parent is only for --kind Amendment");
          if (opts.party.length === 0) throw inputError("name the parties with --party (repeat it for each)");
          const documentHash = sha256Hex(readUserFile(opts.document, "document"));
          const { terms, hash: termsHash } = parseTerms(
            readUserFile(opts.terms, "terms file").toString("utf8"),
            opts.terms,
          );
          if (typeof terms.kind === "string" && terms.kind.toLowerCase() !== kindName.toLowerCase())
            throw inputError(`the terms file says kind "${terms.kind}" but --kind is ${kindName}`);
          const clauses = clausesOfTerms(terms, opts.terms);
          const uri = opts.uri ?? path.basename(opts.document);
          if (!uri) throw inputError("--uri is empty");
          const { client } = await connect(ctx);
          const parties: string[] = [];
          for (const p of opts.party) {
            const a = await resolveParty(client, p);
            if (parties.includes(a)) throw inputError(`party ${a} is named twice`);
            parties.push(a);
          }
          let charterLine = kindName === "Charter";
          if (kindName === "Amendment") {
            const parent = await agreementView(client, { agreementId: parentId });
            charterLine =
              (await agreementView(client, { agreementId: BigInt(parent.rootId) })).kind === "Charter";
          }
          const input = { kind, parentId, documentHash, termsHash, uri, parties, clauses };
          const r = await createAgreement(client, {
            input,
            charterParams: charterLine ? charterParamsOfTerms(terms, opts.terms) : undefined,
          });
          const id = r.agreementId !== null ? r.agreementId.toString() : "?";
          ctx.out.result(
            {
              agreementId: id,
              kind: kindName,
              parentId: parentId.toString(),
              documentHash,
              termsHash,
              uri,
              parties,
              clauses: clauses.length,
              tx: r.hash,
              block: r.blockNumber,
            },
            `agreement ${id} created (${kindName}, ${parties.length} parties, ${clauses.length} clauses); document ${documentHash}; terms ${termsHash}; ${txLine(r)}`,
          );
        },
      ),
    );

  agreement
    .command("sign")
    .description(
      "sign an agreement after checking the local document (and terms) against the chain; --offline writes an EIP-712 signature file instead",
    )
    .argument("<id>", "agreement id")
    .option(
      "--document <file>",
      "the legal text you sign: refused (exit 1) if its SHA-256 differs from the chain",
    )
    .option("--terms <file.json>", "the terms JSON: refused (exit 1) if its hash differs from the chain")
    .option("--offline", "sign EIP-712 typed data without sending; needs --out")
    .option("--out <sig.json>", "where --offline writes the signature")
    .option(
      "--deadline <time>",
      "--offline: valid until (unix seconds or ISO time; default now + 7 days); for a Safe every owner gives the same",
    )
    .option(
      "--safe <address>",
      "sign for this Safe 1.4.1 (you are one of its owners): with --offline your part of its signature, or --approve",
    )
    .option(
      "--approve",
      "with --safe: approve on chain (Safe transaction calling SignMessageLib); the owner reaching the threshold executes it and submits; needs --deadline",
    )
    .option(
      "--sign-message-lib <address>",
      `with --approve: Safe 1.4.1's SignMessageLib (default the canonical ${SAFE_141_CANONICAL.signMessageLib})`,
    )
    .action(act(async (ctx, idText: string, opts: SignOpts) => signOrAccede(ctx, "sign", idText, opts)));

  agreement
    .command("accede")
    .description("accede to the charter in force (an active member admitted after it); --offline as for sign")
    .option("--document <file>", "the charter text: refused (exit 1) if its SHA-256 differs from the chain")
    .option("--terms <file.json>", "the charter terms JSON: refused (exit 1) if its hash differs")
    .option("--offline", "sign EIP-712 typed data without sending; needs --out")
    .option("--out <sig.json>", "where --offline writes the signature")
    .option(
      "--deadline <time>",
      "--offline: valid until (unix seconds or ISO time; default now + 7 days); for a Safe every owner gives the same",
    )
    .option(
      "--safe <address>",
      "sign for this Safe 1.4.1 (you are one of its owners): with --offline your part of its signature, or --approve",
    )
    .option(
      "--approve",
      "with --safe: approve on chain (Safe transaction calling SignMessageLib); the owner reaching the threshold executes it and submits; needs --deadline",
    )
    .option(
      "--sign-message-lib <address>",
      `with --approve: Safe 1.4.1's SignMessageLib (default the canonical ${SAFE_141_CANONICAL.signMessageLib})`,
    )
    .action(act(async (ctx, opts: SignOpts) => signOrAccede(ctx, "accede", undefined, opts)));

  agreement
    .command("combine")
    .description(
      "combine Safe owners' signature files (`sign --offline --safe`) into the Safe's signature file, in owner order (S8)",
    )
    .argument("<files...>", "the owners' files (at least the Safe's threshold)")
    .requiredOption("--out <sig.json>", "where to write the Safe's signature (for `agreement submit`)")
    .action(
      act(async (ctx, files: string[], opts: { out: string }) => {
        if (fs.existsSync(opts.out)) throw inputError(`${opts.out} exists already; choose another --out`);
        const parsed = parseFiles(files);
        for (const p of parsed)
          if (p.kind !== "safe-owner")
            throw inputError(
              `${p.name} is not a Safe owner's signature file (written by \`agreement sign --offline --safe\`)`,
            );
        const client = await ctx.client();
        const sig = await signatureOf(client, parsed);
        fs.writeFileSync(opts.out, JSON.stringify(sig, null, 2) + "\n");
        ctx.out.result(
          { ...sig, owners: files.length, out: opts.out },
          `${files.length} owners' signatures of agreement ${sig.agreementId} combined for the Safe ${sig.signer}; written to ${opts.out} (relay it with \`covenant agreement submit\`)`,
        );
      }),
    );

  agreement
    .command("submit")
    .description(
      "relay an offline signature file (anyone may; the signer pays nothing), or Safe owners' files combined in owner order",
    )
    .argument(
      "<sig.json...>",
      "a file written by `agreement sign --offline` or `agreement accede --offline` (or `agreement combine`), or several Safe owners' files",
    )
    .action(
      act(async (ctx, files: string[]) => {
        const file = files.join(", ");
        const parsed = parseFiles(files);
        const { client } = await connect(ctx);
        const sig = await signatureOf(client, parsed);
        if (BigInt(sig.chainId) !== client.chainId)
          throw inputError(
            `the signature in ${file} is for chain ${sig.chainId}, but this node is chain ${client.chainId}`,
          );
        if (sig.registry !== client.address("AgreementRegistry"))
          throw inputError(
            `the signature in ${file} is for the registry ${sig.registry}, not this suite's ${client.address("AgreementRegistry")}`,
          );
        const now = (await client.provider.getBlock("latest"))?.timestamp ?? 0;
        if (BigInt(sig.deadline) < BigInt(now))
          throw inputError(
            `the signature in ${file} expired at ${isoTime(BigInt(sig.deadline))}; ask the signer for a new one`,
          );
        const a = await agreementView(client, { agreementId: BigInt(sig.agreementId) });
        if (a.documentHash !== sig.documentHash || a.termsHash !== sig.termsHash || a.version !== sig.version)
          throw inputError(
            `the signature in ${file} is for other hashes or another version than agreement ${a.id} has on chain`,
          );
        const r = await submitSignature(client, {
          action: sig.action,
          agreementId: BigInt(sig.agreementId),
          documentHash: sig.documentHash,
          termsHash: sig.termsHash,
          signer: sig.signer,
          deadline: BigInt(sig.deadline),
          signature: sig.signature,
        });
        const method = r.method;
        ctx.out.result(
          {
            agreementId: sig.agreementId,
            signer: sig.signer,
            action: sig.action,
            method,
            tx: r.hash,
            block: r.blockNumber,
          },
          `${sig.action === "sign" ? "signature" : "accession"} of ${sig.signer} on agreement ${sig.agreementId} submitted (${method}); ${txLine(r)}`,
        );
      }),
    );

  agreement
    .command("withdraw-amendment")
    .description(
      "withdraw a pending amendment or the pending charter draft: its creator at any time; once it has lapsed, also a party of its parent (B2)",
    )
    .argument("<id>", "the pending amendment's (or charter draft's) agreement id")
    .action(
      act(async (ctx, idText: string) => {
        if (!/^\d+$/.test(idText)) throw inputError(`agreement id must be a number, got "${idText}"`);
        const { client } = await connect(ctx);
        const r = await withdrawAmendment(client, { agreementId: BigInt(idText) });
        ctx.out.result(
          { agreementId: idText, lapsed: r.lapsed, tx: r.hash, block: r.blockNumber },
          `agreement ${idText} withdrawn${r.lapsed ? " after it lapsed" : ""}: it is Terminated and no longer blocks a new amendment; ${txLine(r)}`,
        );
      }),
    );

  agreement
    .command("verify")
    .description(
      "legal check: recompute both hashes, compare every on-chain parameter and clause with the terms JSON, list signatures and versions; exit 0 only if all match",
    )
    .argument("<id>", "agreement id")
    .requiredOption("--document <file>", "the legal text to check")
    .option("--terms <file.json>", "the terms JSON to check (without it only the document is checked)")
    .option("--block <tag|number>", BLOCK_HELP)
    .action(
      act(async (ctx, idText: string, opts: { document: string; terms?: string; block?: string }) => {
        const id = parseId(idText, "the agreement id");
        const atBlock = opts.block === undefined ? undefined : await parseBlockOption(opts.block);
        const doc = readUserFile(opts.document, "document");
        const termsText = opts.terms ? readUserFile(opts.terms, "terms file").toString("utf8") : undefined;
        const terms = termsText !== undefined ? parseTerms(termsText, opts.terms!).terms : undefined;
        // R-reads: at a block no reorg can still replace (finalized, or confirmations deep)
        const { client } = await clientForReads((await connect(ctx)).client, atBlock);
        const registry = client.agreements();
        await agreementView(client, { agreementId: id }); // unknown id -> input error
        const v = await verifyAgreement(
          registry,
          id,
          doc,
          terms ?? ({} as AgreementTerms),
          scanStart(client),
        );
        const mismatches = terms ? v.mismatches : v.mismatches.filter((m) => m.field === "documentHash");
        const ok = mismatches.length === 0;
        const nameOf = namer(client);
        const named = async (ps: typeof v.parties) =>
          Promise.all(ps.map(async (p) => ({ ...p, name: await nameOf(p.address) })));
        const parties = await named(v.parties);
        const acceders = await named(v.acceders);
        const report = {
          ok,
          mismatches,
          termsChecked: terms !== undefined,
          agreement: {
            ...v.agreement,
            id: v.agreement.id.toString(),
            parentId: v.agreement.parentId.toString(),
          },
          documentHash: sha256Hex(doc),
          parties,
          acceders,
          versions: v.versions.map((x) => ({
            id: x.id.toString(),
            version: x.version,
            kind: x.kind,
            status: x.status,
            documentHash: x.documentHash,
            termsHash: x.termsHash,
          })),
        };
        if (ctx.out.json) ctx.out.result(report, "");
        else {
          const a = v.agreement;
          ctx.out.result(
            null,
            `agreement ${a.id} (${a.kind} v${a.version}, ${a.status}): ${
              ok
                ? "OK: the document" + (terms ? " and the terms match" : " matches") + " the chain"
                : `${mismatches.length} difference(s)`
            }${terms ? "" : " (terms not checked: give --terms)"}`,
          );
          if (!ok)
            ctx.out.rows(
              ["field", "on chain", "local"],
              mismatches.map((m) => [m.field, m.onChain, m.local]),
            );
          const sigRow = (p: (typeof parties)[number]) => [
            p.name,
            p.address,
            p.signed ? p.method : "(not signed)",
            p.block || "",
            isoTime(p.timestamp),
          ];
          ctx.out.rows(["party", "address", "method", "block", "time"], parties.map(sigRow));
          if (acceders.length)
            ctx.out.rows(["acceded", "address", "method", "block", "time"], acceders.map(sigRow));
          ctx.out.rows(
            ["version", "id", "kind", "status", "document"],
            v.versions.map((x) => [
              `v${x.version}`,
              x.id.toString(),
              x.kind,
              x.status,
              short(x.documentHash),
            ]),
          );
        }
        if (!ok)
          throw checkError(`agreement ${id} does not match: ${mismatches.map((m) => m.field).join(", ")}`);
      }),
    );
}
