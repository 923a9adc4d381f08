/** The text formats fairwatch.yaml uses for names, URLs and addresses. */

import type { TextFormat } from './configFields.js';
import type { ListenAddress } from './serviceConfig.js';

const NAME = /^[A-Za-z0-9_.-]+$/;

/** Names of models, SLOs and receivers: safe in URLs, metric labels and file names. */
export const NAME_FORMAT: TextFormat = {
  test: (text) => NAME.test(text),
  description: 'a name of letters, digits, `_`, `.` and `-`',
};

/** `&` joins the attributes of an intersection, so an attribute's name cannot contain one. */
export const ATTRIBUTE_FORMAT: TextFormat = {
  test: (text) => !text.includes('&'),
  description: 'an attribute name without `&` (it joins the attributes of an intersection)',
};

const HTTP_URL = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i;

export const HTTP_URL_FORMAT: TextFormat = {
  test: (text) => HTTP_URL.test(text),
  description: 'an http:// or https:// URL',
};

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const ENV_NAME_FORMAT: TextFormat = {
  test: (text) => ENV_NAME.test(text),
  description: 'an environment variable name (letters, digits and `_`, not starting with a digit)',
};

const BRACKETED_LISTEN = /^\[([0-9A-Fa-f:.]+)\]:(\d{1,5})$/;
const PLAIN_LISTEN = /^([^\s:[\]/]+):(\d{1,5})$/;

/** `127.0.0.1:8080`, `localhost:80` or `[::1]:8080`; null when `text` is none of these. */
export function parseListenAddress(text: string): ListenAddress | null {
  const match = BRACKETED_LISTEN.exec(text) ?? PLAIN_LISTEN.exec(text);
  if (match === null) return null;
  const [, host = '', digits = ''] = match;
  const port = Number(digits);
  return port <= 65_535 ? { host, port } : null;
}

export const LISTEN_FORMAT: TextFormat = {
  test: (text) => parseListenAddress(text) !== null,
  description: 'host:port with a port up to 65535, such as 127.0.0.1:8080 or [::1]:8080',
};
