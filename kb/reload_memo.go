package kb

import (
	"crypto/sha256"
	"slices"
	"sync"
	"sync/atomic"

	"persiankb/kb/markdown"
)

// Reloader loads one content folder again and again (the live preview), parsing only the
// files whose bytes changed since its last load and rendering only the articles whose file
// changed or whose links now resolve differently (a linked heading renamed, a linked article
// removed). Every load gives the Library that Load would give. It is not safe for concurrent
// use.
type Reloader struct {
	dir  string
	opts Options
	last map[string]*fileMemo // by slash path: what the last load learned about each article file
}

// NewReloader returns a Reloader of the folder dir; its first Load parses everything.
func NewReloader(dir string, opts Options) *Reloader {
	return &Reloader{dir: dir, opts: opts}
}

// LoadStats says how much of the content folder a Reloader's Load parsed and rendered again.
type LoadStats struct {
	Parsed   int // article files parsed (the others were unchanged)
	Rendered int // articles rendered (the others were unchanged, with the same links)
}

// Load loads the folder as Load does, reusing what did not change since the last Load.
func (r *Reloader) Load() (*Library, LoadStats, error) {
	m := &memo{last: r.last, next: make(map[string]*fileMemo, len(r.last))}
	lib, err := load(r.dir, r.opts, m)
	if err != nil {
		return nil, LoadStats{}, err
	}
	r.last = m.next
	return lib, LoadStats{Parsed: int(m.parsed.Load()), Rendered: int(m.rendered.Load())}, nil
}

// memo is what one load reuses from the last (last) and keeps for the next (next).
type memo struct {
	last map[string]*fileMemo
	mu   sync.Mutex // guards next while files are parsed in parallel
	next map[string]*fileMemo

	parsed, rendered atomic.Int64
}

// fileMemo is what a load learned about one article file.
type fileMemo struct {
	sum     [sha256.Size]byte // of the file's bytes
	bodyLen int               // the Markdown body (Article.Source) is the file's last bodyLen bytes
	parsed  *parsed           // as parseArticle left it, headings set, without its AST or source; nil: the file has errors
	probs   []Problem         // parseArticle's

	// The rendered article (nil until rendered), the links its rendering resolved with their
	// answers, and the render's problems and error.
	article     *Article
	links       []linkCall
	renderProbs []Problem
	renderErr   error
}

// parse is parseArticle, or the copy of the last load's result when the file is unchanged.
func (ld *loader) parse(f sourceFile) (*parsed, []Problem) {
	if ld.memo == nil {
		return parseArticle(ld.md, f.rel, f.data)
	}
	sum := sha256.Sum256(f.data)
	fm, ok := ld.memo.last[f.rel]
	if ok && fm.sum == sum {
		cp := *fm
		ld.memo.put(f.rel, &cp)
		p := cp.parsed.clone()
		if p != nil {
			p.a.Source = f.data[len(f.data)-cp.bodyLen:]
		}
		return p, slices.Clone(cp.probs)
	}
	ld.memo.parsed.Add(1)
	p, probs := parseArticleSum(ld.md, f.rel, f.data, sum)
	fm = &fileMemo{sum: sum, probs: slices.Clone(probs)}
	if p != nil {
		fm.bodyLen = len(p.a.Source) // splitFile's body is what follows the front matter
		fm.parsed = p.clone()
		fm.parsed.doc = nil
		fm.parsed.a.Headings = headings(p.doc.Headings)
	}
	ld.memo.put(f.rel, fm)
	return p, probs
}

func (m *memo) put(rel string, fm *fileMemo) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.next[rel] = fm
}

// clone copies p and its article: the load that gets it changes both (aliases, rendering).
func (p *parsed) clone() *parsed {
	if p == nil {
		return nil
	}
	cp := *p
	a := *p.a
	cp.a = &a
	return &cp
}

// render renders p, or reuses the last load's article when p's file is unchanged, its
// aliases survived the duplicate check alike and every link resolves as it did.
func (ld *loader) render(p *parsed) ([]Problem, error) {
	if ld.memo == nil {
		ld.parseAgain(p)
		return p.render(ld.md, ld.links.from(p.a))
	}
	fm := ld.memo.next[p.a.Path] // every parsed file has one; only read while rendering
	if p.doc == nil && fm.article != nil && slices.Equal(fm.article.Aliases, p.a.Aliases) &&
		sameAnswers(fm.links, ld.links.from(p.a)) {
		p.a = fm.article
		return slices.Clone(fm.renderProbs), fm.renderErr
	}
	if !ld.parsed[p.a.Path] { // unchanged file, but its links changed
		ld.memo.parsed.Add(1)
	}
	ld.parseAgain(p)
	ld.memo.rendered.Add(1)
	rec := &recordingLinks{Links: ld.links.from(p.a)}
	probs, err := p.render(ld.md, rec)
	fm.article, fm.links, fm.renderProbs, fm.renderErr = p.a, rec.calls, slices.Clone(probs), err
	return probs, err
}

// parseAgain gives p its AST again, dropped after pass 1 (see loader.parsed) or kept by the
// memo without it: its body parsed as parseArticle parsed it, the title trimmed alike (the
// title is the front matter's, else the first heading's, which is what trimming compares).
func (ld *loader) parseAgain(p *parsed) {
	p.doc = ld.md.Parse(p.a.Path, p.a.Source)
	p.doc.TrimTitle(p.a.Title)
}

// linkCall is one question a rendering asked markdown.Links, with its answer.
type linkCall struct {
	image          bool
	rel, fragment  string
	url, errString string
}

// recordingLinks records the questions asked and their answers.
type recordingLinks struct {
	markdown.Links
	calls []linkCall
}

func (r *recordingLinks) Link(rel, fragment string) (string, error) {
	u, err := r.Links.Link(rel, fragment)
	r.calls = append(r.calls, linkCall{rel: rel, fragment: fragment, url: u, errString: errText(err)})
	return u, err
}

func (r *recordingLinks) Image(rel string) (string, error) {
	u, err := r.Links.Image(rel)
	r.calls = append(r.calls, linkCall{image: true, rel: rel, url: u, errString: errText(err)})
	return u, err
}

// sameAnswers reports whether l answers every recorded question as before.
func sameAnswers(calls []linkCall, l markdown.Links) bool {
	for _, c := range calls {
		var u string
		var err error
		if c.image {
			u, err = l.Image(c.rel)
		} else {
			u, err = l.Link(c.rel, c.fragment)
		}
		if u != c.url || errText(err) != c.errString {
			return false
		}
	}
	return true
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
