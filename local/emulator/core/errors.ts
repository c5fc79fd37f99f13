// The error body both ARM and Key Vault use: `{"error":{"code","message"}}` (reference §5.14, §7.1).
import type { EmulatorResponse } from "../types.js";

export interface ErrorDetail {
  code: string;
  message: string;
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  options: { headers?: Record<string, string>; details?: ErrorDetail[] } = {},
): EmulatorResponse {
  const error = options.details ? { code, message, details: options.details } : { code, message };
  return { status, ...(options.headers ? { headers: options.headers } : {}), body: { error } };
}
