// Lets Node (tsx) load `file.wgsl?raw` imports the way Vite does: as the file's text.
import { register } from 'node:module';

register('./rawImportHooks.mjs', import.meta.url);
