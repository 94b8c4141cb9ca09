// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICharter, CharterParams, AmendmentRule} from "./ICharter.sol";
import {IEvidence} from "./IEvidence.sol";
import {IMembership, MemberStatus} from "./IMembership.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

/// @notice What an agreement is (chapter order of a real 联盟协议: the charter, project agreements,
/// licence agreements, amendments to any of them).
enum AgreementKind {
    Charter,
    Project,
    License,
    Amendment,
    Other
}

/// @notice Pending (awaiting signatures) -> Effective (all parties signed, or a charter draft adopted
/// by the council) -> Superseded (an amendment of it took effect) | Terminated. Pending -> Terminated
/// when abandoned (all parties' consent, the council for a charter draft, or a withdrawn amendment).
enum AgreementStatus {
    None,
    Pending,
    Effective,
    Superseded,
    Terminated
}

/// @notice How a signature was given (kept with every signature record).
enum SignatureMethod {
    None,
    Direct,
    EIP712,
    EIP1271
}

/// @notice Remedies a clause's penalty schedule may allow, as bit flags in `Clause.remedies`.
library Remedies {
    uint8 internal constant DAMAGES = 1; // liquidated damages up to `Clause.damagesCap`, from the bond
    uint8 internal constant LICENSE_SUSPENSION = 2;
    uint8 internal constant LICENSE_REVOCATION = 4;
    uint8 internal constant MEMBERSHIP_SUSPENSION = 8;
    uint8 internal constant EXPULSION_PROPOSAL = 16; // put to the council, never automatic
    uint8 internal constant ALL = 31;
}

/// @notice One clause of an agreement's penalty schedule (chapter 8), fixed at creation and covered
/// by the agreement's terms hash.
struct Clause {
    /// Clause id as in the document, e.g. bytes32("7.1") for a confidentiality clause.
    bytes32 clauseId;
    /// Most liquidated damages a ruling on this clause may award, in the settlement token.
    uint256 damagesCap;
    /// Allowed remedies (bit flags of `Remedies`).
    uint8 remedies;
}

/// @notice An agreement's header.
struct Agreement {
    AgreementKind kind;
    AgreementStatus status;
    /// For an amendment: the agreement it amends (0 otherwise).
    uint256 parentId;
    /// 1 for an original, parent's version + 1 for an amendment.
    uint32 version;
    uint32 partyCount;
    uint32 signedCount;
    address creator;
    uint48 createdAt;
    uint48 effectiveAt;
    /// For an amendment or a charter draft: when it lapses (creation + the charter's
    /// `amendmentPeriod` then). From that second on it cannot be signed or adopted, no longer blocks a
    /// new amendment, and any party of its parent may withdraw it (B2). 0 for other originals.
    uint48 lapsesAt;
    /// SHA-256 of the legal document's bytes (check with `sha256sum`).
    bytes32 documentHash;
    /// SHA-256 of the machine-readable terms as canonical JSON (RFC 8785).
    bytes32 termsHash;
    /// Where the document and terms can be fetched; kept in the agreement's data contract (code, not
    /// storage) because a dispute under the agreement names it as its ERC-1497 MetaEvidence.
    string uri;
}

/// @notice What filing a claim under an agreement's clause checks, read in one call
/// (`claimTermsOf`): the agreement, the clause, whether the two parties are bound by it, and the
/// charter's claim parameters.
struct ClaimTerms {
    /// The agreement's status; None for an unknown agreement (then every field up to
    /// `respondentBound` is zero or false).
    AgreementStatus status;
    /// The agreement's version.
    uint32 version;
    /// Whether the agreement's penalty schedule has the clause (then `remedies` and `damagesCap`
    /// are its own; zero otherwise).
    bool clauseFound;
    /// The clause's allowed remedies (bit flags of `Remedies`).
    uint8 remedies;
    /// The clause's damages cap, in the settlement token.
    uint256 damagesCap;
    /// `isBoundBy(agreementId, claimant)`.
    bool claimantBound;
    /// `isBoundBy(agreementId, respondent)`.
    bool respondentBound;
    /// `charterParams().claimBond` (the charter in force, or the genesis parameters).
    uint256 claimBond;
    /// `charterParams().curePeriod`.
    uint32 curePeriod;
    /// `charterParams().answerPeriod`.
    uint32 answerPeriod;
}

