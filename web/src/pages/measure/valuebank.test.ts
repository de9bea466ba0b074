import { describe, expect, it } from 'vitest';
import { describeImportError, readProxyForm } from './ValueBank';

const good = { name: 'Bus pass', value: '£1,250.50', unit: 'per person per year', source: 'Fares 2025', price_year: '2025', currency: 'gbp', description: '' };

describe('the value bank form', () => {
  it('reads money as people type it, and upper-cases the currency', () => {
    const read = readProxyForm(good);
    expect(read.errors).toEqual({});
    expect(read.body).toMatchObject({ value: 1250.5, price_year: 2025, currency: 'GBP', name: 'Bus pass' });
  });

  it('leaves an unknown price year empty', () => {
    expect(readProxyForm({ ...good, price_year: ' ' }).body?.price_year).toBeNull();
  });

  it('names each problem beside its field, in words', () => {
    const read = readProxyForm({ ...good, value: 'abc', price_year: '25', currency: 'pounds', source: ' ' });
    expect(read.body).toBeUndefined();
    expect(read.errors.value).toBe('Enter a number, such as 480 (not “abc”).');
    expect(read.errors.price_year).toMatch(/year such as 2025/);
    expect(read.errors.currency).toMatch(/three-letter/);
    expect(read.errors.source).toMatch(/where the value comes from/);
    expect(read.errors.name).toBeUndefined();
  });

  it('says which row and column of an import is wrong', () => {
    expect(describeImportError('rows[2].price_year', 'must be a whole year, got "soon"')).toBe('Row 2, price year: must be a whole year, got "soon"');
    expect(describeImportError('columns[4]', 'unknown column "cost"')).toBe('Header: unknown column "cost"');
    expect(describeImportError('csv', 'is empty')).toBe('is empty');
  });
});
