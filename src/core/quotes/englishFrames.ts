import { type QuotedSpan } from './marks';
import { type Range } from '../text/sentences';
import { type Mention } from './mentions';
import { type SpeechVerb } from './frames';
import { foldedWords } from '../speakers/vocabulary';
import { EN_SUBJECT_VERB_FILLERS } from './lexicon';
import { BODY_AFTER_QUOTE, CONF, EN_PREPOSITIONS, type Attribution, type Frame } from './attribution';
import { ArticlePeople } from './articlePeople';

/** English reporting frames around a quotation: who said it, and whether it is a full quotation or a fragment. */
export class EnglishFrames extends ArticlePeople {
  /** The frame at the end of a sentence that strings several quoted fragments together. */
  protected sentenceTailFrame(s: Range, inSentence: QuotedSpan[]): Attribution | null {
    const last = inSentence[inSentence.length - 1];
    for (const v of this.verbs('en', last.close, s.end)) {
      if (v.participle) continue;
      const before = this.text.slice(last.close, v.start);
      const m = before.trim().replace(/^[,”"’\s]+/, '') ? this.subjectBefore(v.start, last.close) : this.mentionAt(v.end, s.end, true);
      if (m) return this.attribute(m, v.start);
    }
    return null;
  }

  /** Whether the words before a reporting verb name a body rather than a person ("The US embassy in Syria said"). */
  protected organizationSubject(lo: number, hi: number): boolean {
    const fw = foldedWords(this.text, lo, hi);
    const from = Math.max(0, fw.words.length - 8);
    if (this.finder.vocab.findOrg(fw, from)) return true;
    return fw.words.slice(from).some((w) => this.finder.vocab.orgWords.has(w) || /^(embassy|ministry|statement|council|command|government|administration|department|office|agency|observatory|monitor)$/.test(w));
  }

  protected englishFrame(q: QuotedSpan, preLo: number, postHi: number): Frame {
    const post = this.englishPostFrame(q.close, postHi);
    const preVerbs = this.verbs('en', preLo, q.open).filter((v) => !v.weak || this.verbReachesQuote(v, q.open));
    const preVerb = preVerbs.length ? preVerbs[preVerbs.length - 1] : null;
    const between = preVerb ? this.text.slice(preVerb.end, q.open) : this.text.slice(preLo, q.open);
    const content = this.text.slice(q.start, q.end);
    const pre = preVerb ? this.englishPreFrame(preVerb, q.open, preLo) : null;
    const betweenWords = between.replace(/[\s:,;—–-]+/g, ' ').trim();
    const partial = (() => {
      if (/^[a-z]/.test(content) && preLo < q.open && this.text.slice(preLo, q.open).trim()) return true;
      if (!preVerb) return this.text.slice(preLo, q.open).replace(/[\s,:;—–-]+/g, '').length > 0 && !post?.mention;
      if (!betweenWords) return false;
      // "said he", "said the coalition spokesman:" — the speaker between verb and quote is still a full quotation.
      if (pre?.mention && pre.inverted) return false;
      return true;
    })();
    const adjacent = !!preVerb && (/^\s*(?:that\s+)?$/i.test(between) || /^[\s,:]*$/.test(between) || (pre?.inverted ?? false))
      || (post?.mention != null && /^[\s,]*$/.test(this.text.slice(q.close, post.mention.start).replace(/\b\w+\b/, '')));
    let attribution: Attribution = { mention: null, person: null, confidence: CONF.none };
    if (post?.mention) attribution = this.attribute(post.mention, q.open);
    else if (pre?.mention) attribution = this.attribute(pre.mention, q.open);
    else if (pre && !pre.mention) attribution = this.carried(q.open);
    const according = this.according(preLo, postHi, q);
    if (!attribution.person && according) attribution = this.attribute(according, q.open);
    if (!attribution.person && !attribution.mention) {
      const headline = this.headlineFrame(q);
      if (headline) return { attribution: this.attribute(headline, q.open), partial: false, adjacent: true, verb: null };
    }
    const organization = (!attribution.person && !attribution.mention && !!preVerb && !pre?.mention && this.organizationSubject(preLo, preVerb.start))
      // `"…," the statement said` / `"…," the ministry added`
      || (!attribution.mention && BODY_AFTER_QUOTE.test(this.text.slice(q.close, Math.min(postHi, q.close + 120))));
    return { attribution, partial, adjacent, verb: preVerb ?? post?.verb ?? null, organization };
  }

  /**
   * Headlines and live-blog entries attribute with a colon: "Fidan: 'We will not allow …'",
   * "'The soldiers left in the night': Deir ez-Zor resident".
   */
  protected headlineFrame(q: QuotedSpan): Mention | null {
    const lineStart = this.text.lastIndexOf('\n', q.open - 1) + 1;
    let lineEnd = this.text.indexOf('\n', q.close);
    if (lineEnd < 0) lineEnd = this.text.length;
    const before = this.text.slice(lineStart, q.open);
    const label = before.match(/^\s*([^:"“”'‘’]{2,60}?)\s*:\s*$/);
    if (label) {
      const at = lineStart + before.indexOf(label[1]);
      return this.describedSource(at, label[1]) ?? this.mentionAt(at, at + label[1].length, true);
    }
    // "Ilham Ahmed: SDF integration deal ‘is not a surrender’": a person's name labels the
    // headline, with words of the headline's own before the quotation.
    const lead = before.match(/^\s*([^:"“”'‘’]{2,40}?)\s*:\s+[^:"“”'‘’]{1,80}$/);
    if (lead) {
      const at = lineStart + before.indexOf(lead[1]);
      const m = this.mentionAt(at, at + lead[1].length, false);
      if (m && m.type === 'name' && m.end === at + lead[1].trimEnd().length) return m;
    }
    const after = this.text.slice(q.close, lineEnd);
    const tail = after.match(/^\s*:\s*([^:"“”]{2,80}?)\s*$/);
    if (tail) {
      const at = q.close + after.indexOf(tail[1]);
      return this.describedSource(at, tail[1]) ?? this.mentionAt(at, at + tail[1].length, true);
    }
    return null;
  }

  /** A bare description standing for its speaker ("Deir ez-Zor resident", "Pentagon official"). */
  protected describedSource(at: number, words: string): Mention | null {
    if (!/\b(resident|official|source|officer|commander|spokesman|spokesperson|diplomat|witness|activist|analyst|fighter|survivor|minister|general)s?$/i.test(words.trim())) return null;
    return { type: 'source', start: at, end: at + words.length, text: words.trim(), full: words.trim(), definite: false, head: 'source' } as Mention;
  }

  protected verbReachesQuote(v: SpeechVerb, open: number): boolean {
    const between = this.text.slice(v.end, open);
    if (/^[\s,:]*(?:that\s*)?$/i.test(between)) return true;
    // "called the coalition “the most successful partnership”", "described al-Hol as “a time bomb”".
    return /^(called|calls|described|describes|dubbed|labelled|labeled|termed|branded)$/i.test(this.text.slice(v.start, v.end))
      && /^\s+(?:[\p{L}\d'’-]+\s+){0,6}$/u.test(between);
  }

  /** `"…," said X` / `"…," X said` / `"…," he added`. */
  protected englishPostFrame(from: number, hi: number): { mention: Mention | null; verb: SpeechVerb | null } | null {
    const rest = this.text.slice(from, Math.min(hi, from + 300));
    // A byline after a dash: "“…” — Col. Wayne Marotto, coalition spokesman".
    const dash = rest.match(/^["”’»\s,.]*[—–]\s*/);
    if (dash) {
      const m = this.mentionAt(from + dash[0].length, hi, true);
      if (m) return { mention: m, verb: null };
    }
    const lead = rest.match(/^["”’»\s,]*/)![0].length;
    const at = from + lead;
    if (at >= hi) return null;
    const verbs = this.verbs('en', at, Math.min(hi, at + 200));
    const v = verbs[0];
    if (v && v.start === at) {
      // Inverted: said X
      const m = this.mentionAt(v.end, hi, true);
      return { mention: m, verb: v };
    }
    const m = this.mentionAt(at, hi, false);
    if (m && v) {
      const gap = this.text.slice(m.end, v.start);
      if (this.isFillerGap(gap)) return { mention: m, verb: v };
      // "ministry spokesman Ahmed Faisal al-Mashhadani told": the name after its role.
      const named = m.type === 'role' ? this.namesIn(m.end, v.start).at(-1) : undefined;
      if (named && this.isFillerGap(this.text.slice(named.end, v.start)) && !/[.;:!?]/.test(this.text.slice(m.end, named.start))) return { mention: named, verb: v };
    }
    return null;
  }

  protected isFillerGap(gap: string): boolean {
    // A name's suffix the mention stopped before ("Myles Caggins III", "Jr.") is part of the name.
    const g = gap.replace(/^,?\s*(?:Jr\.?|Sr\.?|II|III|IV)(?=[\s,]|$)/, '').replace(/\s+/g, ' ').trim().replace(/^,|,$/g, '').trim();
    if (!g) return true;
    if (g.split(' ').length <= 3 && g.split(' ').every((w) => EN_SUBJECT_VERB_FILLERS.test(w.replace(/,/g, '')))) return true;
    // An appositive: ", the commanding general for the task force,", ", who oversees the file, has"
    const appositive = gap.trim().replace(/\s+(?:(?:has|have|had|also|again|repeatedly|previously|once|then)\s*)+$/i, '');
    return /^,?\s*(?:the|a|an|who|its|his|her)\b[^"“”]{0,160},?$/i.test(appositive) && appositive.endsWith(',');
  }

  /** A mention beginning at `pos` (after optional spaces): a name, pronoun or role. */
  protected mentionAt(pos: number, hi: number, allowRole: boolean): Mention | null {
    const rest = this.text.slice(pos, Math.min(hi, pos + 200));
    const lead = rest.match(/^[\s,:]*/)![0].length;
    const at = pos + lead;
    const word = this.text.slice(at).match(/^[\p{L}']+/u)?.[0];
    if (!word) return null;
    const pron = this.finder.pronoun(word, at);
    if (pron) return pron;
    const source = this.finder.source(this.text, at, Math.min(hi, at + 120));
    if (source && source.start === at) return source;
    const near = this.namesIn(at, at + 80);
    const name = near.find((m) => this.fullStart(m) === at || (this.fullStart(m) >= at && this.fullStart(m) - at <= 4 && /^(the|a)\s/i.test(this.text.slice(at, this.fullStart(m)))));
    if (name) return name;
    const name2 = near.find((m) => m.start >= at && m.start < at + 60 && !/[,;:]|\.\s+[a-z]|\.$/.test(this.text.slice(at, this.fullStart(m))));
    if (name2 && this.titlesOnly(this.text.slice(at, this.fullStart(name2)))) return name2;
    if (allowRole || /^(the|a|an)\s/i.test(this.text.slice(at, at + 4))) {
      const end = this.text.slice(at, hi).search(/[,.;:"“”]|\s(?:said|told|added|says)\b/);
      const role = this.finder.role(this.text, at, end >= 0 ? at + end : Math.min(hi, at + 100));
      if (role && role.start - at <= 4) return role;
    }
    return null;
  }

  /** Words that may stand before a name in a mention: titles, roles, bodies ("SDF spokesman", "Pentagon deputy press secretary"). */
  protected titlesOnly(s: string): boolean {
    const words = s.split(/\s+/).filter(Boolean);
    // "ministry spokesman", "camp official", "tribal leader": a few words ending in a title.
    const TITLE = /^(spokesman|spokesperson|spokeswoman|official|officer|commander|minister|secretary|adviser|advisor|envoy|leader|head|director|ambassador|governor|mayor|chief|general|colonel|chairman|chairwoman|president|representative|lawmaker|analyst|researcher|expert|activist|resident|elder|sheikh)$/i;
    if (/^[\s\p{L}.'’-]*$/u.test(s) && words.length >= 2 && words.length <= 4 && TITLE.test(words[words.length - 1])) return true;
    return /^[\s\p{L}.'’-]*$/u.test(s) && words.every((w) => /^\p{Lu}/u.test(w) || /^(the|of|for|a|an|and)$/i.test(w) || this.finder.vocab.isRoleWord(w.toLowerCase()) || /^(press|deputy|senior|top|chief|acting|former|military|official|spokesman|spokesperson|spokeswoman|secretary|commander|minister|general|colonel|officer|adviser|advisor|envoy|leader|head|director|ambassador|governor|mayor|resident|lawmaker|analyst|expert|[a-z]+['’]s)$/i.test(w));
  }

  /** Frame before the quotation: the subject of the last reporting verb, or the speaker after it. */
  protected englishPreFrame(v: SpeechVerb, open: number, lo: number): { mention: Mention | null; inverted: boolean } {
    const after = this.text.slice(v.end, open);
    if (v.according) {
      const m = this.mentionAt(v.end, open, true);
      return { mention: m, inverted: true };
    }
    // Inverted: "said the spokesman of the coalition forces: "…"".
    const afterTrim = after.replace(/[\s:,]+$/, '');
    // `said the Syrian leader "has a real shot …"`: the words are the clause's subject, not the
    // speaker, when nothing sets them off and the quotation goes on in lower case.
    const continuesClause = !/[:,]\s*["“‘«]?\s*$/.test(after) && /^["“‘«]?\s*\p{Ll}/u.test(this.text.slice(open, open + 3));
    if (afterTrim.trim() && !continuesClause && !/^\s*(that|reporters|journalists|the press|media|al|on|in|during|at|by|after|from|to)\b/i.test(afterTrim)) {
      const m = this.mentionAt(v.end, v.end + afterTrim.length, true);
      const tail = m ? this.text.slice(m.end, v.end + afterTrim.length) : '';
      // The mention may stop short of the phrase's last words ("… of the coalition forces").
      if (m && !/[,;.]/.test(tail) && tail.trim().split(/\s+/).filter(Boolean).length <= 3) return { mention: m, inverted: true };
    }
    return { mention: this.subjectBefore(v.start, lo), inverted: false };
  }

  /** The speaker's mention of each attributed quotation, by where it closes: "X described it as "…" and said …". */
  protected readonly mentionAtClose = new Map<number, Mention>();

  protected subjectBefore(verbStart: number, lo: number): Mention | null {
    let region = this.text.slice(lo, verbStart);
    // The last attributed quotation closing in the region: a verb coordinated after it shares its speaker.
    let close = -1;
    for (const c of this.mentionAtClose.keys()) if (c >= lo && c < verbStart && c > close) close = c;
    if (close >= 0) {
      const shared = this.mentionAtClose.get(close) as Mention;
      const since = this.text.slice(close, verbStart);
      // "… as "great" and said …"
      if (/^[\s”"’»]*,?\s*(?:and|but)\s+(?:also\s+)?$/i.test(since)) return shared;
      // `"…," she said, and added that …`
      if (/^[\s,”"’»]*(?:[\p{L}.'’-]+\s+){0,4}(?:said|says|added|explained|stated|told\s+[\p{L}]+)[\s,]+(?:and|but)\s+(?:also\s+)?$/iu.test(since)) return shared;
    }
    // Drop adverbials between subject and verb ("also", "on Tuesday", "has").
    for (;;) {
      const m = region.match(/(?:,?\s+|^)([\p{L}]+)\s*,?\s*$/u);
      if (!m || !EN_SUBJECT_VERB_FILLERS.test(m[1])) break;
      region = region.slice(0, m.index);
    }
    const lastWord = region.match(/([\p{L}]+)\s*$/u);
    if (lastWord) {
      const p = this.finder.pronoun(lastWord[1], lo + region.length - lastWord[0].length);
      if (p) return p;
    }
    const hi = lo + region.length;
    const candidates = this.namesIn(lo, hi + 1).filter((m) => m.end <= hi + 1 && !EN_PREPOSITIONS.test(this.text.slice(Math.max(lo, this.fullStart(m) - 30), this.fullStart(m))));
    if (candidates.length) {
      const last = candidates[candidates.length - 1];
      const gap = this.text.slice(last.end, hi);
      if (!gap.trim() || this.isFillerGap(gap) || /^,[^,]*,?\s*$/.test(gap)) return last;
      // "Kino Kabriel, the official spokesman for the Syrian Democratic Forces, affirmed": the first name is the subject.
      return candidates[0];
    }
    const lead = this.text.slice(lo, hi).match(/^[\s,]*(?:(?:and|but|meanwhile|separately|however|also),?\s+)?/i)![0].length;
    const source = this.finder.source(this.text, lo + lead, hi) ?? this.sourceEndingAt(lo, hi);
    if (source) return source;
    const role = this.finder.role(this.text, lo, hi);
    if (role) return role;
    return null;
  }

  /**
   * An unnamed source right before the verb, after other words: "As one Iraqi commander put it",
   * "In Anbar, a local official said".
   */
  protected sourceEndingAt(lo: number, hi: number): Mention | null {
    const region = this.text.slice(lo, hi);
    const starts = [...region.matchAll(/\b(?:an?|one|another)\s+/gi)].map((m) => m.index).reverse();
    for (const at of starts) {
      const source = this.finder.source(this.text, lo + at, hi);
      if (source && (!this.text.slice(source.end, hi).trim() || this.isFillerGap(this.text.slice(source.end, hi)))) return source;
    }
    return null;
  }

  /** "according to X", "in the words of X", "in X's words". */
  protected according(lo: number, hi: number, q: QuotedSpan): Mention | null {
    const re = /(?:according to|in the words of|as quoted by|quoting)\s+/gi;
    for (const [a, b] of [[lo, q.open], [q.close, hi]]) {
      re.lastIndex = 0;
      const slice = this.text.slice(a, b);
      const m = re.exec(slice);
      if (m) return this.mentionAt(a + m.index + m[0].length, b, true);
      const w = slice.match(/\bin\s+([\p{Lu}][\p{L}.'-]*(?:\s[\p{Lu}][\p{L}.'-]*)*)['’]s?\s+(?:own\s+)?words\b/u);
      if (w) return this.mentionAt(a + w.index! + w[0].indexOf(w[1]), b, true);
    }
    return null;
  }
}
