import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from '@startales/contracts';

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });

function toSafeInt(value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw badInput(`SafeInt must be an integer within ±(2^53 − 1), got ${JSON.stringify(String(value))}`);
  return n;
}

/** `SafeInt`: integers up to ±(2^53 − 1) as JSON numbers (the same scalar billing declares; composition merges them). */
export const SafeIntScalar = new GraphQLScalarType<number, number>({
  name: 'SafeInt',
  description: 'An integer up to ±(2^53 − 1): money totals in cents and LLM spend in micro-dollars, which outgrow 32 bits.',
  serialize: (value) => toSafeInt(value),
  parseValue: (value) => toSafeInt(value),
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw badInput('SafeInt must be an integer literal');
    return toSafeInt(ast.value);
  },
});
