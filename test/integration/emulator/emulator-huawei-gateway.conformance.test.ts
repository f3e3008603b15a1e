import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials";
import { request } from "undici";
import { sdkDate } from "../../../lib/cloud/huawei/sdk-hmac-sha256";
import { EMULATOR_CREDENTIALS } from "../../../lib/emulator/fixture";
import { RunningEmulator, startEmulator } from "../../support/emulator-harness";

const hw = EMULATOR_CREDENTIALS.huawei;
const INSTANCE = "7033e7c3cf93438797d44ad7ae0a7d95in07";
const PATH = `/v3/${hw.projectId}/instances/${INSTANCE}/backups/encryption`;

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset());

/** Headers as the official SDK signer makes them for a request to the emulator. */
function officialHeaders(method: string, path: string, body: unknown, date = new Date()): Record<string, string> {
  const signed = AKSKSigner.sign(
    {
      endpoint: `${cloud.url}${path}`,
      method,
      headers: { "content-type": "application/json", "X-Project-Id": hw.projectId, "X-Sdk-Date": sdkDate(date) },
      queryParams: {},
      data: body,
    } as never,
    new BasicCredentials().withAk(hw.accessKey).withSk(hw.secretKey),
  ) as Record<string, string>;
  return signed;
}

async function send(method: "GET" | "POST", path: string, headers: Record<string, string>, body?: string) {
  const { host: _host, ...rest } = headers;
  const response = await request(`${cloud.url}${path}`, { method, headers: rest, body });
  return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
}

const ON = { encryption_status: "on", type: "kms", kms_key_id: "b82fa43f-f6e8-4ec4-9c31-231bc547c526" };

test("accepts a GET and a POST signed by the official SDK signer", async () => {
  const read = await send("GET", PATH, officialHeaders("GET", PATH, undefined));
  expect(read).toEqual({ status: 200, body: { encryption_status: "off" } });
  const write = await send("POST", PATH, officialHeaders("POST", PATH, ON), JSON.stringify(ON));
  expect(write).toEqual({ status: 200, body: { encryption_status: "on" } });
});

test.each([
  ["a changed body", () => ({ path: PATH, headers: officialHeaders("POST", PATH, ON), body: JSON.stringify({ ...ON, kms_key_id: "0f3196c8-5c23-469f-84da-92ecd2499dce" }) })],
  ["a changed path", () => ({ path: PATH.replace(INSTANCE, "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07"), headers: officialHeaders("POST", PATH, ON), body: JSON.stringify(ON) })],
  ["a changed signed header", () => ({ path: PATH, headers: { ...officialHeaders("POST", PATH, ON), "X-Project-Id": "ffffffffffffffffffffffffffffffff" }, body: JSON.stringify(ON) })],
  ["a stale date", () => ({ path: PATH, headers: officialHeaders("POST", PATH, ON, new Date(Date.now() - 20 * 60 * 1000)), body: JSON.stringify(ON) })],
  ["a wrong secret", () => {
    const headers = AKSKSigner.sign(
      { endpoint: `${cloud.url}${PATH}`, method: "POST", headers: { "content-type": "application/json", "X-Sdk-Date": sdkDate(new Date()) }, queryParams: {}, data: ON } as never,
      new BasicCredentials().withAk(hw.accessKey).withSk("not-the-secret"),
    ) as Record<string, string>;
    return { path: PATH, headers, body: JSON.stringify(ON) };
  }],
])("rejects %s with APIGW.0301 and changes nothing", async (_name, make) => {
  const { path, headers, body } = make();
  const result = await send("POST", path, headers, body);
  expect(result.status).toBe(401);
  expect(result.body.error_code).toBe("APIGW.0301");
  expect(cloud.performed()).toHaveLength(0);
});

test("accepts the IAM token it issues and refuses another", async () => {
  const ok = await send("GET", PATH, { "X-Auth-Token": hw.authToken });
  expect(ok.status).toBe(200);
  const refused = await send("GET", PATH, { "X-Auth-Token": "some-other-token" });
  expect(refused).toEqual({ status: 401, body: expect.objectContaining({ error_code: "APIGW.0301" }) });
});
