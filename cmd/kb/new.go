package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"persiankb/kb"
	"persiankb/kb/markdown"
)

// newConfig is the configuration of `kb new`.
type newConfig struct {
	Content  string
	Title    string
	Category string
	Slug     string // "" makes one from the title
}

func parseNewConfig(env *cliEnv, args []string) (newConfig, error) {
	var c newConfig
	fs := newFlagSet(env, "new", ` "TITLE"`)
	fs.StringVar(&c.Content, "content", envOr(env, "KB_CONTENT", "./content"), "content folder of Markdown articles (KB_CONTENT)")
	fs.StringVar(&c.Category, "category", "", "category (folder) of the new article")
	fs.StringVar(&c.Slug, "slug", "", "URL slug and file name; default: made from the title (Persian kept, spaces become -)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	c.Title = strings.Join(strings.Fields(strings.Join(fs.Args(), " ")), " ")
	if c.Title == "" {
		return c, usagef(`give a title, e.g. kb new --category billing "بازگشت وجه"`)
	}
	if c.Slug == "" {
		c.Slug = markdown.HeadingID(c.Title)
	}
	if err := kb.ValidSlug(c.Slug); err != nil {
		return c, usagef("slug %q %v: give one with --slug", c.Slug, err)
	}
	if strings.ContainsAny(c.Category, `/\`) || strings.HasPrefix(c.Category, ".") || strings.HasPrefix(c.Category, "_") {
		return c, usagef("bad --category %q: give the name of a folder in the content folder", c.Category)
	}
	return c, nil
}

// runNew writes <content>/<category>/<slug>.md with front matter and a placeholder paragraph.
// It refuses to overwrite a file, to reuse a slug or alias, and to invent a category.
func runNew(_ context.Context, env *cliEnv, args []string) error {
	c, err := parseNewConfig(env, args)
	if err != nil {
		return err
	}
	lib, err := kb.Load(c.Content, kb.Options{Drafts: true})
	if err != nil {
		return err
	}
	if err := checkCategory(lib, c.Category); err != nil {
		return err
	}
	if a, ok := lib.Article(c.Slug); ok {
		return fmt.Errorf("slug %q is taken by %s: give another with --slug", c.Slug, a.Path)
	}
	if to, ok := lib.Redirect(c.Slug); ok {
		return fmt.Errorf("slug %q is an alias of the article %q: give another with --slug", c.Slug, to)
	}
	name := filepath.Join(c.Content, c.Category, c.Slug+".md")
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: not overwriting it", name)
	}
	if err != nil {
		return fmt.Errorf("create article: %w", err)
	}
	_, err = f.WriteString(scaffold(c.Title))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	fmt.Fprintln(env.stdout, filepath.ToSlash(name))
	return nil
}

// checkCategory refuses a category that has no folder with an _index.md, listing the known ones.
func checkCategory(lib *kb.Library, cat string) error {
	var known []string
	for _, c := range lib.Categories {
		if c.Slug == cat {
			return nil
		}
		if c.Slug != "" {
			known = append(known, c.Slug)
		}
	}
	sort.Strings(known)
	if cat == "" {
		return usagef("give --category, one of: %s", strings.Join(known, ", "))
	}
	return usagef("unknown category %q (create its folder with an _index.md first); known: %s", cat, strings.Join(known, ", "))
}

// scaffold is the text of a new article: a draft until the writer removes draft: true.
func scaffold(title string) string {
	t, _ := yaml.Marshal(title) // a string always marshals; quoted only when YAML needs it
	return "---\ntitle: " + string(t) +
		"summary:\ntags: []\ndraft: true\n---\n\nمتن مقاله را اینجا بنویسید.\n"
}
