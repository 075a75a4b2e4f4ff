// The renderer type-check runs without @types/node so that renderer code cannot lean on Node
// globals; these are the few node:test and assert signatures the renderer tests use.
declare module 'node:test' {
  export function test(name: string, body: () => void | Promise<void>): Promise<void>;
}

declare module 'node:assert/strict' {
  interface Assert {
    (value: unknown, message?: string): asserts value;
    equal<Value>(actual: unknown, expected: Value, message?: string): asserts actual is Value;
    notEqual(actual: unknown, expected: unknown, message?: string): void;
    deepEqual<Value>(actual: unknown, expected: Value, message?: string): asserts actual is Value;
    ok(value: unknown, message?: string): asserts value;
    match(value: string, pattern: RegExp, message?: string): void;
    rejects(promise: Promise<unknown>, expected?: RegExp | (new (...args: never[]) => Error)): Promise<void>;
  }
  const assert: Assert;
  export default assert;
}
