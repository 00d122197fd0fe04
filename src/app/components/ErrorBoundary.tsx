import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

interface Props {
  readonly children: ReactNode;
  /** After this long the app tries again by itself (a wall screen has nobody to press reload). */
  readonly retryMs?: number;
}

interface State {
  readonly error: Error | null;
}

/**
 * The last line of defence against a blank page: a crash while rendering shows what failed, and
 * the app tries again by itself.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };
  private timer: ReturnType<typeof setTimeout> | undefined;

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Traffic Map crashed while rendering', error, info.componentStack);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.setState({ error: null }), this.props.retryMs ?? 30_000);
  }

  override componentWillUnmount(): void {
    clearTimeout(this.timer);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="config-error" role="alert" data-testid="crash">
        <h1>Traffic Map hit an error and is not showing live data</h1>
        <p><code>{error.message}</code></p>
        <p>It tries again by itself in {Math.round((this.props.retryMs ?? 30_000) / 1000)} s.{' '}
          <button type="button" onClick={() => this.setState({ error: null })}>Try again now</button>
        </p>
      </main>
    );
  }
}