/// @notice What a caller gives to create an agreement.
struct AgreementInput {
    /// Charter for an original charter, Amendment for an amendment (then `parentId` != 0), else
    /// Project, License or Other.
    AgreementKind kind;
    /// The agreement amended (0 for an original).
    uint256 parentId;
    /// SHA-256 of the legal document's bytes.
    bytes32 documentHash;
    /// SHA-256 of the RFC 8785 canonical JSON of the terms.
    bytes32 termsHash;
    /// Where the document and terms can be fetched (also the ERC-1497 MetaEvidence URI); 1..MAX_URI_BYTES bytes.
    string uri;
    /// The parties: members or outsiders (a licensee), unique, non-zero, 1..MAX_PARTIES, in any order
    /// (a party's index is its position in address order: see `partyIndexOf`). A charter draft lists
    /// exactly what its amendment rule requires (see `createCharter`); an amendment lists at least
    /// every party of its parent (B2).
    address[] parties;
    /// The penalty schedule: unique non-zero clause ids, remedies within `Remedies.ALL`, <= MAX_CLAUSES.
    Clause[] clauses;
}

/// @notice One signature on an agreement: by a party, or by a member acceding to the charter. Its
/// block and time are those of its `AgreementSigned` or `CharterAcceded` event (lean records: storage
/// keeps what a contract checks; the SDK reads when from the event).
struct SignatureRecord {
    /// None while not signed.
    SignatureMethod method;
    /// True when the signer is not a party but acceded to the charter in force.
    bool accession;
    /// True when the party consented to terminate the agreement.
    bool terminationConsent;
}

/// @notice A party (or acceder) with its signature record, as the paged views return it.
struct PartyRecord {
    address account;
    SignatureRecord signature;
}

