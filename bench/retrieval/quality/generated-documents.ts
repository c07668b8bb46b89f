// Documents the quality bench writes itself: a man page of a fictional download tool (options with
// defaults, exit codes, environment) and a CSV of office sites. Deterministic, so questions written
// from their passages stay valid.

interface ManOption {
  flags: string;
  text: string;
}

const OPTIONS: ManOption[] = [
  {
    flags: '-o, --output <file>',
    text: 'Write the downloaded body to <file> instead of standard output. Missing directories are not created; use --create-dirs for that.',
  },
  {
    flags: '--create-dirs',
    text: 'When used with --output, create the local directories the output file needs. The directories are created with mode 0750.',
  },
  {
    flags: '--retry <num>',
    text: 'Retry a failed transfer up to <num> times when the error is transient: a timeout, a connection reset or an HTTP 408, 429, 500, 502, 503 or 504 response. The default is 3 retries; 0 turns retrying off.',
  },
  {
    flags: '--retry-delay <seconds>',
    text: 'Wait this long before each retry. Without it fetchr waits one second before the first retry and doubles the wait after every retry, up to ten minutes.',
  },
  {
    flags: '--retry-max-time <seconds>',
    text: 'Stop retrying once this much time has passed since the first attempt, even if retries remain. The retry timer starts before the first transfer attempt. The default value is 0, which means the retries never time out.',
  },
  {
    flags: '--connect-timeout <seconds>',
    text: 'Give up on a connection that is not established within this time. It limits only the connection phase, not the transfer. The default connect timeout is 120 seconds.',
  },
  {
    flags: '-m, --max-time <seconds>',
    text: 'Abort the whole operation, connection and transfer included, after this many seconds. Useful in scripts that must not hang on a slow network. By default there is no limit.',
  },
  {
    flags: '--limit-rate <speed>',
    text: 'Keep the average transfer speed under <speed> bytes per second. A suffix k, m or g multiplies it by 1024, 1048576 or 1073741824. Bursts above the rate are allowed for short periods.',
  },
  {
    flags: '-x, --proxy <url>',
    text: 'Send every request through the proxy at <url>. The proxy port defaults to 1080 when the URL names none. This option overrides the FETCHR_PROXY environment variable.',
  },
  {
    flags: '-k, --insecure',
    text: 'Skip the verification of the server certificate. Connections are still encrypted, but an attacker in the middle goes unnoticed, so never use this option in production.',
  },
  {
    flags: '-z, --time-cond <date>',
    text: 'Only download the file if it was modified after <date>. Prefix the date with a dash to download it only if it is older.',
  },
  {
    flags: '--parallel-max <num>',
    text: 'When transferring several URLs in parallel, run at most <num> transfers at the same time. The default is 50 and the largest accepted value is 300.',
  },
];

const EXIT_CODES: Array<[number, string]> = [
  [0, 'Success: every transfer completed.'],
  [3, 'The URL was malformed and could not be parsed.'],
  [6, 'The host name could not be resolved.'],
  [7, 'The connection to the host failed.'],
  [22, 'The server answered with an HTTP error of 400 or above while --fail was given.'],
  [28, 'The operation timed out: --max-time or --connect-timeout expired.'],
  [35, 'The TLS handshake failed.'],
];

/** The man page of `fetchr`, laid out like `man` prints it. */
export function fetchrManPage(): string {
  const lines = [
    'FETCHR(1)                       User Commands                      FETCHR(1)',
    '',
    'NAME',
    '       fetchr - download files over HTTP, HTTPS and FTP',
    '',
    'SYNOPSIS',
    '       fetchr [options] <url>...',
    '',
    'DESCRIPTION',
    '       fetchr downloads the resources named by one or more URLs. It follows redirects unless told otherwise, resumes interrupted downloads when the server supports ranges, and verifies server certificates against the system store.',
    '',
    'OPTIONS',
  ];
  for (const option of OPTIONS) lines.push(`       ${option.flags}`, `              ${option.text}`, '');
  lines.push('EXIT STATUS');
  for (const [code, meaning] of EXIT_CODES) lines.push(`       ${code}      ${meaning}`);
  lines.push(
    '',
    'ENVIRONMENT',
    '       FETCHR_PROXY',
    '              The proxy to use when --proxy is not given.',
    '       FETCHR_CA_BUNDLE',
    '              A file of certificate authorities to trust instead of the system store.',
    '',
    'FILES',
    '       ~/.fetchrrc',
    '              Default options, one per line, read before the command line. Lines starting with # are comments.',
    '',
    'fetchr 4.2                         March 2026                         FETCHR(1)',
  );
  return lines.join('\n');
}

const OFFICES: Array<[string, string, number, number, string, string]> = [
  ['Oslo', 'Norway', 4, 120, 'Ingrid Solberg', '07:00-19:00'],
  ['Lisbon', 'Portugal', 2, 85, 'Tiago Ferreira', '08:00-20:00'],
  ['Tallinn', 'Estonia', 6, 40, 'Kadri Tamm', '08:00-18:00'],
  ['Montreal', 'Canada', 11, 210, 'Chloé Tremblay', '07:30-19:30'],
  ['Nairobi', 'Kenya', 3, 65, 'Wanjiru Kamau', '08:00-17:00'],
  ['Osaka', 'Japan', 9, 150, 'Haruto Nakamura', '09:00-21:00'],
  ['Valparaíso', 'Chile', 1, 30, 'Camila Rojas', '09:00-18:00'],
  ['Gdańsk', 'Poland', 5, 95, 'Zofia Wiśniewska', '07:00-17:00'],
  ['Adelaide', 'Australia', 7, 55, 'Liam O’Connor', '08:30-17:30'],
  ['Rotterdam', 'Netherlands', 12, 180, 'Daan de Vries', '07:00-22:00'],
  ['Porto Alegre', 'Brazil', 8, 70, 'Beatriz Souza', '08:00-19:00'],
  ['Bergen', 'Norway', 2, 25, 'Sindre Haugen', '08:00-16:00'],
];

/** A CSV of office sites: one row per office, with a header. */
export function officesCsv(): string {
  const header = 'City,Country,Floor,Desks,Site lead,Opening hours';
  return [
    header,
    ...OFFICES.map((row) => row.map((cell) => (/[,"]/.test(String(cell)) ? `"${cell}"` : cell)).join(',')),
  ].join('\n');
}
