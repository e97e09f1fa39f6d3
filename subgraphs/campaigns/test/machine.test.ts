import { expect, test } from 'bun:test';
import { CAMPAIGN_STATUSES } from '@startales/contracts';
import { TRANSITIONS, assertTransition, canTransition } from '../src/modules/lifecycle/machine.ts';
import { IllegalTransitionError } from '../src/modules/common/errors.ts';

test('the state machine: exactly the documented steps are legal; every other pair is ILLEGAL_TRANSITION', () => {
  const legal = CAMPAIGN_STATUSES.flatMap((from) => CAMPAIGN_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`));
  expect(legal.sort()).toEqual(
    [
      'DRAFT>REGISTRATION',
      'DRAFT>CANCELLED',
      'REGISTRATION>MATCHING',
      'REGISTRATION>CANCELLED',
      'MATCHING>SCHEDULED',
      'MATCHING>CANCELLED',
      'SCHEDULED>RUNNING',
      'SCHEDULED>CANCELLED',
      'RUNNING>COMPLETED',
      'RUNNING>CANCELLED',
    ].sort(),
  );
  let illegal = 0;
  for (const from of CAMPAIGN_STATUSES) {
    for (const to of CAMPAIGN_STATUSES) {
      if (TRANSITIONS[from].includes(to)) {
        expect(() => assertTransition(from, to)).not.toThrow();
        continue;
      }
      illegal++;
      try {
        assertTransition(from, to);
        throw new Error(`${from} → ${to} should be illegal`);
      } catch (error) {
        expect(error).toBeInstanceOf(IllegalTransitionError);
        const e = error as IllegalTransitionError;
        expect([e.code, e.status, e.extensions]).toEqual(['ILLEGAL_TRANSITION', 409, { from, to }]);
      }
    }
  }
  expect(illegal).toBe(49 - 10);
  // terminal states go nowhere
  expect(TRANSITIONS.COMPLETED).toEqual([]);
  expect(TRANSITIONS.CANCELLED).toEqual([]);
});
