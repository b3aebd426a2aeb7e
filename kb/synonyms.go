package kb

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// SynonymsFile is the file, at the content root, of the search synonyms: a YAML list of
// groups, each a list of terms a customer may use for the same thing.
const SynonymsFile = "_synonyms.yaml"

// Limits of the synonyms file. Synonyms expand every query that uses one of their terms, so a
// mistake (a whole sentence as a term, a list pasted in) would slow and blur searches.
const (
	// MaxSynonymsBytes bounds the file: a few hundred groups fit in a few tens of KB.
	MaxSynonymsBytes = 1 << 20
	// MaxSynonymTermRunes bounds one term: a word or a short phrase, not a sentence.
	MaxSynonymTermRunes = 60
	// MaxSynonymTermWords bounds the words of one term ("احراز هویت دو عاملی" has four).
	MaxSynonymTermWords = 5
	// MaxSynonymGroupTerms bounds one group: more alternatives than this are a topic, not synonyms.
	MaxSynonymGroupTerms = 20
)

// ParseSynonyms parses the synonyms file named name (for messages) with content data. It
// returns the groups, each with two or more distinct terms (trimmed, inner spaces collapsed),
// and the file's problems as path:line errors. The groups are nil when there is any error: a
// half-read file would silently change what searches find.
func ParseSynonyms(name string, data []byte) ([][]string, []Problem) {
	ps := &problems{path: name}
	if !checkUTF8(data, ps) {
		return nil, ps.list
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := yamlErrorLine(err.Error())
		ps.errorf(max(line-1, 1), "invalid YAML: %s", msg) // yamlErrorLine counts a front matter's "---"
		return nil, ps.list
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil // empty or only comments: no synonyms
	}
	top := doc.Content[0]
	if top.Kind != yaml.SequenceNode {
		ps.errorf(top.Line, "expected a list of groups (lines starting with \"- [\"), got %s", describe(top))
		return nil, ps.list
	}
	groups := make([][]string, 0, len(top.Content))
	firstLine := make(map[string]int) // term (folded) → line of the group that has it
	for _, g := range top.Content {
		if terms := parseSynonymGroup(g, firstLine, ps); terms != nil {
			groups = append(groups, terms)
		}
	}
	if ps.hasErrors() {
		return nil, ps.list
	}
	return groups, ps.list
}

// parseSynonymGroup checks one group node and returns its terms; nil after an error.
func parseSynonymGroup(g *yaml.Node, firstLine map[string]int, ps *problems) []string {
	if g.Kind != yaml.SequenceNode {
		ps.errorf(g.Line, "a group must be a list of terms like [رمز عبور, گذرواژه], got %s", describe(g))
		return nil
	}
	if n := len(g.Content); n < 2 || n > MaxSynonymGroupTerms {
		ps.errorf(g.Line, "a group needs 2 to %d terms, this one has %d", MaxSynonymGroupTerms, n)
		return nil
	}
	var terms []string
	inGroup := make(map[string]bool)
	for _, t := range g.Content {
		term, ok := synonymTerm(t, ps)
		if !ok {
			return nil
		}
		key := strings.ToLower(term)
		if inGroup[key] {
			ps.errorf(t.Line, "%q is twice in the same group", term)
			return nil
		}
		if line, dup := firstLine[key]; dup {
			ps.errorf(t.Line, "%q is already in the group on line %d; a term belongs to one group", term, line)
			return nil
		}
		inGroup[key] = true
		terms = append(terms, term)
	}
	for _, term := range terms {
		firstLine[strings.ToLower(term)] = g.Line
	}
	return terms
}

// synonymTerm checks one term node and returns it trimmed, with inner spaces collapsed.
func synonymTerm(t *yaml.Node, ps *problems) (string, bool) {
	if t.Kind != yaml.ScalarNode || t.ShortTag() == "!!null" {
		ps.errorf(t.Line, "a term must be a word or a short phrase, got %s", describe(t))
		return "", false
	}
	words := strings.Fields(t.Value)
	term := strings.Join(words, " ")
	switch {
	case term == "":
		ps.errorf(t.Line, "empty term")
	case utf8.RuneCountInString(term) > MaxSynonymTermRunes:
		ps.errorf(t.Line, "term %q is longer than %d characters", term, MaxSynonymTermRunes)
	case len(words) > MaxSynonymTermWords:
		ps.errorf(t.Line, "term %q has more than %d words", term, MaxSynonymTermWords)
	default:
		return term, true
	}
	return "", false
}

// readSynonyms reads and parses SynonymsFile under root when the scan found it. broken reports
// a file that exists but has errors.
func readSynonyms(root string, found bool) (groups [][]string, probs []Problem, broken bool) {
	if !found {
		return nil, nil, false
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, []Problem{{Path: SynonymsFile, Message: fmt.Sprintf("cannot read: %v", err)}}, true
	}
	defer r.Close()
	data, err := readLimited(r, SynonymsFile, MaxSynonymsBytes)
	if err != nil {
		return nil, []Problem{{Path: SynonymsFile, Message: err.Error()}}, true
	}
	groups, probs = ParseSynonyms(SynonymsFile, data)
	return groups, probs, len(probs) > 0
}

// readLimited reads the file rel under r, refusing files over limit bytes.
func readLimited(r *os.Root, rel string, limit int64) ([]byte, error) {
	info, err := r.Stat(rel)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("cannot read: %w", fs.ErrInvalid)
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("file too big: %d bytes, the limit is %d", info.Size(), limit)
	}
	data, err := r.ReadFile(rel)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	return data, nil
}

// KeepSynonyms gives l the synonyms of prev when l's own synonyms file is broken, so that a
// reload after a bad edit keeps searching with the last good groups (the file's errors stay
// in l.Problems). Call it on a freshly loaded Library, before it is shared.
func (l *Library) KeepSynonyms(prev *Library) {
	if l.synonymsBroken && prev != nil {
		l.Synonyms = prev.Synonyms
	}
}
