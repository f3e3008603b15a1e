import { nonEmptyText, requiredObject } from "../../../lib/cloud/answer-fields";
import { CloudError } from "../../../lib/cloud/cloud-error";

const site = { service: "KMS", operation: "DescribeKey", resource: "key k-1" };

test("nonEmptyText keeps a non-empty string and reads anything else as absent", () => {
  expect(nonEmptyText("Enabled")).toBe("Enabled");
  expect([nonEmptyText(""), nonEmptyText(undefined), nonEmptyText(null), nonEmptyText(2), nonEmptyText({})]).toEqual([undefined, undefined, undefined, undefined, undefined]);
});

test("requiredObject answers the object the field holds", () => {
  expect(requiredObject({ key_info: { key_id: "k-1" } }, "key_info", site)).toEqual({ key_id: "k-1" });
});

test.each([[{}], [{ key_info: null }], [{ key_info: "k-1" }]])("requiredObject refuses %j as an unexpected answer naming the field and the service", (body) => {
  let thrown: unknown;
  try {
    requiredObject(body, "key_info", site, "Huawei KMS");
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(CloudError);
  expect(thrown).toMatchObject({ code: "UnexpectedResponse", retryable: false, operation: "DescribeKey", resource: "key k-1" });
  expect((thrown as CloudError).message).toContain("key_info is missing");
  expect((thrown as CloudError).hint).toContain("Huawei KMS");
});
