/** Names and values that the credential and the nodes must agree on, defined once. */

/** The credential type's name, as every node asks for it. */
export const CREDENTIAL_TYPE = 'passonaApi';

/** Passona's API, the credential's default Base URL. */
export const PASSONA_API_URL = 'https://passona.co.uk/api/2.0';

/** The header that carries a trigger registration's secret on every call Passona makes. */
export const VERIFICATION_HEADER = 'X-Passona-N8n-Secret';

/** Every team has this contact group; people who text OPTOUT (or STOP) land in it. */
export const OPTOUTS_GROUP_NAME = 'default_optouts';

/** The operations that send SMS (`resource.operation`): each item once, and no advice to run them again. */
export const SENDING_OPERATIONS = ['campaign.create', 'campaign.sendTest'];
