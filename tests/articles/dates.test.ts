import { findPublicationDate, parseDate, readDateLine } from '../../src/core/articles/dates';
import { makePartialDate, parsePartialDate } from '../../src/core/articles/partialDate';

const day = (value: string) => ({ value, precision: 'day' });
const month = (value: string) => ({ value, precision: 'month' });
const year = (value: string) => ({ value, precision: 'year' });

describe('partial dates', () => {
  it('reads the three precisions and rejects impossible dates', () => {
    expect(parsePartialDate('2020-03-06')).toEqual(day('2020-03-06'));
    expect(parsePartialDate('2020-03')).toEqual(month('2020-03'));
    expect(parsePartialDate('2020')).toEqual(year('2020'));
    expect(parsePartialDate('2020-02-29')).toEqual(day('2020-02-29'));
    for (const bad of ['2019-02-29', '2020-04-31', '2020-13', '2020-00', '0042', '2020-3-6', '06-03-2020', '']) {
      expect(parsePartialDate(bad)).toBeUndefined();
    }
    expect(makePartialDate(2020, 2, 30)).toBeUndefined();
  });
});

describe('parseDate', () => {
  it.each([
    ['Last Modified: Sunday، 24 March 2019 02:47 PM', day('2019-03-24')],
    ['24-09-2019', day('2019-09-24')],
    ['24/09/2019', day('2019-09-24')],
    ['2020/11/24', day('2020-11-24')],
    ['2021-08-30 11:42', day('2021-08-30')],
    ['November 24, 2020', day('2020-11-24')],
    ['Nov. 24, 2020', day('2020-11-24')],
    ['24 Nov 2020', day('2020-11-24')],
    ['24th of November 2020', day('2020-11-24')],
    ['Sept 3, 2019', day('2019-09-03')],
    ['٢٤ تشرين الثاني ٢٠٢٠', day('2020-11-24')],
    ['الثلاثاء 24 كانون الثاني 2020', day('2020-01-24')],
    ['24 آذار/مارس 2019', day('2019-03-24')],
    ['24 آذار (مارس) 2019', day('2019-03-24')],
    ['١٦ أكتوبر ٢٠٢٠', day('2020-10-16')],
    ['4 إبريل 2023', day('2023-04-04')],
    ['March 2019', month('2019-03')],
    ['كانون الأول 2021', month('2021-12')],
  ])('%s', (text, expected) => {
    expect(parseDate(text)).toEqual(expected);
  });

  it('reads dd-mm-yyyy day first, month first only when day first is impossible', () => {
    expect(parseDate('05-06-2020')).toEqual(day('2020-06-05'));
    expect(parseDate('09-24-2019')).toEqual(day('2019-09-24'));
  });

  it('rejects impossible dates and bare numbers', () => {
    expect(parseDate('31-02-2019')).toBeUndefined();
    expect(parseDate('32 March 2019')).toBeUndefined();
    expect(parseDate('2019-13-01')).toBeUndefined();
    expect(parseDate('killed 2019 fighters')).toBeUndefined();
    expect(parseDate('2019', { allowYearOnly: true })).toEqual(year('2019'));
    expect(parseDate('Marchers 2019')).toBeUndefined();
  });
});

describe('readDateLine', () => {
  it('accepts labelled dates and lines that are only a date', () => {
    expect(readDateLine('Last Modified: Sunday، 24 March 2019 02:47 PM')).toEqual({ date: day('2019-03-24'), rank: 2 });
    expect(readDateLine('Published: 2020')).toEqual({ date: year('2020'), rank: 0 });
    expect(readDateLine('تاريخ النشر: 16 تشرين الأول 2020')).toEqual({ date: day('2020-10-16'), rank: 0 });
    expect(readDateLine('24-09-2019')?.date).toEqual(day('2019-09-24'));
    expect(readDateLine('July 9, 2023 9:41 PM GMT+3 Updated 2 years ago')?.date).toEqual(day('2023-07-09'));
    expect(readDateLine('27 September 2024 AD - 24 Rabi\' al-Awwal 1446 AH')?.date).toEqual(day('2024-09-27'));
    expect(readDateLine('By CJTF-OIR Public Affairs | March 14, 2022')?.date).toEqual(day('2022-03-14'));
    expect(readDateLine('الثلاثاء ٢٤ تشرين الثاني ٢٠٢٠')?.date).toEqual(day('2020-11-24'));
  });

  it('ignores prose that mentions a date', () => {
    expect(readDateLine('In September 2018, the SDF began its ground operation.')).toBeUndefined();
    expect(readDateLine('The attack on 24 March 2019 killed three.')).toBeUndefined();
    expect(readDateLine('March 23th in the last year witnessed the official announcement')).toBeUndefined();
  });
});

describe('findPublicationDate', () => {
  it('prefers a publication label over an update label', () => {
    expect(findPublicationDate('Title\nUpdated: 25 March 2019\nPublished: 24 March 2019\n\nStory.')).toEqual(day('2019-03-24'));
  });

  it('reads a date that opens the lead paragraph', () => {
    expect(findPublicationDate('Title\n\n24-09-2019 Shafaq News/ The coalition said on Tuesday that …')).toEqual(day('2019-09-24'));
  });

  it('finds nothing in a story without a date line', () => {
    expect(findPublicationDate('Title\n\nIn September 2018, the SDF began its operation. Officials said on March 23 that it ended.')).toBeUndefined();
  });
});
