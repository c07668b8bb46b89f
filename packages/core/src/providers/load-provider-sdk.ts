import { ProviderError } from '../errors/provider-error.js';

/**
 * A vendor SDK imported on first use rather than with the package: loading one is a noticeable part of
 * a server's start, and a server without that vendor's models never needs it. Loaded once per process;
 * a failed import fails the model with an error that names the missing package.
 */
export function lazyProviderSdk<T>(name: string, importSdk: () => Promise<T>): (provider: string) => Promise<T> {
  let loading: Promise<T> | undefined;
  return (provider) => {
    loading ??= importSdk();
    return loading.catch((cause) => {
      throw new ProviderError({
        code: 'upstream',
        provider,
        message: `The \`${name}\` package could not be loaded: install it next to @company-chat/core`,
        cause,
      });
    });
  };
}
