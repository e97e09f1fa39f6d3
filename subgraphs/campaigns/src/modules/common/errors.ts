import { ErrorCode, type CampaignStatus } from '@startales/contracts';
import { AppError, InputError, NotFoundError } from '@startales/kit';

/** A lifecycle step the state machine does not allow from the campaign's status. */
export class IllegalTransitionError extends AppError {
  override readonly name = 'IllegalTransitionError';
  constructor(
    readonly from: CampaignStatus,
    readonly to: CampaignStatus,
  ) {
    super(ErrorCode.ILLEGAL_TRANSITION, `A campaign cannot go from ${from} to ${to}`, 409, { from, to });
  }
}

/** A campaign rule the request breaks (typed by `code`; `extensions` say what). */
export class CampaignRuleError extends AppError {
  override readonly name = 'CampaignRuleError';
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code, message, 409, extensions);
  }
}

export const campaignNotFound = () => new NotFoundError('No such campaign');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** A UUID argument, lower-cased; BAD_USER_INPUT naming `field` otherwise. */
export function parseId(value: unknown, field: string): string {
  if (!isUuid(value)) throw new InputError(`${field} must be a UUID`, field);
  return value.toLowerCase();
}
