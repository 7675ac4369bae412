package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// ErrNoSuchFeed is returned by RemoveFeed when no feed has the given name.
var ErrNoSuchFeed = errors.New("no such feed")

// editMu serialises edits so that two admin commands arriving together
// cannot each read the file and overwrite the other's change.
var editMu sync.Mutex

// AddFeed appends f to the feeds: list of the config file at path. The file
// is edited as text at the position the YAML parser reports, so comments,
// blank lines and key order survive; the new entry copies the style (block
// or flow) and indentation of its neighbours. Empty fields are omitted, so
// an entry without a schedule takes the default. The edited file must pass
// Parse (with opts, when given) or nothing is written: a config.Errors is
// returned instead.
func AddFeed(path string, f Feed, opts ...Options) error {
	return edit(path, opts, func(data []byte) ([]byte, error) { return addFeed(data, f) })
}

// RemoveFeed deletes the feed named name from the config file at path,
// keeping everything else as it was. It returns ErrNoSuchFeed when no feed
// has that name; like AddFeed it never writes a file Parse refuses.
func RemoveFeed(path, name string, opts ...Options) error {
	return edit(path, opts, func(data []byte) ([]byte, error) { return removeFeed(data, name) })
}

// edit reads the file, applies change, validates and atomically replaces it.
func edit(path string, opts []Options, change func([]byte) ([]byte, error)) error {
	editMu.Lock()
	defer editMu.Unlock()
	// Write through a symlink (a config kept in a dotfiles repo, say) rather
	// than replace the link with a regular file.
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("edit config: %w", err)
	}
	data, err := os.ReadFile(real)
	if err != nil {
		return fmt.Errorf("edit config: %w", err)
	}
	out, err := change(data)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("edit config: %w", err)
	}
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	if _, err := Parse(out, abs, o); err != nil {
		return err
	}
	return writeAtomic(real, out)
}

// writeAtomic replaces path with data via a temporary file in the same
// folder and a rename, so a reader (the daemon's file watcher) sees either
// the old file or the new one, never half of it. The file mode is kept.
func writeAtomic(path string, data []byte) (err error) {
	mode := os.FileMode(0o600)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	return nil
}

// doc is a parsed config file with its text split in lines, each keeping its
// line ending.
type doc struct {
	root  *yaml.Node // the top-level mapping; nil for an empty file
	lines []string
	nl    string // the file's line ending
}

func parseDoc(data []byte) (*doc, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, fmt.Errorf("edit config: %w", err)
	}
	d := &doc{nl: "\n"}
	if bytes.Contains(data, []byte("\r\n")) {
		d.nl = "\r\n"
	}
	d.lines = strings.SplitAfter(string(data), "\n")
	if d.lines[len(d.lines)-1] == "" {
		d.lines = d.lines[:len(d.lines)-1]
	}
	if len(n.Content) > 0 {
		if n.Content[0].Kind != yaml.MappingNode {
			return nil, errors.New("edit config: the file is not a mapping of keys")
		}
		d.root = n.Content[0]
	}
	return d, nil
}

func (d *doc) bytes() []byte { return []byte(strings.Join(d.lines, "")) }

// feeds returns the feeds: key and value nodes, or nils when absent.
func (d *doc) feeds() (key, val *yaml.Node) {
	if d.root == nil {
		return nil, nil
	}
	for i := 0; i+1 < len(d.root.Content); i += 2 {
		if d.root.Content[i].Value == "feeds" {
			return d.root.Content[i], d.root.Content[i+1]
		}
	}
	return nil, nil
}

// insert puts text (whole lines) after line n (1-based; 0 inserts first).
func (d *doc) insert(n int, text []string) {
	if n > 0 && !strings.HasSuffix(d.lines[n-1], "\n") {
		d.lines[n-1] += d.nl
	}
	for i := range text {
		text[i] += d.nl
	}
	d.lines = append(d.lines[:n], append(text, d.lines[n:]...)...)
}

