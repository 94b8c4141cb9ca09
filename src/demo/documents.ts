/**
 * The documents the demo writes and uses: the alliance charter (Chinese and English, chapters in
 * the order of a real 联盟协议, DOMAIN.md), its terms JSON carrying every charter parameter
 * (docs/terms-schema.md), the project proposal and agreement, the IP disclosure, the evidence and
 * statement of the breach claim. Everything is written under one output folder; the chain stores
 * SHA-256 of the bytes written, so `sha256sum <file>` recomputes every hash.
 */
import fs from "node:fs";
import path from "node:path";
import { sha256Hex } from "../sdk/hash";
import {
  AMENDMENT_RULES,
  charterParamsToJson,
  type CharterParamsStruct,
  type CharterTerms,
  type ClauseJson,
} from "../sdk/terms";
import { FAW, type Organisation } from "./cast";

const DAY = 24 * 60 * 60;
/** One unit of the 6-decimal test yuan (tCNY). */
export const UNIT = 10n ** 6n;
export const tcny = (n: number | bigint): bigint => BigInt(n) * UNIT;

/** Formats base units of the 6-decimal settlement token: `1,234.50 tCNY`. */
export function money(v: bigint, symbol = "tCNY"): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const whole = (a / UNIT).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = (a % UNIT).toString().padStart(6, "0").slice(0, 2);
  return `${neg ? "-" : ""}${whole}.${frac} ${symbol}`;
}

export const ALLIANCE = {
  zh: "汽车用钢产业技术创新战略联盟",
  en: "Automotive Steel Industrial Technology Innovation Strategic Alliance",
};

/** The charter's on-chain parameters (also the genesis parameters of the demo deployment). */
export const CHARTER_PARAMS: CharterParamsStruct = {
  bondAmount: tcny(50_000),
  maxMembers: 50n,
  noticePeriod: BigInt(60 * DAY),
  noticeValidity: BigInt(30 * DAY),
  reapplicationCooloff: BigInt(180 * DAY),
  supermajorityBps: 6667n,
  quorumBps: 5000n,
  amendmentRule: 0n, // MemberSignatures: every bound member signs an amendment (B1)
  amendmentPeriod: BigInt(60 * DAY),
  grantCapBps: 3000n,
  secretariatBudgetLimit: tcny(2_000_000),
  minReviews: 2n,
  approvalShareBps: 5000n,
  gracePeriod: BigInt(30 * DAY),
  latePenaltyBps: 500n,
  vetoWindow: BigInt(7 * DAY),
  levyBps: 500n,
  rofrWindow: BigInt(30 * DAY),
  transfersToNonMembers: false,
  royaltyGracePeriod: BigInt(30 * DAY),
  contestWindow: BigInt(30 * DAY),
  claimBond: tcny(5_000),
  curePeriod: BigInt(14 * DAY),
  answerPeriod: BigInt(14 * DAY),
};

/** Chapter 8 of the charter: the clauses a claim under the charter may cite. */
export const CHARTER_SCHEDULE: ClauseJson[] = [
  {
    id: "4.3",
    damagesCap: tcny(100_000).toString(),
    remedies: ["DAMAGES", "MEMBERSHIP_SUSPENSION", "EXPULSION_PROPOSAL"],
  },
  {
    id: "6.5",
    damagesCap: tcny(500_000).toString(),
    remedies: ["DAMAGES", "LICENSE_SUSPENSION", "LICENSE_REVOCATION"],
  },
  {
    id: "7.2",
    damagesCap: tcny(200_000).toString(),
    remedies: ["DAMAGES", "MEMBERSHIP_SUSPENSION", "EXPULSION_PROPOSAL"],
  },
];

/** Chapter 8 of the project agreement: 5.2 is the contribution clause. */
export const PROJECT_SCHEDULE: ClauseJson[] = [
  { id: "5.2", damagesCap: tcny(100_000).toString(), remedies: ["DAMAGES", "MEMBERSHIP_SUSPENSION"] },
  { id: "6.1", damagesCap: tcny(300_000).toString(), remedies: ["DAMAGES"] },
];

const days = (s: bigint): number => Number(s) / DAY;
const pct = (bps: bigint): string => `${Number(bps) / 100}%`;

