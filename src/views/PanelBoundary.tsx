/**
 * A React error boundary around one panel: if the panel throws while rendering, it says so in its
 * place (with what went wrong and a button to try again) and the rest of the app keeps working.
 */

import { Component, type ErrorInfo, type ReactNode } from "react";

interface Props {
  /** what the panel is called, for the message */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // one line for whoever reads the console; the panel itself shows the message
    console.warn(`${this.props.name} failed: ${error.message}`, info.componentStack ?? "");
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <section className="panel panel-failed" role="alert" aria-label={`${this.props.name} failed`}>
        <p>
          <strong>{this.props.name}</strong> could not be drawn: {error.message}. The rest of
          RingLab still works.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </section>
    );
  }
}
