package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"persiankb/kb/store"
)

// Environment of the `kb serve` child process of TestKill9DuringTicketSubmission.
const (
	killChildEnv = "KB_TEST_KILL9_CHILD" // data folder; set only in the child
	killAddrEnv  = "KB_TEST_KILL9_ADDR"
)

// Load of TestKill9DuringTicketSubmission: killClients browsers, each from its own loopback
// address (the per-client limit lets each send ticketBurst tickets at once), send tickets
// concurrently; the server is killed once killAfter of them have been acknowledged, with the
// others in flight.
const (
	killClients     = 24
	killPerClient   = 5
	killAfter       = 40
	killStartupWait = 120 * time.Second // index build under -race on a shared machine
)

// TestKill9DuringTicketSubmission runs `kb serve` in a child process, sends it tickets from
// many concurrent clients, kills it with SIGKILL in the middle of the load and checks that
// every ticket acknowledged to its client (a 303 to the receipt page) is in the database, with
// its text and attachment. A new server then starts on the same data and issues a number
// after all of them.
func TestKill9DuringTicketSubmission(t *testing.T) {
	if data := os.Getenv(killChildEnv); data != "" {
		serveChild(data)
		return
	}
	if testing.Short() {
		t.Skip("starts two servers")
	}
	data := t.TempDir()
	srv := startChild(t, data)
	acked, inFlight := submitUntilKilled(t, srv)
	t.Logf("%d tickets acknowledged, %d ticket POSTs in flight at the kill", len(acked), inFlight)
	if inFlight == 0 {
		t.Error("no ticket was being sent when the server was killed")
	}

	st, err := store.OpenSQLite(context.Background(), filepath.Join(data, defaultStoreFile))
	if err != nil {
		t.Fatalf("reopen the store after kill -9: %v", err)
	}
	stored := storedTickets(t, st) // by subject
	st.Close()
	last := int64(0)
	for subject, number := range acked {
		tk, ok := stored[subject]
		if !ok {
			t.Errorf("acknowledged ticket %s (%q) lost after kill -9", number, subject)
			continue
		}
		if (number != "" && tk.Number != number) || len(tk.Attachments) != 1 || !bytes.Equal(tk.Attachments[0].Data, killPDF) {
			t.Errorf("ticket %q stored as %s with %d attachments, acknowledged as %q with the PDF", subject, tk.Number, len(tk.Attachments), number)
		}
		last = max(last, tk.ID)
	}

	srv2 := startChild(t, data) // a restart on the same data
	number, err := newKillClient(srv2.base, 250).submit("پس از راه‌اندازی دوباره", new(atomic.Int64))
	if err != nil {
		t.Fatalf("submit after the restart: %v", err)
	}
	if id := ticketID(t, number); id <= last {
		t.Errorf("after the restart the new ticket is %s, not after the last acknowledged one (ID %d)", number, last)
	}
	srv2.stop(t)
}

// child is a running `kb serve` process.
type child struct {
	cmd  *exec.Cmd
	base string // http://127.0.0.1:port
	done chan struct{}
}

// startChild starts `kb serve` on data in a child process and waits until it answers.
func startChild(t *testing.T, data string) *child {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKill9DuringTicketSubmission$")
	cmd.Env = append(os.Environ(), killChildEnv+"="+data, killAddrEnv+"="+addr)
	var logs lockedWriter
	cmd.Stdout, cmd.Stderr = &logs, &logs
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} // never outlives the test
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, base: "http://" + addr, done: make(chan struct{})}
	go func() { cmd.Wait(); close(c.done) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-c.done
		if t.Failed() {
			t.Logf("server output:\n%s", logs.String())
		}
	})
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(c.base + "/tickets/new")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return c
			}
		}
		select {
		case <-c.done:
			t.Fatalf("kb serve exited before answering:\n%s", logs.String())
		default:
		}
		if time.Since(start) > killStartupWait {
			t.Fatalf("kb serve did not answer within %v:\n%s", killStartupWait, logs.String())
		}
	}
}

// stop ends the child gracefully.
func (c *child) stop(t *testing.T) {
	c.cmd.Process.Signal(syscall.SIGTERM)
	<-c.done
}

// serveChild is the child: `kb serve` on data, until it is killed.
func serveChild(data string) {
	content, _ := filepath.Abs(filepath.Join("..", "..", "content"))
	getenv := func(k string) string {
		if strings.HasPrefix(k, "KB_") {
			return "" // the flags below and the defaults only
		}
		return os.Getenv(k)
	}
	os.Exit(run([]string{"serve", "--content", content, "--data", data, "--addr", os.Getenv(killAddrEnv)}, getenv, os.Stdout, os.Stderr))
}

