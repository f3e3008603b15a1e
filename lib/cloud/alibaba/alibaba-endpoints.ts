import { ConfigError } from "../../runtime/config-error";
import { envSwitch, resolveBaseUrl } from "../endpoint";
import { ALIBABA_REGION_PATTERN } from "./alibaba-region";

export type AlibabaService = "cs" | "sts" | "kms";

/** Sends ACK calls to its VPC endpoint `cs-vpc.{region}.aliyuncs.com` (runners without internet egress). */
export const ACK_VPC_ENDPOINT_ENV = "CDKTF_ENCRYPTION_ACK_VPC_ENDPOINT";

interface ServiceEndpoints {
  readonly prefix: string;
  /** The variable that moves this service alone (a private endpoint). */
  readonly overrideVariable: string;
  /** Regions the official SDK sends to the central `{prefix}.aliyuncs.com` instead of `{prefix}.{region}.aliyuncs.com`. */
  readonly central: ReadonlySet<string>;
}

/**
 * The regions the endpoint maps at the top of the official `@alicloud/cs20151215` (ACK) and
 * `@alicloud/sts20150401` 1.2.0 (STS) clients both send to the central `{prefix}.aliyuncs.com`;
 * each map adds a few of its own below. Every other region follows the SDKs' regional rule
 * `{prefix}.{region}.aliyuncs.com`. Conformance tests check every entry of both maps.
 */
const CENTRAL_FOR_ACK_AND_STS = [
  "ap-northeast-2-pop",
  "cn-beijing-finance-pop",
  "cn-beijing-gov-1",
  "cn-beijing-nu16-b01",
  "cn-edge-1",
  "cn-fujian",
  "cn-haidian-cm12-c01",
  "cn-hangzhou-bj-b01",
  "cn-hangzhou-internal-prod-1",
  "cn-hangzhou-internal-test-1",
  "cn-hangzhou-internal-test-2",
  "cn-hangzhou-internal-test-3",
  "cn-hangzhou-test-306",
  "cn-hongkong-finance-pop",
  "cn-shanghai-et15-b01",
  "cn-shanghai-et2-b01",
  "cn-shanghai-inner",
  "cn-shanghai-internal-test-1",
  "cn-shenzhen-inner",
  "cn-shenzhen-st4-d01",
  "cn-shenzhen-su18-b01",
  "cn-wuhan",
  "cn-yushanfang",
  "cn-zhangbei",
  "cn-zhangbei-na61-b01",
  "cn-zhangjiakou-na62-a01",
  "cn-zhengzhou-nebula-1",
  "eu-west-1-oxs",
  "rus-west-1-pop",
];

const ACK_CENTRAL = new Set([...CENTRAL_FOR_ACK_AND_STS, "cn-qingdao-nebula"]);

const STS_CENTRAL = new Set([...CENTRAL_FOR_ACK_AND_STS, "ap-south-1", "ap-southeast-2", "cn-huhehaote-nebula-1"]);

export const ALIBABA_ENDPOINTS: Readonly<Record<AlibabaService, ServiceEndpoints>> = {
  cs: { prefix: "cs", overrideVariable: "CDKTF_ENCRYPTION_ENDPOINT_ACK", central: ACK_CENTRAL },
  sts: { prefix: "sts", overrideVariable: "CDKTF_ENCRYPTION_ENDPOINT_STS", central: STS_CENTRAL },
  // KMS: `kms.{region}.aliyuncs.com` everywhere, as the official @alicloud/kms20160120 1.2.0
  // client resolves it (endpoint rule "regional", no endpoint map);
  // test/unit/cloud/alibaba/alibaba-kms-endpoints.conformance.test.ts holds every known region against that rule.
  kms: { prefix: "kms", overrideVariable: "CDKTF_ENCRYPTION_ENDPOINT_ALIBABA_KMS", central: new Set() },
};

/** The public endpoint of a service in a region: `https://cs.cn-hangzhou.aliyuncs.com`. */
export function alibabaPublicEndpoint(service: AlibabaService, region: string): string {
  // STS also has one central endpoint, which the official credentials package uses without a region.
  if (service === "sts" && region === "") return "https://sts.aliyuncs.com";
  if (!ALIBABA_REGION_PATTERN.test(region)) {
    throw new ConfigError(`Alibaba Cloud region "${region}" is not a region id such as cn-hangzhou`);
  }
  const { prefix, central } = ALIBABA_ENDPOINTS[service];
  return central.has(region) ? `https://${prefix}.aliyuncs.com` : `https://${prefix}.${region}.aliyuncs.com`;
}

/**
 * ACK's VPC endpoint (ACK's "Endpoints" page lists `cs-vpc.{region}.aliyuncs.com` for each
 * public region; for the regions the SDK maps to the central endpoint it is *unverified*).
 */
export function ackVpcEndpoint(region: string): string {
  alibabaPublicEndpoint("cs", region);
  return `https://cs-vpc.${region}.aliyuncs.com`;
}

/**
 * The base URL: the service's own override (CDKTF_ENCRYPTION_ENDPOINT_ACK, …), else
 * CDKTF_ENCRYPTION_ENDPOINT, else ACK's VPC endpoint when CDKTF_ENCRYPTION_ACK_VPC_ENDPOINT is
 * true, else the public endpoint.
 */
export function alibabaBaseUrl(service: AlibabaService, region: string, env: NodeJS.ProcessEnv = process.env): URL {
  const vpc = service === "cs" && envSwitch(env, ACK_VPC_ENDPOINT_ENV);
  const endpoint = vpc ? ackVpcEndpoint(region) : alibabaPublicEndpoint(service, region);
  return resolveBaseUrl(endpoint, env, ALIBABA_ENDPOINTS[service].overrideVariable);
}
