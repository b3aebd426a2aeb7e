package tickets

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"net/textproto"
	"strings"
	"testing"

	"persiankb/kb/store"
)

// smtpServer is a minimal SMTP server on a real socket: enough of RFC 5321 for net/smtp.
type smtpServer struct {
	ln      net.Listener
	replies map[string]string // command → reply overriding the default success
	msgs    chan []byte
}

func newSMTPServer(t *testing.T, replies map[string]string) *smtpServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln, replies: replies, msgs: make(chan []byte, 10)}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go s.session(conn)
		}
	}()
	return s
}

func (s *smtpServer) session(conn net.Conn) {
	defer conn.Close()
	tp := textproto.NewConn(conn)
	tp.PrintfLine("220 test ESMTP")
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.Fields(line + " x")[0])
		if r, ok := s.replies[cmd]; ok {
			tp.PrintfLine("%s", r)
			continue
		}
		switch cmd {
		case "EHLO", "HELO":
			tp.PrintfLine("250-test\r\n250 8BITMIME")
		case "MAIL", "RCPT", "RSET", "NOOP":
			tp.PrintfLine("250 OK")
		case "DATA":
			tp.PrintfLine("354 go ahead")
			msg, err := tp.ReadDotBytes()
			if err != nil {
				return
			}
			s.msgs <- msg
			tp.PrintfLine("250 queued")
		case "QUIT":
			tp.PrintfLine("221 bye")
			return
		default:
			tp.PrintfLine("502 not implemented")
		}
	}
}

func smtpConfig(c *clock, addr string) Config {
	cfg := testConfig(c, "")
	cfg.SMTP = SMTPConfig{Addr: addr, From: "kb@help.example.com", To: []string{"support@example.com"}}
	return cfg
}

func TestMailDelivery(t *testing.T) {
	c := newClock()
	s := tempStore(t)
	srv := newSMTPServer(t, nil)
	d := newTestDeliverer(t, s, smtpConfig(c, srv.ln.Addr().String()))
	draft := sampleDraft(t)
	tk, err := d.Submit(context.Background(), draft)
	if err != nil {
		t.Fatal(err)
	}
	deliverDue(t, d, Result{Delivered: 1})
	dl := deliveryOf(t, s, tk.Number)
	msg, err := mail.ReadMessage(bufio.NewReader(bytes.NewReader(<-srv.msgs)))
	if err != nil {
		t.Fatal(err)
	}
	var dec mime.WordDecoder
	subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
	replyTo, err := mail.ParseAddress(msg.Header.Get("Reply-To"))
	if err != nil {
		t.Fatal(err)
	}
	headers := []struct{ name, got, want string }{
		{"Subject", subject, "[" + tk.Number + "] " + draft.Subject},
		{"Reply-To address", replyTo.Address, draft.Email},
		{"Reply-To name", replyTo.Name, draft.Name},
		{"Message-ID", msg.Header.Get("Message-ID"), "<" + dl.Key + "." + tk.Number + "@help.example.com>"},
		{"To", msg.Header.Get("To"), "support@example.com"},
		{"X-KB-Delivery", msg.Header.Get("X-KB-Delivery"), dl.Key},
		{"Date", msg.Header.Get("Date"), "Fri, 21 Mar 2025 09:30:00 +0000"},
	}
	for _, h := range headers {
		if h.got != h.want {
			t.Errorf("%s = %q, want %q", h.name, h.got, h.want)
		}
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	parts := readParts(t, multipart.NewReader(msg.Body, params["boundary"]))
	if len(parts) != 2 {
		t.Fatalf("%d MIME parts, want text and one attachment", len(parts))
	}
	for _, want := range []string{"شماره‌ی درخواست: " + tk.Number, "موبایل: 09121234567", draft.Description, "رسید.png (image/png"} {
		if !strings.Contains(parts[0].text, want) {
			t.Errorf("mail text lacks %q:\n%s", want, parts[0].text)
		}
	}
	if a := parts[1]; a.contentType != "image/png" || a.filename != "رسید.png" || !bytes.Equal(a.data, draft.Attachments[0].Data) {
		t.Errorf("attachment part: %s %q, %d bytes", a.contentType, a.filename, len(a.data))
	}
}

type part struct {
	contentType, filename, text string
	data                        []byte
}

func readParts(t *testing.T, mr *multipart.Reader) []part {
	var parts []part
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return parts
		}
		if err != nil {
			t.Fatal(err)
		}
		if te := p.Header.Get("Content-Transfer-Encoding"); te != "base64" {
			t.Errorf("part encoded %q, want base64", te)
		}
		data, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, p))
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		parts = append(parts, part{contentType: ct, filename: p.FileName(), text: string(data), data: data})
	}
}

func TestMailFailures(t *testing.T) {
	tests := []struct {
		name    string
		replies map[string]string
		want    Result
		errSub  string
	}{
		{"mailbox unknown", map[string]string{"RCPT": "550 5.1.1 no such user"}, Result{Failed: 1}, "550"},
		{"mailbox busy", map[string]string{"RCPT": "451 4.3.0 try again later"}, Result{Retried: 1}, "451"},
		{"message refused", map[string]string{"DATA": "554 5.6.0 spam"}, Result{Failed: 1}, "554"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newClock()
			s := tempStore(t)
			srv := newSMTPServer(t, tc.replies)
			d := newTestDeliverer(t, s, smtpConfig(c, srv.ln.Addr().String()))
			tk, err := d.Submit(context.Background(), sampleDraft(t))
			if err != nil {
				t.Fatal(err)
			}
			deliverDue(t, d, tc.want)
			if dl := deliveryOf(t, s, tk.Number); !strings.Contains(dl.LastError, tc.errSub) {
				t.Errorf("last error %q, want %q in it", dl.LastError, tc.errSub)
			}
		})
	}
}

func TestMailWithoutAttachments(t *testing.T) {
	tk := store.Ticket{Number: "KB-000007", Name: "Ali\r\nBcc: x@evil.example", Email: "ali@example.com",
		Subject: "سلام\r\nBcc: victim@example.com", Description: "متن"}
	raw, err := buildMail(store.Delivery{Key: "dlv_k"}, tk, "kb@example.com", []string{"s@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if len(msg.Header["Bcc"]) != 0 {
		t.Errorf("header injection: %q", msg.Header["Bcc"])
	}
	if ct := msg.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	body, _ := io.ReadAll(base64.NewDecoder(base64.StdEncoding, msg.Body))
	if !strings.Contains(string(body), "KB-000007") || !strings.Contains(string(body), "متن") {
		t.Errorf("body = %q", body)
	}
}
