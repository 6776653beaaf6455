import type { Language, PartialDate } from '../types';
import { choosePublicationDate, readDateLine, type DateLine } from './dates';
import { countScriptLetters, languageOfLetters } from './language';
import { LineProbe, outletForUrl, type OutletRule, type OutletRules } from './outletRules';

export interface TextRange {
  start: number;
  end: number;
}

export interface ChromeRange extends TextRange {
  /** Why the range is clutter: "chrome: Other news", "banner: Baghdad Post", "date", "repeated title", … */
  reason: string;
}

/** What a raw article page says about itself, with the clutter located but not removed. */
export interface RawAnalysis {
  title?: string;
  outlet?: string;
  published?: PartialDate;
  language: Language;
  /** Clutter as ranges of the raw text (JS string offsets), in order, one per line. */
  chrome: ChromeRange[];
  /** The headline line, which belongs in front matter rather than in the body. */
  titleRange?: TextRange;
}

// Clutter is short: a longer line is story text and is not tried against the rules.
const MAX_RULE_LINE = 300;
const MAX_HEADLINE = 200;
const MAX_HEADLINE_WORDS = 35;
// Section labels ("Arab World", "أمن") and author names are shorter than headlines.
const MIN_TITLE_WORDS = 4;
// Link text, bylines, captions and credits are short; a longer line is story text even without a full stop.
const MAX_LINK_LINE = 160;
// A dateline ("Shafaq News / …") opens one of the first few paragraphs.
const DATELINE_SCAN = 5;
const DATELINE_PREFIX = 120;
// The first paragraphs settle the language; reading further only costs time.
const LANGUAGE_SAMPLE = 4000;

interface Line extends TextRange {
  /** The line without surrounding white space. */
  text: string;
  /** For lines short enough to be clutter. */
  probe?: LineProbe;
  reason?: string;
}

function splitLines(raw: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = raw.indexOf('\n', start);
    let end = nl === -1 ? raw.length : nl;
    if (end > start && raw.charCodeAt(end - 1) === 13) end--;
    const text = raw.slice(start, end).trim();
    const line: Line = { start, end, text };
    if (text !== '' && text.length <= MAX_RULE_LINE) line.probe = new LineProbe(text);
    lines.push(line);
    if (nl === -1) return lines;
    start = nl + 1;
  }
}

function isStory(line: Line): boolean {
  return line.text !== '' && line.reason === undefined;
}

