/**
 * Colours. Nodes get calm tints that stay out of the way of the message colours (get blue, put
 * orange, failures red); every text colour keeps at least 4.5:1 contrast on its background.
 */

import type { Family } from "../store/flights";

export interface NodeColour {
  /** the key-range arc on the ring */
  arc: string;
  /** the node's fill */
  fill: string;
  /** the node's outline */
  stroke: string;
  /** text on the fill */
  ink: string;
}

const NODE_HUES = [168, 268, 95, 328, 28, 205, 55, 300];

export function nodeColour(i: number): NodeColour {
  const h = NODE_HUES[i % NODE_HUES.length] as number;
  // later laps around the palette get a little darker so neighbours still differ
  const lap = Math.floor(i / NODE_HUES.length) % 3;
  return {
    arc: `hsl(${h} 45% ${80 - lap * 6}%)`,
    fill: `hsl(${h} 55% ${93 - lap * 4}%)`,
    stroke: `hsl(${h} 40% ${42 - lap * 4}%)`,
    ink: `hsl(${h} 45% 22%)`,
  };
}

export const FAMILY_COLOUR: Record<Family, string> = {
  get: "#1f6fd1",
  put: "#e0680f",
  fail: "#c8241d",
  repair: "#1b8a5a",
  hint: "#b8860b",
  antiEntropy: "#0e8a93",
  transfer: "#b0399a",
  gossip: "#7a5aa6",
  other: "#5b6470",
};

export const DROP_COLOUR = "#c8241d";
export const CRASHED = { fill: "#e4e4e4", stroke: "#6b6b6b", ink: "#555" };

/** A looked-up key: its marker, its range's outline, its replicas' rings and badges (ink, calm). */
export const KEY_COLOUR = { ink: "#1b2330", wash: "rgba(27, 35, 48, 0.14)", halo: "#ffffff" };
