/**
 * How RingLab launches Debian's Chromium (never a Playwright download), for the e2e tests and the
 * browser benchmarks alike. The flags keep it off the network this machine does not have.
 */

export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
