#!/usr/bin/env node
// dist/bundle/ is dist/ bundled by `npm run build` (scripts/bundle.mjs): it starts in two thirds of the time.
import '../dist/bundle/run.js';
