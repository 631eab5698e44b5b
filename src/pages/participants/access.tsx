/**
 * On the handler's participant page: the participant's own way in. Access codes (create, print with
 * a QR code, revoke), the corrections the participant made, their weekly check-ins, and their
 * requests for an export or erasure with the handler's confirm and decline.
 */
import type { Context } from 'hono';
import type { Window } from '../../../db/schema';
import type { Services } from '../../services';
import type { PageEnv } from '../env';
import { Csrf, TextField } from '../ui/form';
import { dateOf, scheduleText } from '../ui/format';
import { render } from '../ui/layout';
import { QrCode } from '../ui/qr';

type Access = Awaited<ReturnType<Services['participantAccess']['forHandler']>>;
type Issued = Awaited<ReturnType<Services['participantAccess']['codes']['issue']>>;

function valueText(c: Context<PageEnv>, field: string, value: unknown) {
  if (!Array.isArray(value)) return '–';
  if (field === 'availability') return scheduleText(c.var.t, value as Window[]);
  return value.join(', ') || '–';
}

export function AccessSection(props: { c: Context<PageEnv>; participantId: string; a: Access }) {
  const { c, participantId, a } = props;
  const all = c.var.t;
  const t = all.me.access;
  const labels = { ...all.participants, availability: all.participants.availability };
  const base = `/participants/${participantId}`;
  return (
    <>
      <section class="card" aria-labelledby="access">
        <h2 id="access">{t.heading}</h2>
        <p>{t.intro}</p>
        {a.codes.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <div class="grid-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.created}</th>
                  <th scope="col">{t.expires}</th>
                  <th scope="col">{t.lastUsed}</th>
                  <th scope="col">{t.status}</th>
                </tr>
              </thead>
              <tbody>
                {a.codes.map((k) => (
                  <tr>
                    <td>{dateOf(k.createdAt)}</td>
                    <td>{dateOf(k.expiresAt)}</td>
                    <td>{dateOf(k.lastUsedAt)}</td>
                    <td>
                      {t.statuses[k.status]}
                      {k.status === 'active' && (
                        <form method="post" action={`${base}/access-codes/${k.id}/revoke`} class="inline">
                          <Csrf token={c.var.csrfToken} />
                          <button type="submit" class="link" aria-label={t.revokeLabel(dateOf(k.createdAt))}>
                            {t.revoke}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form method="post" action={`${base}/access-codes`} novalidate>
          <Csrf token={c.var.csrfToken} />
          <TextField
            name="validDays"
            type="number"
            inputmode="numeric"
            label={t.validDays}
            hint={t.validDaysHint}
            value="14"
            min={1}
            max={90}
          />
          <button type="submit">{t.create}</button>
        </form>
      </section>
      <section class="card" aria-labelledby="own-changes">
        <h2 id="own-changes">{t.changesHeading}</h2>
        {a.changes.length === 0 ? (
          <p>{t.changesNone}</p>
        ) : (
          <ul>
            {a.changes.flatMap((ch) =>
              ch.changes.map((x) => (
                <li>
                  {`${dateOf(ch.at)}: ${t.changed(labels[x.field])}. ${t.from}: ${valueText(c, x.field, x.before)}. ${t.to}: ${valueText(c, x.field, x.after)}.`}
                </li>
              )),
            )}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="own-weeks">
        <h2 id="own-weeks">{t.checkInsHeading}</h2>
        {a.checkIns.length === 0 ? (
          <p>{t.checkInsNone}</p>
        ) : (
          <ul>
            {a.checkIns.map((w) => (
              <li>{`${all.me.weekOf(w.weekStart)}: ${all.me.ratings[w.rating] ?? w.rating}${w.note ? ` – ${w.note}` : ''}`}</li>
            ))}
          </ul>
        )}
      </section>
      {a.requests.length > 0 && (
        <section class="card" aria-labelledby="own-requests">
          <h2 id="own-requests">{t.requestsHeading}</h2>
          <ul class="plain">
            {a.requests.map((r) => (
              <li>
                {`${dateOf(r.requestedAt)}: ${t.requestKinds[r.kind]} – ${t.requestStatuses[r.status]}`}
                {r.status === 'pending' && (
                  <div class="actions">
                    {(['confirm', 'decline'] as const).map((verb) => (
                      <form method="post" action={`${base}/requests/${r.id}/${verb}`} class="inline">
                        <Csrf token={c.var.csrfToken} />
                        <button type="submit" class={verb === 'decline' ? 'secondary' : undefined}>
                          {`${t[verb]}: ${t.requestKinds[r.kind]}`}
                        </button>
                      </form>
                    ))}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/**
 * The new code, shown once: big, with a QR code that opens the sign-in with the code filled in. The
 * printed link is the public address (PUBLIC_BASE_URL), not the one this request came in on: behind a
 * proxy or on a handler's laptop that address would not open on the participant's phone.
 */
export function accessCodePage(
  c: Context<PageEnv>,
  reference: string,
  participantId: string,
  issued: Issued,
) {
  const t = c.var.t.me.access;
  const signIn = `${c.var.publicBaseUrl}/me/sign-in`;
  return render(
    c,
    { title: t.codeTitle },
    <>
      <h1>{t.codeTitle}</h1>
      <p class="no-print">{`${c.var.t.participants.detailTitle(reference)}. ${t.codeIntro}`}</p>
      <p class="code-big">{issued.code}</p>
      <p>{t.codeValid(dateOf(issued.expiresAt))}</p>
      <p>{t.codeHow(signIn)}</p>
      <div class="qr">
        <QrCode text={`${signIn}?code=${issued.code}`} label={t.qrLabel} />
      </div>
      <p class="no-print">
        <a href={`/participants/${participantId}`}>{t.back}</a>
      </p>
    </>,
  );
}
