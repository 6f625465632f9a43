/**
 * DingTalk's robot OpenAPI over plain fetch: the app's access token (cached until shortly before
 * it expires), a group message by openConversationId, a 1:1 message to staff ids, and a reply to
 * a message's sessionWebhook. A refusal is an Error with DingTalk's code and message. The
 * access token goes only to DingTalk's origins and the configured API's (scheme, host and port).
 */

/** A robot message as DingTalk's templates take it: `sampleMarkdown` with a title and markdown text. */
export interface Markdown {
  title: string;
  text: string;
  /** Staff ids @-mentioned (the text must hold `@staffId` too). */
  atUserIds?: string[];
}

/** DingTalk's own origins: the OpenAPI, and the older host its sessionWebhooks are on. */
const DINGTALK_ORIGINS = ['https://api.dingtalk.com', 'https://oapi.dingtalk.com'];

/** Renew the token this long before DingTalk says it expires. */
const EARLY_MS = 5 * 60_000;

export class DingtalkApi {
  private token?: { value: string; expires: number };
  private pending?: Promise<string>;

  constructor(
    private readonly base: string,
    private readonly appKey: string,
    private readonly appSecret: string,
    private readonly robotCode: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The app's access token, fetched once and shared until it nearly expires. */
  accessToken(): Promise<string> {
    if (this.token && this.token.expires > this.now()) return Promise.resolve(this.token.value);
    this.pending ??= this.post('/v1.0/oauth2/accessToken', { appKey: this.appKey, appSecret: this.appSecret }, false)
      .then((body) => {
        const { accessToken, expireIn } = body as { accessToken?: string; expireIn?: number };
        if (!accessToken) throw new Error('DingTalk gave no access token');
        this.token = { value: accessToken, expires: this.now() + (expireIn ?? 7200) * 1000 - EARLY_MS };
        return accessToken;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** Post to a group the robot is in. */
  async sendToGroup(openConversationId: string, message: Markdown): Promise<void> {
    await this.post('/v1.0/robot/groupMessages/send', { ...this.template(message), openConversationId });
  }

  /** Post to people one by one (a 1:1 chat with the robot each). */
  async sendToUsers(userIds: string[], message: Markdown): Promise<void> {
    const body = (await this.post('/v1.0/robot/oToMessages/batchSend', { ...this.template(message), userIds })) as {
      invalidStaffIdList?: string[];
      flowControlledStaffIdList?: string[];
    };
    const missed = [...(body.invalidStaffIdList ?? []), ...(body.flowControlledStaffIdList ?? [])];
    if (missed.length) throw new Error(`DingTalk did not deliver to ${missed.join(', ')}`);
  }

  /**
   * Whether a sessionWebhook is on DingTalk's origin or the configured API's — scheme, host and
   * port alike — and so may be given the access token.
   */
  trusts(sessionWebhook: string): boolean {
    const origin = URL.canParse(sessionWebhook) ? new URL(sessionWebhook).origin : '';
    return origin === new URL(this.base).origin || DINGTALK_ORIGINS.includes(origin);
  }

  /** Answer a message through the sessionWebhook it came with; one {@link trusts} refuses is not posted to. */
  async reply(sessionWebhook: string, message: Markdown): Promise<void> {
    if (!this.trusts(sessionWebhook)) throw new Error('the sessionWebhook is not on DingTalk’s origin');
    const res = await fetch(sessionWebhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': await this.accessToken() },
      body: JSON.stringify({
        msgtype: 'markdown',
        markdown: { title: message.title, text: message.text },
        at: { atUserIds: message.atUserIds ?? [], isAtAll: false },
      }),
    });
    const body = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
    if (!res.ok || (body.errcode ?? 0) !== 0)
      throw new Error(`DingTalk refused the reply: ${body.errcode ?? res.status} ${body.errmsg ?? ''}`.trim());
  }

  private template(message: Markdown) {
    return {
      robotCode: this.robotCode,
      msgKey: 'sampleMarkdown',
      msgParam: JSON.stringify({ title: message.title, text: message.text }),
    };
  }

  private async post(path: string, body: unknown, authorized = true): Promise<unknown> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorized) headers['x-acs-dingtalk-access-token'] = await this.accessToken();
    const res = await fetch(`${this.base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const out = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    if (!res.ok) throw new Error(`DingTalk ${path} failed: ${out.code ?? res.status} ${out.message ?? ''}`.trim());
    return out;
  }
}
