/**
 * The index's files in `DATA_DIR/index/`, as one process opens them: each is checked against the
 * fingerprint the build wrote in the manifest when the index is opened, and parsed only when a
 * question first needs it. Parsing all of them (the English words, CC-CEDICT, pinyin, places,
 * WordNet synonyms) took most of a cold `duban ask`, and a Chinese question needs few of them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files whose fingerprints the manifest keeps and that are parsed on first need. */
export const CHECKED_FILES = [
  'dict.txt',
  'cedict.json',
  'generic.txt',
  'traditional.json',
  'places.json',
  'english.txt',
  'nouns.txt',
  'synonyms.json',
  'pinyin.json',
] as const;

export type CheckedFile = (typeof CHECKED_FILES)[number];

const fingerprint = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The fingerprint of each checked file in `dir`, for the manifest. */
export function fingerprints(dir: string): Record<CheckedFile, string> {
  return Object.fromEntries(CHECKED_FILES.map((name) => [name, fingerprint(readFileSync(join(dir, name)))])) as Record<
    CheckedFile,
    string
  >;
}

/** A value made the first time it is asked for, then kept. */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/** The index's files, read and checked at open; their text is parsed by whoever first needs it. */
export class IndexFiles {
  private constructor(private readonly data: Map<CheckedFile, Buffer>) {}

  /**
   * Read every checked file of `dir`; throws when one is missing or is not the file the build
   * wrote (cut short, overwritten), so the caller builds the index again.
   */
  static read(dir: string, expected: Partial<Record<CheckedFile, string>> | undefined): IndexFiles {
    const bytes = new Map<CheckedFile, Buffer>();
    for (const name of CHECKED_FILES) {
      const data = readFileSync(join(dir, name));
      if (fingerprint(data) !== expected?.[name]) throw new Error(`${name} is not the file the index was built with`);
      bytes.set(name, data);
    }
    return new IndexFiles(bytes);
  }

  bytes(name: CheckedFile): Buffer {
    return this.data.get(name)!;
  }

  text(name: CheckedFile): string {
    return this.data.get(name)!.toString('utf8');
  }

  /** The file's lines, as a set. */
  lines(name: CheckedFile): Set<string> {
    return new Set(this.text(name).split('\n'));
  }

  json<T>(name: CheckedFile): T {
    return JSON.parse(this.text(name)) as T;
  }
}
