/** The calendar date in Sweden for an instant: "today" for the engine, which never reads a clock. */
const stockholmDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export const swedishDate = (isoInstant: string) => stockholmDate.format(new Date(isoInstant));
