// One file per area; each area adds its tables in its own file and one line here.
export * from './core';
export * from './crm';
export * from './knowledge';
export * from './inbox';
export * from './nlu';
