import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openAnswerer } from '../../src/answer/open.js';
import { plain } from '../../src/answer/types.js';
import { loadConfig } from '../../src/config.js';
import { tempDir } from '../fakes/tmp.js';

const dataDir = tempDir();
symlinkSync(inject('indexDir'), join(dataDir, 'index'));
const config = loadConfig({ DUBAN_DATA_DIR: dataDir });
const answerer = await openAnswerer(config);

describe('answers in Chinese', () => {
  it('names the item and quotes the exact target', async () => {
    const a = await answerer.ask('人才团队的引进目标是多少？');
    expect(a).toMatchObject({ found: true, lang: 'zh' });
    expect(a.citations[0]).toMatchObject({ id: '4.3', title: '提升人才支撑水平' });
    expect(a.text).toContain('4.3 提升人才支撑水平');
    expect(a.text).toContain('**争取引进领军人才及团队25个以上**');
    expect(a.text).toContain('4.3#1 领军人才及团队 ≥**25个** — 暂无进展记录');
  });

  it('answers where a project stands in the plan', async () => {
    const a = await answerer.ask('新城河工程怎么安排的');
    expect(a.citations[0]?.id).toBe('5.3');
    expect(a.citations[0]?.quote).toContain('四灶浦南延（新城河）拓疏一期工程');
  });

  it('lists the items of a section asked about as a whole', async () => {
    const a = await answerer.ask('第四部分有哪些工作');
    expect(a.found).toBe(true);
    expect(plain(a.text)).toContain('共4项工作');
    for (const id of ['4.1', '4.2', '4.3', '4.4']) expect(a.text).toContain(id);
  });

  it('finds a section named by its topic in a question framed as "this chapter, what things"', async () => {
    const a = await answerer.ask('民生这一章今年主要干哪几件事');
    expect(a.found).toBe(true);
    expect(a.citations[0]?.id).toBe('8');
  });

  it('goes straight to an item named by its number', async () => {
    const a = await answerer.ask('8.3的目标是什么');
    expect(a.citations[0]?.id).toBe('8.3');
    expect(plain(a.text)).toContain('2.2万个');
  });

  it('says plainly when the report does not say, and offers the closest items', async () => {
    const a = await answerer.ask('高铁站什么时候建成');
    expect(a.found).toBe(false);
    expect(a.citations).toEqual([]);
    expect(a.text).toMatch(/^报告中没有这方面的内容/);
    expect(a.suggestions.length).toBeGreaterThan(0);
  });

  it('reads a question typed in traditional characters', async () => {
    const a = await answerer.ask('人才團隊的引進目標是多少？');
    expect(a.question).toBe('人才團隊的引進目標是多少？');
    expect(a.found).toBe(true);
    expect(a.citations[0]?.id).toBe('4.3');
  });

  it('does not give a figure the report does not have', async () => {
    const a = await answerer.ask('慈溪市人口有多少');
    expect(a.found).toBe(false);
  });

  it('hears 百分之几 as asking for a figure, which 1.3 does not give', async () => {
    const a = await answerer.ask('今年出口增长目标是百分之几?');
    expect(a.outcome).toBe('not-found');
    expect(a.text).toMatch(/^报告中没有给出这个数字/);
  });
});

