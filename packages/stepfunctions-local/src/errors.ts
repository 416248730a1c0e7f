/**
 * An error of the Step Functions API, named as AWS names it (`TaskDoesNotExist`, `ExecutionAlreadyExists`, ...), so
 * that callers written for AWS handle it unchanged.
 */
export class SfnError extends Error {
  readonly type: string;

  constructor(type: string, message: string) {
    super(message);
    this.name = type;
    this.type = type;
  }
}
