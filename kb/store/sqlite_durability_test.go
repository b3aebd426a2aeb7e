package store_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"persiankb/kb/store"
)

// crashEnv names the database file when the test binary runs as the child of
// TestDurabilityKill9.
const crashEnv = "KB_STORE_CRASH_CHILD_DB"

// TestDurabilityKill9 runs a child process that creates tickets and prints each number as soon
// as CreateTicket returns (the moment the site would show it to the customer), kills it with
// SIGKILL while it is still writing, and checks that every printed ticket is in the file.
func TestDurabilityKill9(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path)
		return
	}
	const acknowledged = 25
	path := filepath.Join(t.TempDir(), "kb.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestDurabilityKill9$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var numbers []string
	sc := bufio.NewScanner(out)
	for len(numbers) < acknowledged && sc.Scan() {
		if n, ok := strings.CutPrefix(sc.Text(), "ACK "); ok {
			numbers = append(numbers, n)
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if len(numbers) < acknowledged {
		t.Fatalf("child acknowledged only %d tickets before exiting", len(numbers))
	}
	s, err := store.OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatalf("reopen after kill -9: %v", err)
	}
	defer s.Close()
	for i, n := range numbers {
		tk, err := s.Ticket(context.Background(), n)
		if err != nil {
			t.Fatalf("acknowledged ticket %s lost after kill -9: %v", n, err)
		}
		if want := fmt.Sprintf("ticket %d", i); tk.Subject != want || len(tk.Attachments) != 1 {
			t.Errorf("ticket %s = %q with %d attachments, want %q with 1", n, tk.Subject, len(tk.Attachments), want)
		}
	}
}

// crashChild creates tickets forever, printing "ACK <number>" after each commit.
func crashChild(path string) {
	s, err := store.OpenSQLite(context.Background(), path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for i := 0; ; i++ {
		tk := store.Ticket{Name: "n", Email: "e@example.com", Subject: fmt.Sprintf("ticket %d", i), Description: "d",
			Attachments: []store.Attachment{{ID: fmt.Sprint("att", i), ContentType: "image/png", Data: make([]byte, 64<<10)}}}
		tk, err := s.CreateTicket(context.Background(), tk, []string{"webhook"})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Fprintln(os.Stdout, "ACK", tk.Number) // unbuffered: written before the next ticket starts
	}
}
