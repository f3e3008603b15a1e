import { TerraformStack, Testing } from "cdktf";
import { BackupEncryption, ContextKeys, RemovalPolicy } from "../../../lib";

const INSTANCE = { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" };
const KEY = "b82fa43f-f6e8-4ec4-9c31-231bc547c526";

test("a terraform_data stack is valid Terraform (terraform init + validate, offline)", () => {
  const app = Testing.app({ context: { [ContextKeys.HOOK_ENGINE]: "terraform_data" } });
  const stack = new TerraformStack(app, "valid");
  new BackupEncryption(stack, "orders-backups", { instance: INSTANCE, kmsKeyId: KEY, removalPolicy: RemovalPolicy.DISABLE });
  expect(Testing.fullSynth(stack)).toBeValidTerraform();
});
