import { ConfigError } from "../config-error";
import { resolveBaseUrl } from "../endpoint";

export type HuaweiService = "dws" | "taurusdb" | "iam" | "kms";

interface ServiceEndpoints {
  /** Host prefix in most regions: `dws` → `dws.{region}.myhuaweicloud.com`. */
  readonly prefix: string;
  /** The variable that moves this service alone (a private endpoint). */
  readonly overrideVariable: string;
  /**
   * Every region where the official SDK's region file gives another host than
   * `{prefix}.{region}.myhuaweicloud.com`. Each service has its own table: another service's
   * exceptions do not apply (TaurusDB lives on `.com` where DWS lives on `.cn`).
   */
  readonly hosts: Readonly<Record<string, string>>;
}

const DWS_CN_DOMAIN = ["cn-south-4", "cn-north-12", "cn-east-4", "tr-west-1", "ap-southeast-4"];
const TAURUSDB_PREFIXES: Record<string, string> = {
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

/**
 * The region tables of the official Huawei Cloud Node SDK (huaweicloud-sdk-nodejs-v3):
 * `services/dws/v2/DwsRegion.ts`, `services/gaussdb/v3/GaussDBRegion.ts` (TaurusDB),
 * `services/iam/v3/IamRegion.ts`, `services/kms/v2/KmsRegion.ts`. DWS and TaurusDB are checked
 * region by region against reference/data/huawei-endpoints.json in a test.
 */
export const HUAWEI_ENDPOINTS: Readonly<Record<HuaweiService, ServiceEndpoints>> = {
  dws: {
    prefix: "dws",
    overrideVariable: "CDKTF_ENCRYPTION_ENDPOINT_DWS",
    hosts: {
      "eu-west-101": "dws.eu-west-101.myhuaweicloud.eu",
      ...Object.fromEntries(DWS_CN_DOMAIN.map((region) => [region, `dws.${region}.myhuaweicloud.cn`])),
    },
  },
  taurusdb: {
    prefix: "gaussdb",
    overrideVariable: "CDKTF_ENCRYPTION_ENDPOINT_TAURUSDB",
    hosts: Object.fromEntries(Object.entries(TAURUSDB_PREFIXES).map(([region, prefix]) => [region, `${prefix}.${region}.myhuaweicloud.com`])),
  },
  iam: {
    prefix: "iam",
    overrideVariable: "CDKTF_ENCRYPTION_ENDPOINT_IAM",
    hosts: { "eu-west-101": "iam.eu-west-101.myhuaweicloud.eu" },
  },
  // KmsRegion.ts lists no region outside `.com`. Regions it does not list (eu-west-101 among
  // them) get the common pattern: *unverified* there; CDKTF_ENCRYPTION_ENDPOINT_HUAWEI_KMS moves it.
  kms: { prefix: "kms", overrideVariable: "CDKTF_ENCRYPTION_ENDPOINT_HUAWEI_KMS", hosts: {} },
};

export const HUAWEI_REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,3}$/;

/**
 * The public endpoint of a service in a region, as the service's own region table gives it.
 * Regions missing from the table follow `{prefix}.{region}.{HW_CLOUD or myhuaweicloud.com}`
 * (the huaweicloud provider's `cloud` setting).
 */
export function huaweiPublicEndpoint(service: HuaweiService, region: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!HUAWEI_REGION_PATTERN.test(region)) {
    throw new ConfigError(`Huawei Cloud region "${region}" is not a region name such as cn-north-4`);
  }
  const table = HUAWEI_ENDPOINTS[service];
  const host = table.hosts[region] ?? `${table.prefix}.${region}.${env.HW_CLOUD?.trim() || "myhuaweicloud.com"}`;
  return `https://${host}`;
}

/**
 * The base URL: the service's own override (CDKTF_ENCRYPTION_ENDPOINT_DWS, …), else
 * CDKTF_ENCRYPTION_ENDPOINT, else the public endpoint.
 */
export function huaweiBaseUrl(service: HuaweiService, region: string, env: NodeJS.ProcessEnv = process.env): URL {
  return resolveBaseUrl(huaweiPublicEndpoint(service, region, env), env, HUAWEI_ENDPOINTS[service].overrideVariable);
}
