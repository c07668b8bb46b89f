// How every test and benchmark here launches Chromium: Debian's binary (never a downloaded browser),
// and flags that keep it from reaching for the network, which this machine's closed network refuses.
/** Launch options for playwright-core's `chromium.launch()` and @web/test-runner's launcher. */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
  ],
};