/** How the charter is amended, in both languages, by its `amendmentRule` (B1). */
function amendmentRuleText(p: CharterParamsStruct): { zh: string; en: string } {
  return AMENDMENT_RULES[Number(p.amendmentRule)] === "CouncilVote"
    ? {
        zh: `本章程的修订由秘书处起草，经理事会以投票数的 ${pct(p.supermajorityBps)} 通过后生效，对全体受本章程约束的成员有效`,
        en: `an amendment is drafted by the secretariat and takes effect when the council adopts it by ${pct(p.supermajorityBps)} of votes cast; it binds every member bound by this charter`,
      }
    : {
        zh: "本章程的修订由秘书处起草，须经全体受本章程约束的成员签署方生效；修订文本的缔约方即为全体受约束成员",
        en: "an amendment is drafted by the secretariat and takes effect when every member bound by this charter has signed it; its parties are exactly those members",
      };
}

/** The electronic-signature clause (PRC Electronic Signature Law arts. 13–14; DOMAIN.md). */
const E_SIGNATURE = {
  zh: "各方同意：各方在本联盟 Covenant 合约中登记的账户（私钥或由该单位控制的多签钱包）所作的签名即为该方的电子签名，与手写签名或盖章具有同等效力；链上记录的文件 SHA-256 哈希与规范化条款哈希确定所签署的内容",
  en: "the parties agree that a signature by the account registered for each party in the alliance's Covenant suite (a key, or a multisig wallet that the party controls) is that party's electronic signature, with the effect of a handwritten signature or seal; the SHA-256 of the document and of the canonical terms recorded on chain identify what was signed",
};

/** The charter's machine-readable terms: chapters in order, `parameters` = every CharterParams field. */
export function charterTerms(founders: readonly Organisation[]): CharterTerms {
  const p = CHARTER_PARAMS;
  return {
    schema: "covenant/charter-terms/v1",
    kind: "Charter",
    general: {
      name: `${ALLIANCE.zh} / ${ALLIANCE.en}`,
      purpose:
        "联合开发、优势互补、利益共享、风险共担 / joint development, complementary strengths, shared benefits, shared risks",
      technologyGoals: [
        "第三代汽车钢（1180 MPa 级）热冲压工艺 / third-generation automotive steel (1180 MPa) hot-stamping process",
        "汽车用钢应用标准 / application standards for automotive steel",
      ],
    },
    members: {
      qualifications: [
        "独立法人：企业、高校、科研院所 / independent legal entities: enterprises, universities, research institutes",
        `履约保证金 ${money(p.bondAmount)} / performance bond ${money(p.bondAmount)}`,
      ],
      admission: "理事会三分之二多数通过 / admitted by a two-thirds council decision",
      accession: "新成员签署本章程即加入 / a new member accedes by signing this charter",
      withdrawal: `提前 ${days(p.noticePeriod)} 日书面通知，通知期满后 ${days(p.noticeValidity)} 日内有效；作为未决索赔被申请人期间不得退出 / ${days(p.noticePeriod)} days' notice, valid for ${days(p.noticeValidity)} days after the notice period; no withdrawal while respondent to an open claim`,
      expulsion: "严重违约经仲裁并经理事会决定 / serious breach, arbitration, then a council decision",
      reapplication: `申请被拒后 ${days(p.reapplicationCooloff)} 日内不得再次申请 / no new application within ${days(p.reapplicationCooloff)} days of a rejection`,
    },
    organisation: {
      council: "理事会：一个成员一票 / council: one member one vote",
      expertCommittee: "专家委员会：项目评审与仲裁 / expert committee: project review and arbitration panels",
      secretariat: "秘书处：日常执行，设专职人员 / secretariat: day-to-day execution, full-time staff",
      leadUnit: {
        name: `${FAW.zh} / ${FAW.en}`,
        liability: "牵头单位承担联盟对外责任 / the lead unit bears the alliance's external liability",
      },
    },
    rightsAndObligations: {
      rights: [
        "参与项目与表决 / take part in projects and vote",
        "按约定分享成果收益 / share income as agreed",
      ],
      obligations: [
        "按期足额出资 / contribute in full and on time (article 4.3)",
        "完成分工任务 / carry out the assigned tasks",
      ],
      reporting: "每季度向秘书处报告 / quarterly reports to the secretariat",
    },
    funds: {
      sources: [
        "成员出资 / member contributions",
        "政府资助 / government grants",
        "许可收入提成 / licence levy",
      ],
      settlementToken: "tCNY (6 decimals)",
      budgets: `预算低于 ${money(p.secretariatBudgetLimit)} 由秘书处经 ${p.minReviews} 名专家评审后批准 / budgets below ${money(p.secretariatBudgetLimit)} approved by the secretariat after ${p.minReviews} expert reviews`,
      grantRules: `政府资助不超过项目预算的 ${pct(p.grantCapBps)} / a grant is at most ${pct(p.grantCapBps)} of a project's budget`,
      supervision: `监管方在 ${days(p.vetoWindow)} 日内可否决资助资金支出 / the supervisor may veto a grant spend within ${days(p.vetoWindow)} days`,
    },
    intellectualProperty: {
      background: `背景知识产权归原权利人，须在项目启动前登记；项目成果登记后 ${days(p.contestWindow)} 日内可就相同内容的背景登记提出异议 / background IP stays with its owner and is declared before the project starts; a background registration of a project result's content can be contested within ${days(p.contestWindow)} days of the result's registration`,
      foreground:
        "项目成果按立项时约定的份额共有 / project results are co-owned by the shares agreed at proposal",
      licensing: `对外许可经持有 ${pct(p.approvalShareBps)} 份额的共有人同意 / outside licences need co-owners holding ${pct(p.approvalShareBps)}`,
      incomeDistribution: `许可收入提取 ${pct(p.levyBps)} 作为联盟基金，其余按份额分配 / ${pct(p.levyBps)} of licence income to the alliance fund, the rest by share`,
      standards: "标准必要专利按公平、合理、无歧视条件许可 / standard-essential IP on FRAND terms",
    },
    confidentiality: {
      scope: "项目技术资料与未公开成果 / project technical data and unpublished results (article 7.2)",
      years: 5,
    },
    liability: {
      principles: "违约方按第八章违约金表承担责任 / the party in breach pays per the schedule of chapter 8",
      penaltySchedule: CHARTER_SCHEDULE,
    },
    disputeResolution: {
      negotiation: "先行协商 / negotiation first",
      arbitrationInstitution:
        "联盟专家委员会仲裁庭（PanelArbitrator） / the alliance's expert panel (PanelArbitrator)",
    },
    amendmentAndTermination: {
      amendment: `${amendmentRuleText(p).zh}；修订草案 ${days(p.amendmentPeriod)} 日内未生效即失效 / ${amendmentRuleText(p).en}; a draft not in effect within ${days(p.amendmentPeriod)} days lapses`,
      electronicSignatures: `${E_SIGNATURE.zh} / ${E_SIGNATURE.en}`,
      termination: "理事会决定终止 / terminated by a council decision",
      supplementary: `本章程一式${founders.length}份，链上记录为准 / the on-chain record prevails`,
    },
    parameters: charterParamsToJson(p),
  };
}

