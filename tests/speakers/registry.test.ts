import { SpeakerRegistry, type Speaker } from '../../src/core/speakers/registry';
import { skeleton } from '../../src/core/speakers/phonetic';
import { lookupSpeaker } from '../../src/core/speakers/lookup';

const shipped = SpeakerRegistry.load();
const who = (mention: string, reg = shipped) => reg.resolve(mention)?.speaker.name ?? null;

function person(id: string, name: string, ar: string[] = [], roles: Speaker['roles'] = []): Speaker {
  return { id, name, kind: 'person', aliases: { en: [], ar }, roles };
}

describe('sound skeletons', () => {
  it('sound the same across spellings and scripts', () => {
    expect(skeleton('Caggins')).toBe(skeleton('Kagens'));
    expect(skeleton('Caggins')).toBe(skeleton('كاغينز'));
    expect(skeleton('Copsey')).toBe(skeleton('كوبسي'));
    expect(skeleton('Gabriel')).toBe(skeleton('كبرئيل'));
    expect(skeleton('Gabriel')).toBe(skeleton('غابرييل'));
    expect(skeleton('Marotto')).toBe(skeleton('ماروتو'));
    expect(skeleton('al-Baghdadi')).toBe(skeleton('البغدادي'));
  });
});

describe('SpeakerRegistry.resolve (shipped directory)', () => {
  it('strips titles, ranks and suffixes', () => {
    expect(who('U.S. Army Lt. Gen. Paul LaCamera')).toBe('Paul LaCamera');
    expect(who('Col. Myles B. Caggins III')).toBe('Myles B. Caggins III');
    expect(who('العقيد واين ماروتو')).toBe('Wayne Marotto');
    expect(who('الجنرال كيفين كوبسي')).toBe('Kevin Copsey');
  });

  it('matches misspellings it has never seen', () => {
    expect(who('Myles Kagens')).toBe('Myles B. Caggins III');
    expect(who('Kagens')).toBe('Myles B. Caggins III');
    expect(who('Wayne Maruto')).toBe('Wayne Marotto');
    expect(who('Kevin Cobsey')).toBe('Kevin Copsey');
    expect(who('Keno Kabriel')).toBe('Kino Gabriel');
  });

  it('matches Arabic spellings to Latin names and back', () => {
    expect(who('كوبسي')).toBe('Kevin Copsey');
    expect(who('كينو كبرئيل')).toBe('Kino Gabriel');
    expect(who('كينو غابرييل')).toBe('Kino Gabriel');
  });

  it('accepts a reversed name only when every word matches', () => {
    expect(who('Caggins Myles')).toBe('Myles B. Caggins III');
    // Similar sounds in another order are a different person.
    const small = new SpeakerRegistry([person('abadi', 'Haider al-Abadi'), person('muhajir', 'Abu Umar al-Muhajir'), person('biden', 'Joe Biden', ['جو بايدن'])]);
    expect(who('Pat Ryder', small)).toBeNull();
    expect(who('Hazhar Omar', small)).toBeNull();
    // A missing sound is not a misspelling: Buccino is not Biden.
    expect(who('جو بوتشينو', small)).toBeNull();
  });

  it('treats compound Arabic names as one word ("الله" alone is nobody\'s surname)', () => {
    const small = new SpeakerRegistry([person('yarallah', 'Abdul Amir Yarallah', ['عبد الأمير يار الله'])]);
    expect(who('سامر العبد الله', small)).toBeNull();
    expect(who('عبد الأمير يار الله', small)).toBe('Abdul Amir Yarallah');
  });

  it('reads an Arabic full name with its father\'s names as the given name and family name', () => {
    // ثابت (محمد سعيد) العباسي: the directory knows ثابت العباسي.
    expect(who('ثابت محمد سعيد العباسي')).toBe('Thabet al-Abbasi');
    expect(shipped.resolve('ثابت محمد سعيد العباسي', { strict: true })?.speaker.name).toBe('Thabet al-Abbasi');
    // A different given name is somebody else.
    expect(who('محمد سعيد العباسي')).toBeNull();
  });

  it('in running text, a lone word matches only by its spelling unless the article named the person', () => {
    // "Spox" (spokesman) sounds like "Sabbagh"; "Kagens" sounds like Caggins.
    expect(shipped.resolve('Spox', { strict: true })).toBeNull();
    expect(shipped.resolve('Kagens', { strict: true })).toBeNull();
    expect(shipped.resolve('Kagens', { strict: true, inArticle: new Set(['myles-caggins']) })?.speaker.name).toBe('Myles B. Caggins III');
    expect(shipped.resolve('Copsey', { strict: true })?.speaker.name).toBe('Kevin Copsey');
  });

  it('prefers the exact spelling among sound-alikes', () => {
    expect(who('Bali')).toBe('Mustafa Bali');
  });

  it('leaves unknown people unresolved rather than forcing a match', () => {
    expect(who('Ahmed Hassan al-Jubouri')).toBeNull();
    expect(who('John Smith')).toBeNull();
  });
});

describe('SpeakerRegistry (small directories)', () => {
  it('resolves an ambiguous surname to nobody unless context decides', () => {
    const reg = new SpeakerRegistry([person('a', 'Ali Hassan'), person('b', 'Omar Hassan')]);
    expect(reg.resolve('Hassan')).toBeNull();
    expect(reg.resolve('Hassan', { inArticle: new Set(['b']) })?.speaker.id).toBe('b');
  });

  it('knows who held a role on a date', () => {
    const reg = new SpeakerRegistry([
      person('x', 'First Spokesman', [], [{ role: 'spokesman', org: 'coalition', from: '2019-08', to: '2020-09' }]),
      person('y', 'Second Spokesman', [], [{ role: 'spokesman', org: 'coalition', from: '2020-09', to: '2021-09' }]),
    ]);
    expect(reg.holders('spokesman', 'coalition', { value: '2020-03-06', precision: 'day' }).map((s) => s.id)).toEqual(['x']);
    expect(reg.holders('spokesman', 'coalition', { value: '2021-01', precision: 'month' }).map((s) => s.id)).toEqual(['y']);
  });

  it('learns new people once and finds them again by name', () => {
    const reg = new SpeakerRegistry([]);
    const a = reg.learn('Ahmed al-Khalil');
    expect(a.learned).toBe(true);
    expect(reg.learn('Ahmed al-Khalil').id).toBe(a.id);
    expect(reg.resolve('Ahmed al-Khalil')?.speaker.id).toBe(a.id);
  });

  it('rejects a directory with duplicate ids', () => {
    expect(() => new SpeakerRegistry([person('a', 'One'), person('a', 'Two')])).toThrow(/duplicate speaker id/);
  });
});

describe('lookupSpeaker (names typed by users)', () => {
  it('finds by any spelling and suggests on a miss', () => {
    const found = lookupSpeaker(shipped, 'kagens');
    expect(found.speaker?.name).toBe('Myles B. Caggins III');
    const miss = lookupSpeaker(shipped, 'Cagginz Jr Zzz');
    expect(miss.speaker).toBeNull();
  });
});
