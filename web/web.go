// Package web holds gloss's editor: plain HTML, CSS and JavaScript modules,
// no build step, embedded into the binary.
//
// index.html is the app (hash routes #/ and #/articles/ID), login.html and
// setup.html the two pages before it. The JavaScript tests (*.test.mjs, run
// with `node --test web/js/`) stay out of the binary.
package web

import "embed"

// FS is the editor's files, rooted at this directory: index.html,
// login.html, setup.html, css/*.css and js/*.js.
//
//go:embed index.html login.html setup.html favicon.svg css/*.css js/*.js
var FS embed.FS
