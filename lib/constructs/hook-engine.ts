/** Which Terraform resource carries the hook's provisioners. */
export enum HookEngine {
  /** `null_resource` from the hashicorp/null provider (`@cdktf/provider-null`). The default. */
  NULL_RESOURCE = "null_resource",
  /** Terraform's built-in `terraform_data` (Terraform ≥ 1.4): needs no provider download. */
  TERRAFORM_DATA = "terraform_data",
}

/** cdktf context key choosing the engine for a whole app: `"cdktf-encryption:hookEngine": "terraform_data"`. */
export const HOOK_ENGINE_CONTEXT_KEY = "cdktf-encryption:hookEngine";