func addFeed(data []byte, f Feed) ([]byte, error) {
	d, err := parseDoc(data)
	if err != nil {
		return nil, err
	}
	key, seq := d.feeds()
	switch {
	case key == nil:
		// No feeds: key yet: a new block at the end of the file, at the
		// indentation of the other top-level keys.
		ind := 0
		if d.root != nil {
			ind = d.root.Column - 1
		}
		d.insert(len(d.lines), append([]string{strings.Repeat(" ", ind) + "feeds:"}, blockEntry(f, ind+2, ind+4)...))
		return d.bytes(), nil
	case seq.Kind == yaml.ScalarNode && seq.Tag == "!!null" && seq.Value == "" && keyLineEndsAtColon(d, key):
		// "feeds:" with nothing after it.
		ind := key.Column - 1 + 2
		d.insert(key.Line, blockEntry(f, ind, ind+2))
		return d.bytes(), nil
	case seq.Kind == yaml.SequenceNode && seq.Style&yaml.FlowStyle != 0 && len(seq.Content) == 0:
		// "feeds: []": drop the brackets and start a block list.
		line := d.lines[key.Line-1]
		if i := strings.Index(line, "[]"); i > 0 && seq.Line == key.Line {
			d.lines[key.Line-1] = strings.TrimRight(line[:i], " ") + line[i+2:]
			ind := key.Column - 1 + 2
			d.insert(key.Line, blockEntry(f, ind, ind+2))
			return d.bytes(), nil
		}
	case seq.Kind == yaml.SequenceNode && seq.Style&yaml.FlowStyle == 0 && len(seq.Content) > 0:
		if text, after, ok := d.entryLike(seq, f); ok {
			d.insert(after, text)
			return d.bytes(), nil
		}
	case seq.Kind != yaml.SequenceNode:
		return nil, fmt.Errorf("edit config: line %d: feeds is not a list", seq.Line)
	}
	// An unusual layout (a flow list of feeds, say): edit the tree and
	// re-encode it. Comments survive, blank lines do not.
	return d.reencode(func() error {
		if seq.Kind != yaml.SequenceNode {
			*seq = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		}
		var n yaml.Node
		if err := n.Encode(entryValue(f)); err != nil {
			return err
		}
		seq.Content = append(seq.Content, &n)
		return nil
	})
}

// entryLike renders f in the style of the list's last entry and returns the
// lines and the line to insert after.
func (d *doc) entryLike(seq *yaml.Node, f Feed) (text []string, after int, ok bool) {
	last := seq.Content[len(seq.Content)-1]
	dash, ok := d.dashColumn(last)
	if !ok {
		return nil, 0, false
	}
	end, ok := d.endLine(last)
	if !ok {
		return nil, 0, false
	}
	if last.Kind == yaml.MappingNode && last.Style&yaml.FlowStyle != 0 {
		return []string{strings.Repeat(" ", dash) + "- " + flowEntry(f)}, end, true
	}
	keyCol := last.Column - 1
	if last.Kind != yaml.MappingNode || keyCol <= dash {
		keyCol = dash + 2
	}
	return blockEntry(f, dash, keyCol), end, true
}

// dashColumn finds the 0-based column of the "- " that introduces item.
func (d *doc) dashColumn(item *yaml.Node) (int, bool) {
	if item.Line < 1 || item.Line > len(d.lines) {
		return 0, false
	}
	line := d.lines[item.Line-1]
	i := item.Column - 2
	for i >= 0 && i < len(line) && line[i] == ' ' {
		i--
	}
	if i < 0 || i >= len(line) || line[i] != '-' || strings.TrimSpace(line[:i]) != "" {
		return 0, false
	}
	return i, true
}

