// Stored articles (front matter over a verbatim body), raw-page cleaning, language and date
// detection, and ingest into the content directory.
export { ArticleFormatError, hasFrontMatter, isLanguage, isValidArticleId, LANGUAGES, parseArticleText, serialiseArticle } from './frontMatter';
export { makePartialDate, parsePartialDate } from './partialDate';
export { countScriptLetters, detectLanguage, languageOfLetters } from './language';
export { choosePublicationDate, findPublicationDate, parseDate, readDateLine, readLeadDate, type DateLine } from './dates';
export {
  DEFAULT_OUTLET_RULES_PATH,
  lineKey,
  LineProbe,
  loadOutletRules,
  OutletRulesError,
  outletForUrl,
  parseOutletRules,
  type LineMatcher,
  type OutletLineMatch,
  type OutletRule,
  type OutletRules,
} from './outletRules';
export { analyseRawText, cleanBody, maskChrome, type ChromeRange, type RawAnalysis, type TextRange } from './clean';
export { articleIdFor, bodyFingerprint } from './articleId';
export { DEFAULT_MAX_INPUT_BYTES, firstInvalidUtf8Offset, InputFileError, readTextInput } from './readTextInput';
export { ArticleExistsError, articleFileName, listArticleFiles, loadContentDir, readArticleFile, writeArticle, type ContentDirError } from './store';
export { ingestFiles, INGEST_EXTENSIONS, type IngestOptions, type IngestOverrides, type IngestReport, type IngestResult } from './ingest';
