import { CallSite, CloudError, unexpectedResponse } from "../cloud-error";
import { HttpTransport } from "../http-transport";
import { parseAlibabaError } from "./ack-errors";
import { AlibabaClientOptions, alibabaActionHeaders, alibabaTransport } from "./alibaba-transport";

const SERVICE = "ACK";
const API_VERSION = "2015-12-15";

/** Secret encryption at rest as `meta_data.Capabilities` reports it. */
export interface AckSecretEncryption {
  /** A key id is recorded and `DisableEncryption` is not true. */
  readonly enabled: boolean;
  /** The recorded key id, also when encryption is disabled. */
  readonly kmsKeyId?: string;
  /** `meta_data` was not JSON: the state is unknown, not "off". */
  readonly unreadable?: boolean;
}

export interface AckClusterDetail {
  readonly clusterId: string;
  readonly name?: string;
  /** running, updating, upgrading, failed, … */
  readonly state: string;
  /** ManagedKubernetes, Kubernetes, ExternalKubernetes. */
  readonly clusterType?: string;
  /** ack.pro.small, ack.standard, … */
  readonly clusterSpec?: string;
  /** Default, Serverless, Edge, Lingjun. */
  readonly profile?: string;
  readonly regionId?: string;
  readonly encryption: AckSecretEncryption;
}

/** The body of UpdateKMSEncryption: only the fields set are sent. */
export interface UpdateKmsEncryptionRequest {
  readonly kmsKeyId?: string;
  readonly disableEncryption?: boolean;
}

interface ClusterDetailBody {
  cluster_id?: unknown;
  state?: unknown;
  cluster_type?: unknown;
  cluster_spec?: unknown;
  profile?: unknown;
  region_id?: unknown;
  meta_data?: unknown;
  name?: unknown;
}

/** The ACK (Container Service for Kubernetes) calls this library makes. */
export class AckClient {
  private readonly transport: HttpTransport;

  constructor(options: AlibabaClientOptions) {
    this.transport = alibabaTransport("cs", parseAlibabaError, options);
  }

  async describeClusterDetail(clusterId: string): Promise<AckClusterDetail> {
    const site = { service: SERVICE, operation: "DescribeClusterDetail", resource: `cluster ${clusterId}` };
    const headers = alibabaActionHeaders("DescribeClusterDetail", API_VERSION);
    const result = await this.transport.call<ClusterDetailBody>({ ...site, method: "GET", path: `/clusters/${encodeURIComponent(clusterId)}`, headers, idempotent: true });
    const body = result.body ?? {};
    if (typeof body.state !== "string" || body.state === "") {
      throw unexpectedResponse(site, `state is ${JSON.stringify(body.state)}, expected a cluster state such as "running"`);
    }
    return {
      clusterId: optionalString(body.cluster_id) ?? clusterId,
      state: body.state,
      clusterType: optionalString(body.cluster_type),
      clusterSpec: optionalString(body.cluster_spec),
      profile: optionalString(body.profile),
      regionId: optionalString(body.region_id),
      encryption: encryptionOf(body.meta_data, site),
    };
  }

  /** One page of the region's clusters (DescribeClustersV1: `page_number`, `page_size`, `page_info.total_count`). */
  async describeClustersV1(regionId: string, pageNumber: number, pageSize: number): Promise<{ clusters: AckClusterDetail[]; totalCount: number }> {
    const site = { service: SERVICE, operation: "DescribeClustersV1", resource: `region ${regionId}` };
    const query = { region_id: regionId, page_number: String(pageNumber), page_size: String(pageSize) };
    const headers = alibabaActionHeaders("DescribeClustersV1", API_VERSION);
    const result = await this.transport.call<{ clusters?: unknown; page_info?: { total_count?: unknown } }>({ ...site, method: "GET", path: "/api/v1/clusters", query, headers, idempotent: true });
    const { clusters, page_info: pageInfo } = result.body ?? {};
    const totalCount = pageInfo?.total_count;
    if (!Array.isArray(clusters) || typeof totalCount !== "number") throw unexpectedResponse(site, "clusters or page_info.total_count is missing");
    return {
      totalCount,
      clusters: clusters.flatMap((item: ClusterDetailBody) => {
        const clusterId = optionalString(item?.cluster_id);
        if (!clusterId) return [];
        return [
          {
            clusterId,
            name: optionalString(item.name),
            state: optionalString(item.state) ?? "unknown",
            clusterType: optionalString(item.cluster_type),
            clusterSpec: optionalString(item.cluster_spec),
            profile: optionalString(item.profile),
            regionId: optionalString(item.region_id),
            encryption: encryptionFromMetaData(item.meta_data) ?? { enabled: false, unreadable: true },
          },
        ];
      }),
    };
  }

  /** PUT /clusters/{id}/kms. Asynchronous: answers `{}` and the cluster goes updating → running. */
  async updateKmsEncryption(clusterId: string, request: UpdateKmsEncryptionRequest): Promise<void> {
    const body: Record<string, unknown> = {};
    if (request.disableEncryption !== undefined) body.disable_encryption = request.disableEncryption;
    if (request.kmsKeyId !== undefined) body.kms_key_id = request.kmsKeyId;
    await this.transport.call({
      service: SERVICE,
      operation: "UpdateKMSEncryption",
      resource: `cluster ${clusterId}`,
      method: "PUT",
      path: `/clusters/${encodeURIComponent(clusterId)}/kms`,
      headers: { ...alibabaActionHeaders("UpdateKMSEncryption", API_VERSION), "content-type": "application/json; charset=utf-8" },
      body,
      // A repeat after an unclear failure could start a second change or meet the 409
      // cool-down; the reconciler observes instead.
      idempotent: false,
    });
  }
}

/** The encryption DescribeClusterDetail reports; metadata that is not JSON is an error, not "off". */
function encryptionOf(metaData: unknown, site: CallSite): AckSecretEncryption {
  const encryption = encryptionFromMetaData(metaData);
  if (encryption) return encryption;
  throw new CloudError({
    ...site,
    code: "UnexpectedResponse",
    message: `meta_data is not JSON (starts with ${JSON.stringify(String(metaData).slice(0, 40))}), so the Secret encryption state cannot be read`,
    hint: "the cluster in the ACK console; nothing was changed",
    retryable: false,
  });
}

/**
 * Reads `Capabilities.EncryptionKMSKeyId` and `Capabilities.DisableEncryption` from
 * `meta_data`, a string holding JSON (an object is accepted too). Missing, empty or unreadable
 * metadata reads as "not encrypted"; metadata that is not JSON gives undefined (unknown).
 */
export function encryptionFromMetaData(metaData: unknown): AckSecretEncryption | undefined {
  let meta: unknown = metaData;
  if (typeof metaData === "string") {
    if (metaData.trim() === "") return { enabled: false };
    try {
      meta = JSON.parse(metaData);
    } catch {
      return undefined;
    }
  }
  const capabilities = meta && typeof meta === "object" ? (meta as { Capabilities?: unknown }).Capabilities : undefined;
  if (!capabilities || typeof capabilities !== "object") return { enabled: false };
  const { EncryptionKMSKeyId, DisableEncryption } = capabilities as { EncryptionKMSKeyId?: unknown; DisableEncryption?: unknown };
  const kmsKeyId = optionalString(EncryptionKMSKeyId);
  const disabled = DisableEncryption === true || DisableEncryption === "true";
  return { enabled: kmsKeyId !== undefined && !disabled, kmsKeyId };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}
