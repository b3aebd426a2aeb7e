package storetest

import (
	"context"
	"crypto/rand"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// PostgresURLEnv names the PostgreSQL server of the tests, e.g.
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable. Unset, PostgreSQL tests skip, except
// under CI=true, where a missing or unreachable server fails the run.
const PostgresURLEnv = "KB_TEST_POSTGRES_URL"

// postgresProbeTimeout bounds the first connection to the test server.
const postgresProbeTimeout = 10 * time.Second

// PostgresServer returns the test server's URL after checking that it answers; it skips the test
// (fails it under CI=true) without a server.
func PostgresServer(t testing.TB) string {
	t.Helper()
	raw := os.Getenv(PostgresURLEnv)
	if raw == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is not set: the PostgreSQL store must be tested in CI", PostgresURLEnv)
		}
		t.Skipf("%s not set: PostgreSQL not tested", PostgresURLEnv)
	}
	ctx, cancel := context.WithTimeout(context.Background(), postgresProbeTimeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, raw)
	if err != nil {
		t.Fatalf("%s is set but the server does not answer: %v", PostgresURLEnv, err)
	}
	conn.Close(ctx)
	return raw
}

// PostgresSchema returns a URL of the test server whose connections use a new, empty schema of
// the test's own, dropped with everything in it when the test ends; it skips the test (fails
// it under CI=true) without a server.
func PostgresSchema(t testing.TB) string {
	t.Helper()
	dsn, _ := PostgresSchemaNamed(t)
	return dsn
}

// PostgresSchemaNamed is PostgresSchema that also returns the schema's name: tests run in
// parallel on one database and leave nothing behind.
func PostgresSchemaNamed(t testing.TB) (dsn, schema string) {
	t.Helper()
	raw := PostgresServer(t)
	admin, err := pgx.Connect(context.Background(), raw)
	if err != nil {
		t.Fatalf("%s: %v", PostgresURLEnv, err)
	}
	schema = "kbtest_" + strings.ToLower(rand.Text()[:16])
	if _, err := admin.Exec(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		admin.Close(context.Background())
	})
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("%s: %v", PostgresURLEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema) // pgx sends unknown URL parameters as session settings
	u.RawQuery = q.Encode()
	return u.String(), schema
}

// TCPProxy forwards connections from a local port to a server (a database). Stop cuts every
// connection and refuses new ones, as a server that went down or a network partition; Start
// listens again on the same port.
type TCPProxy struct {
	t      testing.TB
	target string
	// Addr is the proxy's address (host:port), to use in place of the server's.
	Addr  string
	mu    sync.Mutex
	ln    net.Listener
	conns []net.Conn
	wg    sync.WaitGroup
}

// NewTCPProxy starts a proxy to target (host:port), stopped when the test ends.
func NewTCPProxy(t testing.TB, target string) *TCPProxy {
	p := &TCPProxy{t: t, target: target, Addr: "127.0.0.1:0"}
	p.Start()
	p.Addr = p.ln.Addr().String()
	t.Cleanup(p.Stop)
	return p
}

// ProxyURL is rawURL with its host replaced by the proxy's address.
func (p *TCPProxy) ProxyURL(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		p.t.Fatal(err)
	}
	u.Host = p.Addr
	return u.String()
}

// Start listens (again) on the proxy's address.
func (p *TCPProxy) Start() {
	ln, err := net.Listen("tcp", p.Addr)
	if err != nil {
		p.t.Fatalf("proxy listen on %s: %v", p.Addr, err)
	}
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	p.wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.forward(c)
		}
	})
}

func (p *TCPProxy) forward(c net.Conn) {
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns = append(p.conns, c, s)
	p.mu.Unlock()
	pipe := func(dst, src net.Conn) {
		io.Copy(dst, src)
		dst.Close()
		src.Close()
	}
	p.wg.Go(func() { pipe(s, c) })
	p.wg.Go(func() { pipe(c, s) })
}

// Stop closes the listener and every forwarded connection and waits for the copies to end.
func (p *TCPProxy) Stop() {
	p.mu.Lock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
	p.mu.Unlock()
	p.wg.Wait()
}
