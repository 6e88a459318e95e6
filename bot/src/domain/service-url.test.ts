import { describe, expect, it } from 'vitest';
import { isBotFrameworkServiceUrl } from './service-url.js';

const strict = { allowLoopback: false };
const local = { allowLoopback: true };

describe('a Bot Framework service URL', () => {
  it('is a Teams connector host of a Microsoft cloud, over https', () => {
    for (const url of [
      'https://smba.trafficmanager.net/amer/',
      'https://smba.trafficmanager.net/teams/',
      'https://SMBA.trafficmanager.net/emea/',
      'https://smba.infra.gcc.teams.microsoft.com/teams',
      'https://smba.infra.gov.teams.microsoft.us/teams',
      'https://smba.infra.dod.teams.microsoft.us/teams',
      'https://smba.trafficmanager.net:443/amer/',
    ]) {
      expect(isBotFrameworkServiceUrl(url, strict), url).toBe(true);
    }
  });

  it('is a host of the Bot Framework service domains (public and US government clouds)', () => {
    for (const url of [
      'https://webchat.botframework.com/',
      'https://europe.webchat.botframework.com/',
      'https://directline.botframework.us/',
      'https://webchat.botframework.azure.us/',
    ]) {
      expect(isBotFrameworkServiceUrl(url, strict), url).toBe(true);
    }
  });

  it('is never a look-alike of those hosts', () => {
    for (const url of [
      'https://attacker.example/amer/',
      'https://smba.trafficmanager.net.evil.com/amer/',
      'https://smba.trafficmanager.net./amer/',
      'https://evil-smba.trafficmanager.net/amer/',
      'https://other.trafficmanager.net/amer/',
      'https://evilbotframework.com/',
      'https://botframework.com.evil.com/',
      'https://webchat.botframework.us.evil.com/',
      'https://smba.infra.gcc.teams.microsoft.com.evil.com/teams',
      'https://teams.microsoft.com/',
      'https://smba.trafficmanager.net@evil.com/amer/',
      'https://user:pass@smba.trafficmanager.net/amer/',
    ]) {
      expect(isBotFrameworkServiceUrl(url, strict), url).toBe(false);
    }
  });

  it('is https on the default port only: http:// or another port on a real host is refused', () => {
    expect(isBotFrameworkServiceUrl('http://smba.trafficmanager.net/amer/', strict)).toBe(false);
    expect(isBotFrameworkServiceUrl('http://smba.trafficmanager.net/amer/', local)).toBe(false);
    expect(isBotFrameworkServiceUrl('https://smba.trafficmanager.net:8443/amer/', strict)).toBe(false);
    expect(isBotFrameworkServiceUrl('wss://webchat.botframework.com/', strict)).toBe(false);
  });

  it('is loopback (the Agents Playground) only when loopback is allowed', () => {
    for (const url of ['http://localhost:56150/', 'http://127.0.0.1:56150', 'https://[::1]:3000/']) {
      expect(isBotFrameworkServiceUrl(url, local), url).toBe(true);
      expect(isBotFrameworkServiceUrl(url, strict), url).toBe(false);
    }
    expect(isBotFrameworkServiceUrl('http://localhost.evil.com:56150/', local)).toBe(false);
    expect(isBotFrameworkServiceUrl('ftp://localhost/', local)).toBe(false);
  });

  it('is refused when it is not a URL at all', () => {
    for (const url of [
      undefined,
      null,
      '',
      'smba.trafficmanager.net',
      42,
      'https://',
      `https://${'a'.repeat(3000)}`,
    ]) {
      expect(isBotFrameworkServiceUrl(url, local)).toBe(false);
    }
  });
});
