// NYSE's regular holidays by rule (data/nyseHolidays.ts), against the exchange's published
// calendars for each year (by hand; unscheduled closures such as 2018-12-05 are not rules).
import { describe, expect, it } from 'vitest';
import { isoDay, parseIsoDay } from '../../data/dates.ts';
import { isNyseHoliday } from '../../data/nyseHolidays.ts';

/** Every holiday of `year`, as ISO dates. */
function holidays(year: number): string[] {
  const out: string[] = [];
  for (let d = parseIsoDay(`${year}-01-01`); d <= parseIsoDay(`${year}-12-31`); d++) if (isNyseHoliday(d)) out.push(isoDay(d));
  return out;
}

describe('isNyseHoliday', () => {
  it('2024: Good Friday March 29, Juneteenth on its day, Christmas on a Wednesday', () => {
    expect(holidays(2024)).toEqual(['2024-01-01', '2024-01-15', '2024-02-19', '2024-03-29', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02', '2024-11-28', '2024-12-25']);
  });

  it('2023: New Year\'s Day on a Sunday is observed Monday January 2', () => {
    expect(holidays(2023)).toEqual(['2023-01-02', '2023-01-16', '2023-02-20', '2023-04-07', '2023-05-29', '2023-06-19', '2023-07-04', '2023-09-04', '2023-11-23', '2023-12-25']);
  });

  it('2022: New Year\'s Day on a Saturday is not observed; Juneteenth (first year) and Christmas on Sundays move to Monday', () => {
    expect(holidays(2022)).toEqual(['2022-01-17', '2022-02-21', '2022-04-15', '2022-05-30', '2022-06-20', '2022-07-04', '2022-09-05', '2022-11-24', '2022-12-26']);
  });

  it('2021: Independence Day on a Sunday → Monday July 5, Christmas on a Saturday → Friday December 24; no Juneteenth before 2022', () => {
    expect(holidays(2021)).toEqual(['2021-01-01', '2021-01-18', '2021-02-15', '2021-04-02', '2021-05-31', '2021-07-05', '2021-09-06', '2021-11-25', '2021-12-24']);
  });

  it('2018 and 1997: Good Friday March 30; no Martin Luther King Jr. Day before 1998', () => {
    expect(holidays(2018)).toEqual(['2018-01-01', '2018-01-15', '2018-02-19', '2018-03-30', '2018-05-28', '2018-07-04', '2018-09-03', '2018-11-22', '2018-12-25']);
    expect(holidays(1997)).toEqual(['1997-01-01', '1997-02-17', '1997-03-28', '1997-05-26', '1997-07-04', '1997-09-01', '1997-11-27', '1997-12-25']);
  });
});
