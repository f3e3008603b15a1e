// The Huawei credential chain in-process against the emulator's IAM, with the emulator's clock
// injected as ours: temporary keys are renewed before they expire (no refusal needed), one
// chain per environment and region (an agency assumed once for every client), the state lists
// the identities.
import { Clock } from "../../../../../lib/runtime/clock";
import { MemoryLog } from "../../../../../lib/runtime/log";
import { TaurusDbClient } from "../../../../../lib/cloud/huawei/taurusdb-client";
import { sharedHuaweiCredentialChain } from "../../../../../lib/cloud/huawei/credentials/huawei-credential-chain";
import { huaweiBaseUrl } from "../../../../../lib/cloud/huawei/huawei-endpoints";
import { IAM_TOKEN_LIFETIME_MS, tokenExpiry } from "../../../../../lib/cloud/huawei/credentials/temporary-credentials";
import { EMULATOR_CREDENTIALS, defaultFixture } from "../../../../../lib/emulator/fixture";
import { EMULATOR_IDENTITIES } from "../../../../../lib/emulator/huawei-identities-fixture";
import { RunningEmulator, startEmulator } from "../../../../support/emulator-harness";

const hw = EMULATOR_CREDENTIALS.huawei;
const id = EMULATOR_IDENTITIES;
const ORDERS = "7033e7c3cf93438797d44ad7ae0a7d95in07";

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset(defaultFixture()));

function agencyEnv(): NodeJS.ProcessEnv {
  return {
    CDKTF_ENCRYPTION_ENDPOINT: cloud.url,
    CDKTF_ENCRYPTION_HUAWEI_METADATA_URL: cloud.url,
    HW_ACCESS_KEY: hw.accessKey,
    HW_SECRET_KEY: hw.secretKey,
    HW_ASSUME_ROLE_AGENCY_NAME: id.agency.name,
    HW_ASSUME_ROLE_DOMAIN_NAME: id.agency.domainName,
  };
}

/** Our clock is the emulator's: moving it ages the keys on both sides. */
function emulatorClock(): Clock {
  return { now: () => cloud.emulator.clock.now(), sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 10))) };
}

test("temporary keys are renewed before expires_at by our clock, without a refusal from the gateway", async () => {
  const env = { ...agencyEnv(), HW_ASSUME_ROLE_DURATION: "900" };
  const clock = emulatorClock();
  const client = new TaurusDbClient({ region: hw.region, projectId: hw.projectId, env, clock, log: new MemoryLog() });
  await client.getBackupEncryption(ORDERS);
  const first = cloud.calls({ service: "taurusdb" }).at(-1)!.accessKey;

  // 900 s keys; 10 minutes later they are within a quarter of their lifetime of the end: renewed.
  cloud.emulator.clock.advance(700);
  await client.getBackupEncryption(ORDERS);
  const second = cloud.calls({ service: "taurusdb" }).at(-1)!.accessKey;
  expect(second).not.toBe(first);
  expect(cloud.calls({ operation: "CreateTemporaryAccessKey" })).toHaveLength(2);
  expect(cloud.calls().filter((c) => c.status === 401)).toHaveLength(0);

  // Well inside the lifetime: the same keys, no IAM call.
  cloud.emulator.clock.advance(60);
  await client.getBackupEncryption(ORDERS);
  expect(cloud.calls({ service: "taurusdb" }).at(-1)!.accessKey).toBe(second);
  expect(cloud.calls({ operation: "CreateTemporaryAccessKey" })).toHaveLength(2);
});

test("one chain per environment and region: every client of a run shares the assumed agency, announced once", async () => {
  const env = agencyEnv();
  const log = new MemoryLog();
  const a = new TaurusDbClient({ region: hw.region, projectId: hw.projectId, env, log });
  const b = new TaurusDbClient({ region: hw.region, projectId: hw.projectId, env, log });
  await Promise.all([a.getBackupEncryption(ORDERS), b.getBackupEncryption(ORDERS), a.getInstance(ORDERS)]);
  expect(cloud.calls({ operation: "CreateTemporaryAccessKey" })).toHaveLength(1);
  expect(sharedHuaweiCredentialChain(env, { region: hw.region })).toBe(sharedHuaweiCredentialChain(env, { region: hw.region }));
  expect(log.lines.filter((l) => l.startsWith("credentials: "))).toEqual([
    expect.stringMatching(/^credentials: assumed agency encryption-admin in domain acme-prod \(from HW_ASSUME_ROLE_\*, temporary key TMPA…\w{4}; via IAM v3 securitytokens, 43200 s; base: access key EMUL…0001 from HW_ACCESS_KEY\/HW_SECRET_KEY\)$/),
  ]);
  // Another environment is another run: its own chain.
  expect(sharedHuaweiCredentialChain({ ...env }, { region: hw.region })).not.toBe(sharedHuaweiCredentialChain(env, { region: hw.region }));
});

