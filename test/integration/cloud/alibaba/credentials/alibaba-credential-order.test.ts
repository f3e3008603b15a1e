import { alibabaCredentialChain } from "../../../../../lib/cloud/alibaba/credentials/alibaba-credential-chain";
import { ALIBABA_CREDENTIAL_SOURCES } from "../../../../../lib/cloud/alibaba/credentials/alibaba-credential-sources";
import { AlibabaIdentityWorld, alibabaIdentityWorld } from "../../../../../lib/emulator/alibaba-identities";
import { AlibabaStsService } from "../../../../../lib/emulator/services/alibaba-sts";
import { ALI, ALIBABA_IDENTITIES as ID, bareEnv, cliConfig, freshHome, tokenFile } from "../../../../support/alibaba-identity-world";
import { RunningEmulator, startEmulator } from "../../../../support/emulator-harness";

/*
 * The oracle: which source and identity the alicloud Terraform provider acts as, read from
 * aliyun/terraform-provider-alicloud `alicloud/provider.go` (`providerConfigure`,
 * `getConfigFromProfile`, `assumeRoleSchema`) and `alicloud/connectivity/config.go`
 * (`RefreshAuthCredential`: ECS role, then OIDC, then assume role), as read at commit 0001bd25
 * (the review names v1.289.0; that this commit is that version is *unverified*):
 *   1. `access_key`/`secret_key` from ALICLOUD_ACCESS_KEY… (environment before any profile);
 *   2. else the profile named by ALICLOUD_PROFILE/ALIBABA_CLOUD_PROFILE (never the file's `current`);
 *   3. else `credentials_uri`;
 *   4. else `ecs_role_name` (ALICLOUD_ECS_ROLE_NAME/ALIBABA_CLOUD_ECS_METADATA);
 *   5. else `assume_role_with_oidc` (ALIBABA_CLOUD_ROLE_ARN + ALIBABA_CLOUD_OIDC_*);
 *   then `assume_role.role_arn` (ALICLOUD_ASSUME_ROLE_ARN, else ALIBABA_CLOUD_ROLE_ARN) on top.
 * The provider has no step for instance metadata nothing named; the hook then asks metadata for
 * the role (the official @alicloud/credentials chain's discovery), marked as the hook's own.
 */
interface Configured {
  keys: boolean;
  namedProfile: boolean;
  currentProfileOnly: boolean;
  rrsa: boolean;
  metadataAnswers: boolean;
  uri: boolean;
  namedEcsRole: boolean;
  assumeRoleArn: boolean;
  roleArnAlone: boolean;
}

const INSTANCE_ROLE = `acs:ram::1234567890123456:role/${ID.instanceRole}`;

function providerPick(c: Configured): { source: string; identity: string } | "error" {
  let base: { source: string; identity: string };
  if (c.keys) base = { source: "environment access keys", identity: `key ${ALI.accessKeyId}` };
  else if (c.namedProfile) base = { source: "named aliyun CLI profile", identity: `key ${ALI.readOnlyAccessKeyId}` };
  else if (c.uri) base = { source: "credentials URI", identity: `role ${ID.sidecar}` };
  else if (c.namedEcsRole) {
    if (!c.metadataAnswers) return "error";
    base = { source: "named ECS RAM role", identity: `role ${INSTANCE_ROLE}` };
  } else if (c.rrsa) base = { source: "OIDC role (RRSA)", identity: `role ${ID.ciRunner}` };
  else if (c.metadataAnswers) base = { source: "instance metadata (role discovered)", identity: `role ${INSTANCE_ROLE}` };
  else return "error";
  if (c.assumeRoleArn) return { ...base, identity: `role ${ID.encryptionAdmin}` };
  if (c.roleArnAlone && !c.rrsa) return { ...base, identity: `role ${ID.auditor}` };
  return base;
}

const DIMENSIONS: (keyof Configured)[] = ["keys", "namedProfile", "currentProfileOnly", "rrsa", "metadataAnswers", "uri", "namedEcsRole", "assumeRoleArn", "roleArnAlone"];

/** Every combination, but ALIBABA_CLOUD_ROLE_ARN cannot name RRSA's role and another at once. */
const COMBINATIONS: Configured[] = Array.from({ length: 2 ** DIMENSIONS.length }, (_, bits) =>
  Object.fromEntries(DIMENSIONS.map((d, i) => [d, Boolean(bits & (1 << i))])) as unknown as Configured,
).filter((c) => !(c.rrsa && c.roleArnAlone));

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());

