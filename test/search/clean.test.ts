import { describe, expect, it } from 'vitest';
import { extractQuestion } from '../../src/search/clean.js';

describe('the question inside a chat message', () => {
  it.each([
    ['@督办 你好，请问今年新增就业岗位目标是多少？谢谢🙏', '今年新增就业岗位目标是多少？'],
    ['麻烦问下。。。慈溪中学迁建今年能完成吗 辛苦了👍', '慈溪中学迁建今年能完成吗'],
    ['领导好，明天开会要用。关于河长制和一河一策，报告里怎么写的？谢谢', '关于河长制和一河一策，报告里怎么写的？'],
    ['好的收到。另外请问下，今年市艺术节是第几届来着？', '今年市艺术节是第几届来着？'],
    ['<@U0BOT> 河长制', '河长制'],
    ['@督办 在不在 想问问公共自行车啥时候搞', '公共自行车啥时候搞'],
    ['老师好，弱弱地问一句，社保卡功能有啥新安排', '社保卡功能有啥新安排'],
    [
      '@duban hi, quick one: how many key energy-saving retrofit projects are planned this year? thx 🙏',
      'how many key energy-saving retrofit projects are planned this year?',
    ],
    [
      'Hi all, sorry to bother. Does the report say anything about hukou reform? Thanks!',
      'Does the report say anything about hukou reform?',
    ],
    [
      "yo bot, boss wants to know re: support for disabled people, what's in the report? ty",
      "support for disabled people, what's in the report?",
    ],
    [
      'hi @assistant meeting in 5 min lol — what does it say about the river chief thing?',
      'what does it say about the river chief thing?',
    ],
  ])('%s → %s', (message, question) => {
    expect(extractQuestion(message)).toBe(question);
  });

  it('keeps a message that is only a greeting, rather than nothing', () => {
    expect(extractQuestion('你好')).toBe('你好');
  });
});

describe('English spelling', () => {
  it('mends a misspelt word to a known one, and leaves a word with no near one alone', async () => {
    const { correctSpelling } = await import('../../src/search/english.js');
    const known = new Set(['investment', 'kindergarten', 'education', 'festival']);
    expect(correctSpelling('investmnet', known)).toBe('investment');
    expect(correctSpelling('festivel', known)).toBe('festival');
    expect(correctSpelling('disabilities', known)).toBeUndefined();
    expect(correctSpelling('ecommerce', known)).toBeUndefined();
  });

  it('of two words one slip away, takes the one the slip dropped a letter from', async () => {
    const { correctSpelling } = await import('../../src/search/english.js');
    expect(correctSpelling('suport', new Set(['sport', 'support']))).toBe('support');
    expect(correctSpelling('suport', new Set(['support', 'sport']))).toBe('support');
  });
});
