import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './parse-cli-args.js';

describe('parseCliArgs', () => {
  it.each([
    [['serve'], { command: 'serve', port: undefined, host: undefined, dev: false }],
    [
      ['serve', '--port', '8080', '--host', '0.0.0.0', '--dev'],
      { command: 'serve', port: 8080, host: '0.0.0.0', dev: true },
    ],
    [['serve', '-p', '0'], { command: 'serve', port: 0, host: undefined, dev: false }],
    [[], { command: 'help' }],
    [['--help'], { command: 'help' }],
    [['serve', '-h'], { command: 'help' }],
    [['--version'], { command: 'version' }],
    [['migrate'], { command: 'migrate' }],
  ])('%j', (argv, expected) => {
    expect(parseCliArgs(argv)).toEqual(expected);
  });

  it.each([
    [['launch'], /Unknown command "launch"/],
    [['serve', 'now'], /Unexpected argument "now"/],
    [['migrate', 'now'], /Unexpected argument "now"/],
    [['serve', '--port', 'eighty'], /--port must be a port number/],
    [['serve', '--port', '99999'], /--port must be a port number/],
    [['serve', '--verbose'], /^Unknown option "--verbose"\.$/],
    [['serve', '--port'], /^Option "--port" needs a value\.$/],
    [['serve', '--dev=yes'], /^Option "--dev" takes no value\.$/],
  ])('rejects %j', (argv, message) => {
    const result = parseCliArgs(argv);
    expect(result.command).toBe('error');
    expect(result.command === 'error' && result.message).toMatch(message);
  });
});
