import { ALIBABA_REGION_PATTERN } from "../cloud/alibaba/alibaba-region";
import { HUAWEI_REGION_PATTERN } from "../cloud/huawei/huawei-region";

/** A rule a value must follow, with the words used to explain it. */
export interface Rule {
  readonly pattern: RegExp;
  /** What is allowed, e.g. "32 letters or digits". */
  readonly allowed: string;
}

export const RULES = {
  huaweiRegion: { pattern: HUAWEI_REGION_PATTERN, allowed: "a Huawei Cloud region name such as cn-north-4" },
  huaweiProjectId: { pattern: /^[A-Za-z0-9]{32}$/, allowed: "32 letters or digits" },
  taurusDbInstanceId: { pattern: /^[A-Za-z0-9]{32}in07$/, allowed: "36 letters or digits ending in in07" },
  huaweiKmsKeyId: {
    pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    allowed: "a KMS key id (a UUID such as 0f3196c8-5c23-469f-84da-92ecd2499dce)",
  },
  dwsClusterId: {
    pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    allowed: "a GaussDB(DWS) cluster id (a UUID such as 97cbaab3-939e-4dbc-9187-0fe240f2b9fd)",
  },
  huaweiKmsKeyName: { pattern: /^[A-Za-z0-9:/_-]{1,255}$/, allowed: "a KMS key alias of 1 to 255 letters, digits, :, /, _ or -" },
  uuid: {
    pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    allowed: "a UUID such as 97cbaab3-939e-4dbc-9187-0fe240f2b9fd",
  },
  alibabaRegion: { pattern: ALIBABA_REGION_PATTERN, allowed: "an Alibaba Cloud region id such as cn-hangzhou" },
  ackClusterId: { pattern: /^c[0-9a-f]{32}$/, allowed: "an ACK cluster id: c followed by 32 lowercase hex digits" },
  alibabaKmsKeyId: {
    pattern: /^(key-[a-z0-9]{8,40}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
    allowed: "an Alibaba Cloud KMS key id such as key-hzz62f1cb66fa42qo9pjn (or a legacy UUID key id)",
  },
} satisfies Record<string, Rule>;

/** The message for a value that breaks a rule: names the field, the value and what is allowed. */
export function ruleMessage(field: string, value: unknown, allowed: string): string {
  return `${field} ${JSON.stringify(value)} is invalid: expected ${allowed}`;
}