// endLine is the last line (1-based) holding any part of item.
func (d *doc) endLine(item *yaml.Node) (int, bool) {
	end := item.Line
	var visit func(n *yaml.Node) bool
	visit = func(n *yaml.Node) bool {
		if n.Line > end {
			end = n.Line
		}
		switch {
		case n.Kind == yaml.ScalarNode && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
			return false // block scalars: their extent is not worth guessing
		case n.Kind == yaml.ScalarNode && strings.Contains(n.Value, "\n"):
			return false
		case (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && n.Style&yaml.FlowStyle != 0:
			l, ok := d.closingLine(n)
			if !ok {
				return false
			}
			end = max(end, l)
			return true
		}
		for _, c := range n.Content {
			if !visit(c) {
				return false
			}
		}
		return true
	}
	if !visit(item) {
		return 0, false
	}
	return end, true
}

// closingLine finds the line of the bracket closing the flow collection
// that opens at n's position, skipping quoted text and comments.
func (d *doc) closingLine(n *yaml.Node) (int, bool) {
	depth := 0
	for l := n.Line; l <= len(d.lines); l++ {
		line := []rune(d.lines[l-1])
		start := 0
		if l == n.Line {
			start = n.Column - 1
		}
		var quote rune
		for i := start; i < len(line); i++ {
			c := line[i]
			switch {
			case quote != 0:
				if c == '\\' && quote == '"' {
					i++
				} else if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '#' && (i == 0 || line[i-1] == ' '):
				i = len(line)
			case c == '[' || c == '{':
				depth++
			case c == ']' || c == '}':
				if depth--; depth == 0 {
					return l, true
				}
			}
		}
	}
	return 0, false
}

func keyLineEndsAtColon(d *doc, key *yaml.Node) bool {
	line := d.lines[key.Line-1]
	if i := strings.Index(line, " #"); i >= 0 {
		line = line[:i]
	}
	return strings.HasSuffix(strings.TrimSpace(line), ":")
}

// fields lists f's non-empty keys in the order the example config uses.
func fields(f Feed, flow bool) [][2]string {
	scalar := func(s string) string { return scalar(s, flow) }
	list := func(ss []string) string { return list(ss, flow) }
	kv := [][2]string{{"name", scalar(f.Name)}, {"url", scalar(f.URL)}, {"topics", list(f.Topics)}}
	lang := f.Language
	if lang == "" {
		lang = DefaultLanguage
	}
	kv = append(kv, [2]string{"language", scalar(lang)})
	if f.Schedule != "" {
		kv = append(kv, [2]string{"schedule", strconv.Quote(f.Schedule)})
	}
	if f.Urgent {
		kv = append(kv, [2]string{"urgent", "true"})
	}
	if len(f.Include) > 0 {
		kv = append(kv, [2]string{"include", list(f.Include)})
	}
	if len(f.Exclude) > 0 {
		kv = append(kv, [2]string{"exclude", list(f.Exclude)})
	}
	if f.Backlog != "" {
		kv = append(kv, [2]string{"backlog", scalar(f.Backlog)})
	}
	if f.Outlet != "" {
		kv = append(kv, [2]string{"outlet", scalar(f.Outlet)})
	}
	return kv
}

// blockEntry renders "- name: ..." with the dash at column dash and the keys
// at column key.
func blockEntry(f Feed, dash, key int) []string {
	var out []string
	for i, kv := range fields(f, false) {
		prefix := strings.Repeat(" ", key)
		if i == 0 {
			prefix = strings.Repeat(" ", dash) + "-" + strings.Repeat(" ", key-dash-1)
		}
		out = append(out, prefix+kv[0]+": "+kv[1])
	}
	return out
}

func flowEntry(f Feed) string {
	var parts []string
	for _, kv := range fields(f, true) {
		parts = append(parts, kv[0]+": "+kv[1])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// entryValue is f as a YAML value for re-encoding, with the same keys.
func entryValue(f Feed) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, kv := range fields(f, true) {
		var v yaml.Node
		_ = yaml.Unmarshal([]byte(kv[1]), &v)
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: kv[0]}, v.Content[0])
	}
	return m
}

