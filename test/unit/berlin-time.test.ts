import { describe, it, expect } from 'vitest'
import {
  TimestampParseError,
  berlinDateOf,
  berlinMonthOf,
  berlinToday,
  berlinWallClockToInstant,
  currentBerlinMonth,
  daysBetweenBerlinDates,
  formatBerlinDate,
  formatBerlinDateTime,
  instantToBerlinWallClock,
  isValidDate,
  isValidMonth,
  isValidTimestamp,
  monthInstantRange,
  monthRange,
  nextMonth,
  previousMonth
} from '../../src/shared/berlin-time'

const iso = (s: string): string => berlinWallClockToInstant(s).toISOString()

describe('berlinWallClockToInstant', () => {
  it('converts winter (CET, +1) and summer (CEST, +2) times', () => {
    expect(iso('2026-01-15 12:00:00')).toBe('2026-01-15T11:00:00.000Z')
    expect(iso('2026-05-20 18:56:08')).toBe('2026-05-20T16:56:08.000Z')
    expect(iso('2026-01-01 00:00:00')).toBe('2025-12-31T23:00:00.000Z')
    expect(iso('2024-10-26 09:15:00')).toBe('2024-10-26T07:15:00.000Z')
  })

  describe.each([
    // [year, spring-forward day, fall-back day, the day before fall-back]
    ['2026', '2026-03-29', '2026-10-25', '2026-10-24'],
    ['2025', '2025-03-30', '2025-10-26', '2025-10-25']
  ])('DST changes of %s', (_year, spring, autumn, beforeAutumn) => {
    it('spring forward: times around the gap', () => {
      expect(iso(`${spring} 01:59:59`)).toBe(`${spring}T00:59:59.000Z`)
      expect(iso(`${spring} 03:00:00`)).toBe(`${spring}T01:00:00.000Z`)
      expect(iso(`${spring} 03:30:00`)).toBe(`${spring}T01:30:00.000Z`)
    })

    it('spring forward: a time in the gap resolves forward (02:30 = 03:30 CEST)', () => {
      expect(iso(`${spring} 02:30:00`)).toBe(`${spring}T01:30:00.000Z`)
      expect(iso(`${spring} 02:00:00`)).toBe(`${spring}T01:00:00.000Z`)
      expect(iso(`${spring} 02:59:59`)).toBe(`${spring}T01:59:59.000Z`)
      expect(berlinWallClockToInstant(`${spring} 02:30:00`).getTime()).toBe(
        berlinWallClockToInstant(`${spring} 03:30:00`).getTime()
      )
    })

    it('fall back: an ambiguous time takes the first occurrence (CEST, +2)', () => {
      expect(iso(`${autumn} 02:00:00`)).toBe(`${autumn}T00:00:00.000Z`)
      expect(iso(`${autumn} 02:30:00`)).toBe(`${autumn}T00:30:00.000Z`)
      expect(iso(`${autumn} 02:59:59`)).toBe(`${autumn}T00:59:59.000Z`)
    })

    it('fall back: times just outside the overlap', () => {
      expect(iso(`${autumn} 01:59:59`)).toBe(`${beforeAutumn}T23:59:59.000Z`)
      expect(iso(`${autumn} 03:00:00`)).toBe(`${autumn}T02:00:00.000Z`)
    })

    it('round-trips every 15 minutes across both transition days', () => {
      for (const day of [spring, autumn]) {
        const start = berlinWallClockToInstant(`${day} 00:00:00`).getTime()
        let secondOccurrences = 0
        for (let t = start; t < start + 26 * 3_600_000; t += 15 * 60_000) {
          const wall = instantToBerlinWallClock(new Date(t))
          const back = berlinWallClockToInstant(wall).getTime()
          if (back !== t) {
            // Only the second pass through 02:xx on the fall-back day may map elsewhere: to the
            // first occurrence, one hour earlier (documented choice).
            expect(day).toBe(autumn)
            expect(wall.slice(11, 13)).toBe('02')
            expect(t - back).toBe(3_600_000)
            secondOccurrences++
          }
        }
        expect(secondOccurrences).toBe(day === autumn ? 4 : 0)
      }
    })
  })

  it.each([
    '',
    '2026-05-20',
    '2026-05-20T18:56:08',
    '2026-05-20 18:56',
    '2026-05-20 18:56:08Z',
    '2026-05-20 18:56:08.123',
    ' 2026-05-20 18:56:08',
    '2026-5-20 18:56:08',
    '2026-13-01 00:00:00',
    '2026-00-10 00:00:00',
    '2026-02-29 00:00:00',
    '2026-04-31 00:00:00',
    '2026-05-00 00:00:00',
    '2026-05-20 24:00:00',
    '2026-05-20 18:60:00',
    '2026-05-20 18:56:60',
    'abc'
  ])('rejects %j', (s) => {
    expect(() => berlinWallClockToInstant(s)).toThrow(TimestampParseError)
  })

  it('rejects non-strings at runtime', () => {
    expect(() => berlinWallClockToInstant(null as unknown as string)).toThrow(TimestampParseError)
    expect(() => berlinWallClockToInstant(20260520 as unknown as string)).toThrow(TimestampParseError)
  })

  it('accepts leap days', () => {
    expect(iso('2028-02-29 12:00:00')).toBe('2028-02-29T11:00:00.000Z')
  })
})


