import { describe, expect, it } from 'vitest';
import { fiscalYearBE, fiscalYearOf, resolvePeriod } from '../src/period/period.js';

const today = '20261123';

describe('fiscal years', () => {
  it('reads a year above 2400 as BE and below as CE', () => {
    expect(fiscalYearBE(2567)).toBe(2567);
    expect(fiscalYearBE(2024)).toBe(2567);
  });
  it('names a date by the BE year its fiscal year ends in', () => {
    expect(fiscalYearOf('20260731')).toBe(2569);
    expect(fiscalYearOf('20261101')).toBe(2570);
    expect(fiscalYearOf('20230930')).toBe(2566);
    expect(fiscalYearOf('20231001')).toBe(2567);
  });
});

describe('periods', () => {
  it('FY 2567 round 12 is 2023-10-01 … 2024-09-30', () => {
    expect(resolvePeriod({ fy: 2567, today })).toMatchObject({ start: '20231001', end: '20240930', label: 'FY2567 R12', round: 12 });
  });
  it('rounds are cumulative months from 1 October, ending on the month end (leap February in R6 of 2567 is not involved)', () => {
    expect(resolvePeriod({ fy: 2024, round: 3, today })).toMatchObject({ start: '20231001', end: '20231231', label: 'FY2567 R3' });
    expect(resolvePeriod({ fy: 2567, round: 6, today })).toMatchObject({ end: '20240331', label: 'FY2567 R6' });
    expect(resolvePeriod({ fy: 2567, round: 9, today })).toMatchObject({ end: '20240630' });
  });
  it('quarters are single quarters of the fiscal year', () => {
    expect(resolvePeriod({ fy: 2567, quarter: 1, today })).toMatchObject({ start: '20231001', end: '20231231', label: 'FY2567 Q1' });
    expect(resolvePeriod({ fy: 2567, quarter: 2, today })).toMatchObject({ start: '20240101', end: '20240331', label: 'FY2567 Q2' });
    expect(resolvePeriod({ fy: 2567, quarter: 4, today })).toMatchObject({ start: '20240701', end: '20240930' });
    expect(resolvePeriod({ fy: 2567, quarter: 2, today }).round).toBeUndefined();
  });
  it('a quarter or window from 1 October to a round\'s end stands for that round (its target judges it)', () => {
    expect(resolvePeriod({ fy: 2567, quarter: 1, today }).round).toBe(3);
    expect(resolvePeriod({ from: '2023-10-01', to: '2024-06-30', today }).round).toBe(9);
    expect(resolvePeriod({ from: '2566-10-01', to: '2567-09-30', today })).toMatchObject({ round: 12, fyBE: 2567 });
    expect(resolvePeriod({ from: '2023-10-01', to: '2024-06-29', today }).round).toBeUndefined();
    expect(resolvePeriod({ from: '2023-10-02', to: '2024-06-30', today }).round).toBeUndefined();
    expect(resolvePeriod({ from: '2023-10-01', to: '2025-09-30', today }).round).toBeUndefined();
  });
  it('windows take any dates and label them', () => {
    expect(resolvePeriod({ from: '2023-10-01', to: '2024-03-31', today })).toMatchObject({ start: '20231001', end: '20240331', label: '2023-10-01..2024-03-31', fyBE: 2567 });
  });
  it('defaults to the current fiscal year, round 12', () => {
    expect(resolvePeriod({ today }).label).toBe('FY2570 R12');
  });
  it.each([
    [{ fy: 2567, round: 5 }, /--round 5/],
    [{ fy: 2567, quarter: 5 }, /--quarter 5/],
    [{ fy: 2567, round: 6, quarter: 2 }, /not both/],
    [{ from: '2024-01-01' }, /go together/],
    [{ from: '2024-02-30', to: '2024-03-01' }, /not a date/],
    [{ from: '2024-03-01', to: '2024-02-01' }, /before/],
    [{ fy: 99 }, /fiscal year/],
  ])('rejects %j', (o, msg) => {
    expect(() => resolvePeriod({ ...o, today })).toThrow(msg);
  });
});
