// @vitest-environment happy-dom
import { h } from 'preact';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKpiModel, KpiPanel } from './kpi-panel';

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const figure = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
const event = (type: string) => new CustomEvent(`offerwise:${type}`);

describe('KpiPanel', () => {
  it('counts the widget\'s events into figures and rates, and announces a summary after a quiet second', () => {
    const model = createKpiModel();
    render(<KpiPanel model={model} />);
    const panel = screen.getByRole('region', { name: 'KPIs in this browser' });
    expect(figure("Visitor's group")).toBe('–');
    act(() => {
      for (const type of ['render', 'impression', 'impression', 'click', 'added']) model.count(event(type));
    });
    expect(figure("Visitor's group")).toBe('Treatment (sees offers)');
    expect(figure('Impressions')).toBe('2');
    expect(figure('Click-through rate')).toBe('50%');
    expect(figure('Add rate')).toBe('50%');
    act(() => void vi.advanceTimersByTime(1000));
    expect(within(panel).getByRole('status').textContent).toBe('Treatment visitor: 2 impressions, 1 click (50%), 1 add (50%).');
    model.dispose();
  });

  it('keeps the counts in sessionStorage, so a new panel (a reload) goes on counting', () => {
    const first = createKpiModel();
    first.count(event('render'));
    first.receive(['{"t":"render"}']);
    first.dispose();
    const model = createKpiModel();
    render(<KpiPanel model={model} />);
    expect(figure('Renders')).toBe('1');
    expect(screen.getByText('Beacon lines received:').querySelector('strong')?.textContent).toBe('1');
    model.dispose();
  });

  it('Reset clears the counts and forgets the visitor', () => {
    localStorage.setItem('offerwise', '{"v":1}');
    const model = createKpiModel();
    render(<KpiPanel model={model} />);
    act(() => model.count(event('holdout')));
    expect(figure('Holdout renders')).toBe('1');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(figure('Holdout renders')).toBe('0');
    expect(localStorage.getItem('offerwise')).toBeNull();
    expect(sessionStorage.getItem('offerwise-demo-kpis')).toBeNull();
    model.dispose();
  });
});
