import { runHook } from "../../lib/cli/hook";
import { AckClient } from "../../lib/cloud/alibaba/ack-client";
import { fixedCredentials } from "../../lib/cloud/credential-provider";
import { MemoryLog } from "../../lib/runtime/log";
import { defaultFixture } from "../../lib/emulator/fixture";
import { ACK_WORLD, ackCluster } from "../support/ack-world";
import { ALI, ALIBABA_IDENTITIES as ID, bareEnv, cliConfig, freshHome } from "../support/alibaba-identity-world";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { ACK_SPEC } from "../support/spec-fixtures";
import { emulatedClock } from "../support/emulator-clocks";

// In process, so the hook's clock can be the emulator's: every wait of the reconciler moves
// emulated time, and the credentials' Expiration (emulated time too) comes due during the run.
// The requests are real (undici over loopback to the emulator, which refuses expired keys).

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());

/** The fixture with instance-metadata and URI credentials that live `seconds`. */
function shortLived(seconds: number): Record<string, unknown> {
  const world = defaultFixture();
  return { ...world, sts: { ...(world.sts as object), instance_credentials_seconds: seconds } };
}

async function applyInProcess(env: Record<string, string>) {
  const log = new MemoryLog();
  const code = await runHook(["apply"], { env: { ...env, CDKTF_ENCRYPTION_SPEC: JSON.stringify(ACK_SPEC) }, clock: emulatedClock(cloud.emulator), log });
  return { code, log };
}

function ackCalls() {
  return cloud.calls({ service: "ack" });
}

test("ECS RAM role credentials living 5 minutes are refreshed through ACK's 409 cool-down and the update, and the change converges", async () => {
  cloud.emulator.reset(shortLived(300));
  const coolDownUntil = new Date(cloud.emulator.clock.now() + 300_000).toISOString();
  cloud.emulator.service("ack").patch(ACK_WORLD.payments, { cool_down_until: coolDownUntil, update_seconds: 240 });
  const started = cloud.emulator.clock.now();

  const { code, log } = await applyInProcess(bareEnv(cloud));

  expect({ code, last: log.lines.at(-1) }).toMatchObject({ code: 0 });
  expect(ackCluster(cloud.emulator)).toMatchObject({ secret_encryption: "on", encryption_kms_key_id: ACK_WORLD.key });
  expect(cloud.emulator.clock.now() - started).toBeGreaterThan(300_000 + 240_000);
  expect(ackCalls().some((c) => c.operation === "UpdateKMSEncryption" && c.status === 409)).toBe(true);
  // Fetched again before each expiry, and the fresh keys used: no call was refused as expired.
  expect(cloud.calls({ service: "alibaba_metadata", operation: "MetadataRoleCredentials" }).length).toBeGreaterThanOrEqual(3);
  expect(new Set(ackCalls().map((c) => c.accessKey)).size).toBeGreaterThanOrEqual(3);
  expect(ackCalls().filter((c) => c.status === 400)).toEqual([]);
  expect(ackCalls().every((c) => c.principal === `role acs:ram::1234567890123456:role/${ID.instanceRole}`)).toBe(true);
  expect(log.lines.filter((l) => l.startsWith("credentials: "))).toEqual([`credentials: ECS RAM role ${ID.instanceRole} (from instance metadata)`]);
});

test("an assumed role's 15-minute session is assumed again before it ends during a long update", async () => {
  cloud.emulator.reset();
  cloud.emulator.service("ack").patch(ACK_WORLD.payments, { update_seconds: 780 });
  const profile = { name: "deploy", mode: "RamRoleArn", access_key_id: ALI.accessKeyId, access_key_secret: ALI.accessKeySecret, ram_role_arn: ID.encryptionAdmin, expired_seconds: 900 };

  const { code } = await applyInProcess({ ...bareEnv(cloud), HOME: freshHome({ ".aliyun/config.json": cliConfig([profile]) }), ALICLOUD_PROFILE: "deploy" });

  expect(code).toBe(0);
  expect(ackCluster(cloud.emulator)).toMatchObject({ secret_encryption: "on" });
  expect(cloud.calls({ service: "sts" }).map((c) => `${c.operation} ${c.accessKey} ${c.status}`)).toEqual([`AssumeRole ${ALI.accessKeyId} 200`, `AssumeRole ${ALI.accessKeyId} 200`]);
  expect(ackCalls().every((c) => c.principal === `role ${ID.encryptionAdmin}` && c.status < 400)).toBe(true);
});

test("the emulated gateway refuses temporary credentials once they have expired on its clock", async () => {
  cloud.emulator.reset(shortLived(900));
  const res = await fetch(`${cloud.url}/credentials-uri`);
  const issued = (await res.json()) as { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string };
  const client = new AckClient({
    region: ALI.region,
    env: { CDKTF_ENCRYPTION_ENDPOINT: cloud.url },
    maxAttempts: 1,
    credentials: fixedCredentials({ accessKeyId: issued.AccessKeyId, accessKeySecret: issued.AccessKeySecret, securityToken: issued.SecurityToken }, "test"),
  });
  await expect(client.describeClusterDetail(ACK_WORLD.payments)).resolves.toMatchObject({ state: "running" });
  cloud.emulator.clock.advance(901);
  await expect(client.describeClusterDetail(ACK_WORLD.payments)).rejects.toThrow(/InvalidSecurityToken\.Expired/);
});

test("credentials the gateway calls expired although our clock says otherwise (a runner's clock behind) are dropped, fetched again, and the call repeated", async () => {
  cloud.emulator.reset();
  const env = bareEnv(cloud);
  const client = new AckClient({ region: ALI.region, env, backoffBaseMs: 1 });
  await expect(client.describeClusterDetail(ACK_WORLD.payments)).resolves.toMatchObject({ state: "running" });
  cloud.emulator.clock.advance(2 * 3600);
  await expect(client.describeClusterDetail(ACK_WORLD.payments)).resolves.toMatchObject({ state: "running" });
  expect(ackCalls().map((c) => `${c.status}`)).toEqual(["200", "400", "200"]);
  expect(cloud.calls({ service: "alibaba_metadata", operation: "MetadataRoleCredentials" })).toHaveLength(2);
});
