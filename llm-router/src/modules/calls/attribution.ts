import { LLM_PURPOSES, LlmPurpose } from '@startales/contracts';
import { RouterError, RouterErrorCode } from '../../errors.ts';
import type { Caller } from '../auth/service.ts';

/** Whom a call is billed to, from the `x-startales-*` headers. */
export interface Attribution {
  userId: string;
  campaignId: string | null;
  purpose: LlmPurpose;
}

const ID = /^[\w.:@-]{1,128}$/;
const invalid = (message: string, param: string) => new RouterError(RouterErrorCode.ATTRIBUTION_REQUIRED, message, 400, { param });

/**
 * Reads the attribution headers. A service-token call must name its user; a virtual key's calls belong to the
 * key's user (naming another user is refused). A missing purpose counts as `generation`.
 */
export function readAttribution(request: Request, caller: Caller): Attribution {
  const header = request.headers.get('x-startales-user');
  let userId: string;
  if (caller.kind === 'key') {
    if (header && header !== caller.userId) throw new RouterError(RouterErrorCode.FORBIDDEN, 'This key belongs to another user than x-startales-user', 403);
    userId = caller.userId!;
  } else {
    if (!header) throw invalid('Every call must be attributed to a user: send the x-startales-user header', 'x-startales-user');
    if (!ID.test(header)) throw invalid('x-startales-user must be 1-128 letters, digits or ._:@-', 'x-startales-user');
    userId = header;
  }
  const campaign = request.headers.get('x-startales-campaign');
  if (campaign !== null && !ID.test(campaign)) throw invalid('x-startales-campaign must be 1-128 letters, digits or ._:@-', 'x-startales-campaign');
  const purpose = request.headers.get('x-startales-purpose') ?? LlmPurpose.GENERATION;
  if (!(LLM_PURPOSES as readonly string[]).includes(purpose)) {
    throw invalid(`x-startales-purpose must be one of ${LLM_PURPOSES.join(', ')}`, 'x-startales-purpose');
  }
  return { userId, campaignId: campaign || null, purpose: purpose as LlmPurpose };
}
