package model

import "unicode/utf8"

// RuneIndex maps code-point offsets of one text to byte offsets, so that
// many spans can be sliced from a long text without rescanning it.
type RuneIndex struct {
	text  string
	bytes []int // bytes[i] is the byte offset of code point i; nil when the text is ASCII
	n     int
}

// NewRuneIndex indexes text.
func NewRuneIndex(text string) *RuneIndex {
	ri := &RuneIndex{text: text, n: utf8.RuneCountInString(text)}
	if ri.n == len(text) {
		return ri // ASCII: code point i is byte i
	}
	ri.bytes = make([]int, 0, ri.n+1)
	for i := range text {
		ri.bytes = append(ri.bytes, i)
	}
	ri.bytes = append(ri.bytes, len(text))
	return ri
}

// Len returns the number of code points.
func (ri *RuneIndex) Len() int { return ri.n }

// Byte returns the byte offset of code point i, 0 <= i <= Len().
func (ri *RuneIndex) Byte(i int) int {
	if ri.bytes == nil {
		return i
	}
	return ri.bytes[i]
}

// Slice returns the text between code points start and end (exclusive).
// It panics when the offsets are out of range, as slicing does.
func (ri *RuneIndex) Slice(start, end int) string {
	return ri.text[ri.Byte(start):ri.Byte(end)]
}

// Slice returns text[start:end] counted in code points. Use a RuneIndex
// when slicing one text many times.
func Slice(text string, start, end int) string {
	return NewRuneIndex(text).Slice(start, end)
}
