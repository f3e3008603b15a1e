/**
 * The trigger `ReconcileOnEveryDeploy` adds beside the Spec: `${timestamp()}`, a value that
 * changes on every plan, so Terraform replaces the hook resource and the hook runs (and
 * corrects drift) on every deploy. It is not part of the Spec: review and drift leave it out.
 */
export const RECONCILE_TRIGGER = "reconcile_on_every_deploy";