/** Strips closing quotes and brackets so `… ended."` is seen to end with a full stop. */
function finalCharacter(text: string): string {
  const stripped = text.replace(/["'”’»)\]\s]+$/u, '');
  return stripped.slice(-1);
}

/** A line that ends a sentence: story prose, as opposed to headlines, bylines, labels and link text. */
function endsSentence(text: string): boolean {
  return /[.!?؟…]/u.test(finalCharacter(text));
}

function wordCount(text: string): number {
  return text.split(/\s+/).length;
}

function looksLikeHeadline(text: string): boolean {
  if (text.length < 3 || text.length > MAX_HEADLINE || wordCount(text) > MAX_HEADLINE_WORDS) return false;
  return !/[.:;,،؛…]/u.test(finalCharacter(text));
}

function isShortNonSentence(line: Line): boolean {
  return line.text.length <= MAX_LINK_LINE && !endsSentence(line.text);
}

interface Evidence {
  byBanner?: OutletRule;
  byChrome?: OutletRule;
  dateLines: DateLine[];
}

/**
 * Marks banner, chrome and date lines, and collects what they say: the outlet named by a
 * banner or by the outlet's own chrome, and every date line.
 */
function markClutter(lines: Line[], rules: OutletRules): Evidence {
  const evidence: Evidence = { dateLines: [] };
  for (const line of lines) {
    const probe = line.probe;
    if (probe === undefined) continue;
    // A byline may carry the date ("By CJTF-OIR Public Affairs | March 14, 2022"): read it whatever else the line is.
    const dateLine = readDateLine(line.text);
    if (dateLine) evidence.dateLines.push(dateLine);
    const own = rules.matchOutletLine(probe);
    if (own) {
      line.reason = `${own.kind}: ${own.kind === 'banner' ? own.outlet.name : own.rule}`;
      if (own.kind === 'banner') evidence.byBanner ??= own.outlet;
      else evidence.byChrome ??= own.outlet;
      continue;
    }
    const rule = rules.chrome.match(probe);
    if (rule !== undefined) line.reason = `chrome: ${rule}`;
    else if (dateLine) line.reason = 'date';
  }
  return evidence;
}

function outletByDateline(lines: Line[], rules: OutletRules): OutletRule | undefined {
  let seen = 0;
  for (const line of lines) {
    if (!isStory(line)) continue;
    const opening = new LineProbe(line.text.slice(0, DATELINE_PREFIX));
    const outlet = rules.outlets.find((o) => o.datelines.match(opening) !== undefined);
    if (outlet) return outlet;
    if (++seen >= DATELINE_SCAN) return undefined;
  }
  return undefined;
}

/**
 * Marks the page's tail: from a story-end marker ("Other news", "Related Articles") followed
 * only by short lines, or else the run of short non-sentence lines after the last paragraph
 * (credits, tags, agency slugs, link lists). Stories end with a sentence; these do not.
 */
function markTrailer(lines: Line[], rules: OutletRules): void {
  let markerAt = -1;
  let shortAfter = true;
  let suffixFrom = lines.length;
  let linkLikeAfter = true;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    const story = isStory(line);
    if (shortAfter && line.probe !== undefined && rules.storyEnds.match(line.probe) !== undefined) markerAt = i;
    shortAfter &&= !story || line.text.length <= MAX_LINK_LINE;
    linkLikeAfter &&= !story || isShortNonSentence(line);
    if (linkLikeAfter) suffixFrom = i;
    if (!shortAfter && !linkLikeAfter) break;
  }
  const from = markerAt !== -1 ? Math.min(markerAt, suffixFrom) : suffixFrom;
  // Never take the whole page: something has to remain as the story.
  if (!lines.slice(0, from).some((l) => isStory(l) && endsSentence(l.text))) return;
  const marker = markerAt !== -1 ? lines[markerAt] : undefined;
  if (marker) marker.reason ??= `chrome: ${marker.text}`;
  for (const line of lines.slice(from)) {
    if (isStory(line)) line.reason = marker && line.start > marker.start ? `after "${marker.text}"` : 'trailer';
  }
}

/**
 * Finds the headline among the lines above the first paragraph, and marks the ones there
 * that are page furniture rather than text: section labels and author names (too short to be
 * a headline), a dateline standing on its own line ("Baghdad - Asharq Al-Awsat"), a repeated
 * title. Longer lines there (subtitles, captions) may hold quotations and are kept.
 */
function markHeader(lines: Line[], outlet: OutletRule | undefined): Line | undefined {
  const story = lines.filter(isStory);
  const firstProse = story.findIndex((l) => !isShortNonSentence(l));
  if (firstProse <= 0) return undefined;
  const header = story.slice(0, firstProse);
  const isDateline = (l: Line): boolean => outlet !== undefined && outlet.datelines.match(l.probe ?? new LineProbe(l.text)) !== undefined;
  const candidates = header.filter((l) => looksLikeHeadline(l.text) && !isDateline(l));
  const title = candidates.find((l) => wordCount(l.text) >= MIN_TITLE_WORDS) ?? candidates[0];
  for (const line of header) {
    if (line === title) continue;
    if (title && line.probe && title.probe && line.probe.key === title.probe.key) line.reason = 'repeated title';
    else if (isDateline(line) || wordCount(line.text) < MIN_TITLE_WORDS) line.reason = 'header';
  }
  return title;
}

/** The language of the story lines, clutter aside (an English banner over an Arabic story). */
function detectStoryLanguage(lines: Line[], fallback: Language): Language {
  const total = { arabic: 0, latin: 0 };
  let read = 0;
  for (const line of lines) {
    if (!isStory(line)) continue;
    const counts = countScriptLetters(line.text);
    total.arabic += counts.arabic;
    total.latin += counts.latin;
    read += line.text.length;
    if (read >= LANGUAGE_SAMPLE) break;
  }
  return languageOfLetters(total, fallback);
}

/**
 * Reads a raw article page: infers title, outlet, date and language, and locates the site
 * clutter (chrome lines, outlet banners, date lines, header and trailer lines, a repeated
 * title) as ranges of `raw`. The text itself is left alone: see `cleanBody` and `maskChrome`.
 */
export function analyseRawText(raw: string, rules: OutletRules, options: { url?: string } = {}): RawAnalysis {
  const lines = splitLines(raw);
  const evidence = markClutter(lines, rules);
  const outlet =
    evidence.byBanner ?? outletByDateline(lines, rules) ?? evidence.byChrome ?? (options.url ? outletForUrl(options.url, rules) : undefined);
  markTrailer(lines, rules);
  const leadLines = lines.filter(isStory).map((l) => l.text);
  const title = markHeader(lines, outlet);

  const analysis: RawAnalysis = {
    language: detectStoryLanguage(lines, outlet?.language ?? 'en'),
    chrome: lines.filter((l) => l.reason !== undefined).map((l) => ({ start: l.start, end: l.end, reason: l.reason as string })),
  };
  if (title) {
    analysis.title = title.text;
    analysis.titleRange = { start: title.start, end: title.end };
  }
  if (outlet) analysis.outlet = outlet.name;
  const published = choosePublicationDate(evidence.dateLines, leadLines);
  if (published) analysis.published = published;
  return analysis;
}

/** Chrome and title ranges, sorted and merged. */
function removedRanges(analysis: RawAnalysis): TextRange[] {
  const all: TextRange[] = [...analysis.chrome];
  if (analysis.titleRange) all.push(analysis.titleRange);
  all.sort((a, b) => a.start - b.start);
  const merged: TextRange[] = [];
  for (const r of all) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ start: r.start, end: r.end });
  }
  return merged;
}

