// Shapes of the `@azure/functions-core` seam as @azure/functions 4.x uses it (durable-runtime.md §2.2–2.3).
// The real module ships inside the Node worker; only the members the library touches are typed here.
import type { InvocationContext } from "@azure/functions";

/** RPC typed data (the worker's protobuf `TypedData`, as plain JS). */
export interface RpcTypedData {
  string?: string;
  json?: string;
  bytes?: Uint8Array;
  int?: number;
  double?: number;
  http?: RpcHttpData;
}

export interface RpcHttpData {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  body?: RpcTypedData;
  statusCode?: string;
  cookies?: RpcHttpCookie[];
  enableContentNegotiation?: boolean;
}

export interface RpcHttpCookie {
  name: string;
  value: string;
  domain?: { value?: string };
  path?: { value?: string };
  secure?: { value?: boolean };
  httpOnly?: { value?: boolean };
  maxAge?: { value?: number };
}

export interface BindingMetadata {
  type: string;
  direction: "in" | "out" | "inout";
  name?: string;
  [option: string]: unknown;
}

export interface FunctionMetadata {
  name: string;
  bindings: Record<string, BindingMetadata>;
  retryOptions?: unknown;
}

export type FunctionCallback = (...args: unknown[]) => unknown;

export interface RegisteredFunction {
  metadata: FunctionMetadata;
  handler: FunctionCallback;
}

export interface RpcParameterBinding {
  name: string;
  data: RpcTypedData | undefined;
}

export interface CoreInvocationContext {
  invocationId: string;
  metadata: FunctionMetadata;
  state: "preInvocationHooks" | "postInvocationHooks" | "invocation" | undefined;
  request: {
    invocationId: string;
    functionId: string;
    inputData: RpcParameterBinding[];
    triggerMetadata: Record<string, RpcTypedData>;
  };
  log(level: string, category: string, message: string): void;
}

export interface CoreInvocationResponse {
  invocationId: string;
  outputData?: RpcParameterBinding[];
  returnValue?: RpcTypedData | null;
}

export interface InvocationModel {
  getArguments(): Promise<{ context: InvocationContext; inputs: unknown[] }>;
  invokeFunction(context: InvocationContext, inputs: unknown[], handler: FunctionCallback): Promise<unknown>;
  getResponse(context: InvocationContext, result: unknown): Promise<CoreInvocationResponse>;
}

export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreCtx: CoreInvocationContext): InvocationModel;
}

export type HookName = "appStart" | "appTerminate" | "preInvocation" | "postInvocation" | "log";
export type HookCallback = (context: Record<string, unknown>) => unknown;
