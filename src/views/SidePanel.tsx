/**
 * A side panel the user can collapse to its title (and open again), inside its own error
 * boundary. Which panels are collapsed is remembered in this browser.
 */

import { type ReactNode, useState } from "react";
import { PanelBoundary } from "./PanelBoundary";

const KEY = "ringlab.collapsed";

function loadCollapsed(): Set<string> {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(list) ? list.filter((x) => typeof x === "string") : []);
  } catch {
    return new Set();
  }
}

function saveCollapsed(set: Set<string>): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify([...set]));
  } catch {
    // private browsing or storage full: collapsing still works for this page
  }
}

export function SidePanel({ title, children }: { title: string; children: ReactNode }) {
  const [collapsed, setCollapsed] = useState(() => loadCollapsed().has(title));
  const toggle = () => {
    const set = loadCollapsed();
    if (collapsed) set.delete(title);
    else set.add(title);
    saveCollapsed(set);
    setCollapsed(!collapsed);
  };
  return (
    <div className={collapsed ? "side-panel collapsed" : "side-panel"}>
      <button
        type="button"
        className="collapse"
        aria-expanded={!collapsed}
        aria-label={`${collapsed ? "Show" : "Hide"} ${title}`}
        title={`${collapsed ? "Show" : "Hide"} ${title}`}
        onClick={toggle}
      >
        {collapsed ? "+" : "−"}
      </button>
      {collapsed ? (
        <p className="collapsed-title">{title}</p>
      ) : (
        <PanelBoundary name={title}>{children}</PanelBoundary>
      )}
    </div>
  );
}
