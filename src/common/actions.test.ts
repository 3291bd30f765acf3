import { describe, expect, it } from 'vitest';
import {
  AlsoToMain,
  AlsoToOneContent,
  BroadcastToContent,
  CONTENT,
  MAIN,
  OnlyToMain,
  OnlyToOneContent,
  ac,
  action,
  actionUtils,
  isActionType,
} from './actions';

const ping = action('NEW_TAB_STATE_REQUEST', undefined);

describe('routing creators', () => {
  it('AlsoToMain runs locally and goes to main; OnlyToMain skips the local reducer', () => {
    expect(AlsoToMain(ping).meta).toEqual({ from: CONTENT, to: MAIN });
    expect(AlsoToMain(ping, 'port-1').meta).toEqual({ from: CONTENT, to: MAIN, fromTarget: 'port-1' });
    expect(OnlyToMain(ping).meta).toEqual({ from: CONTENT, to: MAIN, skipLocal: true });
  });

  it('BroadcastToContent reaches every page; AlsoToOneContent one page', () => {
    const b = BroadcastToContent(ping);
    expect(actionUtils.isBroadcastToContent(b)).toBe(true);
    expect(actionUtils.isSendToOneContent(b)).toBe(false);
    const one = AlsoToOneContent(ping, 'p2');
    expect(one.meta).toEqual({ from: MAIN, to: CONTENT, toTarget: 'p2' });
    expect(actionUtils.isSendToOneContent(one)).toBe(true);
    expect(OnlyToOneContent(ping, 'p2').meta?.skipMain).toBe(true);
  });

  it('AlsoToOneContent refuses an action without a target', () => {
    expect(() => AlsoToOneContent(ping, '')).toThrow(/no target port/);
  });

  it('routing does not mutate the original action', () => {
    const original = action('SET_PREF', { name: 'showSearch', value: false });
    AlsoToMain(original, 'x');
    expect(original).not.toHaveProperty('meta');
  });

  it('creators say what happened and route it to the background', () => {
    const e = ac.UserEvent({ event: 'SEARCH' });
    expect(e).toMatchObject({ type: 'TELEMETRY_USER_EVENT', data: { event: 'SEARCH' } });
    expect(actionUtils.isSendToMain(e)).toBe(true);
    expect(ac.PerfData({ topsites_pinned: 1 }).meta?.skipLocal).toBe(true);
    expect(ac.SetPref('topSitesRows', 2)).toMatchObject({ data: { name: 'topSitesRows', value: 2 } });
  });

  it('knows its own vocabulary', () => {
    expect(isActionType('PREF_CHANGED')).toBe(true);
    expect(isActionType('DROP_TABLES')).toBe(false);
    expect(isActionType(7)).toBe(false);
    expect(actionUtils.getPortIdOfSender(AlsoToMain(ping, 'p9'))).toBe('p9');
    expect(actionUtils.getPortIdOfSender(ping)).toBeNull();
  });
});
