// Alibaba KMS DescribeKey is an RPC API: POST / with KeyId in the query and no body. The
// official client (@alicloud/kms20160120 through @alicloud/openapi-core's doRequest) signs it
// with ACS3-HMAC-SHA256, query included: our signer must agree with the official signer.
import OpenApiUtil from "@alicloud/openapi-core/dist/utils";
import { ACS3_ALGORITHM, sha256Hex } from "../../../../lib/cloud/alibaba/acs3-hmac-sha256";
import { AlibabaSigner } from "../../../../lib/cloud/alibaba/alibaba-signer";

test("DescribeKey as the hook sends it is signed as the official SDK signs it", () => {
  const url = new URL("https://kms.cn-hangzhou.aliyuncs.com/");
  url.searchParams.append("KeyId", "key-hzz6payments0secrets01");
  const headers = { "x-acs-action": "DescribeKey", "x-acs-version": "2016-01-20", accept: "application/json" };
  const signer = new AlibabaSigner({ accessKeyId: "testid", accessKeySecret: "testsecret" }, () => "nonce-0002");
  const added = signer.sign({ method: "POST", url, headers, body: "" }, new Date("2024-01-01T00:00:00Z"));
  expect(added["x-acs-content-sha256"]).toBe(sha256Hex(""));
  const official = OpenApiUtil.getAuthorization(
    {
      method: "POST",
      pathname: "/",
      query: { KeyId: "key-hzz6payments0secrets01" },
      headers: { ...headers, host: url.host, "x-acs-date": added["x-acs-date"], "x-acs-signature-nonce": "nonce-0002", "x-acs-content-sha256": added["x-acs-content-sha256"] },
    } as never,
    ACS3_ALGORITHM,
    added["x-acs-content-sha256"],
    "testid",
    "testsecret",
  );
  expect(added.Authorization).toBe(official);
});