/**
 * The story text: `raw` without its clutter and title line. Story lines are kept exactly as
 * they are; only line structure is tidied: line ends become "\n", at most one blank line in a
 * row, none at either end.
 */
export function cleanBody(raw: string, analysis: RawAnalysis): string {
  const ranges = removedRanges(analysis);
  const out: string[] = [];
  let r = 0;
  let blankPending = false;
  let start = 0;
  for (;;) {
    const nl = raw.indexOf('\n', start);
    const end = nl === -1 ? raw.length : nl;
    while (r < ranges.length && ranges[r].end <= start) r++;
    let kept = '';
    let cursor = start;
    for (let k = r; k < ranges.length && ranges[k].start < end; k++) {
      kept += raw.slice(cursor, Math.max(cursor, ranges[k].start));
      cursor = Math.max(cursor, ranges[k].end);
    }
    if (cursor < end) kept += raw.slice(cursor, end);
    kept = kept.replace(/\r$/, '');
    if (cursor === start && kept.trim() === '') {
      blankPending = out.length > 0;
    } else if (kept.trim() !== '') {
      if (blankPending) out.push('');
      blankPending = false;
      out.push(kept);
    }
    // else: a line that lost all its text to clutter is dropped, not left as a blank line.
    if (nl === -1) break;
    start = nl + 1;
  }
  return out.join('\n').trim();
}

/**
 * `raw` with clutter and the title line blanked out by spaces (line breaks kept), so text
 * analysis can skip them while every offset still points into the raw file. `keepTitle`
 * leaves the headline readable, for callers that want quotations in headlines too.
 */
export function maskChrome(raw: string, analysis: RawAnalysis, options: { keepTitle?: boolean } = {}): string {
  const parts: string[] = [];
  let cursor = 0;
  const ranges = options.keepTitle ? removedRanges({ ...analysis, titleRange: undefined }) : removedRanges(analysis);
  for (const range of ranges) {
    parts.push(raw.slice(cursor, range.start));
    const text = raw.slice(range.start, range.end);
    parts.push(/[\r\n]/.test(text) ? text.replace(/[^\r\n]/g, ' ') : ' '.repeat(text.length));
    cursor = range.end;
  }
  parts.push(raw.slice(cursor));
  return parts.join('');
}
