import { describe, expect, test } from 'bun:test';
import { CAMPAIGN_LENGTHS_WEEKS, LLM_TIERS, MAX_PLAYERS, MIN_PLAYERS, MIN_PLAY_HOURS_PER_WEEK, MAX_PLAY_HOURS_PER_WEEK, type LlmTier } from '@startales/contracts';
import { InputError } from '@startales/kit';
import { priceCampaign } from '../src/modules/pricing/pricing.ts';

const hoursRange = Array.from({ length: MAX_PLAY_HOURS_PER_WEEK - MIN_PLAY_HOURS_PER_WEEK + 1 }, (_, i) => i + MIN_PLAY_HOURS_PER_WEEK);
const playersRange = Array.from({ length: MAX_PLAYERS - MIN_PLAYERS + 1 }, (_, i) => i + MIN_PLAYERS);

describe('priceCampaign over the whole input space', () => {
  test('every valid input prices a seat at USD 10–50 in whole cents, total = seat × players', () => {
    let count = 0;
    const seen = new Set<number>();
    for (const lengthWeeks of CAMPAIGN_LENGTHS_WEEKS)
      for (const playHoursPerWeek of hoursRange)
        for (const llmTier of LLM_TIERS)
          for (const players of playersRange) {
            const p = priceCampaign({ lengthWeeks, playHoursPerWeek, llmTier, players });
            count++;
            seen.add(p.perPlayerCents);
            if (!Number.isInteger(p.perPlayerCents) || p.perPlayerCents < 1000 || p.perPlayerCents > 5000) {
              throw new Error(`out of range: ${JSON.stringify({ lengthWeeks, playHoursPerWeek, llmTier, players, p })}`);
            }
            if (p.totalCents !== p.perPlayerCents * players) throw new Error('total is not seat × players');
            if (p.perPlayerCents % 10 !== 0) throw new Error('not rounded to 10 cents');
          }
    expect(count).toBe(3 * 40 * 3 * 49);
    // the model really varies with its inputs (not a constant clamped into range)
    expect(seen.size).toBeGreaterThan(200);
  });

  test('more hours, a longer campaign or a better tier never cost less; a bigger group never costs more per seat', () => {
    const tierOrder: LlmTier[] = ['ECONOMY', 'STANDARD', 'PREMIUM'];
    for (const lengthWeeks of CAMPAIGN_LENGTHS_WEEKS)
      for (const llmTier of LLM_TIERS)
        for (const players of playersRange)
          for (const h of hoursRange.slice(1)) {
            const a = priceCampaign({ lengthWeeks, playHoursPerWeek: h - 1, llmTier, players }).perPlayerCents;
            const b = priceCampaign({ lengthWeeks, playHoursPerWeek: h, llmTier, players }).perPlayerCents;
            expect(b).toBeGreaterThanOrEqual(a);
          }
    for (const h of hoursRange)
      for (const players of playersRange) {
        for (const llmTier of LLM_TIERS) {
          const [w4, w12, w24] = CAMPAIGN_LENGTHS_WEEKS.map((lengthWeeks) => priceCampaign({ lengthWeeks, playHoursPerWeek: h, llmTier, players }).perPlayerCents);
          expect(w12!).toBeGreaterThanOrEqual(w4!);
          expect(w24!).toBeGreaterThanOrEqual(w12!);
        }
        const byTier = tierOrder.map((llmTier) => priceCampaign({ lengthWeeks: 12, playHoursPerWeek: h, llmTier, players }).perPlayerCents);
        expect(byTier[1]!).toBeGreaterThanOrEqual(byTier[0]!);
        expect(byTier[2]!).toBeGreaterThanOrEqual(byTier[1]!);
        if (players > MIN_PLAYERS) {
          const fewer = priceCampaign({ lengthWeeks: 12, playHoursPerWeek: h, llmTier: 'STANDARD', players: players - 1 }).perPlayerCents;
          const more = priceCampaign({ lengthWeeks: 12, playHoursPerWeek: h, llmTier: 'STANDARD', players }).perPlayerCents;
          expect(more).toBeLessThanOrEqual(fewer);
        }
      }
  });

  test('known figures (the seed price book)', () => {
    expect(priceCampaign({ lengthWeeks: 12, playHoursPerWeek: 3, llmTier: 'PREMIUM', players: 6 })).toEqual({
      perPlayerCents: 2360,
      totalCents: 14160,
      currency: 'USD',
      priceBook: '2026-11-seed',
    });
    expect(priceCampaign({ lengthWeeks: 4, playHoursPerWeek: 1, llmTier: 'ECONOMY', players: 50 }).perPlayerCents).toBe(1000);
    expect(priceCampaign({ lengthWeeks: 24, playHoursPerWeek: 40, llmTier: 'PREMIUM', players: 2 }).perPlayerCents).toBe(4940);
  });

  test('invalid inputs are typed errors naming the field', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ lengthWeeks: 5 }, 'lengthWeeks'],
      [{ playHoursPerWeek: 0 }, 'playHoursPerWeek'],
      [{ playHoursPerWeek: 41 }, 'playHoursPerWeek'],
      [{ playHoursPerWeek: 2.5 }, 'playHoursPerWeek'],
      [{ llmTier: 'ULTRA' }, 'llmTier'],
      [{ players: 1 }, 'players'],
      [{ players: 51 }, 'players'],
    ];
    for (const [over, field] of cases) {
      try {
        priceCampaign({ lengthWeeks: 4, playHoursPerWeek: 2, llmTier: 'ECONOMY', players: 4, ...over } as never);
        throw new Error(`accepted ${JSON.stringify(over)}`);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).extensions.field).toBe(field);
      }
    }
  });
});
