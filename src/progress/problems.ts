/** What was wrong with a progress or done command, and what to type instead, in Chinese and English. */
import { TEXT } from '../chat/texts.js';
import type { Lang } from '../chat/types.js';
import { targetPhrase } from '../report/format.js';
import type { Problem } from './plan.js';

/** "What was wrong, and what to type instead" for a progress or done command. */
export function problemText(p: Problem, lang: Lang, verb: 'progress' | 'done'): string {
  const cmd = TEXT.verbWord[lang](verb);
  switch (p.problem) {
    case 'no-ref':
      return TEXT.noRef[lang](verb);
    case 'unknown-ref':
      return TEXT.unknownItem[lang](p.ref, p.candidates.slice(0, 4).join(TEXT.listSep[lang]), cmd);
    case 'section-ref':
      return TEXT.sectionRef[lang](p.ref, p.items);
    case 'no-value': {
      const t = p.target ?? p.item.targets.find((x) => x.kind === 'quantity');
      return t ? TEXT.noNumber[lang](t.id, targetPhrase(t, lang)) : TEXT.noteNeeded[lang](cmd, p.item.id);
    }
    case 'negative':
      return TEXT.negativeValue[lang];
    case 'percent':
      return TEXT.percentValue[lang]((p.target ?? p.item.targets[0])?.id ?? p.item.id);
    case 'notation':
      return TEXT.notationValue[lang](p.written ?? '', (p.target ?? p.item.targets[0])?.id ?? p.item.id);
    case 'too-large':
      return TEXT.tooLargeValue[lang]((p.target ?? p.item.targets[0])?.id ?? p.item.id);
    case 'which-target': {
      const lines = p.choices.map((t) => `${cmd} ${t.id} …（${targetPhrase(t, lang)}）`);
      return TEXT.whichTarget[lang](p.item.id, p.choices.length, lines);
    }
    case 'number-for-milestone':
      return TEXT.numberForMilestone[lang](p.target.id, p.target.text);
    case 'not-a-milestone':
      return TEXT.notAMilestone[lang](p.target.id, targetPhrase(p.target, lang));
  }
}
