import { foldText } from '../text/normalize';

/**
 * Words that frame reported speech in news writing, English and Arabic. These are the
 * general reporting vocabulary of the press, not a list fitted to particular articles.
 */

/** English reporting verbs (base forms); inflections are generated below. */
const EN_VERB_BASES = [
  'say', 'tell', 'add', 'stress', 'note', 'explain', 'reveal', 'affirm', 'confirm', 'continue', 'conclude',
  'assert', 'insist', 'argue', 'warn', 'claim', 'announce', 'declare', 'emphasize', 'emphasise', 'underline',
  'underscore', 'highlight', 'indicate', 'mention', 'remark', 'reply', 'respond', 'answer', 'comment', 'observe',
  'acknowledge', 'admit', 'concede', 'deny', 'reiterate', 'repeat', 'urge', 'write', 'tweet', 'post', 'quip',
  'recall', 'suggest', 'estimate', 'predict', 'vow', 'promise', 'pledge', 'maintain', 'state', 'assure',
  'caution', 'allege', 'boast', 'complain', 'lament', 'shout', 'ask', 'explain', 'clarify', 'disclose',
  'report', 'testify', 'contend', 'counter', 'retort', 'elaborate', 'specify', 'point out', 'went on',
  'go on', 'stated', 'added', 'brief', 'inform', 'threaten', 'demand', 'describe', 'praise', 'hail',
  'welcome', 'accuse', 'blame', 'condemn', 'criticise', 'criticize', 'call', 'stress', 'reaffirm', 'believe',
  'think', 'expect', 'hope', 'fear', 'worry', 'agree', 'acknowledge', 'emphasise', 'signal', 'hint',
];

const IRREGULAR: Record<string, string[]> = {
  say: ['say', 'says', 'said', 'saying'],
  tell: ['tell', 'tells', 'told', 'telling'],
  write: ['write', 'writes', 'wrote', 'writing', 'written'],
  think: ['think', 'thinks', 'thought'],
  'go on': ['went on', 'goes on', 'going on'],
  'went on': ['went on'],
  stated: ['stated'],
  added: ['added'],
};

function inflect(base: string): string[] {
  if (IRREGULAR[base]) return IRREGULAR[base];
  const parts = base.split(' ');
  const v = parts[0];
  const rest = parts.slice(1).join(' ');
  const forms = new Set<string>();
  const withRest = (f: string) => (rest ? `${f} ${rest}` : f);
  forms.add(withRest(v));
  if (/(s|sh|ch|x|z)$/.test(v)) forms.add(withRest(v + 'es'));
  else if (/[^aeiou]y$/.test(v)) forms.add(withRest(v.slice(0, -1) + 'ies'));
  else forms.add(withRest(v + 's'));
  if (v.endsWith('e')) {
    forms.add(withRest(v + 'd'));
    forms.add(withRest(v.slice(0, -1) + 'ing'));
  } else if (/[^aeiou]y$/.test(v)) {
    forms.add(withRest(v.slice(0, -1) + 'ied'));
    forms.add(withRest(v + 'ing'));
  } else if (/^(admit|quip|commit|regret)$/.test(v)) {
    forms.add(withRest(v + v.slice(-1) + 'ed'));
    forms.add(withRest(v + v.slice(-1) + 'ing'));
  } else {
    forms.add(withRest(v + 'ed'));
    forms.add(withRest(v + 'ing'));
  }
  return [...forms];
}

/**
 * Verbs that introduce a quotation or take a reported clause. Opinion and attitude verbs
 * (believe, hope, praise …) only count where a quotation or a "that" clause follows them.
 */
export const EN_SPEECH_VERBS: ReadonlySet<string> = new Set(EN_VERB_BASES.flatMap(inflect));

/** Verbs strong enough to introduce a quotation or clause on their own. */
const EN_WEAK = new Set(['believe', 'think', 'expect', 'hope', 'fear', 'worry', 'agree', 'praise', 'hail', 'welcome',
  'accuse', 'blame', 'condemn', 'criticise', 'criticize', 'call', 'describe', 'demand', 'threaten', 'signal', 'hint',
  'continue', 'report', 'post', 'brief', 'inform', 'answer', 'ask', 'vow', 'promise', 'pledge', 'expect']);
export const EN_WEAK_SPEECH_VERBS: ReadonlySet<string> = new Set([...EN_WEAK].flatMap(inflect));

