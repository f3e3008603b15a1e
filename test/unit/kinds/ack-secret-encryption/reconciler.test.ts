import { Duration } from "../../../../lib/contract/duration";
import { RemovalPolicy } from "../../../../lib/contract/removal-policy";
import { AckObserved, AckSecretEncryptionReconciler, assumeAckObserved } from "../../../../lib/kinds/ack-secret-encryption/reconciler";
import { ackSecretEncryptionToMap, AckSecretEncryptionSpec, parseAckSecretEncryption } from "../../../../lib/kinds/ack-secret-encryption/spec";
import { kindOf } from "../../../../lib/kinds/index";
import { systemClock } from "../../../../lib/runtime/clock";
import { MemoryLog } from "../../../../lib/runtime/log";
import { ACK_WORLD } from "../../../support/ack-world";

const { region: REGION, payments: PAYMENTS, key: KEY, key2: KEY2 } = ACK_WORLD;

function spec(fields: Partial<AckSecretEncryptionSpec> = {}): AckSecretEncryptionSpec {
  return parseAckSecretEncryption(
    ackSecretEncryptionToMap({ region: REGION, clusterId: PAYMENTS, encryption: "on", kmsKeyId: KEY, removalPolicy: RemovalPolicy.RETAIN, timeout: Duration.minutes(30), ...fields }),
  );
}

describe("plan", () => {
  // plan is pure: it never reads the clock.
  const reconciler = new AckSecretEncryptionReconciler({ clock: systemClock, log: new MemoryLog(), env: {} });
  const on = (kmsKeyId: string) => assumeAckObserved(kmsKeyId);
  const off: AckObserved = assumeAckObserved(undefined);
  test.each([
    ["on, observed off", spec(), off, "apply", ["enable-secret-encryption"]],
    ["on, observed on with the key", spec(), on(KEY), "apply", []],
    ["on, observed on with another key", spec(), on(KEY2), "apply", ["change-secret-encryption-key"]],
    ["off, observed on", spec({ encryption: "off", kmsKeyId: undefined }), on(KEY), "apply", ["disable-secret-encryption"]],
    ["off, observed off", spec({ encryption: "off", kmsKeyId: undefined }), off, "apply", []],
    ["destroy RETAIN", spec(), on(KEY), "destroy", []],
    ["destroy DISABLE", spec({ removalPolicy: RemovalPolicy.DISABLE }), on(KEY), "destroy", ["disable-secret-encryption"]],
    ["destroy DISABLE, already off", spec({ removalPolicy: RemovalPolicy.DISABLE }), off, "destroy", []],
  ] as const)("%s", (_name, s, observed, mode, expected) => {
    expect(reconciler.plan(s, observed, mode).actions.map((a) => a.type)).toEqual(expected);
  });

  test("the kind is registered with a summary and offline assumptions", () => {
    const kind = kindOf(ackSecretEncryptionToMap({ region: REGION, clusterId: PAYMENTS, encryption: "on", kmsKeyId: KEY, removalPolicy: RemovalPolicy.RETAIN, timeout: Duration.minutes(60) }));
    expect(kind.summarize(spec())).toBe(`Secret encryption on with KMS key ${KEY}, removal policy RETAIN`);
    expect(reconciler.plan(spec(), kind.assumeObserved(spec()) as AckObserved, "apply").actions).toHaveLength(0);
    expect(reconciler.plan(spec(), kind.assumeUnmanaged!(spec()) as AckObserved, "apply").actions.map((a) => a.type)).toEqual(["enable-secret-encryption"]);
  });
});
