/**
 * The shipped data the attribution relies on: config/speakers.yaml, config/roles.yaml and
 * config/gazetteer.yaml. These tests read the files as a user would edit them (plain YAML)
 * and check that they are well formed and consistent with each other: a wrong date or a
 * shared alias attributes a quote to the wrong person.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const CONFIG = path.join(__dirname, '..', '..', 'config');

const ARABIC = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;
const LATIN = /[A-Za-z\u00c0-\u024f]/;
const DATE = /^\d{4}(-(0[1-9]|1[0-2]))?$/;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

interface Role {
  role: string;
  org: string;
  rank?: string;
  title?: string;
  from?: string | number;
  to?: string | number;
}

interface Speaker {
  id: string;
  name: string;
  kind: string;
  aliases?: { en?: string[]; ar?: string[] };
  roles?: Role[];
}

type PhraseMap = Record<string, { en?: string[]; ar?: string[] }>;

interface RolesDoc {
  roles: PhraseMap;
  orgs: PhraseMap;
  ranks: { en: string[]; ar: string[] };
}

interface Gazetteer {
  places: { en: string[]; ar: string[] };
  organizations: { en: string[]; ar: string[] };
  org_words: { en: string[]; ar: string[] };
}

function parse(file: string): { value: unknown; problems: string[] } {
  const text = fs.readFileSync(path.join(CONFIG, file), 'utf8');
  const doc = YAML.parseDocument(text);
  const problems = [...doc.errors, ...doc.warnings].map((e) => `${file}: ${e.message}`);
  return { value: doc.toJS(), problems };
}

const speakersFile = parse('speakers.yaml');
const rolesFile = parse('roles.yaml');
const gazetteerFile = parse('gazetteer.yaml');
const speakers = ((speakersFile.value as { speakers?: Speaker[] })?.speakers ?? []) as Speaker[];
const rolesDoc = rolesFile.value as RolesDoc;
const gazetteer = gazetteerFile.value as Gazetteer;

/** Case, Arabic diacritics and letter variants folded, as the matcher does. */
function fold(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .toLowerCase()
    .trim();
}

