/** Names and values that the credential and the nodes must agree on, defined once. */

/** The credential type's name, as every node asks for it. */
export const CREDENTIAL_TYPE = 'passonaApi';

/** Passona's API, the credential's default Base URL. */
export const PASSONA_API_URL = 'https://passona.co.uk/api/2.0';

/** The header that carries a trigger registration's secret on every call Passona makes. */
export const VERIFICATION_HEADER = 'X-Passona-N8n-Secret';

/** What the node shows in place of a secret: a token Passona echoed, a webhook's trigger secret. */
export const HIDDEN = '[hidden]';

/** Every team has this contact group; people who text OPTOUT (or STOP) land in it. */
export const OPTOUTS_GROUP_NAME = 'default_optouts';

/**
 * What Passona's nodes do, as n8n's node panel shows it. One text for Passona and Passona
 * Trigger: n8n lists them as one app ("What happens next?" included) under the trigger's
 * description, so both must say what the app does, sending first.
 */
export const PASSONA_DESCRIPTION =
	'Send SMS with Passona (one SMS to one number, or campaigns to contact groups), manage contacts, keywords and templates, and start workflows from inbound SMS';

/**
 * The user-facing documentation: the package's README on npm. n8n's node settings open a node's
 * own documentationUrl as it is; a codex link gets a query added after its #, losing the anchor.
 */
export const DOCS_URL = 'https://www.npmjs.com/package/n8n-nodes-passona';

/** The operations that send SMS (`resource.operation`): each item once, and no advice to run them again. */
export const SENDING_OPERATIONS = ['campaign.create', 'campaign.sendTest'];

/** The longest a 429's Retry-After the node waits out (Laravel's window is a minute; an hour's would fail the item). */
export const MAX_RATE_LIMIT_WAIT_MS = 5 * 60_000;
