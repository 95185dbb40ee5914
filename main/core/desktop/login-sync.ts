/**
 * Keeps the "Start at login" setting and the OS login item in step without looping. The OS is the
 * truth: what it reports after a change is stored, and a change is applied only when the wanted
 * value differs from the last one asked for, so an OS that keeps disagreeing (macOS 13+ waiting
 * for approval in System Settings, an unpackaged build, a Linux autostart folder that cannot be
 * written) is asked once per user action, not on every core change (a terminal title change fires
 * one). Plain Node, so it is unit-tested without Electron.
 */

/** What the OS says about the login item. */
export interface LoginItemState {
  /** The app starts at login. */
  enabled: boolean;
  /** macOS 13+: registered, but the user must allow it in System Settings › General › Login Items. */
  needsApproval: boolean;
  /** Start at login cannot work in this build (e.g. macOS unpackaged, where it would open bare Electron). */
  unavailable: boolean;
}

/** Reads and writes the OS login item. `write` may throw (e.g. a read-only autostart folder). */
export interface LoginItemPort {
  read(): LoginItemState;
  write(enabled: boolean): void;
}

/** The result of {@link LoginSync.apply}. */
export interface LoginApplyResult {
  /** The value the setting must be corrected to (the OS refused the change), or null to keep it. */
  correctSettingTo: boolean | null;
  /** A message to show the user once (the write threw, or approval is needed), or null. */
  message: string | null;
}

/** The sync state; {@link createLoginSync} makes one. */
export interface LoginSync {
  /** What the OS reported last. */
  state(): LoginItemState;
  /** Applies the wanted setting if it changed since the last call; see {@link LoginApplyResult}. */
  apply(wanted: boolean): LoginApplyResult;
}

const UNKNOWN: LoginItemState = { enabled: false, needsApproval: false, unavailable: false };

/** Creates the sync, reading the OS state once. A throwing `read` counts as "not enabled". */
export function createLoginSync(port: LoginItemPort): LoginSync {
  const read = (): LoginItemState => {
    try {
      return port.read();
    } catch {
      return UNKNOWN;
    }
  };
  let state = read();
  let lastWanted = state.enabled || state.needsApproval;
  return {
    state: () => state,
    apply(wanted) {
      if (wanted === lastWanted) return { correctSettingTo: null, message: null };
      lastWanted = wanted;
      let message: string | null = null;
      if (state.unavailable) {
        message = 'Start at login works only in the installed app.';
      } else {
        try {
          port.write(wanted);
        } catch (err) {
          message = `Start at login could not be changed: ${err instanceof Error ? err.message : String(err)}`;
        }
      }
      state = read();
      if (wanted && state.needsApproval) {
        return {
          correctSettingTo: null,
          message:
            message ??
            'Agent Pager needs your approval to start at login: open System Settings › General › Login Items and allow it.',
        };
      }
      if (state.enabled !== wanted) {
        lastWanted = state.enabled;
        return {
          correctSettingTo: state.enabled,
          message: message ?? 'The system did not accept the change to start at login.',
        };
      }
      return { correctSettingTo: null, message };
    },
  };
}
