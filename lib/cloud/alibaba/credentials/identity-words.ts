/** `LTAI…001`: enough to recognise a key in a log, not enough to use it. */
export function shortKeyId(accessKeyId: string): string {
  return accessKeyId.length <= 8 ? "…" : `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-3)}`;
}

/** `acs:ram::123…:role/deploy`: the account id shortened, the role name whole. */
export function shortRoleArn(arn: string): string {
  return arn.replace(/^(acs:ram::)(\d{3})\d+(:)/, "$1$2…$3");
}
