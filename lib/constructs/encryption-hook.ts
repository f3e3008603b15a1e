import { Aspects, CORE_PACKAGE, DataResource, ITerraformDependable, TerraformResource } from "../core";
import { Construct } from "constructs";
import { enforceEncryptionPolicies } from "../policy/policy-check";
import { DeclaredIdentity } from "../contract/declared-identity";
import { SPEC_VERSION, SpecMap } from "../contract/spec";
import { DeclaredSpec } from "../kinds";
import { hookAsset } from "./hook-asset";
import { HOOK_ENGINE_CONTEXT_KEY, HookEngine } from "./hook-engine";
import { nullHookResource } from "./null-hook-resource";
import { specToMap } from "./spec-map";

export interface EncryptionHookProps {
  /** The desired state; becomes the resource's triggers, in this key order. */
  readonly spec: SpecMap;
  /** @default the app's `cdktf-encryption:hookEngine` context, else HookEngine.NULL_RESOURCE */
  readonly engine?: HookEngine;
  /** Hooks that must have run first. */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The one place a Spec becomes a Terraform resource: `triggers` (null_resource) or
 * `triggers_replace` (terraform_data) hold the Spec, and nothing else does; the create
 * provisioner runs `hook apply`, the destroy provisioner `hook destroy`, both reading the Spec
 * from `self` (the only thing a destroy provisioner may reference).
 *
 * `create_before_destroy` makes a changed declaration converge from the new Spec alone: on
 * replacement Terraform skips the old object's destroy provisioner, so the removal policy
 * acts only when the resource is really destroyed.
 */
export class EncryptionHook extends Construct {
  /**
   * The version of the Spec format written at synth and read by the hook. A hook refuses a
   * Spec from a newer version rather than guess what it means.
   */
  static readonly SPEC_VERSION: number = SPEC_VERSION;

  readonly resource: TerraformResource;
  readonly engine: HookEngine;
  private rendered: SpecMap;
  private declaration?: { readonly spec: DeclaredSpec; readonly identity: () => DeclaredIdentity | undefined };
  private typed?: DeclaredSpec;

  constructor(scope: Construct, id: string, props: EncryptionHookProps) {
    super(scope, id);
    this.engine = props.engine ?? engineFromContext(this);
    this.rendered = props.spec;
    const asset = hookAsset(this);
    // The Spec is rendered once, in the attribute whose change replaces the resource (so the hook
    // runs again), and the provisioners read it from there: a plan shows one line per field.
    const selfSpec = this.engine === HookEngine.TERRAFORM_DATA ? "${jsonencode(self.triggers_replace)}" : "${jsonencode(self.triggers)}";
    const provisioner = (action: "apply" | "destroy") => ({
      type: "local-exec" as const,
      interpreter: ["node", asset.path],
      command: action,
      environment: { CDKTF_ENCRYPTION_SPEC: selfSpec },
      ...(action === "destroy" ? { when: "destroy" as const } : {}),
    });
    const common = {
      dependsOn: props.dependsOn,
      lifecycle: { createBeforeDestroy: true },
      provisioners: [provisioner("apply"), provisioner("destroy")],
    };
    this.resource =
      this.engine === HookEngine.TERRAFORM_DATA
        ? new DataResource(this, "hook", { ...common, triggersReplace: props.spec })
        : nullHookResource(this, "hook", { ...common, triggers: props.spec });
    // The identity a scope declares is read again when the app is synthesized, so that
    // Identity.of(scope).assume() applies whether it was called before or after this hook.
    Aspects.of(this).add({
      visit: (node) => {
        if (node === this) this.render();
      },
    });
    enforceEncryptionPolicies(this);
  }

  /** The desired state the hook resource carries. */
  get spec(): SpecMap {
    this.render();
    return this.rendered;
  }

  /**
   * The typed Spec the hook's map is rendered from; undefined for a construct refused at synth.
   * @internal
   */
  get _declaredSpec(): DeclaredSpec | undefined {
    this.render();
    return this.typed;
  }

  /**
   * Renders the hook's Spec from `spec` and the identity `identity()` names each time the Spec
   * is read, up to the synth: the nearest scope's `Identity.of(scope).assume(…)`, whenever it was called.
   * @internal
   */
  _declare(spec: DeclaredSpec, identity: () => DeclaredIdentity | undefined): void {
    this.declaration = { spec, identity };
    this.render();
  }

  private render(): void {
    if (!this.declaration) return;
    const identity = this.declaration.identity();
    if (this.typed && this.typed.identity === identity) return;
    const typed = { ...this.declaration.spec, identity } as DeclaredSpec;
    const map = specToMap(typed);
    this.typed = typed;
    if (JSON.stringify(map) === JSON.stringify(this.rendered)) return;
    // A new map rather than a changed one: a Spec map, once made, never changes.
    this.rendered = map;
    if (this.resource instanceof DataResource) this.resource.triggersReplace = map;
    else (this.resource as TerraformResource & { triggers: SpecMap }).triggers = map;
  }
}

function engineFromContext(scope: Construct): HookEngine {
  const value = scope.node.tryGetContext(HOOK_ENGINE_CONTEXT_KEY);
  // CDK Terrain has no null provider bindings: there the built-in terraform_data is the default.
  if (value === undefined) return CORE_PACKAGE === "cdktn" ? HookEngine.TERRAFORM_DATA : HookEngine.NULL_RESOURCE;
  if (value === HookEngine.NULL_RESOURCE || value === HookEngine.TERRAFORM_DATA) return value;
  throw new Error(
    `context ${HOOK_ENGINE_CONTEXT_KEY} ${JSON.stringify(value)} is invalid: expected "${HookEngine.NULL_RESOURCE}" or "${HookEngine.TERRAFORM_DATA}"`,
  );
}
