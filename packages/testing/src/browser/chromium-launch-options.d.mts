/** Launch options for playwright-core's `chromium.launch()` and @web/test-runner's launcher. */
export declare const chromiumLaunchOptions: { executablePath: string; args: string[] };
