import { Component, type ComponentChildren } from 'preact';

interface Props {
  onError(error: unknown): void;
  children?: ComponentChildren;
}

/** Keeps a rendering bug inside the widget: the slot goes empty and the error is reported. */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  override componentDidCatch(error: unknown) {
    this.setState({ failed: true });
    this.props.onError(error);
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
