import { describe, expect, it } from 'vitest';
import { decodePortName, encodePortName } from './portName';

const instanceId = '0f6c1e0e-7a1b-4c7e-9d55-2f3b8a9e1c00';

describe('port names', () => {
  it('round-trips the page kind, instance and reconnect flag', () => {
    const id = { page: 'about:home' as const, instanceId, reconnect: true };
    expect(decodePortName(encodePortName(id))).toEqual(id);
  });

  it('rejects foreign or malformed names', () => {
    expect(decodePortName('other-extension')).toBeNull();
    expect(decodePortName('activity-stream:{bad json')).toBeNull();
    expect(decodePortName('activity-stream:' + JSON.stringify({ page: 'about:evil', instanceId }))).toBeNull();
    expect(decodePortName('activity-stream:' + JSON.stringify({ page: 'about:newtab', instanceId: 'x' }))).toBeNull();
  });
});
