// Every answer of every emulated DWS, TaurusDB and ACK operation, read over real HTTP with
// signed requests, carries every field of the official SDK's response model: the Huawei Node
// SDK's models (huawei-sdk-models.json, copied from reference/data) and the models of
// @alicloud/cs20151215. A route added to a service without a walk here fails the last test.
import { DescribeClusterDetailResponseBody, DescribeClustersV1ResponseBody } from "@alicloud/cs20151215";
import { alibabaTransport } from "../../../lib/cloud/alibaba/alibaba-transport";
import { HttpTransport } from "../../../lib/cloud/http-transport";
import { huaweiTransport } from "../../../lib/cloud/huawei/huawei-transport";
import { EMULATOR_CREDENTIALS } from "../../../lib/emulator/fixture";
import { DwsService } from "../../../lib/emulator/services/dws";
import { ACK_WORLD } from "../../support/ack-world";
import { RunningEmulator, startEmulator } from "../../support/emulator-harness";
import models from "../../support/official-data/huawei-sdk-models.json";

const { region, projectId } = EMULATOR_CREDENTIALS.huawei;
const WAREHOUSE = "97cbaab3-939e-4dbc-9187-0fe240f2b9fd";
const ANALYTICS = "9f76c502-fc9c-4a52-8656-65d0da6e3d57";
const OLD_AGENT = "6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a098";
const KEY = "0f3196c8-5c23-469f-84da-92ecd2499dce";
const TAURUS = "7033e7c3cf93438797d44ad7ae0a7d95in07";
const TAURUS_KEY = "b82fa43f-f6e8-4ec4-9c31-231bc547c526";

let cloud: RunningEmulator;
let dws: HttpTransport;
let taurusdb: HttpTransport;
let ack: HttpTransport;
const walked = new Set<string>();