describe('instantToBerlinWallClock', () => {
  it.each([
    ['2026-05-20T16:56:08.000Z', '2026-05-20 18:56:08'],
    ['2026-01-15T11:00:00.999Z', '2026-01-15 12:00:00'],
    ['2025-12-31T23:00:00.000Z', '2026-01-01 00:00:00'],
    ['2025-12-31T22:59:59.000Z', '2025-12-31 23:59:59'],
    // Spring forward 2026: 00:59:59Z is 01:59:59 CET, 01:00:00Z is 03:00:00 CEST.
    ['2026-03-29T00:59:59.000Z', '2026-03-29 01:59:59'],
    ['2026-03-29T01:00:00.000Z', '2026-03-29 03:00:00'],
    // Fall back 2026: 02:30 happens at 00:30Z (CEST) and at 01:30Z (CET).
    ['2026-10-25T00:30:00.000Z', '2026-10-25 02:30:00'],
    ['2026-10-25T01:30:00.000Z', '2026-10-25 02:30:00'],
    ['2026-10-25T02:00:00.000Z', '2026-10-25 03:00:00'],
    ['2025-03-30T01:00:00.000Z', '2025-03-30 03:00:00'],
    ['2025-10-26T01:00:00.000Z', '2025-10-26 02:00:00'],
    ['1969-12-31T23:59:59.500Z', '1970-01-01 00:59:59']
  ])('%s → %s', (instant, wall) => {
    expect(instantToBerlinWallClock(new Date(instant))).toBe(wall)
  })

  it('rejects an invalid Date', () => {
    expect(() => instantToBerlinWallClock(new Date(Number.NaN))).toThrow(TimestampParseError)
  })
})

describe('berlinMonthOf / berlinDateOf', () => {
  it('returns the validated prefix', () => {
    expect(berlinMonthOf('2026-05-20 18:56:08')).toBe('2026-05')
    expect(berlinDateOf('2026-05-20 18:56:08')).toBe('2026-05-20')
    // The wall clock is already Berlin time: 00:30 on the 1st belongs to that month.
    expect(berlinMonthOf('2026-04-01 00:30:00')).toBe('2026-04')
  })

  it('throws on malformed timestamps', () => {
    expect(() => berlinMonthOf('2026-05')).toThrow(TimestampParseError)
    expect(() => berlinMonthOf('2026-13-20 18:56:08')).toThrow(TimestampParseError)
    expect(() => berlinDateOf('2026-02-30 00:00:00')).toThrow(TimestampParseError)
    expect(() => berlinDateOf('2026-05-20')).toThrow(TimestampParseError)
  })
})

