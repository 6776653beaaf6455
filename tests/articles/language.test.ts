import { detectLanguage } from '../../src/core/articles/language';

describe('detectLanguage', () => {
  it('tells Arabic from English', () => {
    expect(detectLanguage('The US-led coalition has congratulated the Syrian Democratic Forces (SDF).')).toBe('en');
    expect(detectLanguage('وصل اليوم الثلاثاء كل من نائب القائد العام لقوات التحالف الدولي لمحاربة تنظيم داعش')).toBe('ar');
  });

  it('counts an Arabic story with Latin names and banners as Arabic', () => {
    const text = 'NORTH PULSE NETWORK NPN\n\nقال المتحدث باسم التحالف الدولي (CJTF-OIR) العقيد واين ماروتو لـ SDF إن المهمة لم تنته بعد.';
    expect(detectLanguage(text)).toBe('ar');
  });

  it('counts an English story quoting an Arabic phrase as English', () => {
    expect(detectLanguage('The group, known in Arabic as داعش, lost its last territory in Baghouz in March 2019 after a long siege.')).toBe('en');
  });

  it('falls back when there are hardly any letters', () => {
    expect(detectLanguage('2020-11-24 12:00')).toBe('en');
    expect(detectLanguage('2020-11-24', 'ar')).toBe('ar');
    expect(detectLanguage('')).toBe('en');
  });
});
