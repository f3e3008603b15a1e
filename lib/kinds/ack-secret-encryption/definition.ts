import { KindDefinition, defineKind } from "../kind-definition";
import { AckSecretEncryptionReconciler, assumeAckObserved, describeEncryption, observedFrom } from "./reconciler";
import { ACK_SERVICE } from "./service";
import { ACK_SECRET_ENCRYPTION, parseAckSecretEncryption } from "./spec";

export const ACK_SECRET_ENCRYPTION_KIND: KindDefinition = defineKind({
  kind: ACK_SECRET_ENCRYPTION,
  title: "ACK Secret encryption at rest",
  parse: parseAckSecretEncryption,
  reconciler: (ctx) => new AckSecretEncryptionReconciler(ctx),
  summarize: (spec) =>
    spec.encryption === "on"
      ? `${describeEncryption({ enabled: true, kmsKeyId: spec.kmsKeyId })}, removal policy ${spec.removalPolicy.toUpperCase()}`
      : describeEncryption({ enabled: false }),
  assumeObserved: (spec) => assumeAckObserved(spec.encryption === "on" ? spec.kmsKeyId : undefined),
  assumeUnmanaged: (spec) => assumeAckObserved(spec.encryption === "on" ? undefined : "(unknown key)"),
  // ACK cluster ids are unique across Alibaba Cloud, and the region may be left to the
  // environment, so the cluster id alone names the cluster.
  resource: { service: ACK_SERVICE, keyFields: ["cluster_id"] },
  // The DescribeClustersV1 item carries the cluster fields DescribeClusterDetail gives
  // (cloud-apis.md §3), parsed by the same client.
  observedFromInventory: (read) => (read.cluster.encryption.unreadable ? undefined : observedFrom(read.cluster)),
});
