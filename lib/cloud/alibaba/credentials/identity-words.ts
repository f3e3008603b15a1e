/** `acs:ram::123…:role/deploy`: the account id shortened, the role name whole. */
export function shortRoleArn(arn: string): string {
  return arn.replace(/^(acs:ram::)(\d{3})\d+(:)/, "$1$2…$3");
}
