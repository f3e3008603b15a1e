import { ConfigError } from "../config-error";
import { resolveBaseUrl } from "../endpoint";

export type AlibabaService = "cs" | "sts" | "kms";

/** Alibaba Cloud region ids: `cn-hangzhou`, `ap-southeast-1`, `cn-shanghai-finance-1`. */
export const ALIBABA_REGION_PATTERN = /^[a-z]{2}-[a-z]+(-[a-z0-9]+)*$/;

/** The public endpoint of a service in a region: `https://cs.cn-hangzhou.aliyuncs.com`. */
export function alibabaPublicEndpoint(service: AlibabaService, region: string): string {
  // STS also has one global endpoint, which the official credentials package uses without a region.
  if (service === "sts" && region === "") return "https://sts.aliyuncs.com";
  if (!ALIBABA_REGION_PATTERN.test(region)) {
    throw new ConfigError(`Alibaba Cloud region "${region}" is not a region id such as cn-hangzhou`);
  }
  return `https://${service}.${region}.aliyuncs.com`;
}

/** The base URL: CDKTF_ENCRYPTION_ENDPOINT when set (the emulator, a private endpoint), else the public one. */
export function alibabaBaseUrl(service: AlibabaService, region: string, env: NodeJS.ProcessEnv = process.env): URL {
  return resolveBaseUrl(alibabaPublicEndpoint(service, region), env);
}
