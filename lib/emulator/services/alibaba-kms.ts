import { HttpReply } from "../http-reply";
import { EmulatorService, ServiceContext } from "../emulator-service";

export interface AlibabaKmsKey {
  key_id: string;
  alias?: string;
  region: string;
  /** Aliyun_AES_256, Aliyun_SM4, RSA_2048, … */
  key_spec: string;
  /** ENCRYPT/DECRYPT or SIGN/VERIFY. */
  key_usage: string;
  /** Enabled, Disabled, PendingDeletion. */
  key_state: string;
  /** A key a cloud service created for itself, which customers cannot use elsewhere. */
  service_key?: boolean;
}

/** Alibaba Cloud KMS keys, read by the services that encrypt with them; no routes of its own. */
export class AlibabaKmsService implements EmulatorService {
  readonly name = "alikms";
  readonly signing = "alibaba" as const;
  readonly requestIdHeader = "x-acs-request-id";
  readonly routes = [];
  private keys = new Map<string, AlibabaKmsKey>();

  constructor(private readonly ctx: ServiceContext) {}

  find(keyId: string): AlibabaKmsKey | undefined {
    return this.keys.get(keyId);
  }

  errorReply(status: number, code: string, message: string, requestId: string): HttpReply {
    return new HttpReply(status, { Code: code, Message: message, RequestId: requestId });
  }

  deniedReply(_operation: string, requestId: string): HttpReply {
    return this.errorReply(403, "Forbidden.RAM", "User not authorized to operate on the specified resource.", requestId);
  }

  snapshot(): unknown {
    return { keys: [...this.keys.values()] };
  }

  load(slice: unknown): void {
    const keys = ((slice as { keys?: AlibabaKmsKey[] } | undefined)?.keys ?? []).map((k) => ({ ...k }));
    this.keys = new Map(keys.map((k) => [k.key_id, k]));
  }

  patch(id: string, fields: Record<string, unknown>): void {
    const key = this.keys.get(id);
    if (!key) throw new HttpReply(404, { error: `no Alibaba KMS key ${id}` });
    Object.assign(key, fields);
    this.ctx.changed();
  }
}
