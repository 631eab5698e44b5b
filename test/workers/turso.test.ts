/** The Worker in workerd over Turso: libSQL over HTTP with `@libsql/client/web`, no D1 binding. */
import { turso } from './drivers';
import { batchFlows } from './flows/batches';
import { coreFlows } from './flows/core';
import { mailFlows } from './flows/mail';
import { matchingFlows } from './flows/matching';
import { outboxFlows } from './flows/outbox';
import { pageFlows } from './flows/pages';
import { placementFlows } from './flows/placements';
import { reportFlows } from './flows/reports';
import { searchFlows } from './flows/search';

const driver = turso();
coreFlows(driver);
batchFlows(driver);
outboxFlows(driver);
pageFlows(driver);
placementFlows(driver);
reportFlows(driver);
matchingFlows(driver);
mailFlows(driver);
searchFlows(driver);