/** A name as the resolver compares it: folded, Latin accents and punctuation dropped, no suffix. */
function nameKey(s: string): string {
  return fold(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[-_'’‘`´."“”()]/g, ' ')
    .split(/\s+/)
    .filter((t) => t && !['jr', 'sr', 'ii', 'iii', 'iv'].includes(t))
    .join(' ');
}

function allNames(s: Speaker): string[] {
  return [s.name, ...(s.aliases?.en ?? []), ...(s.aliases?.ar ?? [])];
}

/** Month index of a partial date: a bare year starts in January (from) or ends in December (to). */
function month(date: string | number | undefined, edge: 'start' | 'end'): number {
  if (date === undefined) return edge === 'start' ? -Infinity : Infinity;
  const [y, m] = String(date).split('-').map(Number);
  return y * 12 + (m ? m - 1 : edge === 'start' ? 0 : 11);
}

function holders(role: string, org: string, date: string): string[] {
  const at = month(date, 'start');
  return speakers
    .filter((s) => (s.roles ?? []).some((r) => r.role === role && r.org === org && month(r.from, 'start') <= at && at <= month(r.to, 'end')))
    .map((s) => s.id);
}

/** Whether `inner` occurs in `outer` as whole words. */
function containsWords(outer: string, inner: string): boolean {
  if (outer === inner) return false;
  const i = outer.indexOf(inner);
  if (i < 0) return false;
  const before = i === 0 ? ' ' : outer[i - 1];
  const after = i + inner.length >= outer.length ? ' ' : outer[i + inner.length];
  return /\s/.test(before) && /\s/.test(after);
}

/** Phrases listed after a longer phrase that contains them, e.g. "commander" before "deputy commander". */
function orderProblems(list: string[], where: string): string[] {
  const out: string[] = [];
  const folded = list.map(fold);
  for (let i = 0; i < folded.length; i++) {
    for (let j = i + 1; j < folded.length; j++) {
      if (containsWords(folded[j], folded[i])) out.push(`${where}: "${list[j]}" should come before "${list[i]}"`);
    }
  }
  return out;
}

function duplicates(list: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of list) {
    const k = fold(p);
    if (seen.has(k)) out.push(p);
    seen.add(k);
  }
  return out;
}

describe('config YAML files', () => {
  it('parse without errors or warnings', () => {
    expect([...speakersFile.problems, ...rolesFile.problems, ...gazetteerFile.problems]).toEqual([]);
  });
});

describe('config/speakers.yaml', () => {
  it('has a list of speakers', () => {
    expect(Array.isArray(speakers)).toBe(true);
    expect(speakers.length).toBeGreaterThanOrEqual(60);
  });

  it('gives every speaker a unique, lower-case-dashed id', () => {
    const bad = speakers.filter((s) => typeof s.id !== 'string' || !ID.test(s.id)).map((s) => String(s.id));
    expect(bad).toEqual([]);
    const ids = speakers.map((s) => s.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('gives every speaker a Latin-script name and a kind', () => {
    const bad = speakers.filter(
      (s) => typeof s.name !== 'string' || !s.name.trim() || ARABIC.test(s.name) || !['person', 'organization'].includes(s.kind),
    );
    expect(bad.map((s) => s.id)).toEqual([]);
  });

  it('keeps aliases in their script, and gives every person an Arabic spelling', () => {
    const problems: string[] = [];
    for (const s of speakers) {
      const en = s.aliases?.en ?? [];
      const ar = s.aliases?.ar ?? [];
      if (!Array.isArray(en) || !Array.isArray(ar)) {
        problems.push(`${s.id}: aliases.en and aliases.ar must be lists`);
        continue;
      }
      for (const a of en) if (typeof a !== 'string' || !a.trim() || ARABIC.test(a)) problems.push(`${s.id}: en alias ${JSON.stringify(a)}`);
      for (const a of ar) if (typeof a !== 'string' || !ARABIC.test(a) || LATIN.test(a)) problems.push(`${s.id}: ar alias ${JSON.stringify(a)}`);
      if (s.kind === 'person' && ar.length === 0) problems.push(`${s.id}: no Arabic alias`);
    }
    expect(problems).toEqual([]);
  });

  it('shares no alias between two speakers', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const s of speakers) {
      for (const n of allNames(s)) {
        for (const key of new Set([n.toLowerCase().trim(), nameKey(n)])) {
          const prev = owner.get(key);
          if (prev && prev !== s.id) clashes.push(`"${n}": ${prev} and ${s.id}`);
          owner.set(key, s.id);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('uses only role and org keys defined in config/roles.yaml', () => {
    const roleKeys = new Set(Object.keys(rolesDoc.roles));
    const orgKeys = new Set(Object.keys(rolesDoc.orgs));
    const problems: string[] = [];
    for (const s of speakers) {
      for (const r of s.roles ?? []) {
        if (!roleKeys.has(r.role)) problems.push(`${s.id}: role "${r.role}"`);
        if (!orgKeys.has(r.org)) problems.push(`${s.id}: org "${r.org}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('dates every role with well-formed YYYY or YYYY-MM, from <= to', () => {
    const problems: string[] = [];
    const thisYear = new Date().getFullYear();
    for (const s of speakers) {
      if (s.kind === 'person' && (s.roles ?? []).length === 0) problems.push(`${s.id}: a person with no role`);
      for (const r of s.roles ?? []) {
        if (r.from === undefined) problems.push(`${s.id}: ${r.role}/${r.org} has no "from"`);
        for (const d of [r.from, r.to]) {
          if (d === undefined) continue;
          if (!DATE.test(String(d))) problems.push(`${s.id}: ${r.role}/${r.org} date ${String(d)}`);
          else if (Number(String(d).slice(0, 4)) < 1970 || Number(String(d).slice(0, 4)) > thisYear + 1) problems.push(`${s.id}: implausible date ${String(d)}`);
        }
        if (month(r.from, 'start') > month(r.to, 'end')) problems.push(`${s.id}: ${r.role}/${r.org} from ${String(r.from)} after to ${String(r.to)}`);
        if (typeof r.title !== 'string' || !r.title.trim()) problems.push(`${s.id}: ${r.role}/${r.org} has no title`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has one holder at a time for single-holder offices (the handover month may overlap)', () => {
    const offices: Array<[string, string]> = [
      ['commander', 'coalition'], ['spokesman', 'coalition'], ['special-envoy', 'coalition'], ['commander', 'centcom'],
      ['head', 'us'], ['defense-minister', 'us'], ['foreign-minister', 'us'],
      ['prime-minister', 'iraq'], ['head', 'iraq'], ['defense-minister', 'iraq'], ['interior-minister', 'iraq'],
      ['national-security-adviser', 'iraq'], ['prime-minister', 'kurdistan-region'], ['head', 'kurdistan-region'],
      ['commander', 'sdf'], ['spokesman', 'sdf'], ['leader', 'isis'], ['spokesman', 'isis'], ['head', 'syria'], ['head', 'turkey'],
    ];
    const problems: string[] = [];
    for (const [role, org] of offices) {
      const terms = speakers.flatMap((s) => (s.roles ?? []).filter((r) => r.role === role && r.org === org).map((r) => ({ id: s.id, from: month(r.from, 'start'), to: month(r.to, 'end') })));
      for (let i = 0; i < terms.length; i++) {
        for (let j = i + 1; j < terms.length; j++) {
          const a = terms[i];
          const b = terms[j];
          if (a.id === b.id) continue;
          const overlap = Math.min(a.to, b.to) - Math.max(a.from, b.from) + 1;
          if (overlap > 1) problems.push(`${role}/${org}: ${a.id} and ${b.id} overlap by ${overlap} months`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('names the people of the seed articles with their canonical spellings', () => {
    const names = new Set(speakers.map((s) => s.name));
    for (const n of ['Myles B. Caggins III', 'Mustafa Bali', 'Paul LaCamera', 'Kevin Copsey', 'Wayne Marotto', 'Kino Gabriel']) {
      expect(names.has(n)).toBe(true);
    }
  });

  it('resolves role descriptions to whoever held the job on the date', () => {
    expect(holders('spokesman', 'coalition', '2020-03')).toEqual(['myles-caggins']);
    expect(holders('spokesman', 'coalition', '2020-11')).toEqual(['wayne-marotto']);
    expect(holders('spokesman', 'coalition', '2017-07')).toEqual(['ryan-dillon']);
    expect(holders('deputy-commander', 'coalition', '2020-11')).toEqual(['kevin-copsey']);
    expect(holders('commander', 'coalition', '2019-03')).toEqual(['paul-lacamera']);
    expect(holders('commander', 'coalition', '2020-03')).toEqual(['pat-white']);
    expect(holders('spokesman', 'sdf', '2020-11')).toEqual(['kino-gabriel']);
    expect(holders('head-of-media-office', 'sdf', '2020-03')).toEqual(['mustafa-bali']);
    expect(holders('commander', 'sdf', '2020-03')).toEqual(['mazloum-abdi']);
    expect(holders('prime-minister', 'iraq', '2020-11')).toEqual(['mustafa-al-kadhimi']);
    expect(holders('head', 'us', '2020-11')).toEqual(['donald-trump']);
    expect(holders('defense-minister', 'us', '2020-11')).toEqual(expect.arrayContaining(['mark-esper', 'christopher-miller']));
    expect(holders('leader', 'isis', '2019-03')).toEqual(['abu-bakr-al-baghdadi']);
  });
});

describe('config/roles.yaml', () => {
  const sections: Array<[string, PhraseMap]> = [
    ['roles', rolesDoc.roles],
    ['orgs', rolesDoc.orgs],
  ];

  it('has roles, orgs and ranks in both scripts', () => {
    expect(Object.keys(rolesDoc.roles).length).toBeGreaterThan(0);
    expect(Object.keys(rolesDoc.orgs).length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const [section, map] of sections) {
      for (const [key, v] of Object.entries(map)) {
        if (!ID.test(key)) problems.push(`${section}.${key}: key must be lower-case-dashed`);
        const en = v?.en ?? [];
        const ar = v?.ar ?? [];
        if (!Array.isArray(en) || en.length === 0) problems.push(`${section}.${key}: no en phrases`);
        if (!Array.isArray(ar) || ar.length === 0) problems.push(`${section}.${key}: no ar phrases`);
        for (const p of en) if (typeof p !== 'string' || !p.trim() || ARABIC.test(p)) problems.push(`${section}.${key}.en: ${JSON.stringify(p)}`);
        for (const p of ar) if (typeof p !== 'string' || !ARABIC.test(p) || LATIN.test(p)) problems.push(`${section}.${key}.ar: ${JSON.stringify(p)}`);
      }
    }
    for (const p of rolesDoc.ranks.en) if (typeof p !== 'string' || ARABIC.test(p)) problems.push(`ranks.en: ${JSON.stringify(p)}`);
    for (const p of rolesDoc.ranks.ar) if (typeof p !== 'string' || !ARABIC.test(p)) problems.push(`ranks.ar: ${JSON.stringify(p)}`);
    expect(problems).toEqual([]);
    expect(rolesDoc.ranks.en.length).toBeGreaterThan(10);
    expect(rolesDoc.ranks.ar.length).toBeGreaterThan(10);
  });

  it('gives each phrase to one key only', () => {
    const problems: string[] = [];
    for (const [section, map] of sections) {
      const owner = new Map<string, string>();
      for (const [key, v] of Object.entries(map)) {
        for (const p of [...(v.en ?? []), ...(v.ar ?? [])]) {
          const k = fold(p);
          const prev = owner.get(k);
          if (prev && prev !== key) problems.push(`${section}: "${p}" in ${prev} and ${key}`);
          if (prev === key) problems.push(`${section}.${key}: "${p}" twice`);
          owner.set(k, key);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists longer phrases before the shorter ones they contain', () => {
    const problems: string[] = [];
    for (const [section, map] of sections) {
      for (const [key, v] of Object.entries(map)) {
        problems.push(...orderProblems(v.en ?? [], `${section}.${key}.en`), ...orderProblems(v.ar ?? [], `${section}.${key}.ar`));
      }
    }
    problems.push(...orderProblems(rolesDoc.ranks.en, 'ranks.en'), ...orderProblems(rolesDoc.ranks.ar, 'ranks.ar'));
    expect(problems).toEqual([]);
  });

  it('covers the role descriptions of the seed articles', () => {
    const phrases = (map: PhraseMap, key: string) => [...(map[key]?.en ?? []), ...(map[key]?.ar ?? [])].map(fold);
    expect(phrases(rolesDoc.roles, 'spokesman')).toEqual(expect.arrayContaining(['spokesman', 'spokesperson', 'official spokesman', 'الناطق باسم', 'المتحدث الرسمي']));
    expect(phrases(rolesDoc.roles, 'deputy-commander')).toEqual(expect.arrayContaining(['deputy commander-in-chief', fold('نائب القائد العام')]));
    expect(phrases(rolesDoc.roles, 'commander')).toEqual(expect.arrayContaining(['commanding general', 'commander']));
    expect(phrases(rolesDoc.roles, 'head-of-media-office')).toEqual(expect.arrayContaining(['director of the media office']));
    expect(phrases(rolesDoc.orgs, 'coalition')).toEqual(expect.arrayContaining(['international coalition', 'international alliance', 'coalition forces', fold('التحالف الدولي')]));
    expect(phrases(rolesDoc.orgs, 'sdf')).toEqual(expect.arrayContaining(['syrian democratic forces', 'sdf', 'qasd', fold('قوات سوريا الديمقراطية'), 'قسد']));
    expect(rolesDoc.ranks.en.map(fold)).toEqual(expect.arrayContaining(['lt. gen.', 'maj. gen.', 'col.', 'colonel', 'general', 'u.s. army']));
    expect(rolesDoc.ranks.ar.map(fold)).toEqual(expect.arrayContaining([fold('الجنرال'), fold('العقيد'), fold('اللواء')]));
  });
});

describe('config/gazetteer.yaml', () => {
  const sections = ['places', 'organizations', 'org_words'] as const;

  it('has places, organisations and org words in both scripts, without duplicates', () => {
    const problems: string[] = [];
    for (const section of sections) {
      const en = gazetteer[section]?.en ?? [];
      const ar = gazetteer[section]?.ar ?? [];
      if (en.length === 0 || ar.length === 0) problems.push(`${section}: empty`);
      for (const p of en) if (typeof p !== 'string' || !p.trim() || ARABIC.test(p)) problems.push(`${section}.en: ${JSON.stringify(p)}`);
      for (const p of ar) if (typeof p !== 'string' || !ARABIC.test(p) || LATIN.test(p)) problems.push(`${section}.ar: ${JSON.stringify(p)}`);
      for (const d of duplicates([...en, ...ar])) problems.push(`${section}: "${d}" twice`);
    }
    expect(problems).toEqual([]);
  });

  it('knows the places and outlets of the beat', () => {
    const places = new Set([...gazetteer.places.en, ...gazetteer.places.ar].map(fold));
    for (const p of [
      'Rmelan', 'Rumilan', 'Rumailan', 'رميلان', 'Baghouz', 'Baguz', 'Hajin', 'Dashisha', 'Hasakah', 'Al-Hasakah', 'Qamishli',
      'Deir ez-Zor', 'Deir al-Zor', 'Deir Al-Zour', 'Raqqa', 'Manbij', 'Kobani', 'Al-Hol', 'al-Omar field', 'Mosul', 'Tal Afar',
      'Kirkuk', 'Diyala', 'Anbar', 'Sinjar', 'Makhmour', 'Erbil', 'Sulaymaniyah', 'Duhok', 'Al-Waleed crossing', 'Semalka',
      'Al-Malikiyah', 'Syria', 'Iraq', 'Kurdish', 'الحسكة', 'القامشلي', 'دير الزور', 'الرقة', 'سوريا', 'العراق',
    ]) {
      expect([p, places.has(fold(p))]).toEqual([p, true]);
    }
    const orgs = new Set([...gazetteer.organizations.en, ...gazetteer.organizations.ar].map(fold));
    for (const o of [
      'ISIS', 'ISIL', 'Daesh', 'IS', 'داعش', 'SDF', 'YPG', 'YPJ', 'PKK', 'PMF', 'Hashd', 'Peshmerga', 'CTS', 'Pentagon', 'CENTCOM',
      'White House', 'State Department', 'Al Arabiya', 'Shafaq News', 'Rudaw', 'Kurdistan24', 'Reuters', 'AFP', 'AP', 'قسد',
      'البيشمركة', 'الحشد الشعبي',
    ]) {
      expect([o, orgs.has(fold(o))]).toEqual([o, true]);
    }
    const words = new Set([...gazetteer.org_words.en, ...gazetteer.org_words.ar].map(fold));
    for (const w of ['Forces', 'Ministry', 'Council', 'Command', 'Coalition', 'Agency', 'News', 'Cell', 'قوات', 'وزارة', 'خلية']) {
      expect([w, words.has(fold(w))]).toEqual([w, true]);
    }
  });

  it('keeps multi-word places whole (no bare name particles that would swallow person names)', () => {
    const particles = ['al', 'el', 'tal', 'tel', 'tell', 'deir', 'ras', 'abu', 'ain', 'ayn', 'umm', 'bin', 'mount', 'jabal', 'ال', 'تل', 'أبو', 'عين', 'رأس', 'دير'];
    const single = new Set([...gazetteer.places.en, ...gazetteer.places.ar, ...gazetteer.organizations.en, ...gazetteer.organizations.ar].map(fold));
    expect(particles.filter((p) => single.has(fold(p)))).toEqual([]);
  });

  it('never lists a speaker’s name or alias as a place or organisation', () => {
    const owner = new Map<string, string>();
    for (const s of speakers) for (const n of allNames(s)) owner.set(nameKey(n), s.id);
    const clashes: string[] = [];
    for (const section of ['places', 'organizations'] as const) {
      for (const p of [...gazetteer[section].en, ...gazetteer[section].ar]) {
        const id = owner.get(nameKey(p));
        if (id) clashes.push(`${section}: "${p}" is a name of ${id}`);
      }
    }
    expect(clashes).toEqual([]);
  });
});