/// @title IAgreementRegistry
/// @notice Ricardian agreements (F2, F5): what each party signed, when and how. The functions here
/// are the part other modules call; `IAgreementRegistryFull` holds the rest. Each agreement binds
/// the SHA-256 of its legal document and of its canonical terms JSON; parties sign either directly
/// or by an EIP-712 signature (EIP-1271 for contract wallets) that anyone may submit. The charter
/// agreement also carries the alliance's `CharterParams`, which every module reads through `ICharter`.
interface IAgreementRegistry is ICharter, IEvidence {
    // ------------------------------------------------------------------ errors
    /// @dev A constructor argument, or the membership registry to bind, is the zero address.
    error AgreementRegistryZeroAddress();
    /// @dev `bindMembership` was already called (`membership` is the registry bound then).
    error AgreementRegistryMembershipAlreadyBound(address membership);
    /// @dev Signing or acceding before `bindMembership` (a suite still being deployed).
    error AgreementRegistryMembershipNotBound();
    /// @dev A charter parameter is out of range (`field` names it).
    error AgreementRegistryInvalidCharterParam(string field);
    /// @dev The document hash or terms hash is zero, or the URI is empty or longer than `MAX_URI_BYTES`
    /// (`field` names it; "size" when the record would not fit its data contracts).
    error AgreementRegistryInvalidInput(string field);
    /// @dev The agreement's data contract could not be created (its code is written once, at creation).
    error AgreementRegistryDataNotWritten();
    /// @dev `count` parties given where 1..`max` are allowed.
    error AgreementRegistryInvalidPartyCount(uint256 count, uint256 max);
    /// @dev A party is the zero address or appears twice.
    error AgreementRegistryInvalidParty(address party);
    /// @dev `count` clauses given where at most `max` are allowed.
    error AgreementRegistryTooManyClauses(uint256 count, uint256 max);
    /// @dev A clause has a zero id, a duplicate id, or remedies that are empty or outside `Remedies.ALL`.
    error AgreementRegistryInvalidClause(bytes32 clauseId, uint8 remedies);
    /// @dev No agreement has this id.
    error AgreementRegistryUnknownAgreement(uint256 agreementId);
    /// @dev The agreement's penalty schedule has no such clause.
    error AgreementRegistryUnknownClause(uint256 agreementId, bytes32 clauseId);
    /// @dev `kind` may not be created this way (a charter line needs `createCharter`, others
    /// `createAgreement`; `Amendment` iff a parent is named; an amendment stays in its parent's line).
    error AgreementRegistryKindNotAllowed(AgreementKind kind, uint256 parentId);
    /// @dev The creator of a non-charter agreement must be one of its parties (and of the parent's).
    error AgreementRegistryCreatorNotParty(address creator);
    /// @dev The agreement is in `current` status where one of `expectedMask` (bit i = AgreementStatus(i)) is needed.
    error AgreementRegistryUnexpectedStatus(
        uint256 agreementId,
        AgreementStatus current,
        uint256 expectedMask
    );
    /// @dev `parentId` already has a pending amendment (one at a time).
    error AgreementRegistryAmendmentPending(uint256 parentId, uint256 amendmentId);
    /// @dev A charter draft (original or amendment) is already pending.
    error AgreementRegistryCharterDraftPending(uint256 draftId);
    /// @dev An original charter cannot be created while a charter is in force (amend it instead).
    error AgreementRegistryCharterInForce(uint256 charterId);
    /// @dev `agreementId` is not the charter in force (`currentId`; 0 when none is).
    error AgreementRegistryNotCurrentCharter(uint256 agreementId, uint256 currentId);
    /// @dev `agreementId` is not an agreement of the charter line.
    error AgreementRegistryNotCharter(uint256 agreementId);
    /// @dev The hashes given are not the stored ones: the signer would not sign what is on chain.
    error AgreementRegistryHashMismatch(uint256 agreementId, bytes32 documentHash, bytes32 termsHash);
    /// @dev `account` is not a party to `agreementId`.
    error AgreementRegistryNotParty(uint256 agreementId, address account);
    /// @dev A charter draft lists `given` parties where its amendment rule requires exactly `required`:
    /// every member bound by the charter in force, every member when none is in force, or none when
    /// the council adopts it by vote (B1).
    error AgreementRegistryCharterPartiesMismatch(uint256 given, uint256 required);
    /// @dev `party` of a charter amendment is not a member bound by the charter in force (B1).
    error AgreementRegistryPartyNotBound(address party);
    /// @dev `party` of a first charter is not an active or suspended member (`status`), so it cannot
    /// sign it (B1: a charter party is never a non-member).
    error AgreementRegistryCharterPartyNotMember(address party, MemberStatus status);
    /// @dev The set of members bound by the charter in force changed (a member acceded, withdrew or was
    /// expelled) since charter draft `draftId` was created: it can no longer take effect; withdraw it
    /// and draft anew (B1).
    error AgreementRegistryDraftStale(uint256 draftId, uint256 recordedEpoch, uint256 currentEpoch);
    /// @dev Charter draft `draftId` is decided by `rule` of the charter in force, not this way: the
    /// council adopts only under CouncilVote, and members' signatures are the only way under
    /// MemberSignatures (B1).
    error AgreementRegistryWrongAmendmentRule(uint256 draftId, AmendmentRule rule);
    /// @dev `agreementId` is not the pending charter draft (`draftId`; 0 when none is pending).
    error AgreementRegistryNotCharterDraft(uint256 agreementId, uint256 draftId);
    /// @dev The amendment or charter draft lapsed at `lapsedAt`: it cannot be signed or adopted (B2).
    error AgreementRegistryAmendmentLapsed(uint256 agreementId, uint256 lapsedAt);
    /// @dev An amendment must list every party of its parent (B2): it lists `listed` of the `required`
    /// parties of `parentId`.
    error AgreementRegistryParentPartiesMissing(uint256 parentId, uint256 listed, uint256 required);
    /// @dev `agreementId` is neither an amendment nor a charter draft: there is nothing to withdraw.
    error AgreementRegistryNotAmendment(uint256 agreementId);
    /// @dev `caller` may not withdraw `agreementId`: only its creator may before it lapses at
    /// `lapsesAt`; from then on also any party of its parent (of the draft itself for a first charter).
    error AgreementRegistryNotWithdrawable(uint256 agreementId, address caller, uint256 lapsesAt);
    /// @dev `signer` already signed `agreementId` (a signature counts once, S3), or, acceding to charter
    /// `agreementId`, is already bound by its line.
    error AgreementRegistryAlreadySigned(uint256 agreementId, address signer);
    /// @dev `signer` is an expelled or withdrawn member and cannot sign (S6).
    error AgreementRegistrySignerExcluded(address signer, MemberStatus status);
    /// @dev An acceder must be an Active member.
    error AgreementRegistryNotActiveMember(address member, MemberStatus status);
    /// @dev The signature's deadline has passed (S5).
    error AgreementRegistrySignatureExpired(uint256 deadline, uint256 timestamp);
    /// @dev The signature is not `signer`'s EIP-712 signature of this agreement (S1, S2, S4, S7, S8).
    error AgreementRegistryInvalidSignature(address signer);
    /// @dev `party` already consented to terminate `agreementId`.
    error AgreementRegistryAlreadyConsented(uint256 agreementId, address party);

