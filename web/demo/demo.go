// Package demo embeds the articles `gloss serve --demo` imports, so that a
// newcomer's first look needs nothing but the binary.
// xi-putin-icc.txt must equal testdata/xi-putin-icc.txt byte for byte (a
// test checks): it is the article gloss was designed around.
package demo

import "embed"

// FS holds the demo articles, one .txt file each.
//
//go:embed *.txt
var FS embed.FS
