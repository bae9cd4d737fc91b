/**
 * The channel id of SMS through /api/sms. It picks the SMS row of the capability table and
 * the `sms` wording, and prefixes the state keys. Azure Bot Service's own SMS channel
 * sends the same id through /api/messages, so both get the same rendering.
 */
export const SMS_CHANNEL = 'sms';
