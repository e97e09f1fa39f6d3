import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Keeps one broken screen from blanking the whole app: shows what happened and a way out. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; key: string }> {
  override state: { error: Error | null; key: string } = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    // navigating elsewhere clears the error
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('screen crashed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="narrow" role="alert">
        <h1>This screen hit a problem</h1>
        <p>Something went wrong while showing this page. Reload to try again; if it keeps happening, tell us through Help.</p>
        <p className="muted small">{this.state.error.message}</p>
        <p>
          <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>Reload</button> <a href="/help">Help</a>
        </p>
      </div>
    );
  }
}
