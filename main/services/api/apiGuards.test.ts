import { describe, expect, it } from 'vitest';
import { bearerKey, checkOrigin, isAllowedHost } from './apiGuards.js';

describe('API guards', () => {
  it('loopback binding answers to localhost and loopback addresses on its port only', () => {
    const bound = { address: '127.0.0.1', port: 1338 };
    for (const ok of ['127.0.0.1:1338', 'localhost:1338', 'LOCALHOST:1338', '[::1]:1338']) expect(isAllowedHost(ok, bound), ok).toBe(true);
    for (const bad of [undefined, '', 'attacker.example:1338', 'localhost.attacker.example:1338', '127.0.0.1:80', '127.0.0.1', '192.168.1.5:1338', 'localhost:1338@evil', '1338']) {
      expect(isAllowedHost(bad, bound), String(bad)).toBe(false);
    }
  });

  it('an explicit address answers to itself; every interface (0.0.0.0) to any IP literal, never a name but localhost', () => {
    expect(isAllowedHost('192.168.1.5:8080', { address: '192.168.1.5', port: 8080 })).toBe(true);
    expect(isAllowedHost('localhost:8080', { address: '192.168.1.5', port: 8080 })).toBe(false);
    expect(isAllowedHost('10.0.0.1:8080', { address: '192.168.1.5', port: 8080 })).toBe(false);
    const all = { address: '0.0.0.0', port: 8080 };
    expect(isAllowedHost('10.0.0.7:8080', all)).toBe(true);
    expect(isAllowedHost('localhost:8080', all)).toBe(true);
    expect(isAllowedHost('my-laptop.local:8080', all)).toBe(false);
  });

  it('an Origin is allowed only when on the list', () => {
    expect(checkOrigin(undefined, [])).toEqual({ kind: 'absent' });
    expect(checkOrigin('http://localhost:3000', [])).toMatchObject({ kind: 'foreign' });
    expect(checkOrigin('null', ['http://localhost:3000'])).toMatchObject({ kind: 'foreign' });
    expect(checkOrigin('http://localhost:3000', ['http://localhost:3000/'])).toMatchObject({ kind: 'allowed' });
    expect(checkOrigin('http://localhost:30001', ['http://localhost:3000'])).toMatchObject({ kind: 'foreign' });
  });

  it('reads a bearer key', () => {
    expect(bearerKey('Bearer hk-abc')).toBe('hk-abc');
    expect(bearerKey('bearer  hk-abc ')).toBe('hk-abc');
    expect(bearerKey('Basic abc')).toBeNull();
    expect(bearerKey(undefined)).toBeNull();
  });
});
