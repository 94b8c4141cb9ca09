/**
 * The people of the demo alliance: five members named after the article's cases (the steel / auto
 * joint lab of 中国钢研 and 一汽, 东北大学's joint lab with an automaker, the "7+1" feed consortium, an
 * SME), an outside licensee, the alliance's executive and advisory bodies, the government funder and
 * its supervisor. Every actor but the deployer is a deterministic demo key (dev chains only), so two
 * runs print the same addresses. The feed company, the SME and the licensee are fictional names.
 */
import { Wallet, id, type Provider } from "ethers";

/** `MemberKind` of IMembership.sol. */
export const KIND = { Enterprise: 0, University: 1, ResearchInstitute: 2 } as const;

export interface Organisation {
  /** Short key used in code and in the JSON summary. */
  key: string;
  /** Registered Chinese name (stored on chain as the display name, UTF-8). */
  zh: string;
  /** English gloss. */
  en: string;
  /** What it is, in a few words. */
  role: string;
  kind: number;
  /** Demo unified social credit code (18 characters, fictional: contains DEMO). */
  code: string;
}

export const FAW: Organisation = {
  key: "faw",
  zh: "中国第一汽车集团有限公司",
  en: "China FAW Group (automaker)",
  role: "automaker, project lead, the alliance's lead unit",
  kind: KIND.Enterprise,
  code: "91220101DEMO00001A",
};
export const CISRI: Organisation = {
  key: "cisri",
  zh: "中国钢研科技集团有限公司",
  en: "China Iron & Steel Research Institute Group",
  role: "steel research institute, signs through a 2-of-3 multisig wallet",
  kind: KIND.ResearchInstitute,
  code: "91110000DEMO00002B",
};
export const FEED: Organisation = {
  key: "feed",
  zh: "京科“7+1”高科技饲料有限公司",
  en: 'Jingke "7+1" Hi-Tech Feed Co. (feed consortium company)',
  role: 'a company of the "7+1" feed technology-transfer consortium',
  kind: KIND.Enterprise,
  code: "91110108DEMO00003C",
};
export const SME: Organisation = {
  key: "sme",
  zh: "沈阳精锻汽车零部件有限公司",
  en: "Shenyang Jingduan Auto Parts Co. (SME)",
  role: "small and medium-sized parts maker",
  kind: KIND.Enterprise,
  code: "91210100DEMO00004D",
};
export const NEU: Organisation = {
  key: "neu",
  zh: "东北大学",
  en: "Northeastern University",
  role: "university, joins later by council vote",
  kind: KIND.University,
  code: "12100000DEMO00005E",
};
/** Not a member: takes the public licence offer. */
export const LICENSEE: Organisation = {
  key: "licensee",
  zh: "浙江远航新材料有限公司",
  en: "Zhejiang Yuanhang New Materials Co. (outside company)",
  role: "outside company, licensee",
  kind: KIND.Enterprise,
  code: "91330100DEMO00006F",
};

export const FOUNDERS = [FAW, CISRI, FEED, SME] as const;
export const ORGANISATIONS = [FAW, CISRI, FEED, SME, NEU, LICENSEE] as const;

/** People and bodies that are not members. */
export const PEOPLE = {
  secretariat: "联盟秘书处 Alliance secretariat",
  expert1: "专家委员会 王教授 Expert committee: Prof. Wang",
  expert2: "专家委员会 李研究员 Expert committee: Research Fellow Li",
  expert3: "专家委员会 张高工 Expert committee: Senior Engineer Zhang",
  funder: "国家重点研发计划 MOST National Key R&D Programme (grant funder)",
  supervisor: "专项资金监管 Grant supervisor (MOST audit office)",
  cisriOwner1: "中国钢研 法定代表人 CISRI legal representative",
  cisriOwner2: "中国钢研 总工程师 CISRI chief engineer",
  cisriOwner3: "中国钢研 财务总监 CISRI chief financial officer",
  staffResearch: "中国钢研 研发团队 CISRI research staff",
  staffPilot: "中国钢研 中试团队 CISRI pilot-scale staff",
  staffIndustrial: "中国钢研 产业化团队 CISRI industrialisation staff",
  vendor: "设备供应商 Equipment vendor",
  relatedParty: "关联咨询公司 A consulting firm related to the lead",
} as const;

export type ActorKey = keyof typeof PEOPLE | "faw" | "feed" | "sme" | "neu" | "licensee";

export const ACTOR_KEYS: ActorKey[] = [
  "faw",
  "feed",
  "sme",
  "neu",
  "licensee",
  ...(Object.keys(PEOPLE) as (keyof typeof PEOPLE)[]),
];

/**
 * The demo key of an actor: keccak256 of a fixed label. Dev chains only; never use these keys
 * anywhere else (they are public by construction).
 */
export function demoWallet(key: ActorKey, provider: Provider): Wallet {
  return new Wallet(id(`covenant-demo/v1/${key}`), provider);
}

/** Every actor's wallet, by key. */
export function demoWallets(provider: Provider): Record<ActorKey, Wallet> {
  const out = {} as Record<ActorKey, Wallet>;
  for (const k of ACTOR_KEYS) out[k] = demoWallet(k, provider);
  return out;
}

/** "中文名 (English gloss)". */
export function label(o: Organisation): string {
  return `${o.zh} (${o.en})`;
}