    // ------------------------------------------------------------------ events
    /// @notice The membership registry was bound, once, at deployment.
    event MembershipBound(address indexed membership);
    /// @dev An agreement was created (ERC-1497 `MetaEvidence(agreementId, uri)` is emitted with it).
    event AgreementCreated(
        uint256 indexed agreementId,
        AgreementKind indexed kind,
        uint256 indexed parentId,
        uint32 version,
        address creator,
        bytes32 documentHash,
        bytes32 termsHash,
        uint256 partyCount,
        string uri
    );
    /// @dev `party` is listed in agreement `agreementId` with index `partyIndex` (its position in address
    /// order), one event per party at creation: an account's agreements are read from these events
    /// (and `CharterAcceded`).
    event PartyListed(uint256 indexed agreementId, address indexed party, uint256 partyIndex);
    /// @dev The agreement's penalty schedule was fixed (at creation).
    event PenaltyScheduleSet(uint256 indexed agreementId, Clause[] clauses);
    /// @dev A charter-line agreement was created with these parameters (they apply once it is in force).
    event CharterParamsProposed(uint256 indexed agreementId, CharterParams params);
    /// @dev A party signed.
    event AgreementSigned(
        uint256 indexed agreementId,
        address indexed signer,
        SignatureMethod method,
        uint32 version,
        uint32 signedCount
    );
    /// @dev The last party signed: the agreement is Effective.
    event AgreementBecameEffective(uint256 indexed agreementId, uint32 version);
    /// @dev An amendment of the agreement took effect.
    event AgreementSuperseded(uint256 indexed agreementId, uint256 indexed amendmentId);
    /// @dev A charter-line agreement came into force; its parameters now apply.
    event CharterInForce(uint256 indexed charterId, uint256 indexed previousCharterId, uint32 version);
    /// @dev A member acceded to the charter in force by signing it.
    event CharterAcceded(
        uint256 indexed charterId,
        address indexed member,
        SignatureMethod method,
        uint32 version
    );
    /// @dev A party consented to terminate the agreement (`consents` so far).
    event TerminationConsented(uint256 indexed agreementId, address indexed party, uint32 consents);
    /// @dev The agreement was terminated, by all parties or (a charter) by the council.
    event AgreementTerminated(uint256 indexed agreementId, bool byCouncil, bytes32 reasonHash);
    /// @dev The council adopted charter draft `draftId` by a reserved vote (AmendmentRule.CouncilVote).
    event CharterAdopted(uint256 indexed draftId, uint32 version);
    /// @dev A pending amendment or charter draft was withdrawn by `by` (its creator, or after it lapsed
    /// a party of its parent), or set aside as `lapsed` when `by` created a new one (B2).
    event AmendmentWithdrawn(uint256 indexed agreementId, address indexed by, bool lapsed);

