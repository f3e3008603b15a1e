/**
 * The desired state of one resource as a flat map of readable strings: exactly what the
 * hook resource's triggers hold and what a reviewer sees in `terraform plan`.
 */
export type SpecMap = Record<string, string>;
