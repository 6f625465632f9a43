import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answerer } from '../../src/answer/answerer.js';
import { openAnswerer } from '../../src/answer/open.js';
import { loadConfig } from '../../src/config.js';
import { indexedDataDir } from '../fakes/core.js';
import { FakeOpenAI } from '../fakes/openai-server.js';
import { captureStderr } from '../fakes/stderr.js';

const fake = new FakeOpenAI();
let answerer: Answerer;

beforeAll(async () => {
  const baseUrl = await fake.start();
  answerer = await openAnswerer(
    loadConfig({
      DUBAN_DATA_DIR: indexedDataDir(),
      DUBAN_LLM_BASE_URL: baseUrl,
      DUBAN_LLM_MODEL: 'fake-model',
      DUBAN_LLM_API_KEY: 'k',
      DUBAN_LLM_TIMEOUT_MS: '500',
    }),
  );
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.requests = [];
});

const QUESTION = '人才团队的引进目标是多少？';

describe('with an LLM endpoint configured', () => {
  it('lets the model write the prose from the retrieved passages, keeping the computed targets', async () => {
    fake.behaviour = { content: '今年争取引进领军人才及团队25个以上 [4.3]。' };
    const a = await answerer.ask(QUESTION);
    expect(a.source).toBe('llm');
    expect(a.text).toMatch(/^今年争取引进领军人才及团队25个以上 \[4\.3\]。/);
    expect(a.text).toContain('4.3#1 领军人才及团队 ≥**25个**');
    expect(a.citations.map((c) => c.id)).toEqual(['4.3']);
    const sent = fake.requests[0]!.body;
    expect(sent.model).toBe('fake-model');
    expect(sent.messages.at(-1)!.content).toContain('[4.3] 提升人才支撑水平');
    expect(sent.messages.at(-1)!.content).toContain(QUESTION);
  });

  it('drops citations of passages it was not given', async () => {
    fake.behaviour = { content: '引进领军人才及团队25个以上 [4.3]，另见 [9.9]。' };
    const a = await answerer.ask(QUESTION);
    expect(a.source).toBe('llm');
    expect(a.text).not.toContain('[9.9]');
    expect(a.citations.map((c) => c.id)).toEqual(['4.3']);
  });

  it.each([
    ['an answer with no valid citation', { content: '引进领军人才及团队25个以上。' }],
    ['a figure the passages do not hold', { content: '今年引进领军人才及团队40个 [4.3]。' }],
    ['real figures swapped between metrics', { content: '今年引进领军人才6个，“千人计划”人才及团队25个 [4.3]。' }],
    ['a refused key', { status: 401 }],
    ['a server error', { status: 500 }],
    ['a timeout', { content: '太迟了 [4.3]', hang: true }],
    ['the model saying the report does not answer', { content: 'NOT_IN_REPORT' }],
  ])('falls back to the offline answer on %s', async (_name, behaviour) => {
    fake.behaviour = behaviour;
    const a = await answerer.ask(QUESTION);
    expect(a.source).toBe('extractive');
    expect(a.found).toBe(true);
    expect(a.citations[0]?.id).toBe('4.3');
    expect(a.text).toContain('争取引进领军人才及团队25个以上');
  });

  it('logs why the model was not used, once per reason, not swallowed', async () => {
    fake.behaviour = { status: 403 };
    const { logged } = await captureStderr(async () => {
      await answerer.ask(QUESTION);
      await answerer.ask(QUESTION);
    });
    expect(logged.match(/answered 403/g)).toHaveLength(1);
  });

  it('does not ask the model when the report does not answer', async () => {
    const a = await answerer.ask('高铁站什么时候建成');
    expect(a.found).toBe(false);
    expect(fake.requests).toEqual([]);
  });
});
