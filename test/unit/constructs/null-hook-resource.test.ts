// The CDK Terrain build renders null_resource from the core alone (no provider bindings exist
// for cdktn). It must synthesize exactly what @cdktf/provider-null does, or a stack moved from
// cdktf to cdktn would replace its hook resources.
import { Testing } from "cdktf";
import { nullHookResource as withBindings } from "../../../lib/constructs/null-hook-resource";
import { nullHookResource as fromCore } from "../../../lib/constructs/null-hook-resource-core";

test("null_resource from the core synthesizes exactly what @cdktf/provider-null does", () => {
  const build = (make: typeof withBindings) =>
    Testing.synthScope((scope) => {
      const first = make(scope, "first", {
        triggers: { kind: "taurusdb.backup-encryption", spec_version: "1" },
        lifecycle: { createBeforeDestroy: true },
        provisioners: [
          { type: "local-exec", interpreter: ["node", "hook.js"], command: "apply", environment: { CDKTF_ENCRYPTION_SPEC: "${jsonencode(self.triggers)}" } },
          { type: "local-exec", interpreter: ["node", "hook.js"], command: "destroy", when: "destroy", environment: { CDKTF_ENCRYPTION_SPEC: "${jsonencode(self.triggers)}" } },
        ],
      });
      make(scope, "second", { triggers: { kind: "dws.key-rotation" }, dependsOn: [first] });
    });
  const ours = JSON.parse(build(fromCore));
  expect(ours).toEqual(JSON.parse(build(withBindings)));
  expect(ours.provider).toEqual({ null: [{ alias: "cdktf_encryption" }] });
  expect(Object.keys(ours.resource.null_resource)).toEqual(["first", "second"]);
});