/** Multi-word reporting phrases matched before single verbs. */
export const EN_SPEECH_PHRASES = [
  'went on saying', 'went on to say', 'went on to add', 'goes on to say', 'pointed out', 'points out',
  'told reporters', 'told journalists', 'was quoted as saying', 'were quoted as saying', 'is quoted as saying',
  'said in a statement', 'said in a tweet', 'wrote on twitter', 'wrote on x', 'made clear',
  'made it clear', 'concluded saying', 'concluded by saying', 'continued saying', 'put it', 'puts it',
];

export const EN_ACCORDING = /\b(according to|as quoted by|quoting|in the words of|as reported by)\b/i;

export const EN_PRONOUNS: Record<string, 'm' | 'f' | 'p'> = { he: 'm', she: 'f', they: 'p', we: 'p', i: 'm' };

/** Arabic reporting verbs, past and present, masculine and feminine; prefixes و/ف are stripped before lookup. */
const AR_VERBS_M = [
  'قال', 'يقول', 'أضاف', 'اضاف', 'يضيف', 'أكد', 'اكد', 'يؤكد', 'شدد', 'يشدد', 'نوه', 'ينوه', 'أشار', 'اشار', 'يشير',
  'أوضح', 'اوضح', 'يوضح', 'لفت', 'يلفت', 'صرح', 'يصرح', 'تحدث', 'يتحدث', 'أعلن', 'اعلن', 'يعلن', 'كشف', 'يكشف',
  'اعتبر', 'يعتبر', 'رأى', 'راى', 'يرى', 'تابع', 'يتابع', 'أردف', 'اردف', 'يردف', 'استطرد', 'ختم', 'اختتم', 'بين', 'بيّن',
  'يبين', 'ذكر', 'يذكر', 'أفاد', 'افاد', 'يفيد', 'نفى', 'ينفي', 'حذر', 'يحذر', 'طالب', 'يطالب', 'دعا', 'يدعو', 'أعرب',
  'اعرب', 'يعرب', 'زعم', 'يزعم', 'ادعى', 'يدعي', 'أقر', 'اقر', 'يقر', 'اعترف', 'يعترف', 'أبلغ', 'ابلغ', 'يبلغ',
  'أوضح', 'أكّد', 'شدّد', 'نوّه', 'بيّن', 'أشاد', 'اشاد', 'يشيد', 'وصف', 'يصف', 'لاحظ', 'يلاحظ', 'رد', 'ردّ', 'يرد',
  'أجاب', 'اجاب', 'يجيب', 'علق', 'علّق', 'يعلق', 'أفصح', 'افصح', 'أعتبر', 'توقع', 'يتوقع', 'اتهم', 'يتهم', 'هدد', 'يهدد',
  'أكمل', 'اكمل', 'يكمل', 'استدرك', 'يستدرك', 'مضى', 'جدد', 'يجدد', 'أوضحت', 'كتب', 'يكتب', 'غرد', 'غرّد', 'يغرد', 'دون', 'دوّن',
  'تساءل', 'يتساءل', 'قوله', 'قولها', 'قولهم',
];

function arFeminine(v: string): string[] {
  if (v.startsWith('ي')) return [v, 'ت' + v.slice(1)];
  if (/[ىا]$/.test(v)) return [v, v.slice(0, -1) + 'ت'];
  return [v, v + 'ت'];
}

export const AR_SPEECH_VERBS: ReadonlySet<string> = new Set(AR_VERBS_M.flatMap(arFeminine));

/** Verbs that report speech weakly: they frame a quotation or clause but also mean other things. */
export const AR_WEAK_SPEECH_VERBS: ReadonlySet<string> = new Set(
  ['تحدث', 'يتحدث', 'أشاد', 'اشاد', 'يشيد', 'وصف', 'يصف', 'رأى', 'راى', 'يرى', 'دعا', 'يدعو', 'طالب', 'يطالب',
    'توقع', 'يتوقع', 'اتهم', 'يتهم', 'هدد', 'يهدد', 'مضى', 'جدد', 'يجدد', 'أكمل', 'اكمل', 'يكمل', 'ختم', 'اختتم', 'لاحظ', 'يلاحظ']
    .flatMap(arFeminine),
);

/** Nominal frames: "according to X", "quoting X", "on X's tongue". */
export const AR_ACCORDING = ['بحسب', 'حسب', 'وفق', 'وفقا', 'وفقاً', 'طبقا', 'طبقاً', 'نقلا عن', 'نقلاً عن', 'على لسان', 'على حد تعبير', 'على حد قوله', 'على حد قولها'];

