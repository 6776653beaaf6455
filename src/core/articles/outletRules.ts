import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import type { Language } from '../types';
import { foldText } from '../text/normalize';
import { isLanguage, LANGUAGES } from './frontMatter';
import { describeYamlError } from './yamlErrors';

/** config/outlets.yaml as shipped with the code: resolved from this file, not the working directory. */
export const DEFAULT_OUTLET_RULES_PATH = join(__dirname, '..', '..', '..', 'config', 'outlets.yaml');

/** The outlet rules file is unusable: the message names the file and the bad key. */
export class OutletRulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutletRulesError';
  }
}

/** A line being matched: its trimmed text, and its comparison key, computed once and only if needed. */
export class LineProbe {
  private folded?: string;
  constructor(readonly text: string) {}
  get key(): string {
    return (this.folded ??= lineKey(this.text));
  }
}

/**
 * Matches whole lines against rules written in config: plain text matches a line equal to it
 * (case, spacing and Arabic letter variants ignored); `/regex/` is searched in the trimmed line.
 * Anchored matchers (datelines) match plain text as a prefix and regexes at the start.
 */
export interface LineMatcher {
  /** The rule that matches the line (its text as written in config), if any. */
  match(line: LineProbe): string | undefined;
  readonly size: number;
}

export interface OutletRule {
  name: string;
  /** The one language the outlet publishes in, when it has only one. */
  language?: Language;
  domains: string[];
  /** Lines that name the outlet (breadcrumbs, mastheads, bylines): clutter that identifies it. */
  banners: LineMatcher;
  /** Openings of the lead paragraph that identify the outlet ("Shafaq News /"): kept in the text. */
  datelines: LineMatcher;
  /** The outlet's own clutter; being distinctive, it identifies the outlet too. */
  chrome: LineMatcher;
}

export interface OutletLineMatch {
  outlet: OutletRule;
  kind: 'banner' | 'chrome';
  rule: string;
}

export interface OutletRules {
  source: string;
  /** Clutter lines on any site. */
  chrome: LineMatcher;
  /** Lines after which a page holds only clutter (other headlines, related links). */
  storyEnds: LineMatcher;
  outlets: OutletRule[];
  /** The first outlet whose banner or own chrome the line is (all outlets tried at once). */
  matchOutletLine(line: LineProbe): OutletLineMatch | undefined;
}

// Characters that Unicode folding leaves alone: ASCII, curly quotes, dashes.
const NEEDS_NO_FOLDING = /^[\x20-\x7e‘’“”–—]*$/;

/** The comparison key of a line for plain-text rules. */
export function lineKey(trimmedLine: string): string {
  // Most lines of English pages need only lower case, which is much cheaper than folding.
  if (NEEDS_NO_FOLDING.test(trimmedLine)) return trimmedLine.toLowerCase().replace(/\s+/g, ' ');
  return foldText(trimmedLine).replace(/\s+/g, ' ');
}

function isRegexRule(rule: string): boolean {
  return rule.length > 2 && rule.startsWith('/') && rule.endsWith('/');
}

type Fail = (where: string, message: string) => never;

interface CompiledPattern {
  re: RegExp;
  rule: string;
}

/** True when `^` anchors the whole pattern: it starts with `^` and has no `|` outside groups and classes. */
function isAnchoredAtStart(source: string): boolean {
  if (!source.startsWith('^')) return false;
  let depth = 0;
  let inClass = false;
  for (let i = 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return false;
  }
  return true;
}

/**
 * Unions that try many patterns in one search, so a line costs about one search however many
 * rules there are. Patterns anchored at the start share a union anchored once, which the regex
 * engine tries at the first position only. Patterns with back-references would be renumbered
 * by a union, so those are tried one by one.
 */
function unionsOf(patterns: CompiledPattern[]): { unions: RegExp[]; separate: CompiledPattern[] } {
  const separate = patterns.filter((p) => /\\[1-9]|\\k</.test(p.re.source));
  const unions: RegExp[] = [];
  try {
    for (const flags of ['i', 'iu']) {
      const rest = patterns.filter((p) => p.re.flags === flags && !separate.includes(p));
      const anchored = rest.filter((p) => isAnchoredAtStart(p.re.source));
      const floating = rest.filter((p) => !anchored.includes(p));
      if (anchored.length > 0) unions.push(new RegExp(`^(?:${anchored.map((p) => `(?:${p.re.source.slice(1)})`).join('|')})`, flags));
      if (floating.length > 0) unions.push(new RegExp(floating.map((p) => `(?:${p.re.source})`).join('|'), flags));
    }
  } catch {
    return { unions: [], separate: patterns };
  }
  return { unions, separate };
}

