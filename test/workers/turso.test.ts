/** The Worker in workerd over Turso: libSQL over HTTP with `@libsql/client/web`, no D1 binding. */
import { turso } from './drivers';
import { coreFlows } from './flows/core';

const driver = turso();
coreFlows(driver);
