/** The Worker in workerd over its D1 binding (wrangler.toml, migrations applied by the setup file). */
import { d1 } from './drivers';
import { coreFlows } from './flows/core';

const driver = d1();
coreFlows(driver);
