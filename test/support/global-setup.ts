/**
 * Vitest global setup: makes sure the real agent CLIs the tests run are installed in test/agents
 * (scripts/install-test-agents.mjs; a no-op without network once they are there).
 * @throws Error when the install fails, so the run stops with a clear cause.
 */
import { installTestAgents } from '../../scripts/install-test-agents.mjs';

export default function setup(): void {
  if (!installTestAgents()) {
    throw new Error(
      'Could not install the agent CLIs in test/agents: run `npm run agents:install` and read its output.',
    );
  }
}