test("GET /_emulator/state lists the identities; GET /_emulator/calls names who made each call", async () => {
  const env = agencyEnv();
  await new TaurusDbClient({ region: hw.region, projectId: hw.projectId, env }).getBackupEncryption(ORDERS);
  const state = (await (await fetch(`${cloud.url}/_emulator/state`)).json()) as { iam: { users: { name: string; access_keys: string[] }[]; agencies: { agency_name: string; domain_name: string }[]; temporary_credentials: { access: string; principal: string }[] } };
  expect(state.iam.users).toEqual(expect.arrayContaining([expect.objectContaining({ name: "deployer", access_keys: [hw.accessKey] })]));
  expect(state.iam.agencies).toEqual(expect.arrayContaining([expect.objectContaining({ agency_name: id.agency.name, domain_name: id.agency.domainName })]));
  expect(state.iam.temporary_credentials).toEqual([expect.objectContaining({ principal: `agency ${id.agency.name} in domain ${id.agency.domainName}` })]);
  expect(JSON.stringify(state)).not.toMatch(/"secret"|securitytoken/);
  const calls = (await (await fetch(`${cloud.url}/_emulator/calls`)).json()) as { calls: { operation: string; accessKey?: string; principal?: string }[] };
  expect(calls.calls.map((c) => [c.operation, c.principal])).toEqual([
    ["CreateTemporaryAccessKey", "user deployer"],
    ["ShowBackupEncryptStatus", `agency ${id.agency.name} in domain ${id.agency.domainName}`],
  ]);
  expect(calls.calls[1].accessKey).toBe(state.iam.temporary_credentials[0].access);
});

test("IAM's endpoint is the region's, and CDKTF_ENCRYPTION_ENDPOINT moves it with every other service", () => {
  expect(huaweiBaseUrl("iam", "cn-north-4", {}).href).toBe("https://iam.cn-north-4.myhuaweicloud.com/");
  expect(huaweiBaseUrl("iam", "cn-north-4", { CDKTF_ENCRYPTION_ENDPOINT: "http://127.0.0.1:4599" }).href).toBe("http://127.0.0.1:4599/");
});

test("the emulator's IAM takes the token of securitytokens in the body, as the provider's OIDC exchange sends it (no X-Auth-Token)", async () => {
  const login = await fetch(`${cloud.url}/v3/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ auth: { identity: { methods: ["password"], password: { user: { name: id.user.name, password: id.user.password, domain: { name: id.user.domainName } } } }, scope: { project: { name: hw.region } } } }),
  });
  const token = login.headers.get("x-subject-token")!;
  const exchange = (tokenId: string) =>
    fetch(`${cloud.url}/v3.0/OS-CREDENTIAL/securitytokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ auth: { identity: { methods: ["token"], token: { id: tokenId } } } }),
    });
  const accepted = await exchange(token);
  expect(accepted.status).toBe(201);
  expect(((await accepted.json()) as { credential: { access: string } }).credential.access).toMatch(/^TMPAK/);
  expect((await exchange("not-a-token-it-issued")).status).toBe(401);
});

test("an IAM token without expires_at is renewed after IAM's 24 h, never kept forever; one whose expires_at is not a date is the source's error", () => {
  const clock = { now: () => Date.parse("2026-12-07T10:00:00Z"), sleep: async () => {} };
  expect(tokenExpiry(undefined, undefined, clock, "password of HW_USER_NAME/HW_USER_PASSWORD")).toBe(clock.now() + IAM_TOKEN_LIFETIME_MS);
  expect(IAM_TOKEN_LIFETIME_MS).toBe(24 * 3_600_000);
  expect(() => tokenExpiry("tomorrow", undefined, clock, "password of HW_USER_NAME/HW_USER_PASSWORD")).toThrow(
    'Huawei Cloud credentials (password of HW_USER_NAME/HW_USER_PASSWORD): the credentials\' expires_at "tomorrow" is not a date.',
  );
});
