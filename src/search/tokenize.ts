/**
 * Chinese text → search terms: jieba words (with a dictionary cut down to the loaded reports,
 * so it loads in milliseconds) and character bigrams. Words of the question that only ask
 * ("多少", "什么", "目标") are dropped so they cannot match the report's prose.
 */
import { Jieba } from '@node-rs/jieba';

/** Words that say what kind of question it is, not what it is about. */
const QUESTION_WORDS = [
  '是多少',
  '百分之几',
  '几个百分点',
  '几成',
  '多少',
  '什么时候',
  '啥时候',
  '何时',
  '什么',
  '怎么样',
  '怎么',
  '如何',
  '哪些',
  '哪个',
  '是否',
  '有没有',
  '有哪些',
  '第几',
  '目标',
  '指标',
  '任务',
  '进展',
  '情况',
  '安排',
  '要求',
  '工作',
  '今年',
  '请问',
  '一下',
  '现在',
  '目前',
  '完成了吗',
  '吗',
  '呢',
  '吧',
  '啊',
  // Frames around the topic: where it stands in the report, what it says, whether it happens.
  '属于哪一?(?:项|条|部分|块|个方面|方面)(?:工作|内容)?',
  '是(?:八个方面里的)?哪一?(?:项|条|部分|块|个方面)',
  '在(?:报告)?哪一?(?:项|条|部分|块|里|儿)',
  '哪一?(?:项|条|部分|块|个方面)',
  '第几(?:部分|条|项|块)',
  '写在',
  '讲的',
  '说的',
  '提到',
  '提的',
  '有提',
  '怎么写',
  '怎么说',
  '怎么讲',
  '报告里',
  '报告中',
  '报告',
  '文件里',
  '里面',
  '[这那]一?大?块',
  '[这那]一?部分',
  '[这那]一?[章节篇段]',
  '(?:主要)?(?:要)?[干做办抓搞](?:了)?哪(?:几|些)件?(?:事|事情|工作)?',
  '哪(?:几|些)件(?:事|事情)',
  '主要',
  '这方面',
  '方面',
  '这个事',
  '这件事',
  '的事',
  '总目标',
  '总体上',
  '总体思路',
  '总的要求',
  '怎么定位',
  '定位',
  '思路',
  '开头讲',
  '开头说',
  '落实',
  '推进',
  '具体',
  '措施',
  '办法',
  '部署',
  '计划吗',
  '打算',
  '政策',
  '说法',
  '规定',
  '内容',
  '相关',
  '由谁负责',
  '谁负责',
  '负责',
  '还要',
  '要不要',
  '能不能',
  '会不会',
  '是不是',
  '搞不搞',
  '管不管',
  '管一管',
  '管管',
  '有无',
  '有啥',
  '啥',
  '咋弄',
  '咋办',
  '咋',
  '没有',
  '来着',
  '一共',
  '总共',
  '总体',
  '总的',
  '大概',
  '左右',
  '开头',
  '意思',
  '体现',
  '提出',
  '怎么办',
  '数量',
  '规模',
  '多大',
  '盘子',
  '新路子',
  '路子',
  '新招',
  '招数',
  '动作',
  '举措',
  '打算',
  '计划怎么',
];
const QUESTION_RE = new RegExp(
  `${QUESTION_WORDS.sort((a, b) => b.length - a.length).join('|')}|几[个项家所名条座次届人批]?`,
  'g',
);
export const STOP = new Set([
  '的',
  '了',
  '和',
  '与',
  '及',
  '等',
  '在',
  '是',
  '有',
  '要',
  '把',
  '对',
  '为',
  '以',
  '将',
  '并',
  '也',
  '都',
  '又',
  '被',
]);
/** Words that name who asks or who acts in every item (the report is the government's own). */
const CONTEXT_WORDS = new Set(['政府', '市政府', '我们', '我市', '全市', '本市', '大家', '老百姓', '百姓']);

/** Remove the words that only ask. */
export function stripQuestionWords(text: string): string {
  return text.replace(QUESTION_RE, ' ');
}

/** Character bigrams of each run of Chinese characters (a lone character stands for itself). */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/[\u3400-\u9fff]+/g) ?? []) {
    if (run.length === 1) continue;
    for (let i = 0; i < run.length - 1; i++) out.push(run.slice(i, i + 2));
  }
  for (const latin of text.toLowerCase().match(/[a-z0-9][a-z0-9.]*/g) ?? []) out.push(latin);
  return out;
}

/** Length from which a run of characters no dictionary word covers is cut by jieba's HMM rather than kept whole. */
const LONG_RUN = 5;

/** A jieba segmenter over a given dictionary. */
export class Tokenizer {
  private readonly jieba: Jieba;

  constructor(dict: Uint8Array) {
    this.jieba = Jieba.withDict(dict);
  }

  /** Plain words of a question (one cut, no overlaps), without stop words and punctuation. */
  cut(text: string): string[] {
    // Without HMM, a word the dictionary lacks falls apart into characters; glue such runs back
    // together so that "高铁站" stays one thing the report must mention.
    const out: string[] = [];
    let run = '';
    // A run of five characters or more is several words the dictionary lacks ("村边小河臭烘烘"):
    // jieba's HMM cuts it where words most likely end.
    const glue = () => {
      if (run.length >= LONG_RUN) out.push(...this.jieba.cut(run, true));
      else if (run.length > 1) out.push(run);
      run = '';
    };
    for (const w of this.jieba.cut(text.toLowerCase(), false)) {
      if (w.length === 1 && /[\u3400-\u9fff]/.test(w) && !STOP.has(w)) {
        run += w;
        continue;
      }
      glue();
      out.push(w);
    }
    glue();
    return this.clean(out).filter((w) => !CONTEXT_WORDS.has(w));
  }

  /** jieba's plain cut, as it comes (lower case). */
  raw(text: string): string[] {
    return this.jieba.cut(text.toLowerCase(), false);
  }

  /** Search words: jieba's search-mode cut, without stop words, punctuation and lone characters. */
  words(text: string): string[] {
    return this.clean(this.jieba.cutForSearch(text.toLowerCase(), true));
  }

  private clean(words: string[]): string[] {
    return words
      .map((w) => w.trim())
      .filter((w) => w && !STOP.has(w) && /[\u3400-\u9fffa-z0-9]/.test(w) && (w.length > 1 || /[0-9a-z]/.test(w)));
  }
}
