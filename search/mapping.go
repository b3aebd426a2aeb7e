package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/regexp"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/fa"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"persiankb/search/persian"
)

// Analyzer names accepted in Options.Analyzer. Any other name must be an analyzer registered
// with Bleve's registry by an imported package.
const (
	// DefaultAnalyzer is the Persian chain of package persian (normalization, ZWNJ and
	// spacing variants, a light stemmer, stop words), with every query-side feature: measured
	// better than Bleve's stock fa on both relevance sets (BENCHMARKS.md).
	DefaultAnalyzer = persian.AnalyzerName
	// FaAnalyzer is Bleve's stock fa chain with a length-preserving ZWNJ char filter, so that
	// term offsets, and so highlights, stay exact on text with ZWNJ; it gets the query-side
	// features that do not need a stemmer.
	FaAnalyzer = "fa"
	// StockAnalyzer is Bleve's stock fa analyzer, unchanged (its offsets shift after each ZWNJ),
	// with plain queries: the baseline of comparisons.
	StockAnalyzer = "fa_stock"
)

// mappingVersion is stored in every index: bump it whenever the mapping, the indexed documents
// or the fa_exact_offsets chain change, so that indexes built by older code are rebuilt.
const mappingVersion = 3

// Names defined inside the index mapping for FaAnalyzer.
const (
	faExactAnalyzer  = "fa_exact_offsets"
	zwnjExactFilter  = "zwnj_exact_offsets"
	zwnjRegexp       = `\x{200C}`
	zwnjReplacement  = "   " // three ASCII spaces: the byte length of U+200C in UTF-8
	compositeAllName = "_all"
)

// Indexed fields.
const (
	fieldTitle    = "title"
	fieldSummary  = "summary"
	fieldKeywords = "keywords"
	fieldHeadings = "headings"
	fieldBody     = "body"
	fieldCategory = "category"
	fieldTags     = "tags"
	fieldAudience = "audience"
)

// bleveAnalyzer maps an Options.Analyzer name to the name of the Bleve analyzer that implements it.
func bleveAnalyzer(name string) string {
	switch name {
	case FaAnalyzer:
		return faExactAnalyzer
	case StockAnalyzer:
		return fa.AnalyzerName
	}
	return name
}

// newMapping builds the index mapping whose text fields all use the named analyzer.
func newMapping(analyzer string) (*mapping.IndexMappingImpl, error) {
	name := bleveAnalyzer(analyzer)
	m := bleve.NewIndexMapping()
	if err := defineFaExact(m); err != nil {
		return nil, err
	}
	m.DefaultAnalyzer = name
	m.DefaultField = compositeAllName
	m.ScoringModel = index.BM25Scoring // measured better than tf-idf on both relevance sets

	doc := bleve.NewDocumentStaticMapping()
	for _, f := range []string{fieldTitle, fieldSummary, fieldKeywords, fieldHeadings, fieldBody} {
		doc.AddFieldMappingsAt(f, textField(name))
	}
	for _, f := range []string{fieldCategory, fieldTags, fieldAudience} {
		doc.AddFieldMappingsAt(f, keywordField())
	}
	m.DefaultMapping = doc

	if m.AnalyzerNamed(name) == nil {
		return nil, fmt.Errorf("search: unknown analyzer %q (is the package that registers it imported?)", analyzer)
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("search: mapping for analyzer %q: %w", analyzer, err)
	}
	return m, nil
}

// defineFaExact adds the fa_exact_offsets analyzer to m: the stock fa chain with a ZWNJ char
// filter that keeps the text's byte length.
func defineFaExact(m *mapping.IndexMappingImpl) error {
	err := m.AddCustomCharFilter(zwnjExactFilter, map[string]any{
		"type":    regexp.Name,
		"regexp":  zwnjRegexp,
		"replace": zwnjReplacement,
	})
	if err != nil {
		return fmt.Errorf("search: define %s: %w", zwnjExactFilter, err)
	}
	err = m.AddCustomAnalyzer(faExactAnalyzer, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{zwnjExactFilter},
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name, ar.NormalizeName, fa.NormalizeName, fa.StopName},
	})
	if err != nil {
		return fmt.Errorf("search: define %s: %w", faExactAnalyzer, err)
	}
	return nil
}

// textField is a searchable text field with term vectors, which phrase queries and snippets
// need. Nothing is stored: titles and texts come from the Library.
func textField(analyzer string) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = analyzer
	f.Store = false
	f.IncludeTermVectors = true
	f.IncludeInAll = true
	f.DocValues = false
	return f
}

// keywordField is an exact-value field for filters and facets, left out of _all.
func keywordField() *mapping.FieldMapping {
	f := bleve.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = false
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = true
	return f
}
