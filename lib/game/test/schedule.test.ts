import { expect, test } from 'bun:test';
import { computeSessions, isTimeZone, zoneOffsetMinutes, ONE_SHOT_MINUTES } from '../src/index.ts';

const weekly = (over: Partial<Parameters<typeof computeSessions>[0]> = {}) =>
  computeSessions({ mode: 'WEEKLY', notBefore: new Date('2027-03-01T00:00:00Z'), weekday: 'SUNDAY', localTime: '18:00', timezone: 'Europe/Berlin', weeks: 4, sessionMinutes: 120, ...over });

test('weekly: the first slot at or after notBefore, then every 7 local days; the UTC instant moves with DST', () => {
  const s = weekly({ weeks: 5 });
  expect(s.map((x) => x.startsAt)).toEqual([
    '2027-03-07T17:00:00.000Z',
    '2027-03-14T17:00:00.000Z',
    '2027-03-21T17:00:00.000Z',
    '2027-03-28T16:00:00.000Z', // Europe/Berlin switched to CEST that morning: still 18:00 local
    '2027-04-04T16:00:00.000Z',
  ]);
  expect(s.every((x) => new Date(x.endsAt).getTime() - new Date(x.startsAt).getTime() === 120 * 60_000)).toBe(true);
  expect(s.map((x) => x.index)).toEqual([0, 1, 2, 3, 4]);
  // notBefore exactly on a slot keeps it; one minute later moves a week on
  expect(weekly({ notBefore: new Date('2027-03-07T17:00:00Z') })[0]!.startsAt).toBe('2027-03-07T17:00:00.000Z');
  expect(weekly({ notBefore: new Date('2027-03-07T17:01:00Z') })[0]!.startsAt).toBe('2027-03-14T17:00:00.000Z');
});

test('a local time that does not exist moves forward by the gap; an ambiguous one takes the earlier instant', () => {
  // 2027-03-28 02:30 does not exist in Berlin (02:00 → 03:00)
  expect(weekly({ localTime: '02:30', notBefore: new Date('2027-03-27T00:00:00Z'), weeks: 1 })[0]!.startsAt).toBe('2027-03-28T01:30:00.000Z');
  // 2027-10-31 02:30 happens twice: the first (CEST, +02:00) is taken
  expect(weekly({ localTime: '02:30', notBefore: new Date('2027-10-30T00:00:00Z'), weeks: 1 })[0]!.startsAt).toBe('2027-10-31T00:30:00.000Z');
  // the southern hemisphere moves the other way (Sydney leaves DST on 2027-04-04)
  const syd = weekly({ timezone: 'Australia/Sydney', localTime: '19:00', notBefore: new Date('2027-03-27T00:00:00Z'), weeks: 2 });
  expect(syd.map((x) => x.startsAt)).toEqual(['2027-03-28T08:00:00.000Z', '2027-04-04T09:00:00.000Z']);
});

test('one-shot: one 24-hour window from notBefore; deterministic; bad input refused', () => {
  const at = new Date('2027-06-01T10:00:00Z');
  const s = computeSessions({ mode: 'ONE_SHOT', notBefore: at, timezone: 'Asia/Tokyo', weeks: 4, sessionMinutes: 0 });
  expect(s).toEqual([{ index: 0, startsAt: at.toISOString(), endsAt: new Date(at.getTime() + ONE_SHOT_MINUTES * 60_000).toISOString() }]);
  expect(JSON.stringify(weekly())).toBe(JSON.stringify(weekly()));
  expect(() => weekly({ localTime: '7pm' })).toThrow(RangeError);
  expect(() => weekly({ timezone: 'Nowhere/Land' })).toThrow(RangeError);
  expect(isTimeZone('Europe/Berlin')).toBe(true);
  expect(isTimeZone('UTC')).toBe(true);
  expect(isTimeZone('Mars/Base')).toBe(false);
  expect(zoneOffsetMinutes('Asia/Kolkata', at)).toBe(330);
});
