// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Active -> Suspended (rulings, each counted per claim, or non-payment) -> Active (once no
/// ruling's suspension remains and no period is in arrears); Active | Suspended -> Revoked | Expired.
/// A suspended licence cannot start a new royalty period, and periods that begin while it is
/// suspended stay waived whatever happens to it later (B15); money owed to a penalised party is held,
/// not lost (M9).
enum LicenseStatus {
    None,
    Active,
    Suspended,
    Revoked,
    Expired
}

/// @notice Exclusive: nobody else, not even the owners, may use the asset in the licence's field,
/// territory and time. Sole: the owners may, no other licensee. NonExclusive: no restriction.
enum LicenseKind {
    Exclusive,
    Sole,
    NonExclusive
}

/// @notice Whose terms these are: members of the alliance, or anyone (outsiders; F6).
enum PriceClass {
    Member,
    Outsider
}

/// @notice Licence terms (chapter 6 of the agreement; the License agreement's terms JSON carries the
/// same values under the same names).
struct LicenseTerms {
    LicenseKind kind;
    PriceClass priceClass;
    bool sublicensable;
    /// Running royalty in bps of reported revenue (<= 10000).
    uint16 royaltyBps;
    /// Field-of-use id and territory id from the alliance's taxonomy (a partition: two different
    /// ids never overlap).
    uint32 fieldId;
    uint32 territoryId;
    /// Royalty period length in seconds; 0 = no running royalty (then royaltyBps and minRoyalty are 0).
    uint32 periodLength;
    /// Licence window [start, end). For an offer: the licence runs from acceptance (not before
    /// start) to end, and the offer can be accepted until end.
    uint48 start;
    uint48 end;
    /// Paid on grant (through Treasury: levy to the alliance fund, the rest to the co-owners).
    uint128 upfrontFee;
    /// Least royalty per period whatever the revenue.
    uint128 minRoyalty;
}

/// @notice A granted licence: what payments, defaults, suspensions and the conflict check read later,
/// in three storage words at grant (a fourth for a negotiated licence, or once it is suspended); a
/// royalty payment reads the first three only, unless the licence is or was suspended. The terms
/// nothing checks later (price class, sublicensable, upfront fee) and the grant time are in
/// `LicenseGranted` only.
struct License {
    address licensee;
    LicenseStatus status;
    LicenseKind kind;
    uint16 royaltyBps;
    /// The charter's levy when the licence was granted: fixed in advance for its whole life (F5).
    uint16 levyBps;
    /// Index of the next unpaid royalty period.
    uint32 nextPeriod;
    bool suspendedForNonPayment;
    /// Whether a suspension window from `pauseCursor` on is still to be skipped (pauseCursor < pauseCount).
    bool pauseAhead;
    uint48 start;
    /// End of the licence (cut back to the revocation time when revoked).
    uint48 end;
    /// Start of the next unpaid royalty period.
    uint48 periodStart;
    uint32 periodLength;
    /// The proposal (offer or negotiated) it was granted under.
    uint64 proposalId;
    /// Least royalty per period whatever the revenue.
    uint128 minRoyalty;
    uint64 assetId;
    uint32 fieldId;
    uint32 territoryId;
    /// The License agreement it was granted under; 0 for a public offer.
    uint64 agreementId;
    /// When the current suspension began (0 if never suspended).
    uint48 suspendedAt;
    /// Next suspension window to skip (see `pauseOf`) and how many windows there are.
    uint32 pauseCursor;
    uint32 pauseCount;
    /// B7: number of rulings (claims) whose suspension of the licence is in force.
    uint16 rulingSuspensions;
    /// Period index + 1 of the last royalty default recorded (one record per period).
    uint32 defaultedPeriod;
}

/// @notice One co-owner's (or beneficiary's) income from one asset.
struct IncomeStatement {
    /// Everything credited to the account itself so far (its share after its beneficiaries' parts,
    /// plus parts directed to it as a beneficiary), including what is not yet settled.
    uint256 accrued;
    /// What its share earned and it directed to its beneficiaries.
    uint256 directed;
    uint256 claimed;
    /// accrued - claimed.
    uint256 claimable;
}

