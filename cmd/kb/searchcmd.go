package main

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"

	"persiankb/search"
)

func runSearch(ctx context.Context, env *cliEnv, args []string) error {
	var c libraryConfig
	fs := newFlagSet(env, "search", " QUERY...")
	addLibraryFlags(fs, env, &c)
	limit := fs.Int("limit", 5, "number of results to show")
	category := fs.String("category", "", "only articles of this category")
	if err := fs.Parse(args); err != nil {
		return err
	}
	query := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(query) == "" {
		return usagef("give a query, e.g. kb search \"بازیابی رمز عبور\"")
	}
	idx, err := loadIndexed(c, env.stderr)
	if err != nil {
		return err
	}
	defer idx.Close()
	res, err := idx.Search(ctx, search.Request{Query: query, Limit: *limit, Category: *category})
	var re *search.RequestError
	if errors.As(err, &re) {
		return usagef("%s", re.Message)
	}
	if err != nil {
		return err
	}
	printResults(env, res)
	return nil
}

// printResults writes results as plain text: <mark> becomes [brackets], entities are decoded.
func printResults(env *cliEnv, res *search.Result) {
	fmt.Fprintf(env.stdout, "%d results for %q (%s)\n", res.Total, res.Query, res.Took.Round(10_000))
	if res.DidYouMean != "" {
		fmt.Fprintf(env.stdout, "did you mean: %s\n", res.DidYouMean)
	}
	for i, h := range res.Hits {
		snippet := strings.NewReplacer("<mark>", "[", "</mark>", "]").Replace(h.Snippet)
		fmt.Fprintf(env.stdout, "\n%d. %s  (%s)\n   %s\n   %s\n", i+1, h.Title, h.Category, h.URL, html.UnescapeString(snippet))
	}
}