// submitUntilKilled sends tickets from killClients concurrent clients and kills the server
// once killAfter are acknowledged; it returns the acknowledged tickets (subject → number, ""
// when the server was killed between the acknowledgement and the receipt page)
// and how many ticket POSTs were in flight at the kill.
func submitUntilKilled(t *testing.T, c *child) (acked map[string]string, inFlight int64) {
	var (
		mu      sync.Mutex
		posting atomic.Int64 // POSTs sent and not answered
		killed  atomic.Bool
		killNow = make(chan struct{})
		once    sync.Once
		wg      sync.WaitGroup
	)
	acked = map[string]string{}
	for i := range killClients {
		kc := newKillClient(c.base, byte(10+i))
		wg.Go(func() {
			for j := range killPerClient {
				subject := fmt.Sprintf("درخواست آزمایشی %d-%d", i, j)
				number, err := kc.submit(subject, &posting)
				if errors.Is(err, errReceipt) { // acknowledged; killed before the receipt page
					mu.Lock()
					acked[subject] = ""
					mu.Unlock()
				}
				if err != nil {
					if !killed.Load() {
						t.Errorf("client %d before the kill: %v", i, err)
					}
					return
				}
				mu.Lock()
				acked[subject] = number
				if len(acked) >= killAfter {
					once.Do(func() { close(killNow) })
				}
				mu.Unlock()
			}
		})
	}
	allDone := make(chan struct{})
	go func() { wg.Wait(); close(allDone) }()
	select {
	case <-killNow:
	case <-allDone:
		t.Fatalf("only %d of %d tickets acknowledged before the load ended; the server was not killed", len(acked), killAfter)
	}
	inFlight = posting.Load()
	killed.Store(true)
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-c.done
	<-allDone
	mu.Lock()
	defer mu.Unlock()
	return acked, inFlight
}

// killClient is one browser with its own loopback address and cookies.
type killClient struct {
	base string
	http *http.Client
}

func newKillClient(base string, host byte) *killClient {
	jar, _ := cookiejar.New(nil)
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, host)}, Timeout: 10 * time.Second}
	return &killClient{base: base, http: &http.Client{
		Jar:           jar,
		Timeout:       60 * time.Second,
		Transport:     &http.Transport{DialContext: dialer.DialContext},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// errReceipt: the ticket was acknowledged (303) but its receipt page could not be read.
var errReceipt = errors.New("acknowledged, but the receipt page failed")

var (
	killCSRFRe   = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)
	killNumberRe = regexp.MustCompile(`class="ticket-number" dir="ltr">(KB-\d+)<`)
	// killPDF is the smallest file the ticket form accepts as a PDF.
	killPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
)

// submit opens the form, sends a ticket with subject and a PDF, and returns its number once
// the server has acknowledged it (303 to the receipt, whose page shows the number). posting
// counts the POSTs waiting for their answer.
func (kc *killClient) submit(subject string, posting *atomic.Int64) (string, error) {
	page, err := kc.get("/tickets/new")
	if err != nil {
		return "", err
	}
	m := killCSRFRe.FindStringSubmatch(page)
	if m == nil {
		return "", errors.New("no form token on the form")
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range map[string]string{"csrf_token": m[1], "name": "مریم احمدی", "email": "maryam@example.com",
		"category": "billing", "subject": subject, "description": "سفارشم را لغو کردم ولی هنوز پولم به کارت برنگشته است.", "step": "send"} {
		mw.WriteField(k, v)
	}
	w, _ := mw.CreateFormFile("attachments", "رسید.pdf")
	w.Write(killPDF)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, kc.base+"/tickets/new", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	posting.Add(1)
	resp, err := kc.http.Do(req)
	posting.Add(-1)
	if err != nil {
		return "", err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("POST /tickets/new: %s", resp.Status)
	}
	// Acknowledged: the receipt URL carries the signed number, so its page needs no database.
	receipt, err := kc.get(resp.Header.Get("Location"))
	if err != nil {
		return "", fmt.Errorf("%w: %w", errReceipt, err)
	}
	n := killNumberRe.FindStringSubmatch(receipt)
	if n == nil {
		return "", errors.New("no ticket number on the receipt page")
	}
	return n[1], nil
}

func (kc *killClient) get(path string) (string, error) {
	resp, err := kc.http.Get(kc.base + path)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return string(b), err
}

// storedTickets reads every ticket of the store by number, up to a run of missing numbers
// longer than the submissions that could have been in flight, and maps them by subject.
func storedTickets(t *testing.T, st *store.SQLite) map[string]store.Ticket {
	t.Helper()
	out := map[string]store.Ticket{}
	for id, missing := int64(1), 0; missing <= killClients; id++ {
		number := store.FormatTicketNumber(id)
		tk, err := st.Ticket(context.Background(), number)
		if errors.Is(err, store.ErrNotFound) {
			missing++
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		missing = 0
		out[tk.Subject] = tk
	}
	return out
}

func ticketID(t *testing.T, number string) int64 {
	var id int64
	if _, err := fmt.Sscanf(strings.TrimPrefix(number, store.TicketNumberPrefix), "%d", &id); err != nil {
		t.Fatalf("ticket number %q: %v", number, err)
	}
	return id
}

// lockedWriter collects a child's output from the goroutines exec starts.
type lockedWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *lockedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}
