import { ITerraformDependable, LocalExecProvisioner, TerraformResourceLifecycle } from "../core";

/** What a hook's `null_resource` is made of, whichever implementation renders it. */
export interface NullHookResourceConfig {
  readonly triggers: Record<string, string>;
  readonly dependsOn?: ITerraformDependable[];
  readonly lifecycle?: TerraformResourceLifecycle;
  readonly provisioners?: LocalExecProvisioner[];
}
