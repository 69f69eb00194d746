import { describe, expect, it } from 'vitest';
import { externalIPText, lbPending, portText, statusTone } from '../../../renderer/model/status';
import { natLabel } from '../../../renderer/viz/drawPackets';
import { hop } from './events';
import { service } from './snapshots';

describe('what the view prints', () => {
  it('labels a NAT hop with the field it rewrote and the new value', () => {
    const dnat = hop({
      at: 'svc/svc-1',
      arrive: 0,
      action: 'dnat',
      changed: ['dst'],
      packet: { src: '10.244.2.3:47514', dst: '10.244.1.3:8080', protocol: 'TCP' },
    });
    expect(natLabel(dnat)).toBe('DNAT dst → 10.244.1.3:8080');
    const snat = hop({
      at: 'node/k8s-node1',
      arrive: 0,
      action: 'snat',
      changed: ['src'],
      packet: { src: '10.244.1.0:61000', dst: '10.244.2.3:8080', protocol: 'TCP' },
    });
    expect(natLabel(snat)).toBe('SNAT src → 10.244.1.0:61000');
    expect(natLabel(hop({ at: 'client', arrive: 0 }))).toBeNull();
  });

  it('prints Service ports as 9000→8080, with the node port when there is one', () => {
    expect(portText({ port: 9000, targetPort: 8080, protocol: 'TCP' })).toBe('9000→8080/TCP');
    expect(portText({ port: 9000, targetPort: 8080, nodePort: 30000, protocol: 'TCP' })).toBe('9000:30000→8080/TCP');
    expect(portText({ port: 53, targetPort: 'dns', protocol: 'UDP' })).toBe('53→dns/UDP');
  });

  it('shows a LoadBalancer without an address as <pending>', () => {
    const lb = service('svc-3', { type: 'LoadBalancer', externalIP: '<pending>' });
    expect(lbPending(lb)).toBe(true);
    expect(lbPending({ ...lb, externalIP: null })).toBe(true);
    expect(lbPending({ ...lb, externalIP: '192.168.64.200' })).toBe(false);
    expect(externalIPText({ ...lb, externalIP: null })).toBe('<pending>');
    expect(externalIPText(service('svc-1'))).toBe('<none>');
  });

  it('colours kubectl statuses: Running green, CrashLoopBackOff red, Pending amber, Completed grey', () => {
    expect(statusTone('Running')).toBe('ok');
    expect(statusTone('CrashLoopBackOff')).toBe('danger');
    expect(statusTone('ErrImagePull')).toBe('danger');
    expect(statusTone('Pending')).toBe('warn');
    expect(statusTone('ContainerCreating')).toBe('warn');
    expect(statusTone('Completed')).toBe('muted');
  });
});
