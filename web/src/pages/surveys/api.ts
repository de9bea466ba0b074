// The survey pages use the app's API client (session and CSRF token).
export { ApiError } from '../../api';
export { useApi as useApiSafe } from '../../auth/AuthContext';
