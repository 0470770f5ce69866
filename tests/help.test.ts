import { describe, expect, it } from 'vitest';
import { nearest } from '../src/text/nearest.js';
import { kpi } from './helpers/cli.js';
import { DEMO } from './helpers/demo.js';

describe('--help of every command', () => {
  const commands: Array<[string, string[], number[]]> = [
    ['compute', ['kpi compute --data fixtures/demo --hospitals fixtures/demo/hospitals.csv --fy 2567 --by province', '--sort result --format xlsx'], [0, 2, 3]],
    ['validate', ['kpi validate my-templates/ extra.json'], [0, 2]],
    ['diff', ['kpi diff r6.json r12.json', '--fail-on newly-failing'], [0, 1, 2]],
    ['check', ['kpi check --data fixtures/demo --hospitals fixtures/demo/hospitals.csv', '--fail-on warning --format json'], [0, 1, 2, 3]],
    ['list', ['kpi list --lang en --format json'], [0, 2]],
    ['explain', ['--area เชียงใหม่'], [0, 2, 3]],
    ['cases', ['kpi cases anc-first-visit-12wk --data fixtures/demo', '--identify --out'], [0, 2, 3]],
    ['merge', ['kpi merge p50.json p51.json p40.json --hospitals hospitals.csv --by province'], [0, 2, 3]],
    ['init', ['kpi init --data D:\\f43 --hospitals D:\\f43\\hospitals.csv'], [0, 2, 3]],
  ];
  for (const [command, examples, codes] of commands) {
    it(`kpi ${command} --help has examples and exit codes`, () => {
      const r = kpi([command, '--help']);
      expect(r.code).toBe(0);
      const [, after] = r.stdout.split('\nExamples:\n');
      expect(after, 'an Examples section').toBeDefined();
      expect(after!.match(/^ {2}\$ kpi /gm)!.length).toBeGreaterThanOrEqual(2);
      for (const e of examples) expect(after).toContain(e);
      const exits = r.stdout.split('\nExit codes:\n')[1]!;
      for (const c of [...codes, 70]) expect(exits).toMatch(new RegExp(`^ {2}${c} +\\S`, 'm'));
    });
  }
});

describe('did you mean', () => {
  it('finds the closest known name, and none when nothing is close', () => {
    expect(nearest('anc-first-visit-12', ['anc-first-visit-12wk-hdc', 'anc-first-visit-12wk'])).toBe('anc-first-visit-12wk');
    expect(nearest('formt', ['format', 'from', 'fy'])).toBe('format');
    expect(nearest('zzzz', ['format', 'from'])).toBeUndefined();
  });
  it('for an unknown indicator id in compute and explain', () => {
    const r = kpi(['compute', '--data', DEMO, '--indicator', 'drowning-deaths']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no template with id drowning-deaths (did you mean drowning-deaths-under-15?)');
    expect(kpi(['explain', 'anc-first-visit-12wx']).stderr).toContain('(did you mean anc-first-visit-12wk?)');
  });
  it('for a bare path after compute or check', () => {
    const r = kpi(['compute', 'fixtures/demo', '--fy', '2567']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean --data fixtures/demo?');
    const c = kpi(['check', 'fixtures/demo']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('did you mean --data fixtures/demo?');
  });
});
