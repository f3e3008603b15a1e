import { huaweiErrorReply } from "../huawei-error-reply";
import { HttpReply } from "../http-reply";
import { EmulatorService, ServiceContext } from "../emulator-service";

export interface KmsKey {
  key_id: string;
  key_alias: string;
  region: string;
  project_id: string;
  /** enabled, disabled, pending_deletion */
  key_state: string;
}

/** Huawei KMS keys, read by the services that encrypt with them; no routes of its own. */
export class HuaweiKmsService implements EmulatorService {
  readonly name = "kms";
  readonly signing = "huawei" as const;
  readonly requestIdHeader = "x-request-id";
  readonly routes = [];
  private keys = new Map<string, KmsKey>();

  constructor(private readonly ctx: ServiceContext) {}

  /** The key if it exists in that region and project. */
  find(keyId: string, region: string, projectId: string): KmsKey | undefined {
    const key = this.keys.get(keyId);
    return key && key.region === region && key.project_id === projectId ? key : undefined;
  }

  readonly errorReply = huaweiErrorReply;

  deniedReply(_operation: string, requestId: string): HttpReply {
    return this.errorReply(403, "KMS.0303", "Insufficient permissions", requestId);
  }

  snapshot(): unknown {
    return { keys: [...this.keys.values()] };
  }

  load(slice: unknown): void {
    const keys = ((slice as { keys?: KmsKey[] } | undefined)?.keys ?? []).map((k) => ({ ...k }));
    this.keys = new Map(keys.map((k) => [k.key_id, k]));
  }

  patch(id: string, fields: Record<string, unknown>): void {
    const key = this.keys.get(id);
    if (!key) throw new HttpReply(404, { error: `no KMS key ${id}` });
    Object.assign(key, fields);
    this.ctx.changed();
  }
}
