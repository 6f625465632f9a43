/** What was wrong with a progress or done command, and what to type instead, in Chinese and English. */
import { said } from '../chat/markup.js';
import { TEXT } from '../chat/texts.js';
import type { Lang } from '../chat/types.js';
import { targetPhrase } from '../report/format.js';
import type { Problem } from './plan.js';

/** "What was wrong, and what to type instead" for a progress or done command. */
export function problemText(
  p: Problem,
  lang: Lang,
  verb: 'progress' | 'done',
  /** An id as the user should write it (with its report's id when several are loaded). */
  ref: (id: string) => string = (id) => id,
): string {
  const cmd = TEXT.verbWord[lang](verb);
  switch (p.problem) {
    case 'no-ref':
      return TEXT.noRef[lang](verb);
    case 'unknown-ref':
      return TEXT.unknownItem[lang](said(p.ref), p.candidates.slice(0, 4).join(TEXT.listSep[lang]), cmd);
    case 'section-ref':
      return TEXT.sectionRef[lang](said(p.ref), p.items);
    case 'no-value': {
      const t = p.target ?? p.item.targets.find((x) => x.kind === 'quantity');
      return t ? TEXT.noNumber[lang](ref(t.id), targetPhrase(t, lang)) : TEXT.noteNeeded[lang](cmd, ref(p.item.id));
    }
    case 'negative':
      return TEXT.negativeValue[lang];
    case 'percent':
      return TEXT.percentValue[lang](ref((p.target ?? p.item.targets[0])?.id ?? p.item.id));
    case 'notation':
      return TEXT.notationValue[lang](said(p.written ?? ''), ref((p.target ?? p.item.targets[0])?.id ?? p.item.id));
    case 'too-large':
      return TEXT.tooLargeValue[lang](ref((p.target ?? p.item.targets[0])?.id ?? p.item.id));
    case 'which-target': {
      const lines = p.choices.map((t) => `${cmd} ${ref(t.id)} …（${targetPhrase(t, lang)}）`);
      return TEXT.whichTarget[lang](ref(p.item.id), p.choices.length, lines);
    }
    case 'number-for-milestone':
      return TEXT.numberForMilestone[lang](ref(p.target.id), p.target.text);
    case 'not-a-milestone':
      return TEXT.notAMilestone[lang](ref(p.target.id), targetPhrase(p.target, lang));
  }
}