// plainRE matches strings safe to write unquoted in a block mapping: no
// indicator first, no ", " "[]{}" "#" or ": " inside, no ':' last. In flow context (inside
// [] or {}) libyaml also stops at ':', so flowPlainRE is stricter.
var (
	plainRE     = regexp.MustCompile(`^[\p{L}\p{N}_/.](?:[\p{L}\p{N}_/.:%?=&+~@-]*[\p{L}\p{N}_/.%?=&+~@-])?$`)
	flowPlainRE = regexp.MustCompile(`^[\p{L}\p{N}_/.][\p{L}\p{N}_/.-]*$`)
)

var reserved = map[string]bool{"true": true, "false": true, "null": true, "yes": true, "no": true, "on": true, "off": true, "y": true, "n": true}

// scalar writes s as a YAML string: plain when that reads back as the same
// string, double-quoted otherwise.
func scalar(s string, flow bool) string {
	s = strings.ToValidUTF8(s, "\uFFFD") // YAML strings are text, not bytes
	re := plainRE
	if flow {
		re = flowPlainRE
	}
	if re.MatchString(s) && !reserved[strings.ToLower(s)] {
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return s
		}
	}
	return strconv.Quote(s) // Go's escapes are a subset of YAML's double-quoted ones
}

// list writes a flow sequence of strings.
func list(ss []string, _ bool) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = scalar(s, true)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// reencode applies change to the tree and writes the whole file anew.
func (d *doc) reencode(change func() error) ([]byte, error) {
	if err := change(); err != nil {
		return nil, fmt.Errorf("edit config: %w", err)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{d.root}}); err != nil {
		return nil, fmt.Errorf("edit config: %w", err)
	}
	return buf.Bytes(), nil
}

func removeFeed(data []byte, name string) ([]byte, error) {
	d, err := parseDoc(data)
	if err != nil {
		return nil, err
	}
	key, seq := d.feeds()
	if key == nil || seq.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%w: %q", ErrNoSuchFeed, name)
	}
	idx := -1
	for i, item := range seq.Content {
		if item.Kind != yaml.MappingNode {
			continue
		}
		for j := 0; j+1 < len(item.Content); j += 2 {
			if item.Content[j].Value == "name" && item.Content[j+1].Value == name {
				idx = i
			}
		}
	}
	if idx < 0 {
		return nil, fmt.Errorf("%w: %q", ErrNoSuchFeed, name)
	}
	item := seq.Content[idx]
	if seq.Style&yaml.FlowStyle == 0 {
		dash, okDash := d.dashColumn(item)
		end, okEnd := d.endLine(item)
		if okDash && okEnd && item.Line <= end {
			start := d.headComment(item.Line, dash)
			d.lines = append(d.lines[:start-1], d.lines[end:]...)
			if len(seq.Content) == 1 && keyLineEndsAtColon(d, key) {
				// The list is now empty: say so rather than leave a null.
				line := d.lines[key.Line-1]
				body := strings.TrimRight(line, "\r\n")
				d.lines[key.Line-1] = strings.Replace(body, "feeds:", "feeds: []", 1) + line[len(body):]
			}
			return d.bytes(), nil
		}
	}
	return d.reencode(func() error {
		seq.Content = append(seq.Content[:idx], seq.Content[idx+1:]...)
		return nil
	})
}

// headComment returns the first line of the comment block directly above
// line (no blank line between) written at the entry's own indentation: it
// describes the entry and goes with it. A comment indented differently, or
// set apart by a blank line, is a section heading and stays.
func (d *doc) headComment(line, dash int) int {
	start := line
	for l := line - 1; l >= 1; l-- {
		text := strings.TrimRight(d.lines[l-1], "\r\n")
		if !strings.HasPrefix(text, strings.Repeat(" ", dash)+"#") {
			break
		}
		start = l
	}
	return start
}
