import { IAspect } from "../core";
import { IConstruct } from "constructs";
import { RECONCILE_TRIGGER } from "../contract/reconcile-trigger";
import { EncryptionHook } from "./encryption-hook";
import { HookEngine } from "./hook-engine";

/**
 * Makes every encryption hook in scope run on every deploy, so drift made behind Terraform's
 * back (a console click, another tool) is corrected by the next `cdktf deploy` without a
 * `-replace`. It adds the trigger `reconcile_on_every_deploy = timestamp()` beside the Spec:
 * the plan then shows each hook resource replaced on every deploy, and each hook makes one
 * read when nothing has drifted. The Spec itself (what the hook applies, what review reads)
 * is unchanged.
 *
 * @exampleMetadata fixture=api
 * @example
 * Aspects.of(stack).add(new ReconcileOnEveryDeploy());
 */
export class ReconcileOnEveryDeploy implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof EncryptionHook)) return;
    // Beside the Spec, in the attribute that holds it (and whose change replaces the resource).
    const attribute = node.engine === HookEngine.TERRAFORM_DATA ? "triggers_replace" : "triggers";
    node.resource.addOverride(`${attribute}.${RECONCILE_TRIGGER}`, "${timestamp()}");
  }
}