describe('answers in English', () => {
  it('maps English terms to the report and answers in English, the Chinese quote kept as the source', async () => {
    const a = await answerer.ask('what is the target for talent teams?');
    expect(a).toMatchObject({ found: true, lang: 'en' });
    expect(a.citations[0]?.id).toBe('4.3');
    const text = plain(a.text);
    expect(text).toMatch(/^Item 4\.3: Strengthen talent support \(section 4: /);
    expect(text).toContain('• 4.3#1 at least 25 leading talents and teams — no progress recorded yet');
    expect(text).toContain('“深入实施“上林英才”计划，建设留学生创业园核心区，争取引进领军人才及团队25个以上');
    // Outside the quote, no Chinese unit and no glossed word salad ("on improve, talents").
    const outside = text.replace(/“.*”/g, '').replace(/^(Key terms|Source): .*$/gm, '');
    expect(outside).not.toMatch(/\p{Script=Han}/u);
    expect(text).not.toContain('on improve');
  });

  it.each([
    ['What is the employment target?', '8.3', '2.2万'],
    ['How many energy saving projects?', '6.4', '60'],
    ['river chief system', '6.1', '河长制'],
  ])('%s → %s', async (q, id, text) => {
    const a = await answerer.ask(q);
    expect(a.citations[0]?.id).toBe(id);
    expect(a.text).toContain(text);
  });

  it('spells out 万 figures for English readers', async () => {
    const a = await answerer.ask('What is the employment target?');
    expect(plain(a.text)).toContain('8.3#1 22,000 new urban and rural jobs');
    expect(plain(a.text)).toContain('新增城乡就业岗位2.2万个');
  });

  it('says when the report gives no such figure', async () => {
    const a = await answerer.ask('What is the population of the city?');
    expect(a).toMatchObject({ found: false, outcome: 'not-found' });
    expect(a.text).toMatch(/^The report gives no such figure/);
  });

  it("weighs how many of an English question's own words the best passage holds in English", async () => {
    const own = await answerer.judge('What does the report say about the river chief system?');
    expect(own.hits[0]?.doc.ref).toBe('6.1');
    expect(own.features.englishWords).toBe(1);
    const other = await answerer.judge('Will the city build a subway to ease traffic jams?');
    expect(other.hits[0]?.doc.ref).toBe('5.2');
    expect(other.features.englishWords).toBeGreaterThan(0);
    expect(other.features.englishWords).toBeLessThan(1);
  });

  it('takes an English noun nothing in the report translates for a thing the report does not name', async () => {
    // 5.2 is about traffic jams, but the report plans no subway.
    const a = await answerer.ask('Will the city build a subway to ease traffic jams?');
    expect(a.outcome).toBe('not-found');
    expect(a.suggestions[0]?.id).toBe('5.2');
  });

  it.each([
    // 8.4 plans the relocation but gives no money; 2.2's 四大 counts clusters two clauses from its 景区.
    ['How much will the school relocations cost?', '8.4'],
    ['How many tourists are expected?', '2.2'],
  ])('wants the figure in the unit asked for, next to what is asked about: %s', async (q, id) => {
    const a = await answerer.ask(q);
    expect(a.outcome).toBe('not-found');
    expect(a.suggestions[0]?.id).toBe(id);
    // Next to it, the figure is found: 60个 in 实施60个重点节能改造项目.
    expect(plain((await answerer.ask('How many key energy-saving retrofit projects?')).text)).toContain('60');
  });

  it('does not take a name with digits for the figure asked for', async () => {
    // 6.3 speaks of air quality but gives no PM2.5 level, and 3.4 of public finance but no revenue target.
    for (const q of ['What PM2.5 concentration is the city aiming for?', "What's the fiscal revenue target?"]) {
      const a = await answerer.ask(q);
      expect(a.outcome, q).toBe('not-found');
      expect(a.text, q).toMatch(/^The report gives no such figure/);
    }
    const met = await answerer.ask("What's the jobs target?");
    expect(met.found).toBe(true);
    expect(plain(met.text)).toContain('2.2万个');
  });

  it('glosses the report’s terms and names in English under the Chinese quote', async () => {
    const a = await answerer.ask('What does the report say about the river chief system?');
    expect(a.citations[0]?.id).toBe('6.1');
    expect(plain(a.text)).toContain(
      'Key terms: 清三河 three rivers; 河长制 river chief system; 一河一策 one river one policy',
    );
    const towns = await answerer.ask('Which central towns get a three-year action plan?');
    expect(plain(towns.text)).toContain('周巷 Zhouxiang; 观海卫 Guanhaiwei; 龙山 Longshan; 逍林 Xiaolin');
  });

  it('reads "to" before a verb as the start of a purpose, not of a dictionary phrase ("to open" → 开展)', async () => {
    const concepts = answerer.index.prepare('What is the city doing to open up internationally?').concepts;
    expect(concepts.flatMap((c) => c.alternatives)).not.toContain('开展');
    expect(concepts.flatMap((c) => c.alternatives)).toContain('开放');
  });

  it.each([
    ["What does the government intend to do so that firms don't go under because of tangled loan guarantees?", '1.1'],
    ['Is anything being done to keep overseas sales from slipping further?', '1.3'],
    // Numbers in words weigh nothing outside the names they begin.
    ['three reforms one demolition', '6.2'],
    ['Which two high schools are being relocated?', '8.4'],
  ])('reads past the function words of a long English question: %s', async (q, id) => {
    const a = await answerer.ask(q);
    expect(a.outcome).toBe('found');
    expect(a.citations[0]?.id).toBe(id);
  });

  it.each([
    ['pls remind me wht the report says abt public bikes', '5.2'],
    ['any news on the celadon festival this yr?', '8.6'],
    ['hey guys, boss is asking: where r we on the talent recruitment numbers?', '4.3'],
  ])('reads English chat shorthand and words of asking as what they say: %s', async (q, id) => {
    const a = await answerer.ask(q);
    expect(a.outcome).toBe('found');
    expect(a.citations[0]?.id).toBe(id);
  });

  it('reads the short forms of chat as the words they stand for (social orgs, govt)', async () => {
    const a = await answerer.ask('what does the govt say about social orgs?');
    expect(a.outcome).toBe('found');
    expect(a.citations[0]?.id).toBe('7.3');
  });

  it('reads a misspelt word as the word it was meant to be', async () => {
    const a = await answerer.ask('celadon festivel');
    expect(a).toMatchObject({ outcome: 'found' });
    expect(a.citations[0]?.id).toBe('8.6');
  });
});

describe('questions as people write them in a work group', () => {
  it.each([
    ['@督办 你好，请问今年新增就业岗位目标是多少？谢谢🙏', '8.3', '2.2万'],
    ['<@U0BOT> 各位好！领导让我查一下，河长制是八个方面里的哪一条？？', '6.1', '河长制'],
    ['Hi all, sorry to bother. Does the report say anything about hukou reform? Thanks!', '3.2', '户籍制度改革'],
    // A place the report names in passing, with what it names there, is the report's own (not another city's).
    ["How many talents are targeted under Ningbo's 3315 plan?", '4.3', '3315'],
    // Slips of the words that only ask ("wat") weigh nothing, as the words do.
    ['wat about the rivr cheif system?', '6.1', '河长制'],
    // English words held together by Chinese grammar: a Chinese question, answered in Chinese.
    ['今年的talent policy有啥,引进leading talents有没有target?', '4.3', '领军人才及团队'],
  ])('%s → %s', async (q, id, text) => {
    const a = await answerer.ask(q);
    expect(a.question).toBe(q);
    expect(a).toMatchObject({ found: true, outcome: 'found' });
    expect(a.citations[0]?.id).toBe(id);
    expect(a.text).toContain(text);
  });

  it('answers in Chinese a Chinese sentence that mixes in English words, and in English an English one quoting Chinese', async () => {
    expect((await answerer.ask('家电industry怎么upgrade?走smart化和branding路线吗')).lang).toBe('zh');
    expect((await answerer.ask('What does the report say about 河长制?')).lang).toBe('en');
  });

  it.each([
    ['黄标车禁形', '6.3'],
    ['上林因才计划今年怎么实施的', '4.3'],
    ['权利清单和责任清单制度今年怎么推', '3.4'],
    ['sgyc', '6.2'],
    ['qlqd', '3.4'],
    ['yidaiyilu', '4.4'],
    ['wu shui gong zhi', '6.1'],
    ['hé zhǎng zhì', '6.1'],
  ])('reads voice-input slips and pinyin: %s → %s', async (q, id) => {
    const a = await answerer.ask(q);
    expect(a.found).toBe(true);
    expect(a.citations[0]?.id).toBe(id);
  });

  it.each([
    // 办(个)事, 跑(好几个)窗口, 盖(一堆)章 are 办事, 跑窗口, 盖章; 好几个 says "several", it asks for no figure.
    ['出门办个事要跑好几个窗口盖一堆章，能不能简化点', '3.4'],
    // 能好点 is 能 + 好 + 点, not a slip for 能耗; 啥时候 only asks when.
    ['天天灰蒙蒙的,空气啥时候能好点', '6.3'],
    // 办(几件)实事, 农村(的)房子: a measure or 的 inside an everyday word, at any one place.
    ['今年办几件实事', '8.2'],
    ['农村的房子改造', '5.5'],
    // 找工作 keeps its 工作 (a word that only asks elsewhere); 上下班 is not 上(下)班.
    ['找工作难', '8.3'],
    ['上下班路上太堵了', '5.2'],
    ['银行抽贷，企业快撑不下去了', '1.1'],
    // 老百姓 names who asks, as 我们 does, not what is asked about.
    ['老百姓自己投资有啥鼓励', '1.2'],
  ])(
    'reads everyday words with something put inside them, and everyday characters as what they say: %s',
    async (q, id) => {
      const a = await answerer.ask(q);
      expect(a.outcome).toBe('found');
      expect(a.citations[0]?.id).toBe(id);
    },
  );

  it('cuts a long run of characters no dictionary word covers into words, not one thing the report lacks', async () => {
    const words = answerer.index.prepare('村口大榕树边上老是积水').concepts.map((c) => c.text);
    expect(words).toContain('村口');
    expect(words.every((w) => w.length < 5)).toBe(true);
    // Short runs stay whole: 高铁 is one thing, and the report does not name it.
    expect(answerer.index.prepare('高铁站什么时候建').concepts.map((c) => c.text)).toEqual(['高铁']);
  });

  it('takes paying and prices for details the report does not give', async () => {
    expect((await answerer.ask('夜市摆摊要交钱吗')).outcome).toBe('not-found');
  });

  it('does not find an everyday word across the words of a question (建设 + 计划 is not 设计)', async () => {
    expect((await answerer.ask('海绵城市建设有啥计划')).outcome).toBe('not-found');
  });

  it('reads everyday words as the report’s terms', async () => {
    const a = await answerer.ask('那种楼下开厂楼上住人的小作坊要整治吗');
    expect(a.citations[0]?.id).toBe('7.5');
    expect(a.text).toContain('三合一');
  });

  it('does not take characters that happen to stand together for a place (东西安全 is not 西安)', async () => {
    const a = await answerer.ask('饭桌上吃的东西安不安全，政府有啥行动？');
    expect(a.outcome).toBe('found');
    expect(a.citations[0]?.id).toBe('7.5');
  });

  it('does not take an English word for a place because a place has that name ("One")', async () => {
    const a = await answerer.ask(
      "Thanks! One more thing: what's the government doing about the housing provident fund?",
    );
    expect(a.outcome).toBe('found');
    expect(a.citations[0]?.id).toBe('8.3');
  });

  it('tells a city the report names in passing (宁波“3315计划”) from a question about that city (宁波市区)', async () => {
    expect((await answerer.ask('宁波3315计划人才引进几个')).citations[0]?.id).toBe('4.3');
    expect((await answerer.ask('宁波市区公共自行车怎么收费')).outcome).toBe('not-found');
    expect((await answerer.ask('What is the Ningbo 3315 plan?')).citations[0]?.id).toBe('4.3');
    expect((await answerer.ask("What is Ningbo city's target for new jobs this year?")).outcome).toBe('not-found');
  });

  it.each([
    ['第九届市艺术节是哪一年办的?', '第十届市艺术节什么时候办'],
    ['When was the 9th arts festival held?', 'What about the 10th arts festival?'],
  ])('takes an edition of an event the report does not hold for another year: %s', async (other, own) => {
    expect((await answerer.ask(other)).outcome).toBe('not-found');
    const a = await answerer.ask(own);
    expect(a.outcome).toBe('found');
    expect(a.citations[0]?.id).toBe('8.6');
  });

  it('does not answer for another city, or another year', async () => {
    // 北京 is a capital (CC-CEDICT does not call it a city); 前几年 is years before this one.
    for (const q of [
      '余姚的河长制是怎么搞的？',
      "What was last year's GDP growth rate?",
      '北京的五水共治',
      '前几年的人才引进情况',
    ]) {
      const a = await answerer.ask(q);
      expect(a.outcome).toBe('not-found');
      expect(a.citations).toEqual([]);
    }
  });

  it('speaks of figures in a refusal only when a figure was asked for', async () => {
    const plan = await answerer.ask('高铁站什么时候建成');
    expect(plan.outcome).toBe('not-found');
    expect(plan.text).toMatch(/^报告中没有这方面的内容。/);
    expect(plan.text).not.toContain('数字');
    const figure = await answerer.ask('胜陆公路胜山至横河段全长多少公里？');
    expect(figure.outcome).toBe('not-found');
    expect(figure.text).toMatch(/^报告中没有给出这个数字/);
    expect(plain(figure.text)).not.toMatch(/\d+公里/);
  });
});

describe('questions that name the city or ask for a plan rather than a number', () => {
  it('does not let the city’s own name count against an English question', async () => {
    const a = await answerer.ask("What is Cixi's target for talent teams?");
    expect(a.found).toBe(true);
    expect(a.citations[0]?.id).toBe('4.3');
  });

  it('answers "what is the target" for an item whose target is not a number', async () => {
    const a = await answerer.ask('What is the target for the river chief system?');
    expect(a.found).toBe(true);
    expect(a.citations[0]?.id).toBe('6.1');
  });
});
