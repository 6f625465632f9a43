/** The bundled sample report, parsed once for every test that needs it. */
import { resolve } from 'node:path';
import { loadReports } from '../../src/report/parse.js';

export const REPORTS_DIR = resolve(import.meta.dirname, '../../data/reports');
export const reports = loadReports(REPORTS_DIR);
export const report = reports[0]!;

export function item(id: string) {
  const found = report.sections.flatMap((s) => s.items).find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}
