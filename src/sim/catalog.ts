/**
 * The light surface of the core, for the app's main thread: the preset catalogue and message
 * families, without the simulator or the scenario validator (which load in the worker only).
 */

export { messageFamily } from "./dynamo/messages";
export { isPreset, type Preset, presetNames, presets } from "./scenario/catalog";