/// @title ILicenseManager
/// @notice The part of `LicenseManager` other modules (`DisputeResolution`) call; unchanged so that
/// their stand-ins keep compiling. `ILicenseManagerFull` is the whole surface.
interface ILicenseManager {
    /// @notice Disputes module: suspends licence `licenseId` as the remedy of claim `claimId` (B7),
    /// whatever its state: Active, or already Suspended (for non-payment or by another ruling; the
    /// suspension then keeps its start). Each claim's suspension is counted on its own; a claim
    /// suspends a licence at most once. Periods that begin while suspended are waived (M9, B15).
    function suspendLicense(uint256 licenseId, uint256 claimId) external;

    /// @notice Disputes module: lifts claim `claimId`'s suspension only (B7); reverts for a claim that
    /// has none in force. The licence is Active again only when no ruling's suspension remains and it
    /// is not suspended for non-payment (on a revoked or expired licence the record is just cleared).
    function liftSuspension(uint256 licenseId, uint256 claimId) external;

    /// @notice Disputes module: revokes licence `licenseId` as the remedy of claim `claimId`.
    /// Royalty periods that began before (before the suspension, if suspended) stay owed.
    function revokeLicense(uint256 licenseId, uint256 claimId) external;

    /// @notice The licence's status, licensee and the agreement it was granted under (0 for a public offer).
    function licenseSummary(
        uint256 licenseId
    ) external view returns (LicenseStatus status, address licensee, uint256 assetId, uint256 agreementId);
}

/// @title ILicenseManagerFull
/// @notice Licences and royalties (F5, F6, R4, Macro 3): granted licences (offers and negotiated
/// licences are approved in `LicenseProposals`), exclusivity conflicts, royalty reporting and
/// payment, co-owner income through a royalty-per-share accumulator, tiered income splits (the
/// article's 4:4:2), suspension and revocation by ruling or for non-payment.
interface ILicenseManagerFull is ILicenseManager {
    // ------------------------------------------------------------------ errors
    /// @dev An address given at construction is the zero address.
    error LicenseManagerZeroAddress();
    /// @dev `account` holds no share of asset `assetId`.
    error LicenseManagerNotCoOwner(uint256 assetId, address account);
    /// @dev The new licence overlaps licence `licenseId` on the same asset, field, territory and
    /// time, and one of them is exclusive or sole.
    error LicenseManagerConflict(uint256 licenseId);
    /// @dev B8: the asset x field x territory key already carries `cap` live entries (each a licence
    /// its co-owners approved on its own, or all live non-exclusive acceptances of one offer), none of
    /// whose windows has ended.
    error LicenseManagerKeyFull(bytes32 key, uint256 cap);
    /// @dev No licence has id `licenseId`.
    error LicenseManagerUnknownLicense(uint256 licenseId);
    /// @dev The licence is `current`, outside `expectedMask` (bit i = LicenseStatus(i)).
    error LicenseManagerUnexpectedStatus(uint256 licenseId, LicenseStatus current, uint256 expectedMask);
    /// @dev `account` is not the licensee of licence `licenseId`.
    error LicenseManagerNotLicensee(uint256 licenseId, address account);
    /// @dev Licence `licenseId` has no royalty periods (a paid-up licence): there is no period to pay or default.
    error LicenseManagerNoRunningRoyalty(uint256 licenseId);
    /// @dev All royalty periods are paid (or the licence has ended).
    error LicenseManagerNoPeriodDue(uint256 licenseId);
    /// @dev The period ends at `periodEnd`; it is reported and paid after that.
    error LicenseManagerPeriodNotEnded(uint256 licenseId, uint256 periodEnd);
    /// @dev M9: the licence is suspended since `suspendedAt`: no new period starts.
    error LicenseManagerLicenseSuspended(uint256 licenseId, uint256 suspendedAt);
    /// @dev `amount` paid on licence `licenseId` is below `due`, what the period owes (max(rate x revenue, minimum)).
    error LicenseManagerRoyaltyBelowDue(uint256 licenseId, uint256 amount, uint256 due);
    /// @dev The period is not overdue before `deadline` (period end + charter royaltyGracePeriod).
    error LicenseManagerNotOverdue(uint256 licenseId, uint256 deadline);
    /// @dev A royalty default of licence `licenseId` for period `period` is already recorded.
    error LicenseManagerDefaultAlreadyRecorded(uint256 licenseId, uint256 period);
    /// @dev B7: claim `claimId` has no suspension of this licence in force to lift.
    error LicenseManagerNotSuspendedByRuling(uint256 licenseId, uint256 claimId);
    /// @dev B7: claim `claimId` already suspended this licence (each ruling suspends once).
    error LicenseManagerAlreadySuspendedByClaim(uint256 licenseId, uint256 claimId);
    /// @dev B7: claim id 0 is not a claim (a suspension for non-payment is recorded as claim 0).
    error LicenseManagerZeroClaim();
    /// @dev The licence has not reached its end (`end`).
    error LicenseManagerNotEnded(uint256 licenseId, uint256 end);
    /// @dev `account` has no income to claim from asset `assetId`.
    error LicenseManagerNothingToClaim(uint256 assetId, address account);
    /// @dev M9: `account` is suspended (penalised): its income is held, and its income split cannot
    /// change, until it is reinstated.
    error LicenseManagerIncomeHeld(address account);
    /// @dev Beneficiaries and bps arrays invalid: lengths differ, too many, zero, duplicate, self, or sum > 10000.
    error LicenseManagerInvalidSplit(string reason);

