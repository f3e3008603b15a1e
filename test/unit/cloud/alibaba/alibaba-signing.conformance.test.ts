import OpenApiUtil from "@alicloud/openapi-core/dist/utils";
import fc from "fast-check";
import { ACS3_ALGORITHM, acs3Signature, rfc3986Encode, sha256Hex } from "../../../../lib/cloud/alibaba/acs3-hmac-sha256";
import { AlibabaSigner } from "../../../../lib/cloud/alibaba/alibaba-signer";
import { AlibabaGateway } from "../../../../lib/emulator/alibaba-gateway";

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** The official SDK's signer (`@alicloud/openapi-core`): the oracle. */
function officialAuthorization(request: { method: string; pathname: string; query: Record<string, string>; headers: Record<string, string> }, payloadHash: string, ak: string, secret: string): string {
  return OpenApiUtil.getAuthorization(request as never, ACS3_ALGORITHM, payloadHash, ak, secret);
}

describe("ACS3-HMAC-SHA256 published vectors", () => {
  test("Alibaba's V3 example (ECS RunInstances)", () => {
    const headers = {
      host: "ecs.cn-shanghai.aliyuncs.com",
      "x-acs-action": "RunInstances",
      "x-acs-content-sha256": EMPTY_SHA256,
      "x-acs-date": "2023-10-26T10:22:32Z",
      "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
      "x-acs-version": "2014-05-26",
    };
    const query = { ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", RegionId: "cn-shanghai" };
    const expected = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";
    expect(acs3Signature({ method: "POST", path: "/", query, headers, payloadHash: EMPTY_SHA256 }, "YourAccessKeySecret")).toBe(expected);
    expect(officialAuthorization({ method: "POST", pathname: "/", query, headers }, EMPTY_SHA256, "YourAccessKeyId", "YourAccessKeySecret")).toContain(`Signature=${expected}`);
  });

  test("the ACK UpdateKMSEncryption vector, through our signer", () => {
    const body = '{"disable_encryption":false,"kms_key_id":"key-abc123"}';
    const signer = new AlibabaSigner({ accessKeyId: "testid", accessKeySecret: "testsecret" }, () => "nonce-0001");
    const added = signer.sign(
      {
        method: "PUT",
        url: new URL("https://cs.cn-hangzhou.aliyuncs.com/clusters/c0123456789abcdef/kms"),
        headers: { "x-acs-action": "UpdateKMSEncryption", "x-acs-version": "2015-12-15", "content-type": "application/json; charset=utf-8", accept: "application/json" },
        body,
      },
      new Date("2024-01-01T00:00:00Z"),
    );
    expect(added["x-acs-date"]).toBe("2024-01-01T00:00:00Z");
    expect(added["x-acs-content-sha256"]).toBe(sha256Hex(body));
    expect(added.Authorization).toBe(
      "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=cd13e2429437a4ebce0ff0a13ef2209406f56e8fab7c3b862be13196641637e3",
    );
  });
});

const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/);
const queryKey = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,10}$/);
const queryValue = fc.string({ maxLength: 16 });
const headerValue = fc.string({ maxLength: 20 }).map((v) => v.replace(/[\r\n\t\f]/g, " "));

const requestArb = fc.record({
  method: fc.constantFrom("GET", "PUT", "POST", "DELETE"),
  segments: fc.array(segment, { minLength: 1, maxLength: 4 }),
  query: fc.dictionary(queryKey, queryValue, { maxKeys: 4 }),
  extraHeaders: fc.dictionary(fc.stringMatching(/^x-acs-[a-z]{1,8}$/), headerValue, { maxKeys: 3 }),
  body: fc.option(fc.json({ maxDepth: 2 }), { nil: undefined }),
  ak: fc.stringMatching(/^[A-Za-z0-9]{8,24}$/),
  secret: fc.stringMatching(/^[A-Za-z0-9]{8,32}$/),
  token: fc.option(fc.stringMatching(/^[A-Za-z0-9+/=]{20,60}$/), { nil: undefined }),
  epochSeconds: fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }),
  nonce: fc.stringMatching(/^[0-9a-f]{32}$/),
});

