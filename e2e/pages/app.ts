/**
 * The RingLab live view, as the specs use it: load a scenario by URL, press the controls, read the
 * clock, the trace hash, the nodes and the messages on screen.
 */

import { expect, type Locator, type Page } from "@playwright/test";
import { watchProblems } from "./problems";

export class AppPage {
  readonly page: Page;
  /** console errors and uncaught page errors seen since the page object was made */
  readonly problems: string[];

  constructor(page: Page) {
    this.page = page;
    this.problems = watchProblems(page);
  }

  /** Opens the app at `hash` (e.g. "#preset=default&seed=7") and waits for the scenario to load. */
  async open(hash = ""): Promise<void> {
    await this.page.goto(`/${hash}`);
    await this.waitLoaded();
  }

  /** Changes the address's hash in place (the app loads that scenario) and waits for it. */
  async navigate(hash: string): Promise<void> {
    await this.page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
    await expect(this.status).toHaveText(/^t = 0\.000 ms$/);
    await this.waitLoaded();
  }

  async waitLoaded(): Promise<void> {
    await expect(this.app).toHaveAttribute("data-playback", "paused");
    await expect(this.playButton).toBeEnabled();
  }

  get app(): Locator {
    return this.page.locator(".app");
  }

  get playButton(): Locator {
    return this.page.getByRole("button", { name: "Play", exact: true });
  }

  get pauseButton(): Locator {
    return this.page.getByRole("button", { name: "Pause", exact: true });
  }

  get stepButton(): Locator {
    return this.page.getByRole("button", { name: "Step", exact: true });
  }

  get runToEndButton(): Locator {
    return this.page.getByRole("button", { name: "Run to end", exact: true });
  }

  get speed(): Locator {
    return this.page.getByRole("slider", { name: "Speed" });
  }

  /** The simulated clock: "t = 1,234.567 ms", plus "(finished)" at the end. */
  /** The simulated time shown ("t = 12.000 ms"): the status that is not a panel's own (lost writes). */
  get status(): Locator {
    return this.page.getByRole("status").filter({ hasText: /^t = / });
  }

  get alert(): Locator {
    return this.page.getByRole("alert");
  }

  get timeline(): Locator {
    return this.page.getByRole("region", { name: "Timeline" });
  }

  /** The faults' spans under the scrubber, one list item each, named by its sentence. */
  get faultSpans(): Locator {
    return this.page.getByRole("list", { name: "Faults on the timeline" });
  }

  get messages(): Locator {
    return this.page.getByRole("img", { name: /^Messages in flight/ });
  }

  get traceInfo(): Locator {
    return this.page.getByTestId("trace-hash");
  }

  /** The "Find a key" text box on the stage. */
  get keyInput(): Locator {
    return this.page.getByRole("combobox", { name: "Key", exact: true });
  }

  /** The sentence saying where the looked-up key is stored. */
  get keyPlacement(): Locator {
    return this.page.getByTestId("key-placement");
  }

  get clearKeyButton(): Locator {
    return this.page.getByRole("button", { name: "Clear key", exact: true });
  }

  /** Types `key` into the key box (replacing what was there). */
  async lookUpKey(key: string): Promise<void> {
    await this.keyInput.fill(key);
  }

  node(name: string): Locator {
    return this.page.getByRole("button", { name: `Node ${name}`, exact: true });
  }

  async play(): Promise<void> {
    await this.playButton.click();
    await expect(this.pauseButton).toBeVisible();
  }

  async pause(): Promise<void> {
    await this.pauseButton.click();
    await expect(this.playButton).toBeVisible();
  }

  async simTimeMs(): Promise<number> {
    const text = (await this.status.textContent()) ?? "";
    const m = /t = ([\d,]+\.\d+) ms/.exec(text);
    if (m === null) throw new Error(`no simulated time in "${text}"`);
    return Number((m[1] as string).replaceAll(",", ""));
  }

  async inFlight(): Promise<number> {
    return Number(await this.messages.getAttribute("data-in-flight"));
  }

  /** Pixels of the message canvas that are not transparent. */
  async paintedPixels(): Promise<number> {
    return this.messages.evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const ctx = canvas.getContext("2d");
      if (ctx === null) return 0;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 0) n++;
      return n;
    });
  }

  async traceHash(): Promise<string> {
    const text = (await this.traceInfo.textContent()) ?? "";
    const m = /\b([0-9a-f]{16})\b/.exec(text);
    if (m === null) throw new Error(`no trace hash in "${text}"`);
    return m[1] as string;
  }

  /** Trace events recorded so far. */
  async traceEvents(): Promise<number> {
    const text = (await this.traceInfo.textContent()) ?? "";
    const m = /· ([\d,]+) events/.exec(text);
    if (m === null) throw new Error(`no event count in "${text}"`);
    return Number((m[1] as string).replaceAll(",", ""));
  }

  /** Moves the speed slider until its label reads `label` (e.g. "1/10x"). */
  async setSpeed(label: string): Promise<void> {
    const text = this.page.getByText(/real time$/).first();
    await this.speed.focus();
    const target = new RegExp(`^${label.replace("/", "\\/")}`);
    const key =
      speedOf(label) >= speedOf((await text.textContent()) ?? "") ? "ArrowRight" : "ArrowLeft";
    for (let i = 0; i < 60 && !target.test((await text.textContent()) ?? ""); i++) {
      await this.page.keyboard.press(key);
    }
    await expect(text).toHaveText(target);
  }

  /** Plays until the simulated clock passes `ms`, then pauses. */
  async playUntil(ms: number, timeout = 60_000): Promise<void> {
    await this.play();
    await expect.poll(() => this.simTimeMs(), { timeout, intervals: [25] }).toBeGreaterThan(ms);
    await this.pause();
  }

  /** The side panel's node inspector. */
  get inspector(): Locator {
    return this.page.locator(".inspector");
  }

  inspectButton(name: string): Locator {
    return this.page.getByRole("button", { name: `Inspect node ${name}`, exact: true });
  }

  /** The drawer with one key's versions. */
  get versions(): Locator {
    return this.page.getByRole("region", { name: /^Versions of/ });
  }

  async runToEnd(): Promise<void> {
    await this.runToEndButton.click();
    await expect(this.status).toContainText("(finished)", { timeout: 30_000 });
    await expect(this.app).toHaveAttribute("data-playback", "finished");
  }
}

/** "1/250x real time" -> 0.004, "10x" -> 10. */
function speedOf(label: string): number {
  const m = /^(?:(\d+)\/)?(\d+(?:\.\d+)?)x/.exec(label.trim());
  if (m === null) throw new Error(`not a speed: ${label}`);
  return m[1] === undefined ? Number(m[2]) : Number(m[1]) / Number(m[2]);
}
