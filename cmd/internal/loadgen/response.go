package loadgen

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// maxHeaderLines bounds the header (or trailer) lines of one response: a server sending more is
// treated as broken rather than read forever. kb sends about ten.
const maxHeaderLines = 128

// maxChunkSizeDigits bounds a chunk size line's hex digits so that the size cannot overflow.
const maxChunkSizeDigits = 15

var (
	errMalformed  = errors.New("malformed response")
	errLineTooBig = errors.New("response line longer than the read buffer")
)

// head is what the status line and headers say about reading the body.
type head struct {
	status  int
	length  int64 // Content-Length; -1 when not given
	chunked bool  // Transfer-Encoding ends in chunked
	toEOF   bool  // another Transfer-Encoding: the body ends when the server closes
	close   bool  // the server closes the connection after this response
}

// readResponse reads one response and discards its body. keep reports whether the connection
// can carry the next request. Interim 1xx responses are skipped.
func readResponse(br *bufio.Reader) (status int, keep bool, err error) {
	h, err := readHead(br)
	for err == nil && h.status < 200 && h.status != 101 {
		h, err = readHead(br) // an interim response (100, 103): the final one follows
	}
	if err != nil {
		return 0, false, err
	}
	if h.status == 101 {
		return 0, false, fmt.Errorf("%w: unrequested protocol switch", errMalformed)
	}
	keep = !h.close
	switch {
	case h.status == 204 || h.status == 304:
		// No body by definition.
	case h.chunked:
		err = discardChunked(br)
	case h.length >= 0 && !h.toEOF:
		_, err = br.Discard(int(h.length))
		err = noEOF(err)
	default: // no length: the body ends when the server closes the connection
		_, err = br.WriteTo(io.Discard)
		keep = false
	}
	if err != nil {
		return 0, false, err
	}
	return h.status, keep, nil
}

// readHead reads the status line and the headers.
func readHead(br *bufio.Reader) (head, error) {
	h := head{length: -1}
	line, err := readLine(br)
	if err != nil {
		return h, err
	}
	if h.status, err = parseStatusLine(line); err != nil {
		return h, err
	}
	h.close = bytes.HasPrefix(line, []byte("HTTP/1.0 ")) // HTTP/1.0 closes unless told otherwise
	for range maxHeaderLines {
		line, err := readLine(br)
		if err != nil {
			return h, err
		}
		if len(line) == 0 {
			return h, nil
		}
		if err := h.header(line); err != nil {
			return h, err
		}
	}
	return h, fmt.Errorf("%w: more than %d header lines", errMalformed, maxHeaderLines)
}

// parseStatusLine reads the code of "HTTP/1.x NNN reason".
func parseStatusLine(line []byte) (int, error) {
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) || line[8] != ' ' ||
		(len(line) > 12 && line[12] != ' ') {
		return 0, fmt.Errorf("%w: status line %q", errMalformed, line)
	}
	code := 0
	for _, b := range line[9:12] {
		if b < '0' || b > '9' {
			return 0, fmt.Errorf("%w: status line %q", errMalformed, line)
		}
		code = code*10 + int(b-'0')
	}
	if code < 100 {
		return 0, fmt.Errorf("%w: status line %q", errMalformed, line)
	}
	return code, nil
}

// header applies one header line to h.
func (h *head) header(line []byte) error {
	name, value, ok := bytes.Cut(line, []byte(":"))
	if !ok || len(name) == 0 || bytes.ContainsAny(name, " \t") {
		return fmt.Errorf("%w: header line %q", errMalformed, line)
	}
	value = bytes.TrimSpace(value)
	switch {
	case bytes.EqualFold(name, []byte("Content-Length")):
		n, err := parseLength(value)
		if err != nil || (h.length >= 0 && n != h.length) {
			return fmt.Errorf("%w: Content-Length %q", errMalformed, value)
		}
		h.length = n
	case bytes.EqualFold(name, []byte("Transfer-Encoding")):
		// The last coding says how the body ends; Content-Length no longer counts.
		last := value[bytes.LastIndexByte(value, ',')+1:]
		h.chunked = bytes.EqualFold(bytes.TrimSpace(last), []byte("chunked"))
		h.toEOF = !h.chunked
	case bytes.EqualFold(name, []byte("Connection")):
		for tok := range bytes.SplitSeq(value, []byte(",")) {
			tok = bytes.TrimSpace(tok)
			if bytes.EqualFold(tok, []byte("close")) {
				h.close = true
			} else if bytes.EqualFold(tok, []byte("keep-alive")) {
				h.close = false
			}
		}
	}
	return nil
}

// parseLength reads a decimal Content-Length without allocating.
func parseLength(b []byte) (int64, error) {
	if len(b) == 0 || len(b) > 18 { // 18 digits cannot overflow int64
		return 0, errMalformed
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, errMalformed
		}
		n = n*10 + int64(c-'0')
	}
	return n, nil
}

// discardChunked reads a chunked body, its trailers and the blank line that ends them.
func discardChunked(br *bufio.Reader) error {
	for {
		line, err := readLine(br)
		if err != nil {
			return err
		}
		size, err := parseChunkSize(line)
		if err != nil {
			return err
		}
		if size == 0 {
			return discardTrailers(br)
		}
		if _, err := br.Discard(int(size)); err != nil {
			return noEOF(err)
		}
		if line, err := readLine(br); err != nil || len(line) != 0 {
			return errors.Join(fmt.Errorf("%w: no line end after a chunk", errMalformed), err)
		}
	}
}

// parseChunkSize reads the hex size of a chunk size line, ignoring chunk extensions.
func parseChunkSize(line []byte) (int64, error) {
	digits, _, _ := bytes.Cut(line, []byte(";"))
	digits = bytes.TrimRight(digits, " \t")
	if len(digits) == 0 || len(digits) > maxChunkSizeDigits {
		return 0, fmt.Errorf("%w: chunk size %q", errMalformed, line)
	}
	var n int64
	for _, c := range digits {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, fmt.Errorf("%w: chunk size %q", errMalformed, line)
		}
		n = n<<4 | int64(d)
	}
	return n, nil
}

// discardTrailers reads the trailer lines after the last chunk, up to the blank line.
func discardTrailers(br *bufio.Reader) error {
	for range maxHeaderLines {
		line, err := readLine(br)
		if err != nil {
			return err
		}
		if len(line) == 0 {
			return nil
		}
	}
	return fmt.Errorf("%w: more than %d trailer lines", errMalformed, maxHeaderLines)
}

// readLine returns the next line without its line end. The slice is only valid until the next
// read from br.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	switch {
	case errors.Is(err, bufio.ErrBufferFull):
		return nil, errLineTooBig
	case err != nil:
		return nil, noEOF(err)
	}
	line = line[:len(line)-1]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, nil
}

// noEOF turns an EOF in the middle of a response into io.ErrUnexpectedEOF.
func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
