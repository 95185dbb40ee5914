/**
 * Taps on a prompt's buttons and on the keypad, answered FIRST: the callback query is answered
 * (with the text the phone will show) before anything is written, and when Telegram refuses the
 * answer because the query is too old — a tap made while this computer was offline and delivered
 * on reconnect — nothing is written, so a late replay never answers a prompt that opened since.
 * A write refused after the answer (the prompt closed in between) is told in the chat.
 *
 * The tapped message is edited to "<option> — answered from phone" without buttons: from the
 * relay's record when it has one; after a restart, from the message itself, keeping its
 * formatting (its `entities`); an inaccessible message (too old for the bot to read) only loses
 * its buttons, and a tap on a prompt that is no longer open also removes them.
 */
import type { MessageEntity } from 'grammy/types';
import type { PromptInfo } from '../../../contract/bridge.js';
import type { WriteRefusal } from '../prompts/types.js';
import type { RelayHost } from './host.js';
import { clip } from './graphemes.js';
import { dataKey, KEYPAD } from './keyboards.js';
import { refusalText, type Relay } from './relay.js';

/**
 * Answers the tap's callback query with `text`.
 * @returns false when Telegram refused the answer as too old (write nothing), else true.
 */
export type ConfirmTap = (text: string) => Promise<boolean>;

/** The tapped message as the callback query carries it. */
export interface TappedMessage {
  id: number;
  /** Its text and formatting; null when the message is inaccessible (`date` 0). */
  text: string | null;
  entities: MessageEntity[];
}

/** Text shown for a tap on a prompt that is no longer open. */
export const STALE_PROMPT = 'This prompt is no longer open.';
/** Text shown for a tap whose session is gone. */
export const SESSION_GONE = 'That session is gone.';

const removeKeyboard = (relay: Relay, messageId: number): void =>
  relay.editWith('buttons not removed', (api, chatId) =>
    api.editMessageReplyMarkup(chatId, messageId, { reply_markup: { inline_keyboard: [] } }),
  );

/** The edit of a message whose record was lost: its own text and entities, plus the answer line. */
function fallbackEdit(relay: Relay, message: TappedMessage, label: string): void {
  if (message.text === null) return removeKeyboard(relay, message.id);
  const base = message.text;
  const shown = clip(label, 100);
  const answerLine = `\n\n✅ ${shown} — answered from phone`;
  const text = base + answerLine;
  const entities: MessageEntity[] = [
    ...message.entities.filter((e) => e.offset + e.length <= base.length),
    { type: 'bold', offset: base.length + 4, length: shown.length },
  ];
  relay.editWith('message not edited', (api, chatId) =>
    api.editMessageText(chatId, message.id, text, {
      entities,
      link_preview_options: { is_disabled: true },
      reply_markup: { inline_keyboard: [] },
    }),
  );
}

/**
 * A tap on an option (`option` ≥ 0) or on Esc (`option` null) of a prompt message: checks the
 * prompt is still the open one, answers the tap, then writes through the host.
 */
export async function tapPrompt(
  relay: Relay,
  host: RelayHost,
  promptKey: string,
  option: number | null,
  message: TappedMessage | null,
  confirm: ConfirmTap,
  log: (message: string) => void,
): Promise<void> {
  const { record, session } = relay.lookupPrompt(promptKey);
  const prompt: PromptInfo | null = session ? host.openPrompt(session.id) : null;
  const chosen = option === null ? null : prompt?.options[option];
  const open =
    record?.status !== 'answered' &&
    session !== null &&
    prompt !== null &&
    dataKey(prompt.id) === promptKey &&
    (option === null || chosen !== undefined);
  if (!open || !session || !prompt) {
    await confirm(STALE_PROMPT);
    if (!record && message) removeKeyboard(relay, message.id);
    return;
  }
  const label = chosen ? chosen.label.replace(/\s+/g, ' ').trim() : 'Esc';
  if (!(await confirm(`Sent: ${label}`))) {
    log('a tap arrived after its answer window (late delivery); nothing was typed');
    return;
  }
  const refusal: WriteRefusal | null = await (option === null
    ? host.sendKeys(session.id, '\x1b', prompt.id)
    : host.answerPrompt(session.id, prompt.id, option));
  if (refusal) {
    relay.say(`Not typed: ${refusalText(refusal)}`);
    return;
  }
  relay.markAnswered(
    promptKey,
    prompt,
    label,
    message?.id ?? null,
    message ? () => fallbackEdit(relay, message, label) : null,
  );
}

/** A keypad tap: answers it, then writes the key's bytes into the session (not bound to a prompt). */
export async function tapKey(
  relay: Relay,
  host: RelayHost,
  sessionKey: string,
  keyName: string,
  confirm: ConfirmTap,
  log: (message: string) => void,
): Promise<void> {
  const session = relay.sessionByKey(sessionKey);
  const key = KEYPAD.find((k) => k.name === keyName);
  if (!session || !key) {
    await confirm(SESSION_GONE);
    return;
  }
  if (!(await confirm(`Sent ${key.label} to ${session.name}`))) {
    log('a keypad tap arrived after its answer window (late delivery); nothing was typed');
    return;
  }
  const refusal = await host.sendKeys(session.id, key.keys, null);
  if (refusal) {
    relay.say(`Not typed: ${refusalText(refusal)}`);
    return;
  }
  relay.setTarget(session.id);
}
