import { ContextKeys } from "./context-keys";

/** Which Terraform resource carries the hook's provisioners. */
export enum HookEngine {
  /** `null_resource` from the hashicorp/null provider (`@cdktf/provider-null`). The default. */
  NULL_RESOURCE = "null_resource",
  /** Terraform's built-in `terraform_data` (Terraform ≥ 1.4): needs no provider download. */
  TERRAFORM_DATA = "terraform_data",
}

/** cdktf context key choosing the engine for a whole app (public as `ContextKeys.HOOK_ENGINE`). */
export const HOOK_ENGINE_CONTEXT_KEY = ContextKeys.HOOK_ENGINE;
