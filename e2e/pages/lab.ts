/**
 * The experiments lab, as the specs use it: open an experiment by address, run or cancel it, read
 * the progress and the seeds shown, find a figure and its export buttons.
 */

import { expect, type Locator, type Page } from "@playwright/test";
import { watchProblems } from "./problems";

export class LabPage {
  readonly page: Page;
  /** console errors and uncaught page errors seen since the page object was made */
  readonly problems: string[];

  constructor(page: Page) {
    this.page = page;
    this.problems = watchProblems(page);
  }

  /** Opens the lab at `hash` (e.g. "#lab=table2&seeds=1..4") and waits for its form. */
  async open(hash: string): Promise<void> {
    await this.page.goto(`/${hash}`);
    await expect(this.runButton).toBeVisible();
  }

  get runButton(): Locator {
    return this.page.getByRole("button", { name: /^(Run|Restart)$/ });
  }

  get cancelButton(): Locator {
    return this.page.getByRole("button", { name: "Cancel", exact: true });
  }

  get progress(): Locator {
    return this.page.getByRole("progressbar");
  }

  /** "Running: 3 of 8 runs done (2.1 s).", "Done: 8 of 8 runs (4.0 s).", "Cancelled after ..." */
  get status(): Locator {
    return this.page.getByTestId("lab-status");
  }

  get seeds(): Locator {
    return this.page.getByTestId("lab-seeds");
  }

  get alert(): Locator {
    return this.page.getByRole("alert");
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  figure(title: RegExp | string): Locator {
    return this.page.getByRole("figure", { name: title });
  }

  /** Runs done so far, from the progress bar. */
  async done(): Promise<number> {
    return Number(await this.progress.getAttribute("aria-valuenow"));
  }

  async runToCompletion(total: number, timeout = 60_000): Promise<void> {
    await this.runButton.click();
    await expect(this.status).toContainText(`Done: ${total} of ${total} runs`, { timeout });
    await expect(this.progress).toHaveAttribute("aria-valuenow", String(total));
  }
}
