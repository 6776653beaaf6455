import type { Quote, QuoteKind } from '../types';
import type { Speaker } from '../speakers/registry';
import { type QuotedSpan } from './marks';
import { type Range } from '../text/sentences';
import { type Mention } from './mentions';
import { type SpeechVerb } from './frames';
import { ARABIC_LETTER } from '../text/normalize';
import { lowerBound } from '../text/chars';
import { foldedWords } from '../speakers/vocabulary';
import { nameKey } from '../speakers/names';
import { skeleton } from '../speakers/phonetic';
import { AR_PREPOSITIONS, CONF, EN_PREPOSITIONS, FEMININE_TITLE, arabicVerbIsFeminine, type Attribution, type PersonRef } from './attribution';
import { ArticleText } from './articleText';

/**
 * The people an article names and how it refers back to them: full names, family names,
 * roles given in apposition, pronouns and implied subjects (with gender), unnamed sources.
 */
export class ArticlePeople extends ArticleText {
  protected names: Mention[] = [];

  protected readonly personAt = new Map<number, PersonRef>();

  protected readonly people = new Map<string, PersonRef>();

  protected readonly roleTable: Array<{ role: string; org?: string; person: PersonRef; at: number }> = [];

  protected focus: { person: PersonRef; at: number } | null = null;

  protected lastSpeakerParagraph = -1;

  /** Someone named by a label or a self-introduction: a known speaker, a person already in the article, or a new one. */
  protected personFor(name: string): PersonRef {
    const key = this.options.registry.titles.strip(name);
    const words = key.split(' ').filter(Boolean);
    if (words.length === 1) {
      const sound = skeleton(words[0]);
      const local = [...this.people.values()].filter((p) => p.surname === sound);
      if (local.length === 1) return local[0];
    }
    const r = this.options.registry.resolve(name, { published: this.options.published, strict: true });
    if (r) return this.refFor(r.speaker);
    return this.newPerson(name);
  }

  protected nameStarts: number[] | null = null;

  /** Names that start in [lo, hi), in order. */
  protected namesIn(lo: number, hi: number): Mention[] {
    const starts = this.nameStarts ??= this.names.map((m) => m.start);
    const out: Mention[] = [];
    for (let i = lowerBound(starts, lo); i < this.names.length && this.names[i].start < hi; i++) out.push(this.names[i]);
    return out;
  }

  /** Adds a name found late (an Arabic subject after its verb), keeping the list sorted. */
  protected addName(m: Mention): void {
    this.names.push(m);
    this.names.sort((a, b) => a.start - b.start);
    this.nameStarts = null;
  }

  protected findPeople(): void {
    const all = [
      ...this.finder.englishNames(this.text, 0, this.text.length),
      ...(this.language === 'ar' || ARABIC_LETTER.test(this.text) ? this.finder.arabicNames(this.text, 0, this.text.length) : []),
    ].filter((m) => !this.insideQuote(m.start) || this.isQuotedName(m));
    all.sort((a, b) => a.start - b.start);
    this.names = this.dropSentenceOpeners(all);
    this.nameStarts = null;
    all.length = 0;
    all.push(...this.names);
    const published = this.options.published;
    // Full names first, so that a later bare surname can be linked to them.
    const multi = all.filter((m) => m.text.trim().split(/\s+/).length > 1);
    const single = all.filter((m) => m.text.trim().split(/\s+/).length <= 1);
    const inArticle = new Set<string>();
    for (const m of multi) {
      const r = this.options.registry.resolve(m.full, { published, strict: true }) ?? this.options.registry.resolve(m.text, { published, strict: true });
      const ref = r ? this.refFor(r.speaker) : this.newPerson(m.text);
      if (r) inArticle.add(r.speaker.id);
      // A full name matched by sound is a spelling worth remembering ("Wayne Maruto", "كينو كبرئيل").
      if (r && r.how === 'sound' && !r.speaker.learned) this.options.registry.addAlias(r.speaker.id, m.text);
      this.personAt.set(m.start, ref);
    }
    this.findSurnameMentions(inArticle);
    for (const m of single) {
      const sound = skeleton(m.text);
      // A bare surname names someone this article has already named in full, if anyone.
      const local = [...this.people.values()].filter((p) => p.surname === sound);
      let ref: PersonRef | null = local.length === 1 ? local[0] : null;
      if (!ref) {
        const r = this.options.registry.resolve(m.text, { published, inArticle, strict: true });
        if (r) ref = this.refFor(r.speaker);
      }
      if (!ref) ref = this.newPerson(m.text);
      this.personAt.set(m.start, ref);
    }
  }