/** Words that start a reported clause after a speech verb. */
export const EN_COMPLEMENTISERS = new Set(['that']);
export const AR_COMPLEMENTISERS = new Set(['أن', 'إن', 'ان', 'بأن', 'بان', 'أنه', 'إنه', 'انه', 'أنها', 'إنها', 'انها', 'أنهم', 'إنهم', 'انهم', 'بأنه', 'بانه', 'بأنها', 'بأنهم', 'أننا', 'إننا', 'اننا', 'أنّ', 'إنّ']);

/** Arabic words that may stand between a verb and its subject without being a name. */
const AR_FUNCTION_WORDS_RAW = [
  'في', 'من', 'إلى', 'الى', 'على', 'عن', 'مع', 'خلال', 'أمام', 'امام', 'بعد', 'قبل', 'حول', 'لدى', 'عند', 'أيضا', 'أيضاً', 'ايضا',
  'ايضاً', 'كما', 'إن', 'أن', 'ان', 'إنه', 'أنه', 'انه', 'قد', 'لقد', 'هذا', 'هذه', 'ذلك', 'تلك', 'التي', 'الذي', 'الذين', 'وهو',
  'وهي', 'هو', 'هي', 'هم', 'كل', 'بعض', 'اليوم', 'أمس', 'امس', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد', 'الاثنين',
  'ذاته', 'نفسه', 'له', 'لها', 'لهم', 'فيه', 'فيها', 'به', 'بها', 'عبر', 'ضمن', 'حيث', 'كذلك', 'ثم', 'لكن', 'ولكن', 'بل', 'أو', 'او',
  'لا', 'لم', 'لن', 'ما', 'ماذا', 'متى', 'كيف', 'إذا', 'اذا', 'وقد', 'فقد', 'إلا', 'الا', 'بين', 'تجاه', 'نحو', 'دون', 'بدون',
  'جانبه', 'جانبها', 'ومن', 'وفي', 'وعلى', 'وعن', 'ولم', 'وقال', 'وأضاف', 'مؤتمر', 'المؤتمر', 'الصحفي', 'بيان', 'تصريح', 'تصريحات',
  'حديث', 'لقاء', 'مقابلة', 'كلمة', 'رسالة', 'تغريدة', 'صحفي', 'صحفية', 'لوكالة', 'لقناة', 'لموقع', 'لصحيفة', 'لشبكة', 'للصحفيين',
  'فضل', 'فضّل', 'عدم', 'الكشف', 'اسمه', 'اسمها', 'هويته', 'هويتها', 'طلب', 'رفض', 'ذكر', 'الذي', 'التي', 'الذين', 'اللذين', 'يدعى',
  'تدعى', 'يوم', 'مساء', 'صباح', 'فجر', 'ليل', 'ظهر', 'شهر', 'عام', 'الماضي', 'المقبل', 'الحالي', 'الجاري', 'أمس', 'نفسه', 'بدوره',
  'بدورها', 'جهته', 'جهتها', 'ناحيته', 'ناحيتها', 'جانبه', 'جانبها', 'وقت', 'سابق', 'لاحق', 'حين', 'حينها', 'عندما', 'بينما', 'قوله',
  'قولها', 'بيان', 'تصريحات', 'تغريدة', 'منشور', 'مؤتمر', 'صحفي', 'لأسباب', 'أسباب', 'أمنية', 'شخصية', 'خاصة', 'الله',
  'دير', 'تل', 'رأس', 'عين', 'جبل', 'وادي', 'بئر', 'سوق', 'باب', 'تويتر', 'فيسبوك', 'تلغرام', 'تليغرام', 'إكس', 'يوتيوب',
  // "أحد وجهاء العشيرة" (one of): follows a name, never part of it.
  'أحد', 'إحدى',
];

/** Folded like the text they are compared with (ى→ي, أ→ا …). */
export const AR_FUNCTION_WORDS: ReadonlySet<string> = new Set(AR_FUNCTION_WORDS_RAW.map((w) => foldText(w)));

/**
 * Adjectives that follow a noun ("مصدر أمني", "مسؤول عسكري"): never part of a name, but part
 * of an unnamed source's description, so kept apart from the function words.
 */
export const AR_DESCRIPTIVE_ADJECTIVES: ReadonlySet<string> = new Set(['أمني', 'عسكري', 'سياسي', 'محلي', 'رسمي'].map((w) => foldText(w)));

