/** The kinds of finding an audit reports, with the words reports use for them. */
export const FINDING_KINDS = {
  "not-declared": { level: "warning", title: "Not declared in any stack", help: "The account holds this resource but no synthesized stack given to the audit declares its encryption: nobody reconciles it. Declare it (EncryptedCluster, BackupEncryption) or record why not." },
  "not-encrypted": { level: "error", title: "Not encrypted", help: "The resource's data (DWS cluster, ACK Secrets) or backups (TaurusDB) are not encrypted with a KMS key." },
  drifted: { level: "error", title: "Differs from its declaration", help: "The live encryption differs from what a stack declares: the next deploy changes it, or someone changed it outside Terraform." },
  "rotation-overdue": { level: "warning", title: "Key rotation overdue", help: "The DWS cluster's key was last rotated longer ago than its KeyRotationPolicy (or --max-key-age) allows." },
  "policy-violation": { level: "error", title: "Violates the encryption policy", help: "A rule of the EncryptionPolicy that held the stack at synth found a violation (set to warn, so the synth went on)." },
  "declared-twice": { level: "error", title: "Declared more than once", help: "Two stacks (or apps) declare the same cloud resource: each deploy would change it back and forth. Keep one declaration." },
  "declared-not-found": { level: "error", title: "Declared but not found", help: "A stack declares a resource the account does not hold in that region and project: a wrong id, region or project." },
} as const;

export type FindingKind = keyof typeof FINDING_KINDS;

export interface Finding {
  readonly kind: FindingKind;
  /** The finding in words, for this resource. */
  readonly message: string;
}
