import { expect, test } from 'bun:test';
import { chooseRollup, rangeParts, rowsAreGroups } from '../src/modules/llm-cost/source.ts';
import { leastSquares } from '../src/modules/llm-cost/service.ts';
import { weekStart } from '../src/facts/time.ts';

test('a breakdown reads the smallest rollup covering its grouped and filtered dimensions', () => {
  expect(chooseRollup(['DAY', 'PROVIDER', 'TIER'], { purposes: ['npc'] })).toBe('model');
  expect(chooseRollup(['CAMPAIGN'], {})).toBe('campaign');
  expect(chooseRollup(['DAY'], { campaignId: 'c' })).toBe('campaign');
  expect(chooseRollup(['USER', 'DAY'], {})).toBe('user');
  expect(chooseRollup(['CAMPAIGN'], { providers: ['openai'] })).toBe('full');
  expect(chooseRollup(['USER', 'MODEL'], {})).toBe('full');
});

test('whole months come from the monthly rollup, ragged ends from the daily one', () => {
  expect(rangeParts('user', '2026-01-20', '2026-04-03', false)).toEqual([
    { table: 'llm_cost_user_monthly', column: 'month', from: '2026-02-01', to: '2026-03-01' },
    { table: 'llm_cost_user_daily', column: 'day', from: '2026-01-20', to: '2026-01-31' },
    { table: 'llm_cost_user_daily', column: 'day', from: '2026-04-01', to: '2026-04-03' },
  ]);
  // February of a leap year ends on the 29th
  expect(rangeParts('campaign', '2028-02-01', '2028-02-29', false)).toEqual([{ table: 'llm_cost_campaign_monthly', column: 'month', from: '2028-02-01', to: '2028-02-01' }]);
  expect(rangeParts('campaign', '2028-02-01', '2028-02-28', false)).toEqual([{ table: 'llm_cost_campaign_daily', column: 'day', from: '2028-02-01', to: '2028-02-28' }]);
  // grouping by day, or a rollup without monthly rows, always reads days
  expect(rangeParts('user', '2026-01-01', '2026-01-31', true)).toEqual([{ table: 'llm_cost_user_daily', column: 'day', from: '2026-01-01', to: '2026-01-31' }]);
  expect(rangeParts('model', '2026-01-01', '2026-01-31', false)).toEqual([{ table: 'llm_cost_model_daily', column: 'day', from: '2026-01-01', to: '2026-01-31' }]);
  expect(rowsAreGroups(rangeParts('user', '2026-01-01', '2026-01-31', false), 'user', ['user_id'])).toBe(true);
  expect(rowsAreGroups(rangeParts('user', '2026-01-01', '2026-02-28', false), 'user', ['user_id'])).toBe(false);
});

test('least squares: exact line, flat single point, nothing', () => {
  expect(leastSquares([[0, 10], [1, 12], [2, 14]])).toEqual({ a: 10, b: 2 });
  expect(leastSquares([[5, 7]])).toEqual({ a: 7, b: 0 });
  expect(leastSquares([])).toEqual({ a: 0, b: 0 });
});

test('ISO weeks start on Monday (UTC)', () => {
  expect(weekStart('2026-03-02')).toBe('2026-03-02');
  expect(weekStart('2026-03-08')).toBe('2026-03-02');
  expect(weekStart('2027-01-01')).toBe('2026-12-28');
});
