//go:build unix

package stats

import (
	"syscall"
	"time"
)

// cpuTime is the user and system CPU time used so far by this process. On a machine shared
// with other work it measures cost far more steadily than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
