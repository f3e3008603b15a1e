import { isAuthenticationRefusal } from "../../../lib/cloud/authentication-refusal";
import { CloudError } from "../../../lib/cloud/cloud-error";

const refusal = (status: number, code: string) =>
  isAuthenticationRefusal(new CloudError({ service: "DWS", operation: "ListClusters", status, code, message: "m", retryable: false }));

test("who signed is refused: HTTP 401, Huawei's APIGW.03xx authentication codes, Alibaba's signature and key codes", () => {
  expect(refusal(401, "Unknown")).toBe(true);
  expect(refusal(401, "APIGW.0301")).toBe(true);
  expect(refusal(400, "APIGW.0303")).toBe(true);
  expect(refusal(400, "SignatureDoesNotMatch")).toBe(true);
  expect(refusal(404, "InvalidAccessKeyId.NotFound")).toBe(true);
});

test("throttling is not a refusal of the credentials: APIGW.0308 and Alibaba's Throttling were signed well", () => {
  expect(refusal(429, "APIGW.0308")).toBe(false);
  expect(refusal(429, "APIG.0308")).toBe(false);
  expect(refusal(400, "Throttling.User")).toBe(false);
  expect(refusal(403, "Forbidden.RAM")).toBe(false);
});
