/**
 * How the Inventory view arranges routes and queues: routes under the first segment of their path, queues by
 * name with their producers, consumers and schedules. Pure functions, tested without an editor.
 */
import type { QueueItem, RouteItem } from '../../../server/src/shared/protocol';

export interface RouteGroup {
  /** `/api`, `/health`; `/` for the root route; `{expr}` for a path the analysis could not read. */
  prefix: string;
  routes: RouteItem[];
}

export interface QueueGroup {
  name: string;
  frameworks: string[];
  entries: QueueItem[];
}

/** The first segment of a route path: `/api/users/:id` → `/api`, `/` → `/`. */
export function routePrefix(path: string): string {
  if (!path.startsWith('/')) return path;
  const segment = path.split('/').find(Boolean);
  return segment ? `/${segment}` : '/';
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Items by key, in the order each key first occurs. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** Routes grouped by prefix; groups and routes sorted by path, then method. */
export function groupRoutes(routes: readonly RouteItem[]): RouteGroup[] {
  return [...groupBy(routes, (route) => routePrefix(route.path)).entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([prefix, members]) => ({
      prefix,
      routes: members.sort((a, b) => compareText(a.path, b.path) || compareText(a.method, b.method)),
    }));
}

const ROLE_ORDER: readonly QueueItem['role'][] = ['definition', 'producer', 'consumer', 'schedule'];

/** Queues grouped by name; within a queue the definition first, then producers, consumers and schedules. */
export function groupQueues(queues: readonly QueueItem[]): QueueGroup[] {
  return [...groupBy(queues, (queue) => queue.name).entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, entries]) => ({
      name,
      frameworks: [...new Set(entries.map((entry) => entry.framework))].sort(),
      entries: entries.sort(
        (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || compareText(a.uri, b.uri) || a.line - b.line,
      ),
    }));
}

/** `2 producers, 1 consumer, 1 schedule`: the roles a queue has, counted. */
export function roleSummary(entries: readonly QueueItem[]): string {
  return ROLE_ORDER.map((role) => [role, entries.filter((entry) => entry.role === role).length] as const)
    .filter(([, count]) => count > 0)
    .map(([role, count]) => `${count} ${role}${count === 1 ? '' : 's'}`)
    .join(', ');
}
