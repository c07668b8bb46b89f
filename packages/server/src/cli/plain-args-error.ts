/**
 * The message of an error thrown by `node:util`'s `parseArgs`, in the words of a command-line tool rather
 * than Node's (which explains `--` positionals and names its error codes).
 */
export function plainArgsError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  // Node quotes the option as '--name', or '-n, --name <value>' when it has a short form: the long name.
  const option = /'(?:-\w, )?(-{1,2}[^' ,]+)/.exec(message ?? '')?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option "${option}".`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(message ?? '')
        ? `Option "${option}" needs a value.`
        : `Option "${option}" takes no value.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument "${/'([^']*)'/.exec(message ?? '')?.[1]}".`;
    default:
      return message ?? String(error);
  }
}
