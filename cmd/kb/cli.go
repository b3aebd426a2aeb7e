package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one kb subcommand.
type command struct {
	name  string
	usage string
	run   func(ctx context.Context, env *cliEnv, args []string) error
}

// cliEnv is what a subcommand may use from the outside world.
type cliEnv struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// usageError is a mistake in how the command was called (exit code 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

func commands() []command {
	return []command{
		{"serve", "serve the help center over HTTP", runServe},
		{"index", "build the search index and exit", runIndex},
		{"search", "search the help center from the terminal", runSearch},
		{"eval", "measure search relevance on a relevance set", runEval},
		{"report", "print the help-center metrics for a range of days", runReport},
		{"check", "check the content before publishing (errors, typography)", runCheck},
		{"hash-password", "print the bcrypt hash of a password read from stdin, for --admin-password-hash", runHashPassword},
		{"new", "scaffold a new article", runNew},
		{"version", "print the version", runVersion},
	}
}

func run(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	env := &cliEnv{getenv: getenv, stdin: os.Stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
		defer stop()
		err := c.run(ctx, env, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, new(*usageError)):
			fmt.Fprintf(stderr, "kb %s: %v\n", c.name, err)
			return 2
		default:
			fmt.Fprintf(stderr, "kb %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "kb: unknown command %q\n\n", args[0])
	printUsage(stderr)
	return 2
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: kb <command> [flags]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-13s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nRun 'kb <command> -h' for the flags of a command.")
}

func runVersion(_ context.Context, env *cliEnv, args []string) error {
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintln(env.stdout, "kb", version)
	return nil
}
