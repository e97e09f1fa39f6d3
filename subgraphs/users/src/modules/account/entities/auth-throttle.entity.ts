import { defineEntity, p } from '@mikro-orm/core';

/**
 * Brute-force throttling state of one key (`<action>:<scope>:<id>`, e.g. `login:ip:203.0.113.9` or
 * `login:account:<sha256 of the email>`), shared by every replica. The backoff is derived from `attempts` and
 * `lastAttemptAt` (see throttle.ts); rows idle longer than their window are pruned.
 */
export const AuthThrottleSchema = defineEntity({
  name: 'AuthThrottle',
  tableName: 'auth_throttle',
  properties: {
    key: p.string().length(160).primary(),
    attempts: p.integer(),
    lastAttemptAt: p.datetime().index(),
  },
});

export class AuthThrottle extends AuthThrottleSchema.class {}
AuthThrottleSchema.setClass(AuthThrottle);
