package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// maxConfigFileBytes bounds the configuration file read at start: a real one is a few
// kilobytes, and anything much larger is the wrong file.
const maxConfigFileBytes = 1 << 20

// listKeys are the settings that take a comma-separated list on the command line; in the file
// they may also be written as a YAML list.
var listKeys = map[string]bool{
	"cors-origins": true, "agent-tokens": true, "api-tokens": true, "smtp-to": true, "trusted-proxies": true,
}

// fileSetting is one key: value of the configuration file, as the text a flag would get.
type fileSetting struct {
	key  string
	text string
	line int
}

// configError is a mistake in the configuration file, located by file, line and key.
type configError struct {
	file, key string
	line      int
	msg       string
}

func (e *configError) Error() string {
	if e.key == "" {
		return fmt.Sprintf("config file %s, line %d: %s", e.file, e.line, e.msg)
	}
	return fmt.Sprintf("config file %s, line %d, key %q: %s", e.file, e.line, e.key, e.msg)
}

// readConfigFile reads the YAML configuration file: one mapping whose keys are the flag names of
// fs (without dashes) and whose values are scalars of the flag's type, or lists for listKeys.
func readConfigFile(path string, fs *flag.FlagSet) ([]fileSetting, error) {
	b, err := readSmallFile(path)
	if err != nil {
		return nil, fmt.Errorf("config file %s: %w", path, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("config file %s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return nil, nil // empty file: nothing set
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &configError{file: path, line: root.Line, msg: "want a mapping of settings (key: value), one per line"}
	}
	seen := map[string]int{}
	var out []fileSetting
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		bad := func(format string, args ...any) error {
			return &configError{file: path, key: k.Value, line: k.Line, msg: fmt.Sprintf(format, args...)}
		}
		f := fs.Lookup(k.Value)
		if k.Kind != yaml.ScalarNode || f == nil || k.Value == "config" {
			return nil, bad("unknown key%s; the keys are the flags of kb serve without dashes (see kb.example.yaml)", suggestKey(k.Value, fs))
		}
		if first, dup := seen[k.Value]; dup {
			return nil, bad("set twice (first on line %d)", first)
		}
		seen[k.Value] = k.Line
		text, err := settingText(v, f)
		if err != nil {
			return nil, bad("%v", err)
		}
		out = append(out, fileSetting{key: k.Value, text: text, line: v.Line})
	}
	return out, nil
}

// readSmallFile reads a file of at most maxConfigFileBytes.
func readSmallFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxConfigFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxConfigFileBytes {
		return nil, fmt.Errorf("larger than %d bytes: not a configuration file", maxConfigFileBytes)
	}
	return b, nil
}

// settingText checks a value node against the flag's type and returns it as flag text.
func settingText(v *yaml.Node, f *flag.Flag) (string, error) {
	kind := flagKind(f)
	if v.Kind == yaml.AliasNode && v.Alias != nil {
		v = v.Alias // port: *port
	}
	if v.Kind == yaml.SequenceNode && listKeys[f.Name] {
		items := make([]string, 0, len(v.Content))
		for _, it := range v.Content {
			if it.Kind != yaml.ScalarNode || it.Tag == "!!null" || strings.Contains(it.Value, ",") {
				return "", fmt.Errorf("list item on line %d: want a single text value", it.Line)
			}
			items = append(items, it.Value)
		}
		return strings.Join(items, ","), nil
	}
	if v.Kind != yaml.ScalarNode {
		return "", fmt.Errorf("want %s, got a %s", kindName(kind, f.Name), nodeKindName(v.Kind))
	}
	switch {
	case v.Tag == "!!null":
		return "", fmt.Errorf("no value: want %s (remove the key to keep the default)", kindName(kind, f.Name))
	case kind == "bool" && v.Tag != "!!bool":
		return "", fmt.Errorf("want true or false, got %q", v.Value)
	case kind != "bool" && v.Tag == "!!bool":
		return "", fmt.Errorf("want %s, got the boolean %s (quote it if it is meant as text)", kindName(kind, f.Name), v.Value)
	case kind == "duration":
		if _, err := time.ParseDuration(v.Value); err != nil {
			return "", fmt.Errorf("want a duration such as 720h or 90m, got %q", v.Value)
		}
	}
	return v.Value, nil
}

// flagKind is "bool", "duration" or "string", from the flag's value type.
func flagKind(f *flag.Flag) string {
	if g, ok := f.Value.(flag.Getter); ok {
		switch g.Get().(type) {
		case bool:
			return "bool"
		case time.Duration:
			return "duration"
		}
	}
	return "string"
}

func kindName(kind, key string) string {
	switch {
	case kind == "bool":
		return "true or false"
	case kind == "duration":
		return "a duration such as 720h"
	case listKeys[key]:
		return "a text or a list of texts"
	}
	return "a text"
}

func nodeKindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}

// suggestKey returns ` (did you mean "x"?)` for the known key closest to an unknown one.
func suggestKey(key string, fs *flag.FlagSet) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) {
		if f.Name != "config" && editDistance(key, f.Name) <= 2 {
			names = append(names, f.Name)
		}
	})
	if len(names) == 0 {
		return ""
	}
	sort.Slice(names, func(i, j int) bool { return editDistance(key, names[i]) < editDistance(key, names[j]) })
	return fmt.Sprintf(" (did you mean %q?)", names[0])
}

// editDistance is the Levenshtein distance of two short strings.
func editDistance(a, b string) int {
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
