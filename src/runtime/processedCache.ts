/**
 * Extraction results cached in the Store, keyed by a hash of the article file and of
 * everything extraction depends on (the extractor's source and the config files), so a
 * restart re-extracts only new or changed articles, and a new extractor re-extracts all.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ProcessedArticle } from '../core/pipeline';
import type { Speaker, SpeakerRegistry } from '../core/speakers/registry';
import type { Article, Quote, QuoteKind } from '../core/types';

const KINDS: readonly QuoteKind[] = ['direct', 'partial', 'indirect'];

/** Source and config the extraction depends on, hashed once per process. */
export function extractionFingerprint(configDir: string, sourceRoot = path.join(__dirname, '..', 'core')): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js|ya?ml|json)$/.test(e.name)) {
        h.update(path.relative(dir, p));
        h.update(fs.readFileSync(p));
      }
    }
  };
  walk(sourceRoot);
  walk(configDir);
  return h.digest('hex').slice(0, 16);
}

export function articleHash(fingerprint: string, bytes: Buffer): string {
  return createHash('sha256').update(fingerprint).update(bytes).digest('hex');
}

interface Payload {
  /** The article's front matter, and where its body starts in the file's text (so it is not parsed again). */
  m: Omit<Article, 'body' | 'path'> & { bodyStart: number; bodyEnd: number };
  /** Quotes: [start, end, kind, mention, speakerId, speaker, confidence, text when it is not the body's slice]. */
  q: Array<[number, number, number, string | null, string | null, string | null, number, string?]>;
  /** Learned speakers the quotes name: re-learned on load so their ids exist in the registry. */
  l: Array<[string, string, Speaker['kind']]>;
}

/** The cache entry of an article read from `text` (the file's text): its quotes, front matter and learned speakers. */
export function encodeProcessed(processed: ProcessedArticle, registry: SpeakerRegistry, text: string): string {
  const { body, path: _path, ...meta } = processed.article;
  // The body ends the file, less the final line break the front-matter reader drops.
  const bodyStart = text.lastIndexOf(body);
  if (bodyStart < 0 || text.length - (bodyStart + body.length) > 2) throw new Error(`article ${meta.id}: its body is not the end of its file`);
  const learned = new Map<string, [string, string, Speaker['kind']]>();
  const q = processed.quotes.map((quote): Payload['q'][number] => {
    if (quote.speakerId && !learned.has(quote.speakerId)) {
      const s = registry.get(quote.speakerId);
      if (s?.learned) learned.set(s.id, [s.id, s.name, s.kind]);
    }
    const row: Payload['q'][number] = [quote.start, quote.end, KINDS.indexOf(quote.kind), quote.mention, quote.speakerId, quote.speaker, quote.confidence];
    if (body.slice(quote.start, quote.end) !== quote.text) row.push(quote.text);
    return row;
  });
  return JSON.stringify({ m: { ...meta, bodyStart, bodyEnd: bodyStart + body.length }, q, l: [...learned.values()] } satisfies Payload);
}

/**
 * Rebuilds a cached article from its file's text; learned speakers are added to the registry
 * again. Null for an entry in an older layout (the article is then extracted afresh).
 */
export function decodeProcessed(payload: string, text: string, registry: SpeakerRegistry): ProcessedArticle | null {
  const data = JSON.parse(payload) as Payload;
  if (!data.m || typeof data.m.bodyStart !== 'number' || typeof data.m.bodyEnd !== 'number') return null;
  const { bodyStart, bodyEnd, ...meta } = data.m;
  const article: Article = { ...meta, body: text.slice(bodyStart, bodyEnd) };
  const renamed = new Map<string, Speaker>();
  for (const [id, name, kind] of data.l) {
    if (registry.get(id)) continue;
    const s = registry.learn(name, kind);
    if (s.id !== id) renamed.set(id, s);
  }
  const quotes: Quote[] = data.q.map(([start, end, kind, mention, speakerId, speaker, confidence, text]) => {
    const again = speakerId ? renamed.get(speakerId) : undefined;
    return {
      text: text ?? article.body.slice(start, end),
      start,
      end,
      kind: KINDS[kind],
      mention,
      speakerId: again ? again.id : speakerId,
      speaker: again ? again.name : speaker,
      confidence,
    };
  });
  return { article, quotes };
}
