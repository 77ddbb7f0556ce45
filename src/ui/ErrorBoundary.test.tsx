// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

afterEach(cleanup);

function Broken(): null {
  throw new Error('boom');
}

it('a rendering bug empties the slot and is reported, never thrown into the page', () => {
  const onError = vi.fn();
  const { container } = render(
    <ErrorBoundary onError={onError}>
      <p>before</p>
      <Broken />
    </ErrorBoundary>,
  );
  expect(container.innerHTML).toBe('');
  expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }));
});

it('renders its children when nothing fails', () => {
  render(
    <ErrorBoundary onError={vi.fn()}>
      <p>fine</p>
    </ErrorBoundary>,
  );
  expect(screen.getByText('fine')).toBeTruthy();
});
