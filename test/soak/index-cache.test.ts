/** The search index kept on disk: reused while the reports are the same, rebuilt when they change or it is damaged. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAnswerer } from '../../src/answer/open.js';
import { loadConfig } from '../../src/config.js';
import { REPORTS_DIR } from '../fakes/report.js';
import { captureStderr } from '../fakes/stderr.js';
import { tempDir } from '../fakes/tmp.js';

describe('the search index on disk', () => {
  it('is reused while the reports are the same and rebuilt when one changes', async () => {
    const dataDir = tempDir();
    const reportsDir = join(tempDir(), 'reports');
    cpSync(REPORTS_DIR, reportsDir, { recursive: true });
    const cfg = loadConfig({ DUBAN_DATA_DIR: dataDir, DUBAN_REPORTS_DIR: reportsDir });
    await openAnswerer(cfg);
    const manifest = () => JSON.parse(readFileSync(join(dataDir, 'index/manifest.json'), 'utf8'));
    const first = manifest();
    await openAnswerer(cfg);
    expect(manifest().builtAt).toBe(first.builtAt);

    const file = join(reportsDir, 'cixi-2015.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('实施60个重点节能改造项目', '实施80个重点节能改造项目'));
    const changed = await openAnswerer(cfg);
    expect(manifest().hash).not.toBe(first.hash);
    expect((await changed.ask('节能改造项目有多少个')).text).toContain('80个');
  });
});

describe('English questions after an index build', () => {
  it('find the WordNet synonyms already made, so the first one does not wait for WordNet', async () => {
    const dataDir = tempDir();
    const answerer = await openAnswerer(loadConfig({ DUBAN_DATA_DIR: dataDir }));
    const made = readFileSync(join(dataDir, 'index/synonyms.json'), 'utf8');
    expect(made).toContain('"pupil"');
    expect((await answerer.judge('What about pupils?')).query.concepts[0]?.alternatives).toContain('学生');
  });
});

describe('a search index cache that was damaged', () => {
  // english.txt and synonyms.json are parsed only when an English question needs them: their damage
  // is still found when the index is opened, not in the middle of a question.
  it.each(['vectors.hnsw', 'synonyms.json', 'english.txt'])(
    'is built again when %s is garbage, with a line in the log',
    async (file) => {
      const dataDir = tempDir();
      const cfg = loadConfig({ DUBAN_DATA_DIR: dataDir });
      await openAnswerer(cfg);
      writeFileSync(join(dataDir, 'index', file), '\u0000garbage{');
      const { result: a, logged } = await captureStderr(() => openAnswerer(cfg));
      expect(logged).toMatch(/could not be read .*building it again/);
      expect((await a.ask('人才团队的引进目标是多少？')).citations[0]?.id).toBe('4.3');
      expect((await a.judge('What about pupils?')).query.concepts[0]?.alternatives).toContain('学生');
    },
  );
});
