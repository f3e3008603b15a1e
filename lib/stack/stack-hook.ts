import { FoundSpec } from "./hook-spec";

/** One hook resource declared in a synthesized stack. */
export interface StackHook {
  /** Terraform address in the stack, e.g. `terraform_data.orders-backups_encryption_hook_B23149E0`. */
  readonly address: string;
  readonly found: FoundSpec;
  /** The resource's `//` comment: cdktf's metadata (construct path) and the policy's verdicts. */
  readonly comment: Record<string, unknown>;
}
