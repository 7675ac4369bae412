package config

import (
	"os"
	"strings"
)

// expandEnv replaces ${VAR} and ${VAR:-default} in s. A bare $ or $VAR is
// left alone: feed URLs and keywords may legitimately contain dollars.
func expandEnv(s string, lookup func(string) (string, bool)) string {
	if !strings.Contains(s, "${") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		expr := s[i+2 : i+j]
		name, def, hasDef := strings.Cut(expr, ":-")
		v, ok := lookup(name)
		if (!ok || v == "") && hasDef {
			v = def
		}
		b.WriteString(v)
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

func osLookup(name string) (string, bool) { return os.LookupEnv(name) }
