/**
 * Trial 1 (#18) defect 6: mistakes that used to come back as raw errors from below (node's ENOENT,
 * pino's "default level:nope must be included in custom levels") are errors of the tree, kind
 * `configuration`, in Vietnamese and English, naming the option and what it must be.
 */
import { describe, expect, it } from 'vitest';
import { ConfigurationError, createLogger, createVnAdmin, OcopConnectError } from '../../src/index.js';
import { failure } from './helpers/failure.js';

describe('errors that used to escape the tree (trial 1 defect 6)', () => {
  it('createVnAdmin({ dataDir: "/nope" }).listProvinces() names dataDir and the missing file', async () => {
    const error = await failure(() => createVnAdmin({ dataDir: '/nope' }).listProvinces());
    expect(error).toBeInstanceOf(OcopConnectError);
    const refused = error as OcopConnectError;
    expect(refused.kind).toBe('configuration');
    // Since trial 6 the folder is checked when the object is made: it names options.dataDir and the folder.
    for (const text of [refused.messageVi, refused.messageEn]) {
      expect(text).toContain('options.dataDir');
      expect(text).toContain('"/nope"');
    }
  });

  it('createLogger({ level: "nope" }) names level and the levels there are', async () => {
    const error = await failure(() => createLogger({ level: 'nope' } as never));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual([
      'level: phải là một trong fatal, error, warn, info, debug, trace, silent (hoặc bỏ trống) (nhận được string) / level: must be one of fatal, error, warn, info, debug, trace, silent (or left out) (got string)',
    ]);
    expect((error as ConfigurationError).messageEn).toContain('createLogger: invalid options');
  });

  it('createLogger refuses a misspelt option with the nearest name, and still makes a logger when right', async () => {
    const error = await failure(() => createLogger({ level: 'info', destinaton: process.stderr } as never));
    expect((error as ConfigurationError).problems).toEqual([
      'destinaton: không có tùy chọn này (có phải "destination"?) / destinaton: no such option (did you mean "destination"?)',
    ]);
    const lines: string[] = [];
    createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } }).info('hi');
    expect(JSON.parse(lines[0]!).msg).toBe('hi');
  });
});