function environment(c: Configured): Record<string, string> {
  const profiles = [
    { name: "current", mode: "AK", access_key_id: "LTAI5tCurrentProfile01", access_key_secret: "not-used" },
    { name: "ro", mode: "AK", access_key_id: ALI.readOnlyAccessKeyId, access_key_secret: ALI.readOnlyAccessKeySecret },
  ];
  const env: Record<string, string> = bareEnv(cloud, { CDKTF_ENCRYPTION_ALIBABA_METADATA_URL: c.metadataAnswers ? cloud.url : "http://127.0.0.1:9" });
  if (c.namedProfile || c.currentProfileOnly) env.HOME = freshHome({ ".aliyun/config.json": cliConfig(profiles, "current") });
  if (c.keys) Object.assign(env, { ALICLOUD_ACCESS_KEY: ALI.accessKeyId, ALICLOUD_SECRET_KEY: ALI.accessKeySecret });
  if (c.namedProfile) env.ALICLOUD_PROFILE = "ro";
  if (c.rrsa) Object.assign(env, { ALIBABA_CLOUD_ROLE_ARN: ID.ciRunner, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: ID.oidcProvider, ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile() });
  if (c.uri) env.ALIBABA_CLOUD_CREDENTIALS_URI = `${cloud.url}/credentials-uri`;
  if (c.namedEcsRole) env.ALICLOUD_ECS_ROLE_NAME = ID.instanceRole;
  if (c.assumeRoleArn) env.ALICLOUD_ASSUME_ROLE_ARN = ID.encryptionAdmin;
  if (c.roleArnAlone) env.ALIBABA_CLOUD_ROLE_ARN = ID.auditor;
  return env;
}

test("the source list is in the alicloud provider's order, the metadata discovery of the official chain last", () => {
  expect(ALIBABA_CREDENTIAL_SOURCES.map((s) => s.name)).toEqual([
    "environment access keys",
    "named aliyun CLI profile",
    "credentials URI",
    "named ECS RAM role",
    "OIDC role (RRSA)",
    "instance metadata (role discovered)",
  ]);
});

test(`for each of ${COMBINATIONS.length} combinations of configured sources, the hook picks the source and acts as the identity the provider would`, async () => {
  const identities = (cloud.emulator.service("sts") as AlibabaStsService).identities;
  const world = alibabaIdentityWorld(ALI.accessKeyId) as AlibabaIdentityWorld;
  const everyone = [ALI.accessKeyId, ALI.readOnlyAccessKeyId, `role ${ID.ciRunner}`, `role ${INSTANCE_ROLE}`, `role ${ID.sidecar}`];
  const trustingEveryone = (world.roles ?? []).map((r) => (r.arn === ID.encryptionAdmin || r.arn === ID.auditor ? { ...r, trusted_principals: everyone } : r));
  const mismatches: string[] = [];
  for (const c of COMBINATIONS) {
    identities.load({ ...world, roles: trustingEveryone });
    const chain = alibabaCredentialChain(environment(c));
    const expected = providerPick(c);
    let actual: { source: string; identity: string } | "error";
    try {
      const credentials = await chain.get();
      const issued = identities.temporary(credentials.accessKeyId);
      const used = chain.sourcesTried!().find((t) => t.outcome === "used");
      actual = { source: used?.source ?? "?", identity: issued ? issued.principal : `key ${credentials.accessKeyId}` };
    } catch {
      actual = "error";
    }
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      const set = DIMENSIONS.filter((d) => c[d]).join("+") || "nothing";
      mismatches.push(`${set}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
  }
  expect(mismatches).toEqual([]);
});

test("sourcesTried says, in order, why each source before the chosen one was passed over", async () => {
  const env = bareEnv(cloud, { CDKTF_ENCRYPTION_ALIBABA_METADATA_URL: "http://127.0.0.1:9", ALIBABA_CLOUD_CREDENTIALS_URI: `${cloud.url}/credentials-uri` });
  const chain = alibabaCredentialChain(env);
  await chain.get();
  expect(chain.sourcesTried!()).toEqual([
    { source: "environment access keys", outcome: "not configured", why: expect.stringContaining("none of ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY") },
    { source: "named aliyun CLI profile", outcome: "not configured", why: "none of ALICLOUD_PROFILE, ALIBABA_CLOUD_PROFILE is set" },
    { source: "credentials URI", outcome: "used", why: "" },
  ]);
  const nothing = alibabaCredentialChain(bareEnv(cloud, { CDKTF_ENCRYPTION_ALIBABA_METADATA_URL: "http://127.0.0.1:9" }));
  await expect(nothing.get()).rejects.toThrow("no Alibaba Cloud credentials found");
  expect(nothing.sourcesTried!().at(-1)).toEqual({ source: "instance metadata (role discovered)", outcome: "absent", why: "http://127.0.0.1:9 is unreachable (ECONNREFUSED)" });
});

test("the assumed role's session lasts ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION seconds, as the provider reads it; a duration that is not a number stops the run", async () => {
  cloud.emulator.reset();
  const keys = { ALICLOUD_ACCESS_KEY: ALI.accessKeyId, ALICLOUD_SECRET_KEY: ALI.accessKeySecret, ALIBABA_CLOUD_ROLE_ARN: ID.encryptionAdmin };
  const started = cloud.emulator.clock.now();
  const chain = alibabaCredentialChain(bareEnv(cloud, { ...keys, ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION: "900" }));
  const credentials = await chain.get();
  const issued = (cloud.emulator.service("sts") as AlibabaStsService).identities.temporary(credentials.accessKeyId)!;
  expect(issued.principal).toBe(`role ${ID.encryptionAdmin}`);
  expect(Math.round((issued.expiresAt - started) / 1000)).toBeLessThanOrEqual(901);
  expect(Math.round((issued.expiresAt - started) / 1000)).toBeGreaterThanOrEqual(899);
  await expect(alibabaCredentialChain(bareEnv(cloud, { ...keys, ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION: "an hour" })).get()).rejects.toThrow(
    'Alibaba Cloud credentials (ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION): "an hour" is not a whole number of seconds',
  );
});
