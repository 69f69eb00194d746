/** The event list's filter: text, #N, and chips for action, outcome, node and request. */
import { describe, expect, it } from 'vitest';
import { chipChoices, filterEvents, isFiltering, NO_FILTER, toggled } from '../../../renderer/model/eventFilter';
import { hop } from './events';

const events = [
  hop({ at: 'client', arrive: 0, flowId: 0, action: 'send' }),
  hop({
    at: 'svc/svc-2',
    arrive: 1,
    flowId: 0,
    action: 'dnat',
    node: 'k8s-node1',
    packet: { src: '192.168.64.1:1', dst: '10.244.1.3:8080', protocol: 'TCP' },
  }),
  hop({ at: 'pod/pod-1', arrive: 2, flowId: 0, action: 'deliver', node: 'k8s-node1', outcome: 'delivered' }),
  hop({ at: 'client', arrive: 3, flowId: 1, action: 'send' }),
  hop({ at: 'svc/svc-2', arrive: 4, flowId: 1, action: 'drop', node: 'k8s-node2' }),
  hop({ at: 'client', arrive: 5, flowId: 1, action: 'timeout', outcome: 'dropped' }),
  ...Array.from({ length: 10 }, (_, i) => hop({ at: 'client', arrive: 6 + i, flowId: 2 + i, action: 'send' })),
];

describe('filterEvents', () => {
  it('keeps every row without a filter', () => {
    expect(filterEvents(events, NO_FILTER)).toHaveLength(events.length);
  });

  it('matches every word of the text against the row, and #N picks request N (not #1N)', () => {
    expect(filterEvents(events, { ...NO_FILTER, text: 'svc-2 10.244.1.3' })).toEqual([1]);
    expect(filterEvents(events, { ...NO_FILTER, text: '#2' })).toEqual([3, 4, 5]);
    expect(filterEvents(events, { ...NO_FILTER, text: '#1' })).toEqual([0, 1, 2]);
  });

  it('ORs chips of one kind and ANDs the kinds', () => {
    expect(filterEvents(events, { ...NO_FILTER, actions: ['dnat', 'drop'] })).toEqual([1, 4]);
    expect(filterEvents(events, { ...NO_FILTER, actions: ['dnat', 'drop'], nodes: ['k8s-node2'] })).toEqual([4]);
    expect(filterEvents(events, { ...NO_FILTER, outcomes: ['dropped'] })).toEqual([3, 4, 5]);
    expect(filterEvents(events, { ...NO_FILTER, requests: [0], actions: ['send'] })).toEqual([0]);
  });

  it('matches the node and the protocol as typed, in any case', () => {
    expect(filterEvents(events, { ...NO_FILTER, text: 'K8S-NODE2' })).toEqual([4]);
    expect(filterEvents(events, { ...NO_FILTER, text: 'deliver pod-1' })).toEqual([2]);
    expect(filterEvents(events, { ...NO_FILTER, text: 'nothing-like-this' })).toEqual([]);
  });

  it('keeps an outcome chip to the requests whose outcome playback has shown', () => {
    // Request 2 (flowId 1) was dropped, but playback has not got there yet.
    const shownSoFar = (flowId: number) => flowId === 0;
    expect(filterEvents(events, { ...NO_FILTER, outcomes: ['dropped'] }, shownSoFar)).toEqual([]);
    expect(filterEvents(events, { ...NO_FILTER, outcomes: ['delivered'] }, shownSoFar)).toEqual([0, 1, 2]);
    expect(chipChoices(events, shownSoFar).outcomes).toEqual(['delivered']);
  });

  it('a chip pressed again lets go, and an empty filter is no filter', () => {
    expect(toggled(toggled(['dnat'], 'drop'), 'dnat')).toEqual(['drop']);
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(isFiltering({ ...NO_FILTER, text: '  ' })).toBe(false);
    expect(isFiltering({ ...NO_FILTER, requests: [0] })).toBe(true);
  });

  it('offers chips for what occurs in the run', () => {
    const c = chipChoices(events);
    expect(c.actions).toEqual(['send', 'dnat', 'deliver', 'drop', 'timeout']);
    expect(c.outcomes).toEqual(['delivered', 'dropped']);
    expect(c.nodes).toEqual(['k8s-node1', 'k8s-node2']);
    expect(c.requests).toBe(12);
  });
});
