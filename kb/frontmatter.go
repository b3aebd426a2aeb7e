package kb

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fmDelim is the line that opens and closes YAML front matter.
const fmDelim = "---"

// problems collects the problems of one file.
type problems struct {
	path string
	list []Problem
}

func (ps *problems) errorf(line int, format string, args ...any) {
	ps.list = append(ps.list, Problem{Path: ps.path, Line: line, Message: fmt.Sprintf(format, args...)})
}

func (ps *problems) warnf(line int, format string, args ...any) {
	ps.list = append(ps.list, Problem{Path: ps.path, Line: line, Message: fmt.Sprintf(format, args...), Warning: true})
}

// hasErrors reports whether any problem is an error, not a warning.
func (ps *problems) hasErrors() bool {
	for _, p := range ps.list {
		if !p.Warning {
			return true
		}
	}
	return false
}

// checkUTF8 reports the line and column of the first byte that is not UTF-8.
func checkUTF8(data []byte, ps *problems) bool {
	if utf8.Valid(data) {
		return true
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			ps.errorf(line, "invalid UTF-8 (byte 0x%02X at column %d); save the file as UTF-8", data[i], col)
			return false
		}
		if r == '\n' {
			line, col = line+1, 0
		}
		col++
		i += size
	}
	return true
}

// splitFrontMatter separates YAML front matter from the body. It returns the YAML (nil when
// the file has no front matter) and the body with the file line the body starts on.
func splitFrontMatter(data []byte, ps *problems) (fm, body []byte, bodyLine int, ok bool) {
	first, rest, _ := cutLine(data)
	if !isDelim(first) {
		return nil, data, 1, true
	}
	start := len(data) - len(rest)
	for off, line := start, 2; off < len(data); line++ {
		l, next, _ := cutLine(data[off:])
		if isDelim(l) {
			return data[start:off], next, line + 1, true
		}
		off = len(data) - len(next)
	}
	ps.errorf(1, "front matter is not closed: add a %q line after the last field", fmDelim)
	return nil, nil, 0, false
}

// cutLine splits off the first line of b, without its "\n" or "\r\n".
func cutLine(b []byte) (line, rest []byte, found bool) {
	line, rest, found = bytes.Cut(b, []byte{'\n'})
	return bytes.TrimSuffix(line, []byte{'\r'}), rest, found
}

func isDelim(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == fmDelim
}

// yamlLineRE finds the line number in go.yaml.in/yaml syntax errors ("yaml: line 3: …").
var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parseYAML decodes front matter into its top-level mapping node; nil when it is empty.
func parseYAML(fm []byte, ps *problems) (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		line, msg := yamlErrorLine(err.Error())
		ps.errorf(line, "front matter: invalid YAML: %s", msg)
		return nil, false
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, true
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		ps.errorf(m.Line+1, "front matter: expected \"field: value\" lines, got %s", describe(m))
		return nil, false
	}
	return m, true
}

// yamlErrorLine returns the file line and the message of a YAML syntax error. The YAML starts
// on file line 2, after the opening "---". The library reports scanner errors with 1-based
// lines but parser errors (the "did not find expected …" family) with 0-based ones, and leaves
// the line out when that is 0.
func yamlErrorLine(err string) (int, string) {
	m := yamlLineRE.FindStringSubmatch(err)
	if m == nil {
		return 1, err
	}
	line, _ := strconv.Atoi(m[1]) // 0 when absent
	switch m[2] {
	case "did not find expected <document start>", "found undefined tag handle",
		"did not find expected node content", "did not find expected '-' indicator",
		"did not find expected key", "did not find expected ',' or ']'",
		"did not find expected ',' or '}'", "found duplicate %YAML directive",
		"found incompatible YAML document", "found duplicate %TAG directive":
		return line + 2, m[2]
	}
	if line == 0 {
		return 1, m[2]
	}
	return line + 1, m[2]
}

// field is one key of a front matter mapping, with its file line.
type field struct {
	name  string
	value *yaml.Node
	line  int
}

// yamlMapping is the top-level mapping of front matter.
type yamlMapping struct {
	node *yaml.Node
}

// fields lists the mapping's keys in order, reporting duplicates.
func (m *yamlMapping) fields(ps *problems) []field {
	var fs []field
	seen := make(map[string]int)
	c := m.node.Content
	for i := 0; i+1 < len(c); i += 2 {
		k, v := c[i], c[i+1]
		f := field{name: k.Value, value: v, line: k.Line + 1}
		if first, dup := seen[f.name]; dup {
			ps.errorf(f.line, "front matter: %s is set twice (first on line %d)", f.name, first)
			continue
		}
		seen[f.name] = f.line
		fs = append(fs, f)
	}
	return fs
}
