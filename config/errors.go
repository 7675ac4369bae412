package config

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// FieldError is one mistake in a config file, located by line and field.
type FieldError struct {
	File  string
	Line  int    // 0 when the field is absent from the file
	Field string // dotted path, e.g. feeds[2].schedule
	Msg   string
}

// Error formats the mistake as file:line: field: message.
func (e FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Warn locates a warning about field, as file:line: field: message, for a
// value that is valid but will likely not work as meant.
func (c *Config) Warn(field, format string, args ...any) FieldError {
	return FieldError{File: c.File, Line: lineOf(c.lines, field), Field: field, Msg: "warning: " + fmt.Sprintf(format, args...)}
}

// Errors is every mistake found in one file; Load returns all of them at once
// so an admin fixes the file in one pass.
type Errors []FieldError

// Error lists the mistakes, one a line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// byLine orders the mistakes as they appear in the file, so the list reads
// top to bottom like the file; mistakes about keys the file does not have
// (line 0) come last.
func (es Errors) byLine() Errors {
	slices.SortStableFunc(es, func(a, b FieldError) int {
		if (a.Line == 0) != (b.Line == 0) {
			return cmp.Compare(b.Line, a.Line) // the one with a line first
		}
		return cmp.Compare(a.Line, b.Line)
	})
	return es
}
