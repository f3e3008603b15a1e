import { ConfigError } from "../../runtime/config-error";
import { resolveBaseUrl } from "../endpoint";
import { HUAWEI_REGION_PATTERN } from "./huawei-region";

export type HuaweiService = "dws" | "taurusdb" | "iam" | "kms" | "sts";

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
 * The region tables of the official Huawei Cloud SDKs, each service its own: Node SDK
 * (huaweicloud-sdk-nodejs-v3 3.1.209) `services/dws/v2/DwsRegion.ts`, `services/gaussdb/v3/GaussDBRegion.ts`
 * (TaurusDB); Go SDK (huaweicloud-sdk-go-v3) `services/iam/v3/region/region.go`,
 * `services/kms/v2/region/region.go`, `services/sts/v1/region/region.go` (the STS of
 * `/v5/agencies/assume`). Only the hosts that differ from `{prefix}.{region}.{cloud}` are listed;
 * test/unit/cloud/endpoint-tables.conformance.test.ts checks every region of every table.
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
  // IAM's table: every region on `.com` but eu-west-101 (`.eu`), which the cloud-domain rule below gives too.
  iam: { prefix: "iam", overrideVariable: "CDKTF_ENCRYPTION_ENDPOINT_IAM", hosts: {} },
  // KMS's table: every region on `.com` but eu-west-101 (`kms.eu-west-101.myhuaweicloud.eu`).
  kms: { prefix: "kms", overrideVariable: "CDKTF_ENCRYPTION_ENDPOINT_HUAWEI_KMS", hosts: {} },
  // STS (agency by domain id, `POST /v5/agencies/assume`): every region of its table on `.com`.
  sts: { prefix: "sts", overrideVariable: "CDKTF_ENCRYPTION_ENDPOINT_STS", hosts: {} },
};

/**
 * The cloud domain of a region when neither the service's table nor HW_CLOUD says otherwise:
 * `myhuaweicloud.eu` for the European regions `eu-west-1xx`, else `myhuaweicloud.com`, as the
 * huaweicloud provider (v1.97.1, `huaweicloud/provider.go` `getCloudDomain`) derives its
 * `cloud`. KMS and IAM in eu-west-101 are on `.eu` in their official tables too.
 */
export function huaweiCloudDomain(region: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.HW_CLOUD?.trim();
  if (configured) return configured;
  return /^eu-west-1\d\d$/.test(region) ? "myhuaweicloud.eu" : "myhuaweicloud.com";
}

/**
 * The public endpoint of a service in a region, as the service's own region table gives it.
 * Other regions follow `{prefix}.{region}.{cloud}` ({@link huaweiCloudDomain}).
 */
export function huaweiPublicEndpoint(service: HuaweiService, region: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!HUAWEI_REGION_PATTERN.test(region)) {
    throw new ConfigError(`Huawei Cloud region "${region}" is not a region name such as cn-north-4`);
  }
  const table = HUAWEI_ENDPOINTS[service];
  const host = table.hosts[region] ?? `${table.prefix}.${region}.${huaweiCloudDomain(region, env)}`;
  return `https://${host}`;
}

/**
 * The base URL: the service's own override (CDKTF_ENCRYPTION_ENDPOINT_DWS, …), else
 * CDKTF_ENCRYPTION_ENDPOINT, else the public endpoint.
 */
export function huaweiBaseUrl(service: HuaweiService, region: string, env: NodeJS.ProcessEnv = process.env): URL {
  return resolveBaseUrl(huaweiPublicEndpoint(service, region, env), env, HUAWEI_ENDPOINTS[service].overrideVariable);
}