    // ------------------------------------------------------------------ events
    /// @dev A licence from `start` to `terms.end` under proposal `proposalId` (and License agreement
    /// `agreementId`, 0 for an offer), the charter's `levyBps` fixed for its life. Every term is here;
    /// storage keeps only what is checked later (see `License`).
    event LicenseGranted(
        uint256 indexed licenseId,
        uint256 indexed assetId,
        address indexed licensee,
        uint256 proposalId,
        uint256 agreementId,
        uint256 start,
        uint256 levyBps,
        LicenseTerms terms
    );
    event UpfrontFeePaid(uint256 indexed licenseId, uint256 received, uint256 levy);
    event RoyaltyPaid(
        uint256 indexed licenseId,
        uint256 indexed period,
        uint256 revenue,
        uint256 due,
        uint256 received,
        uint256 levy
    );
    /// @dev `accumulated`: the asset's royalty accumulator (all net income ever, per 10000 bps).
    event RoyaltyAccrued(uint256 indexed assetId, uint256 net, uint256 accumulated);
    event RoyaltyDefaultRecorded(
        uint256 indexed licenseId,
        uint256 indexed period,
        uint256 entryId,
        uint256 amountDue
    );
    /// @dev `claimId` 0: suspended for non-payment.
    event LicenseSuspended(uint256 indexed licenseId, uint256 claimId);
    event SuspensionLifted(uint256 indexed licenseId, uint256 claimId);
    event LicenseRevoked(uint256 indexed licenseId, uint256 claimId);
    event LicenseExpired(uint256 indexed licenseId);
    event IncomeSplitSet(
        uint256 indexed assetId,
        address indexed owner,
        address[] beneficiaries,
        uint16[] bps
    );
    event IncomeSettled(uint256 indexed assetId, address indexed owner, uint256 own, uint256 directed);
    event IncomeClaimed(uint256 indexed assetId, address indexed account, uint256 amount);

    // ------------------------------------------------------------------ grants
    /// @notice LicenseProposals (LICENSING_MODULE role) only: grants a licence on `assetId` to
    /// `licensee` with `terms`, running from `start` to `terms.end`, after checking conflicts, and
    /// collects the upfront fee from the licensee through Treasury (approve Treasury for it). The
    /// charter's levy at this moment is fixed for the licence's life (F5: splits fixed in advance).
    function grantLicense(
        uint256 assetId,
        address licensee,
        uint256 proposalId,
        uint256 agreementId,
        LicenseTerms calldata terms,
        uint48 start
    ) external returns (uint256 licenseId);

    // ------------------------------------------------------------------ royalties
    /// @notice The licensee reports `revenue` for its next unpaid period (which must have ended) and
    /// pays `amount` >= max(royaltyBps x revenue, minRoyalty) through Treasury (approve Treasury):
    /// the licence's levy goes to the alliance fund, the rest accrues to the co-owners by share. O(1)
    /// in the number of co-owners. A suspended licence cannot pay (start) a period beginning after
    /// its suspension (M9); periods that began during a suspension are waived once it is lifted.
    function payRoyalty(
        uint256 licenseId,
        uint256 revenue,
        uint256 amount
    ) external returns (uint256 received);

