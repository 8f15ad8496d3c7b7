/**
 * How the Hotspots view arranges the server's hotspots: filtered by text, sorted, and grouped by concern, folder
 * or plan step. Pure functions of the items, so that the arrangement is tested without an editor.
 */
import type { Concern, HotspotItem } from '../../../server/src/shared/protocol';

export type HotspotGrouping = 'concern' | 'folder' | 'step';
export type HotspotSort = 'score' | 'sites' | 'path';

export const GROUPINGS: readonly HotspotGrouping[] = ['concern', 'folder', 'step'];
export const SORTS: readonly HotspotSort[] = ['score', 'sites', 'path'];

export interface HotspotGroup {
  /** Stable within a grouping: the concern, the folder path or the step id. */
  key: string;
  label: string;
  description: string;
  /** Set when grouping by concern: the module's sites under this group are those of the concern. */
  concern?: Concern;
  items: HotspotItem[];
}

export const CONCERN_LABELS: Record<Concern, string> = {
  orm: 'ORM',
  routing: 'Routing',
  queue: 'Job queues',
  session: 'Session state',
};

/** The group of modules outside every plan step, when grouping by step. */
export const NO_STEP = '(no step)';

/** The group of coupled test code, last in every grouping: it is not ranked among the hotspots. */
export const TESTS = '(tests)';

/**
 * Whether an item matches a filter text: every space-separated word must occur, case-insensitively, in the
 * module's path, one of its concerns or frameworks, or its step id.
 */
export function matchesFilter(item: HotspotItem, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    item.path,
    ...item.coupling.filter((c) => c.sites > 0).flatMap((c) => [c.concern, ...c.frameworks]),
    item.step?.id ?? '',
  ]
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

function sitesIn(item: HotspotItem, concern: Concern | undefined): number {
  if (!concern) return item.sites;
  return item.coupling.find((c) => c.concern === concern)?.sites ?? 0;
}

/** Sorts a copy: by score (then rank), by sites (of the concern when there is one), or by path; ties by path. */
export function sortHotspots(items: readonly HotspotItem[], sort: HotspotSort, concern?: Concern): HotspotItem[] {
  const byPath = (a: HotspotItem, b: HotspotItem) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const compare: Record<HotspotSort, (a: HotspotItem, b: HotspotItem) => number> = {
    score: (a, b) => b.score - a.score || a.rank - b.rank || byPath(a, b),
    sites: (a, b) => sitesIn(b, concern) - sitesIn(a, concern) || byPath(a, b),
    path: byPath,
  };
  return [...items].sort(compare[sort]);
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '.' : path.slice(0, slash);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Groups the items that match the filter. Concern groups keep the concerns' order (a module coupled to two
 * concerns is in both); folder and step groups come in the order of their first module under the sort, so the
 * most painful group leads when sorting by score. Test code comes last, in a group of its own.
 */
export function groupHotspots(
  items: readonly HotspotItem[],
  grouping: HotspotGrouping,
  sort: HotspotSort,
  filter: string,
  concerns: readonly Concern[] = ['orm', 'routing', 'queue', 'session'],
): HotspotGroup[] {
  const matching = items.filter((item) => matchesFilter(item, filter));
  const tests = sortHotspots(matching.filter((item) => item.test), sort);
  const groups = groupRanked(matching.filter((item) => !item.test), grouping, sort, concerns);
  if (tests.length) {
    const sites = tests.reduce((sum, item) => sum + item.sites, 0);
    groups.push({ key: TESTS, label: 'Test code (not ranked)', description: `${plural(tests.length, 'module')} · ${plural(sites, 'site')}`, items: tests });
  }
  return groups;
}

function groupRanked(shown: readonly HotspotItem[], grouping: HotspotGrouping, sort: HotspotSort, concerns: readonly Concern[]): HotspotGroup[] {
  if (grouping === 'concern') {
    return concerns
      .map((concern) => {
        const members = sortHotspots(
          shown.filter((item) => sitesIn(item, concern) > 0),
          sort,
          concern,
        );
        const sites = members.reduce((sum, item) => sum + sitesIn(item, concern), 0);
        return { key: concern, label: CONCERN_LABELS[concern], description: `${plural(members.length, 'module')} · ${plural(sites, 'site')}`, concern, items: members };
      })
      .filter((group) => group.items.length > 0);
  }
  const groups = new Map<string, HotspotGroup>();
  for (const item of sortHotspots(shown, sort)) {
    const key = grouping === 'folder' ? folderOf(item.path) : (item.step?.id ?? NO_STEP);
    let group = groups.get(key);
    if (!group) {
      const label = grouping === 'folder' ? key : (item.step?.title ?? 'Not covered by a plan step');
      group = { key, label, description: '', items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  const ordered = [...groups.values()];
  if (grouping === 'folder' && sort === 'path') ordered.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // Modules outside every step are the rest of the work, whatever their score: they go last.
  if (grouping === 'step') ordered.sort((a, b) => Number(a.key === NO_STEP) - Number(b.key === NO_STEP));
  for (const group of ordered) {
    const step = group.items[0].step;
    const count = plural(group.items.length, 'module');
    group.description = grouping === 'step' && step ? `${step.id} · ${step.state} · ${count}` : count;
  }
  return ordered;
}