  /**
   * Arabic articles name a person in full once and by family name after ("وقال الشمري"): every
   * later standalone family name of someone named in full becomes a mention of that person.
   */
  protected findSurnameMentions(inArticle: Set<string>): void {
    if (this.language !== 'ar') return;
    const bySurname = new Map<string, PersonRef>();
    for (const m of this.names) {
      const words = foldedWords(m.text).words;
      const ref = this.personAt.get(m.start);
      if (words.length < 2 || !ref) continue;
      const last = words[words.length - 1];
      if (last.length < 4 || this.finder.vocab.givenNames.has(last)) continue;
      const prev = bySurname.get(last);
      // Two people sharing a family name: a bare family name could be either.
      if (prev && prev !== ref) bySurname.set(last, { key: 'ambiguous', display: '', surname: '' });
      else bySurname.set(last, ref);
    }
    if (!bySurname.size) return;
    const fw = foldedWords(this.text, 0, this.text.length);
    const added: Mention[] = [];
    for (let i = 0; i < fw.words.length; i++) {
      const ref = bySurname.get(fw.words[i]);
      if (!ref || ref.key === 'ambiguous') continue;
      const start = fw.starts[i];
      if (this.namesIn(start - 60, start + 1).some((m) => m.start <= start && start < m.end) || this.insideQuote(start)) continue;
      const m: Mention = { type: 'name', start, end: fw.ends[i], text: this.text.slice(start, fw.ends[i]), full: this.text.slice(start, fw.ends[i]) };
      this.personAt.set(start, ref);
      if (ref.speaker) inArticle.add(ref.speaker.id);
      added.push(m);
    }
    if (added.length) {
      this.names.push(...added);
      this.names.sort((a, b) => a.start - b.start);
      this.nameStarts = null;
    }
  }

