import { EmulatorClock } from "../../../lib/emulator/emulator-clock";
import { EmulatorService, RawRequest, ServiceContext, Verdict } from "../../../lib/emulator/emulator-service";
import { HttpReply } from "../../../lib/emulator/http-reply";
import { authenticatorOf, findRoute, isAdminPath, unknownApiReply } from "../../../lib/emulator/router";
import { AckService } from "../../../lib/emulator/services/ack";
import { AlibabaKmsService } from "../../../lib/emulator/services/alibaba-kms";
import { DwsService } from "../../../lib/emulator/services/dws";
import { HuaweiKmsService } from "../../../lib/emulator/services/huawei-kms";
import { TaurusDbService } from "../../../lib/emulator/services/taurusdb";

const ctx: ServiceContext = { clock: new EmulatorClock(), changed: () => undefined };
const kms = new HuaweiKmsService(ctx);
const alikms = new AlibabaKmsService(ctx);
/** The cloud services in the order the emulator holds them. */
const services: readonly EmulatorService[] = [kms, new TaurusDbService(ctx, kms), new DwsService(ctx, kms), alikms, new AckService(ctx, alikms)];
const PROJECT = "0b4f2d5c3c8f4c5e9f1a2b3c4d5e6f70";

const destination = (method: string, path: string, extra: { action?: string; host?: string } = {}) => {
  const match = findRoute(services, { method, path, ...extra });
  return match && `${match.service.name} ${match.route.operation}`;
};

describe("the router sends each cloud API request to its service's route", () => {
  test.each([
    ["GET", `/v3/${PROJECT}/instances`, "taurusdb ListGaussMySqlInstances"],
    ["GET", `/v3/${PROJECT}/instances/abc123in07/backups/encryption`, "taurusdb ShowBackupEncryptStatus"],
    ["POST", `/v3/${PROJECT}/instances/abc123in07/backups/encryption`, "taurusdb SetBackupEncryption"],
    ["GET", `/v1.0/${PROJECT}/clusters`, "dws ListClusters"],
    ["GET", `/v1/${PROJECT}/clusters/c-1/encrypt-info`, "dws ShowClusterEncryptInfo"],
    ["POST", `/v2/${PROJECT}/clusters/c-1/encrypt`, "dws EncryptCluster"],
    ["POST", `/v1/${PROJECT}/clusters/c-1/rotate-key`, "dws RotateClusterKey"],
    ["POST", `/v1.0/${PROJECT}/kms/describe-key`, "kms DescribeKey"],
    ["GET", "/api/v1/clusters", "ack DescribeClustersV1"],
    ["GET", "/clusters/c5b1e0a9", "ack DescribeClusterDetail"],
    ["PUT", "/clusters/c5b1e0a9/kms", "ack UpdateKMSEncryption"],
  ])("%s %s → %s", (method, path, expected) => {
    expect(destination(method, path)).toBe(expected);
  });

  test("the path's named parameters are decoded", () => {
    const match = findRoute(services, { method: "GET", path: `/v3/${PROJECT}/instances/a%20b%2Fc/backups/encryption` });
    expect(match?.params).toEqual({ project: PROJECT, id: "a b/c" });
  });

  test("an RPC-style API (one path, POST /) is told apart by its action", () => {
    expect(destination("POST", "/", { action: "DescribeKey" })).toBe("alikms DescribeKey");
    expect(destination("POST", "/", { action: "ScheduleKeyDeletion" })).toBeUndefined();
    expect(destination("POST", "/")).toBeUndefined();
  });

  test("a method the path does not publish finds no route", () => {
    expect(destination("DELETE", `/v3/${PROJECT}/instances/abc123in07/backups/encryption`)).toBeUndefined();
    expect(destination("POST", "/api/v1/clusters")).toBeUndefined();
  });

  test("a public host name reaches only its own service; loopback reaches all", () => {
    const path = `/v1.0/${PROJECT}/clusters`;
    expect(destination("GET", path, { host: "dws.cn-north-4.myhuaweicloud.com" })).toBe("dws ListClusters");
    expect(destination("GET", path, { host: "gaussdb.cn-north-4.myhuaweicloud.com" })).toBeUndefined();
    expect(destination("GET", path, { host: "127.0.0.1:4599" })).toBe("dws ListClusters");
    expect(destination("GET", "/api/v1/clusters", { host: "cs.cn-hangzhou.aliyuncs.com" })).toBe("ack DescribeClustersV1");
    expect(destination("GET", "/api/v1/clusters", { host: "kms.cn-hangzhou.aliyuncs.com" })).toBeUndefined();
  });

  test.each([["GET", "/v9/nothing-here"], ["GET", "/"], ["GET", `/v3/${PROJECT}/instances/`]])("%s %s is no API", (method, path) => {
    expect(findRoute(services, { method, path })).toBeUndefined();
  });
});

describe("a path no service publishes is answered as the gateway does", () => {
  test("404 with the gateway's error_code and error_msg", () => {
    const reply = unknownApiReply();
    expect(reply).toBeInstanceOf(HttpReply);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ error_code: "APIGW.0101", error_msg: "The API does not exist or has not been published in the environment." });
  });
});

describe("admin paths go to the admin API, never to a service", () => {
  test.each([
    ["/_emulator/state", true],
    ["/_emulator/faults", true],
    ["/_emulator", false],
    ["/_emulatorx/state", false],
    ["/v3/_emulator/state", false],
    ["/api/v1/clusters", false],
  ])("%s → admin %s", (path, admin) => {
    expect(isAdminPath(path)).toBe(admin);
  });
});

describe("the router picks who checks a request", () => {
  const request: RawRequest = { method: "GET", path: "/", query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) };
  const gateway = (name: string) => (): Verdict => ({ caller: { accessKey: name, readOnly: false } });
  const gateways = { huawei: gateway("huawei gateway"), alibaba: gateway("alibaba gateway") };

  test("a service without its own check goes to its signing family's gateway", () => {
    expect(authenticatorOf(services[1], gateways)(request).caller?.accessKey).toBe("huawei gateway");
    expect(authenticatorOf(alikms, gateways)(request).caller?.accessKey).toBe("alibaba gateway");
  });

  test("a service that authenticates its own callers (STS, metadata) checks them itself", () => {
    const selfChecking: EmulatorService = { ...services[1], name: "metadata", authenticate: () => ({ status: 403, code: "own check" }) };
    expect(authenticatorOf(selfChecking, gateways)(request)).toEqual({ status: 403, code: "own check" });
  });
});