/** English words that look capitalised at sentence start but are not names. */
export const EN_NON_NAME_WORDS = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'for', 'of', 'to', 'from', 'by', 'with', 'as', 'and', 'but', 'or', 'if', 'when',
  'while', 'after', 'before', 'during', 'since', 'about', 'regarding', 'according', 'meanwhile', 'however', 'also',
  'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'our',
  'nobody', 'everybody', 'somebody', 'anybody', 'everyone', 'someone', 'anyone', 'none', 'nothing', 'everything',
  // Photo credits in captions: [Getty/archive], (Anadolu).
  'getty', 'shutterstock', 'anadolu', 'archive', 'reuters',
  'my', 'your', 'there', 'here', 'what', 'who', 'which', 'where', 'why', 'how', 'all', 'some', 'many', 'most', 'more',
  'no', 'not', 'yes', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'last', 'next',
  'first', 'second', 'third', 'other', 'another', 'each', 'every', 'both', 'such', 'so', 'then', 'now', 'today',
  'yesterday', 'tomorrow', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january',
  'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'officials', 'sources', 'residents',
  'witnesses', 'analysts', 'experts', 'activists', 'reports', 'authorities', 'observers', 'police', 'reporters',
  'journalists', 'spokesman', 'spokesperson', 'spokeswoman', 'spox', 'commander', 'deputy', 'chief', 'head', 'director',
  'minister', 'ministry', 'president', 'prime', 'secretary', 'general', 'official', 'statement', 'speaking', 'asked',
  'mr', 'mrs', 'ms', 'dr', 'local', 'international', 'coalition', 'forces', 'army', 'government', 'news', 'agency',
  'press', 'media', 'office', 'conference', 'network', 'channel', 'radio', 'tv', 'live', 'related', 'read', 'share',
  'we', 'us', 'despite', 'although', 'though', 'because', 'until', 'unless', 'whether', 'once', 'instead', 'amid',
  'against', 'over', 'under', 'through', 'between', 'into', 'without', 'within', 'along', 'across', 'per', 'via',
  'speaking', 'addressing', 'commenting', 'responding', 'asked', 'earlier', 'later', 'still', 'yet', 'even', 'only',
  'just', 'again', 'previously', 'recently', 'finally', 'together', 'further', 'furthermore', 'moreover', 'besides',
  'thus', 'therefore', 'hence', 'indeed', 'perhaps', 'certainly', 'clearly', 'obviously', 'notably', 'especially',
  'lieutenant', 'colonel', 'major', 'captain', 'sergeant', 'admiral', 'brigadier', 'commander-in-chief', 'envoy',
  'ambassador', 'representative', 'member', 'leader', 'governor', 'mayor', 'sheikh', 'spokesmen', 'commanders',
]);

/**
 * Adjectives of origin and faith, capitalised in English: they open descriptions ("a Western
 * diplomat", "Iraqi Prime Minister …") but may also be part of a name ("Mohammed Shia al-Sudani").
 */
export const EN_ORIGIN_ADJECTIVES = new Set([
  'western', 'eastern', 'northern', 'southern', 'arab', 'arabic', 'european', 'american', 'british', 'french', 'german',
  'russian', 'turkish', 'kurdish', 'iraqi', 'syrian', 'iranian', 'israeli', 'saudi', 'emirati', 'qatari', 'jordanian',
  'lebanese', 'egyptian', 'gulf', 'sunni', 'shiite', 'shia', 'christian', 'muslim', 'yazidi', 'assyrian', 'turkmen',
  'islamist', 'jihadist', 'pentagon', 'congressional', 'federal', 'regional', 'national', 'presidential', 'parliamentary',
]);

/** Adverbs and short adverbials that may stand between a subject and its verb. */
export const EN_SUBJECT_VERB_FILLERS = /^(?:also|further|later|then|again|previously|earlier|recently|however|meanwhile|separately|additionally|moreover|once again|in turn|for his part|for her part|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|today|yesterday|has|have|had|was|were|is|would|will|had also|has also|previously)$/i;

/**
 * Participles that add reported speech to a clause: "…، مطالباً الحكومة بـ…", "قائلاً: …".
 * Folded like the text (tanween dropped, ؤ→و); feminine forms end in ه.
 */
const AR_PARTICIPLES_RAW = ['قائلا', 'مضيفا', 'مؤكدا', 'مشيرا', 'موضحا', 'لافتا', 'مبينا', 'منوها', 'معتبرا', 'مشددا', 'مطالبا',
  'داعيا', 'محذرا', 'كاشفا', 'متابعا', 'مردفا', 'مستدركا', 'معربا', 'نافيا', 'مختتما', 'متسائلا', 'مشيدا', 'معلنا', 'مبديا'];
export const AR_PARTICIPLES: ReadonlySet<string> = new Set(
  AR_PARTICIPLES_RAW.flatMap((w) => {
    const f = foldText(w);
    return [f, f.replace(/ا$/, 'ه'), f.replace(/ا$/, 'ه') + 'ا'];
  }),
);
