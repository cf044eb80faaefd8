/**
 * Named scenarios, parsed. The data lives in `catalog.ts`; `default` is what the app opens.
 */

import { isPreset, type Preset, presetNames, presets } from "./catalog";
import { type Scenario, scenarioFrom } from "./schema";

export { isPreset, type Preset, presetNames, presets } from "./catalog";

/** The parsed scenario of a preset; throws for an unknown name. */
export function presetScenario(name: string): Scenario {
  if (!isPreset(name)) {
    throw new Error(`unknown preset "${name}"; presets: ${presetNames.join(", ")}`);
  }
  return scenarioFrom((presets[name] as Preset).scenario);
}
