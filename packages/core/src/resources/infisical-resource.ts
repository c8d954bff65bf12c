import type { InfisicalClient } from '../infisical/infisical-client.js';
import type { ResourceAddress, ResourceKind } from './infisical-resource-uri.js';

/** What a resource reader gets: Infisical authenticated for this read, and cancellation. */
export interface ResourceReadContext {
  infisical: InfisicalClient;
  signal: AbortSignal;
  /** Which kinds of resource this server serves, so contents link only to readable URIs. */
  serves(kind: ResourceKind): boolean;
}

/**
 * One kind of resource as data: how clients discover it and how it is read. A kind is served
 * only when the server also serves `servedWithTool`, the read tool that returns the same data,
 * so read-only mode, toolsets and allow-lists narrow resources exactly as they narrow tools.
 */
export interface InfisicalResourceKind<K extends ResourceKind = ResourceKind> {
  kind: K;
  servedWithTool: string;
  /** The fixed URI, or the RFC 6570 template, clients see in resources/list or templates/list. */
  uri?: string;
  uriTemplate?: string;
  name: string;
  title: string;
  description: string;
  read(
    address: Extract<ResourceAddress, { kind: K }>,
    context: ResourceReadContext,
  ): Promise<Record<string, unknown>>;
}

/** Any one of the kinds, each with its own address type. */
export type AnyResourceKind = { [K in ResourceKind]: InfisicalResourceKind<K> }[ResourceKind];

/** Reads an address with its kind; the caller found the kind by `address.kind`. */
export function readAddress(
  kind: AnyResourceKind,
  address: ResourceAddress,
  context: ResourceReadContext,
): Promise<Record<string, unknown>> {
  return (kind as InfisicalResourceKind).read(address as never, context);
}

/** Thrown by a reader when the address is well formed but names nothing. */
export class ResourceNotFoundError extends Error {
  override readonly name = 'ResourceNotFoundError';
}
