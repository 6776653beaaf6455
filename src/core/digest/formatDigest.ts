/** Text and Markdown renderings of a digest (the JSON rendering is the model itself). */
import type { Language } from '../types';
import type { Digest, DigestSourceRef, DigestStory } from './buildDigest';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ar: 'Arabic' };

/** Line breaks and runs of spaces inside a verbatim span, shown on one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** "from 12 articles", or "from the newest 1,000 of 99,705 articles" when the window was cut. */
export function articlesPhrase(w: Digest['window']): string {
  const n = (x: number) => x.toLocaleString('en');
  if (w.considered < w.articles) return `from the newest ${n(w.considered)} of ${n(w.articles)} articles`;
  return `from ${n(w.articles)} ${w.articles === 1 ? 'article' : 'articles'}`;
}

function windowLine(d: Digest): string {
  const w = d.window;
  const range = w.latest ? 'latest stories' : `${w.since ?? 'the beginning'} to ${w.until ?? 'now'}`;
  const n = d.stories.length;
  return `Digest: ${range} — ${n} ${n === 1 ? 'story' : 'stories'} ${articlesPhrase(w)} (${LANGUAGE_NAMES[w.language]})`;
}

function storyFacts(s: DigestStory): string {
  const parts = [s.when ?? 'undated', `${s.articles.length} ${s.articles.length === 1 ? 'source' : 'sources'}`];
  if (s.languages.length > 1) parts.push(s.languages.map((l) => LANGUAGE_NAMES[l]).join(' and '));
  if (s.otherLanguage) parts.push(`only in ${LANGUAGE_NAMES[s.language]}`);
  return parts.join(' · ');
}

function sourceText(src: DigestSourceRef): string {
  return [src.outlet ?? 'unknown outlet', src.published ?? 'undated', LANGUAGE_NAMES[src.language], src.url].filter(Boolean).join(', ') + ` [${src.article}]`;
}

export function formatDigestText(d: Digest): string[] {
  const lines = [windowLine(d)];
  if (!d.stories.length) {
    lines.push('No stories in this window.');
    return lines;
  }
  d.stories.forEach((s, i) => {
    lines.push('');
    lines.push(`${i + 1}. ${oneLine(s.headline)}`);
    lines.push(`   ${storyFacts(s)}`);
    for (const sentence of s.sentences) lines.push(`   ${oneLine(sentence.text)}`);
    for (const q of s.quotes) lines.push(`   “${oneLine(q.quote)}” — ${q.speaker ?? 'unknown speaker'}`);
    lines.push('   Sources:');
    for (const src of s.sources) lines.push(`   - ${sourceText(src)}`);
  });
  return lines;
}

function mdEscape(text: string): string {
  return oneLine(text).replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

export function formatDigestMarkdown(d: Digest): string[] {
  const lines = [`# ${mdEscape(windowLine(d))}`];
  if (!d.stories.length) {
    lines.push('', 'No stories in this window.');
    return lines;
  }
  d.stories.forEach((s, i) => {
    const dir = s.language === 'ar' ? ' dir="rtl"' : '';
    lines.push('', `## ${i + 1}. ${mdEscape(s.headline)}`, '', `*${mdEscape(storyFacts(s))}*`, '');
    if (dir) lines.push(`<div${dir}>`, '');
    for (const sentence of s.sentences) lines.push(mdEscape(sentence.text), '');
    for (const q of s.quotes) lines.push(`> “${mdEscape(q.quote)}” — **${mdEscape(q.speaker ?? 'unknown speaker')}**`, '');
    if (dir) lines.push('</div>', '');
    lines.push('Sources:');
    for (const src of s.sources) {
      const label = [src.outlet ?? 'unknown outlet', src.published ?? 'undated', LANGUAGE_NAMES[src.language]].map(mdEscape).join(', ');
      lines.push(src.url ? `- [${label}](${src.url}) \`${src.article}\`` : `- ${label} \`${src.article}\``);
    }
  });
  return lines;
}
