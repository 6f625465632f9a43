import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/periodic/table.js';

describe('CSV', () => {
  it('quotes what needs it, and keeps text a spreadsheet would run as a formula as text', () => {
    const csv = toCsv({
      header: ['a', 'b', 'c'],
      rows: [
        ['=HYPERLINK("http://x")', '+1', 12],
        ['市人才办, 组织部', '他说"好"\n第二行', null],
        [-3, '@所有人', '-'],
      ],
    });
    expect(csv.split('\r\n')).toEqual([
      '\ufeffa,b,c',
      `"'=HYPERLINK(""http://x"")",'+1,12`,
      '"市人才办, 组织部","他说""好""\n第二行",',
      "-3,'@所有人,'-",
      '',
    ]);
  });
});