/**
 * Unicode mode makes case-insensitive searching several times slower, so a pattern gets it
 * only when it needs it (\p{…} classes, \u{…} escapes).
 */
function compilePattern(source: string): RegExp {
  return new RegExp(source, /\\[pP]\{|\\u\{/.test(source) ? 'iu' : 'i');
}

/** Patterns tried as one union first: only a line the union matches is tried rule by rule. */
function patternMatcher(patterns: CompiledPattern[]): (text: string) => CompiledPattern | undefined {
  const { unions, separate } = unionsOf(patterns);
  return (text) => {
    if (unions.some((u) => u.test(text))) {
      const hit = patterns.find((p) => p.re.test(text));
      if (hit) return hit;
    }
    return separate.find((p) => p.re.test(text));
  };
}

interface ParsedRules {
  exact: Map<string, string>;
  patterns: CompiledPattern[];
}

function parseRules(rules: string[], where: string, fail: Fail, anchored: boolean): ParsedRules {
  const exact = new Map<string, string>();
  const patterns: CompiledPattern[] = [];
  rules.forEach((rule, i) => {
    if (isRegexRule(rule)) {
      const source = rule.slice(1, -1);
      try {
        patterns.push({ re: compilePattern(anchored ? `^(?:${source})` : source), rule });
      } catch (e) {
        fail(`${where}[${i}]`, `invalid regular expression ${rule}: ${(e as Error).message}`);
      }
    } else {
      const key = lineKey(rule.trim());
      if (key === '') fail(`${where}[${i}]`, 'empty rule');
      if (!exact.has(key)) exact.set(key, rule);
    }
  });
  return { exact, patterns };
}

/** Longest key a plain rule has: a longer line cannot equal any of them, so it is not folded for the lookup. */
function longestKey(keys: Iterable<string>): number {
  let max = 0;
  for (const key of keys) max = Math.max(max, key.length);
  // Folding can shorten a line (dropped diacritics and tatweel, collapsed spaces): leave room for that.
  return max * 2 + 8;
}

function compileMatcher({ exact, patterns }: ParsedRules, anchored = false): LineMatcher {
  const matchPattern = patternMatcher(patterns);
  const maxLength = longestKey(exact.keys());
  const matchExact = anchored
    ? (line: LineProbe): string | undefined => {
        for (const [ruleKey, rule] of exact) if (line.key.startsWith(ruleKey)) return rule;
        return undefined;
      }
    : (line: LineProbe): string | undefined => (line.text.length <= maxLength ? exact.get(line.key) : undefined);
  return {
    size: exact.size + patterns.length,
    match(line) {
      if (exact.size > 0) {
        const hit = matchExact(line);
        if (hit !== undefined) return hit;
      }
      return matchPattern(line.text)?.rule;
    },
  };
}

/** Indexes every outlet's banners and chrome together, so a line is tried against all outlets at once. */
function outletLineMatcher(outlets: Array<{ rule: OutletRule; banners: ParsedRules; chrome: ParsedRules }>): (line: LineProbe) => OutletLineMatch | undefined {
  const exact = new Map<string, OutletLineMatch>();
  const patterns: CompiledPattern[] = [];
  const owner = new Map<CompiledPattern, OutletLineMatch>();
  for (const o of outlets) {
    for (const kind of ['banner', 'chrome'] as const) {
      const parsed = kind === 'banner' ? o.banners : o.chrome;
      for (const [key, rule] of parsed.exact) if (!exact.has(key)) exact.set(key, { outlet: o.rule, kind, rule });
      for (const p of parsed.patterns) {
        patterns.push(p);
        owner.set(p, { outlet: o.rule, kind, rule: p.rule });
      }
    }
  }
  const matchPattern = patternMatcher(patterns);
  const maxLength = longestKey(exact.keys());
  return (line) => {
    if (line.text.length <= maxLength) {
      const hit = exact.get(line.key);
      if (hit) return hit;
    }
    const p = matchPattern(line.text);
    return p ? owner.get(p) : undefined;
  };
}

const TOP_KEYS = ['chrome', 'storyEnds', 'outlets'];
const OUTLET_KEYS = ['name', 'language', 'domains', 'banners', 'datelines', 'chrome'];

function stringList(value: unknown, where: string, fail: Fail): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(where, `expected a list of lines, got ${JSON.stringify(value)}`);
  return (value as unknown[]).map((item, i) => {
    if (typeof item !== 'string') fail(`${where}[${i}]`, `expected text, got ${JSON.stringify(item)}`);
    return item as string;
  });
}

function checkKeys(data: Record<string, unknown>, allowed: string[], where: string, fail: Fail): void {
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key)) fail(where ? `${where}.${key}` : key, `unknown key (expected one of ${allowed.join(', ')})`);
  }
}

