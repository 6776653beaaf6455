import { ArticleFormatError, hasFrontMatter, parseArticleText, serialiseArticle } from '../../src/core/articles/frontMatter';
import type { Article } from '../../src/core/types';

const article: Article = {
  id: '2020-11-24-2258d7be',
  title: 'التحالف الدولي: المهمة لم تنته',
  outlet: 'North Pulse Network',
  published: { value: '2020-11-24', precision: 'day' },
  language: 'ar',
  url: 'https://example.org/a?b=1',
  body: 'وصل اليوم الثلاثاء …\n\nوأكد أن “المهمة لم تنتهِ”.',
};

function errorOf(text: string): string {
  try {
    parseArticleText(text, 'content/x.md');
  } catch (e) {
    expect(e).toBeInstanceOf(ArticleFormatError);
    return (e as Error).message;
  }
  throw new Error('expected an ArticleFormatError');
}

describe('serialiseArticle / parseArticleText', () => {
  it('round-trips an article exactly', () => {
    const text = serialiseArticle(article);
    expect(parseArticleText(text)).toEqual(article);
    expect(serialiseArticle(parseArticleText(text))).toBe(text);
  });

  it('writes dates at their precision, unquoted', () => {
    const year = serialiseArticle({ ...article, published: { value: '2020', precision: 'year' } });
    expect(year).toContain('\npublished: 2020\n');
    expect(parseArticleText(year).published).toEqual({ value: '2020', precision: 'year' });
    const month = serialiseArticle({ ...article, published: { value: '2020-03', precision: 'month' } });
    expect(month).toContain('\npublished: 2020-03\n');
    expect(parseArticleText(month).published).toEqual({ value: '2020-03', precision: 'month' });
  });

  it('keeps bodies with leading, trailing and repeated blank lines and CRLF exactly', () => {
    for (const body of ['\nstarts blank', 'ends blank\n', 'a\n\n\n\nb', 'crlf\r\nline\r\n', '---\nnot a fence in the body']) {
      expect(parseArticleText(serialiseArticle({ ...article, body })).body).toBe(body);
    }
  });

  it('leaves optional keys out', () => {
    const { outlet: _o, published: _p, url: _u, ...bare } = article;
    const text = serialiseArticle(bare);
    expect(text).not.toMatch(/outlet:|published:|url:/);
    expect(parseArticleText(text)).toEqual(bare);
  });

  it('reads a hand-written file with CRLF line ends and no blank line after the fence', () => {
    const text = '---\r\nid: hand-1\r\ntitle: Hand written\r\nlanguage: en\r\n---\r\nBody line.\r\n';
    const parsed = parseArticleText(text, 'content/hand.md');
    expect(parsed).toMatchObject({ id: 'hand-1', title: 'Hand written', language: 'en', body: 'Body line.', path: 'content/hand.md' });
  });

  it('tells stored articles from raw text', () => {
    expect(hasFrontMatter(serialiseArticle(article))).toBe(true);
    expect(hasFrontMatter('\ufeff---\nid: x\n')).toBe(true);
    expect(hasFrontMatter('Coalition spokesman: Alliance with SDF to continue\n\n---\n')).toBe(false);
  });
});

describe('parseArticleText errors', () => {
  const ok = 'id: a1\ntitle: T\nlanguage: en\n';

  it('names the file', () => {
    expect(errorOf('no front matter')).toMatch(/^content\/x\.md: not a stored article: no front matter/);
  });

  it('reports a missing closing fence', () => {
    expect(errorOf(`---\n${ok}Body without a closing fence`)).toContain('missing closing "---"');
  });

  it('reports invalid YAML with its line in the file', () => {
    expect(errorOf('---\nid: a1\ntitle: "unclosed\nlanguage: en\n---\nBody')).toMatch(/invalid YAML at line [3-5]: Missing closing "quote/);
    expect(errorOf('---\nid: a1\ntitle: [a, b\nlanguage: en\n---\nBody')).toMatch(/invalid YAML at line [34]: Flow sequence/);
    expect(errorOf('---\nid: a1\nid: a2\ntitle: T\nlanguage: en\n---\nBody')).toMatch(/invalid YAML at line 3: duplicate key "id"/);
  });

  it('reports a missing or bad id', () => {
    expect(errorOf('---\ntitle: T\nlanguage: en\n---\nBody')).toContain('missing id');
    expect(errorOf('---\n---\nBody')).toContain('missing id');
    expect(errorOf('---\nid: ../escape\ntitle: T\nlanguage: en\n---\nBody')).toContain('bad id');
  });

  it('reports a bad date, quoting it', () => {
    expect(errorOf(`---\n${ok}published: 2020-02-30\n---\nBody`)).toContain('bad date "2020-02-30"');
    expect(errorOf(`---\n${ok}published: March 2020\n---\nBody`)).toContain('bad date "March 2020"');
    expect(errorOf(`---\n${ok}published: 2020-13\n---\nBody`)).toContain('bad date "2020-13"');
  });

  it('reports an unknown or missing language', () => {
    expect(errorOf('---\nid: a1\ntitle: T\nlanguage: fr\n---\nBody')).toContain('unknown language "fr"');
    expect(errorOf('---\nid: a1\ntitle: T\n---\nBody')).toContain('missing language');
  });

  it('reports a missing title, an unknown key and a bad url', () => {
    expect(errorOf('---\nid: a1\nlanguage: en\n---\nBody')).toContain('missing title');
    expect(errorOf(`---\n${ok}date: 2020\n---\nBody`)).toContain('unknown key "date"');
    expect(errorOf(`---\n${ok}url: not a url\n---\nBody`)).toContain('bad url');
  });
});
