/** The 404 and error pages, in the same frame as every page; never a stack trace. */
import type { Context } from 'hono';
import type { PageEnv } from './env';
import { render } from './ui/layout';

function message(c: Context<PageEnv>, title: string, text: string, status: 400 | 403 | 404 | 409 | 500) {
  return render(
    c,
    { title, status },
    <>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href="/">{c.var.t.errors.toStart}</a>
      </p>
    </>,
  );
}

export const notFoundPage = (c: Context<PageEnv>) =>
  message(c, c.var.t.errors.notFoundTitle, c.var.t.errors.notFoundText, 404);

export const forbiddenPage = (c: Context<PageEnv>) =>
  message(c, c.var.t.errors.forbiddenTitle, c.var.t.errors.forbiddenText, 403);

export const csrfPage = (c: Context<PageEnv>) =>
  message(c, c.var.t.errors.csrfTitle, c.var.t.errors.csrfText, 403);

export const errorPage = (c: Context<PageEnv>) =>
  message(c, c.var.t.errors.errorTitle, c.var.t.errors.errorText(c.var.requestId), 500);

/** A service refused the request (a conflict, a rule) and no form handled it: its reason, plainly. */
export const refusedPage = (c: Context<PageEnv>, detail: string) =>
  message(c, c.var.t.errors.refusedTitle, detail, 409);
