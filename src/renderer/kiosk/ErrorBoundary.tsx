import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Whatever breaks inside a kiosk screen, the citizen sees plain words and a way back —
 * never a stack trace or a blank screen. The error goes to the console for the technician.
 */
export class KioskErrorBoundary extends Component<
  { fallback(reset: () => void): ReactNode; children: ReactNode; resetKey?: unknown },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('[motcua kiosk] screen failed', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: unknown }): void {
    if (this.state.failed && prev.resetKey !== this.props.resetKey)
      this.setState({ failed: false });
  }

  override render(): ReactNode {
    if (this.state.failed) return this.props.fallback(() => this.setState({ failed: false }));
    return this.props.children;
  }
}
