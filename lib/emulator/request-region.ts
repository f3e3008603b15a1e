import { ALIBABA_REGION_PATTERN } from "../cloud/alibaba/alibaba-region";
import { HUAWEI_REGION_PATTERN } from "../cloud/huawei/huawei-region";

const unanchored = (pattern: RegExp) => pattern.source.replace(/^\^/, "").replace(/\$$/, "");

/**
 * Public host names of the emulated services: `{service}.{region}.myhuaweicloud.{com,cn,eu}`
 * and `{service}.{region}.aliyuncs.com` (also `cs-vpc.…`). The region is the second label, a
 * region id as its cloud writes them.
 */
const REGIONAL_HOSTS = [
  new RegExp(`^[a-z0-9-]+\\.(${unanchored(HUAWEI_REGION_PATTERN)})\\.myhuaweicloud\\.(?:com|cn|eu)$`),
  new RegExp(`^[a-z0-9-]+\\.(${unanchored(ALIBABA_REGION_PATTERN)})\\.aliyuncs\\.com$`),
];

/**
 * The region a request addresses, learned as the cloud learns it: from the host name the
 * client connected to and signed (the Host header). Undefined for a loopback or IP host (the
 * CDKTF_ENCRYPTION_ENDPOINT mode) and for central endpoints such as `cs.aliyuncs.com`: then
 * the emulator does not judge the region.
 */
export function regionFromHost(host: string | undefined): string | undefined {
  const name = (host ?? "").trim().toLowerCase().replace(/:\d+$/, "");
  for (const host of REGIONAL_HOSTS) {
    const region = host.exec(name)?.[1];
    if (region) return region;
  }
  return undefined;
}

/** Whether a resource of `resourceRegion` is visible to a request addressing `requestRegion`. */
export function visibleIn(resourceRegion: string | undefined, requestRegion: string | undefined): boolean {
  return requestRegion === undefined || resourceRegion === undefined || resourceRegion === requestRegion;
}

/** Host prefixes of each emulated service's public (and VPC) endpoints, as the region tables give them. */
const HOST_PREFIXES: Record<string, readonly string[]> = {
  dws: ["dws"],
  taurusdb: ["gaussdb", "gaussdbformysql", "gaussdb-mysql"],
  kms: ["kms"],
  iam: ["iam", "sts"],
  ack: ["cs", "cs-vpc"],
  alikms: ["kms", "kms-vpc"],
};

/**
 * Whether a request to this host can reach this service: a public host name names its service
 * (`dws.…`, `gaussdbformysql.…`, `cs.…`), so a DWS path sent to a TaurusDB host finds no API, as
 * at the cloud's gateway. Loopback and IP hosts, and services not listed, reach every service.
 */
export function hostServes(host: string | undefined, service: string): boolean {
  const prefixes = HOST_PREFIXES[service];
  if (!prefixes || regionFromHost(host) === undefined) return true;
  return prefixes.includes((host ?? "").toLowerCase().split(".")[0]);
}
