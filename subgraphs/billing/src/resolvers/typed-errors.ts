import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '@startales/contracts';

/**
 * Variables that do not coerce (an unknown enum value, a string for an Int) fail before any resolver runs, as a
 * request-level error without a code: give it BAD_USER_INPUT, so a client calling billing directly can switch on it
 * just as it can through the gateway.
 */
export const useTypedRequestErrors: Plugin = {
  onExecutionResult({ result, setResult }) {
    const r = result as ExecutionResult;
    if (!r || !Array.isArray(r.errors) || r.errors.every((e) => e.extensions?.code)) return;
    setResult({
      ...r,
      errors: r.errors.map((e) =>
        e.extensions?.code || e.path ? e : new GraphQLError(e.message, { nodes: e.nodes, extensions: { ...e.extensions, code: ErrorCode.BAD_USER_INPUT } }),
      ),
    });
  },
};
