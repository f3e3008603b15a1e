import CLIProfileCredentialsProvider from "@alicloud/credentials/dist/src/providers/cli_profile";
import ECSRAMRoleCredentialsProvider from "@alicloud/credentials/dist/src/providers/ecs_ram_role";
import { Request, doRequest } from "@alicloud/credentials/dist/src/providers/http";
import OIDCRoleArnCredentialsProvider from "@alicloud/credentials/dist/src/providers/oidc_role_arn";
import RAMRoleARNCredentialsProvider from "@alicloud/credentials/dist/src/providers/ram_role_arn";
import StaticAKCredentialsProvider from "@alicloud/credentials/dist/src/providers/static_ak";
import URICredentialsProvider from "@alicloud/credentials/dist/src/providers/uri";
import StsClient, { AssumeRoleWithOIDCRequest } from "@alicloud/sts20150401";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { rpcSignature } from "../../../../../lib/cloud/alibaba/rpc-hmac-sha1";
import { namedCliProfile } from "../../../../../lib/cloud/alibaba/credentials/cli-profile-source";
import { systemClock } from "../../../../../lib/runtime/clock";
import { ALI, ALIBABA_IDENTITIES as ID, cliConfig, freshHome, tokenFile } from "../../../../support/alibaba-identity-world";
import { RunningEmulator, startEmulator } from "../../../../support/emulator-harness";

// The official credentials package (@alicloud/credentials, a dev dependency only) is the oracle:
// its providers send their own requests (its STS signature, its IMDSv2 headers) to the emulator,
// and the signature our STS client computes for the same parameters must equal its own.

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset());

/** Sends an official provider's requests to the emulator (plain http on loopback), keeping what it sent. */
function throughEmulator<T extends object>(provider: T): { provider: T; sent: Request[] } {
  const sent: Request[] = [];
  const host = new URL(cloud.url).host;
  (provider as unknown as { doRequest: typeof doRequest }).doRequest = async (req: Request) => {
    sent.push(req);
    const r = req as unknown as { protocol: string; host: string; url?: string };
    if (!r.url) {
      r.protocol = "http";
      r.host = host;
    }
    return doRequest(req);
  };
  return { provider, sent };
}

test("AssumeRole as @alicloud/credentials signs it (RPC HMAC-SHA1) is accepted by the emulated STS, and our signature equals its signature", async () => {
  const base = StaticAKCredentialsProvider.builder().withAccessKeyId(ALI.accessKeyId).withAccessKeySecret(ALI.accessKeySecret).build();
  const { provider, sent } = throughEmulator(RAMRoleARNCredentialsProvider.builder().withCredentialsProvider(base).withRoleArn(ID.encryptionAdmin).withRoleSessionName("oracle").build());
  const credentials = await provider.getCredentials();
  expect(credentials.accessKeyId).toMatch(/^STS\./);
  expect(cloud.calls({ service: "sts" }).map((c) => `${c.operation} ${c.accessKey} ${c.status}`)).toEqual([`AssumeRole ${ALI.accessKeyId} 200`]);

  const { queries, bodyForm } = sent[0] as unknown as { queries: Record<string, string>; bodyForm: Record<string, string> };
  const { Signature: official, ...signed } = queries;
  expect(rpcSignature("POST", { ...signed, ...bodyForm }, ALI.accessKeySecret)).toBe(official);
  expect(rpcSignature("POST", { ...signed, ...bodyForm }, `${ALI.accessKeySecret}x`)).not.toBe(official);
});

test("AssumeRoleWithOIDC as the official provider sends it is accepted; a token the provider does not vouch for is refused", async () => {
  const build = (file: string) =>
    throughEmulator(OIDCRoleArnCredentialsProvider.builder().withRoleArn(ID.ciRunner).withOIDCProviderArn(ID.oidcProvider).withOIDCTokenFilePath(file).withRoleSessionName("oracle").build()).provider;
  expect((await build(tokenFile()).getCredentials()).accessKeyId).toMatch(/^STS\./);
  await expect(build(tokenFile("someone-elses-token")).getCredentials()).rejects.toThrow(/AuthenticationFail\.OIDCToken\.Invalid/);
});

test("the official ECS RAM role provider reads the emulated IMDS (v2 token, role discovered)", async () => {
  const { provider, sent } = throughEmulator(ECSRAMRoleCredentialsProvider.builder().build());
  const credentials = await provider.getCredentials();
  expect(credentials.accessKeyId).toMatch(/^STS\./);
  expect(sent.map((r) => `${r.method} ${(r as unknown as { path: string }).path}`)).toEqual([
    "PUT /latest/api/token",
    "GET /latest/meta-data/ram/security-credentials/",
    "PUT /latest/api/token",
    `GET /latest/meta-data/ram/security-credentials/${ID.instanceRole}`,
  ]);
});

test("the official credentials URI provider reads the emulated credentials URI", async () => {
  const { provider } = throughEmulator(URICredentialsProvider.builder().withCredentialsURI(`${cloud.url}/credentials-uri`).build());
  expect((await provider.getCredentials()).accessKeyId).toMatch(/^STS\./);
});

test.each([
  ["AK", { name: "p", mode: "AK", access_key_id: ALI.accessKeyId, access_key_secret: ALI.accessKeySecret }],
  ["StsToken", { name: "p", mode: "StsToken", access_key_id: ALI.stsAccessKeyId, access_key_secret: ALI.stsAccessKeySecret, sts_token: ALI.securityToken }],
])("the same aliyun CLI config.json, mode %s, gives the official provider and ours the same keys", async (_mode, profile) => {
  const home = freshHome({ ".aliyun/config.json": cliConfig([profile]) });
  const official = CLIProfileCredentialsProvider.builder().build();
  (official as unknown as { homedir: string }).homedir = home;
  const theirs = await official.getCredentials();
  const ours = await namedCliProfile({ env: { HOME: home, ALICLOUD_PROFILE: "p" }, clock: systemClock })!.get();
  expect(ours).toEqual({ accessKeyId: theirs.accessKeyId, accessKeySecret: theirs.accessKeySecret, securityToken: theirs.securityToken });
});

test("the emulated STS accepts what the official @alicloud/sts20150401 model allows: AssumeRoleWithOIDC without a RoleSessionName, through the official client", async () => {
  const client = new StsClient(new $OpenApiUtil.Config({ endpoint: new URL(cloud.url).host, protocol: "http", regionId: "cn-hangzhou" }));
  const answer = await client.assumeRoleWithOIDC(new AssumeRoleWithOIDCRequest({ roleArn: ID.ciRunner, OIDCProviderArn: ID.oidcProvider, OIDCToken: ID.oidcToken }));
  expect(answer.body?.credentials?.accessKeyId).toMatch(/^STS\./);
  expect(cloud.calls({ service: "sts" }).map((c) => `${c.operation} ${c.status}`)).toEqual(["AssumeRoleWithOIDC 200"]);
});
