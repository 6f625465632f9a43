/**
 * A progress command checked against the report before anything is written: which target it
 * is for and which value it sets. Every way it can be wrong comes back as a Problem the bot
 * turns into "what was wrong, and what to type instead".
 */
import { closestItems, resolveRef } from '../report/refs.js';
import { charBigrams } from '../report/text.js';
import type { Item, Report, Target } from '../report/types.js';
import { parseValue } from './value.js';

export type Problem =
  | { problem: 'no-ref' }
  | { problem: 'unknown-ref'; ref: string; candidates: string[] }
  | { problem: 'section-ref'; ref: string; items: string[] }
  | { problem: 'no-value'; item: Item; target?: Target }
  | { problem: 'negative'; item: Item }
  | { problem: 'percent'; item: Item; target?: Target }
  | { problem: 'notation'; item: Item; target?: Target; written?: string }
  | { problem: 'too-large'; item: Item; target?: Target }
  | { problem: 'which-target'; item: Item; choices: Target[] }
  | { problem: 'number-for-milestone'; item: Item; target: Target }
  | { problem: 'not-a-milestone'; item: Item; target: Target };

export interface Plan {
  report: Report;
  item: Item;
  /** Undefined for a note on an item that has no quantity target. */
  target?: Target;
  /** The value the record will hold (a delta already added to the latest value). */
  value: number | null;
  delta?: number;
  previous?: number;
}

export type PlanResult = ({ ok: true } & Plan) | ({ ok: false } & Problem);

/** The quantity target the words of the message point at, if exactly one fits best. */
function chooseByWords(targets: Target[], text: string): Target | undefined {
  // Words only: the digits of a value ("到了15个") say nothing of a name that holds them ("3315计划").
  const words = (s: string) => new Set([...charBigrams(s.replace(/[“”"]/g, ''))].filter((g) => !/\d/.test(g)));
  const said = words(text);
  const scored = targets.map((t) => ({ t, score: [...words(t.metric)].filter((g) => said.has(g)).length }));
  scored.sort((a, b) => b.score - a.score);
  if (!scored[0] || scored[0].score === 0 || scored[0].score === scored[1]?.score) return undefined;
  return scored[0].t;
}

function locate(
  reports: Report[],
  ref: string,
): { ok: true; report: Report; item: Item; target?: Target } | ({ ok: false } & Problem) {
  if (!ref) return { ok: false, problem: 'no-ref' };
  const hit = resolveRef(reports, ref);
  if (hit.kind === 'item') return { ok: true, report: hit.report, item: hit.item };
  if (hit.kind === 'target') return { ok: true, report: hit.report, item: hit.item, target: hit.target };
  if (hit.kind === 'section')
    return { ok: false, problem: 'section-ref', ref, items: hit.section.items.map((i) => `${i.id} ${i.title}`) };
  const candidates = hit.candidates.length ? hit.candidates : closestItems(reports, ref);
  return { ok: false, problem: 'unknown-ref', ref, candidates: candidates.map((c) => `${c.id} ${c.title}`) };
}

/**
 * Plan `进展 REF TEXT`. `latest` gives the current value of a target (for `+N`).
 */
export function planProgress(
  reports: Report[],
  ref: string,
  text: string,
  latest: (item: Item, target: Target) => number | undefined,
): PlanResult {
  const where = locate(reports, ref);
  if (!where.ok) return where;
  const { report, item } = where;
  let target = where.target;
  const first = parseValue(text);
  if (!first.ok && first.problem !== 'none') {
    return { ok: false, problem: first.problem, item, target, written: first.written } as PlanResult;
  }
  const quantities = item.targets.filter((t) => t.kind === 'quantity');
  if (!target && quantities.length === 1) target = quantities[0];
  if (!target && quantities.length > 1) {
    target = chooseByWords(quantities, text);
    if (!target)
      return first.ok
        ? { ok: false, problem: 'which-target', item, choices: quantities }
        : { ok: false, problem: 'no-value', item };
  }
  const parsed = parseValue(text, target?.unit);
  if (target?.kind === 'milestone') {
    return parsed.ok
      ? { ok: false, problem: 'number-for-milestone', item, target }
      : { ok: true, report, item, target, value: 1 };
  }
  if (!target) {
    // An item with no quantity target takes notes; a number there would mean nothing.
    const milestone = item.targets.find((t) => t.kind === 'milestone');
    if (parsed.ok && milestone) return { ok: false, problem: 'number-for-milestone', item, target: milestone };
    if (!text.trim()) return { ok: false, problem: 'no-value', item };
    return { ok: true, report, item, value: null };
  }
  if (!parsed.ok) {
    const problem = parsed.problem === 'none' ? 'no-value' : parsed.problem;
    return { ok: false, problem, item, target, written: parsed.written } as PlanResult;
  }
  const previous = latest(item, target);
  if (parsed.mode === 'delta')
    return { ok: true, report, item, target, value: (previous ?? 0) + parsed.value, delta: parsed.value, previous };
  return { ok: true, report, item, target, value: parsed.value, previous };
}

/** Plan `完成 REF`: the milestone it marks done. */
export function planDone(reports: Report[], ref: string): PlanResult {
  const where = locate(reports, ref);
  if (!where.ok) return where;
  const { report, item } = where;
  const milestones = item.targets.filter((t) => t.kind === 'milestone');
  const target = where.target ?? (milestones.length === 1 ? milestones[0] : undefined);
  if (!target) {
    if (milestones.length > 1) return { ok: false, problem: 'which-target', item, choices: milestones };
    const quantity = item.targets[0];
    if (quantity) return { ok: false, problem: 'not-a-milestone', item, target: quantity };
    return { ok: true, report, item, value: null };
  }
  if (target.kind !== 'milestone') return { ok: false, problem: 'not-a-milestone', item, target };
  return { ok: true, report, item, target, value: 1 };
}