/** Validates and compiles the text of an outlet rules file; errors name `source` and the bad key. */
export function parseOutletRules(yamlText: string, source = 'outlet rules'): OutletRules {
  const fail: Fail = (where, message) => {
    throw new OutletRulesError(`${source}: ${where ? `${where}: ` : ''}${message}`);
  };
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const { line, message } = describeYamlError(yamlText, doc.errors[0]);
    fail('', `invalid YAML at line ${line}: ${message}`);
  }
  if (!isMap(doc.contents)) fail('', 'expected keys chrome, storyEnds and outlets');
  const data = doc.toJS() as Record<string, unknown>;
  checkKeys(data, TOP_KEYS, '', fail);

  const outletsValue = data.outlets ?? [];
  if (!Array.isArray(outletsValue)) fail('outlets', 'expected a list of outlets');
  const seen = new Map<string, number>();
  const outlets = (outletsValue as unknown[]).map((entry, i) => {
    const where = `outlets[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(where, 'expected an outlet (name, banners, …)');
    const o = entry as Record<string, unknown>;
    checkKeys(o, OUTLET_KEYS, where, fail);
    if (typeof o.name !== 'string' || o.name.trim() === '') fail(`${where}.name`, 'missing outlet name');
    const name = (o.name as string).trim();
    const twin = seen.get(name.toLowerCase());
    if (twin !== undefined) fail(`${where}.name`, `outlet "${name}" is already defined at outlets[${twin}]`);
    seen.set(name.toLowerCase(), i);
    if (o.language !== undefined && !isLanguage(o.language)) {
      fail(`${where}.language`, `unknown language ${JSON.stringify(o.language)} (expected ${LANGUAGES.join(' or ')})`);
    }
    const domains = stringList(o.domains, `${where}.domains`, fail).map((d, j) => {
      const domain = d.trim().toLowerCase();
      if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) fail(`${where}.domains[${j}]`, `bad domain "${d}"`);
      return domain;
    });
    const parse = (key: 'banners' | 'datelines' | 'chrome', anchored = false): ParsedRules =>
      parseRules(stringList(o[key], `${where}.${key}`, fail), `${where}.${key}`, fail, anchored);
    const banners = parse('banners');
    const chrome = parse('chrome');
    const rule: OutletRule = {
      name,
      domains,
      banners: compileMatcher(banners),
      datelines: compileMatcher(parse('datelines', true), true),
      chrome: compileMatcher(chrome),
    };
    if (o.language !== undefined) rule.language = o.language as Language;
    return { rule, banners, chrome };
  });

  return {
    source,
    chrome: compileMatcher(parseRules(stringList(data.chrome, 'chrome', fail), 'chrome', fail, false)),
    storyEnds: compileMatcher(parseRules(stringList(data.storyEnds, 'storyEnds', fail), 'storyEnds', fail, false)),
    outlets: outlets.map((o) => o.rule),
    matchOutletLine: outletLineMatcher(outlets),
  };
}

/** Reads and validates an outlet rules file (by default the project's config/outlets.yaml). */
export function loadOutletRules(path: string = DEFAULT_OUTLET_RULES_PATH): OutletRules {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new OutletRulesError(`${path}: cannot read outlet rules: ${(e as Error).message}`);
  }
  return parseOutletRules(text, path);
}

/** The outlet whose domain serves `url`, if the rules know it. */
export function outletForUrl(url: string, rules: OutletRules): OutletRule | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return rules.outlets.find((o) => o.domains.some((d) => host === d || host.endsWith(`.${d}`)));
}
