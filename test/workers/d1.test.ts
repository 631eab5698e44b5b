/** The Worker in workerd over its D1 binding (wrangler.toml, migrations applied by the setup file). */
import { d1 } from './drivers';
import { batchFlows } from './flows/batches';
import { capacityFlows } from './flows/capacity';
import { coreFlows } from './flows/core';
import { hostileFlows } from './flows/hostile';
import { mailFlows } from './flows/mail';
import { matchingFlows } from './flows/matching';
import { outboxFlows } from './flows/outbox';
import { pageFlows } from './flows/pages';
import { placementFlows } from './flows/placements';
import { reportFlows } from './flows/reports';
import { searchFlows } from './flows/search';

const driver = d1();
coreFlows(driver);
batchFlows(driver);
outboxFlows(driver);
pageFlows(driver);
placementFlows(driver);
reportFlows(driver);
matchingFlows(driver);
mailFlows(driver);
searchFlows(driver);
capacityFlows(driver);
hostileFlows(driver);
