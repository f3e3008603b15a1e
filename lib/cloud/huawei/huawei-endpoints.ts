import { ConfigError } from "../config-error";
import { resolveBaseUrl } from "../endpoint";

export type HuaweiService = "dws" | "taurusdb" | "kms" | "iam";

/** Regions whose public endpoints live under another domain than the account's default. */
const REGION_DOMAINS: Record<string, string> = {
  "eu-west-101": "myhuaweicloud.eu",
  "cn-south-4": "myhuaweicloud.cn",
  "cn-north-12": "myhuaweicloud.cn",
  "cn-east-4": "myhuaweicloud.cn",
  "tr-west-1": "myhuaweicloud.cn",
  "ap-southeast-4": "myhuaweicloud.cn",
};

/** TaurusDB answers under three host prefixes depending on the region. */
const TAURUSDB_PREFIX: Record<string, string> = {
  "ap-southeast-1": "gaussdbformysql",
  "ap-southeast-2": "gaussdbformysql",
  "cn-north-11": "gaussdbformysql",
  "tr-west-1": "gaussdbformysql",
  "me-east-1": "gaussdbformysql",
  "af-south-1": "gaussdb-mysql",
  "cn-east-5": "gaussdb-mysql",
  "la-north-2": "gaussdb-mysql",
  "cn-southwest-3": "gaussdb-mysql",
};

export const HUAWEI_REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,3}$/;

/** The public endpoint of a service in a region, as the region table gives it. */
export function huaweiPublicEndpoint(service: HuaweiService, region: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!HUAWEI_REGION_PATTERN.test(region)) {
    throw new ConfigError(`Huawei Cloud region "${region}" is not a region name such as cn-north-4`);
  }
  const domain = REGION_DOMAINS[region] ?? env.HW_CLOUD?.trim() ?? "myhuaweicloud.com";
  const prefix = service === "taurusdb" ? (TAURUSDB_PREFIX[region] ?? "gaussdb") : service;
  return `https://${prefix}.${region}.${domain || "myhuaweicloud.com"}`;
}

export function huaweiBaseUrl(service: HuaweiService, region: string, env: NodeJS.ProcessEnv = process.env): URL {
  return resolveBaseUrl(huaweiPublicEndpoint(service, region, env), env);
}
