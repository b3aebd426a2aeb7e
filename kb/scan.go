package kb

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// MaxArticleBytes bounds a Markdown file. Real help articles are a few KB; a bigger file is a
// mistake (a pasted base64 image, a log) and would slow every reload and search.
const MaxArticleBytes = 2 << 20

// sourceFile is a Markdown file read during the scan.
type sourceFile struct {
	rel  string // slash path from the content root
	data []byte
}

// tree is what scanning the content folder found.
type tree struct {
	articles []sourceFile    // <category>/<slug>.md and root .md files, in path order
	indexes  []sourceFile    // <category>/_index.md
	files    map[string]bool // every other file (images, PDFs, _synonyms.yaml), by slash path
	hash     string
	problems []Problem
}

// scan walks root: it reads Markdown files, notes every other file and hashes them all
// (path, size and bytes, in path order). It fails only when root itself cannot be read.
// Hidden files and folders (".git") are skipped. Files are opened through os.Root, so a
// symbolic link is followed only while it stays inside root.
func scan(root string) (*tree, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, fmt.Errorf("kb: read content folder: %w", err)
	}
	defer r.Close()
	t := &tree{files: make(map[string]bool)}
	h := sha256.New()
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if p == root {
			return err // unreadable root: the only error Load returns
		}
		rel := relPath(root, p)
		switch {
		case err != nil:
			t.cannotRead(rel, err)
			return skipDir(d)
		case strings.HasPrefix(d.Name(), "."):
			return skipDir(d)
		case d.IsDir():
			return nil
		}
		t.addFile(h, r, rel)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("kb: read content folder: %w", err)
	}
	t.hash = hex.EncodeToString(h.Sum(nil))
	return t, nil
}

// addFile hashes one file and sorts it into articles, category indexes or other files.
func (t *tree) addFile(h hash.Hash, root *os.Root, rel string) {
	info, err := root.Stat(rel)
	switch {
	case err != nil:
		t.cannotRead(rel, err)
		return
	case !info.Mode().IsRegular():
		// Opening a FIFO or device would block or never end.
		t.problems = append(t.problems, Problem{Path: rel, Message: "not a regular file: skipped", Warning: true})
		return
	}
	f, err := root.Open(rel)
	if err != nil {
		t.cannotRead(rel, err)
		return
	}
	defer f.Close()
	kind := classify(rel)
	if kind != otherFile && info.Size() > MaxArticleBytes {
		t.problems = append(t.problems, Problem{Path: rel,
			Message: fmt.Sprintf("file is %d bytes; Markdown files are limited to %d", info.Size(), MaxArticleBytes)})
		kind = otherFile
	}
	if kind == otherFile {
		t.files[rel] = true
		t.hashFile(h, rel, info.Size(), f)
		return
	}
	data, err := readSized(io.LimitReader(f, MaxArticleBytes+1), info.Size())
	if err != nil {
		t.cannotRead(rel, err)
		return
	}
	writeHashHeader(h, rel, int64(len(data)))
	h.Write(data)
	sf := sourceFile{rel: rel, data: data}
	if kind == indexFile {
		t.indexes = append(t.indexes, sf)
	} else {
		t.articles = append(t.articles, sf)
	}
}

func (t *tree) cannotRead(rel string, err error) {
	t.problems = append(t.problems, Problem{Path: rel, Message: fmt.Sprintf("cannot read: %v", err)})
}

// categoryDirs returns the folders that are categories: those with articles or an _index.md.
func (t *tree) categoryDirs() map[string]bool {
	dirs := make(map[string]bool)
	for _, f := range t.articles {
		if c := categoryOf(f.rel); c != "" {
			dirs[c] = true
		}
	}
	for _, f := range t.indexes {
		dirs[categoryOf(f.rel)] = true
	}
	return dirs
}

// hashFile streams a non-Markdown file into the hash: images need not sit in memory.
func (t *tree) hashFile(h hash.Hash, rel string, size int64, f *os.File) {
	writeHashHeader(h, rel, size)
	if _, err := io.Copy(h, f); err != nil {
		t.cannotRead(rel, err)
	}
}

// writeHashHeader separates files in the hash so that moving bytes between files changes it.
func writeHashHeader(h hash.Hash, rel string, size int64) {
	io.WriteString(h, rel)
	h.Write([]byte{0})
	io.WriteString(h, strconv.FormatInt(size, 10))
	h.Write([]byte{0})
}

type fileKind int

const (
	otherFile   fileKind = iota // images, PDFs, _synonyms.yaml: hashed, maybe served, not parsed
	articleFile                 // <category>/<slug>.md
	indexFile                   // <category>/_index.md
)

// classify tells articles and category indexes from other files. Markdown files whose name
// or folder starts with '_' are not articles; only a top folder's _index.md describes it.
func classify(rel string) fileKind {
	if !strings.EqualFold(filepath.Ext(rel), ".md") {
		return otherFile
	}
	parts := strings.Split(rel, "/")
	if len(parts) == 2 && parts[1] == "_index.md" {
		return indexFile
	}
	for _, p := range parts {
		if strings.HasPrefix(p, "_") {
			return otherFile
		}
	}
	return articleFile
}

func relPath(root, p string) string {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

func skipDir(d fs.DirEntry) error {
	if d != nil && d.IsDir() {
		return filepath.SkipDir
	}
	return nil
}

// readSized reads r to the end into a buffer of the size the file had when listed: the bytes
// stay with the article (its Source) while it is served, and io.ReadAll's doubling buffers held
// a quarter more than the files at 10,000 articles.
func readSized(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, size+1) // one more: a file that grew since is read on
	n, err := io.ReadFull(r, data)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return data[:n], nil
	case err != nil:
		return nil, err
	}
	rest, err := io.ReadAll(r)
	return append(data, rest...), err
}
