import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { localEndpoint } from "@rujuk/core/aws-local";
import type { EmailSender } from "@rujuk/core/email";

/**
 * Sends through the SESv2 API. The same client works against SES and against aws-ses-v2-local; only the endpoint
 * differs. Give the client `maxAttempts: 1` when `sendWithRetry` does the retrying, or the two retry loops multiply.
 */
export function sesEmailSender(client: SESv2Client, from: string): EmailSender {
  return {
    async send(message) {
      if (message.to.length === 0) return;
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: message.to },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: "UTF-8" },
              Body: { Text: { Data: message.text, Charset: "UTF-8" } },
            },
          },
        }),
      );
    },
  };
}

/**
 * The SESv2 client, in AWS and locally alike; only the endpoint differs (see core's aws-local.ts). The SDK's own
 * retries are off (`maxAttempts: 1`): `sendWithRetry` retries, and counts the attempts it records.
 */
export function createSesClient(config: { endpoint?: string | undefined; region?: string | undefined } = {}) {
  return new SESv2Client({
    region: config.region ?? process.env.AWS_REGION ?? "ap-southeast-3",
    maxAttempts: 1,
    ...localEndpoint(config.endpoint),
  });
}
