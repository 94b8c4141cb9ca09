// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Roles
/// @notice The role ids of the alliance's one permission hub (OpenZeppelin `AccessManager`).
/// @dev Which role may call which function is configured once, at deployment, by
/// `ignition/modules/Covenant.ts` (and the test fixture that mirrors it). After deployment the
/// AccessManager's ADMIN role is held by the council's timelock alone, so only a council decision
/// can grant or revoke a role or re-map a function.
///
/// Powers and non-powers of each role:
/// - ADMIN (0, OpenZeppelin's `ADMIN_ROLE`): the timelock. Grants and revokes roles, maps functions
///   to roles. Cannot edit any record: no module has a function that rewrites history.
/// - COUNCIL: the timelock, i.e. a passed and queued Governor proposal. Admits, suspends,
///   reinstates and expels members; names the lead unit and the secretariat; adopts a charter draft
///   when the charter says the council amends it; approves projects; spends the alliance fund.
///   Decisions about members' standing, the charter and who punishes members are reserved for the
///   supermajority (B1, B3, B14). Cannot move project, grant, bond or royalty money to itself.
/// - SECRETARIAT: the executive body's full-time staff. Drafts the charter and its amendments (only
///   drafts: the amendment rule of the charter in force makes them effective, B1), approves small
///   projects, requests spends, files claims for the alliance. Cannot admit or expel members, cannot
///   vote (only seats vote), cannot approve a spend on a participant's behalf.
/// - EXPERT: individual experts of the expert committee (need not be members). Review projects,
///   accept milestones where asked, sit on arbitration panels. Cannot move money.
/// - SUPERVISOR: the government funder or auditor. Reads everything, vetoes grant spends inside the
///   review window, freezes a grant account. Cannot move any money, to itself or anyone.
/// - ARBITRATOR: the ERC-792 arbitrator contract(s) the council appointed. Rules on disputes it
///   created. Cannot touch money directly: remedies are executed by `RemedyExecution`.
/// - DISCIPLINE: held by the timelock (COUNCIL) and by `RemedyExecution` (DISPUTES_MODULE), because
///   an AccessManager maps each function to exactly one role and both may suspend and reinstate a
///   member (`Membership.suspend`, `Membership.reinstate`). Nothing else is mapped to it. Cannot
///   admit or expel, cannot move money.
/// - *_MODULE: the module contracts of one suite, each allowed only the calls it needs on another.
///   DISPUTES_MODULE is held by `DisputeResolution` (claim bonds, settlements, open claims, disputes,
///   history entries) and `RemedyExecution` (slash, licence remedies, history entries); `BreachHistory`
///   holds no role.
library Roles {
    uint64 internal constant ADMIN = 0;
    uint64 internal constant COUNCIL = 1;
    uint64 internal constant SECRETARIAT = 2;
    uint64 internal constant EXPERT = 3;
    uint64 internal constant SUPERVISOR = 4;
    uint64 internal constant ARBITRATOR = 5;
    uint64 internal constant DISCIPLINE = 6;

    uint64 internal constant MEMBERSHIP_MODULE = 10;
    uint64 internal constant AGREEMENTS_MODULE = 11;
    uint64 internal constant PROJECTS_MODULE = 12;
    uint64 internal constant IP_MODULE = 13;
    uint64 internal constant LICENSING_MODULE = 14;
    uint64 internal constant DISPUTES_MODULE = 15;
}