describe('monthRange / monthInstantRange', () => {
  it('gives wall-clock bounds', () => {
    expect(monthRange('2026-03')).toEqual({
      startInclusive: '2026-03-01 00:00:00',
      endExclusive: '2026-04-01 00:00:00'
    })
    expect(monthRange('2026-12')).toEqual({
      startInclusive: '2026-12-01 00:00:00',
      endExclusive: '2027-01-01 00:00:00'
    })
  })

  it.each([
    ['2026-03', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
    ['2026-04', '2026-03-31T22:00:00.000Z', '2026-04-30T22:00:00.000Z'],
    ['2026-10', '2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z'],
    ['2026-11', '2026-10-31T23:00:00.000Z', '2026-11-30T23:00:00.000Z'],
    ['2025-03', '2025-02-28T23:00:00.000Z', '2025-03-31T22:00:00.000Z'],
    ['2025-10', '2025-09-30T22:00:00.000Z', '2025-10-31T23:00:00.000Z'],
    ['2026-01', '2025-12-31T23:00:00.000Z', '2026-01-31T23:00:00.000Z'],
    ['2025-12', '2025-11-30T23:00:00.000Z', '2025-12-31T23:00:00.000Z'],
    ['2028-02', '2028-01-31T23:00:00.000Z', '2028-02-29T23:00:00.000Z']
  ])('%s spans [%s, %s)', (month, start, end) => {
    const r = monthInstantRange(month)
    expect(r.startInclusive.toISOString()).toBe(start)
    expect(r.endExclusive.toISOString()).toBe(end)
  })

  it('March and October have 743 and 745 hours in Berlin', () => {
    const hours = (m: string): number => {
      const r = monthInstantRange(m)
      return (r.endExclusive.getTime() - r.startInclusive.getTime()) / 3_600_000
    }
    expect(hours('2026-03')).toBe(31 * 24 - 1)
    expect(hours('2026-10')).toBe(31 * 24 + 1)
    expect(hours('2025-03')).toBe(31 * 24 - 1)
    expect(hours('2025-10')).toBe(31 * 24 + 1)
    expect(hours('2026-05')).toBe(31 * 24)
  })

  it('is consistent with currentBerlinMonth at the edges', () => {
    for (const m of ['2025-03', '2025-10', '2026-03', '2026-10', '2026-12']) {
      const r = monthInstantRange(m)
      expect(currentBerlinMonth(r.startInclusive)).toBe(m)
      expect(currentBerlinMonth(new Date(r.endExclusive.getTime() - 1000))).toBe(m)
      expect(currentBerlinMonth(r.endExclusive)).toBe(nextMonth(m))
    }
  })

  it.each(['2026-13', '2026-00', '2026-3', '202603', '', '2026-03-01'])('rejects %j', (m) => {
    expect(() => monthRange(m)).toThrow(TimestampParseError)
    expect(() => monthInstantRange(m)).toThrow(TimestampParseError)
  })
})

describe('month arithmetic and validation', () => {
  it('steps months across year ends', () => {
    expect(nextMonth('2026-03')).toBe('2026-04')
    expect(nextMonth('2026-12')).toBe('2027-01')
    expect(previousMonth('2026-01')).toBe('2025-12')
    expect(previousMonth('2026-10')).toBe('2026-09')
    expect(nextMonth(previousMonth('2026-01'))).toBe('2026-01')
  })

  it('throws on invalid months', () => {
    expect(() => nextMonth('2026-13')).toThrow(TimestampParseError)
    expect(() => previousMonth('x')).toThrow(TimestampParseError)
  })

  it('isValidMonth', () => {
    expect(isValidMonth('2026-01')).toBe(true)
    expect(isValidMonth('2026-12')).toBe(true)
    for (const bad of ['2026-00', '2026-13', '2026-1', '26-01', '2026-01-01', '', '0000-01', '2026/01']) {
      expect(isValidMonth(bad)).toBe(false)
    }
  })

  it('isValidDate checks the real calendar', () => {
    expect(isValidDate('2026-05-20')).toBe(true)
    expect(isValidDate('2028-02-29')).toBe(true)
    expect(isValidDate('2000-02-29')).toBe(true)
    expect(isValidDate('2026-12-31')).toBe(true)
    for (const bad of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-05-00', '2026-5-20', '2026-05-20 00:00:00', '']) {
      expect(isValidDate(bad)).toBe(false)
    }
  })

  it('isValidTimestamp', () => {
    expect(isValidTimestamp('2026-05-20 18:56:08')).toBe(true)
    expect(isValidTimestamp('2026-05-20 18:56')).toBe(false)
  })
})

describe('current month / today', () => {
  it('uses the Berlin date, not the UTC date', () => {
    // 23:30Z on 31 Dec is already 00:30 on 1 Jan in Berlin.
    expect(currentBerlinMonth(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01')
    expect(berlinToday(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01')
    expect(currentBerlinMonth(new Date('2025-12-31T22:59:59Z'))).toBe('2025-12')
    // Summer: 22:00Z on 31 May is 00:00 on 1 June (CEST).
    expect(currentBerlinMonth(new Date('2026-05-31T22:00:00Z'))).toBe('2026-06')
    expect(berlinToday(new Date('2026-05-31T21:59:59Z'))).toBe('2026-05-31')
  })
})

describe('daysBetweenBerlinDates', () => {
  it('counts calendar days, including across DST changes', () => {
    expect(daysBetweenBerlinDates('2026-05-20', '2026-05-20')).toBe(0)
    expect(daysBetweenBerlinDates('2026-05-20', '2026-05-21')).toBe(1)
    expect(daysBetweenBerlinDates('2026-05-21', '2026-05-20')).toBe(-1)
    expect(daysBetweenBerlinDates('2026-03-28', '2026-03-30')).toBe(2)
    expect(daysBetweenBerlinDates('2026-10-24', '2026-10-26')).toBe(2)
    expect(daysBetweenBerlinDates('2025-03-30', '2025-10-26')).toBe(210)
    expect(daysBetweenBerlinDates('2026-01-01', '2027-01-01')).toBe(365)
    expect(daysBetweenBerlinDates('2028-01-01', '2029-01-01')).toBe(366)
  })

  it('throws on invalid dates', () => {
    expect(() => daysBetweenBerlinDates('2026-02-30', '2026-03-01')).toThrow(TimestampParseError)
    expect(() => daysBetweenBerlinDates('2026-03-01', '2026-03-01 00:00:00')).toThrow(TimestampParseError)
  })
})

describe('formatting', () => {
  it('formatBerlinDateTime', () => {
    expect(formatBerlinDateTime('2026-05-20 18:56:08', 'de')).toBe('20.05.2026 18:56')
    expect(formatBerlinDateTime('2026-05-20 18:56:08', 'en')).toBe('20 May 2026, 18:56')
    expect(formatBerlinDateTime('2026-09-05 08:03:00', 'de')).toBe('05.09.2026 08:03')
    expect(formatBerlinDateTime('2026-09-05 08:03:00', 'en')).toBe('5 Sep 2026, 08:03')
    // Shown as sent, without conversion, even inside the spring-forward gap.
    expect(formatBerlinDateTime('2026-03-29 02:30:00', 'de')).toBe('29.03.2026 02:30')
    expect(() => formatBerlinDateTime('2026-05-20', 'de')).toThrow(TimestampParseError)
  })

  it('formatBerlinDate', () => {
    expect(formatBerlinDate('2026-05-20', 'de')).toBe('20.05.2026')
    expect(formatBerlinDate('2026-05-20', 'en')).toBe('20 May 2026')
    expect(formatBerlinDate('2026-12-01 00:00:00', 'de')).toBe('01.12.2026')
    expect(formatBerlinDate('2026-01-31', 'en')).toBe('31 Jan 2026')
    expect(() => formatBerlinDate('2026-02-30', 'en')).toThrow(TimestampParseError)
    expect(() => formatBerlinDate('20.05.2026', 'de')).toThrow(TimestampParseError)
  })
})

describe('February and leap years (regression: non-leap Februaries were rejected)', () => {
  it('accepts every February day of a non-leap year and rejects the 29th', () => {
    for (let day = 1; day <= 28; day++) {
      const s = `2026-02-${String(day).padStart(2, '0')} 09:07:24`
      expect(isValidTimestamp(s)).toBe(true)
      expect(berlinMonthOf(s)).toBe('2026-02')
    }
    expect(isValidTimestamp('2026-02-29 09:07:24')).toBe(false)
    expect(isValidDate('2026-02-29')).toBe(false)
  })

  it('accepts 29 February in leap years only (2024, 2000; not 2100)', () => {
    expect(isValidDate('2024-02-29')).toBe(true)
    expect(isValidDate('2000-02-29')).toBe(true)
    expect(isValidDate('2100-02-29')).toBe(false)
    expect(berlinWallClockToInstant('2024-02-29 12:00:00').toISOString()).toBe('2024-02-29T11:00:00.000Z')
  })

  it('knows 30-day months', () => {
    expect(isValidDate('2026-04-30')).toBe(true)
    expect(isValidDate('2026-04-31')).toBe(false)
    expect(isValidDate('2026-12-31')).toBe(true)
  })
})
