import { expect, test } from 'bun:test';
import { chooseRollup, rangeParts, readsUserWindows, rowsAreGroups, userWindowParts } from '../src/modules/llm-cost/source.ts';
import { leastSquares } from '../src/modules/llm-cost/service.ts';
import { weekStart } from '../src/facts/time.ts';

test('a breakdown reads the smallest rollup covering its grouped and filtered dimensions', () => {
  expect(chooseRollup(['DAY', 'PROVIDER', 'TIER'], { purposes: ['npc'] })).toBe('model');
  expect(chooseRollup(['CAMPAIGN'], {})).toBe('campaign');
  expect(chooseRollup(['DAY'], { campaignId: 'c' })).toBe('campaign');
  expect(chooseRollup(['USER', 'DAY'], {})).toBe('user');
  expect(chooseRollup(['CAMPAIGN'], { providers: ['openai'] })).toBe('campaignModel');
  expect(chooseRollup(['CAMPAIGN', 'MODEL', 'PURPOSE'], { tiers: ['PREMIUM'] })).toBe('campaignModel');
  expect(chooseRollup(['DAY', 'MODEL'], { campaignId: 'c' })).toBe('campaignModel');
  expect(chooseRollup(['CAMPAIGN', 'USER'], {})).toBe('full');
  expect(chooseRollup(['MODEL'], { campaignId: 'c', userId: 'u' })).toBe('full');
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

test('users are ranked from three-month cost windows: one window per range of up to three months from its first', () => {
  // 30 days over two months, 45 days over three: one window, days counted from the first of the first month
  expect(userWindowParts('2026-09-10', '2026-10-09')).toEqual([{ month: '2026-09-01', lo: 10, hi: 39 }]);
  expect(userWindowParts('2026-08-20', '2026-10-03')).toEqual([{ month: '2026-08-01', lo: 20, hi: 64 }]);
  expect(userWindowParts('2026-10-29', '2026-10-29')).toEqual([{ month: '2026-10-01', lo: 29, hi: 29 }]);
  // a window ends with its third month; the next one starts the day after (February of a leap year has 29 days)
  expect(userWindowParts('2027-12-31', '2028-04-01')).toEqual([
    { month: '2027-12-01', lo: 31, hi: 91 },
    { month: '2028-03-01', lo: 1, hi: 32 },
  ]);
  expect(userWindowParts('2026-01-01', '2026-12-31').map((p) => [p.month, p.lo, p.hi])).toEqual([
    ['2026-01-01', 1, 90],
    ['2026-04-01', 1, 91],
    ['2026-07-01', 1, 92],
    ['2026-10-01', 1, 92],
  ]);
  // exactly one calendar month reads the monthly rows; days, other rollups and every other range do not use windows
  expect(readsUserWindows('user', '2026-09-01', '2026-09-30', false)).toBe(false);
  expect(readsUserWindows('user', '2026-09-01', '2026-10-31', false)).toBe(true);
  expect(readsUserWindows('user', '2026-09-10', '2026-10-09', false)).toBe(true);
  expect(readsUserWindows('user', '2026-09-10', '2026-10-09', true)).toBe(false);
  expect(readsUserWindows('campaign', '2026-09-10', '2026-10-09', false)).toBe(false);
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
