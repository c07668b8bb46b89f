import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(config) {
    // Workspace packages resolve to their TypeScript sources, as in the tests.
    config.resolve ??= {};
    config.resolve.conditions = ['@company-chat/source', 'module', 'browser', 'development|production'];
    return config;
  },
};

export default config;