    /// @notice Anyone: records the licence's next unpaid period as a default (`DefaultKind.UnpaidRoyalty`)
    /// once its end plus the charter's `royaltyGracePeriod` has passed, and suspends the licence for
    /// non-payment. Paying every period that began before the suspension lifts it again.
    function recordRoyaltyDefault(uint256 licenseId) external returns (uint256 entryId);

    /// @notice Anyone: marks a licence past its end as Expired (freeing its conflict slot). A licence
    /// still suspended ends at its suspension (as a revocation does), so the periods that began while
    /// it was suspended stay waived (B15); earlier periods stay owed.
    function expireLicense(uint256 licenseId) external;

    /// @notice Settles and pays the caller all its income from asset `assetId` (its share, after
    /// its beneficiaries' parts, plus parts directed to it). Held while the caller is a suspended
    /// member (M9).
    function claim(uint256 assetId) external returns (uint256 amount);

    /// @notice Anyone: moves `owner`'s unsettled income from the accumulator into its and its
    /// beneficiaries' claimable balances (so beneficiaries need not wait for the owner). M9: while
    /// `owner` is a suspended member, all of it stays held for the owner (no beneficiary's part).
    function settle(uint256 assetId, address owner) external;

    /// @notice A co-owner directs fixed parts of its income from `assetId` to beneficiaries (e.g.
    /// research, pilot and industrialisation staff, 4:4:2). At most MAX_BENEFICIARIES, bps sum
    /// <= 10000 (the rest stays with the owner). Settles first, so the new split applies to income
    /// accrued from now on. M9: a suspended member cannot change its split.
    function setIncomeSplit(
        uint256 assetId,
        address[] calldata beneficiaries,
        uint16[] calldata bps
    ) external;

    // ------------------------------------------------------------------ views

    /// @notice The licence's stored record. Its licences per asset and per licensee, price class,
    /// sublicensable flag, upfront fee and grant time are read from `LicenseGranted` events (indexed by
    /// licence, asset and licensee).
    function licenseOf(uint256 licenseId) external view returns (License memory);
    function licenseCount() external view returns (uint256);
    /// @notice The licence's next unpaid royalty period: index, start, end, and whether it may be paid now.
    function nextPeriodOf(
        uint256 licenseId
    ) external view returns (uint256 index, uint256 start, uint256 end, bool payableNow);
    /// @notice Suspension window `index` of the licence: royalty periods beginning in [from, to) are waived.
    function pauseOf(uint256 licenseId, uint256 index) external view returns (uint256 from, uint256 to);
    /// @notice B8: the live entries of an asset x field x territory key, by id: a licence (negotiated,
    /// or an exclusive or sole acceptance), or the first licence of a non-exclusive offer's live
    /// acceptances, which count as one entry together (see `keyEntryOf`).
    function licensesOfKey(
        uint256 assetId,
        uint32 fieldId,
        uint32 territoryId
    ) external view returns (uint256[] memory);
    /// @notice B8: entry `entryId` of its key: the window [start, end) it covers, its kind and how many
    /// live licences it stands for (0 once it left its key).
    function keyEntryOf(
        uint256 entryId
    ) external view returns (uint256 start, uint256 end, LicenseKind kind, uint256 live);
    /// @notice B7: whether claim `claimId`'s suspension of licence `licenseId` is in force.
    function suspendedByClaim(uint256 licenseId, uint256 claimId) external view returns (bool);
    /// @notice All net income (after levy) the asset's co-owners ever received: the accumulator.
    function accumulatedOf(uint256 assetId) external view returns (uint256);
    /// @notice What `account` could claim from `assetId` now.
    function claimable(uint256 assetId, address account) external view returns (uint256);
    function incomeOf(uint256 assetId, address account) external view returns (IncomeStatement memory);
    function incomeSplitOf(
        uint256 assetId,
        address owner
    ) external view returns (address[] memory beneficiaries, uint16[] memory bps);
}
