/** SCTP as a third protocol: /sctp targets, INIT / INIT-ACK, and the kernel's ABORT for a port nobody listens on. */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../../src/cluster';
import { parseReachPort } from '../../../src/engine/reachSubjects';
import { traceRequests } from '../../../src/trace';
import { REACH_HELP, TRACE_HELP } from '../../../cli/usage';
import { container, load, pod, service, workload } from '../cluster/fixtures';
import { trace1 } from './helpers';

function diameter() {
  return buildCluster(
    load(
      workload(
        'Deployment',
        'hss',
        [container('hss', 'example/hss', { ports: [{ containerPort: 3868, protocol: 'SCTP', name: 'diameter' }] })],
        {
          labels: { app: 'hss' },
        },
      ),
      service('hss', { selector: { app: 'hss' }, ports: [{ port: 3868, protocol: 'SCTP', targetPort: 'diameter' }] }),
      service('hss-tcp', { selector: { app: 'hss' }, ports: [{ port: 3868, protocol: 'TCP', targetPort: 'diameter' }] }),
      pod('client', [container('c', 'example/client')]),
    ),
    { seed: 1 },
  );
}

describe('SCTP', () => {
  it('a /sctp target reaches the Service port of that protocol: INIT out, INIT-ACK back', () => {
    const c = diameter();
    const run = traceRequests(c, { from: 'pod/client', to: 'svc/hss:3868/sctp' }).run;
    expect(run.traces[0].outcome).toBe('delivered');
    expect(run.traces[0].protocol).toBe('SCTP');
    expect(run.traces[0].hops[0].note).toContain('opens an SCTP association with');
    const req = run.events.filter((e) => e.direction === 'request');
    const resp = run.events.filter((e) => e.direction === 'response');
    expect(req[0].packet).toMatchObject({ protocol: 'SCTP', flags: 'INIT' });
    expect(resp[0].packet).toMatchObject({ protocol: 'SCTP', flags: 'INIT-ACK' });
  });

  it('a port nobody listens on: the kernel answers ABORT (hop action abort), not RST, and the client is refused', () => {
    const c = diameter();
    const hss = c.pods.find((p) => p.name.startsWith('hss-'))!;
    const t = trace1(c, 'pod/client', `${hss.ip}:3869/sctp`);
    expect(t.outcome).toBe('refused');
    const last = t.hops[t.hops.length - 1];
    expect(last.action).toBe('abort');
    expect(last.note).toContain("the Pod's kernel answers ABORT");
    expect(t.response?.hops.at(-1)?.note).toContain('the ABORT from');
    const events = traceRequests(c, { from: 'pod/client', to: `${hss.ip}:3869/sctp` }).run.events;
    expect(events.find((e) => e.direction === 'response')?.packet.flags).toBe('ABORT');
    // TCP on the same port still gets its RST.
    expect(trace1(c, 'pod/client', `${hss.ip}:3869`).hops.at(-1)?.action).toBe('rst');
  });

  it('a named targetPort whose containerPort has the other protocol: no endpoint, and the reason says why', () => {
    const t = trace1(diameter(), 'pod/client', 'svc/hss-tcp:3868');
    expect(t.outcome).toBe('refused');
    expect(t.reason).toMatch(
      /has a port named "diameter" with protocol TCP \(targetPort of 3868\/TCP\): hss-\S+ names 3868\/SCTP "diameter"/,
    );
  });

  it('reach --port takes /sctp, and both helps mention /udp and /sctp', () => {
    expect(parseReachPort('3868/sctp')).toEqual({ ok: true, value: { port: 3868, protocol: 'SCTP' } });
    expect(parseReachPort('3868/quic')).toMatchObject({ ok: false });
    for (const help of [TRACE_HELP, REACH_HELP]) {
      expect(help.toLowerCase()).toContain('/udp');
      expect(help.toLowerCase()).toContain('/sctp');
    }
  });
});
