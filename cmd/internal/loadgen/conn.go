package loadgen

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"sync"
	"time"
)

// readBufferSize holds a whole typical search response (about 7 KB of JSON plus 0.5 KB of
// headers) so that one read system call usually gets all of it.
const readBufferSize = 32 << 10

// userAgent names the load generator in the server's logs.
const userAgent = "kb-loadgen"

// errStopped is the error of a request cut off by the end of the run.
var errStopped = errors.New("loadgen: run ended")

// request is a target prepared for the wire once, before the run.
type request struct {
	route string
	raw   []byte // the whole GET request, headers included
}

// prepare checks that the targets are plain http:// URLs on one host and builds their requests.
// It returns the address to dial (host:port) and the requests in the targets' order.
func prepare(targets []Target) (string, []request, error) {
	var host string
	reqs := make([]request, len(targets))
	for i, t := range targets {
		u, err := url.Parse(t.URL)
		if err != nil {
			return "", nil, fmt.Errorf("loadgen: target %q: %w", t.URL, err)
		}
		if u.Scheme != "http" || u.Host == "" {
			return "", nil, fmt.Errorf("loadgen: target %q: only http:// URLs with a host are supported", t.URL)
		}
		if i == 0 {
			host = u.Host
		} else if u.Host != host {
			return "", nil, fmt.Errorf("loadgen: target %q: host %q differs from the first target's %q", t.URL, u.Host, host)
		}
		raw := "GET " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host + "\r\nUser-Agent: " + userAgent + "\r\n\r\n"
		reqs[i] = request{route: t.Route, raw: []byte(raw)}
	}
	u, _ := url.Parse(targets[0].URL) // parsed without error above
	port := u.Port()
	if port == "" {
		port = "80"
	}
	return net.JoinHostPort(u.Hostname(), port), reqs, nil
}

// client is one closed-loop HTTP/1.1 keep-alive connection, used by one worker goroutine only
// (stop is the exception: it may run from any goroutine). It sends no cookies and ignores
// Set-Cookie, so that every request is a new visitor, as with net/http's client without a jar.
// It does not follow redirects: a 3xx is recorded as the status it is.
type client struct {
	addr    string
	timeout time.Duration // for dialing, and for each request from writing to the last body byte
	br      *bufio.Reader

	mu      sync.Mutex // guards conn against stop, and stopped
	conn    net.Conn   // nil when not connected; written by the worker only, under mu
	stopped bool
}

func newClient(addr string, timeout time.Duration) *client {
	return &client{addr: addr, timeout: timeout, br: bufio.NewReaderSize(nil, readBufferSize)}
}

// roundTrip sends raw and reads the whole response, returning its status. It connects first if
// needed and drops the connection after any error or when the server will not keep it open.
func (c *client) roundTrip(ctx context.Context, raw []byte) (int, error) {
	if c.conn == nil {
		if err := c.dial(ctx); err != nil {
			return 0, err
		}
	}
	if err := c.conn.SetDeadline(time.Now().Add(c.timeout)); err != nil {
		c.close()
		return 0, fmt.Errorf("loadgen: set deadline: %w", err)
	}
	if _, err := c.conn.Write(raw); err != nil {
		c.close()
		return 0, fmt.Errorf("loadgen: write request: %w", err)
	}
	status, keep, err := readResponse(c.br)
	if err != nil || !keep {
		c.close()
	}
	if err != nil {
		return 0, fmt.Errorf("loadgen: read response: %w", err)
	}
	return status, nil
}

// dial opens a new connection unless the run has ended.
func (c *client) dial(ctx context.Context) error {
	d := net.Dialer{Timeout: c.timeout}
	conn, err := d.DialContext(ctx, "tcp", c.addr)
	if err != nil {
		return fmt.Errorf("loadgen: connect: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopped {
		conn.Close()
		return errStopped
	}
	c.conn = conn
	c.br.Reset(conn)
	return nil
}

// close drops the connection, if any.
func (c *client) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		c.conn.Close()
		c.conn = nil
	}
}

// stop ends the client from any goroutine: it closes the connection, which makes a request in
// flight fail at once, and keeps the client from connecting again.
func (c *client) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopped = true
	if c.conn != nil {
		c.conn.Close()
	}
}
