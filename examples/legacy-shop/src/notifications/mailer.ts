import { logger } from '../logger';

export interface Mail {
  to: string;
  subject: string;
  html: string;
}

const MAIL_API = process.env.MAIL_API_URL ?? 'http://localhost:8025/api/send';

export async function sendMail(mail: Mail): Promise<void> {
  const res = await fetch(MAIL_API, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: 'shop@example.com', ...mail }),
  });
  if (!res.ok) {
    logger.warn('Mail API refused message', { status: res.status, to: mail.to });
    throw new Error(`Mail API answered ${res.status}`);
  }
}
