package kb

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"
	"unicode"

	"persiankb/kb/markdown"
)

// utf8BOM is stripped from the start of files: some Windows editors write it.
const utf8BOM = "\xef\xbb\xbf"

// parsed is an article between the two passes of Load: parsed, not yet rendered.
type parsed struct {
	a          *Article
	doc        *markdown.Document
	offset     int   // file line of the body's first line, minus one
	slugLine   int   // file line of the slug field, else 1
	aliasLines []int // file line of each alias
}

// parseArticle parses one article file: front matter, then Markdown. It returns nil when the
// file has errors; problems holds them and any warnings.
func parseArticle(md *markdown.Renderer, rel string, data []byte) (*parsed, []Problem) {
	return parseArticleSum(md, rel, data, sha256.Sum256(data))
}

// parseArticleSum is parseArticle for a caller that has hashed data already (the Reloader).
func parseArticleSum(md *markdown.Renderer, rel string, data []byte, sum [sha256.Size]byte) (*parsed, []Problem) {
	ps := &problems{path: rel}
	body, fm, offset, ok := splitFile(data, ps)
	if !ok {
		return nil, ps.list
	}
	p := &parsed{a: &Article{Path: rel, Category: categoryOf(rel), Audience: AudiencePublic}, offset: offset, slugLine: 1}
	p.a.Hash = hex.EncodeToString(sum[:])
	if fm != nil {
		p.applyFrontMatter(fm, ps)
	}
	p.a.Source = body
	p.doc = md.Parse(rel, body)
	if p.a.Title == "" {
		p.a.Title = p.doc.Title()
	}
	p.doc.TrimTitle(p.a.Title)
	if p.a.Title == "" {
		p.a.Title = titleFromFile(rel)
	}
	if p.a.Slug == "" {
		p.a.Slug = strings.ReplaceAll(fileStem(rel), " ", "-")
		if err := checkSlug(p.a.Slug); err != nil {
			ps.errorf(1, "the file name gives the slug %q, which %v: rename the file or set slug", p.a.Slug, err)
		}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		ps.warnf(offset+1, "the article has no text")
	}
	if ps.hasErrors() {
		return nil, ps.list
	}
	return p, ps.list
}

// splitFile checks the encoding and separates the front matter (nil when there is none) from
// the body, whose first line is file line offset+1.
func splitFile(data []byte, ps *problems) (body []byte, fm *yamlMapping, offset int, ok bool) {
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	if !checkUTF8(data, ps) {
		return nil, nil, 0, false
	}
	if len(bytes.TrimSpace(data)) == 0 {
		ps.errorf(1, "empty file")
		return nil, nil, 0, false
	}
	raw, body, bodyLine, ok := splitFrontMatter(data, ps)
	if !ok {
		return nil, nil, 0, false
	}
	if raw == nil {
		return body, nil, 0, true
	}
	m, ok := parseYAML(raw, ps)
	if !ok {
		return nil, nil, 0, false
	}
	if m == nil {
		return body, nil, bodyLine - 1, true
	}
	return body, &yamlMapping{m}, bodyLine - 1, true
}

// applyFrontMatter sets the article's fields from its front matter.
func (p *parsed) applyFrontMatter(fm *yamlMapping, ps *problems) {
	a := p.a
	for _, f := range fm.fields(ps) {
		switch f.name {
		case "title":
			a.Title, _ = textValue(f, ps)
		case "slug":
			p.slugLine = f.line
			if s, ok := textValue(f, ps); ok && s != "" {
				a.Slug = s
				if err := checkSlug(s); err != nil {
					ps.errorf(f.value.Line+1, "slug %q %v", s, err)
				}
			}
		case "summary":
			a.Summary, _ = textValue(f, ps)
		case "tags":
			a.Tags, _, _ = listValue(f, ps)
		case "keywords":
			a.Keywords, _, _ = listValue(f, ps)
		case "aliases":
			p.applyAliases(f, ps)
		case "draft":
			a.Draft, _ = boolValue(f, ps)
		case "order":
			a.Order, _ = intValue(f, ps)
		case "audience":
			a.Audience, _ = audienceValue(f, ps)
		case "updated":
			a.Updated, _ = dateValue(f, ps)
		default:
			unknownField(f, ps)
		}
	}
}

func (p *parsed) applyAliases(f field, ps *problems) {
	items, lines, _ := listValue(f, ps)
	seen := make(map[string]bool, len(items))
	for i, al := range items {
		if err := checkSlug(al); err != nil {
			ps.errorf(lines[i], "alias %q %v", al, err)
			continue
		}
		if seen[al] {
			ps.warnf(lines[i], "alias %q is listed twice", al)
			continue
		}
		seen[al] = true
		p.a.Aliases = append(p.a.Aliases, al)
		p.aliasLines = append(p.aliasLines, lines[i])
	}
}

// checkSlug reports why s cannot be a URL slug. Persian letters and ZWNJ are fine.
func checkSlug(s string) error {
	if s == "." || s == ".." {
		return fmt.Errorf("cannot be %q", s)
	}
	for _, r := range s {
		switch {
		case strings.ContainsRune(`/?#%\`, r):
			return fmt.Errorf("must not contain %q", r)
		case unicode.IsSpace(r):
			return fmt.Errorf("must not contain spaces: put - between words")
		case unicode.IsControl(r):
			return fmt.Errorf("must not contain control characters (U+%04X)", r)
		case unicode.Is(unicode.Cf, r) && r != '\u200c':
			return fmt.Errorf("must not contain invisible formatting characters (U+%04X)", r)
		}
	}
	return nil
}

// categoryOf is the category of the file at rel: its top folder, "" at the root.
func categoryOf(rel string) string {
	cat, _, found := strings.Cut(rel, "/")
	if !found {
		return ""
	}
	return cat
}

// fileStem is the file name without its extension.
func fileStem(rel string) string {
	base := path.Base(rel)
	return strings.TrimSuffix(base, path.Ext(base))
}

// titleFromFile makes a title from a file name: "reset-password.md" → "reset password".
func titleFromFile(rel string) string {
	t := strings.NewReplacer("-", " ", "_", " ").Replace(fileStem(rel))
	return strings.Join(strings.Fields(t), " ")
}