  /**
   * A lone capitalised word that opens a sentence ("Clashes erupted", "Western diplomats") is
   * only a name if the directory knows it or the article also writes it capitalised elsewhere.
   */
  protected dropSentenceOpeners(names: Mention[]): Mention[] {
    const starts = new Set(this.sentences.map((s) => s.start));
    const isOpener = (m: Mention) => {
      const fullStart = this.fullStart(m);
      if (starts.has(fullStart)) return true;
      const before = this.text.slice(Math.max(0, fullStart - 3), fullStart);
      return /["“«(]\s*$/.test(before) || fullStart === 0;
    };
    return names.filter((m) => {
      if (/\s/.test(m.text.trim()) || ARABIC_LETTER.test(m.text) || !isOpener(m) || m.full !== m.text) return true;
      if (this.options.registry.resolve(m.text, { published: this.options.published, strict: true })) return true;
      const key = m.text.toLowerCase();
      // Kept when the article names someone with this word elsewhere; a full name counts even at
      // a sentence's start ("Farhad Shami, the head of …" after a quotation).
      return names.some((o) => o !== m && (!isOpener(o) || /\s/.test(o.text.trim())) && o.text.toLowerCase().split(/\s+/).includes(key));
    });
  }

  protected refFor(speaker: Speaker): PersonRef {
    const key = speaker.id;
    let ref = this.people.get(key);
    if (!ref) {
      const words = nameKey(speaker.name).split(' ').filter((w) => w.length > 1 && !['iii', 'ii', 'jr'].includes(w));
      ref = { key, display: speaker.name, speaker, surname: skeleton(words[words.length - 1] ?? '') };
      this.people.set(key, ref);
    }
    return ref;
  }

  protected newPerson(name: string): PersonRef {
    const stripped = this.options.registry.titles.strip(name) || nameKey(name);
    const key = 'new:' + stripped;
    let ref = this.people.get(key);
    if (!ref) {
      const words = stripped.split(' ');
      ref = { key, display: name.trim(), surname: skeleton(words[words.length - 1]) };
      this.people.set(key, ref);
    }
    return ref;
  }

  /** Role descriptions standing next to names: "The spokesman for the coalition, Myles Kagens". */
  protected buildRoleTable(): void {
    for (const m of this.names) {
      const person = this.personAt.get(m.start);
      if (!person) continue;
      const sentence = this.sentenceAt(m.start);
      if (!sentence) continue;
      // Before the name: back to the previous comma-less boundary within a few words.
      const beforeStart = this.clauseStartBefore(m.start - (m.start - this.fullStart(m)), sentence.start);
      const beforeFw = foldedWords(this.text, beforeStart, this.fullStart(m));
      const roleBefore = this.finder.vocab.findRole(beforeFw);
      if (roleBefore?.role) {
        this.roleTable.push({ role: roleBefore.role, org: roleBefore.org, person, at: m.start });
        if (FEMININE_TITLE.test(this.text.slice(roleBefore.start, roleBefore.end))) person.gender ??= 'f';
        continue;
      }
      const afterEnd = this.clauseEndAfter(m.end, sentence.end);
      const afterFw = foldedWords(this.text, m.end, afterEnd);
      const roleAfter = this.finder.vocab.findRole(afterFw);
      if (roleAfter?.role) this.roleTable.push({ role: roleAfter.role, org: roleAfter.org, person, at: m.start });
    }
  }

  protected fullStart(m: Mention): number {
    return m.end - m.full.length;
  }

  /** Start of the phrase right before `pos`: after the last ", and", ";" or sentence start, at most ~14 words back. */
  protected clauseStartBefore(pos: number, floor: number): number {
    const slice = this.text.slice(floor, pos);
    // Skip the comma that joins an appositive to its name: "The spokesman …, Myles Kagens".
    const trimmed = slice.replace(/[\s,،]+$/, '');
    const cut = Math.max(trimmed.lastIndexOf(', and '), trimmed.lastIndexOf(';'), trimmed.lastIndexOf('، و'), trimmed.lastIndexOf(','), trimmed.lastIndexOf('،'));
    let start = cut >= 0 ? floor + cut + 1 : floor;
    const words = this.text.slice(start, pos).split(/\s+/);
    if (words.length > 16) start = pos - words.slice(-16).join(' ').length;
    return start;
  }

  protected clauseEndAfter(pos: number, ceil: number): number {
    const slice = this.text.slice(pos, ceil);
    const lead = slice.match(/^[\s,،]*/)![0].length;
    const rest = slice.slice(lead);
    const stop = rest.search(/[,،;:.]|\s(?:and|said|says|told|held|و)\s/);
    return pos + lead + (stop >= 0 ? stop : Math.min(rest.length, 120));
  }

  protected setFocus(person: PersonRef, at: number): void {
    this.focus = { person, at };
    this.lastSpeakerParagraph = this.paragraphIndex(at);
    const i = this.recent.indexOf(person);
    if (i >= 0) this.recent.splice(i, 1);
    this.recent.unshift(person);
  }

  /** People in the order they last spoke or were the subject, latest first. */
  protected readonly recent: PersonRef[] = [];

  /** Whether a person is known to be a woman or a man (by first name or a feminine title), else undefined. */
  protected genderOf(p: PersonRef): 'f' | 'm' | undefined {
    if (p.gender) return p.gender;
    const first = foldedWords(p.display).words[0] ?? '';
    if (this.finder.vocab.femaleNames.has(first)) return 'f';
    if (this.finder.vocab.givenNames.has(first) && !p.anonymous) return 'm';
    return undefined;
  }

  /** The latest person of the given gender ("she", "قالت"), or of any unless known otherwise. */
  protected latest(gender: 'f' | 'm' | undefined): PersonRef | null {
    if (!this.focus) return null;
    if (!gender) return this.focus.person;
    const exact = this.recent.find((p) => this.genderOf(p) === gender);
    if (exact && gender === 'f') return exact;
    return this.recent.find((p) => this.genderOf(p) !== (gender === 'f' ? 'm' : 'f')) ?? null;
  }

  /**
   * The sentence's subject becomes the person "he" and an Arabic verb's implied subject refer to.
   * So does the person asked a question ("I asked Hanan whether …"): the answer is theirs.
   */
  protected updateFocusFromSubject(s: Range, spans: QuotedSpan[]): void {
    for (const m of this.namesIn(s.start, s.end)) {
      if (spans.some((q) => m.start >= q.open && m.start < q.close)) continue;
      const before = this.text.slice(Math.max(s.start, this.fullStart(m) - 40), this.fullStart(m));
      if (this.language === 'ar') {
        const prev = foldedWords(before).words.pop();
        if (prev && AR_PREPOSITIONS.has(prev)) continue;
      } else if (!/\basked\s+$/i.test(before) && EN_PREPOSITIONS.test(before.replace(/\b(?:Secretary|Minister|Ministry|Department|Chief|Chairman|Head|Commander|Director|President|Governor|Chair)\s+(?:of|for)\s+(?:the\s+)?$/, ''))) continue;
      const person = this.personAt.get(m.start);
      if (person) {
        this.setFocus(person, m.start);
        return;
      }
    }
    const role = this.finder.role(this.text, s.start, Math.min(s.end, s.start + 200));
    if (role && role.start - s.start < 40) {
      const p = this.resolveRole(role, role.start);
      if (p) this.setFocus(p.person, role.start);
      return;
    }
    // "A Western diplomat who follows the file, speaking on condition of anonymity, said …":
    // an unnamed source opening a sentence that reports speech is who "he" means next.
    const lead = this.text.slice(s.start, s.end).match(/^[\s"“”«»(—–-]*/)![0].length;
    const source = this.finder.source(this.text, s.start + lead, Math.min(s.end, s.start + lead + 120)) as (Mention & { definite?: boolean }) | null;
    if (source && !source.definite && this.verbs(this.language, source.end, s.end).length) {
      const ref = this.anonymousSource(source, source.start);
      if (ref) this.setFocus(ref, source.start);
    }
  }

  protected carried(at: number): Attribution {
    if (!this.focus) return { mention: null, person: null, confidence: CONF.none };
    // A quotation with no frame of its own continues the last speaker, if they spoke recently.
    const para = this.paragraphIndex(at);
    if (para - this.lastSpeakerParagraph > 4) return { mention: null, person: null, confidence: CONF.none };
    return { mention: null, person: this.focus.person, confidence: CONF.carried };
  }

  protected makeQuote(start: number, end: number, kind: QuoteKind, a: Attribution): Quote {
    let speakerId: string | null = null;
    let speaker: string | null = null;
    let confidence = CONF.none;
    if (a.person?.anonymous) {
      // Unnamed sources are shown by their description and never enter the directory.
      speaker = a.person.display;
      confidence = Math.min(a.confidence, CONF.source);
    } else if (a.person) {
      const known = (a.person.speaker ??= this.options.registry.learn(a.person.display));
      speakerId = known.id;
      speaker = known.name;
      confidence = a.confidence;
    }
    return { text: this.text.slice(start, end), start, end, kind, mention: a.mention ? a.mention.text : null, speakerId, speaker, confidence };
  }

  /** The implied subject of an Arabic verb: the last person named, of the verb's gender (قال / قالت). */
  protected implied(at: number, verb?: SpeechVerb): Attribution {
    const c = this.carried(at);
    if (!c.person) return c;
    if (verb && arabicVerbIsFeminine(this.text.slice(verb.start, verb.end))) {
      const woman = this.latest('f');
      return woman ? { mention: null, person: woman, confidence: CONF.implied } : c;
    }
    return { ...c, confidence: CONF.implied };
  }

  protected attribute(m: Mention, at: number): Attribution {
    if (m.type === 'source') {
      const person = this.anonymousSource(m as Mention & { definite?: boolean; head?: string }, at);
      return person ? { mention: m, person, confidence: CONF.source } : { mention: m, person: null, confidence: CONF.none };
    }
    if (m.type === 'pronoun') {
      const word = m.text.toLowerCase();
      if (!this.focus || word === 'they') return { mention: m, person: null, confidence: CONF.none };
      const person = this.latest(word === 'she' ? 'f' : word === 'he' ? 'm' : undefined);
      return person ? { mention: m, person, confidence: CONF.pronoun } : { mention: m, person: null, confidence: CONF.none };
    }
    if (m.type === 'role') {
      const r = this.resolveRole(m, at);
      return r ? { mention: m, person: r.person, confidence: r.confidence } : { mention: m, person: null, confidence: CONF.none };
    }
    const person = this.personAt.get(m.start) ?? this.newPerson(m.text);
    return { mention: m, person, confidence: person.speaker ? CONF.name : CONF.newName };
  }

  protected readonly sources: Array<{ ref: PersonRef; at: number }> = [];

  /** "A security source" starts a new unnamed speaker; "the source" refers back to the last one. */
  protected anonymousSource(m: Mention & { definite?: boolean; head?: string }, at: number): PersonRef | null {
    const head = m.head ?? 'source';
    if (m.definite) {
      const prev = [...this.sources].reverse().find((s) => s.at <= at && s.ref.anonymous?.head === head);
      if (prev) return prev.ref;
      // "the spokesman", "the commander": a role this article gave a name to.
      if (m.role) return this.resolveRole(m, at)?.person ?? null;
      const role = this.finder.role(this.text, m.start, m.end);
      if (role) return this.resolveRole(role, at)?.person ?? null;
      if (head !== 'source' && head !== 'official' && head !== 'مصدر' && head !== 'مسوول' && head !== 'مسؤول') return null;
    }
    const display = m.full.replace(/^(ال)/, '').trim();
    const ref: PersonRef = { key: `source:${this.sources.length}`, display, surname: '', anonymous: { head } };
    this.sources.push({ ref, at });
    return ref;
  }

  protected resolveRole(m: Mention, at: number): { person: PersonRef; confidence: number } | null {
    const role = m.role;
    if (!role?.role) return null;
    const fits = this.roleTable.filter((r) => r.role === role.role && (!role.org || !r.org || r.org === role.org));
    const byPerson = new Map(fits.map((f) => [f.person.key, f]));
    if (byPerson.size === 1) return { person: fits[0].person, confidence: CONF.role };
    if (byPerson.size > 1) {
      // The nearest such person named before the mention.
      const before = fits.filter((f) => f.at <= at).sort((a, b) => b.at - a.at);
      if (before.length) return { person: before[0].person, confidence: CONF.role - 0.1 };
      return null;
    }
    if (!role.org) return null;
    const holders = this.options.registry.holders(role.role, role.org, this.options.published);
    if (holders.length === 1 && this.options.published) return { person: this.refFor(holders[0]), confidence: CONF.roleRegistry };
    // Undated text: only someone this article already names can be meant.
    const named = holders.filter((h) => this.people.has(h.id));
    if (named.length === 1) return { person: this.refFor(named[0]), confidence: CONF.roleRegistry };
    return null;
  }
}
