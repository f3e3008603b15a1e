"use strict";
// One client's signed-request throughput against the emulator on loopback: N requests with
// C in flight, after a warm-up. Prints {rps, cpuMsPerRequest} as JSON. Run in its own
// process so the emulator (another process) and the client do not share an event loop.
const { dist } = require("../paths");
const [client, endpoint, total, concurrency] = [process.argv[2], process.argv[3], Number(process.argv[4]), Number(process.argv[5])];
const ACK_CLUSTER = "c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a";
const INSTANCE = "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07";
const env = process.env;

function makeCall() {
  switch (client) {
    case "ours-ack": {
      const { AckClient } = require(dist("lib/cloud/alibaba/ack-client"));
      const c = new AckClient({ region: env.ALIBABA_CLOUD_REGION, env });
      return () => c.describeClusterDetail(ACK_CLUSTER);
    }
    case "sdk-ack": {
      const CsClient = require("@alicloud/cs20151215").default;
      const { $OpenApiUtil } = require("@alicloud/openapi-core");
      const c = new CsClient(
        new $OpenApiUtil.Config({
          accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID,
          accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
          regionId: env.ALIBABA_CLOUD_REGION,
          endpoint: new URL(endpoint).host,
          protocol: "http",
        }),
      );
      return async () => {
        const r = await c.describeClusterDetail(ACK_CLUSTER);
        if (r.statusCode !== 200) throw new Error(`HTTP ${r.statusCode}`);
      };
    }
    case "ours-huawei": {
      const { TaurusDbClient } = require(dist("lib/cloud/huawei/taurusdb-client"));
      const c = new TaurusDbClient({ region: env.HW_REGION_NAME, projectId: env.HW_PROJECT_ID, env });
      return () => c.getBackupEncryption(INSTANCE);
    }
    case "sdk-huawei": {
      // The Huawei SDK core's client, as a generated service client drives it: ClientBuilder,
      // BasicCredentials (AK/SK, SDK-HMAC-SHA256), sendRequest with path parameters.
      const { ClientBuilder } = require("@huaweicloud/huaweicloud-sdk-core/ClientBuilder");
      const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials");
      const credentials = new BasicCredentials().withAk(env.HW_ACCESS_KEY).withSk(env.HW_SECRET_KEY).withProjectId(env.HW_PROJECT_ID);
      const hc = new ClientBuilder((c) => c).withEndpoint(endpoint).withCredential(credentials).build();
      return async () => {
        const r = await hc.sendRequest({
          method: "GET",
          url: "/v3/{project_id}/instances/{instance_id}/backups/encryption",
          pathParams: { project_id: env.HW_PROJECT_ID, instance_id: INSTANCE },
          headers: {},
          queryParams: {},
          contentType: "application/json",
        });
        if (r.encryption_status !== "on") throw new Error(`unexpected answer ${JSON.stringify(r)}`);
      };
    }
    default:
      throw new Error(`unknown client ${client}`);
  }
}

async function drive(call, n, c) {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: c }, worker));
}

(async () => {
  const call = makeCall();
  await drive(call, Math.min(200, total), concurrency);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await drive(call, total, concurrency);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ client, requests: total, concurrency, ms, rps: (total * 1000) / ms, cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / total }) + "\n");
  process.exit(0);
})().catch((e) => {
  process.stderr.write(`${client}: ${e.stack || e}\n`);
  process.exit(1);
});
