import { ApiClient } from './client';
import { createApi } from './endpoints';

export * from './client';
export * from './types';
export { createApi } from './endpoints';
export type { Api } from './endpoints';

/** The app's one client: same origin as the page, base path /api/v1. */
export const apiClient = new ApiClient();
export const api = createApi(apiClient);
