// Package persian is a Bleve analyzer for Persian: normalization, zero-width
// non-joiner and spacing variants, a light stemmer, stop words, and the query
// helpers (keyboard layout, term normalization) that must agree with it.
package persian

import (
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// AnalyzerName is the name under which the Persian analyzer is registered.
const AnalyzerName = "persian"

// Analyzer is the Persian analysis chain: Unicode word segmentation, then
// ZWNJFilter (normalization, ZWNJ and spacing), StopFilter and StemFilter.
// Token offsets always point at the original text. It holds no state between
// calls and is safe for concurrent use.
type Analyzer struct {
	tokenizer *unicode.UnicodeTokenizer
	scratch   *sync.Pool // ZWNJFilter working memory
}

// NewAnalyzer returns the Persian analyzer.
func NewAnalyzer() *Analyzer {
	return &Analyzer{
		tokenizer: unicode.NewUnicodeTokenizer(),
		scratch:   &sync.Pool{New: newZWNJScratch},
	}
}

// Analyze implements analysis.Analyzer. Unlike a chain of registered filters,
// it lets ZWNJFilter see the text between tokens.
func (a *Analyzer) Analyze(input []byte) analysis.TokenStream {
	input = replaceInvalidUTF8(input)
	tokens := a.tokenizer.Tokenize(input)
	tokens = ZWNJFilter{text: input, scratch: a.scratch}.Filter(tokens)
	tokens = StopFilter{}.Filter(tokens)
	return StemFilter{}.Filter(tokens)
}

// Token is one analyzed term with its byte offsets in the input.
type Token struct {
	Term     string
	Start    int // byte offset of the first byte of the surface form
	End      int // byte offset just past the surface form
	Position int // 1-based; tokens at the same position are alternatives
}

// Analyze runs the Persian analyzer over text. It is meant for tests, debugging
// and query planning; the index calls the registered analyzer directly.
func Analyze(text string) []Token {
	ts := NewAnalyzer().Analyze([]byte(text))
	out := make([]Token, len(ts))
	for i, t := range ts {
		out[i] = Token{Term: string(t.Term), Start: t.Start, End: t.End, Position: t.Position}
	}
	return out
}

// replaceInvalidUTF8 returns input with every byte that is not part of a valid
// UTF-8 sequence replaced by a space, so that the tokenizer never cuts inside
// a character. The length is unchanged, so offsets still fit the original.
func replaceInvalidUTF8(input []byte) []byte {
	if utf8.Valid(input) {
		return input
	}
	out := make([]byte, 0, len(input))
	for i := 0; i < len(input); {
		r, size := utf8.DecodeRune(input[i:])
		if r == utf8.RuneError && size == 1 {
			out = append(out, ' ')
		} else {
			out = append(out, input[i:i+size]...)
		}
		i += size
	}
	return out
}

func analyzerConstructor(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
	return NewAnalyzer(), nil
}

func init() {
	mustRegister(registry.RegisterAnalyzer(AnalyzerName, analyzerConstructor))
	mustRegister(registry.RegisterTokenFilter(NormalizeName, normalizeFilterConstructor))
	mustRegister(registry.RegisterTokenFilter(ZWNJName, zwnjFilterConstructor))
	mustRegister(registry.RegisterTokenFilter(StopName, stopFilterConstructor))
	mustRegister(registry.RegisterTokenFilter(StemName, stemFilterConstructor))
}

// mustRegister panics on a duplicate registration, as Bleve's own packages do:
// it can only be a programming error found at start-up.
func mustRegister(err error) {
	if err != nil {
		panic(err)
	}
}
