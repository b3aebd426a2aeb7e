// Package synth generates synthetic Persian help centers (articles and queries) from the
// words of sample content and a support set, for the scale benchmark (cmd/kbscale) and the
// search benchmarks at 1,000 and 10,000 articles.
package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
)

// minVocabulary is the fewest distinct words a corpus is generated from: fewer means the
// sources were not found, and the articles would not look like a help center's.
const minVocabulary = 200

// minTopicWords is the fewest words of a sample article that makes it a topic (category
// index pages are too short to be one).
const minTopicWords = 100

// Vocabulary is the words of the sources, most frequent first, the words of each sample
// article (its topic), and the support queries.
type Vocabulary struct {
	words   []string   // distinct words by falling frequency
	topics  [][]string // the words of each sample article, in order, repeats kept
	queries []string   // the "query" fields of the support set
}

// ReadVocabulary collects the Persian words of the Markdown files under contentDir and of the
// queries and messages in the JSONL files, and the queries themselves.
func ReadVocabulary(contentDir string, jsonl []string) (*Vocabulary, error) {
	freq := map[string]int{}
	v := &Vocabulary{}
	err := filepath.WalkDir(contentDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if ws := countWords(freq, string(b)); len(ws) >= minTopicWords {
			v.topics = append(v.topics, ws)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("synth: vocabulary: %w", err)
	}
	for _, path := range jsonl {
		texts, queries, err := readSupport(path)
		if err != nil {
			return nil, err
		}
		for _, t := range texts {
			countWords(freq, t)
		}
		v.queries = append(v.queries, queries...)
	}
	for w := range freq {
		v.words = append(v.words, w)
	}
	slices.SortFunc(v.words, func(a, b string) int {
		if d := freq[b] - freq[a]; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	if len(v.words) < minVocabulary || len(v.topics) == 0 {
		return nil, fmt.Errorf("synth: vocabulary: only %d distinct words in %s and %v (want at least %d)",
			len(v.words), contentDir, jsonl, minVocabulary)
	}
	return v, nil
}

// readSupport returns the query and message texts of a support JSONL file, and the queries alone.
func readSupport(path string) (texts, queries []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("synth: vocabulary: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r struct{ Query, Message string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, nil, fmt.Errorf("synth: vocabulary: %s:%d: %w", path, n, err)
		}
		texts = append(texts, r.Query, r.Message)
		if q := strings.TrimSpace(r.Query); q != "" {
			queries = append(queries, q)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("synth: vocabulary: %s: %w", path, err)
	}
	return texts, queries, nil
}

// countWords counts the words of s made of Persian or Arabic letters (ZWNJ kept inside
// words), and returns them in order.
func countWords(freq map[string]int, s string) []string {
	isWord := func(r rune) bool { return unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) || r == '\u200c' }
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !isWord(r) }) {
		w = strings.Trim(w, "\u200c")
		if len([]rune(w)) >= 2 {
			freq[w]++
			out = append(out, w)
		}
	}
	return out
}

// Size is the number of distinct words and of support queries.
func (v *Vocabulary) Size() (words, queries int) { return len(v.words), len(v.queries) }
