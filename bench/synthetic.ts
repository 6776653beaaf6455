/**
 * A deterministic synthetic news corpus in the style of the seed articles: English and Arabic
 * stories about the coalition against ISIS, quotations in the frames real reporting uses, many
 * speakers, and outlet clutter around the story. Article i depends only on (seed, i) and the
 * speaker list, so any prefix of the corpus is the same whatever its total size.
 *
 * Each article also carries where its quotations are (ground truth by construction), which lets
 * the benchmark build a large quote index without running the extractor a million times.
 */
import type { Language, PartialDate, QuoteKind } from '../src/core/types';

// ---------------------------------------------------------------------------------------------
// Seeded randomness (no Math.random: the corpus must be the same on every run)

/** mulberry32: small, fast, good enough for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes numbers into one 32-bit seed (murmur3 finaliser per part). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h ^= p >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  /** An index in [0, n) favouring the start: a few speakers are quoted far more than the rest. */
  skewed(n: number, power = 2.5): number {
    return Math.min(n - 1, Math.floor(n * Math.pow(this.next(), power)));
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: [English, Arabic] pairs

type Pair = readonly [string, string];

const FIRST_NAMES: Pair[] = [
  ['Ahmed', 'أحمد'], ['Mohammed', 'محمد'], ['Ali', 'علي'], ['Hassan', 'حسن'], ['Hussein', 'حسين'],
  ['Omar', 'عمر'], ['Khalid', 'خالد'], ['Youssef', 'يوسف'], ['Ibrahim', 'إبراهيم'], ['Mahmoud', 'محمود'],
  ['Saad', 'سعد'], ['Karim', 'كريم'], ['Tariq', 'طارق'], ['Nabil', 'نبيل'], ['Sami', 'سامي'],
  ['Faisal', 'فيصل'], ['Jamal', 'جمال'], ['Adel', 'عادل'], ['Rami', 'رامي'], ['Ziad', 'زياد'],
  ['Salah', 'صلاح'], ['Walid', 'وليد'], ['Bassam', 'بسام'], ['Hamid', 'حميد'], ['Layla', 'ليلى'],
  ['Nadia', 'نادية'], ['Rania', 'رانيا'], ['Huda', 'هدى'], ['Amira', 'أميرة'], ['Farida', 'فريدة'],
  ['Salma', 'سلمى'], ['Dalia', 'داليا'], ['John', 'جون'], ['David', 'ديفيد'], ['Michael', 'مايكل'],
  ['Robert', 'روبرت'], ['James', 'جيمس'], ['Thomas', 'توماس'], ['Steven', 'ستيفن'], ['Brian', 'براين'],
  ['Scott', 'سكوت'], ['Mark', 'مارك'], ['Sarah', 'سارة'], ['Emily', 'إيميلي'], ['Laura', 'لورا'],
  ['Anna', 'آنا'], ['Jennifer', 'جينيفر'], ['Daniel', 'دانيال'], ['Peter', 'بيتر'], ['Richard', 'ريتشارد'],
];
const FEMALE = new Set(['Layla', 'Nadia', 'Rania', 'Huda', 'Amira', 'Farida', 'Salma', 'Dalia', 'Sarah', 'Emily', 'Laura', 'Anna', 'Jennifer']);

const LAST_NAMES: Pair[] = [
  ['al-Obeidi', 'العبيدي'], ['al-Jubouri', 'الجبوري'], ['al-Khafaji', 'الخفاجي'], ['al-Saadi', 'الساعدي'],
  ['al-Dulaimi', 'الدليمي'], ['al-Tamimi', 'التميمي'], ['al-Zubaidi', 'الزبيدي'], ['al-Rubaie', 'الربيعي'],
  ['al-Shammari', 'الشمري'], ['al-Hashimi', 'الهاشمي'], ['al-Amiri', 'العامري'], ['Haddad', 'حداد'],
  ['Khoury', 'خوري'], ['Nasser', 'ناصر'], ['Saleh', 'صالح'], ['Mansour', 'منصور'], ['Othman', 'عثمان'],
  ['Qasim', 'قاسم'], ['Rashid', 'راشد'], ['Suleiman', 'سليمان'], ['Yasin', 'ياسين'], ['Darwish', 'درويش'],
  ['Karimi', 'كريمي'], ['Hamdan', 'حمدان'], ['Aziz', 'عزيز'], ['Jaber', 'جابر'], ['Taha', 'طه'],
  ['Fadel', 'فاضل'], ['Murad', 'مراد'], ['Issa', 'عيسى'], ['Smith', 'سميث'], ['Johnson', 'جونسون'],
  ['Williams', 'ويليامز'], ['Brown', 'براون'], ['Davis', 'ديفيس'], ['Miller', 'ميلر'], ['Wilson', 'ويلسون'],
  ['Moore', 'مور'], ['Taylor', 'تايلور'], ['Anderson', 'أندرسون'], ['Jackson', 'جاكسون'], ['Harris', 'هاريس'],
  ['Martin', 'مارتن'], ['Thompson', 'تومسون'], ['Clark', 'كلارك'], ['Walker', 'ووكر'], ['Wright', 'رايت'],
  ['Baker', 'بيكر'], ['Nelson', 'نيلسون'], ['Carter', 'كارتر'], ['Mitchell', 'ميتشل'], ['Roberts', 'روبرتس'],
];

const ROLES: Pair[] = [
  ['spokesman for the Joint Operations Command', 'المتحدث باسم قيادة العمليات المشتركة'],
  ['commander of the Anbar Operations Command', 'قائد عمليات الأنبار'],
  ['member of the parliamentary security and defence committee', 'عضو لجنة الأمن والدفاع النيابية'],
  ['spokesperson for the US-led coalition', 'المتحدث باسم التحالف الدولي بقيادة الولايات المتحدة'],
  ['governor of Nineveh', 'محافظ نينوى'],
  ['senior official in the Ministry of Peshmerga', 'مسؤول رفيع في وزارة البيشمركة'],
  ['head of the Security Media Cell', 'رئيس خلية الإعلام الأمني'],
  ['SDF commander in Deir ez-Zor', 'القيادي في قوات سوريا الديمقراطية في دير الزور'],
  ['Pentagon press secretary', 'المتحدث باسم وزارة الدفاع الأمريكية'],
  ['mayor of Sinjar', 'قائممقام سنجار'],
  ['director of the al-Hol camp administration', 'مدير إدارة مخيم الهول'],
  ['adviser to the Iraqi prime minister', 'مستشار رئيس الوزراء العراقي'],
  ['co-chair of the foreign relations department of the Autonomous Administration', 'الرئيس المشترك لدائرة العلاقات الخارجية في الإدارة الذاتية'],
  ['deputy commander of the coalition forces', 'نائب قائد قوات التحالف الدولي'],
  ['spokesman for the Counter-Terrorism Service', 'المتحدث باسم جهاز مكافحة الإرهاب'],
];
const RANKS: Pair[] = [['Col.', 'العقيد'], ['Maj. Gen.', 'اللواء'], ['Brig. Gen.', 'العميد'], ['Lt. Gen.', 'الفريق'], ['Gen.', 'الجنرال']];

const PLACES: Pair[] = [
  ['Mosul', 'الموصل'], ['Kirkuk', 'كركوك'], ['Anbar', 'الأنبار'], ['Diyala', 'ديالى'], ['Salahuddin', 'صلاح الدين'],
  ['Deir ez-Zor', 'دير الزور'], ['Raqqa', 'الرقة'], ['Hasakah', 'الحسكة'], ['Qamishli', 'القامشلي'], ['Manbij', 'منبج'],
  ['Sinjar', 'سنجار'], ['Tal Afar', 'تلعفر'], ['Fallujah', 'الفلوجة'], ['Ramadi', 'الرمادي'], ['Baiji', 'بيجي'],
  ['Hajin', 'هجين'], ['Baghouz', 'الباغوز'], ['Albu Kamal', 'البوكمال'], ['Rmelan', 'رميلان'], ['Shaddadi', 'الشدادي'],
  ['Makhmour', 'مخمور'], ['Tuz Khurmatu', 'طوزخورماتو'], ['Samarra', 'سامراء'], ['Tikrit', 'تكريت'], ['Hawija', 'الحويجة'],
  ['Kobani', 'عين العرب'],
];
const FORCES: Pair[] = [
  ['the Iraqi security forces', 'القوات الأمنية العراقية'], ['the Syrian Democratic Forces', 'قوات سوريا الديمقراطية'],
  ['the Peshmerga', 'البيشمركة'], ['the Counter-Terrorism Service', 'جهاز مكافحة الإرهاب'], ['the Iraqi army', 'الجيش العراقي'],
  ['coalition forces', 'قوات التحالف'], ['the federal police', 'الشرطة الاتحادية'], ['the Popular Mobilization Forces', 'الحشد الشعبي'],
];
const ENEMIES: Pair[] = [['ISIS', 'داعش'], ['Daesh', 'تنظيم داعش'], ['the Islamic State', 'التنظيم'], ['ISIS', 'داعش الإرهابي']];
const CAMPS: Pair[] = [['al-Hol', 'الهول'], ['Roj', 'روج'], ['Jeddah 5', 'الجدعة']];
const TERRAIN: Pair[] = [['desert', 'صحراء'], ['valleys', 'وديان'], ['mountains', 'جبال'], ['orchards', 'بساتين']];
const REGIONS: Pair[] = [['northeastern Syria', 'شمال شرق سوريا'], ['western Iraq', 'غرب العراق'], ['the border area', 'المنطقة الحدودية'], ['the Kurdistan Region', 'إقليم كردستان']];
const WEEKDAYS: Pair[] = [['Monday', 'الاثنين'], ['Tuesday', 'الثلاثاء'], ['Wednesday', 'الأربعاء'], ['Thursday', 'الخميس'], ['Friday', 'الجمعة'], ['Saturday', 'السبت'], ['Sunday', 'الأحد']];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// Quotation content. Slots: {place} {place2} {force} {force2} {enemy} {num} {camp} {terrain} {region}.
const QUOTES_EN = [
  'We will continue to support our partners in {place} until the enduring defeat of {enemy}.',
  'The mission against {enemy} is not over yet, and our forces remain committed to it.',
  '{Force} carried out {num} operations against {enemy} cells near {place} last month.',
  'There is no withdrawal from {place}; these are routine movements of our forces.',
  'The threat posed by {enemy} remains, especially in the {terrain} between {place} and {place2}.',
  'Our priority is the safe return of displaced families to their homes in {place}.',
  'We have detained {num} suspects who were planning attacks on civilians in {place}.',
  'The camps and detention centres holding {enemy} members need international support.',
  'The coalition is committed to training and advising {force} in {place}.',
  'We call on the international community to repatriate its citizens from the {camp} camp.',
  'Coordination between {force} and {force2} has improved security along the border.',
  'Any attack on our bases will be met with a proportionate response.',
  'The funding networks of {enemy} have been weakened, but they have not been eliminated.',
  'At least {num} civilians were killed in the attack, and the investigation is ongoing.',
  'The reconstruction of {place} requires more than a military victory.',
  'We are working with the government of Iraq at its invitation and with its approval.',
  'Air strikes destroyed {num} hideouts used by {enemy} in the {terrain} of {place}.',
  'It is important for us to remember all those who died during the fight against {enemy}.',
  'The political track is the only way to find solutions and avoid escalation in {region}.',
  'We are now in a new phase, in which the focus is on intelligence and advice.',
  'If it were not for the sacrifices of {force}, this victory would not have been achieved.',
  'The sleeper cells of {enemy} are trying to exploit the security gaps in {region}.',
];
const CLAUSES_EN = [
  '{force} would continue operations against {enemy} remnants in {place}',
  'the security situation in {place} was stable despite the recent attacks',
  '{num} members of {enemy} had been arrested in a joint operation near {place}',
  'talks with {force} about the future of the mission were still ongoing',
  'the coalition had no plans to withdraw its troops from {place}',
  'the attack near {place} showed that {enemy} was still able to move across the {terrain}',
  'more support was needed for the families returning to {place}',
  'intelligence sharing with {force} had led to the capture of {num} suspects',
];
const QUOTES_AR = [
  'سنواصل دعم شركائنا في {place} حتى الهزيمة الدائمة لـ{enemy}.',
  'المهمة ضد {enemy} لم تنتهِ بعد، وقواتنا ملتزمة بها.',
  'نفذت {force} {num} عمليات ضد خلايا {enemy} قرب {place} خلال الشهر الماضي.',
  'لا يوجد انسحاب من {place}، وهذه تحركات روتينية لقواتنا.',
  'التهديد الذي يشكله {enemy} لا يزال قائماً، خاصة في {terrain} بين {place} و{place2}.',
  'أولويتنا هي العودة الآمنة للعائلات النازحة إلى منازلها في {place}.',
  'اعتقلنا {num} مشتبهاً بهم كانوا يخططون لهجمات على المدنيين في {place}.',
  'المخيمات ومراكز الاحتجاز التي تضم عناصر {enemy} بحاجة إلى دعم دولي.',
  'التحالف ملتزم بتدريب وتقديم المشورة لـ{force} في {place}.',
  'ندعو المجتمع الدولي إلى إعادة مواطنيه من مخيم {camp}.',
  'التنسيق بين {force} و{force2} حسّن الأمن على طول الحدود.',
  'أي هجوم على قواعدنا سيقابل برد متناسب.',
  'شبكات تمويل {enemy} ضعفت، لكنها لم تنتهِ بعد.',
  'قُتل {num} مدنيين في الهجوم، والتحقيق لا يزال جارياً.',
  'إعادة إعمار {place} تتطلب أكثر من النصر العسكري.',
  'دمرت الغارات الجوية {num} مخابئ يستخدمها {enemy} في {terrain} {place}.',
  'المسار السياسي هو الطريق الوحيد لإيجاد الحلول وتجنب التصعيد في {region}.',
  'لولا تضحيات {force} لما تحقق هذا النصر.',
  'الخلايا النائمة لـ{enemy} تحاول استغلال الثغرات الأمنية في {region}.',
];
const CLAUSES_AR = [
  '{force} ستواصل عملياتها ضد فلول {enemy} في {place}',
  'الوضع الأمني في {place} مستقر رغم الهجمات الأخيرة',
  'القوات اعتقلت {num} عنصراً من {enemy} في عملية مشتركة قرب {place}',
  'المحادثات مع {force} حول مستقبل المهمة لا تزال مستمرة',
  'التحالف لا يخطط لسحب قواته من {place}',
  'العائلات العائدة إلى {place} بحاجة إلى مزيد من الدعم',
];
const BACKGROUND_EN = [
  'The operation comes amid a rise in attacks by {enemy} cells in the {terrain} of {place}.',
  'In September 2018, {force} began a ground operation to defeat the so-called "caliphate" in the Euphrates valley.',
  'According to official statistics, more than {num} fighters have been killed since the start of the campaign.',
  'The area around {place} has seen repeated attacks on checkpoints in recent months.',
  'Residents of {place} have complained about the slow pace of reconstruction and the lack of services.',
  'The "SDF", as the Syrian Democratic Forces are known, control most of {region}.',
];
const BACKGROUND_AR = [
  'وتأتي العملية وسط تصاعد هجمات خلايا {enemy} في {terrain} {place}.',
  'وكانت {force} قد أطلقت عملية برية لإنهاء ما يسمى "الخلافة" في وادي الفرات.',
  'وبحسب إحصاءات رسمية، قُتل أكثر من {num} مقاتل منذ بداية الحملة.',
  'وشهدت المنطقة المحيطة بـ{place} هجمات متكررة على نقاط التفتيش خلال الأشهر الماضية.',
  'ويشكو سكان {place} من بطء عمليات إعادة الإعمار ونقص الخدمات.',
];
const TITLES_EN = [
  'Coalition says mission against {enemy} in {place} is not over',
  '{Force} announce new operation near {place}',
  'Official: {enemy} still a threat in {region}',
  'US-led coalition to continue support for {force}',
];
const TITLES_AR = [
  'التحالف الدولي: المهمة ضد {enemy} في {place} لم تنته',
  '{force} تعلن عن عملية جديدة قرب {place}',
  'مسؤول: {enemy} لا يزال يشكل تهديداً في {region}',
];

interface Outlet {
  name: string;
  language: Language;
  header: string[];
  dateline?: string;
  footer: string[];
  /** Writes the publication date the way the outlet's pages do, or not at all. */
  dateLine?: (d: Date) => string;
}

const OUTLETS: Outlet[] = [
  { name: 'Shafaq News', language: 'en', header: [], dateline: 'Shafaq News / ', footer: ['Shafaq Live', 'Shafaq Live', 'Radio radio icon'] },
  {
    name: 'Baghdad Post', language: 'en', header: ['Iraq News - Local News - Baghdadpost'], footer: [],
    dateLine: (d) => `Last Modified: ${['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()]}، ${d.getUTCDate()} ${MONTHS_EN[d.getUTCMonth()]} ${d.getUTCFullYear()} 02:47 PM`,
  },
  { name: 'Frontline Monitor', language: 'en', header: ['Home › News › Iraq'], footer: ['Related Articles', 'A+ A-', 'Back to top button', 'Other news'] },
  {
    name: 'North Pulse Network', language: 'ar', header: ['NORTH PULSE NETWORK NPN'], dateline: 'نورث بالس\n\n', footer: ['التعليقات مغلقة، ولكن تركبكس وبينغبكس مفتوحة.'],
    dateLine: (d) => `${String(d.getUTCDate()).padStart(2, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${d.getUTCFullYear()}`,
  },
  { name: 'Shafaq News', language: 'ar', header: [], dateline: 'شفق نيوز/ ', footer: ['شفق لايف', 'أخبار ذات صلة'] },
  { name: 'Hawar News', language: 'ar', header: ['وكالة أنباء هاوار'], footer: ['شارك هذا الخبر', 'أخبار ذات صلة'] },
];

// ---------------------------------------------------------------------------------------------
// Speakers

/** What the generator needs of a directory speaker (a subset of the registry's Speaker). */
export interface KnownSpeaker {
  id: string;
  name: string;
  aliases?: { en: string[]; ar: string[] };
  roles?: Array<{ title?: string; rank?: string }>;
}

export interface SyntheticSpeaker {
  id: string;
  /** Canonical name, as the registry or generator knows it. */
  name: string;
  /** How English text writes the full name and the surname. */
  en: string;
  surnameEn: string;
  /** How Arabic text writes them. */
  ar: string;
  surnameAr: string;
  role: Pair;
  rank?: Pair;
  female: boolean;
}

/**
 * The speakers quoted in the corpus: directory speakers first (quoted most, since popularity
 * falls with the index), then `generated` invented people with names in both scripts.
 */
export function makeSpeakers(known: KnownSpeaker[], generated: number, seed = 1): SyntheticSpeaker[] {
  const out: SyntheticSpeaker[] = [];
  for (const k of known) {
    const en = k.aliases?.en[0] ?? k.name.replace(/\s+(?:I{2,3}|IV|Jr\.?|Sr\.?)$/, '');
    const ar = k.aliases?.ar[0];
    if (!ar) continue; // quoted in both languages, so an Arabic spelling is needed
    const role = k.roles?.[0];
    out.push({
      id: k.id,
      name: k.name,
      en,
      surnameEn: en.split(/\s+/).pop() as string,
      ar,
      surnameAr: ar.split(/\s+/).pop() as string,
      role: [role?.title ? `official (${role.title})` : 'official', 'المسؤول'],
      female: false,
    });
  }
  const rng = new Rng(mixSeed(seed, 0x5eed));
  const total = FIRST_NAMES.length * LAST_NAMES.length;
  // A seeded permutation of (first, last) pairs, so names are distinct and spread out.
  const cells = Array.from({ length: total }, (_, i) => i);
  for (let i = total - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [cells[i], cells[j]] = [cells[j], cells[i]];
  }
  for (let g = 0; g < Math.min(generated, total); g++) {
    const first = FIRST_NAMES[cells[g] % FIRST_NAMES.length];
    const last = LAST_NAMES[Math.floor(cells[g] / FIRST_NAMES.length)];
    const name = `${first[0]} ${last[0].replace(/^al-/, 'Al-')}`;
    out.push({
      id: `syn-${first[0]}-${last[0]}`.toLowerCase(),
      name,
      en: name,
      surnameEn: last[0].replace(/^al-/, 'Al-'),
      ar: `${first[1]} ${last[1]}`,
      surnameAr: last[1],
      role: rng.pick(ROLES),
      rank: rng.chance(0.3) ? rng.pick(RANKS) : undefined,
      female: FEMALE.has(first[0]),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Articles

export interface SyntheticQuote {
  start: number;
  end: number;
  kind: QuoteKind;
  speakerId: string;
  speaker: string;
  mention: string | null;
}

export interface SyntheticArticle {
  id: string;
  language: Language;
  published: PartialDate;
  outlet: string;
  title: string;
  /** The raw page: clutter lines around the story, as ingest would receive it. */
  text: string;
  /** Quotations in `text`, in order (quote marks excluded, like the seed gold). */
  quotes: SyntheticQuote[];
}

/** Appends text while remembering where the quotations land. */
class Writer {
  private readonly parts: string[] = [];
  private length = 0;
  readonly quotes: SyntheticQuote[] = [];

  write(s: string): this {
    this.parts.push(s);
    this.length += s.length;
    return this;
  }

  quote(s: string, who: SyntheticSpeaker, kind: QuoteKind, mention: string | null): this {
    this.quotes.push({ start: this.length, end: this.length + s.length, kind, speakerId: who.id, speaker: who.name, mention });
    return this.write(s);
  }

  toString(): string {
    return this.parts.join('');
  }
}

const EPOCH_START = Date.UTC(2014, 8, 1);
const EPOCH_DAYS = Math.floor((Date.UTC(2024, 11, 31) - EPOCH_START) / 86_400_000);
const EASTERN_DIGITS = '٠١٢٣٤٥٦٧٨٩';

function fill(template: string, rng: Rng, lang: Language): string {
  const l = lang === 'en' ? 0 : 1;
  const place = rng.pick(PLACES)[l];
  let out = template
    .replace(/\{place\}/g, place)
    .replace(/\{place2\}/g, () => rng.pick(PLACES.filter((p) => p[l] !== place))[l])
    .replace(/\{Force\}/g, () => capitalise(rng.pick(FORCES)[l]))
    .replace(/\{force2?\}/g, () => rng.pick(FORCES)[l])
    .replace(/\{enemy\}/g, () => rng.pick(ENEMIES)[l])
    .replace(/\{camp\}/g, () => rng.pick(CAMPS)[l])
    .replace(/\{terrain\}/g, () => rng.pick(TERRAIN)[l])
    .replace(/\{region\}/g, () => rng.pick(REGIONS)[l])
    .replace(/\{num\}/g, () => String(rng.chance(0.5) ? rng.range(2, 60) : rng.range(60, 5000)));
  // Arabic outlets often print Eastern Arabic digits.
  if (lang === 'ar' && rng.chance(0.3)) out = out.replace(/[0-9]/g, (d) => EASTERN_DIGITS[Number(d)]);
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One to three sentences of quoted speech. */
function quoteText(rng: Rng, lang: Language): string {
  const pool = lang === 'en' ? QUOTES_EN : QUOTES_AR;
  const n = rng.chance(0.5) ? 1 : rng.chance(0.7) ? 2 : 3;
  const sentences: string[] = [];
  for (let i = 0; i < n; i++) sentences.push(fill(rng.pick(pool), rng, lang));
  return sentences.join(' ');
}

type Marks = readonly [string, string];
const EN_MARKS: Marks[] = [['"', '"'], ['"', '"'], ['“', '”'], ['«', '»']];

/**
 * Article `index` of the corpus for `seed`. Quotes average about ten an article, among one to
 * three speakers, mostly the popular ones.
 */
export function generateArticle(seed: number, index: number, speakers: SyntheticSpeaker[]): SyntheticArticle {
  const rng = new Rng(mixSeed(seed, index));
  const language: Language = rng.chance(0.6) ? 'en' : 'ar';
  const outlet = rng.pick(OUTLETS.filter((o) => o.language === language));
  const date = new Date(EPOCH_START + rng.int(EPOCH_DAYS) * 86_400_000);
  const iso = date.toISOString().slice(0, 10);
  // Some sources give only the month or the year.
  const p = rng.float();
  const published: PartialDate = p < 0.9 ? { value: iso, precision: 'day' } : p < 0.95 ? { value: iso.slice(0, 7), precision: 'month' } : { value: iso.slice(0, 4), precision: 'year' };

  const cast: SyntheticSpeaker[] = [];
  const castSize = rng.range(1, 3);
  for (let guard = 0; cast.length < castSize && guard < 20; guard++) {
    const s = speakers[rng.skewed(speakers.length)];
    if (!cast.includes(s)) cast.push(s);
  }

  const w = new Writer();
  const title = fill(rng.pick(language === 'en' ? TITLES_EN : TITLES_AR), rng, language);
  for (const line of outlet.header) w.write(line + '\n\n');
  w.write(title + '\n\n');
  if (rng.chance(0.2)) w.write(title + '\n\n'); // some pages repeat the headline
  const quoteCount = rng.range(6, 14);
  const frames = language === 'en' ? new EnglishFrames(w, rng) : new ArabicFrames(w, rng);
  w.write(outlet.dateline ?? '');
  frames.lead(cast);
  let written = 0;
  while (written < quoteCount) {
    const who = rng.chance(0.7) ? cast[0] : rng.pick(cast);
    written += frames.paragraph(who);
    if (rng.chance(0.15)) w.write(fill(rng.pick(language === 'en' ? BACKGROUND_EN : BACKGROUND_AR), rng, language) + '\n\n');
  }
  if (outlet.dateLine) w.write(outlet.dateLine(date) + '\n');
  if (outlet.footer.length > 0) w.write('\n' + outlet.footer.join('\n') + '\n');

  return { id: `syn-${String(index).padStart(6, '0')}`, language, published, outlet: outlet.name, title, text: w.toString(), quotes: w.quotes };
}

/** English reporting frames; each paragraph writes one or two quotations and returns how many. */
class EnglishFrames {
  private readonly marks: Marks;
  private readonly named = new Set<string>();
  private last: SyntheticSpeaker | null = null;

  constructor(
    private readonly w: Writer,
    private readonly rng: Rng,
  ) {
    this.marks = rng.pick(EN_MARKS);
  }

  lead(cast: SyntheticSpeaker[]): void {
    const names = cast.map((s) => `${s.rank ? s.rank[0] + ' ' : ''}${s.en}, the ${s.role[0]}`);
    this.w.write(`${names.join(', and ')} ${cast.length > 1 ? 'held a press conference' : 'spoke to reporters'} in ${this.rng.pick(PLACES)[0]} on ${this.rng.pick(WEEKDAYS)[0]}.\n\n`);
    for (const s of cast) this.named.add(s.id);
  }

  paragraph(who: SyntheticSpeaker): number {
    const { w, rng } = this;
    const [open, close] = this.marks;
    const pronoun = who.female ? 'she' : 'he';
    const verb = rng.pick(['said', 'added', 'stressed', 'noted', 'explained', 'affirmed', 'pointed out']);
    const q = quoteText(rng, 'en');
    // The pronoun frames only follow a quote from the same speaker, as in real copy.
    const canPronoun = this.last === who;
    this.last = who;
    const frame = rng.int(canPronoun ? 12 : 8);
    switch (frame) {
      case 0:
        w.write(open).quote(q.replace(/\.$/, ','), who, 'direct', who.en).write(`${close} said ${who.en}, the ${who.role[0]}.\n\n`);
        return 1;
      case 1:
        w.write(`${who.en}, the ${who.role[0]}, said: ${open}`).quote(q, who, 'direct', who.en).write(`${close}\n\n`);
        return 1;
      case 2:
        w.write(open).quote(q.replace(/\.$/, ','), who, 'direct', who.en)
          .write(`${close} said ${who.rank ? who.rank[0] + ' ' : ''}${who.en}, the ${who.role[0]}, said in a statement on ${rng.pick(WEEKDAYS)[0]}.\n\n`);
        return 1;
      case 3:
        w.write(`${who.surnameEn} ${verb} that `).quote(fill(rng.pick(CLAUSES_EN), rng, 'en'), who, 'indirect', who.surnameEn).write('.\n\n');
        return 1;
      case 4:
        w.write(`${who.en}, the ${who.role[0]}, told reporters that `).quote(fill(rng.pick(CLAUSES_EN), rng, 'en'), who, 'indirect', who.en).write('.\n\n');
        return 1;
      case 5:
        w.write(`According to ${who.en}, ${open}`).quote(q, who, 'direct', who.en).write(`${close}\n\n`);
        return 1;
      case 6:
        w.write(open).quote(q.replace(/\.$/, ','), who, 'direct', who.surnameEn).write(`${close} ${who.surnameEn} ${verb} during the conference.\n\n`);
        return 1;
      case 7: {
        // A quotation running over two paragraphs: the first is left open, as news copy does.
        const start = quoteText(rng, 'en');
        const mention = who.surnameEn;
        w.write(open).quote(`${start}\n\n${open}${q.replace(/\.$/, ',')}`, who, 'direct', mention).write(`${close} ${mention} said.\n\n`);
        return 1;
      }
      case 8:
        w.write(open).quote(q.replace(/\.$/, ','), who, 'direct', pronoun).write(`${close} ${pronoun} said.\n\n`);
        return 1;
      case 9:
        w.write(`${capitalise(pronoun)} ${verb}, ${open}`).quote(q, who, 'direct', capitalise(pronoun)).write(`${close}\n\n`);
        return 1;
      case 10:
        w.write(`${capitalise(pronoun)} ${verb} that ${open}`).quote(fill(rng.pick(CLAUSES_EN), rng, 'en'), who, 'partial', capitalise(pronoun)).write(`.${close}\n\n`);
        return 1;
      default:
        w.write(`${capitalise(pronoun)} also said that `).quote(fill(rng.pick(CLAUSES_EN), rng, 'en'), who, 'indirect', capitalise(pronoun)).write(`, adding: ${open}`)
          .quote(q, who, 'direct', capitalise(pronoun)).write(`${close}\n\n`);
        return 2;
    }
  }
}

/** Arabic reporting frames, with the quote-mark habits of Arabic outlets (”…”, :””…”, «…»). */
class ArabicFrames {
  private last: SyntheticSpeaker | null = null;

  constructor(
    private readonly w: Writer,
    private readonly rng: Rng,
  ) {}

  lead(cast: SyntheticSpeaker[]): void {
    const names = cast.map((s) => `${s.role[1]} ${s.rank ? s.rank[1] + ' ' : ''}${s.ar}`);
    this.w.write(`عقد كل من ${names.join('، و')} مؤتمراً صحفياً في ${this.rng.pick(PLACES)[1]} يوم ${this.rng.pick(WEEKDAYS)[1]}.\n\n`);
  }

  paragraph(who: SyntheticSpeaker): number {
    const { w, rng } = this;
    const q = quoteText(rng, 'ar');
    const verb = rng.pick(['وقال', 'وأضاف', 'وأكد', 'وشدد', 'ونوه', 'وأشار', 'وأوضح', 'ولفت', 'وصرح']);
    const canImplied = this.last === who;
    this.last = who;
    const frame = rng.int(canImplied ? 10 : 7);
    switch (frame) {
      case 0:
        w.write(`وقال ${who.ar} :”`).quote(q, who, 'direct', who.ar).write('”.\n\n');
        return 1;
      case 1:
        w.write(`${verb} ${who.role[1]} ${who.ar} أن `).quote(fill(rng.pick(CLAUSES_AR), rng, 'ar'), who, 'indirect', who.ar).write('.\n\n');
        return 1;
      case 2:
        w.write(`وشدد ${who.surnameAr} على أن “`).quote(q, who, 'partial', who.surnameAr).write('”.\n\n');
        return 1;
      case 3:
        w.write(`ونوه ${who.surnameAr} أنه :” `).quote(q, who, 'direct', who.surnameAr).write('”.\n\n');
        return 1;
      case 4:
        w.write(`وقال ${who.ar} في بيان: «`).quote(q, who, 'direct', who.ar).write('».\n\n');
        return 1;
      case 5:
        w.write(`ومن جانبه تحدث ${who.role[1]} ${who.ar} وقال :””`).quote(q, who, 'direct', who.ar).write('”.\n\n');
        return 1;
      case 6:
        w.write(`${who.role[1]} ${who.ar} تحدث خلال المؤتمر الصحفي أيضاً وقال ” `).quote(q, who, 'direct', who.ar).write('”.\n\n');
        return 1;
      case 7:
        w.write('وأضاف أن “').quote(q, who, 'partial', null).write('”.\n\n');
        return 1;
      case 8:
        w.write(`${verb} أن `).quote(fill(rng.pick(CLAUSES_AR), rng, 'ar'), who, 'indirect', null).write('.\n\n');
        return 1;
      default:
        w.write('وتابع قائلاً: “').quote(q, who, 'direct', null).write('”.\n\n');
        return 1;
    }
  }
}

export interface CorpusOptions {
  seed: number;
  articles: number;
  speakers: SyntheticSpeaker[];
}

/** The first `articles` articles of the corpus for `seed`. */
export function* generateCorpus({ seed, articles, speakers }: CorpusOptions): Generator<SyntheticArticle> {
  for (let i = 0; i < articles; i++) yield generateArticle(seed, i, speakers);
}
