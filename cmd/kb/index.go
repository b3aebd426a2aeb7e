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
	if err := c.validate(); err != nil {
		return usagef("%v", err)
	}
	lib, err := loadLibrary(c, env.stderr)
	if err != nil {
		return err
	}
	idx, err := openIndex(c, lib, env.stderr)
	if err != nil {
		return err
	}
	n, _ := idx.DocCount()
	fmt.Fprintf(env.stdout, "%d articles in %d categories, %d documents indexed, %d problems\n",
		len(lib.Articles), len(lib.Categories), n, len(lib.Problems))
	return idx.Close()
}
