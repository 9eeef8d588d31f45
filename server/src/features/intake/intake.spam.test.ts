import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signupCaller, type TestApp } from '../../test/factories.js';

let t: TestApp;
let slug: string;

beforeAll(async () => {
  t = await makeTestApp();
  const owner = await signupCaller(t.app, 'Spam Target');
  slug = (await owner.req('GET', '/api/v1/auth/session')).json().workspace.slug;
});
afterAll(() => t?.close());

describe('public intake spam protection', () => {
  it('answers 429 when one address submits more than 20 times a minute', async () => {
    const payload = { name: 'Bot', email: 'bot@spam.example', answers: {}, website: 'http://spam.example' };
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) codes.push((await t.app.inject({ method: 'POST', url: `/api/public/intake/${slug}`, payload, remoteAddress: '203.0.113.9' })).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 201)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    const other = await t.app.inject({ method: 'POST', url: `/api/public/intake/${slug}`, payload, remoteAddress: '203.0.113.10' });
    expect(other.statusCode).toBe(201);
  });
});
