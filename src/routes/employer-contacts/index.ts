import { createRoute, z } from '@hono/zod-openapi';
import { contactChannels } from '../../../db/schema';
import { PageQuery } from '../../lib/pagination';
import { EmployerContactCreate, EmployerContactListQuery } from '../../services/employer-contacts';
import { createRouter, IdParam, jsonBody, jsonContent, pageOf, problems, security } from '../shared/openapi';

const tags = ['Employer relations'];
const sharing =
  'Contacts belong to the provider organization: all its handlers, coordinators and admins see them, so the relationship survives staff changes. They are not shared with other providers and not shown to the employer.';

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
        query: PageQuery.extend(EmployerContactListQuery.shape),
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
