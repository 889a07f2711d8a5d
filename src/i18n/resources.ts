// Every namespace in both languages, bundled so the page needs no network to translate.
import { app as en_app } from './en/app';
import { app as ja_app } from './ja/app';
import { knobs as en_knobs } from './en/knobs';
import { knobs as ja_knobs } from './ja/knobs';
import { answer as en_answer } from './en/answer';
import { answer as ja_answer } from './ja/answer';
import { io as en_io } from './en/io';
import { io as ja_io } from './ja/io';
import { ensemble as en_ensemble } from './en/ensemble';
import { ensemble as ja_ensemble } from './ja/ensemble';
import { charts as en_charts } from './en/charts';
import { charts as ja_charts } from './ja/charts';
import { imports as en_imports } from './en/imports';
import { imports as ja_imports } from './ja/imports';
import { map as en_map } from './en/map';
import { map as ja_map } from './ja/map';
import { page as en_page } from './en/page';
import { page as ja_page } from './ja/page';
import { views as en_views } from './en/views';
import { views as ja_views } from './ja/views';

export const NAMESPACES = ['app', 'knobs', 'answer', 'io', 'ensemble', 'charts', 'imports', 'map', 'page', 'views'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const en = {
  app: en_app,
  knobs: en_knobs,
  answer: en_answer,
  io: en_io,
  ensemble: en_ensemble,
  charts: en_charts,
  imports: en_imports,
  map: en_map,
  page: en_page,
  views: en_views,
} as const;
export const ja = {
  app: ja_app,
  knobs: ja_knobs,
  answer: ja_answer,
  io: ja_io,
  ensemble: ja_ensemble,
  charts: ja_charts,
  imports: ja_imports,
  map: ja_map,
  page: ja_page,
  views: ja_views,
} satisfies Record<Namespace, Record<string, string>>;
export const resources = { en, ja };
