/**
 * Paints a space-time layout on a 2D canvas. Kinds of message differ by colour and by line style
 * (solid, dashed, dotted, dash-dot), so the diagram reads without telling hues apart; events
 * differ by shape. With a selection, its causal past is drawn full strength with a dark ring,
 * concurrent events hollow, and its future faint.
 */

import type { MessageFamily } from "../../sim/catalog";
import { DROP_COLOUR, FAMILY_COLOUR } from "../palette";
import type { Arrow, Causal, Mark, SpacetimeLayout } from "./spacetimeLayout";

/** Line style per kind of message: a dash pattern (empty = solid). */
export const FAMILY_DASH: Record<MessageFamily, number[]> = {
  get: [],
  put: [],
  fail: [2, 2],
  repair: [6, 2, 2, 2],
  hint: [7, 3],
  antiEntropy: [3, 3],
  transfer: [10, 3],
  gossip: [1, 3],
  other: [4, 4],
};

/** Line width per kind, so get and put (both solid) differ without colour too. */
export const FAMILY_WIDTH: Partial<Record<MessageFamily, number>> = { put: 2.4, get: 1.4 };

const INK = "#1b2330";
const LANE = "#c9ced6";
const MUTED = "#5b6470";
const PAPER = "#ffffff";

function alphaOf(c: Causal): number {
  switch (c) {
    case "future":
      return 0.18;
    case "concurrent":
      return 0.7;
    default:
      return 1;
  }
}

