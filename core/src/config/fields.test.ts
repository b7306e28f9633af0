import { describe, expect, it } from 'vitest';
import { ConfigError, FieldReader } from './fields.ts';
import { messageOf } from '../errors/permanet-error.ts';

describe('FieldReader', () => {
  it('reports every bad field at once, each with its path', () => {
    const read = new FieldReader('test.yaml');
    read.string(42, 'name');
    read.integer(70000, 'http.port', { min: 0, max: 65535 });
    read.oneOf('loud', 'log_level', ['info', 'warn'] as const, 'info');
    read.noExtraKeys({ listen: [], lisen: [] }, '', ['listen']);
    expect(() => read.done()).toThrow(ConfigError);
    try {
      read.done();
    } catch (error) {
      expect((error as ConfigError).issues).toEqual([
        'name: must be a non-empty string, got 42',
        'http.port: must be an integer from 0 to 65535, got 70000',
        'log_level: must be one of info, warn, got "loud"',
        'lisen: unknown field (known: listen)',
      ]);
      expect(messageOf(error)).toMatch(/^Invalid test.yaml:\n {2}- name:/);
    }
  });

  it('uses fallbacks for absent fields and passes good ones through', () => {
    const read = new FieldReader('test');
    expect(read.string(undefined, 'a', 'dflt')).toBe('dflt');
    expect(read.integer(undefined, 'b', { min: 0, max: 9 }, 3)).toBe(3);
    expect(read.stringArray(['x', 'y'], 'c')).toEqual(['x', 'y']);
    expect(read.object(undefined, 'd')).toEqual({});
    expect(() => read.done()).not.toThrow();
  });

  it('refuses a list where a mapping belongs, and non-strings in a list', () => {
    const read = new FieldReader('test');
    read.object([1], 'http');
    read.stringArray(['ok', 3], 'listen');
    expect(read.issues).toEqual([
      'http: must be a mapping, got a list',
      'listen[1]: must be a non-empty string, got 3',
    ]);
  });
});
