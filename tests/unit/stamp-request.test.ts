import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER, clientAddress, REQUEST_ID_HEADER, stampRequest } from '@/server/http/stamp-request';

describe('client address', () => {
  it('with no proxy, is the socket peer whatever X-Forwarded-For claims', () => {
    expect(clientAddress({ 'x-forwarded-for': '203.0.113.7' }, '198.51.100.1', 0)).toBe('198.51.100.1');
    expect(clientAddress({}, '::ffff:198.51.100.1', 0)).toBe('198.51.100.1');
  });

  it('behind one proxy, is the entry that proxy appended, not what the client wrote before it', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the proxy appended the address it saw.
    expect(clientAddress({ 'x-forwarded-for': '1.1.1.1, 203.0.113.7' }, '10.0.0.2', 1)).toBe('203.0.113.7');
  });

  it('behind two proxies, skips the inner proxy too', () => {
    expect(clientAddress({ 'x-forwarded-for': '1.1.1.1, 203.0.113.7, 10.0.0.9' }, '10.0.0.2', 2)).toBe('203.0.113.7');
  });

  it('falls back to the socket when the trusted entry is not an address', () => {
    expect(clientAddress({ 'x-forwarded-for': 'evil, <script>' }, '10.0.0.2', 1)).toBe('10.0.0.2');
  });

  it('uses the left-most entry when fewer addresses arrive than proxies are configured', () => {
    expect(clientAddress({ 'x-forwarded-for': '203.0.113.7' }, '10.0.0.2', 3)).toBe('203.0.113.7');
  });
});

describe('stamping a request', () => {
  const forged = (): IncomingHttpHeaders => ({
    host: 'evil.example',
    'x-forwarded-host': 'evil.example',
    'x-forwarded-proto': 'https',
    'x-forwarded-port': '8443',
    forwarded: 'for=1.2.3.4;host=evil.example;proto=https',
    'x-forwarded-for': '1.2.3.4',
    'x-real-ip': '1.2.3.4',
    [CLIENT_IP_HEADER]: '9.9.9.9',
    [REQUEST_ID_HEADER]: 'client-chosen-id-123',
  });

  it('replaces forged host, forwarded and client-address headers with the canonical origin and the socket', () => {
    const headers = forged();
    const stamp = stampRequest(headers, '198.51.100.1', { trustProxyHops: 0, canonicalOrigin: 'https://app.afterview.example' });
    expect(stamp.clientIp).toBe('198.51.100.1');
    expect(headers.host).toBe('app.afterview.example');
    expect(headers['x-forwarded-host']).toBe('app.afterview.example');
    expect(headers['x-forwarded-proto']).toBe('https');
    expect(headers['x-forwarded-port']).toBe('443');
    expect(headers.forwarded).toBeUndefined();
    expect(headers['x-real-ip']).toBeUndefined();
    expect(headers['x-forwarded-for']).toBe('198.51.100.1');
    expect(headers[CLIENT_IP_HEADER]).toBe('198.51.100.1');
  });

  it('does not take a request id from a client, but does from a trusted proxy', () => {
    const direct = forged();
    expect(stampRequest(direct, '198.51.100.1', { trustProxyHops: 0 }).requestId).not.toBe('client-chosen-id-123');
    expect(direct[REQUEST_ID_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
    const proxied = forged();
    expect(stampRequest(proxied, '10.0.0.2', { trustProxyHops: 1 }).requestId).toBe('client-chosen-id-123');
  });

  it('in development keeps Host but drops the forwarded host and scheme', () => {
    const headers = forged();
    stampRequest(headers, '127.0.0.1', { trustProxyHops: 0 });
    expect(headers.host).toBe('evil.example');
    expect(headers['x-forwarded-host']).toBeUndefined();
    expect(headers['x-forwarded-proto']).toBeUndefined();
  });
});
