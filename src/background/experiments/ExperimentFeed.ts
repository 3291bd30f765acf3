// Connects the experiment manager to the store: evaluation at start, on the
// schedule and when a pref it reads changes; its events and enrollment
// changes become actions (telemetry builds the pings and keeps every ping's
// `experiments` current); the settings page lists active experiments, leaves
// one, and (admin, for testing) forces a branch.
import { action, actionUtils, BroadcastToContent, OnlyToOneContent, type Action } from '../../common/actions';
import type { ExperimentEventData } from '../../common/experiments/types';
import type { Feed, FeedStore } from '../feeds/Feed';
import type { ExperimentManager } from './ExperimentManager';

/** Prefs that change which recipes apply. */
export const EXPERIMENT_PREFS: ReadonlySet<string> = new Set(['studies.enabled', 'experiments.collection', 'messaging.remoteServer']);

export class ExperimentFeed implements Feed {
  readonly name = 'ExperimentFeed';
  private store: FeedStore | null = null;
  private readonly unsent: Action[] = [];
  private readonly settingsPages = new Set<string>();

  constructor(private readonly manager: ExperimentManager) {}

  /** The manager's event, sent now or once the store exists. */
  report(event: ExperimentEventData): void {
    this.dispatch(action('EXPERIMENT_EVENT', event));
  }

  /** The active enrollments changed. */
  changed(active: Record<string, { branch: string }>): void {
    this.dispatch(action('EXPERIMENTS_UPDATED', active));
  }

  /** Evaluates the recipes, then tells open settings pages what is active and known. */
  async refresh(): Promise<void> {
    await this.manager.update();
    this.dispatch(BroadcastToContent(action('EXPERIMENTS_STATE', this.manager.list())));
  }

  async onAction(a: Action, store: FeedStore): Promise<void> {
    if (!this.store) {
      this.store = store;
      for (const held of this.unsent.splice(0)) store.dispatch(held);
    }
    const portId = actionUtils.getPortIdOfSender(a);
    switch (a.type) {
      case 'INIT':
        return this.refresh();
      case 'PREF_CHANGED':
        if (EXPERIMENT_PREFS.has(a.data.name)) return this.refresh();
        return;
      case 'NEW_TAB_INIT':
        if (a.data.page === 'about:preferences') this.settingsPages.add(a.data.portId);
        return;
      case 'NEW_TAB_UNLOAD':
        this.settingsPages.delete(a.data.portId);
        return;
      case 'EXPERIMENTS_REQUEST':
      case 'EXPERIMENTS_LEAVE':
      case 'EXPERIMENTS_FORCE':
        if (portId === null || !this.settingsPages.has(portId)) return;
        if (a.type === 'EXPERIMENTS_LEAVE') await this.manager.leave(a.data.slug);
        if (a.type === 'EXPERIMENTS_FORCE') await this.manager.force(a.data.slug, a.data.branch);
        store.dispatch(OnlyToOneContent(action('EXPERIMENTS_STATE', this.manager.list()), portId));
    }
  }

  private dispatch(a: Action): void {
    if (this.store) this.store.dispatch(a);
    else this.unsent.push(a);
  }
}
