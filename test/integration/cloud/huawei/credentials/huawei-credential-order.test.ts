// The Huawei chain against the huaweicloud Terraform provider's own decision, for every
// combination of configured sources: the source chosen and the identity that acts (as the
// emulator's call log names it) are what the provider would pick. The provider's decision is
// written out below from its source, huaweicloud/terraform-provider-huaweicloud v1.97.1:
//   huaweicloud/provider.go      configureProvider: HW_ASSUME_ROLE_* read; readConfig() when
//                                shared_config_file (HW_SHARED_CONFIG_FILE) or profile (HW_PROFILE)
//                                is set: the profile's keys replace access_key/secret_key.
//   huaweicloud/config/config.go LoadAndValidate: with assume_role_idp_id, the OIDC exchange's
//                                keys replace them again; then buildClient; then the agency.
//   huaweicloud/config/auth.go   buildClient: token, else AK/SK, else password, else metadata.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { silentLog } from "../../../../../lib/runtime/log";
import { systemClock } from "../../../../../lib/runtime/clock";
import { HUAWEI_CREDENTIAL_SOURCES, huaweiCredentialChain } from "../../../../../lib/cloud/huawei/credentials/huawei-credential-chain";
import { TaurusDbClient } from "../../../../../lib/cloud/huawei/taurusdb-client";
import { EMULATOR_CREDENTIALS, defaultFixture } from "../../../../../lib/emulator/fixture";
import { EMULATOR_IDENTITIES, huaweiIdentityWorld } from "../../../../../lib/emulator/huawei-identities-fixture";
import { RunningEmulator, startEmulator } from "../../../../support/emulator-harness";

const hw = EMULATOR_CREDENTIALS.huawei;
const id = EMULATOR_IDENTITIES;
const ORDERS = "7033e7c3cf93438797d44ad7ae0a7d95in07";

type Kind = "token" | "keys" | "password" | "profileByName" | "profileFile" | "oidc" | "assumeRole";
const KINDS: readonly Kind[] = ["token", "keys", "password", "profileByName", "profileFile", "oidc", "assumeRole"];

/** The source the provider's code picks (see the file's head), by the name our list gives it. */
function providerPicks(set: ReadonlySet<Kind>): string {
  if (set.has("token")) return "IAM token"; // buildClient: c.Token first, even after an OIDC exchange
  if (set.has("oidc")) return "OIDC federation"; // LoadAndValidate: the exchange's keys replace any others
  if (set.has("profileByName") || set.has("profileFile")) return "shared config file profile"; // readConfig: replaces access_key
  if (set.has("keys")) return "environment access keys"; // buildClient: AK/SK before password
  if (set.has("password")) return "user and password";
  return "ECS instance agency (metadata)"; // buildClientByMeta
}

/** Who each source is in the emulated IAM: distinct, so the call log tells them apart. */
const PRINCIPAL: Record<string, string> = {
  "IAM token": "user deployer",
  "OIDC federation": `federated user of identity provider ${id.identityProvider.id}`,
  "shared config file profile": "user profiler",
  "environment access keys": "user auditor",
  "user and password": "user deployer",
  "ECS instance agency (metadata)": `agency ${id.instanceAgency.name} in domain ${id.instanceAgency.domainName}`,
};
const AGENCY = `agency ${id.agency.name} in domain ${id.agency.domainName}`;
const PROFILE_AK = "EMULATORAKPROFILE001";
const PROFILE_SK = "emulatorSecretKeyProfile000000000000001";

let cloud: RunningEmulator;
let home: string;
let configFile: string;
beforeAll(async () => {
  cloud = await startEmulator({ extraCredentials: { huawei: [{ accessKey: PROFILE_AK, secretKey: PROFILE_SK }] } });
  const world = huaweiIdentityWorld() as { users: Record<string, unknown>[]; agencies: { trusted: string[] }[] };
  world.users.push({ name: "profiler", domain_name: id.user.domainName, access_keys: [PROFILE_AK] });
  world.agencies[0].trusted.push("user auditor", "user profiler");
  cloud.emulator.reset({ ...defaultFixture(), iam: world });
  home = mkdtempSync(path.join(tmpdir(), "hw-order-"));
  mkdirSync(path.join(home, ".hcloud"));
  configFile = path.join(home, ".hcloud", "config.json");
  writeFileSync(configFile, JSON.stringify({ current: "deploy", profiles: [{ name: "deploy", mode: "AKSK", accessKeyId: PROFILE_AK, secretAccessKey: PROFILE_SK }] }));
});
afterAll(() => cloud.stop());

function envFor(set: ReadonlySet<Kind>): NodeJS.ProcessEnv {
  return {
    HOME: home,
    CDKTF_ENCRYPTION_ENDPOINT: cloud.url,
    CDKTF_ENCRYPTION_HUAWEI_METADATA_URL: cloud.url,
    ...(set.has("token") ? { HW_AUTH_TOKEN: hw.authToken } : {}),
    ...(set.has("keys") ? { HW_ACCESS_KEY: hw.readOnlyAccessKey, HW_SECRET_KEY: hw.readOnlySecretKey } : {}),
    ...(set.has("password") ? { HW_USER_NAME: id.user.name, HW_USER_PASSWORD: id.user.password, HW_DOMAIN_NAME: id.user.domainName } : {}),
    ...(set.has("profileByName") ? { HW_PROFILE: "deploy" } : {}),
    ...(set.has("profileFile") ? { HW_SHARED_CONFIG_FILE: configFile } : {}),
    ...(set.has("oidc") ? { HW_ASSUME_ROLE_IDP_ID: id.identityProvider.id, HW_ASSUME_ROLE_ID_TOKEN: id.identityProvider.idToken } : {}),
    ...(set.has("assumeRole") ? { HW_ASSUME_ROLE_AGENCY_NAME: id.agency.name, HW_ASSUME_ROLE_DOMAIN_NAME: id.agency.domainName } : {}),
  };
}

const combinations: Kind[][] = [];
for (let mask = 0; mask < 1 << KINDS.length; mask++) combinations.push(KINDS.filter((_, i) => mask & (1 << i)));

test("the list's order is the provider's: each source wins over every later one", () => {
  const names = HUAWEI_CREDENTIAL_SOURCES.map((s) => s.name);
  expect(names).toEqual(["IAM token", "OIDC federation", "shared config file profile", "environment access keys", "user and password", "ECS instance agency (metadata)"]);
});

test.each(combinations.map((kinds) => [kinds.join(" + ") || "nothing (metadata)", kinds] as const))("%s", async (_name, kinds) => {
  const set = new Set(kinds);
  const expected = providerPicks(set);
  const chain = huaweiCredentialChain({ env: envFor(set), region: hw.region, clock: systemClock, log: silentLog });
  await new TaurusDbClient({ region: hw.region, projectId: hw.projectId, env: envFor(set), credentials: chain, log: silentLog }).getBackupEncryption(ORDERS);
  const tried = chain.sourcesTried();
  expect(tried.at(-1)).toEqual({ source: expected, outcome: "used", why: "" });
  // Every source before it was passed over because it was not configured.
  expect(tried.slice(0, -1).every((t) => t.outcome === "not configured")).toBe(true);
  const acting = cloud.calls({ service: "taurusdb" }).at(-1)!.principal;
  expect(acting).toBe(set.has("assumeRole") ? AGENCY : PRINCIPAL[expected]);
});
