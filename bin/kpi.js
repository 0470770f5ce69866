#!/usr/bin/env node
// dist/bundle/ is dist/ bundled by `npm run build` (scripts/bundle.mjs): a run loads 48 files instead of 216.
import '../dist/bundle/run.js';
