import { createRoute, z } from '@hono/zod-openapi';
import { contactChannels } from '../../../db/schema';
import { IsoDate, ids, participantText } from '../../domain/fields';
import { PageQuery } from '../../lib/pagination';
import { createRouter, IdParam, jsonBody, jsonContent, pageOf, problems, security } from '../shared/openapi';

const tags = ['Employer relations'];
const sharing =
  'Contacts belong to the provider organization: all its handlers, coordinators and admins see them, so the relationship survives staff changes. They are not shared with other providers and not shown to the employer.';

const EmployerContactCreate = z
  .strictObject({
    employerOrganizationId: ids('org'),
    date: IsoDate,
    channel: z.enum(contactChannels),
    outcome: participantText(500).openapi({
      description: 'What came of the contact. Never about a named participant or their health.',
      example: 'Intresserad av en arbetsträningsplats i lagret från mars.',
    }),
    nextStep: participantText(300).optional(),
    nextStepDate: IsoDate.optional(),
  })
  .openapi('EmployerContactCreate');

const EmployerContact = z
  .object({
    id: z.string(),
    providerOrganizationId: z.string(),
    employerOrganizationId: z.string(),
    loggedBy: z.object({ userId: z.string(), name: z.string().nullable() }),
    date: z.string(),
    channel: z.enum(contactChannels),
    outcome: z.string(),
    nextStep: z.string().nullable(),
    nextStepDate: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('EmployerContact');

const ContactPage = pageOf(EmployerContact, 'EmployerContactPage');

export const employerContactsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/employer-contacts',
      tags,
      security,
      summary: 'Log a contact with an employer',
      description: `Handlers, coordinators and admins of a provider organization. ${sharing}`,
      request: { body: jsonBody(EmployerContactCreate) },
      responses: { 201: jsonContent(EmployerContact, 'Logged'), ...problems(403, 422) },
    }),
    async (c) => c.json(await c.var.services.employerContacts.create(c.var.actor, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/employer-contacts',
      tags,
      security,
      summary: 'List the organization’s employer contacts, newest first',
      description: sharing,
      request: {
        query: PageQuery.extend({
          employerOrganizationId: ids('org').optional(),
          userId: ids('usr').optional(),
        }),
      },
      responses: { 200: jsonContent(ContactPage, 'A page'), ...problems(403) },
    }),
    async (c) => c.json(await c.var.services.employerContacts.list(c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}/contacts',
      tags,
      security,
      summary: 'The caller’s organization’s contacts with this employer, newest first',
      description: sharing,
      request: { params: IdParam('org', 'org_01JD3S2Q7ZK4V0X9YB6N5M8T2R'), query: PageQuery },
      responses: { 200: jsonContent(ContactPage, 'A page'), ...problems(403, 404) },
    }),
    async (c) =>
      c.json(
        await c.var.services.employerContacts.forEmployer(
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
        200,
      ),
  );