describe("agreement with OpenApiUtil.getAuthorization on generated requests", () => {
  test("our signer's Authorization equals the official one, with and without STS", () => {
    fc.assert(
      fc.property(requestArb, (r) => {
        const url = new URL(`https://cs.cn-hangzhou.aliyuncs.com/${r.segments.join("/")}`);
        for (const [k, v] of Object.entries(r.query)) url.searchParams.append(k, v);
        const body = r.body ?? "";
        const base: Record<string, string> = { "x-acs-action": "Op", "x-acs-version": "2015-12-15", accept: "application/json", ...r.extraHeaders };
        if (body) base["content-type"] = "application/json; charset=utf-8";
        const signer = new AlibabaSigner({ accessKeyId: r.ak, accessKeySecret: r.secret, securityToken: r.token }, () => r.nonce);
        const added = signer.sign({ method: r.method as "GET", url, headers: base, body }, new Date(r.epochSeconds * 1000));
        if (r.token) {
          expect(added["x-acs-security-token"]).toBe(r.token);
          expect(added["x-acs-accesskey-id"]).toBe(r.ak);
        }
        const { Authorization, ...sent } = added;
        const official = officialAuthorization(
          { method: r.method, pathname: url.pathname, query: r.query, headers: { host: url.host, ...base, ...sent } },
          sha256Hex(body),
          r.ak,
          r.secret,
        );
        expect(Authorization).toBe(official);
      }),
      { numRuns: 300 },
    );
  });

  test("paths with characters that need encoding agree when given encoded, as the SDK sends them", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }), (raw) => {
        const pathname = `/${raw.map(rfc3986Encode).join("/")}`;
        const headers = { host: "cs.cn-hangzhou.aliyuncs.com", "x-acs-date": "2024-01-01T00:00:00Z", "x-acs-content-sha256": EMPTY_SHA256 };
        const ours = acs3Signature({ method: "GET", path: pathname, query: {}, headers, payloadHash: EMPTY_SHA256 }, "secret");
        expect(officialAuthorization({ method: "GET", pathname, query: {}, headers }, EMPTY_SHA256, "ak", "secret")).toContain(`Signature=${ours}`);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the emulator's gateway accepts what the signer signs and nothing else", () => {
  const account = { accessKeyId: "LTAI5tTestAccount01", accessKeySecret: "test-secret-0000000001" };
  const sts = { accessKeyId: "STS.TestAccount0001", accessKeySecret: "sts-secret-0000000001", securityToken: "sts-token-0001" };

  function signed(credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string }, body = '{"kms_key_id":"key-abc12345"}') {
    const url = new URL("http://127.0.0.1:4599/clusters/c0123456789abcdef0123456789abcdef/kms");
    const headers: Record<string, string> = { "x-acs-action": "UpdateKMSEncryption", "x-acs-version": "2015-12-15", "content-type": "application/json; charset=utf-8" };
    const added = new AlibabaSigner(credentials).sign({ method: "PUT", url, headers, body }, new Date());
    const all: Record<string, string> = { host: url.host };
    for (const [k, v] of Object.entries({ ...headers, ...added })) all[k.toLowerCase()] = v;
    return { method: "PUT", path: url.pathname, query: url.searchParams, headers: all, body: Buffer.from(body) };
  }

  test.each([
    ["AccessKey", account],
    ["STS", sts],
  ])("a request signed with %s credentials passes", (_name, credentials) => {
    const gateway = new AlibabaGateway([account, sts]);
    expect(gateway.verify(signed(credentials)).caller?.accessKey).toBe(credentials.accessKeyId);
  });

  test.each([
    ["wrong secret", (r: ReturnType<typeof signed>) => r, { ...account, accessKeySecret: "not-the-secret" }, "SignatureDoesNotMatch"],
    ["altered body", (r: ReturnType<typeof signed>) => ({ ...r, body: Buffer.from('{"kms_key_id":"key-evil12345"}') }), account, "SignatureDoesNotMatch"],
    ["altered body with its hash", (r: ReturnType<typeof signed>) => {
      const body = Buffer.from('{"kms_key_id":"key-evil12345"}');
      return { ...r, body, headers: { ...r.headers, "x-acs-content-sha256": sha256Hex(body) } };
    }, account, "SignatureDoesNotMatch"],
    ["altered action", (r: ReturnType<typeof signed>) => ({ ...r, headers: { ...r.headers, "x-acs-action": "DeleteCluster" } }), account, "SignatureDoesNotMatch"],
    ["unknown key", (r: ReturnType<typeof signed>) => r, { accessKeyId: "LTAI5tUnknown", accessKeySecret: "x" }, "InvalidAccessKeyId.NotFound"],
    ["STS token missing", (r: ReturnType<typeof signed>) => {
      const { "x-acs-security-token": _t, ...headers } = r.headers;
      return { ...r, headers };
    }, sts, "IncompleteSignature"],
    ["no Authorization", (r: ReturnType<typeof signed>) => {
      const { authorization: _a, ...headers } = r.headers;
      return { ...r, headers };
    }, account, "MissingAuthorization"],
  ])("%s is refused", (_name, tamper, credentials, code) => {
    const gateway = new AlibabaGateway([account, sts]);
    expect(gateway.verify(tamper(signed(credentials))).code).toBe(code);
  });

  test("a nonce is accepted once", () => {
    const gateway = new AlibabaGateway([account]);
    const request = signed(account);
    const first = gateway.verify(request);
    expect(first.code).toBeUndefined();
    expect(first.caller?.accessKey).toBe(account.accessKeyId);
    expect(gateway.verify(request).code).toBe("SignatureNonceUsed");
  });

  test("a signature older than 15 minutes is refused", () => {
    const gateway = new AlibabaGateway([account]);
    const url = new URL("http://127.0.0.1:4599/clusters/c0123456789abcdef0123456789abcdef");
    const headers = { "x-acs-action": "DescribeClusterDetail", "x-acs-version": "2015-12-15" };
    const added = new AlibabaSigner(account).sign({ method: "GET", url, headers, body: "" }, new Date(Date.now() - 16 * 60_000));
    const all: Record<string, string> = { host: url.host, ...headers };
    for (const [k, v] of Object.entries(added)) all[k.toLowerCase()] = v;
    expect(gateway.verify({ method: "GET", path: url.pathname, query: url.searchParams, headers: all, body: Buffer.alloc(0) }).code).toBe("InvalidTimeStamp.Expired");
  });
});
