/**
 * Fills the committed approval-chain ASL's `${Name}` placeholders, leaving every other byte as committed. Shared by
 * the deploy (real function ARNs) and local start-up (the local endpoint's function names); a placeholder without a
 * value is an error, never left in a definition.
 */
export function fillDefinition(asl: string, values: Record<string, string>): string {
  return asl.replace(/\$\{([\w:]+)\}/g, (match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`approval chain: no value for placeholder ${match}`);
    return value;
  });
}

/** The placeholder name of a task function's ARN: `OpenApproval` → `OpenApprovalFunctionArn`. */
export const arnPlaceholder = (fn: string) => `${fn}FunctionArn`;
