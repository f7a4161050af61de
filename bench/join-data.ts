/** The H2O join data set a benchmark run needs: the four files' paths and sizes, generated first when any is missing. */

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultOutDir } from '../datasets/h2o.js';
import { generateH2OJoin, h2oJoinNames, JOIN_TABLES, type JoinTableName } from '../datasets/h2o-join.js';

/** One table of the set on disk. */
export interface JoinFile {
  /** The data set name, `J1_1e6_NA_0_0` for `x`. */
  name: string;
  path: string;
  bytes: number;
}

/** The four files, and whether this call wrote them. */
export interface JoinData {
  rows: number;
  files: Record<JoinTableName, JoinFile>;
  generated: boolean;
}

/**
 * The join data set of `rows` left rows (default seed) in `dir`, generating all four files when
 * any is missing, as the groupby benchmark does with its one file.
 *
 * @example
 * const data = await ensureJoinData(1e6);
 * data.files.x.path; // '<root>/datasets/out/J1_1e6_NA_0_0.csv'
 */
export async function ensureJoinData(rows: number, dir: string = defaultOutDir()): Promise<JoinData> {
  const names = h2oJoinNames(rows);
  const path = (t: JoinTableName): string => resolve(dir, `${names[t]}.csv`);
  const generated = !JOIN_TABLES.every((t) => existsSync(path(t)));
  if (generated) await generateH2OJoin({ rows, dir });
  const files = {} as Record<JoinTableName, JoinFile>;
  for (const t of JOIN_TABLES) files[t] = { name: names[t], path: path(t), bytes: statSync(path(t)).size };
  return { rows, files, generated };
}
