/**
 * A chat message is not a clean question. People @-mention the bot, greet the group, say why
 * they ask, thank in advance, add emoji and ？？？, or write two or three sentences of which one
 * is the question. This finds the question: it drops mentions, emoji and the sentences and
 * clauses that only greet, thank or explain, and keeps the sentences that ask.
 */

/** A mention: Slack `<@U123>`, `<!here>`, or `@name` up to a space (WeChat ends it with U+2005). */
const MENTION = /<[@!#][^>]*>|@[^\s\u2005,，:：。?？!！]{1,20}[\s\u2005]*/g;
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f/gu;

/** Clauses that only greet, thank, apologise or ask for attention. */
const CHATTER = new RegExp(
  [
    '(?:各位|大家|领导|老师|同事|亲|您|你)们?(?:早上|上午|下午|晚上)?好',
    '(?:早上|上午|下午|晚上)?好',
    '早安?',
    '在吗',
    '在不在',
    '打扰(?:了|一下)?',
    '不好意思',
    '抱歉',
    '(?:非常|十分)?(?:谢谢|感谢|多谢)(?:您|你|大家|各位|了)?(?:啦|哈)?',
    '辛苦(?:了|啦|辛苦)?',
    '麻烦(?:了|您了|你了|大家了)',
    '拜托(?:了)?',
    '好的',
    '收到',
    '好的收到',
    '在线等',
    '急',
    '挺急的',
    '谢啦',
    '哈+',
    '嗯+',
    '哦+',
    '(?:hi|hello|hey|dear|yo)(?: all| everyone| team| there| bot| duban| folks| guys)?',
    'lol',
    'ty',
    'tia',
    'pls',
    'plz',
    '(?:sorry|apologies) to (?:bug|bother|trouble) (?:u|you|everyone|you all)',
    '(?:a )?meeting in \\d+ ?(?:min|mins|minutes)',
    'good (?:morning|afternoon|evening)(?: all| everyone)?',
    '(?:many )?thanks?(?: you| a lot| in advance)?',
    'thx',
    'much appreciated',
    'cheers',
    'sorry(?: to bother| for the trouble)?',
    'quick (?:one|question)',
    "(?:i |we )?need (?:it|this|the answer) (?:for|by|before) [\\w' ]{1,30}",
    'urgent',
    'asap',
    '(?:明天|今天|下午|上午|周[一二三四五六日]|晚上)?(?:开会|汇报|写材料|报材料)要用',
    '材料要报上去',
  ].join('|'),
  'iu',
);
const CHATTER_CLAUSE = new RegExp(`^(?:${CHATTER.source})[\\s,，.。!！?？~～]*$`, 'iu');
/** Thanks written straight after the question, with no stop between ("…开吗谢谢"). */
const TRAILING_THANKS = new RegExp(
  '(?:' +
    '(?:(?:非常|十分)?(?:谢谢|感谢|多谢)(?:您|你|大家|各位|了|啦)?|辛苦(?:了|啦)?|麻烦(?:了|您了|你了)|拜托了)+' +
    '|\\s(?:many )?(?:thanks?(?: you| a lot| in advance)?|thx|cheers|much appreciated)' +
    ')[\\s,，.。!！~～]*$',
  'iu',
);

/** Openers that say a question is coming ("请问", "领导让我查一下"), dropped where they stand. */
const OPENERS = new RegExp(
  [
    '(?:请问一?下|请问|想问问|问问|问一?下|想问一?下|想了解一?下|了解一?下|想确认一?下|确认一?下|查一?下|帮忙查一?下|帮我查一?下|' +
      '帮忙看一?下|帮我看看|麻烦(?:问|查|看)一?下|麻烦|请教一?下|咨询一?下|打听一?下|弱弱地?问一?(?:下|句)|求问)',
    '(?:领导|上面|老板|科长|处长|主任)(?:让|叫|要)我(?:查|问|确认|了解)一?下',
    '(?:另外|还有|顺便|对了)[，,]?',
    '我是新来的',
    "(?:the )?[\\w']+(?: [\\w']+)? (?:office|boss|director|leader)s? " +
      '(?:asked|wants|told) me to (?:check|ask|confirm)(?: on)?:?',
    "(?:i was|i've been|i am|i'm) asked to (?:check|ask|confirm)(?: on)?:?",
    '(?:my |the )?(?:boss|director|leader|chief)s? (?:wants|needs|would like) to know(?: about)?(?: re)?:?',
    '\\bre:',
    '(?:can|could) you (?:please )?(?:check|tell me|confirm)(?: on)?:?',
    '(?:i )?just (?:want|wanted) to (?:check|confirm|ask)(?: on)?:?',
  ].join('|'),
  'gi',
);
const LEADING_CHATTER = new RegExp(`^(?:(?:${CHATTER.source})[\\s,，.。!！:：~～]+)+`, 'iu');

/** Words that make a sentence a question (and "A不A": 管不管, 有没有). */
const ASKS = new RegExp(
  [
    '[?？吗呢么]',
    '(\\p{Script=Han})[不没]\\1',
    '多少|几[个项家所名条座次届人批年]?|什么|啥|咋|怎|如何|哪|是否|有没有|要不要|能不能|会不会|是不是|搞不搞|有无',
    '\\b(?:what|which|how|when|where|who|whom|why|is|are|does|do|did|can|could|will|would|should|any)\\b',
  ].join('|'),
  'iu',
);

/** Split into sentences at full stops, question and exclamation marks, dashes and line breaks. */
function sentences(text: string): string[] {
  return (text.match(/[^。！？!?\n—]+[。！？!?—]*|[。！？!?—]+/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** Within one sentence, drop clauses that only greet or thank. */
function dropChatter(sentence: string): string {
  const clauses = sentence.split(/(?<=[,，、;；:：~～])|\s+(?=\p{Script=Han})|(?<=\p{Script=Han})\s+/u);
  const kept = clauses.filter((c) => !CHATTER_CLAUSE.test(c.replace(/[,，、;；:：~～.。\s]+$/u, '').trim()));
  return kept.join('').trim();
}

/**
 * The question inside a chat message: without mentions, emoji, greetings and thanks, and —
 * when several sentences remain — only those that ask. Returns the text unchanged in spirit
 * when there is nothing to strip; never returns an empty string for a non-empty message.
 */
export function extractQuestion(message: string): string {
  const text = message
    .replace(MENTION, ' ')
    .replace(EMOJI, ' ')
    .replace(/[?？]{2,}/g, '？')
    .replace(/[。.]{2,}|…+/g, '。')
    .trim();
  const parts = sentences(text)
    .map((s) =>
      dropChatter(s)
        .replace(LEADING_CHATTER, '')
        .replace(TRAILING_THANKS, '')
        .replace(OPENERS, ' ')
        .trim()
        .replace(LEADING_CHATTER, '')
        .replace(/^[\s,，.。:：]+/u, '')
        .trim(),
    )
    .filter((s) => /[\p{L}\p{N}]/u.test(s) && !CHATTER_CLAUSE.test(s));
  if (!parts.length) return text || message.trim();
  const asking = parts.filter((s) => ASKS.test(s));
  return (asking.length ? asking : parts).join(' ');
}
