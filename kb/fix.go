package kb

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"unicode/utf8"

	"persiankb/kb/markdown"
)

// maxFixRounds bounds the rounds of fixing one file. A fix can reveal another ("مي شود" gets
// its ZWNJ, then its Persian yeh), but never more than a couple of times.
const maxFixRounds = 4

// proseKeys are the front matter fields whose values are prose for readers. Slugs, aliases and
// keywords are left alone: they are addresses and deliberate search variants.
var proseKeys = map[string]bool{"title": true, "summary": true, "description": true, "tags": true}

// proseSpans returns the byte ranges of a content file that typography rules may look at and
// change: the values of prose front matter fields and the body's running text (no code, no
// URLs, no raw HTML). A file that is not valid UTF-8 or whose front matter is not closed has none.
func proseSpans(md *markdown.Renderer, data []byte) []markdown.Span {
	if !utf8.Valid(data) {
		return nil
	}
	start := 0
	if bytes.HasPrefix(data, []byte(utf8BOM)) {
		start = len(utf8BOM)
	}
	d := data[start:]
	fm, body, _, ok := splitFrontMatter(d, &problems{})
	if !ok {
		return nil
	}
	var spans []markdown.Span
	bodyStart := len(d) - len(body)
	if fm != nil {
		_, rest, _ := cutLine(d)
		spans = frontMatterSpans(fm, start+len(d)-len(rest))
	}
	for _, sp := range md.Prose(body) {
		spans = append(spans, markdown.Span{Start: start + bodyStart + sp.Start, End: start + bodyStart + sp.End})
	}
	return spans
}

// frontMatterSpans returns the ranges of the values of proseKeys in front matter fm, which
// starts at byte base of the file: the text after "key:" and the lines under it (list items,
// block scalars). Comments and other fields are left out.
func frontMatterSpans(fm []byte, base int) []markdown.Span {
	var spans []markdown.Span
	key := ""
	for off := 0; off < len(fm); {
		n := bytes.IndexByte(fm[off:], '\n')
		if n < 0 {
			n = len(fm) - off
		}
		line := bytes.TrimSuffix(fm[off:off+n], []byte{'\r'})
		lineStart := off
		off += n + 1
		trimmed := bytes.TrimLeft(line, " \t")
		switch {
		case len(trimmed) == 0 || trimmed[0] == '#':
			continue
		case len(trimmed) == len(line) && line[0] != '-':
			k, _, found := bytes.Cut(line, []byte{':'})
			if !found {
				key = ""
				continue
			}
			key = string(bytes.TrimSpace(k))
			trimmed = bytes.TrimLeft(line[len(k)+1:], " \t")
		default:
			trimmed = bytes.TrimLeft(bytes.TrimPrefix(trimmed, []byte("-")), " \t")
		}
		if proseKeys[key] && len(trimmed) > 0 {
			s := base + lineStart + len(line) - len(trimmed)
			spans = append(spans, markdown.Span{Start: s, End: s + len(trimmed)})
		}
	}
	return spans
}

// fileTypos returns the typography findings of a content file, with file offsets.
func fileTypos(md *markdown.Renderer, data []byte) []typo {
	var all []typo
	for _, sp := range proseSpans(md, data) {
		for _, t := range findTypos(string(data[sp.Start:sp.End])) {
			t.start += sp.Start
			t.end += sp.Start
			all = append(all, t)
		}
	}
	return all
}

// FixTypography applies the safe typography fixes to the bytes of one content file and
// returns the new bytes and the number of fixes. Code, URLs, front matter keys, slugs, aliases
// and keywords are never changed, nor are heading anchors (the fixes only touch characters
// markdown.HeadingID ignores or folds). The result has no safe finding left.
func FixTypography(data []byte) ([]byte, int) {
	return fixTypos(markdown.New(), data)
}

func fixTypos(md *markdown.Renderer, data []byte) ([]byte, int) {
	total := 0
	for range maxFixRounds {
		var safe []typo
		for _, t := range fileTypos(md, data) {
			if t.safe {
				safe = append(safe, t)
			}
		}
		if len(safe) == 0 {
			break
		}
		var n int
		data, n = applyTypos(data, safe)
		total += n
	}
	return data, total
}

// applyTypos replaces each finding's range with its fix; of overlapping findings (sorted by
// start) only the first is applied.
func applyTypos(data []byte, ts []typo) ([]byte, int) {
	sortTypos(ts)
	var b bytes.Buffer
	b.Grow(len(data))
	pos, n := 0, 0
	for _, t := range ts {
		if t.start < pos {
			continue
		}
		b.Write(data[pos:t.start])
		b.WriteString(t.repl)
		pos = t.end
		n++
	}
	b.Write(data[pos:])
	return b.Bytes(), n
}

// FixedFile is a content file that Fix changed.
type FixedFile struct {
	Path  string // slash path relative to the content root
	Fixes int
}

// Fix applies the safe typography fixes to every article and category file under dir and
// rewrites the files that change (atomically, keeping their permissions).
func Fix(dir string) ([]FixedFile, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("kb: content folder %s: %w", dir, err)
	}
	t, err := scan(root)
	if err != nil {
		return nil, err
	}
	md := markdown.New()
	var fixed []FixedFile
	for _, f := range append(append([]sourceFile(nil), t.articles...), t.indexes...) {
		out, n := fixTypos(md, f.data)
		if n == 0 {
			continue
		}
		if err := writeFileAtomic(filepath.Join(root, filepath.FromSlash(f.rel)), out); err != nil {
			return fixed, err
		}
		fixed = append(fixed, FixedFile{Path: f.rel, Fixes: n})
	}
	return fixed, nil
}

// writeFileAtomic replaces the file at name with data through a temporary file in the same
// folder, so that an editor or the watcher never reads half a file.
func writeFileAtomic(name string, data []byte) error {
	st, err := os.Stat(name)
	if err != nil {
		return fmt.Errorf("kb: fix: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".fix-")
	if err != nil {
		return fmt.Errorf("kb: fix: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), st.Mode().Perm())
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		return fmt.Errorf("kb: fix %s: %w", name, err)
	}
	return nil
}
