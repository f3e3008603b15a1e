import { Duration } from "../contract/duration";
import { IPolicyRule } from "./policy-rule";
import { Rules } from "./rules";

/** Named sets of rules, for `EncryptionPolicy.pack(name)`. */
export const PACKS: Readonly<Record<string, { readonly description: string; rules(): IPolicyRule[] }>> = {
  baseline: {
    description: "Encryption stays on and keys rotate at least yearly (the KMS maximum)",
    rules: () => [Rules.NO_DISABLE, Rules.RETAIN_ON_DESTROY, Rules.rotationAtMost(Duration.days(365))],
  },
  "mlps-level-3": {
    description: "MLPS 2.0 level 3 (GB/T 22239-2019 §8.1.4.8) with SM-series algorithms (GB/T 39786-2021): baseline plus SM4",
    rules: () => [Rules.NO_DISABLE, Rules.RETAIN_ON_DESTROY, Rules.rotationAtMost(Duration.days(365)), Rules.SM4_REQUIRED],
  },
};

export function packRules(name: string): IPolicyRule[] {
  const pack = Object.prototype.hasOwnProperty.call(PACKS, name) ? PACKS[name] : undefined;
  if (!pack) {
    throw new Error(`EncryptionPolicy.pack(name): name ${JSON.stringify(name)} is invalid: expected one of ${Object.keys(PACKS).map((n) => JSON.stringify(n)).join(", ")}`);
  }
  return pack.rules();
}