    // ------------------------------------------------------------------ views other modules call
    /// @notice The agreement's header; reverts for an unknown id.
    function agreementOf(uint256 agreementId) external view returns (Agreement memory);

    /// @notice Whether `account` is a party to agreement `agreementId`.
    function isParty(uint256 agreementId, address account) external view returns (bool);

    /// @notice Whether agreement `agreementId` binds `account`. For the charter in force: `account` is
    /// bound by its line (`hasAcceded`), as a founding party or by accession, to this version or an
    /// earlier one (B9: an acceder can claim and be claimed against like a founding party). For any
    /// other agreement: a listed party, or a member with an accession record on that version. Whether
    /// `account` is still a member is the caller's check.
    function isBoundBy(uint256 agreementId, address account) external view returns (bool);

    /// @notice Whether agreement `agreementId` is Effective (signed by every party, not superseded or terminated).
    function isEffective(uint256 agreementId) external view returns (bool);

    /// @notice Clause `clauseId` of agreement `agreementId`'s penalty schedule; reverts if it has none such.
    function clauseOf(uint256 agreementId, bytes32 clauseId) external view returns (Clause memory);

    /// @notice What filing a claim by `claimant` against `respondent` under clause `clauseId` of
    /// agreement `agreementId` checks, in one call (`ClaimTerms`): the agreement's status and
    /// version, the clause (if the schedule has it), `isBoundBy` of both parties (B9) and the claim
    /// parameters of the charter in force. Never reverts for an unknown agreement or clause: the
    /// status is None, or `clauseFound` false. The zero address is never bound (pass it for a party
    /// whose binding is not needed). Reads only the words it returns (not the URI or the whole
    /// `CharterParams`).
    function claimTermsOf(
        uint256 agreementId,
        bytes32 clauseId,
        address claimant,
        address respondent
    ) external view returns (ClaimTerms memory);
}

/// @title IAgreementRegistryFull
/// @notice The whole surface of `AgreementRegistry`: creation, signing, accession, amendment,
/// termination and the audit views. Kept apart from `IAgreementRegistry` (the part other modules
/// call) so that test stand-ins such as `MockCharter` need not implement it.
interface IAgreementRegistryFull is IAgreementRegistry, IERC5267 {
    // ------------------------------------------------------------------ deployment
    /// @notice ADMIN, once, at deployment: binds the suite's `Membership` (which takes this registry
    /// in its constructor, hence the binding after construction). Reverts on the zero address and on
    /// a second call, so the binding can never change.
    /// @dev Emits `MembershipBound`.
    function bindMembership(address membership) external;

    /// @notice The membership registry asked about signers' standing and told of accessions
    /// (zero until `bindMembership`).
    // solhint-disable-next-line func-name-mixedcase
    function MEMBERSHIP() external view returns (IMembership);

