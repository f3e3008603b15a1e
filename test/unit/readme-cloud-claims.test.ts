// The README's claims about cloud behaviour follow the reference (cloud-apis.md §3): the ACK
// prerequisites that can take a cluster down are stated, and claims no official source backs
// are gone. docs/cloud-fidelity.md lists what is unverified.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
const fidelity = readFileSync(join(__dirname, "../../docs/cloud-fidelity.md"), "utf8");

test.each([
  ["control-plane egress to 100.64.0.0/10, which can make the control plane unavailable", /egress to `100\.64\.0\.0\/10`, \*\*or the control plane may become unavailable\*\*/],
  ["the AliyunCSManagedSecurityRole authorisation", /`AliyunCSManagedSecurityRole`/],
  ["the read permission cs:DescribeClusterDetail", /`cs:DescribeClusterDetail`/],
  ["KMS permissions for RAM users who manage keys", /`AliyunKMSCryptoAdminAccess`/],
  ["that the real ACK update lasts minutes, beside the emulator's figure", /on the emulator's defaults\*\* \(update: 2 s still `running`, 4 s `updating`; the real update lasts minutes\)/],
  ["the 60 s watch after a lost ACK answer", /watches the cluster for the update for 60 s \(the alicloud provider's own wait/],
  ["that a DWS master-key move is attempted and verified", /The hook \*\*attempts\*\* it with rotate-key `master_key_id`[\s\S]*\*\*verifies\*\* with encrypt-info/],
])("the README states %s", (_what, pattern) => {
  expect(readme).toMatch(pattern);
});

test.each([
  ["that ACK's refusal names which key rule failed", /ACK's refusal says which rule failed/],
  ["what the API server does when the key is disabled", /the API server stops serving Secrets/],
  ["a `…ING` rule for busy DWS clusters", /a `…ING` task/],
])("the README no longer claims %s", (_what, pattern) => {
  expect(readme).not.toMatch(pattern);
});

test("the unverified behaviours are listed in docs/cloud-fidelity.md, linked from the README", () => {
  expect(readme).toContain("(docs/cloud-fidelity.md)");
  expect(fidelity).toContain("lib/emulator/unverified-error-codes.ts");
  expect(fidelity).toMatch(/rotate_key_with_other_master_key/);
});
