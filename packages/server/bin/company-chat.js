#!/usr/bin/env node
// The `company-chat` command. A committed file rather than dist/cli.js itself, so that installing the
// workspace can link the command before anything is built.
import '../dist/cli.js';