    // ------------------------------------------------------------------ actions
    /// @notice SECRETARIAT: drafts the charter (`input.kind` Charter, `input.parentId` 0; only while
    /// no charter is in force) or an amendment of the charter in force (`input.kind` Amendment,
    /// `input.parentId` = `currentCharterId()`), with its parameters. One charter draft at a time (a
    /// lapsed one is set aside). The secretariat only drafts (B1): the amendment rule of the charter
    /// in force (the genesis parameters' before the first charter) fixes the party list and how the
    /// draft takes effect:
    /// - MemberSignatures: the parties are exactly the members bound by the charter in force (each
    ///   checked, as many as `IMembership.boundCountOf(charterLine())`), or, for a first charter, as
    ///   many as there are active and suspended members, each of whom must be one when it signs. It
    ///   takes effect with the last signature, unless the bound set changed since creation (stale).
    /// - CouncilVote: no parties (nobody's signature decides); it takes effect only by `adoptCharter`.
    /// @dev Emits `AgreementCreated`, `MetaEvidence`, `PenaltyScheduleSet`, `CharterParamsProposed`.
    /// @return agreementId The new agreement's id (counter from 1).
    function createCharter(
        AgreementInput calldata input,
        CharterParams calldata params
    ) external returns (uint256 agreementId);

    /// @notice A party creates a project, licence or other agreement, or (kind Amendment) an amendment
    /// of an Effective non-charter agreement to which it is also a party. An amendment lists every
    /// party of its parent (and may add others) and lapses `amendmentPeriod` (the charter's value now)
    /// after creation. One pending amendment per parent; a lapsed one is set aside (B2).
    /// @dev Emits `AgreementCreated`, `MetaEvidence`, `PenaltyScheduleSet`.
    /// @return agreementId The new agreement's id.
    function createAgreement(AgreementInput calldata input) external returns (uint256 agreementId);

    /// @notice The caller, a party, signs `agreementId`, proving it signs exactly `documentHash` and
    /// `termsHash` (both must equal the stored ones). The last signature makes it Effective (and
    /// supersedes its parent; for the charter line, moves `currentCharterId`). O(1) in the parties: the
    /// signer is found in the sorted party list by a search of fixed length (11 steps, whatever the
    /// count). Refused once an amendment or charter draft has lapsed (B2), for a charter amendment
    /// whose bound set changed since creation (B1), and for a first-charter party that is not an
    /// active or suspended member; a first-charter signature binds the signer to that charter's line
    /// once it takes effect (`IMembership.onAccession`).
    /// @dev Emits `AgreementSigned` (and `AgreementBecameEffective`, ... with the last signature): the
    /// block and time of a signature are those of its event.
    function sign(uint256 agreementId, bytes32 documentHash, bytes32 termsHash) external;

