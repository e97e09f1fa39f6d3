/** The account mails (plain text). `webAppUrl` is where the links point: the web app handles each path. */
export interface MailContent {
  kind: string;
  subject: string;
  text: string;
}

const link = (webAppUrl: string, path: string, token?: string) => {
  const url = new URL(path, webAppUrl);
  if (token) url.searchParams.set('token', token);
  return url.toString();
};

export const mails = {
  verifyEmail: (webAppUrl: string, handle: string, token: string, hours: number): MailContent => ({
    kind: 'verify_email',
    subject: 'Confirm your email address',
    text: `Hi ${handle},

confirm the email address of your Startales account by opening this link (valid for ${hours} hours):

${link(webAppUrl, '/verify-email', token)}

If you did not create a Startales account, ignore this message.
`,
  }),

  duplicateRegistration: (webAppUrl: string, handle: string): MailContent => ({
    kind: 'duplicate_registration',
    subject: 'Someone tried to create an account with your email',
    text: `Hi ${handle},

someone (maybe you) tried to create a new Startales account with this email address. You already have an
account, so nothing was created.

Forgot your password? Reset it here: ${link(webAppUrl, '/forgot-password')}

If it was not you, you can ignore this message.
`,
  }),

  resetPassword: (webAppUrl: string, handle: string, token: string, minutes: number): MailContent => ({
    kind: 'reset_password',
    subject: 'Reset your Startales password',
    text: `Hi ${handle},

choose a new password by opening this link (valid for ${minutes} minutes, once):

${link(webAppUrl, '/reset-password', token)}

If you did not ask for this, ignore this message: your password stays as it is.
`,
  }),

  passwordChanged: (webAppUrl: string, handle: string): MailContent => ({
    kind: 'password_changed',
    subject: 'Your Startales password was changed',
    text: `Hi ${handle},

the password of your Startales account was just changed, and every session was signed out.

If this was not you, reset your password now: ${link(webAppUrl, '/forgot-password')}
`,
  }),
};
