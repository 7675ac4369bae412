package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// TokenEnv is the environment variable that fills telegram.token when the
// file leaves it empty, so the secret never has to be written in the file.
const TokenEnv = "TELEGRAM_BOT_TOKEN"

// Options tunes Load.
type Options struct {
	// LookupEnv resolves ${VAR}; os.LookupEnv when nil.
	LookupEnv func(string) (string, bool)
	// CheckSchedule validates a feed or edition schedule; the scheduler
	// supplies it so that the config never disagrees with cron.
	CheckSchedule func(spec string) error
}

// Load reads, expands and validates the config file at path.
func Load(path string, opts Options) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("config path %s: %w", path, err)
	}
	return Parse(data, abs, opts)
}

// Parse loads a config from data as if read from file (an absolute path that
// relative paths resolve against).
func Parse(data []byte, file string, opts Options) (*Config, error) {
	if opts.LookupEnv == nil {
		opts.LookupEnv = osLookup
	}
	cfg := Default()
	cfg.File = file
	lines := map[string]int{}
	cfg.lines = lines
	var errs Errors

	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, Errors{yamlError(file, err)}
	}
	if len(doc.Content) > 0 {
		root := doc.Content[0]
		if root.Kind != yaml.MappingNode {
			return nil, Errors{{File: file, Line: root.Line, Msg: "the config must be a mapping of keys (telegram:, feeds:, ...)"}}
		}
		errs = append(errs, walk(file, root, reflect.TypeOf(*cfg), "", lines, opts.LookupEnv)...)
		if err := root.Decode(cfg); err != nil {
			var te *yaml.TypeError
			if !errors.As(err, &te) {
				return nil, Errors{yamlError(file, err)}
			}
			for _, m := range te.Errors {
				errs = append(errs, typeError(file, m, lines))
			}
		}
	}
	if cfg.Telegram.Token == "" {
		cfg.Telegram.Token, _ = opts.LookupEnv(TokenEnv)
	}
	cfg.applyDefaults()
	cfg.resolvePaths(filepath.Dir(file))
	errs = append(errs, cfg.validate(file, lines, opts)...)
	if len(errs) > 0 {
		return nil, errs.byLine()
	}
	return cfg, nil
}

var lineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlError turns a yaml.v3 syntax error into a located FieldError.
func yamlError(file string, err error) FieldError {
	msg := err.Error()
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return FieldError{File: file, Line: n, Msg: m[2]}
	}
	return FieldError{File: file, Msg: strings.TrimPrefix(msg, "yaml: ")}
}

// typeError locates a yaml.v3 type error and names the field at that line.
func typeError(file, msg string, lines map[string]int) FieldError {
	m := lineRE.FindStringSubmatch(msg)
	if m == nil {
		return FieldError{File: file, Msg: msg}
	}
	n, _ := strconv.Atoi(m[1])
	field := ""
	for path, l := range lines {
		// The deepest path on that line is the field that failed.
		if l == n && len(path) > len(field) {
			field = path
		}
	}
	text := m[2]
	if strings.HasPrefix(text, "cannot unmarshal") {
		text = strings.Replace(text, "cannot unmarshal", "wrong type:", 1)
	}
	return FieldError{File: file, Line: n, Field: field, Msg: text}
}

// walk records the line of every field, reports keys the Config does not
// have, and expands ${ENV} in scalar values in place. Expanding here, on the
// parsed tree, keeps a value that expands to several lines or to YAML syntax
// from shifting or breaking the rest of the file.
func walk(file string, n *yaml.Node, t reflect.Type, path string, lines map[string]int, lookup func(string) (string, bool)) Errors {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if path != "" {
		lines[path] = n.Line
	}
	var errs Errors
	switch n.Kind {
	case yaml.ScalarNode:
		if v := expandEnv(n.Value, lookup); v != n.Value {
			n.Value = v
			if t.Kind() != reflect.String {
				// "${ADMIN_ID}" must be quoted in YAML flow syntax; let the
				// expanded text resolve as an int, bool... again.
				n.Tag, n.Style = "", 0
			}
		}
	case yaml.MappingNode:
		if t.Kind() != reflect.Struct {
			return nil // decode reports the type mismatch
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := k.Value
			if path != "" {
				p = path + "." + k.Value
			}
			f, ok := fields[k.Value]
			if !ok {
				errs = append(errs, FieldError{File: file, Line: k.Line, Field: p, Msg: fmt.Sprintf("unknown key %q%s", k.Value, suggest(k.Value, fields))})
				continue
			}
			errs = append(errs, walk(file, v, f, p, lines, lookup)...)
		}
	case yaml.SequenceNode:
		if t.Kind() != reflect.Slice {
			return nil
		}
		for i, c := range n.Content {
			errs = append(errs, walk(file, c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), lines, lookup)...)
		}
	}
	return errs
}

// yamlFields maps the yaml names of t's fields to their types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		m[name] = f.Type
	}
	return m
}

// suggest names a known key close to an unknown one (a typo).
func suggest(key string, fields map[string]reflect.Type) string {
	best, bestD := "", 3
	for name := range fields {
		if d := distance(key, name); d < bestD || (d == bestD && name < best) {
			best, bestD = name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the Levenshtein distance of two short ASCII keys.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
