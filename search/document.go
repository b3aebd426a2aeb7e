package search

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"

	"github.com/blevesearch/bleve/v2/analysis"

	"persiankb/kb"
)

// document is what is indexed for one article; its ID is the article's slug.
type document struct {
	Title    string   `json:"title"`
	Summary  string   `json:"summary"`
	Keywords []string `json:"keywords"` // keywords and tags: both are search terms
	Headings []string `json:"headings"`
	Body     string   `json:"body"` // exactly Article.Text: snippet offsets point into it
	Category string   `json:"category"`
	Tags     []string `json:"tags"`
	Audience string   `json:"audience"`
}

// entry is a document with its ID.
type entry struct {
	id  string
	doc document
}

// entries returns the documents to index for lib: every article that is not a draft.
// Internal articles are indexed and filtered out at query time.
func entries(lib *kb.Library) []entry {
	out := make([]entry, 0, len(lib.Articles))
	for _, a := range lib.Articles {
		if a.Draft {
			continue
		}
		out = append(out, entry{id: a.Slug, doc: newDocument(a)})
	}
	return out
}

func newDocument(a *kb.Article) document {
	d := document{
		Title:    a.Title,
		Summary:  a.Summary,
		Keywords: append(append([]string(nil), a.Keywords...), a.Tags...),
		Body:     a.Text,
		Category: a.Category,
		Tags:     a.Tags,
		Audience: kb.AudiencePublic,
	}
	if a.Audience == kb.AudienceInternal {
		d.Audience = kb.AudienceInternal
	}
	for _, h := range a.Headings {
		d.Headings = append(d.Headings, h.Text)
	}
	return d
}

// analyzerProbe is analyzed into every fingerprint, so that an index is rebuilt when the
// analyzer's behaviour changes (a new stemmer rule, a new normalization), not only its name.
const analyzerProbe = "كتاب‌هاي بزرگ‌ترين مي‌شود ميشود مي شود أ إ ة ۀ ١٢٣ ۴۵۶ 789 Password رمزعبور پشتیبانی‌ها پس بدهید پس‌دادن کارت به کارت"

// fingerprint identifies an index's content: mapping version, analyzer name and behaviour, the
// library's content hash and every indexed document (which also catches a change in how kb
// extracts text from unchanged files), by its digest in ds (see digests). An index is reused
// only for the same fingerprint.
func fingerprint(analyzer string, an analysis.Analyzer, libraryHash string, es []entry, ds map[string]digest) string {
	h := sha256.New()
	writeField(h, fmt.Sprintf("mapping=%d analyzer=%s", mappingVersion, analyzer))
	writeField(h, libraryHash)
	for _, t := range an.Analyze([]byte(analyzerProbe)) {
		writeField(h, fmt.Sprintf("%s %d %d %d", t.Term, t.Start, t.End, t.Position))
	}
	for _, e := range es {
		d := ds[e.id]
		writeField(h, e.id)
		writeField(h, string(d[:]))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// digest is the SHA-256 of a document's JSON.
type digest [sha256.Size]byte

// digests returns the digest of each of es by ID, taken from known when it has the ID (an
// Update passes the digests of the documents it did not change) and computed otherwise.
func digests(es []entry, known map[string]digest) (map[string]digest, error) {
	out := make(map[string]digest, len(es))
	for _, e := range es {
		if d, ok := known[e.id]; ok {
			out[e.id] = d
			continue
		}
		b, err := json.Marshal(e.doc)
		if err != nil {
			return nil, fmt.Errorf("search: fingerprint %s: %w", e.id, err)
		}
		out[e.id] = sha256.Sum256(b)
	}
	return out, nil
}

// writeField writes s length-prefixed, so that field boundaries cannot be confused.
func writeField(h hash.Hash, s string) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(s)))
	h.Write(n[:])
	h.Write([]byte(s))
}
