#!/usr/bin/env node
console.log("ocop-connect CLI: coming soon");
