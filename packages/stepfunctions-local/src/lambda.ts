/**
 * Task handlers registered in-process stand in for Lambda functions. They receive the `Payload` of a
 * `lambda:invoke` task and return what the function would; the engine wraps the result as Lambda's Invoke does.
 */
export type TaskHandler = (payload: unknown, context: { functionName: string }) => unknown;

export const LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
export const LAMBDA_INVOKE_WAIT = "arn:aws:states:::lambda:invoke.waitForTaskToken";

/** A handled failure of a task, with the error name and cause that Retry and Catch match on. */
export class TaskError extends Error {
  readonly error: string;
  override readonly cause: string;

  constructor(error: string, cause: string) {
    super(`${error}: ${cause}`);
    this.name = "TaskError";
    this.error = error;
    this.cause = cause;
  }
}

/** `my-fn`, `arn:aws:lambda:<region>:<account>:function:my-fn` and `...:my-fn:live` all name `my-fn`. */
export function functionNameOf(nameOrArn: string): string {
  const match = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)(:[^:]+)?$/.exec(nameOrArn);
  return match ? match[1]! : nameOrArn;
}

export class HandlerRegistry {
  #handlers = new Map<string, TaskHandler>();

  register(nameOrArn: string, handler: TaskHandler): void {
    this.#handlers.set(functionNameOf(nameOrArn), handler);
  }

  /**
   * Invokes the function as Lambda would for a state machine: an unknown function is
   * `Lambda.ResourceNotFoundException`; a function that throws fails with its error type, the cause carrying
   * Lambda's `{ errorMessage, errorType }` JSON.
   */
  async invoke(functionName: unknown, payload: unknown): Promise<unknown> {
    if (typeof functionName !== "string" || functionName === "") {
      throw new TaskError("States.Runtime", "The task's Arguments must name a FunctionName (a string).");
    }
    const name = functionNameOf(functionName);
    const handler = this.#handlers.get(name);
    if (!handler) {
      throw new TaskError(
        "Lambda.ResourceNotFoundException",
        `Function not found: ${functionName} (no handler is registered with the local endpoint under "${name}")`,
      );
    }
    try {
      return await handler(payload, { functionName: name });
    } catch (error) {
      const errorType = error instanceof Error ? error.name : "Error";
      const errorMessage = error instanceof Error ? error.message : String(error);
      throw new TaskError(errorType, JSON.stringify({ errorMessage, errorType, trace: [] }));
    }
  }
}

/** The result of a `lambda:invoke` task as Step Functions passes it on: the function's output under `Payload`. */
export function invokeResult(payload: unknown, requestId: string) {
  return {
    ExecutedVersion: "$LATEST",
    Payload: payload ?? null,
    SdkHttpMetadata: { HttpHeaders: { "X-Amz-Executed-Version": "$LATEST" }, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}
