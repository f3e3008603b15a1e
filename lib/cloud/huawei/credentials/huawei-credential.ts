/** AK/SK (optionally temporary, with a security token) or an IAM token: what Huawei requests are signed with. */
export type HuaweiCredentials =
  | { readonly kind: "aksk"; readonly accessKey: string; readonly secretKey: string; readonly securityToken?: string }
  | { readonly kind: "token"; readonly authToken: string };
