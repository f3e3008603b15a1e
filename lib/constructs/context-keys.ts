/**
 * The cdktf context keys the library reads, set in `cdktf.json`'s `context` or with
 * `app.node.setContext(key, value)`.
 *
 * @exampleMetadata fixture=api
 * @example
 * app.node.setContext(ContextKeys.HOOK_ENGINE, HookEngine.TERRAFORM_DATA);
 */
export class ContextKeys {
  /**
   * The Terraform resource that runs every hook of the app: `"cdktf-encryption:hookEngine": "terraform_data"`.
   * A construct's own `hookEngine` prop wins.
   */
  static readonly HOOK_ENGINE: string = "cdktf-encryption:hookEngine";
  /**
   * The time a synth takes as "now" (an ISO 8601 timestamp), for tests and reproducible
   * builds: `"cdktf-encryption:now": "2025-05-14T08:00:00Z"`. Unset, the machine's clock.
   */
  static readonly SYNTH_TIME: string = "cdktf-encryption:now";

  private constructor() {}
}
