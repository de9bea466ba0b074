import { describe, expect, it, vi } from 'vitest';
import { csvFileName, downloadFile, recordsToCsv, toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a byte order mark and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    const csv = toCsv(['text'], [['a,b'], ['say "hi"'], ['two\nlines'], ['plain']]);
    expect(csv).toBe('\uFEFFtext\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\nplain\r\n');
  });

  it('writes empty fields for missing values and words for booleans', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [[null, undefined, true, false]])).toBe('\uFEFFa,b,c,d\r\n,,yes,no\r\n');
  });

  it('keeps numbers as numbers, including negative ones, and non-ASCII text as is', () => {
    expect(toCsv(['n', 'name'], [[-2.5, 'Café £3']])).toBe('\uFEFFn,name\r\n-2.5,Café £3\r\n');
  });

  it('stops text from running as a spreadsheet formula', () => {
    expect(toCsv(['x'], [['=SUM(A1)'], ['+1'], ['-1'], ['@cmd']])).toBe("\uFEFFx\r\n'=SUM(A1)\r\n'+1\r\n'-1\r\n'@cmd\r\n");
  });

  it('follows the server rule: tab and CR too, and text already behind apostrophes gets one more', () => {
    expect(toCsv(['x'], [['\tcmd'], ['\rcmd'], ["'=x"], ["'plain"], ['-3'], [-3]])).toBe(
      '\uFEFFx\r\n\'\tcmd\r\n"\'\rcmd"\r\n\'\'=x\r\n\'plain\r\n\'-3\r\n-3\r\n',
    );
  });
});

describe('recordsToCsv', () => {
  it('writes one row per record through the columns', () => {
    const rows = [
      { name: 'Ann', age: 40 },
      { name: 'Bo, Jr', age: 7 },
    ];
    const csv = recordsToCsv(
      [
        { header: 'Name', value: (r: (typeof rows)[number]) => r.name },
        { header: 'Age', value: (r: (typeof rows)[number]) => r.age },
      ],
      rows,
    );
    expect(csv).toBe('\uFEFFName,Age\r\nAnn,40\r\n"Bo, Jr",7\r\n');
  });
});

describe('csvFileName', () => {
  it('makes a plain file name from a title', () => {
    expect(csvFileName('Members of Café Ünity!')).toBe('members-of-cafe-unity.csv');
    expect(csvFileName('***')).toBe('export.csv');
  });
});

describe('downloadFile', () => {
  it('clicks a link to a blob with the file name', () => {
    const create = vi.fn(() => 'blob:x');
    const revoke = vi.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    const clicked: string[] = [];
    const spy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    downloadFile('x.csv', 'a\r\n');
    expect(clicked).toEqual(['x.csv']);
    expect(create).toHaveBeenCalledOnce();
    expect(revoke).toHaveBeenCalledWith('blob:x');
    spy.mockRestore();
  });
});
