import { GraphQLError } from 'graphql';
import { ErrorCode } from '@startales/contracts';

/** Base class for every expected failure: carries a contract `code` and an HTTP `status`. */
export class AppError extends Error {
  override readonly name: string = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status = 400,
    readonly extensions: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The only shape an expected error takes on its way to a GraphQL client. */
  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.message, {
      extensions: { ...this.extensions, code: this.code },
    });
  }
}

export class AuthError extends AppError {
  override readonly name = 'AuthError';
  constructor(message: string, reason: ErrorCode = ErrorCode.UNAUTHENTICATED, options?: { cause?: unknown }) {
    super(ErrorCode.UNAUTHENTICATED, message, 401, { reason }, options);
  }
}

export class ForbiddenError extends AppError {
  override readonly name = 'ForbiddenError';
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.FORBIDDEN, message, 403);
  }
}

export class InputError extends AppError {
  override readonly name = 'InputError';
  constructor(message: string, field?: string, code: ErrorCode = ErrorCode.BAD_USER_INPUT) {
    super(code, message, 400, field ? { field } : {});
  }
}

export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  constructor(message = 'Not found') {
    super(ErrorCode.NOT_FOUND, message, 404);
  }
}

/** Throws the GraphQL form of an AppError; anything else is left for Yoga to mask. */
export function graphqlError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}