export function drawSpacetime(
  ctx: CanvasRenderingContext2D,
  layout: SpacetimeLayout,
  width: number,
  height: number,
  playheadMs: number,
): void {
  ctx.clearRect(0, 0, width, height);
  ctx.font = "12px system-ui, sans-serif";
  ctx.textBaseline = "middle";

  // time axis
  ctx.fillStyle = MUTED;
  ctx.strokeStyle = "#e6e9ee";
  ctx.lineWidth = 1;
  ctx.textAlign = "center";
  for (const t of layout.ticks) {
    ctx.beginPath();
    ctx.moveTo(t.x, 14);
    ctx.lineTo(t.x, height);
    ctx.stroke();
    ctx.fillText(t.label, t.x, 8);
  }

  // lanes
  ctx.textAlign = "right";
  for (const lane of layout.lanes) {
    ctx.strokeStyle = lane.client ? "#d8cbe6" : LANE;
    ctx.setLineDash(lane.client ? [4, 3] : []);
    ctx.beginPath();
    ctx.moveTo(layout.x(layout.startMs), lane.y);
    ctx.lineTo(layout.x(layout.endMs), lane.y);
    ctx.stroke();
    if (lane.labelled) {
      ctx.fillStyle = INK;
      ctx.fillText(lane.name, layout.x(layout.startMs) - 8, lane.y);
    }
  }
  ctx.setLineDash([]);

  // crashed stretches: a wide grey band over the lane, crossed at its start
  for (const d of layout.down) {
    ctx.fillStyle = "rgba(107, 107, 107, 0.28)";
    ctx.fillRect(d.x1, d.y - 6, Math.max(2, d.x2 - d.x1), 12);
    ctx.strokeStyle = "#6b6b6b";
    ctx.setLineDash([2, 3]);
    ctx.beginPath();
    ctx.moveTo(d.x1, d.y - 6);
    ctx.lineTo(d.x2, d.y - 6);
    ctx.moveTo(d.x1, d.y + 6);
    ctx.lineTo(d.x2, d.y + 6);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  // the playhead
  const px = layout.x(Math.min(playheadMs, layout.endMs));
  ctx.strokeStyle = INK;
  ctx.lineWidth = 1;
  ctx.setLineDash([2, 2]);
  ctx.beginPath();
  ctx.moveTo(px, 14);
  ctx.lineTo(px, height);
  ctx.stroke();
  ctx.setLineDash([]);

  for (const a of layout.arrows) drawArrow(ctx, a);
  for (const m of layout.marks) drawMark(ctx, m);
}

function drawArrow(ctx: CanvasRenderingContext2D, a: Arrow): void {
  const colour = FAMILY_COLOUR[a.family];
  ctx.globalAlpha = alphaOf(a.causal);
  const w = (FAMILY_WIDTH[a.family] ?? 1.6) + (a.count > 1 ? Math.min(3, Math.log2(a.count)) : 0);
  ctx.lineWidth = a.causal === "past" || a.causal === "self" ? w + 0.8 : w;
  ctx.strokeStyle = colour;
  ctx.setLineDash(a.fate === "unseen" ? [1, 4] : FAMILY_DASH[a.family]);
  ctx.beginPath();
  ctx.moveTo(a.x1, a.y1);
  ctx.lineTo(a.x2, a.y2);
  ctx.stroke();
  ctx.setLineDash([]);
  const angle = Math.atan2(a.y2 - a.y1, a.x2 - a.x1);
  if (a.fate === "dropped" || a.fate === "lost") {
    // a cross where it was dropped
    ctx.strokeStyle = DROP_COLOUR;
    ctx.lineWidth = 2;
    const r = 4;
    ctx.beginPath();
    ctx.moveTo(a.x2 - r, a.y2 - r);
    ctx.lineTo(a.x2 + r, a.y2 + r);
    ctx.moveTo(a.x2 + r, a.y2 - r);
    ctx.lineTo(a.x2 - r, a.y2 + r);
    ctx.stroke();
  } else {
    // an arrowhead (open while in flight)
    const h = 6;
    ctx.beginPath();
    ctx.moveTo(a.x2, a.y2);
    ctx.lineTo(a.x2 - h * Math.cos(angle - 0.45), a.y2 - h * Math.sin(angle - 0.45));
    ctx.lineTo(a.x2 - h * Math.cos(angle + 0.45), a.y2 - h * Math.sin(angle + 0.45));
    ctx.closePath();
    if (a.fate === "in flight") {
      ctx.fillStyle = PAPER;
      ctx.fill();
      ctx.lineWidth = 1.2;
      ctx.stroke();
    } else {
      ctx.fillStyle = colour;
      ctx.fill();
    }
  }
  if (a.duplicate) {
    // a duplicate copy: a second, parallel stroke
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1;
    const ox = 3 * Math.sin(angle);
    const oy = -3 * Math.cos(angle);
    ctx.beginPath();
    ctx.moveTo(a.x1 + ox, a.y1 + oy);
    ctx.lineTo(a.x2 + ox, a.y2 + oy);
    ctx.stroke();
  }
  if (a.count > 1) {
    const mx = (a.x1 + a.x2) / 2;
    const my = (a.y1 + a.y2) / 2;
    const text = `×${a.count}`;
    ctx.font = "bold 11px system-ui, sans-serif";
    const tw = ctx.measureText(text).width;
    ctx.fillStyle = PAPER;
    ctx.fillRect(mx - tw / 2 - 2, my - 7, tw + 4, 14);
    ctx.fillStyle = INK;
    ctx.textAlign = "center";
    ctx.fillText(text, mx, my);
    ctx.font = "12px system-ui, sans-serif";
  }
  ctx.globalAlpha = 1;
}

function drawMark(ctx: CanvasRenderingContext2D, m: Mark): void {
  ctx.globalAlpha = alphaOf(m.causal);
  const hollow = m.causal === "concurrent";
  const fill = hollow ? PAPER : INK;
  ctx.fillStyle = fill;
  ctx.strokeStyle = INK;
  ctx.lineWidth = 1.4;
  const r = m.count > 1 ? 4.5 : 3.2;
  ctx.beginPath();
  switch (m.kind) {
    case "invoke":
    case "complete":
      // an operation starts (square) or ends (diamond)
      if (m.kind === "invoke") ctx.rect(m.x - r, m.y - r, 2 * r, 2 * r);
      else {
        ctx.moveTo(m.x, m.y - r - 1.5);
        ctx.lineTo(m.x + r + 1.5, m.y);
        ctx.lineTo(m.x, m.y + r + 1.5);
        ctx.lineTo(m.x - r - 1.5, m.y);
        ctx.closePath();
      }
      if (m.outcome >= 2) ctx.fillStyle = hollow ? PAPER : DROP_COLOUR;
      break;
    case "timer":
      ctx.rect(m.x - 1, m.y - r - 1, 2, 2 * r + 2);
      break;
    case "crash":
      ctx.moveTo(m.x - 6, m.y - 6);
      ctx.lineTo(m.x + 6, m.y + 6);
      ctx.moveTo(m.x + 6, m.y - 6);
      ctx.lineTo(m.x - 6, m.y + 6);
      ctx.lineWidth = 3;
      ctx.stroke();
      ctx.globalAlpha = 1;
      return;
    case "recover":
      ctx.moveTo(m.x, m.y - 6);
      ctx.lineTo(m.x + 5, m.y + 4);
      ctx.lineTo(m.x - 5, m.y + 4);
      ctx.closePath();
      break;
    default:
      ctx.arc(m.x, m.y, r, 0, 2 * Math.PI);
  }
  ctx.fill();
  ctx.stroke();
  if (m.causal === "past" || m.causal === "self") {
    ctx.lineWidth = m.causal === "self" ? 3 : 1.6;
    ctx.strokeStyle = INK;
    ctx.beginPath();
    ctx.arc(m.x, m.y, r + (m.causal === "self" ? 5 : 3), 0, 2 * Math.PI);
    ctx.stroke();
  }
  if (m.count > 1 || m.label !== null) {
    ctx.fillStyle = INK;
    ctx.textAlign = "center";
    ctx.font = "11px system-ui, sans-serif";
    ctx.fillText(m.count > 1 ? `×${m.count}` : (m.label as string), m.x, m.y - r - 7);
    ctx.font = "12px system-ui, sans-serif";
  }
  ctx.globalAlpha = 1;
}