    /// @notice Anyone submits `signer`'s EIP-712 `AgreementSignature` for `agreementId` before
    /// `deadline` (inclusive). Contract signers are checked by EIP-1271 (method EIP1271), others by
    /// ECDSA (method EIP712; 65-byte, low-s signatures only).
    function signWithSignature(
        uint256 agreementId,
        bytes32 documentHash,
        bytes32 termsHash,
        address signer,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice An Active member not bound by the charter in force accedes to it by signing it
    /// (recorded as an accession; the charter's status and counts do not change) and is bound by its
    /// line from then on; Membership is told through `IMembership.onAccession`. A member re-admitted
    /// after withdrawal or expulsion accedes again (its earlier record on the same version is kept).
    function accede(uint256 charterId, bytes32 documentHash, bytes32 termsHash) external;

    /// @notice `accede` by `member`'s EIP-712 `AgreementSignature` over the charter in force, submitted by anyone.
    function accedeWithSignature(
        uint256 charterId,
        bytes32 documentHash,
        bytes32 termsHash,
        address member,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice The caller, a party, consents to terminate a Pending or Effective agreement; with the
    /// last party's consent it is Terminated (a charter in force: `currentCharterId` becomes 0).
    function consentToTermination(uint256 agreementId) external;

    /// @notice COUNCIL: terminates a Pending or Effective charter-line agreement.
    function terminateCharter(uint256 agreementId, bytes32 reasonHash) external;

    /// @notice COUNCIL (a Governor proposal reserved for the supermajority): adopts the pending charter
    /// draft `draftId` when the amendment rule of the charter in force (the genesis parameters' before
    /// the first charter) is CouncilVote, before it lapses. Members bound by the charter in force stay
    /// bound by the adopted version; a first charter adopted this way binds nobody until members
    /// accede (B1).
    /// @dev Emits `CharterAdopted`, `AgreementBecameEffective`, `CharterInForce` (and
    /// `AgreementSuperseded` for an amendment).
    function adoptCharter(uint256 draftId) external;

    /// @notice Withdraws a pending amendment (of any agreement) or the pending charter draft: its
    /// creator at any time; once it has lapsed, also any party of its parent (a member bound by the
    /// charter in force for a charter amendment; a party of the draft for a first charter) (B2). It
    /// becomes Terminated and no longer blocks a new amendment.
    /// @dev Emits `AmendmentWithdrawn`.
    function withdrawAmendment(uint256 agreementId) external;

    // ------------------------------------------------------------------ views
    /// @notice Most parties an agreement may have (creation is O(parties); signing is O(1)).
    function MAX_PARTIES() external view returns (uint256);

    /// @notice Most clauses an agreement's penalty schedule may have.
    function MAX_CLAUSES() external view returns (uint256);

    /// @notice Longest URI an agreement may have, in bytes.
    function MAX_URI_BYTES() external view returns (uint256);

    /// @notice `account`'s index in the party list of `agreementId` (its position in address order: the
    /// index of its signature bits); reverts `AgreementRegistryNotParty` for a non-party.
    /// A binary search: at most ceil(log2(parties + 1)) reads.
    function partyIndexOf(uint256 agreementId, address account) external view returns (uint256);

    /// @notice The whole penalty schedule (at most MAX_CLAUSES) in creation order.
    function clausesOf(uint256 agreementId) external view returns (Clause[] memory);

    /// @notice The parameters stored with charter-line agreement `agreementId` (in force or not).
    function charterParamsOf(uint256 agreementId) external view returns (CharterParams memory);

    /// @notice `account`'s signature record on `agreementId` (method None if it has not signed).
    function signatureOf(uint256 agreementId, address account) external view returns (SignatureRecord memory);

    /// @notice Parties `offset`..`offset+limit-1` (in the order the creator listed them) with their
    /// signature records.
    function partiesOf(
        uint256 agreementId,
        uint256 offset,
        uint256 limit
    ) external view returns (PartyRecord[] memory);

    /// @notice Members that acceded to charter-line agreement `agreementId`, paged, in accession order.
    function accedersOf(
        uint256 agreementId,
        uint256 offset,
        uint256 limit
    ) external view returns (PartyRecord[] memory);

    /// @notice How many members acceded to `agreementId`.
    function accederCount(uint256 agreementId) external view returns (uint256);

    /// @notice The agreement that started `agreementId`'s version chain (itself for an original).
    function rootOf(uint256 agreementId) external view returns (uint256);

    /// @notice Agreement ids of `agreementId`'s version chain (original first, then each amendment as
    /// created, including abandoned drafts), paged.
    function versionChain(
        uint256 agreementId,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory);

    /// @notice Length of `agreementId`'s version chain.
    function versionCount(uint256 agreementId) external view returns (uint256);

    /// @notice How many agreements exist (ids are 1..agreementCount()).
    function agreementCount() external view returns (uint256);

    /// @notice The pending amendment of `agreementId` (0 if none; it may have lapsed: see `lapsesAt`).
    function pendingAmendmentOf(uint256 agreementId) external view returns (uint256);

    /// @notice The pending charter draft (original or amendment; 0 if none; it may have lapsed).
    function charterDraftId() external view returns (uint256);

    /// @notice Termination consents given so far on `agreementId`.
    function terminationConsents(uint256 agreementId) external view returns (uint32);

    /// @notice The EIP-712 digest a signer signs for these values (what `signWithSignature` verifies).
    function hashAgreementSignature(
        uint256 agreementId,
        bytes32 documentHash,
        bytes32 termsHash,
        uint32 version,
        address signer,
        uint256 deadline
    ) external view returns (bytes32);
}
