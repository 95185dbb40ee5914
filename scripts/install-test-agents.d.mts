/** True when every pinned agent CLI of test/agents is installed at its pinned version. */
export function testAgentsInstalled(): boolean;
/** Runs `npm ci` in test/agents when needed; true when the CLIs are installed afterwards. */
export function installTestAgents(options?: { quiet?: boolean }): boolean;
