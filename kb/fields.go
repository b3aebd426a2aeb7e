package kb

import (
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Decoders for front matter values. Each reports a wrong type as a problem on the value's file
// line (YAML line + 1) and returns ok=false; a missing value (`tags:`) is the zero value.

// describe names a YAML value for messages: `the number 5`, `a list`, `"abc"`.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a group of fields"
	case yaml.AliasNode:
		return "an alias (*" + n.Value + ")"
	}
	switch n.ShortTag() {
	case "!!null":
		return "nothing"
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return n.Value
	}
	return strconv.Quote(n.Value)
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// textValue decodes any scalar as text: `title: 2024` is the title "2024".
func textValue(f field, ps *problems) (string, bool) {
	switch {
	case isNull(f.value):
		return "", true
	case f.value.Kind == yaml.ScalarNode:
		return strings.TrimSpace(f.value.Value), true
	}
	ps.errorf(f.value.Line+1, "%s: expected text, got %s", f.name, describe(f.value))
	return "", false
}

// listValue decodes a list of text, or a single quoted or plain string as a one-item list.
// It returns each item's file line too.
func listValue(f field, ps *problems) (items []string, lines []int, ok bool) {
	v := f.value
	switch {
	case isNull(v):
		return nil, nil, true
	case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str":
		if s := strings.TrimSpace(v.Value); s != "" {
			return []string{s}, []int{v.Line + 1}, true
		}
		return nil, nil, true
	case v.Kind != yaml.SequenceNode:
		ps.errorf(v.Line+1, "%s: expected a list of text, got %s", f.name, describe(v))
		return nil, nil, false
	}
	ok = true
	for i, it := range v.Content {
		if it.Kind != yaml.ScalarNode || isNull(it) {
			ps.errorf(it.Line+1, "%s: item %d is %s; expected text", f.name, i+1, describe(it))
			ok = false
			continue
		}
		if s := strings.TrimSpace(it.Value); s != "" {
			items = append(items, s)
			lines = append(lines, it.Line+1)
		}
	}
	return items, lines, ok
}

func intValue(f field, ps *problems) (int, bool) {
	var n int
	if isNull(f.value) {
		return 0, true
	}
	if f.value.Kind == yaml.ScalarNode && f.value.ShortTag() == "!!int" && f.value.Decode(&n) == nil {
		return n, true
	}
	ps.errorf(f.value.Line+1, "%s: expected a whole number, got %s", f.name, describe(f.value))
	return 0, false
}

func boolValue(f field, ps *problems) (bool, bool) {
	var b bool
	if isNull(f.value) {
		return false, true
	}
	if f.value.Kind == yaml.ScalarNode && f.value.ShortTag() == "!!bool" && f.value.Decode(&b) == nil {
		return b, true
	}
	ps.errorf(f.value.Line+1, "%s: expected true or false, got %s", f.name, describe(f.value))
	return false, false
}

// dateValue accepts a date (2024-03-15) or an RFC 3339 time (2024-03-15T10:00:00+03:30).
func dateValue(f field, ps *problems) (time.Time, bool) {
	if isNull(f.value) {
		return time.Time{}, true
	}
	if f.value.Kind == yaml.ScalarNode {
		s := strings.TrimSpace(f.value.Value)
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return t, true
		}
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t, true
		}
	}
	ps.errorf(f.value.Line+1, "%s: expected a date like 2024-03-15 or an RFC 3339 time, got %s", f.name, describe(f.value))
	return time.Time{}, false
}

// audienceValue accepts "public" (the default) or "internal".
func audienceValue(f field, ps *problems) (string, bool) {
	s, ok := textValue(f, ps)
	switch {
	case !ok:
		return "", false
	case s == "":
		return AudiencePublic, true
	case s == AudiencePublic || s == AudienceInternal:
		return s, true
	}
	ps.errorf(f.value.Line+1, "%s: must be %q or %q, got %s", f.name, AudiencePublic, AudienceInternal, describe(f.value))
	return "", false
}

// unknownField warns about a field nothing reads, with a hint for common mix-ups.
func unknownField(f field, ps *problems) {
	hint := ""
	switch strings.ToLower(f.name) {
	case "description":
		hint = " (did you mean summary?)"
	case "date", "lastmod", "modified":
		hint = " (did you mean updated?)"
	case "tag":
		hint = " (did you mean tags?)"
	case "alias":
		hint = " (did you mean aliases?)"
	case "keyword":
		hint = " (did you mean keywords?)"
	case "category", "categories":
		hint = " (the category is the article's folder)"
	}
	ps.warnf(f.line, "front matter: unknown field %q%s", f.name, hint)
}
