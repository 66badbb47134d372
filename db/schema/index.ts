export * from './auth';
export * from './orgs';
export * from './mail';
export * from './records';
export * from './touches';
export * from './portal';
export * from './notifications';
