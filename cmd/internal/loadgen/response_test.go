package loadgen

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
)

// next is a second response after the one under test: reading it proves that the first was
// consumed exactly, no more and no less.
const next = "HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok"

func TestReadResponse(t *testing.T) {
	tests := []struct {
		name   string
		resp   string
		status int
		keep   bool
	}{
		{"content length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 200, true},
		{"no reason phrase", "HTTP/1.1 200\r\ncontent-length: 0\r\n\r\n", 200, true},
		{"bare line ends", "HTTP/1.1 200 OK\nContent-Length: 1\n\nx", 200, true},
		{"repeated equal length", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", 200, true},
		{"chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nA;ext=1\r\n0123456789\r\n0\r\n\r\n", 200, true},
		{"chunked with trailers", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-Sum: 1\r\nX-Other: 2\r\n\r\n", 200, true},
		{"chunked wins over length", "HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n", 200, true},
		{"not found", "HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nnop", 404, true},
		{"no content", "HTTP/1.1 204 No Content\r\n\r\n", 204, true},
		{"interim then final", "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", 200, true},
		{"connection close", "HTTP/1.1 500 Oops\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", 500, false},
		{"http/1.0", "HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx", 200, false},
		{"http/1.0 keep-alive", "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\nx", 200, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReader(strings.NewReader(tt.resp + next))
			status, keep, err := readResponse(br)
			if err != nil || status != tt.status || keep != tt.keep {
				t.Fatalf("readResponse = %d, %v, %v; want %d, %v, nil", status, keep, err, tt.status, tt.keep)
			}
			if status, _, err := readResponse(br); err != nil || status != 202 {
				t.Errorf("the following response: %d, %v; want 202 (the body was not consumed exactly)", status, err)
			}
		})
	}
}

// TestReadResponseToEOF checks a body without a length: it ends where the stream ends.
func TestReadResponseToEOF(t *testing.T) {
	for _, resp := range []string{
		"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of this is the body",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 1\r\n\r\nall of this",
	} {
		br := bufio.NewReader(strings.NewReader(resp))
		status, keep, err := readResponse(br)
		if err != nil || status != 200 || keep || br.Buffered() != 0 {
			t.Errorf("%q: %d, %v, %v, %d bytes left; want 200, false, nil, 0", resp, status, keep, err, br.Buffered())
		}
	}
}

func TestReadResponseMalformed(t *testing.T) {
	long := strings.Repeat("x", 5000) // longer than the test's read buffer
	tests := []struct{ name, resp string }{
		{"empty", ""},
		{"not http", "garbage\r\n\r\n"},
		{"http/2 status line", "HTTP/2 200 OK\r\n\r\n"},
		{"letters in status", "HTTP/1.1 2x0 OK\r\n\r\n"},
		{"status too long", "HTTP/1.1 2000 OK\r\n\r\n"},
		{"status too small", "HTTP/1.1 099 OK\r\n\r\n"},
		{"protocol switch", "HTTP/1.1 101 Switching Protocols\r\n\r\n"},
		{"header without colon", "HTTP/1.1 200 OK\r\nnonsense\r\n\r\n"},
		{"space in header name", "HTTP/1.1 200 OK\r\nContent Length: 1\r\n\r\nx"},
		{"bad length", "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\nx"},
		{"negative length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"},
		{"conflicting lengths", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxy"},
		{"short body", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"},
		{"headers cut off", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n"},
		{"bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nx\r\n0\r\n\r\n"},
		{"huge chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n"},
		{"chunk without line end", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nxy\r\n0\r\n\r\n"},
		{"short chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"},
		{"no last chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n"},
		{"trailers cut off", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Sum: 1\r\n"},
		{"line too long", "HTTP/1.1 200 OK\r\nX-Long: " + long + "\r\n\r\n"},
		{"too many headers", "HTTP/1.1 200 OK\r\n" + strings.Repeat("X-A: 1\r\n", maxHeaderLines+1) + "\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(tt.resp), 4096)
			status, keep, err := readResponse(br)
			if err == nil || keep {
				t.Fatalf("readResponse = %d, %v, %v; want an error and no keep-alive", status, keep, err)
			}
		})
	}
}

// TestReadResponseErrors checks that a cut-off response is told apart from a clean EOF.
func TestReadResponseErrors(t *testing.T) {
	_, _, err := readResponse(bufio.NewReader(strings.NewReader("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nab")))
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("short body: %v, want io.ErrUnexpectedEOF", err)
	}
	_, _, err = readResponse(bufio.NewReader(strings.NewReader("nonsense\r\n")))
	if !errors.Is(err, errMalformed) {
		t.Errorf("garbage: %v, want errMalformed", err)
	}
}
