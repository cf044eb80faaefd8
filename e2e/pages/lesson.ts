/**
 * The lesson panel and presenter mode, as the specs use them: open a lesson, read the step's title
 * and narration, press Back, Next, Skip ahead and the contents' links, and wait for a step to be
 * ready for the student.
 */

import { expect, type Locator, type Page } from "@playwright/test";

export class LessonPanel {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByRole("region", { name: "Lesson", exact: true });
  }

  /** "Step 2 of 5: ..." or "Lesson complete" */
  get title(): Locator {
    return this.panel.getByRole("heading");
  }

  get text(): Locator {
    return this.panel.locator(".lesson-text");
  }

  get statusLine(): Locator {
    return this.page.getByTestId("lesson-status");
  }

  button(name: string | RegExp): Locator {
    return this.panel.getByRole("button", { name });
  }

  async openFromMenu(title: string): Promise<void> {
    await this.page.getByRole("button", { name: "Lessons", exact: true }).click();
    await this.page
      .getByRole("list", { name: "Lessons" })
      .getByRole("button", { name: title })
      .click();
  }

  /** Waits until the step has played out and pauses for the student (phase "ready"). */
  async waitReady(timeout = 30_000): Promise<void> {
    await expect(this.page.locator(".lesson")).toHaveAttribute("data-phase", "ready", { timeout });
  }

  /** Skips to the end of the step's wait (once it has started playing), then waits for it. */
  async skipToEnd(): Promise<void> {
    const phase = this.page.locator(".lesson");
    await expect(phase).toHaveAttribute("data-phase", /waiting|ready/, { timeout: 30_000 });
    if ((await phase.getAttribute("data-phase")) === "waiting") {
      // the step may finish by itself meanwhile, and the button go: then there is nothing to skip
      await this.button("Skip ahead")
        .click({ timeout: 3000 })
        .catch(() => undefined);
    }
    await this.waitReady();
  }

  async next(): Promise<void> {
    await this.button(/^(Next|Finish) →$/).click();
  }

  async back(): Promise<void> {
    await this.button("← Back").click();
  }
}
