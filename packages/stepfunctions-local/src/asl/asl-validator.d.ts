// asl-validator 4 ships JavaScript only. This declares the part of its CommonJS export we use.
declare module "asl-validator" {
  interface ValidationError {
    "Error code": string;
    Message: string;
  }

  interface ValidatorOptions {
    /** Validate JSONPath fields (InputPath, Parameters…) with asl-path-validator. */
    checkPaths: boolean;
    /** Require Task `Resource` to look like an ARN. */
    checkArn: boolean;
  }

  interface ValidationResult {
    isValid: boolean;
    errors: ValidationError[];
    errorsText(separator?: string): string;
  }

  /** Validates a parsed definition. Mutates it: every state without QueryLanguage gets one. */
  function validator(definition: unknown, opts?: ValidatorOptions): ValidationResult;

  export = validator;
}
