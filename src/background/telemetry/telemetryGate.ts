// Whether telemetry may be sent: the telemetry pref AND, in Firefox, the
// optional `technicalAndInteraction` data-collection permission. The last
// state is stored, so a change made while the background was asleep is still
// seen as a change (and an opt-out still sends its deletion request).
import type { KeyValueStorage } from '../storage';

export const GATE_KEY = 'telemetry.enabled';

export type GateChange = 'opened' | 'closed' | null;

export class TelemetryGate {
  private pref = false;
  private permitted = false;
  private wasOpen = false;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly log: Pick<Console, 'error'> = console,
  ) {}

  get open(): boolean {
    return this.pref && this.permitted;
  }

  /** Reads the last stored state, then applies the current inputs. */
  async load(inputs: { pref: boolean; permitted: boolean }): Promise<GateChange> {
    try {
      this.wasOpen = (await this.storage.get<boolean>(GATE_KEY)) === true;
    } catch (error) {
      this.log.error('TelemetryGate: could not read the last state', error);
    }
    return this.update(inputs);
  }

  /** Applies a new pref value and/or permission state; says whether the gate opened or closed. */
  async update(inputs: { pref?: boolean; permitted?: boolean }): Promise<GateChange> {
    if (inputs.pref !== undefined) this.pref = inputs.pref;
    if (inputs.permitted !== undefined) this.permitted = inputs.permitted;
    const open = this.open;
    if (open === this.wasOpen) return null;
    this.wasOpen = open;
    try {
      await this.storage.set(GATE_KEY, open);
    } catch (error) {
      this.log.error('TelemetryGate: could not save the state', error);
    }
    return open ? 'opened' : 'closed';
  }
}
