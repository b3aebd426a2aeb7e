package main

import (
	"context"
	"fmt"
)

func runIndex(_ context.Context, env *cliEnv, args []string) error {
	var c libraryConfig
	fs := newFlagSet(env, "index", "")
	addLibraryFlags(fs, env, &c)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	idx, err := loadIndexed(c, env.stderr)
	if err != nil {
		return err
	}
	lib := idx.Library()
	n, _ := idx.DocCount()
	fmt.Fprintf(env.stdout, "%d articles in %d categories, %d documents indexed, %d problems\n",
		len(lib.Articles), len(lib.Categories), n, len(lib.Problems))
	return idx.Close()
}
