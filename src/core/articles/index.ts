// Owned by the articles module: parse stored articles, clean raw text, detect language, ingest.
export {};
