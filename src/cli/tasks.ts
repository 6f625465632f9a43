/** `duban tasks [SECTION] [--json]`: the report tree with its targets. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { formatTarget } from '../report/format.js';
import { loadReports } from '../report/parse.js';
import { resolveRef } from '../report/refs.js';
import type { Report, Section } from '../report/types.js';

function sectionJson(s: Section) {
  return {
    id: s.id,
    title: s.title,
    preamble: s.preamble,
    items: s.items.map((i) => ({ id: i.id, title: i.title, text: i.text, targets: i.targets })),
  };
}

function sectionText(s: Section): string {
  const lines = [`(${s.id}) ${s.title}`];
  for (const item of s.items) {
    lines.push(`  ${item.id}  ${item.title}`);
    for (const t of item.targets) lines.push(`        ${t.id}  ${formatTarget(t)}`);
  }
  return lines.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  const config = loadConfig();
  const reports = loadReports(config.DUBAN_REPORTS_DIR);
  let chosen: { report: Report; sections: Section[] }[] = reports.map((report) => ({
    report,
    sections: report.sections,
  }));
  if (positionals[0]) {
    const hit = resolveRef(reports, positionals.join(' '));
    if (hit.kind === 'unknown') {
      const hint = hit.candidates.map((c) => `${c.id} ${c.title}`).join('; ');
      process.stderr.write(`No section "${positionals.join(' ')}"${hint ? `. Did you mean: ${hint}` : ''}\n`);
      return 1;
    }
    chosen = [{ report: hit.report, sections: [hit.section] }];
  }
  if (values.json) {
    const out = chosen.map(({ report: r, sections }) => ({
      id: r.id,
      title: r.title,
      city: r.city,
      year: r.year,
      sections: sections.map(sectionJson),
    }));
    process.stdout.write(`${JSON.stringify({ reports: out }, null, 2)}\n`);
    return 0;
  }
  for (const { report, sections } of chosen) {
    const items = sections.reduce((n, s) => n + s.items.length, 0);
    const targets = sections.reduce((n, s) => n + s.items.reduce((m, i) => m + i.targets.length, 0), 0);
    process.stdout.write(
      `${report.title} [${report.id}] · ${report.city} ${report.year}\n` +
        `${sections.length} sections, ${items} items, ${targets} targets\n\n`,
    );
    process.stdout.write(`${sections.map(sectionText).join('\n\n')}\n`);
  }
  return 0;
}