beforeAll(async () => {
  cloud = await startEmulator();
  // Every answer is taken as it comes: this test reads bodies, not errors.
  const raw = { parseError: () => undefined };
  dws = huaweiTransport("dws", raw.parseError, { region, projectId, env: cloud.env, maxAttempts: 1 });
  taurusdb = huaweiTransport("taurusdb", raw.parseError, { region, projectId, env: cloud.env, maxAttempts: 1 });
  ack = alibabaTransport("cs", raw.parseError, { region: ACK_WORLD.region, env: cloud.env, maxAttempts: 1 });
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset());

const MODELS = models.models as Record<string, string[]>;

/** The field names of a Huawei SDK model (`"id: string"` → `id`). */
function huaweiFields(model: string): string[] {
  const fields = MODELS[model];
  if (!fields) throw new Error(`no model ${model} in huawei-sdk-models.json`);
  return fields.map((f) => f.split(":")[0].trim());
}

function missing(body: unknown, fields: string[]): string[] {
  const object = body as Record<string, unknown>;
  return fields.filter((f) => !(f in object));
}

/**
 * The wire names an @alicloud/cs20151215 model maps, checked recursively into nested models
 * present in the answer. Answers the paths that are missing.
 */
function missingAlibaba(body: unknown, model: { names(): Record<string, string>; types(): Record<string, unknown> }, path = ""): string[] {
  const object = body as Record<string, unknown>;
  const names = model.names();
  const types = model.types();
  const out: string[] = [];
  for (const [property, wire] of Object.entries(names)) {
    const value = object[wire];
    if (value === undefined || value === null) {
      out.push(`${path}${wire}`);
      continue;
    }
    const type = types[property] as unknown;
    if (typeof type === "function" && "names" in type) out.push(...missingAlibaba(value, type as never, `${path}${wire}.`));
    const item = (type as { itemType?: unknown } | undefined)?.itemType;
    if (typeof item === "function" && "names" in item && Array.isArray(value)) {
      value.forEach((v, i) => out.push(...missingAlibaba(v, item as never, `${path}${wire}[${i}].`)));
    }
  }
  return out;
}

async function huawei(transport: HttpTransport, operation: string, method: "GET" | "POST", path: string, body?: unknown) {
  walked.add(operation);
  const result = await transport.call<Record<string, unknown>>({ service: "emulator", operation, method, path, body, idempotent: method === "GET" });
  return result.body;
}

const cluster = (id: string) => `/${projectId}/clusters/${id}`;

describe("GaussDB(DWS)", () => {
  test("cluster detail: every field of ClusterDetail, for every cluster of the default world", async () => {
    const ids = (cloud.emulator.service<DwsService>("dws").snapshot() as { clusters: { cluster_id: string }[] }).clusters.map((c) => c.cluster_id);
    for (const id of ids) {
      const body = await huawei(dws, "ShowClusterDetail", "GET", `/v1.0${cluster(id)}`);
      expect(missing(body, huaweiFields("dws/v2/ListClusterDetailsResponse"))).toEqual([]);
      expect(missing(body.cluster, huaweiFields("dws/v2/ClusterDetail"))).toEqual([]);
    }
  });

  test("cluster list: every field of ListClustersResponse and ClusterInfo", async () => {
    const body = await huawei(dws, "ListClusters", "GET", `/v1.0/${projectId}/clusters`);
    expect(missing(body, huaweiFields("dws/v2/ListClustersResponse"))).toEqual([]);
    expect((body.clusters as unknown[]).length).toBeGreaterThan(0);
    for (const item of body.clusters as unknown[]) expect(missing(item, huaweiFields("dws/v2/ClusterInfo"))).toEqual([]);
  });

  test("encrypt-info, encrypted or not: every field of ShowClusterEncryptInfoResponse", async () => {
    for (const id of [WAREHOUSE, ANALYTICS]) {
      const body = await huawei(dws, "ShowClusterEncryptInfo", "GET", `/v1${cluster(id)}/encrypt-info`);
      expect(missing(body, huaweiFields("dws/v2/ShowClusterEncryptInfoResponse"))).toEqual([]);
    }
  });

  test("rotate-key: every field of RotateKeyResponse, the time as DWS writes it", async () => {
    const body = await huawei(dws, "RotateClusterKey", "POST", `/v1${cluster(ANALYTICS)}/rotate-key`, {});
    expect(missing(body, huaweiFields("dws/v2/RotateKeyResponse"))).toEqual([]);
    expect(body.rotate_key_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  test("conversion and its job, running, done and failed: every field, times like 2022-11-09T20:25:00, progress like 9%", async () => {
    const encrypt = { encrypt: { master_key_id: KEY, crypt_algorithm: "generalCipher" } };
    const refused = await huawei(dws, "EncryptCluster", "POST", `/v2${cluster(OLD_AGENT)}/encrypt`, encrypt);
    expect(missing(refused, huaweiFields("dws/v2/EncryptClusterResponse"))).toEqual([]);
    const submitted = await huawei(dws, "EncryptCluster", "POST", `/v2${cluster(WAREHOUSE)}/encrypt`, encrypt);
    expect(missing(submitted, huaweiFields("dws/v2/EncryptClusterResponse"))).toEqual([]);
    const job = `/v1.0/${projectId}/job/${submitted.job_id as string}`;
    const jobFields = huaweiFields("dws/v2/ListJobDetailsResponse");

    cloud.emulator.clock.advance(5);
    const running = await huawei(dws, "ShowJob", "GET", job);
    expect(missing(running, jobFields)).toEqual([]);
    expect(running).toEqual(expect.objectContaining({ status: "RUNNING", begin_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/) }));
    expect(running.progress).toMatch(/^\d{1,3}%$/);

    cloud.emulator.clock.advance(600);
    const done = await huawei(dws, "ShowJob", "GET", job);
    expect(missing(done, jobFields)).toEqual([]);
    expect(done).toEqual(expect.objectContaining({ status: "SUCCESS", progress: "100%", end_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/) }));

    cloud.emulator.service<DwsService>("dws").patch(WAREHOUSE, { master_key_id: null, next_job_outcome: "FAIL", cooldown_until: null });
    const again = await huawei(dws, "EncryptCluster", "POST", `/v2${cluster(WAREHOUSE)}/encrypt`, encrypt);
    cloud.emulator.clock.advance(600);
    const failed = await huawei(dws, "ShowJob", "GET", `/v1.0/${projectId}/job/${again.job_id as string}`);
    expect(missing(failed, jobFields)).toEqual([]);
    expect(failed.status).toBe("FAIL");
    expect(failed.progress).toMatch(/^\d{1,3}%$/);
  });
});

describe("TaurusDB", () => {
  const instance = `/v3/${projectId}/instances/${TAURUS}`;

  test("instance detail: every field of MysqlInstanceInfoDetail", async () => {
    const body = await huawei(taurusdb, "ShowInstanceDetail", "GET", instance);
    expect(missing(body, huaweiFields("gaussdb/v3/ShowGaussMySqlInstanceInfoResponse"))).toEqual([]);
    expect(missing(body.instance, huaweiFields("gaussdb/v3/MysqlInstanceInfoDetail"))).toEqual([]);
  });

  test("instance list: every field of ListGaussMySqlInstancesResponse and MysqlInstanceListInfo, paged", async () => {
    const body = await huawei(taurusdb, "ListGaussMySqlInstances", "GET", `/v3/${projectId}/instances?offset=1&limit=1`);
    expect(missing(body, huaweiFields("gaussdb/v3/ListGaussMySqlInstancesResponse"))).toEqual([]);
    expect((body.instances as unknown[]).length).toBe(1);
    expect(body.total_count).toBeGreaterThan(1);
    expect(missing((body.instances as unknown[])[0], huaweiFields("gaussdb/v3/MysqlInstanceListInfo"))).toEqual([]);
  });

  test("backup encryption, read and set", async () => {
    const read = await huawei(taurusdb, "ShowBackupEncryptStatus", "GET", `${instance}/backups/encryption`);
    expect(missing(read, huaweiFields("gaussdb/v3/DescribeBackupEncryptStatusResponse"))).toEqual([]);
    const set = await huawei(taurusdb, "SetBackupEncryption", "POST", `${instance}/backups/encryption`, { encryption_status: "on", type: "kms", kms_key_id: TAURUS_KEY });
    expect(missing(set, huaweiFields("gaussdb/v3/ModifyBackupEncryptStatusResponse"))).toEqual([]);
  });
});

describe("ACK", () => {
  async function detail(clusterId: string) {
    walked.add("DescribeClusterDetail");
    const result = await ack.call<Record<string, unknown>>({
      service: "emulator",
      operation: "DescribeClusterDetail",
      method: "GET",
      path: `/clusters/${clusterId}`,
      headers: { "x-acs-action": "DescribeClusterDetail", "x-acs-version": "2015-12-15" },
      idempotent: true,
    });
    return result;
  }

  test("cluster detail: every field of DescribeClusterDetailResponseBody, nested models too, for every cluster", async () => {
    for (const id of [ACK_WORLD.payments, ACK_WORLD.ledger, ACK_WORLD.sandbox]) {
      const { body } = await detail(id);
      expect(missingAlibaba(body, DescribeClusterDetailResponseBody)).toEqual([]);
    }
  });

  test("a never-encrypted Pro cluster reads DisableEncryption true and an empty key id; request ids are upper-case UUIDs", async () => {
    const { body, headers } = await detail(ACK_WORLD.payments);
    expect(JSON.parse(body.meta_data as string).Capabilities).toEqual(expect.objectContaining({ DisableEncryption: true, EncryptionKMSKeyId: "" }));
    expect(headers["x-acs-request-id"]).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });

  test("cluster list (DescribeClustersV1): every field of its model, nested models too, paged", async () => {
    walked.add("DescribeClustersV1");
    const result = await ack.call<Record<string, unknown>>({
      service: "emulator",
      operation: "DescribeClustersV1",
      method: "GET",
      path: "/api/v1/clusters",
      query: { region_id: ACK_WORLD.region, page_number: "1", page_size: "2" },
      headers: { "x-acs-action": "DescribeClustersV1", "x-acs-version": "2015-12-15" },
      idempotent: true,
    });
    expect((result.body.clusters as unknown[]).length).toBe(2);
    expect(missingAlibaba(result.body, DescribeClustersV1ResponseBody)).toEqual([]);
  });

  test("UpdateKMSEncryption answers an empty object (its model has no body fields)", async () => {
    walked.add("UpdateKMSEncryption");
    const result = await ack.call<Record<string, unknown>>({
      service: "emulator",
      operation: "UpdateKMSEncryption",
      method: "PUT",
      path: `/clusters/${ACK_WORLD.payments}/kms`,
      headers: { "x-acs-action": "UpdateKMSEncryption", "x-acs-version": "2015-12-15" },
      body: { disable_encryption: false, kms_key_id: ACK_WORLD.key },
      idempotent: false,
    });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({});
    expect(result.headers["x-acs-request-id"]).toMatch(/^[0-9A-F-]{36}$/);
  });
});

test("every operation of the emulated DWS, TaurusDB and ACK was walked above", () => {
  const operations = ["dws", "taurusdb", "ack"].flatMap((name) => cloud.emulator.service(name).routes.map((r) => r.operation));
  expect([...walked].sort()).toEqual([...new Set(operations)].sort());
});