/** The charter's legal text: Chinese, then English, chapters 1..10 (articles match the clause ids). */
export function charterText(founders: readonly Organisation[]): string {
  const p = CHARTER_PARAMS;
  const parties = founders.map((f, i) => `  ${i + 1}. ${f.zh}（${f.en}），统一社会信用代码 ${f.code}`);
  const partiesEn = founders.map(
    (f, i) => `  ${i + 1}. ${f.en} (${f.zh}), unified social credit code ${f.code}`,
  );
  return `${ALLIANCE.zh}章程
${ALLIANCE.en} — Charter

缔约方 / Parties:
${parties.join("\n")}

第一章 总则
1.1 联盟名称：${ALLIANCE.zh}。
1.2 宗旨：联合开发、优势互补、利益共享、风险共担。
1.3 技术目标：第三代汽车钢（1180 MPa 级）热冲压工艺；汽车用钢应用标准。

第二章 成员
2.1 成员为独立法人：企业、高校、科研院所。申请人须缴纳履约保证金 ${money(p.bondAmount)}。
2.2 新成员经理事会三分之二多数通过后入盟，签署本章程即为加入。
2.3 成员退出须提前 ${days(p.noticePeriod)} 日书面通知，通知期满后 ${days(p.noticeValidity)} 日内有效；保证金无违约时退还；作为未决索赔的被申请人期间不得退出，亦不得取回保证金。
2.4 严重违约者经仲裁并经理事会决定可予除名。
2.5 申请被拒绝的，${days(p.reapplicationCooloff)} 日内不得以同一主体再次申请。

第三章 组织机构
3.1 理事会为决策机构，一个成员一票；法定人数 ${pct(p.quorumBps)}，重大事项须投票数的 ${pct(p.supermajorityBps)}。
3.2 专家委员会为咨询机构，负责项目评审和仲裁。
3.3 秘书处为执行机构，设专职人员。
3.4 ${FAW.zh}为牵头单位，承担联盟对外责任。

第四章 权利与义务
4.1 成员有权参与项目、表决，并按约定分享成果收益。
4.2 成员应完成分工任务，每季度向秘书处报告。
4.3 成员应按期足额出资；逾期超过 ${days(p.gracePeriod)} 日视为违约，按欠款的 ${pct(p.latePenaltyBps)} 支付滞纳金。

第五章 经费
5.1 经费来源：成员出资、政府资助、许可收入提成。
5.2 项目预算低于 ${money(p.secretariatBudgetLimit)} 的，经 ${p.minReviews} 名专家评审后由秘书处批准。
5.3 政府资助不超过项目预算的 ${pct(p.grantCapBps)}，单独核算，接受监管方监督；监管方可在 ${days(p.vetoWindow)} 日内否决资助资金支出。
5.4 支出须经持有 ${pct(p.approvalShareBps)} 出资份额的参与方同意。

第六章 知识产权
6.1 背景知识产权归原权利人，须在项目启动前登记；项目成果登记后 ${days(p.contestWindow)} 日内，参与方可就相同内容的背景登记提出异议。
6.2 项目成果按立项时约定的份额共有；资产状态的变更须经持有 ${pct(p.approvalShareBps)} 份额的共有人同意。
6.3 对外许可须经持有 ${pct(p.approvalShareBps)} 份额的共有人同意；共有份额转让前其他共有人在 ${days(p.rofrWindow)} 日内享有优先购买权${p.transfersToNonMembers ? "" : "，不得转让给非成员"}。
6.4 许可收入提取 ${pct(p.levyBps)} 作为联盟基金，其余按份额分配；被许可人逾期 ${days(p.royaltyGracePeriod)} 日未付许可费视为违约。
6.5 违反本章知识产权约定的，按第八章承担责任；标准必要专利按公平、合理、无歧视条件许可。

第七章 保密
7.1 保密范围：项目技术资料与未公开成果。
7.2 保密期限五年；泄密按第八章承担责任。

第八章 违约责任
8.1 违约金上限：第4.3条 ${money(BigInt(CHARTER_SCHEDULE[0].damagesCap))}；第6.5条 ${money(BigInt(CHARTER_SCHEDULE[1].damagesCap))}；第7.2条 ${money(BigInt(CHARTER_SCHEDULE[2].damagesCap))}。
8.2 违约救济：赔偿（以保证金支付）、暂停成员资格、暂停或撤销许可、提请除名。

第九章 争议解决
9.1 争议先行协商；协商不成的，提交联盟专家委员会仲裁庭仲裁。提起仲裁须缴纳仲裁保证金 ${money(p.claimBond)}；
    被申请人可在 ${days(p.curePeriod)} 日内纠正，并在其后 ${days(p.answerPeriod)} 日内答辩。

第十章 修订、终止与附则
10.1 ${amendmentRuleText(p).zh}。修订草案自提出之日起 ${days(p.amendmentPeriod)} 日内未生效的即失效。
10.2 联盟经理事会决定终止。
10.3 本章程以链上记录的文本哈希为准，成员上限 ${p.maxMembers} 家。
10.4 电子签名：${E_SIGNATURE.zh}（《中华人民共和国电子签名法》第十三条、第十四条）。

------------------------------------------------------------------------

Chapter 1 General provisions
1.1 Name: ${ALLIANCE.en}.
1.2 Purpose: joint development, complementary strengths, shared benefits, shared risks.
1.3 Technology goals: a third-generation automotive steel (1180 MPa) hot-stamping process; application standards.

Chapter 2 Members
${partiesEn.join("\n")}
2.1 Members are independent legal entities: enterprises, universities, research institutes. An applicant
    posts a performance bond of ${money(p.bondAmount)}.
2.2 New members are admitted by a two-thirds council decision and accede by signing this charter.
2.3 A member withdraws after ${days(p.noticePeriod)} days' written notice, within ${days(p.noticeValidity)} days after the notice
    period; its bond is returned if it is not in breach. A respondent to an open claim can neither withdraw nor
    take back its bond.
2.4 A member in serious breach may be expelled after arbitration and a council decision.
2.5 A rejected applicant may not apply again for the same entity within ${days(p.reapplicationCooloff)} days.

Chapter 3 Organisation
3.1 The council decides, one member one vote; quorum ${pct(p.quorumBps)}; reserved matters need ${pct(p.supermajorityBps)} of votes cast.
3.2 The expert committee advises, reviews projects and sits on arbitration panels.
3.3 The secretariat executes, with full-time staff.
3.4 ${FAW.en} is the lead unit and bears the alliance's external liability.

Chapter 4 Rights and obligations
4.1 Members take part in projects, vote, and share income as agreed.
4.2 Members carry out their assigned tasks and report quarterly to the secretariat.
4.3 Members contribute in full and on time; a contribution more than ${days(p.gracePeriod)} days late is a breach
    with a late penalty of ${pct(p.latePenaltyBps)} of the arrears.

Chapter 5 Funds
5.1 Sources: member contributions, government grants, the levy on licence income.
5.2 Project budgets below ${money(p.secretariatBudgetLimit)} are approved by the secretariat after ${p.minReviews} expert reviews.
5.3 A government grant is at most ${pct(p.grantCapBps)} of a project's budget, kept apart and open to the supervisor,
    who may veto a grant spend within ${days(p.vetoWindow)} days.
5.4 A spend needs the approval of participants holding ${pct(p.approvalShareBps)} of the cost shares.

Chapter 6 Intellectual property
6.1 Background IP stays with its owner and is declared before the project starts; a participant may contest a
    background registration of a project result's content within ${days(p.contestWindow)} days of the result's registration.
6.2 Project results are co-owned by the shares agreed when the project is proposed; a change of an asset's
    status needs co-owners holding ${pct(p.approvalShareBps)}.
6.3 Outside licences need co-owners holding ${pct(p.approvalShareBps)}; co-owners have a ${days(p.rofrWindow)}-day right of first
    refusal on a share sale${p.transfersToNonMembers ? "" : "; shares are not transferable to non-members"}.
6.4 ${pct(p.levyBps)} of licence income goes to the alliance fund, the rest to the co-owners by share; a royalty unpaid
    ${days(p.royaltyGracePeriod)} days after its period is a breach.
6.5 A breach of this chapter is liable under chapter 8; standard-essential IP is licensed on FRAND terms.

Chapter 7 Confidentiality
7.1 Scope: project technical data and unpublished results.
7.2 Five years; a disclosure is liable under chapter 8.

Chapter 8 Liability for breach
8.1 Liquidated damages at most: article 4.3 ${money(BigInt(CHARTER_SCHEDULE[0].damagesCap))}; article 6.5 ${money(BigInt(CHARTER_SCHEDULE[1].damagesCap))}; article 7.2 ${money(BigInt(CHARTER_SCHEDULE[2].damagesCap))}.
8.2 Remedies: damages (paid from the bond), suspension, licence suspension or revocation, an expulsion proposal.

Chapter 9 Dispute resolution
9.1 Negotiation first, then arbitration by the alliance's expert panel. A claimant posts a claim bond of
    ${money(p.claimBond)}; the respondent may cure within ${days(p.curePeriod)} days and answer within ${days(p.answerPeriod)} days after that.

Chapter 10 Amendment, termination and supplementary provisions
10.1 How this charter is amended: ${amendmentRuleText(p).en}. A draft not in effect within ${days(p.amendmentPeriod)} days
    of its creation lapses.
10.2 The alliance is terminated by a council decision.
10.3 The text whose hash is recorded on chain prevails; at most ${p.maxMembers} members.
10.4 Electronic signatures: ${E_SIGNATURE.en} (PRC Electronic Signature Law, arts. 13 and 14).
`;
}

/** Where the demo writes its documents. */
export class DocumentFolder {
  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  /** Writes `content` (text as UTF-8) to `<dir>/<name>`; returns its path and SHA-256. */
  write(name: string, content: string | Uint8Array): { path: string; sha256: string } {
    const file = path.join(this.dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return { path: file, sha256: sha256Hex(fs.readFileSync(file)) };
  }

  /** Writes a JSON document, pretty-printed (its terms hash is over the canonical form). */
  writeJson(name: string, value: unknown): { path: string; sha256: string } {
    return this.write(name, JSON.stringify(value, null, 2) + "\n");
  }
}
