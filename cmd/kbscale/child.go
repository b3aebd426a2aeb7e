package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Child-process limits. A server that is not listening by then failed to start; one that
// does not stop after SIGTERM within stopTimeout is killed.
const (
	startTimeout = 10 * time.Minute // kb serve reuses the index built just before, but may rebuild it
	stopTimeout  = 20 * time.Second
)

// build is the outcome of one kb index run.
type build struct {
	wall      time.Duration
	cpu       time.Duration // user and system CPU time of the child: steadier than wall time on a busy machine
	peakRSS   int64         // bytes, the child's getrusage maximum resident set size
	indexSize int64         // bytes on disk
}

// runBuild runs kb index as a child and measures its wall time and peak RSS.
func runBuild(ctx context.Context, kbBin string, env []string, content, data, analyzer string) (build, error) {
	cmd := exec.CommandContext(ctx, kbBin, "index", "--content", content, "--data", data, "--analyzer", analyzer)
	cmd.Env = env
	out := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = out, out
	start := time.Now()
	err := cmd.Run()
	b := build{wall: time.Since(start)}
	if err != nil {
		return b, fmt.Errorf("kb index --analyzer %s: %w\n%s", analyzer, err, tail(out.String()))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		b.peakRSS = ru.Maxrss * 1024 // kilobytes on Linux
		b.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	b.indexSize = dirSize(filepath.Join(data, "index-"+analyzer))
	return b, nil
}

// server is a kb serve child.
type server struct {
	cmd  *exec.Cmd
	log  string // its stderr: one line per request
	url  string
	done chan error
	once sync.Once
	err  error // of stop
}

// servingLine is the log record kb serve writes once it listens.
var servingLine = regexp.MustCompile(`msg=serving .*\burl=(http://[^/\s]+)`)

// startServer starts kb serve on a free loopback port and waits until it listens.
func startServer(ctx context.Context, kbBin string, env []string, content, data, analyzer string) (*server, error) {
	logPath := filepath.Join(data, "serve.log")
	f, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("serve log: %w", err)
	}
	defer f.Close()
	cmd := exec.Command(kbBin, "serve", "--content", content, "--data", data, "--analyzer", analyzer,
		"--addr", "127.0.0.1:0", "--log-format", "text")
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("kb serve: %w", err)
	}
	s := &server{cmd: cmd, log: logPath, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()
	deadline := time.After(startTimeout)
	for {
		if u := findServing(logPath); u != "" {
			s.url = u
			return s, nil
		}
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("kb serve --analyzer %s exited: %v\n%s", analyzer, err, tail(readFile(logPath)))
		case <-deadline:
			_ = s.stop()
			return nil, fmt.Errorf("kb serve --analyzer %s: not listening after %s", analyzer, startTimeout)
		case <-ctx.Done():
			_ = s.stop()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func findServing(logPath string) string {
	sc := bufio.NewScanner(strings.NewReader(readFile(logPath)))
	for sc.Scan() {
		if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
			return m[1]
		}
	}
	return ""
}

// memory returns the server's peak and current resident set sizes in bytes (VmHWM, VmRSS).
func (s *server) memory() (peak, current int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0, fmt.Errorf("server memory: %w", err)
	}
	return statusKB(string(b), "VmHWM:") * 1024, statusKB(string(b), "VmRSS:") * 1024, nil
}

// clockTick is the unit of the CPU times in /proc/<pid>/stat (USER_HZ, 100 on Linux).
const clockTick = 10 * time.Millisecond

// cpu returns the CPU time (user and system) the server has used so far.
func (s *server) cpu() (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0, fmt.Errorf("server cpu: %w", err)
	}
	return statCPU(string(b))
}

// statCPU reads utime and stime (fields 14 and 15) of a /proc/<pid>/stat line.
func statCPU(stat string) (time.Duration, error) {
	i := strings.LastIndexByte(stat, ')') // the command name may contain spaces
	f := strings.Fields(stat[i+1:])       // f[0] is field 3 (state)
	if i < 0 || len(f) < 13 {
		return 0, fmt.Errorf("server cpu: malformed stat %q", stat)
	}
	var total int64
	for _, s := range f[11:13] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("server cpu: %w", err)
		}
		total += n
	}
	return time.Duration(total) * clockTick, nil
}

// statusKB reads a "Key:   123 kB" line of /proc/<pid>/status.
func statusKB(status, key string) int64 {
	for line := range strings.Lines(status) {
		if rest, ok := strings.CutPrefix(line, key); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// stop asks the server to shut down and kills it if it does not; calls after the first
// return the first one's error.
func (s *server) stop() error {
	s.once.Do(func() { s.err = s.terminate() })
	return s.err
}

func (s *server) terminate() error {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			return fmt.Errorf("kb serve: %w", err)
		}
		return nil
	case <-time.After(stopTimeout):
		_ = s.cmd.Process.Kill()
		<-s.done
		return fmt.Errorf("kb serve did not stop within %s; killed", stopTimeout)
	}
}

func readFile(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

// tail is the last lines of a child's output, for error messages.
func tail(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-15):], "\n")
}

// dirSize is the total size of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}
